/* tandem-review-notifier.h — desktop notifications of review requests and decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_REVIEW_NOTIFIER (tandem_review_notifier_get_type ())

G_DECLARE_FINAL_TYPE (TandemReviewNotifier, tandem_review_notifier, TANDEM, REVIEW_NOTIFIER, GObject)

/* Watches @store while the application runs; "me" comes from GSettings */
TandemReviewNotifier *tandem_review_notifier_new          (GApplication         *application,
                                                           TandemStore          *store);
/* The id of the last notification sent, for tests; NULL before any */
const char           *tandem_review_notifier_get_last_id  (TandemReviewNotifier *self);

G_END_DECLS
