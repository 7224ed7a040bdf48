/* tandem-calendar-layout.c — month grids, week numbers, bar lanes, filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-calendar-layout"

#include "config.h"

#include <langinfo.h>
#include <string.h>

#include "tandem-calendar-layout.h"

static const char * const kinds[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other" };

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == TANDEM_CALENDAR_N_KINDS);

/* glibc: _NL_TIME_WEEK_1STDAY is a date (19971130 = a Sunday, 19971201 =
 * a Monday) and _NL_TIME_FIRST_WEEKDAY counts from that day (1 = itself).
 * The same computation as gnome-calendar's. */
GDateWeekday
tandem_calendar_locale_first_weekday (void)
{
#if defined(__GLIBC__) && defined(_NL_TIME_FIRST_WEEKDAY)
  union { unsigned int word; char *string; } week_1stday;
  int first_weekday = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  int week_origin;
  int day;

  week_1stday.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = (int) week_1stday.word;
  if (week_origin == 19971130)       /* Sunday */
    day = 0;
  else if (week_origin == 19971201)  /* Monday */
    day = 1;
  else
    return G_DATE_MONDAY;

  /* 0 = Sunday … 6 = Saturday */
  day = (day + first_weekday - 1) % 7;
  return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
#else
  return G_DATE_MONDAY;
#endif
}

void
tandem_calendar_week_start (const GDate  *day,
                            GDateWeekday  first_weekday,
                            GDate        *out)
{
  guint back;

  g_return_if_fail (g_date_valid (day));
  g_return_if_fail (out != NULL);

  back = ((guint) g_date_get_weekday (day) + 7 - (guint) first_weekday) % 7;
  *out = *day;
  g_date_subtract_days (out, back);
}

/* The first cell of @month's grid in @out_first; returns the number of
 * week rows (4 to 6) the month needs. */
guint
tandem_calendar_month_grid (guint         year,
                            guint         month,
                            GDateWeekday  first_weekday,
                            GDate        *out_first)
{
  GDate first;
  guint days, lead;

  g_return_val_if_fail (g_date_valid_dmy (1, month, year), 0);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  tandem_calendar_week_start (&first, first_weekday, out_first);
  lead = g_date_get_julian (&first) - g_date_get_julian (out_first);
  days = g_date_get_days_in_month (month, year);
  return (lead + days + 6) / 7;
}

guint
tandem_calendar_week_number (const GDate *day)
{
  g_return_val_if_fail (g_date_valid (day), 0);
  return g_date_get_iso8601_week_of_year (day);
}

GDateWeekday
tandem_calendar_weekday_of_column (GDateWeekday first_weekday,
                                   guint        column)
{
  return (GDateWeekday) (((guint) first_weekday - 1 + column) % 7 + 1);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const TandemCalendarSpan *spans = user_data;
  const TandemCalendarSpan *x = &spans[*(const guint *) a];
  const TandemCalendarSpan *y = &spans[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* longer first, so they take the upper lanes */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Cuts @spans into one segment per week row they touch, and gives each
 * segment the lowest lane free over all its columns in that row. Returns
 * TandemCalendarSegments ordered by row, then lane; @out_lanes_per_row
 * (n_rows entries, optional) receives the lanes each row needs. */
GArray *
tandem_calendar_layout_bars (guint32                   grid_start,
                             guint                     n_rows,
                             const TandemCalendarSpan *spans,
                             guint                     n_spans,
                             guint                    *out_lanes_per_row)
{
  g_autofree guint *order = g_new (guint, n_spans + 1);
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (TandemCalendarSegment));

  for (guint i = 0; i < n_spans; i++)
    order[i] = i;
  g_qsort_with_data (order, n_spans, sizeof (guint), compare_spans, (gpointer) spans);

  for (guint row = 0; row < n_rows; row++)
    {
      guint32 row_start = grid_start + row * 7;
      guint32 row_end = row_start + 7;
      /* lane_end[lane] = first free column of that lane */
      g_autoptr(GArray) lane_end = g_array_new (FALSE, TRUE, sizeof (guint));

      for (guint k = 0; k < n_spans; k++)
        {
          const TandemCalendarSpan *span = &spans[order[k]];
          TandemCalendarSegment segment = { 0, };
          guint32 from, to;
          guint lane;

          if (span->end <= row_start || span->start >= row_end || span->end <= span->start)
            continue;
          from = MAX (span->start, row_start);
          to = MIN (span->end, row_end);

          segment.data = span->data;
          segment.span_index = order[k];
          segment.row = row;
          segment.column = from - row_start;
          segment.n_columns = to - from;
          segment.continues_before = span->start < row_start;
          segment.continues_after = span->end > row_end;

          /* spans come by start: a lane is free if its last bar ended */
          for (lane = 0; lane < lane_end->len; lane++)
            if (g_array_index (lane_end, guint, lane) <= segment.column)
              break;
          if (lane == lane_end->len)
            g_array_set_size (lane_end, lane + 1);
          g_array_index (lane_end, guint, lane) = segment.column + segment.n_columns;
          segment.lane = lane;
          g_array_append_val (segments, segment);
        }

      if (out_lanes_per_row != NULL)
        out_lanes_per_row[row] = lane_end->len;
    }

  return segments;
}

int
tandem_calendar_kind_index (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return (int) i;
  return -1;
}

const char *
tandem_calendar_kind_name (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (kinds), NULL);
  return kinds[index];
}

/* A joint meeting: a meeting with people from marketing and from sales. */
gboolean
tandem_calendar_is_joint (const char         *kind,
                          const char * const *attendee_roles)
{
  gboolean marketing = FALSE, sales = FALSE;

  if (g_strcmp0 (kind, "meeting") != 0 || attendee_roles == NULL)
    return FALSE;
  for (guint i = 0; attendee_roles[i] != NULL; i++)
    {
      marketing |= g_str_equal (attendee_roles[i], "marketing");
      sales |= g_str_equal (attendee_roles[i], "sales");
    }
  return marketing && sales;
}

/* Kinds and "only joint" apply to events; the campaign filter keeps a
 * campaign's own bar, its events and its assets' due dates; the person
 * filter keeps what they attend, own or review. */
gboolean
tandem_calendar_filter_match (const TandemCalendarFilter   *filter,
                              const TandemCalendarItemInfo *item)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (filter == NULL)
    return TRUE;

  if (item->type == TANDEM_CALENDAR_ITEM_EVENT)
    {
      int index = tandem_calendar_kind_index (item->kind);

      if (filter->kinds != 0 && (index < 0 || !(filter->kinds & (1u << index))))
        return FALSE;
      if (filter->only_joint && !item->joint)
        return FALSE;
    }
  else if (filter->only_joint)
    return FALSE;

  if (filter->campaign != NULL && filter->campaign[0] != '\0' &&
      g_strcmp0 (filter->campaign, item->campaign) != 0)
    return FALSE;

  if (filter->person != NULL && filter->person[0] != '\0' &&
      (item->people == NULL || !g_strv_contains (item->people, filter->person)))
    return FALSE;

  return TRUE;
}
