/* tandem-event.c — the event row: its fields and the rules across them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-event"

#include "tandem-calendar-private.h"
#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-util.h"

struct _TandemEvent
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemEvent, tandem_event, TANDEM_TYPE_ENTITY)

static const char * const kind_choices[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other", NULL };

static const TandemFieldInfo fields[] = {
  { "title", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "kind", TANDEM_FIELD_ENUM, 0, kind_choices, NULL, "meeting" },
  { "all_day", TANDEM_FIELD_BOOL },
  { "start", TANDEM_FIELD_DATE_TIME, TANDEM_FIELD_REQUIRED },
  { "end", TANDEM_FIELD_DATE_TIME, TANDEM_FIELD_NULLABLE },
  { "tzid", TANDEM_FIELD_STRING, TANDEM_FIELD_NULLABLE },
  { "location", TANDEM_FIELD_STRING },
  { "attendees", TANDEM_FIELD_REF_LIST, 0, NULL, "person" },
  { "notes", TANDEM_FIELD_TEXT },
  { "campaign", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "campaign" },
  { "rrule", TANDEM_FIELD_STRING, TANDEM_FIELD_NULLABLE },
  { "exdates", TANDEM_FIELD_STRING_LIST },
  { "uid", TANDEM_FIELD_STRING },
  { "created_by", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  /* schema 2: an overridden occurrence shares its master's uid and names
   * the original start it replaces; an imported VTIMEZONE definition for a
   * zone that is not an IANA one */
  { "recurrence_id", TANDEM_FIELD_DATE_TIME, TANDEM_FIELD_NULLABLE },
  { "vtimezone", TANDEM_FIELD_TEXT, TANDEM_FIELD_NULLABLE },
};

static gboolean
tandem_event_validate (TandemEntity  *entity,
                       GError       **error)
{
  gboolean all_day = tandem_entity_get_bool (entity, "all_day");
  const char *start = tandem_entity_get_string (entity, "start");
  const char *end = tandem_entity_get_string (entity, "end");
  const char *tzid = tandem_entity_get_string (entity, "tzid");

  if (all_day)
    {
      if (!tandem_parse_date (start, NULL) || (end != NULL && !tandem_parse_date (end, NULL)))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "an all-day event has dates (YYYY-MM-DD), not times");
          return FALSE;
        }
      if (end != NULL && g_strcmp0 (end, start) <= 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "end (%s) must be after start (%s); the end of an all-day event is exclusive", end, start);
          return FALSE;
        }
    }
  else
    {
      g_autoptr(GDateTime) s = tandem_parse_date_time (start, NULL);
      g_autoptr(GDateTime) e = end ? tandem_parse_date_time (end, NULL) : NULL;

      if (s == NULL || (end != NULL && e == NULL))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "a timed event has start and end times (RFC 3339), not dates");
          return FALSE;
        }
      if (e != NULL && g_date_time_compare (e, s) < 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "end (%s) is before start (%s)", end, start);
          return FALSE;
        }
    }

  /* the years the calendar can compute (the same rule as the import's) */
  for (const char *when = start; when != NULL; when = when == start ? end : NULL)
    {
      int year = (int) g_ascii_strtoll (when, NULL, 10);
      if (year < TANDEM_CALENDAR_FIRST_YEAR || year > TANDEM_CALENDAR_LAST_YEAR)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is outside the years %d to %d that the "
                       "calendar can show", when, TANDEM_CALENDAR_FIRST_YEAR, TANDEM_CALENDAR_LAST_YEAR);
          return FALSE;
        }
    }

  /* IANA zones, and others whose VTIMEZONE definition came along */
  if (tzid != NULL && tzid[0] != '\0' &&
      _tandem_calendar_zone (tzid, tandem_entity_get_string (entity, "vtimezone"), error) == NULL)
    return FALSE;

  return _tandem_calendar_check_recurrence (entity, error);
}

static void
tandem_event_class_init (TandemEventClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "event", "events",
                                       "\"start_ts\", \"id\"",
                                       fields, G_N_ELEMENTS (fields));
  entity_class->validate = tandem_event_validate;
}

static void
tandem_event_init (TandemEvent *self)
{
}
