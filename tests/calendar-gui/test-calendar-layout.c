/* test-calendar-layout.c — month grids, week numbers, bar lanes, filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-calendar-layout"

#include "config.h"

#include <locale.h>

#include "tandem-calendar-layout.h"

static guint32
julian (guint d, guint m, guint y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static void
assert_date (const GDate *date, guint d, guint m, guint y)
{
  g_assert_cmpuint (g_date_get_day (date), ==, d);
  g_assert_cmpuint (g_date_get_month (date), ==, m);
  g_assert_cmpuint (g_date_get_year (date), ==, y);
}

static void
test_month_grid (void)
{
  GDate first;
  guint rows;

  /* March 2026 starts on a Sunday */
  rows = tandem_calendar_month_grid (2026, 3, G_DATE_MONDAY, &first);
  assert_date (&first, 23, 2, 2026);
  g_assert_cmpuint (rows, ==, 6);

  rows = tandem_calendar_month_grid (2026, 3, G_DATE_SUNDAY, &first);
  assert_date (&first, 1, 3, 2026);
  g_assert_cmpuint (rows, ==, 5);

  /* February 2021: Monday the 1st, 28 days: exactly four rows */
  rows = tandem_calendar_month_grid (2021, 2, G_DATE_MONDAY, &first);
  assert_date (&first, 1, 2, 2021);
  g_assert_cmpuint (rows, ==, 4);
  rows = tandem_calendar_month_grid (2021, 2, G_DATE_SUNDAY, &first);
  assert_date (&first, 31, 1, 2021);
  g_assert_cmpuint (rows, ==, 5);

  g_assert_cmpint (tandem_calendar_weekday_of_column (G_DATE_SUNDAY, 0), ==, G_DATE_SUNDAY);
  g_assert_cmpint (tandem_calendar_weekday_of_column (G_DATE_SUNDAY, 1), ==, G_DATE_MONDAY);
  g_assert_cmpint (tandem_calendar_weekday_of_column (G_DATE_MONDAY, 6), ==, G_DATE_SUNDAY);
}

static void
test_week_numbers (void)
{
  GDate d;

  g_date_clear (&d, 1);
  /* 2026-12-31 is a Thursday: week 53; 2027-01-01 still week 53 */
  g_date_set_dmy (&d, 31, 12, 2026);
  g_assert_cmpuint (tandem_calendar_week_number (&d), ==, 53);
  g_date_set_dmy (&d, 3, 1, 2027);
  g_assert_cmpuint (tandem_calendar_week_number (&d), ==, 53);
  g_date_set_dmy (&d, 4, 1, 2027);
  g_assert_cmpuint (tandem_calendar_week_number (&d), ==, 1);
  /* 2024-12-30 (Monday) is week 1 of 2025 */
  g_date_set_dmy (&d, 30, 12, 2024);
  g_assert_cmpuint (tandem_calendar_week_number (&d), ==, 1);
}

static void
test_locale_first_weekday (void)
{
  if (setlocale (LC_TIME, "de_DE.UTF-8") != NULL)
    g_assert_cmpint (tandem_calendar_locale_first_weekday (), ==, G_DATE_MONDAY);
  if (setlocale (LC_TIME, "en_US.UTF-8") != NULL)
    g_assert_cmpint (tandem_calendar_locale_first_weekday (), ==, G_DATE_SUNDAY);
  setlocale (LC_TIME, "C.UTF-8");
  g_assert_cmpint (tandem_calendar_locale_first_weekday (), ==, G_DATE_MONDAY);
}

static void
test_lanes (void)
{
  guint32 start = julian (23, 2, 2026);   /* a Monday */
  TandemCalendarSpan spans[] = {
    { julian (2, 3, 2026), julian (5, 3, 2026), "A" },   /* Mon–Wed */
    { julian (4, 3, 2026), julian (7, 3, 2026), "B" },   /* Wed–Fri: overlaps A */
    { julian (5, 3, 2026), julian (6, 3, 2026), "C" },   /* Thu: lane of A is free */
    { julian (6, 3, 2026), julian (7, 3, 2026), "D" },   /* Fri: under B, C's lane free */
  };
  guint lanes[6];
  g_autoptr(GArray) segments = tandem_calendar_layout_bars (start, 6, spans, G_N_ELEMENTS (spans), lanes);

  g_assert_cmpuint (segments->len, ==, 4);
  for (guint i = 0; i < segments->len; i++)
    {
      TandemCalendarSegment *s = &g_array_index (segments, TandemCalendarSegment, i);
      const char *name = s->data;

      g_assert_cmpuint (s->row, ==, 1);
      g_assert_false (s->continues_before);
      g_assert_false (s->continues_after);
      if (g_str_equal (name, "A"))
        {
          g_assert_cmpuint (s->lane, ==, 0);
          g_assert_cmpuint (s->column, ==, 0);
          g_assert_cmpuint (s->n_columns, ==, 3);
        }
      else if (g_str_equal (name, "B"))
        g_assert_cmpuint (s->lane, ==, 1);
      else if (g_str_equal (name, "C"))
        g_assert_cmpuint (s->lane, ==, 0);
      else
        g_assert_cmpuint (s->lane, ==, 0);
    }
  g_assert_cmpuint (lanes[0], ==, 0);
  g_assert_cmpuint (lanes[1], ==, 2);
}

