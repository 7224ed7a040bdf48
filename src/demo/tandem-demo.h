/* tandem-demo.h — the demo data set: a believable German/English team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* Adds the demo data set to @store in one transaction, dated around today
 * (all or nothing). @seed makes it reproducible. */
gboolean tandem_demo_populate (TandemStore   *store,
                               guint          seed,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
