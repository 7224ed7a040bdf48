/* tandem-store-private.h — package-private store API for the core's own rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* One card of a board column: enough to place a campaign */
typedef struct
{
  char   *id;
  gint64  position;
} TandemColumnEntry;

GArray *_tandem_store_column (TandemStore  *self,
                              const char   *stage,
                              GError      **error);
/* The last position in the column @stage without @exclude_id; -1 when the
 * column is empty, -2 on an error */
gint64   _tandem_store_column_last (TandemStore  *self,
                                    const char   *stage,
                                    const char   *exclude_id,
                                    GError      **error);

GPtrArray *_tandem_store_list_where (TandemStore   *self,
                                     GType          type,
                                     const char    *indexed_by,
                                     const char    *where,
                                     const GValue  *params,
                                     guint          n_params,
                                     GError       **error);

/* TRUE when SQLite's locks are kept apart from other descriptors of the
 * file (tandem-file-lock.c) */
gboolean _tandem_file_locks_are_private (void);

G_END_DECLS
