/* tandem-reviews-view-private.h — hooks for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-asset-page.h"
#include "tandem-review-util.h"
#include "tandem-reviews-view.h"

G_BEGIN_DECLS

/* How many times the list was rebuilt from the store */
guint            _tandem_reviews_view_get_generation (TandemReviewsView *self);
/* "loading", "empty", "list" or "asset" */
const char      *_tandem_reviews_view_get_page       (TandemReviewsView *self);
TandemAssetPage *_tandem_reviews_view_get_asset_page (TandemReviewsView *self);
/* The asset ids of @group in the order shown */
GStrv            _tandem_reviews_view_get_group_ids  (TandemReviewsView *self,
                                                      TandemReviewGroup  group);
/* The first row of the first group shown, activated as a click would */
GtkWidget       *_tandem_reviews_view_get_first_row  (TandemReviewsView *self);

G_END_DECLS
