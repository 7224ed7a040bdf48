/* tandem-asset-page-private.h — hooks for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-asset-page.h"
#include "tandem-document-view.h"

G_BEGIN_DECLS

/* How many times the page has shown fresh data from the store */
guint               _tandem_asset_page_get_generation    (TandemAssetPage *self);
TandemDocumentView *_tandem_asset_page_get_document_view (TandemAssetPage *self);
GtkWidget          *_tandem_asset_page_get_finalize_button (TandemAssetPage *self);
GtkWidget          *_tandem_asset_page_get_comment_entry (TandemAssetPage *self);
GtkWidget          *_tandem_asset_page_get_decision_note (TandemAssetPage *self);
const char         *_tandem_asset_page_get_blockers_text (TandemAssetPage *self);
const char         *_tandem_asset_page_get_last_toast    (TandemAssetPage *self);
guint               _tandem_asset_page_get_n_threads     (TandemAssetPage *self);
/* Shows version @number (0: the current one) */
void                _tandem_asset_page_show_version      (TandemAssetPage *self,
                                                          gint64           number);
/* Whether writes or reads are under way on worker threads */
gboolean            _tandem_asset_page_get_busy          (TandemAssetPage *self);

/* The toast shown last, while it is shown */
AdwToast           *_tandem_asset_page_get_last_toast_object (TandemAssetPage *self);
GtkWidget          *_tandem_asset_page_get_mention_list  (TandemAssetPage *self);
GtkWidget          *_tandem_asset_page_get_comments_list (TandemAssetPage *self);

G_END_DECLS
