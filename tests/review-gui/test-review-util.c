/* test-review-util.c — the pure helpers of the review views, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-review-util"

#include <math.h>

#include "tandem-review-util.h"

static void
test_groups (void)
{
  /* waiting for me beats every state */
  g_assert_cmpint (tandem_review_group_for ("in_review", TRUE), ==, TANDEM_REVIEW_GROUP_WAITING);
  g_assert_cmpint (tandem_review_group_for ("changes_requested", TRUE), ==, TANDEM_REVIEW_GROUP_WAITING);
  g_assert_cmpint (tandem_review_group_for ("in_review", FALSE), ==, TANDEM_REVIEW_GROUP_IN_REVIEW);
  g_assert_cmpint (tandem_review_group_for ("changes_requested", FALSE), ==, TANDEM_REVIEW_GROUP_CHANGES_REQUESTED);
  g_assert_cmpint (tandem_review_group_for ("approved", FALSE), ==, TANDEM_REVIEW_GROUP_APPROVED);
  g_assert_cmpint (tandem_review_group_for ("draft", FALSE), ==, TANDEM_REVIEW_GROUP_DRAFT);
  g_assert_cmpint (tandem_review_group_for ("final", FALSE), ==, TANDEM_REVIEW_GROUP_FINAL);
  /* "Waiting for me" is the first group */
  g_assert_cmpint (TANDEM_REVIEW_GROUP_WAITING, ==, 0);
  for (int g = 0; g < TANDEM_REVIEW_N_GROUPS; g++)
    g_assert_nonnull (tandem_review_group_title (g));
}

static void
test_order (void)
{
  /* earlier due first, no due date last, then by title, then id */
  g_assert_cmpint (tandem_review_compare_items ("2026-01-02", "B", "1", "2026-01-03", "A", "2"), <, 0);
  g_assert_cmpint (tandem_review_compare_items (NULL, "A", "1", "2026-01-03", "B", "2"), >, 0);
  g_assert_cmpint (tandem_review_compare_items ("2026-01-03", "Z", "1", NULL, "A", "2"), <, 0);
  g_assert_cmpint (tandem_review_compare_items ("2026-01-03", "Apfel", "1", "2026-01-03", "Birne", "2"), <, 0);
  g_assert_cmpint (tandem_review_compare_items (NULL, "Same", "a", NULL, "Same", "b"), <, 0);
  g_assert_cmpint (tandem_review_compare_items (NULL, "Same", "a", NULL, "Same", "a"), ==, 0);
}

static void
test_overdue (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, 11, 2026);
  g_assert_true (tandem_review_is_overdue ("2026-11-23", "in_review", &today));
  g_assert_false (tandem_review_is_overdue ("2026-11-24", "in_review", &today));
  g_assert_false (tandem_review_is_overdue ("2026-11-25", "in_review", &today));
  /* final assets are never late */
  g_assert_false (tandem_review_is_overdue ("2026-11-01", "final", &today));
  g_assert_false (tandem_review_is_overdue (NULL, "in_review", &today));
  g_assert_false (tandem_review_is_overdue ("garbage", "in_review", &today));
}

static void
test_geometry (void)
{
  /* a 200 × 300 page centred in a 400 × 300 widget */
  TandemPageRect rect = tandem_page_rect_centered (400, 300, 200, 300);
  double fx, fy, wx, wy, fw, fh;

  g_assert_cmpfloat (rect.x, ==, 100);
  g_assert_cmpfloat (rect.y, ==, 0);

  tandem_page_to_fraction (&rect, 150, 75, &fx, &fy);
  g_assert_cmpfloat_with_epsilon (fx, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fy, 0.25, 1e-9);
  tandem_page_from_fraction (&rect, fx, fy, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 75, 1e-9);

  /* outside the page clamps to its edge */
  tandem_page_to_fraction (&rect, 20, 400, &fx, &fy);
  g_assert_cmpfloat (fx, ==, 0);
  g_assert_cmpfloat (fy, ==, 1);

  /* the same fraction lands on the same spot of the page at any zoom */
  for (double zoom = 0.5; zoom <= 4.0; zoom *= 2)
    {
      TandemPageRect zoomed = tandem_page_rect_centered (400, 300, 200 * zoom, 300 * zoom);

      tandem_page_from_fraction (&zoomed, 0.25, 0.5, &wx, &wy);
      tandem_page_to_fraction (&zoomed, wx, wy, &fx, &fy);
      g_assert_cmpfloat_with_epsilon (fx, 0.25, 1e-9);
      g_assert_cmpfloat_with_epsilon (fy, 0.5, 1e-9);
      g_assert_cmpfloat_with_epsilon (wx - zoomed.x, 0.25 * 200 * zoom, 1e-9);
    }

  /* a click is a pin, a drag a region, whichever way it went */
  tandem_page_drag_to_anchor (&rect, 150, 75, 152, 76, 6, &fx, &fy, &fw, &fh);
  g_assert_cmpfloat_with_epsilon (fx, 0.25, 1e-9);
  g_assert_cmpfloat (fw, ==, 0);
  g_assert_cmpfloat (fh, ==, 0);
  tandem_page_drag_to_anchor (&rect, 200, 150, 150, 75, 6, &fx, &fy, &fw, &fh);
  g_assert_cmpfloat_with_epsilon (fx, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fy, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fw, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fh, 0.25, 1e-9);

  g_assert_cmpfloat_with_epsilon (tandem_page_fit_width_scale (800, 400), 2.0, 1e-9);
  g_assert_cmpfloat (tandem_page_fit_width_scale (0, 400), ==, 1.0);
}

static void
test_notice (void)
{
  const char * const reviewers[] = { "me", "other", NULL };
  const char * const others[] = { "other", NULL };

  g_assert_cmpint (tandem_review_notice_for ("draft", 1, "in_review", 1, reviewers, "me"), ==,
                   TANDEM_REVIEW_NOTICE_REQUESTED);
  g_assert_cmpint (tandem_review_notice_for ("changes_requested", 1, "in_review", 2, reviewers, "me"), ==,
                   TANDEM_REVIEW_NOTICE_NEW_VERSION);
  /* nothing new for me */
  g_assert_cmpint (tandem_review_notice_for ("in_review", 1, "in_review", 1, reviewers, "me"), ==,
                   TANDEM_REVIEW_NOTICE_NONE);
  g_assert_cmpint (tandem_review_notice_for ("draft", 1, "in_review", 1, others, "me"), ==,
                   TANDEM_REVIEW_NOTICE_NONE);
  g_assert_cmpint (tandem_review_notice_for ("draft", 1, "in_review", 1, reviewers, ""), ==,
                   TANDEM_REVIEW_NOTICE_NONE);
  g_assert_cmpint (tandem_review_notice_for ("in_review", 1, "approved", 1, reviewers, "me"), ==,
                   TANDEM_REVIEW_NOTICE_NONE);
  /* a draft getting a new version is no request */
  g_assert_cmpint (tandem_review_notice_for ("draft", 1, "draft", 2, reviewers, "me"), ==,
                   TANDEM_REVIEW_NOTICE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review-util/groups", test_groups);
  g_test_add_func ("/review-util/order", test_order);
  g_test_add_func ("/review-util/overdue", test_overdue);
  g_test_add_func ("/review-util/geometry", test_geometry);
  g_test_add_func ("/review-util/notice", test_notice);
  return g_test_run ();
}
