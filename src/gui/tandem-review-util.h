/* tandem-review-util.h — pure helpers of the review views: grouping and
 * ordering of the reviews list, pin geometry between page and widget,
 * what a store change means for notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TANDEM_REVIEW_GROUP_WAITING,           /* I am a reviewer and have not decided */
  TANDEM_REVIEW_GROUP_CHANGES_REQUESTED,
  TANDEM_REVIEW_GROUP_IN_REVIEW,
  TANDEM_REVIEW_GROUP_APPROVED,
  TANDEM_REVIEW_GROUP_DRAFT,
  TANDEM_REVIEW_GROUP_FINAL,
  TANDEM_REVIEW_N_GROUPS,
} TandemReviewGroup;

TandemReviewGroup tandem_review_group_for     (const char        *state,
                                               gboolean           waiting_for_me);
const char       *tandem_review_group_title   (TandemReviewGroup  group);
/* Within a group: due date first (none last), then title, then id */
int               tandem_review_compare_items (const char        *due_a,
                                               const char        *title_a,
                                               const char        *id_a,
                                               const char        *due_b,
                                               const char        *title_b,
                                               const char        *id_b);
/* Whether @due (YYYY-MM-DD) lies before @today and the asset is not final */
gboolean          tandem_review_is_overdue    (const char        *due,
                                               const char        *state,
                                               const GDate       *today);

/* Where the page lies inside a widget of @widget_width × @widget_height
 * when drawn @page_width × @page_height pixels, centred */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TandemPageRect;

TandemPageRect    tandem_page_rect_centered   (double             widget_width,
                                               double             widget_height,
                                               double             page_width,
                                               double             page_height);
/* Widget coordinates → fractions of the page, clamped to 0–1 */
void              tandem_page_to_fraction     (const TandemPageRect *rect,
                                               double             wx,
                                               double             wy,
                                               double            *fx,
                                               double            *fy);
void              tandem_page_from_fraction   (const TandemPageRect *rect,
                                               double             fx,
                                               double             fy,
                                               double            *wx,
                                               double            *wy);
/* A drag from (x1, y1) to (x2, y2) in widget coordinates as an anchor in
 * fractions: a pin (w = h = 0) when it moved less than @slop pixels */
void              tandem_page_drag_to_anchor  (const TandemPageRect *rect,
                                               double             x1,
                                               double             y1,
                                               double             x2,
                                               double             y2,
                                               double             slop,
                                               double            *fx,
                                               double            *fy,
                                               double            *fw,
                                               double            *fh);
/* Scale that makes a page of @page_width points fill @available pixels */
double            tandem_page_fit_width_scale (double             available,
                                               double             page_width);

/* What a change to an asset means for me (notifications) */
typedef enum
{
  TANDEM_REVIEW_NOTICE_NONE,
  TANDEM_REVIEW_NOTICE_REQUESTED,    /* entered in_review, I review it */
  TANDEM_REVIEW_NOTICE_NEW_VERSION,  /* a new version under review, I review it */
} TandemReviewNotice;

TandemReviewNotice tandem_review_notice_for   (const char        *old_state,
                                               gint64             old_version,
                                               const char        *new_state,
                                               gint64             new_version,
                                               const char * const *reviewers,
                                               const char        *me);

G_END_DECLS
