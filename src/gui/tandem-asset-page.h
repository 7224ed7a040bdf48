/* tandem-asset-page.h — one asset under review: document, comments,
 * decisions, versions, finalize
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ASSET_PAGE (tandem_asset_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemAssetPage, tandem_asset_page, TANDEM, ASSET_PAGE, GtkWidget)

TandemAssetPage *tandem_asset_page_new          (TandemStore     *store,
                                                 GListModel      *people);
TandemStore     *tandem_asset_page_get_store    (TandemAssetPage *self);
const char      *tandem_asset_page_get_asset_id (TandemAssetPage *self);
void             tandem_asset_page_set_asset_id (TandemAssetPage *self,
                                                 const char      *asset_id);

G_END_DECLS
