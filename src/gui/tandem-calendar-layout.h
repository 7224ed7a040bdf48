/* tandem-calendar-layout.h — the calendar's pure view logic: month grids,
 * week numbers, bars in week rows, filters. No GTK, tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TANDEM_CALENDAR_ITEM_EVENT,
  TANDEM_CALENDAR_ITEM_CAMPAIGN,
  TANDEM_CALENDAR_ITEM_REVIEW,
} TandemCalendarItemType;

/* The event kinds, in the order of the core's choices; bit i of a kind
 * mask is kind i. */
#define TANDEM_CALENDAR_N_KINDS 6
#define TANDEM_CALENDAR_ALL_KINDS ((1u << TANDEM_CALENDAR_N_KINDS) - 1)

typedef struct
{
  guint32  start;     /* Julian day of the first day */
  guint32  end;       /* Julian day after the last (exclusive) */
  gpointer data;
} TandemCalendarSpan;

/* One piece of a span inside one week row */
typedef struct
{
  gpointer data;
  guint    span_index;
  guint    row;
  guint    column;
  guint    n_columns;
  guint    lane;
  gboolean continues_before;
  gboolean continues_after;
} TandemCalendarSegment;

typedef struct
{
  guint       kinds;        /* mask of kinds shown; 0 = all */
  const char *campaign;     /* id, or NULL for any */
  const char *person;       /* id, or NULL for anyone */
  gboolean    only_joint;
} TandemCalendarFilter;

typedef struct
{
  TandemCalendarItemType  type;
  const char             *kind;       /* events */
  const char             *campaign;   /* the event's or asset's campaign; a campaign's own id */
  const char * const     *people;     /* attendees, owners or reviewers */
  gboolean                joint;
} TandemCalendarItemInfo;

GDateWeekday tandem_calendar_locale_first_weekday (void);
void         tandem_calendar_week_start          (const GDate            *day,
                                                  GDateWeekday            first_weekday,
                                                  GDate                  *out);
guint        tandem_calendar_month_grid          (guint                   year,
                                                  guint                   month,
                                                  GDateWeekday            first_weekday,
                                                  GDate                  *out_first);
guint        tandem_calendar_week_number         (const GDate            *day);
GDateWeekday tandem_calendar_weekday_of_column   (GDateWeekday            first_weekday,
                                                  guint                   column);
GArray      *tandem_calendar_layout_bars         (guint32                 grid_start,
                                                  guint                   n_rows,
                                                  const TandemCalendarSpan *spans,
                                                  guint                   n_spans,
                                                  guint                  *out_lanes_per_row);
int          tandem_calendar_kind_index          (const char             *kind);
const char  *tandem_calendar_kind_name           (guint                   index);
gboolean     tandem_calendar_is_joint            (const char             *kind,
                                                  const char * const     *attendee_roles);
gboolean     tandem_calendar_filter_match        (const TandemCalendarFilter *filter,
                                                  const TandemCalendarItemInfo *item);

G_END_DECLS