static void
test_wrap (void)
{
  guint32 start = julian (23, 2, 2026);
  /* Thursday 5 March to Tuesday 10 March inclusive: two week rows */
  TandemCalendarSpan span = { julian (5, 3, 2026), julian (11, 3, 2026), "X" };
  guint lanes[6];
  g_autoptr(GArray) segments = tandem_calendar_layout_bars (start, 6, &span, 1, lanes);
  TandemCalendarSegment *a, *b;

  g_assert_cmpuint (segments->len, ==, 2);
  a = &g_array_index (segments, TandemCalendarSegment, 0);
  b = &g_array_index (segments, TandemCalendarSegment, 1);
  g_assert_cmpuint (a->row, ==, 1);
  g_assert_cmpuint (a->column, ==, 3);
  g_assert_cmpuint (a->n_columns, ==, 4);
  g_assert_false (a->continues_before);
  g_assert_true (a->continues_after);
  g_assert_cmpuint (b->row, ==, 2);
  g_assert_cmpuint (b->column, ==, 0);
  g_assert_cmpuint (b->n_columns, ==, 2);
  g_assert_true (b->continues_before);
  g_assert_false (b->continues_after);

  /* a span outside the grid leaves no segment */
  span.start = julian (1, 5, 2026);
  span.end = julian (3, 5, 2026);
  g_array_unref (tandem_calendar_layout_bars (start, 6, &span, 1, NULL));
  {
    g_autoptr(GArray) none = tandem_calendar_layout_bars (start, 6, &span, 1, NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_filters (void)
{
  const char *mk_sales[] = { "marketing", "sales", NULL };
  const char *mk_only[] = { "marketing", "marketing", NULL };
  const char *people[] = { "p1", "p2", NULL };
  TandemCalendarItemInfo meeting = { TANDEM_CALENDAR_ITEM_EVENT, "meeting", "c1", people, FALSE };
  TandemCalendarItemInfo launch = { TANDEM_CALENDAR_ITEM_EVENT, "launch", NULL, NULL, FALSE };
  TandemCalendarItemInfo campaign = { TANDEM_CALENDAR_ITEM_CAMPAIGN, NULL, "c1", people, FALSE };
  TandemCalendarItemInfo review = { TANDEM_CALENDAR_ITEM_REVIEW, NULL, "c2", NULL, FALSE };
  TandemCalendarFilter filter = { 0, };

  g_assert_true (tandem_calendar_is_joint ("meeting", mk_sales));
  g_assert_false (tandem_calendar_is_joint ("meeting", mk_only));
  g_assert_false (tandem_calendar_is_joint ("launch", mk_sales));
  g_assert_false (tandem_calendar_is_joint ("meeting", NULL));
  meeting.joint = tandem_calendar_is_joint ("meeting", mk_sales);

  g_assert_true (tandem_calendar_filter_match (NULL, &launch));
  g_assert_true (tandem_calendar_filter_match (&filter, &launch));
  g_assert_true (tandem_calendar_filter_match (&filter, &review));

  filter.kinds = 1u << tandem_calendar_kind_index ("launch");
  g_assert_true (tandem_calendar_filter_match (&filter, &launch));
  g_assert_false (tandem_calendar_filter_match (&filter, &meeting));
  g_assert_true (tandem_calendar_filter_match (&filter, &campaign));
  filter.kinds = 0;

  filter.only_joint = TRUE;
  g_assert_true (tandem_calendar_filter_match (&filter, &meeting));
  g_assert_false (tandem_calendar_filter_match (&filter, &launch));
  g_assert_false (tandem_calendar_filter_match (&filter, &campaign));
  filter.only_joint = FALSE;

  filter.campaign = "c1";
  g_assert_true (tandem_calendar_filter_match (&filter, &meeting));
  g_assert_true (tandem_calendar_filter_match (&filter, &campaign));
  g_assert_false (tandem_calendar_filter_match (&filter, &launch));
  g_assert_false (tandem_calendar_filter_match (&filter, &review));
  filter.campaign = NULL;

  filter.person = "p2";
  g_assert_true (tandem_calendar_filter_match (&filter, &meeting));
  g_assert_false (tandem_calendar_filter_match (&filter, &launch));
  filter.person = "p3";
  g_assert_false (tandem_calendar_filter_match (&filter, &meeting));

  g_assert_cmpint (tandem_calendar_kind_index ("trade-show"), ==, 3);
  g_assert_cmpint (tandem_calendar_kind_index ("bogus"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/layout/month-grid", test_month_grid);
  g_test_add_func ("/calendar/layout/week-numbers", test_week_numbers);
  g_test_add_func ("/calendar/layout/locale-first-weekday", test_locale_first_weekday);
  g_test_add_func ("/calendar/layout/lanes", test_lanes);
  g_test_add_func ("/calendar/layout/wrap", test_wrap);
  g_test_add_func ("/calendar/layout/filters", test_filters);

  return g_test_run ();
}
