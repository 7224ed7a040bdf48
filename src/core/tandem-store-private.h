/* tandem-store-private.h — package-private store API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

GPtrArray *_tandem_store_list_where (TandemStore   *self,
                                     GType          type,
                                     const char    *indexed_by,
                                     const char    *where,
                                     const GValue  *params,
                                     guint          n_params,
                                     GError       **error);

G_END_DECLS
