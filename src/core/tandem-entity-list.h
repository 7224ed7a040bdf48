/* tandem-entity-list.h — a live GListModel of the rows of one type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ENTITY_LIST (tandem_entity_list_get_type ())

G_DECLARE_FINAL_TYPE (TandemEntityList, tandem_entity_list, TANDEM, ENTITY_LIST, GObject)

TandemEntityList *tandem_entity_list_new         (TandemStore          *store,
                                                  GType                 type);
gboolean          tandem_entity_list_load        (TandemEntityList     *self,
                                                  GError              **error);
void              tandem_entity_list_load_async  (TandemEntityList     *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          tandem_entity_list_load_finish (TandemEntityList     *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean          tandem_entity_list_get_loaded  (TandemEntityList     *self);
TandemEntity     *tandem_entity_list_lookup      (TandemEntityList     *self,
                                                  const char           *id,
                                                  guint                *position);
TandemStore      *tandem_entity_list_get_store   (TandemEntityList     *self);

G_END_DECLS
