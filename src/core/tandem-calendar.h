/* tandem-calendar.h — occurrences in a range, recurrence, iCalendar in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_OCCURRENCE (tandem_occurrence_get_type ())

/* Most imported .ics files are a few kilobytes; anything beyond this is
 * refused before parsing. */
#define TANDEM_CALENDAR_MAX_IMPORT_SIZE (20 * 1024 * 1024)

/* Without an end of the range, open-ended rules are expanded this far
 * beyond the later of the range's start and now. */
#define TANDEM_CALENDAR_OPEN_HORIZON_DAYS 730

/* One occurrence of an event. A non-recurring event has one, with
 * recurrence_id NULL; an occurrence of a recurring event names its
 * original start in recurrence_id (the form of exdates: RFC 3339 in the
 * event's zone, or a date for all-day events). An overridden occurrence is
 * its own event row (recurrence_id set on the row). */
typedef struct
{
  TandemEntity *event;
  gboolean      all_day;
  GDateTime    *start;       /* timed: in the event's zone */
  GDateTime    *end;         /* timed: == start for an instant */
  GDate         start_date;  /* all-day */
  GDate         end_date;    /* all-day: exclusive */
  char         *recurrence_id;
} TandemOccurrence;

GType             tandem_occurrence_get_type   (void) G_GNUC_CONST;
TandemOccurrence *tandem_occurrence_copy       (const TandemOccurrence *occurrence);
void              tandem_occurrence_free       (TandemOccurrence       *occurrence);
gint64            tandem_occurrence_start_unix (const TandemOccurrence *occurrence,
                                                GTimeZone              *day_zone);
JsonObject       *tandem_occurrence_to_json    (const TandemOccurrence *occurrence);
GPtrArray        *tandem_occurrences_to_json   (GPtrArray              *occurrences);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemOccurrence, tandem_occurrence_free)

char             *tandem_calendar_format_time  (const char             *stored,
                                                const char             *tzid,
                                                const char             *vtimezone);

/* Occurrences overlapping [from, to), ordered by start; NULL from/to leave
 * that side open. All-day dates are days of from's (else to's, else the
 * local) zone. */
GPtrArray        *tandem_calendar_list_range   (TandemStore            *store,
                                                GDateTime              *from,
                                                GDateTime              *to,
                                                GError                **error);

/* Recurring events */
GPtrArray        *tandem_calendar_list_overrides (TandemStore          *store,
                                                  const char           *uid,
                                                  GError              **error);
char             *tandem_calendar_shift_rrule  (const char             *rrule,
                                                int                     days);
gboolean          tandem_calendar_delete_occurrence (TandemStore       *store,
                                                     const char        *event_id,
                                                     const char        *when,
                                                     GError           **error);
gboolean          tandem_calendar_delete_event (TandemStore            *store,
                                                const char             *event_id,
                                                gint64                  base_rev,
                                                GError                **error);

/* iCalendar */
char             *tandem_calendar_export       (TandemStore            *store,
                                                GDateTime              *from,
                                                GDateTime              *to,
                                                GError                **error);
gboolean          tandem_calendar_export_file  (TandemStore            *store,
                                                GFile                  *file,
                                                GDateTime              *from,
                                                GDateTime              *to,
                                                GError                **error);
gboolean          tandem_calendar_import       (TandemStore            *store,
                                                const char             *data,
                                                gsize                   length,
                                                guint                  *n_added,
                                                guint                  *n_updated,
                                                GError                **error);
gboolean          tandem_calendar_import_full  (TandemStore            *store,
                                                const char             *data,
                                                gsize                   length,
                                                guint                  *n_added,
                                                guint                  *n_updated,
                                                GStrv                  *warnings,
                                                GError                **error);
gboolean          tandem_calendar_import_file  (TandemStore            *store,
                                                GFile                  *file,
                                                guint                  *n_added,
                                                guint                  *n_updated,
                                                GStrv                  *warnings,
                                                GError                **error);

G_END_DECLS
