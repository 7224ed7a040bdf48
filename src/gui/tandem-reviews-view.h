/* tandem-reviews-view.h — every asset under review, "Waiting for me" first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_REVIEWS_VIEW (tandem_reviews_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemReviewsView, tandem_reviews_view, TANDEM, REVIEWS_VIEW, GtkWidget)

TandemReviewsView *tandem_reviews_view_new        (TandemStore       *store,
                                                   GListModel        *people);
TandemStore       *tandem_reviews_view_get_store  (TandemReviewsView *self);
/* Shows the asset page of @asset_id (NULL: back to the list) */
void               tandem_reviews_view_open_asset (TandemReviewsView *self,
                                                   const char        *asset_id);

G_END_DECLS
