/* tandem-demo.h — the demo data set: a believable German/English team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* Adds the demo data set to @store in one transaction, dated around today
 * (all or nothing). @seed makes it reproducible. The demo team is added
 * once per workspace: when one of its people is already there, it refuses
 * with TANDEM_ERROR_EXISTS and changes nothing. Cancelling @cancellable
 * (checked between steps) rolls everything back with G_IO_ERROR_CANCELLED. */
gboolean tandem_demo_populate (TandemStore   *store,
                               guint          seed,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
