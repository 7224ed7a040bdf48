/* tandem-review-util.c — pure helpers of the review views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-review-util"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-review-util.h"
#include "tandem-util.h"

TandemReviewGroup
tandem_review_group_for (const char *state,
                         gboolean    waiting_for_me)
{
  if (waiting_for_me)
    return TANDEM_REVIEW_GROUP_WAITING;
  if (g_strcmp0 (state, "changes_requested") == 0)
    return TANDEM_REVIEW_GROUP_CHANGES_REQUESTED;
  if (g_strcmp0 (state, "in_review") == 0)
    return TANDEM_REVIEW_GROUP_IN_REVIEW;
  if (g_strcmp0 (state, "approved") == 0)
    return TANDEM_REVIEW_GROUP_APPROVED;
  if (g_strcmp0 (state, "final") == 0)
    return TANDEM_REVIEW_GROUP_FINAL;
  return TANDEM_REVIEW_GROUP_DRAFT;
}

const char *
tandem_review_group_title (TandemReviewGroup group)
{
  switch (group)
    {
    case TANDEM_REVIEW_GROUP_WAITING:
      return _("Waiting for Me");
    case TANDEM_REVIEW_GROUP_CHANGES_REQUESTED:
      return _("Changes Requested");
    case TANDEM_REVIEW_GROUP_IN_REVIEW:
      return _("In Review");
    case TANDEM_REVIEW_GROUP_APPROVED:
      return _("Approved");
    case TANDEM_REVIEW_GROUP_DRAFT:
      return _("Drafts");
    case TANDEM_REVIEW_GROUP_FINAL:
      return _("Final");
    case TANDEM_REVIEW_N_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
has_text (const char *s)
{
  return s != NULL && s[0] != '\0';
}

int
tandem_review_compare_items (const char *due_a,
                             const char *title_a,
                             const char *id_a,
                             const char *due_b,
                             const char *title_b,
                             const char *id_b)
{
  int order;

  if (has_text (due_a) != has_text (due_b))
    return has_text (due_a) ? -1 : 1;
  if ((order = g_strcmp0 (due_a, due_b)) != 0)
    return order;
  if (title_a != NULL && title_b != NULL)
    {
      g_autofree char *ka = g_utf8_collate_key (title_a, -1);
      g_autofree char *kb = g_utf8_collate_key (title_b, -1);

      if ((order = g_strcmp0 (ka, kb)) != 0)
        return order;
    }
  return g_strcmp0 (id_a, id_b);
}

gboolean
tandem_review_is_overdue (const char  *due,
                          const char  *state,
                          const GDate *today)
{
  GDate date;

  if (!has_text (due) || g_strcmp0 (state, "final") == 0)
    return FALSE;
  if (!tandem_parse_date (due, &date))
    return FALSE;
  return g_date_compare (&date, today) < 0;
}

TandemPageRect
tandem_page_rect_centered (double widget_width,
                           double widget_height,
                           double page_width,
                           double page_height)
{
  TandemPageRect rect;

  rect.width = page_width;
  rect.height = page_height;
  rect.x = MAX (0.0, (widget_width - page_width) / 2.0);
  rect.y = MAX (0.0, (widget_height - page_height) / 2.0);
  return rect;
}

void
tandem_page_to_fraction (const TandemPageRect *rect,
                         double                wx,
                         double                wy,
                         double               *fx,
                         double               *fy)
{
  *fx = rect->width > 0 ? CLAMP ((wx - rect->x) / rect->width, 0.0, 1.0) : 0.0;
  *fy = rect->height > 0 ? CLAMP ((wy - rect->y) / rect->height, 0.0, 1.0) : 0.0;
}

void
tandem_page_from_fraction (const TandemPageRect *rect,
                           double                fx,
                           double                fy,
                           double               *wx,
                           double               *wy)
{
  *wx = rect->x + fx * rect->width;
  *wy = rect->y + fy * rect->height;
}

void
tandem_page_drag_to_anchor (const TandemPageRect *rect,
                            double                x1,
                            double                y1,
                            double                x2,
                            double                y2,
                            double                slop,
                            double               *fx,
                            double               *fy,
                            double               *fw,
                            double               *fh)
{
  double ax, ay, bx, by;

  tandem_page_to_fraction (rect, x1, y1, &ax, &ay);
  if (hypot (x2 - x1, y2 - y1) < slop)
    {
      *fx = ax;
      *fy = ay;
      *fw = *fh = 0.0;
      return;
    }
  tandem_page_to_fraction (rect, x2, y2, &bx, &by);
  *fx = MIN (ax, bx);
  *fy = MIN (ay, by);
  *fw = fabs (bx - ax);
  *fh = fabs (by - ay);
}

double
tandem_page_fit_width_scale (double available,
                             double page_width)
{
  if (page_width <= 0 || available <= 0)
    return 1.0;
  return CLAMP (available / page_width, 0.05, 8.0);
}

TandemReviewNotice
tandem_review_notice_for (const char         *old_state,
                          gint64              old_version,
                          const char         *new_state,
                          gint64              new_version,
                          const char * const *reviewers,
                          const char         *me)
{
  if (!has_text (me) || reviewers == NULL || !g_strv_contains (reviewers, me) ||
      g_strcmp0 (new_state, "in_review") != 0)
    return TANDEM_REVIEW_NOTICE_NONE;
  if (old_state != NULL && new_version > old_version)
    return TANDEM_REVIEW_NOTICE_NEW_VERSION;
  if (g_strcmp0 (old_state, "in_review") != 0)
    return TANDEM_REVIEW_NOTICE_REQUESTED;
  return TANDEM_REVIEW_NOTICE_NONE;
}
