/* tandem-calendar.c — occurrences in a range, recurrence, iCalendar in and out
 *
 * Non-recurring events (and overridden occurrences, which are rows of
 * their own) come from an indexed range query on start_ts/end_ts; the
 * masters of recurring events from a partial index, expanded with libical's
 * icalrecur_iterator on wall-clock times of the event's own zone, so a
 * weekly 09:00 Europe/Berlin meeting stays at 09:00 across DST changes.
 *
 * Zones are libical's builtin (IANA) ones, or the VTIMEZONE definition an
 * import kept on the row (Outlook's "W. Europe Standard Time").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-calendar"

#include <string.h>

#include "config.h"
#include "tandem-asset.h"
#include "tandem-calendar-private.h"
#include "tandem-calendar.h"
#include "tandem-windows-zones.h"
#include "tandem-campaign.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-person.h"
#include "tandem-store-private.h"
#include "tandem-util.h"

#define DAY_SECONDS (24 * 60 * 60)
#define MAX_ITERATIONS 200000
#define PRODID "-//Tandem//Tandem " PACKAGE_VERSION "//EN"

/* Range queries, with ?1 = end of range, ?2 = start of range, ?3 = start
 * of range − 8 days. Events up to 8 days long are found between ?3 and ?1
 * in event_range; longer ones and the masters of recurring events through
 * partial indexes (tandem-schema.c) whose conditions are repeated here;
 * INDEXED BY makes sure (a query that could not use it fails).
 * The bounds are widened by two days so all-day rows (stored at UTC
 * midnight) of any zone are found; the exact test is done on the rows. */
static const char range_sql[] =
  "\"rrule\" IS NULL AND \"start_ts\" >= ?3 AND \"start_ts\" < ?1 AND \"end_ts\" >= ?2"
  " AND \"end_ts\" - \"start_ts\" <= 691200";
static const char long_sql[] =
  "rrule IS NULL AND end_ts - start_ts > 691200 AND \"start_ts\" < ?1 AND \"end_ts\" >= ?2";
static const char recurring_sql[] =
  "rrule IS NOT NULL AND \"start_ts\" < ?1";
#define LONG_EVENT (8 * DAY_SECONDS)

G_DEFINE_BOXED_TYPE (TandemOccurrence, tandem_occurrence, tandem_occurrence_copy, tandem_occurrence_free)

static gboolean same_recurrence (const char *a,
                                 const char *b);

/* Zones */

G_LOCK_DEFINE_STATIC (zones);
static GHashTable *custom_zones; /* VTIMEZONE text → icaltimezone*, kept for the process */

static const char *
strip_zone_prefix (const char *tzid)
{
  static const char prefix[] = "/freeassociation.sourceforge.net/";

  /* Evolution's older TZIDs: /freeassociation.sourceforge.net/[Tzfile/]Europe/Berlin */
  if (g_str_has_prefix (tzid, prefix))
    {
      tzid += strlen (prefix);
      if (g_str_has_prefix (tzid, "Tzfile/"))
        tzid += strlen ("Tzfile/");
    }
  return tzid;
}

static gboolean
is_utc_name (const char *tzid)
{
  return g_str_equal (tzid, "UTC") || g_str_equal (tzid, "Etc/UTC") || g_str_equal (tzid, "Z") ||
         g_str_equal (tzid, "GMT") || g_str_equal (tzid, "Etc/GMT");
}

static icaltimezone *
builtin_zone (const char *tzid)
{
  icaltimezone *zone;

  if (is_utc_name (tzid))
    return icaltimezone_get_utc_timezone ();
  G_LOCK (zones);
  zone = icaltimezone_get_builtin_timezone (strip_zone_prefix (tzid));
  G_UNLOCK (zones);
  return zone;
}

static icalcomponent *
find_vtimezone (icalcomponent *component)
{
  if (component == NULL)
    return NULL;
  if (icalcomponent_isa (component) == ICAL_VTIMEZONE_COMPONENT)
    return component;
  return icalcomponent_get_first_component (component, ICAL_VTIMEZONE_COMPONENT);
}

/* A VTIMEZONE libical can use: STANDARD or DAYLIGHT parts, each with a
 * start and offsets of less than a day, repeating yearly at most (libical
 * expands a part's rule for every year it is asked about: a FREQ=SECONDLY
 * there never ends). */
static gboolean
vtimezone_is_sane (icalcomponent *vtz)
{
  guint parts = 0;

  for (icalcomponent *part = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       part != NULL; part = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (part);
      icalproperty *from = icalcomponent_get_first_property (part, ICAL_TZOFFSETFROM_PROPERTY);
      icalproperty *to = icalcomponent_get_first_property (part, ICAL_TZOFFSETTO_PROPERTY);

      if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
        continue;
      if (from == NULL || to == NULL || icalcomponent_get_first_property (part, ICAL_DTSTART_PROPERTY) == NULL ||
          ABS (icalproperty_get_tzoffsetfrom (from)) >= 24 * 3600 || ABS (icalproperty_get_tzoffsetto (to)) >= 24 * 3600)
        return FALSE;
      for (icalproperty *rule = icalcomponent_get_first_property (part, ICAL_RRULE_PROPERTY);
           rule != NULL; rule = icalcomponent_get_next_property (part, ICAL_RRULE_PROPERTY))
        {
          struct icalrecurrencetype recur = icalproperty_get_rrule (rule);
          if (recur.freq != ICAL_YEARLY_RECURRENCE)
            return FALSE;
        }
      parts++;
    }
  return parts > 0;
}

/* The zone @tzid names: a builtin one, or the one @vtimezone defines. The
 * result belongs to libical or to the process-wide cache. */
icaltimezone *
_tandem_calendar_zone (const char  *tzid,
                       const char  *vtimezone,
                       GError     **error)
{
  icaltimezone *zone = NULL;

  if (tzid == NULL || tzid[0] == '\0')
    return icaltimezone_get_utc_timezone ();

  if (vtimezone == NULL || vtimezone[0] == '\0')
    {
      if ((zone = builtin_zone (tzid)) == NULL)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "tzid: “%s” is not a known time zone", tzid);
      return zone;
    }

  G_LOCK (zones);
  if (custom_zones == NULL)
    custom_zones = g_hash_table_new (g_str_hash, g_str_equal);
  zone = g_hash_table_lookup (custom_zones, vtimezone);
  if (zone == NULL)
    {
      icalcomponent *parsed = icalparser_parse_string (vtimezone);
      icalcomponent *vtz = find_vtimezone (parsed);

      if (vtz != NULL && !vtimezone_is_sane (vtz))
        vtz = NULL;
      if (vtz != NULL)
        {
          icalcomponent_remove_component (parsed, vtz) ;
          if (vtz == parsed)
            parsed = NULL;
          zone = icaltimezone_new ();
          if (!icaltimezone_set_component (zone, vtz))
            {
              icaltimezone_free (zone, 1);
              zone = NULL;
            }
          else
            g_hash_table_insert (custom_zones, g_strdup (vtimezone), zone);
        }
      if (parsed != NULL)
        icalcomponent_free (parsed);
    }
  G_UNLOCK (zones);

  if (zone == NULL)
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "vtimezone: not a VTIMEZONE definition for “%s”", tzid);
  else if (g_strcmp0 (icaltimezone_get_tzid (zone), tzid) != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "vtimezone: defines “%s”, not the event's zone “%s”",
                   icaltimezone_get_tzid (zone), tzid);
      return NULL;
    }
  return zone;
}

static icaltimezone *
event_zone (TandemEntity *event)
{
  icaltimezone *zone = _tandem_calendar_zone (tandem_entity_get_string (event, "tzid"),
                                              tandem_entity_get_string (event, "vtimezone"), NULL);

  return zone != NULL ? zone : icaltimezone_get_utc_timezone ();
}

static int
ical_offset_at (gint64   unix_time,
                gpointer zone)
{
  struct icaltimetype tt = icaltime_from_timet_with_zone ((time_t) unix_time, 0, icaltimezone_get_utc_timezone ());
  int is_daylight = 0;

  return zone != NULL ? icaltimezone_get_utc_offset_of_utc_time (zone, &tt, &is_daylight) : 0;
}

/* The instant of the wall-clock time @wall in @zone, by RFC 5545's rule
 * for times that occur twice or not at all (tandem_wall_to_unix()). */
gint64
_tandem_calendar_wall_to_unix (struct icaltimetype  wall,
                               icaltimezone        *zone)
{
  wall.zone = NULL;
  wall.is_date = 0;
  if (zone == NULL || zone == icaltimezone_get_utc_timezone ())
    return icaltime_as_timet (wall);
  return tandem_wall_to_unix (icaltime_as_timet (wall), ical_offset_at, zone);
}

/* @unix as a GDateTime in the zone: GLib's zone of that name when it has
 * one, else the offset libical's definition gives at that instant. */
static GDateTime *
date_time_in_zone (gint64        unix_time,
                   const char   *tzid,
                   const char   *vtimezone,
                   icaltimezone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GTimeZone) tz = NULL;

  if (tzid != NULL && tzid[0] != '\0' && (vtimezone == NULL || vtimezone[0] == '\0'))
    tz = tandem_time_zone_new_identifier (is_utc_name (tzid) ? "UTC" : strip_zone_prefix (tzid));
  if (tz == NULL)
    {
      struct icaltimetype tt = icaltime_from_timet_with_zone ((time_t) unix_time, 0, icaltimezone_get_utc_timezone ());
      int is_daylight = 0;
      int offset = zone != NULL ? icaltimezone_get_utc_offset_of_utc_time (zone, &tt, &is_daylight) : 0;

      tz = g_time_zone_new_offset (offset);
    }
  return g_date_time_to_timezone (utc, tz);
}

static gboolean
stored_unix (const char *text,
             gint64     *out)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = text != NULL ? tandem_parse_date_time (text, utc) : NULL;

  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
stored_date (const char *text,
             GDate      *out)
{
  return text != NULL && tandem_parse_date (text, out);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* An all-day span: @end exclusive, the day after @start when missing or
 * not after it. */
static gboolean
day_span (const char *start,
          const char *end,
          GDate      *start_date,
          GDate      *end_date)
{
  if (!stored_date (start, start_date))
    return FALSE;
  if (!stored_date (end, end_date) || g_date_compare (end_date, start_date) <= 0)
    {
      *end_date = *start_date;
      g_date_add_days (end_date, 1);
    }
  return TRUE;
}

static gint64
midnight (const GDate *date,
          GTimeZone   *zone)
{
  g_autoptr(GDateTime) dt = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);
  return g_date_time_to_unix (dt);
}

/* A stored time shown in its event's zone (RFC 3339 with the offset that
 * holds there at that instant); dates stay as they are. */
char *
tandem_calendar_format_time (const char *stored,
                             const char *tzid,
                             const char *vtimezone)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 unix_time;

  if (stored == NULL)
    return NULL;
  if (tandem_parse_date (stored, NULL) || !stored_unix (stored, &unix_time))
    return g_strdup (stored);
  dt = date_time_in_zone (unix_time, tzid, vtimezone, _tandem_calendar_zone (tzid, vtimezone, NULL));
  return tandem_format_date_time (dt);
}

/* Recurrence rules */

/* Drops repeated values of a BY… list (ICAL_RECURRENCE_ARRAY_MAX ends it):
 * libical's iterator repeats or loops on BYDAY=MO,MO,MO. */
static void
dedupe_by (short *values,
           gsize  size)
{
  gsize n = 0;

  for (gsize i = 0; i < size && values[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      gboolean seen = FALSE;
      for (gsize k = 0; k < n && !seen; k++)
        seen = values[k] == values[i];
      if (!seen)
        values[n++] = values[i];
    }
  if (n < size)
    values[n] = ICAL_RECURRENCE_ARRAY_MAX;
}

static gboolean
parse_rrule (const char                 *text,
             struct icalrecurrencetype  *out,
             GError                    **error)
{
  icalerror_clear_errno ();
  *out = icalrecurrencetype_from_string (text);
  if (out->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "rrule: “%s” is not an iCalendar recurrence rule", text);
      return FALSE;
    }
  /* A calendar of meetings and campaigns repeats at most hourly: a rule
   * by the second or minute is said to be refused, never expanded until
   * a cap silently cuts it off. */
  if (out->freq == ICAL_SECONDLY_RECURRENCE || out->freq == ICAL_MINUTELY_RECURRENCE)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "rrule: “%s” repeats every %s; Tandem repeats events at most hourly", text,
                   out->freq == ICAL_SECONDLY_RECURRENCE ? "second" : "minute");
      return FALSE;
    }
  dedupe_by (out->by_second, G_N_ELEMENTS (out->by_second));
  dedupe_by (out->by_minute, G_N_ELEMENTS (out->by_minute));
  dedupe_by (out->by_hour, G_N_ELEMENTS (out->by_hour));
  dedupe_by (out->by_day, G_N_ELEMENTS (out->by_day));
  dedupe_by (out->by_month_day, G_N_ELEMENTS (out->by_month_day));
  dedupe_by (out->by_year_day, G_N_ELEMENTS (out->by_year_day));
  dedupe_by (out->by_week_no, G_N_ELEMENTS (out->by_week_no));
  dedupe_by (out->by_month, G_N_ELEMENTS (out->by_month));
  dedupe_by (out->by_set_pos, G_N_ELEMENTS (out->by_set_pos));
  return TRUE;
}

/* A weekday token of BYDAY ("MO", "1MO", "-1FR") moved by @days */
static char *
shift_weekday (const char *token,
               int         days)
{
  static const char * const names[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  gsize len = strlen (token);

  if (len < 2)
    return NULL;
  for (int d = 0; d < 7; d++)
    if (g_ascii_strcasecmp (token + len - 2, names[d]) == 0)
      return g_strdup_printf ("%.*s%s", (int) (len - 2), token, names[(((d + days) % 7) + 7) % 7]);
  return NULL;
}

/* The rule of a series moved by @days days: weekdays of BYDAY and days of
 * BYMONTHDAY move along, so the occurrences keep their place relative to
 * the new start. NULL when @rrule is not a valid rule. */
char *
tandem_calendar_shift_rrule (const char *rrule,
                             int         days)
{
  struct icalrecurrencetype recur;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (rrule != NULL, NULL);

  if (!parse_rrule (rrule, &recur, NULL))
    return NULL;
  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) values = NULL;
      char *eq = strchr (parts[i], '=');

      if (out->len > 0)
        g_string_append_c (out, ';');
      if (eq == NULL || (g_ascii_strncasecmp (parts[i], "BYDAY=", 6) != 0 &&
                         g_ascii_strncasecmp (parts[i], "BYMONTHDAY=", 11) != 0))
        {
          g_string_append (out, parts[i]);
          continue;
        }
      g_string_append_len (out, parts[i], eq - parts[i] + 1);
      values = g_strsplit (eq + 1, ",", -1);
      for (guint v = 0; values[v] != NULL; v++)
        {
          g_autofree char *moved = NULL;

          if (g_ascii_strncasecmp (parts[i], "BYDAY=", 6) == 0)
            moved = shift_weekday (values[v], days);
          else
            {
              /* a day of the month moves only where it stays a day of every month */
              gint64 day = g_ascii_strtoll (values[v], NULL, 10);
              if (day >= 1 && day + days >= 1 && day + days <= 28)
                moved = g_strdup_printf ("%d", (int) (day + days));
            }
          g_string_append_printf (out, "%s%s", v > 0 ? "," : "", moved != NULL ? moved : values[v]);
        }
    }
  if (!parse_rrule (out->str, &recur, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
_tandem_calendar_check_recurrence (TandemEntity  *event,
                                   GError       **error)
{
  const char *rrule = tandem_entity_get_string (event, "rrule");
  const char *recurrence_id = tandem_entity_get_string (event, "recurrence_id");
  const char * const *exdates = tandem_entity_get_strv (event, "exdates");
  struct icalrecurrencetype recur;

  if (rrule != NULL && rrule[0] != '\0' && !parse_rrule (rrule, &recur, error))
    return FALSE;
  if (rrule != NULL && rrule[0] != '\0' && recurrence_id != NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "an overridden occurrence (recurrence_id) cannot recur itself");
      return FALSE;
    }
  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    {
      gint64 unused;

      if (!tandem_parse_date (exdates[i], NULL) && !stored_unix (exdates[i], &unused))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "exdates: “%s” is neither a date (YYYY-MM-DD) nor a time (RFC 3339)", exdates[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The conditions of the range queries, for tests of their plans */
const char *
_tandem_calendar_range_sql (guint         which,
                            const char  **index)
{
  const char * const all[] = { range_sql, long_sql, recurring_sql };
  const char * const indexes[] = { "event_range", "event_long", "event_recurring" };

  if (which >= G_N_ELEMENTS (all))
    return NULL;
  *index = indexes[which];
  return all[which];
}

/* Occurrences */

TandemOccurrence *
tandem_occurrence_copy (const TandemOccurrence *occurrence)
{
  TandemOccurrence *copy = g_new0 (TandemOccurrence, 1);

  *copy = *occurrence;
  copy->event = g_object_ref (occurrence->event);
  copy->start = occurrence->start ? g_date_time_ref (occurrence->start) : NULL;
  copy->end = occurrence->end ? g_date_time_ref (occurrence->end) : NULL;
  copy->recurrence_id = g_strdup (occurrence->recurrence_id);
  return copy;
}

void
tandem_occurrence_free (TandemOccurrence *occurrence)
{
  if (occurrence == NULL)
    return;
  g_clear_object (&occurrence->event);
  g_clear_pointer (&occurrence->start, g_date_time_unref);
  g_clear_pointer (&occurrence->end, g_date_time_unref);
  g_free (occurrence->recurrence_id);
  g_free (occurrence);
}

/* The start as seconds; all-day dates begin at midnight of @day_zone
 * (local when NULL). */
gint64
tandem_occurrence_start_unix (const TandemOccurrence *occurrence,
                              GTimeZone              *day_zone)
{
  g_autoptr(GTimeZone) local = NULL;

  if (!occurrence->all_day)
    return g_date_time_to_unix (occurrence->start);
  if (day_zone == NULL)
    day_zone = local = g_time_zone_new_local ();
  return midnight (&occurrence->start_date, day_zone);
}

/* @object (an event's JSON) with this occurrence's start and end */
static JsonObject *
set_occurrence_times (JsonObject             *object,
                      const TandemOccurrence *occurrence)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (occurrence->all_day)
    {
      start = format_date (&occurrence->start_date);
      end = format_date (&occurrence->end_date);
    }
  else
    {
      start = tandem_format_date_time (occurrence->start);
      /* an event without an end is an instant: its end stays null */
      end = tandem_entity_get_string (occurrence->event, "end") != NULL ? tandem_format_date_time (occurrence->end)
                                                                       : NULL;
    }
  json_object_set_string_member (object, "start", start);
  if (end != NULL)
    json_object_set_string_member (object, "end", end);
  else
    json_object_set_null_member (object, "end");
  if (occurrence->recurrence_id != NULL && tandem_entity_get_string (occurrence->event, "recurrence_id") == NULL)
    json_object_set_string_member (object, "recurrence_id", occurrence->recurrence_id);
  /* the definition stays on the row; it is not part of the listing */
  json_object_remove_member (object, "vtimezone");
  return object;
}

/* The event's JSON with this occurrence's start and end (CLI.md's form). */
JsonObject *
tandem_occurrence_to_json (const TandemOccurrence *occurrence)
{
  return set_occurrence_times (tandem_entity_to_json (occurrence->event), occurrence);
}

/**
 * tandem_occurrences_to_json:
 * @occurrences: (element-type TandemOccurrence): a listing
 *
 * tandem_occurrence_to_json() of each, with the event's JSON built once
 * per event and its arrays (attendees, exdates) shared, not copied, by its
 * occurrences: a series with 100,000 EXDATEs lists a year in a moment.
 *
 * Returns: (transfer container) (element-type JsonObject): the objects
 */
GPtrArray *
tandem_occurrences_to_json (GPtrArray *occurrences)
{
  g_autoptr(GHashTable) events = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (occurrences != NULL, out);

  for (guint i = 0; i < occurrences->len; i++)
    {
      const TandemOccurrence *occurrence = occurrences->pdata[i];
      JsonObject *base = g_hash_table_lookup (events, occurrence->event);
      JsonObject *object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      if (base == NULL)
        g_hash_table_insert (events, occurrence->event, base = tandem_entity_to_json (occurrence->event));
      json_object_iter_init (&iter, base);
      while (json_object_iter_next (&iter, &name, &node))
        if (JSON_NODE_HOLDS_ARRAY (node))
          json_object_set_array_member (object, name, json_array_ref (json_node_get_array (node)));
        else
          json_object_set_member (object, name, json_node_copy (node));
      g_ptr_array_add (out, set_occurrence_times (object, occurrence));
    }
  return out;
}

typedef struct
{
  GPtrArray *out;
  gint64     from;      /* G_MININT64: open */
  gint64     to;        /* G_MAXINT64: open */
  gint64     horizon;   /* where open-ended rules stop */
  GTimeZone *day_zone;  /* whose midnights bound all-day occurrences */
} Range;

static gboolean
overlaps (const Range *range,
          gint64       start,
          gint64       end)
{
  return start < range->to && (end > range->from || (end == start && start >= range->from));
}

static void
add_timed (Range        *range,
           TandemEntity *event,
           icaltimezone *zone,
           gint64        start,
           gint64        end,
           const char   *recurrence_id)
{
  const char *tzid = tandem_entity_get_string (event, "tzid");
  const char *vtimezone = tandem_entity_get_string (event, "vtimezone");
  TandemOccurrence *occurrence = g_new0 (TandemOccurrence, 1);

  occurrence->event = g_object_ref (event);
  occurrence->start = date_time_in_zone (start, tzid, vtimezone, zone);
  occurrence->end = date_time_in_zone (end, tzid, vtimezone, zone);
  occurrence->recurrence_id = g_strdup (recurrence_id);
  g_ptr_array_add (range->out, occurrence);
}

static void
add_all_day (Range        *range,
             TandemEntity *event,
             const GDate  *start,
             const GDate  *end,
             const char   *recurrence_id)
{
  TandemOccurrence *occurrence = g_new0 (TandemOccurrence, 1);

  occurrence->event = g_object_ref (event);
  occurrence->all_day = TRUE;
  occurrence->start_date = *start;
  occurrence->end_date = *end;
  occurrence->recurrence_id = g_strdup (recurrence_id);
  g_ptr_array_add (range->out, occurrence);
}

/* The span of a non-recurring row as it is stored. */
static gboolean
row_span (TandemEntity *event,
          GDate        *start_date,
          GDate        *end_date,
          gint64       *start,
          gint64       *end,
          GTimeZone    *day_zone)
{
  const char *s = tandem_entity_get_string (event, "start");
  const char *e = tandem_entity_get_string (event, "end");

  if (tandem_entity_get_bool (event, "all_day"))
    {
      if (!day_span (s, e, start_date, end_date))
        return FALSE;
      *start = midnight (start_date, day_zone);
      *end = midnight (end_date, day_zone);
      return TRUE;
    }
  if (!stored_unix (s, start))
    return FALSE;
  if (e == NULL || !stored_unix (e, end) || *end < *start)
    *end = *start;
  return TRUE;
}

static void
add_row (Range        *range,
         TandemEntity *event)
{
  GDate sd, ed;
  gint64 start, end;

  if (!row_span (event, &sd, &ed, &start, &end, range->day_zone) || !overlaps (range, start, end))
    return;
  if (tandem_entity_get_bool (event, "all_day"))
    add_all_day (range, event, &sd, &ed, NULL);
  else
    add_timed (range, event, event_zone (event), start, end, NULL);
}

/* Occurrences that do not happen: EXDATEs and overridden ones. Keys are
 * instants (timed) or Julian days (all-day, and date-only EXDATEs of timed
 * events, which drop every occurrence on that day of the event's zone). */
typedef struct
{
  GHashTable *instants;
  GHashTable *days;
} Skip;

static void
skip_add (Skip       *skip,
          const char *text)
{
  GDate day;
  gint64 instant;

  if (text == NULL)
    return;
  if (tandem_parse_date (text, &day))
    {
      gint64 *key = g_new (gint64, 1);
      *key = g_date_get_julian (&day);
      g_hash_table_add (skip->days, key);
    }
  else if (stored_unix (text, &instant))
    {
      gint64 *key = g_new (gint64, 1);
      *key = instant;
      g_hash_table_add (skip->instants, key);
    }
}

static void
skip_clear (Skip *skip)
{
  g_clear_pointer (&skip->instants, g_hash_table_unref);
  g_clear_pointer (&skip->days, g_hash_table_unref);
}

static gboolean
skip_load (TandemStore   *store,
           TandemEntity  *event,
           Skip          *skip,
           GError       **error)
{
  const char * const *exdates = tandem_entity_get_strv (event, "exdates");
  g_autoptr(GPtrArray) rows = NULL;

  skip->instants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  skip->days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    skip_add (skip, exdates[i]);

  if (store == NULL)
    return TRUE;
  if ((rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", tandem_entity_get_string (event, "uid"),
                                    error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    skip_add (skip, tandem_entity_get_string (rows->pdata[i], "recurrence_id"));
  return TRUE;
}

static gboolean
skip_has (Skip   *skip,
          gint64  instant,
          gint64  julian)
{
  return (instant != G_MININT64 && g_hash_table_contains (skip->instants, &instant)) ||
         g_hash_table_contains (skip->days, &julian);
}

static GDate
date_of (struct icaltimetype tt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, tt.day, tt.month, tt.year);
  return date;
}

/* Expands a recurring master into @range. With @store, its overridden
 * occurrences are left out (they are rows of their own). */
static gboolean
expand (Range         *range,
        TandemStore   *store,
        TandemEntity  *event,
        GError       **error)
{
  const char *rrule = tandem_entity_get_string (event, "rrule");
  gboolean all_day = tandem_entity_get_bool (event, "all_day");
  struct icalrecurrencetype recur;
  icalrecur_iterator *iter;
  icaltimezone *zone = NULL;
  struct icaltimetype dtstart;
  struct icaltimetype occ = icaltime_null_time ();
  struct icaltimetype previous = icaltime_null_time ();
  Skip skip = { NULL, NULL };
  guint n = 0;
  GDate sd, ed;
  gint64 start, end, length;
  gint64 limit = MIN (range->to, range->horizon);
  guint n_days = 1;

  if (!parse_rrule (rrule, &recur, NULL))
    return TRUE; /* validated on write; an old bad rule shows the first occurrence only */
  if (!row_span (event, &sd, &ed, &start, &end, range->day_zone))
    return TRUE;
  length = end - start;

  if (all_day)
    {
      /* not icaltime_null_date(): its hour, minute and second are −1,
       * which the iterator adds to every step */
      dtstart = icaltime_null_time ();
      dtstart.year = g_date_get_year (&sd);
      dtstart.month = g_date_get_month (&sd);
      dtstart.day = g_date_get_day (&sd);
      dtstart.is_date = 1;
      n_days = g_date_days_between (&sd, &ed);
    }
  else
    {
      /* The rule steps through wall-clock times; each is then read in the
       * zone on its own, so a time that falls into a DST gap moves for
       * that day only (libical's zone-aware iterator would carry the
       * shifted hour on to every later occurrence). */
      zone = event_zone (event);
      dtstart = icaltime_from_timet_with_zone ((time_t) start, 0, zone);
      dtstart.zone = NULL;
      /* UNTIL in UTC (as RFC 5545 wants it with a zoned start) becomes a
       * wall-clock time of the zone too */
      if (!icaltime_is_null_time (recur.until) && !recur.until.is_date && icaltime_is_utc (recur.until))
        {
          recur.until = icaltime_from_timet_with_zone (icaltime_as_timet (recur.until), 0, zone);
          recur.until.zone = NULL;
        }
    }

  if (!skip_load (store, event, &skip, error))
    return FALSE;

  iter = icalrecur_iterator_new (recur, dtstart);
  /* A rule without COUNT starts stepping near the range, not at a series
   * start years before it (the steps before it would count against the
   * cap and show nothing). */
  if (iter != NULL && recur.count == 0 && range->from != G_MININT64 &&
      range->from - length - 2 * DAY_SECONDS > start)
    {
      struct icaltimetype from = all_day
        ? icaltime_from_timet_with_zone ((time_t) (range->from - length - 2 * DAY_SECONDS), 1, NULL)
        : icaltime_from_timet_with_zone ((time_t) (range->from - length - 2 * DAY_SECONDS), 0, zone);
      from.zone = NULL;
      icalrecur_iterator_set_start (iter, from);
    }
  for (n = 0; iter != NULL && n < MAX_ITERATIONS; n++)
    {
      occ = icalrecur_iterator_next (iter);
      if (icaltime_is_null_time (occ))
        break;
      /* each occurrence comes after the one before; a rule libical cannot
       * step through otherwise ends here instead of looping */
      if (n > 0 && icaltime_compare (occ, previous) <= 0)
        break;
      previous = occ;

      if (all_day)
        {
          GDate os = date_of (occ);
          GDate oe = os;
          gint64 s;

          if (!g_date_valid (&os))
            break;
          g_date_add_days (&oe, n_days);
          s = midnight (&os, range->day_zone);
          if (s >= limit)
            break;
          if (!skip_has (&skip, G_MININT64, g_date_get_julian (&os)) &&
              overlaps (range, s, midnight (&oe, range->day_zone)))
            {
              g_autofree char *rid = format_date (&os);
              add_all_day (range, event, &os, &oe, rid);
            }
        }
      else
        {
          gint64 s;
          GDate local_day;

          s = _tandem_calendar_wall_to_unix (occ, zone);
          if (s >= limit)
            break;
          local_day = date_of (occ);
          if (!skip_has (&skip, s, g_date_valid (&local_day) ? g_date_get_julian (&local_day) : 0) &&
              overlaps (range, s, s + length))
            {
              g_autoptr(GDateTime) original = date_time_in_zone (s, tandem_entity_get_string (event, "tzid"),
                                                                 tandem_entity_get_string (event, "vtimezone"), zone);
              g_autofree char *rid = tandem_format_date_time (original);
              add_timed (range, event, zone, s, s + length, rid);
            }
        }
    }
  if (n == MAX_ITERATIONS)
    g_warning ("the series “%s” repeats more than %u times; occurrences after %s are not shown",
               tandem_entity_get_string (event, "title"), MAX_ITERATIONS, icaltime_as_ical_string (occ));
  if (iter != NULL)
    icalrecur_iterator_free (iter);
  skip_clear (&skip);
  return TRUE;
}

static int
compare_occurrences_cb (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const TandemOccurrence *x = *(TandemOccurrence **) a;
  const TandemOccurrence *y = *(TandemOccurrence **) b;
  gint64 xs = tandem_occurrence_start_unix (x, user_data);
  gint64 ys = tandem_occurrence_start_unix (y, user_data);

  if (xs != ys)
    return xs < ys ? -1 : 1;
  return g_strcmp0 (tandem_entity_get_id (x->event), tandem_entity_get_id (y->event));
}

static void
range_init (Range     *range,
            GDateTime *from,
            GDateTime *to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 base;

  range->out = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_occurrence_free);
  range->from = from != NULL ? g_date_time_to_unix (from) : G_MININT64;
  range->to = to != NULL ? g_date_time_to_unix (to) : G_MAXINT64;
  base = MAX (range->from, g_date_time_to_unix (now));
  range->horizon = base + (gint64) TANDEM_CALENDAR_OPEN_HORIZON_DAYS * DAY_SECONDS;
  if (to != NULL)
    range->horizon = G_MAXINT64;
  if (from != NULL)
    range->day_zone = g_time_zone_ref (g_date_time_get_timezone (from));
  else if (to != NULL)
    range->day_zone = g_time_zone_ref (g_date_time_get_timezone (to));
  else
    range->day_zone = g_time_zone_new_local ();
}

GPtrArray *
tandem_calendar_list_range (TandemStore  *store,
                            GDateTime    *from,
                            GDateTime    *to,
                            GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) masters = NULL;
  g_autoptr(GTimeZone) day_zone = NULL;
  g_autoptr(GPtrArray) long_rows = NULL;
  GValue params[3] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };
  gint64 from_ts, to_ts;
  Range range;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  range_init (&range, from, to);
  day_zone = range.day_zone;

  to_ts = range.to == G_MAXINT64 ? G_MAXINT64 : range.to + 2 * DAY_SECONDS;
  from_ts = range.from == G_MININT64 ? G_MININT64 : range.from - 2 * DAY_SECONDS;
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    g_value_init (&params[i], G_TYPE_INT64);
  g_value_set_int64 (&params[0], to_ts);
  g_value_set_int64 (&params[1], from_ts);
  g_value_set_int64 (&params[2], from_ts == G_MININT64 ? G_MININT64 : from_ts - LONG_EVENT);

  rows = _tandem_store_list_where (store, TANDEM_TYPE_EVENT, "event_range", range_sql, params, 3, error);
  if (rows != NULL)
    long_rows = _tandem_store_list_where (store, TANDEM_TYPE_EVENT, "event_long", long_sql, params, 2, error);
  if (long_rows != NULL)
    masters = _tandem_store_list_where (store, TANDEM_TYPE_EVENT, "event_recurring", recurring_sql, params, 1, error);
  if (rows == NULL || long_rows == NULL || masters == NULL)
    {
      g_ptr_array_unref (range.out);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    add_row (&range, rows->pdata[i]);
  for (guint i = 0; i < long_rows->len; i++)
    add_row (&range, long_rows->pdata[i]);
  for (guint i = 0; i < masters->len; i++)
    if (!expand (&range, store, masters->pdata[i], error))
      {
        g_ptr_array_unref (range.out);
        return NULL;
      }

  g_ptr_array_sort_with_data (range.out, compare_occurrences_cb, day_zone);
  return range.out;
}

/* Deleting recurring events */

/* The occurrence of @event starting at @when (a time, or a date for
 * all-day events), as its recurrence id; NULL with NOT_FOUND if there is
 * none. Overridden occurrences count by their original start. */
static char *
find_occurrence (TandemStore   *store,
                 TandemEntity  *event,
                 const char    *when,
                 GError       **error)
{
  gboolean all_day = tandem_entity_get_bool (event, "all_day");
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  GDate day;
  gint64 instant = 0;
  Range range;
  char *found = NULL;

  if (all_day)
    {
      if (!tandem_parse_date (when, &day))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "an occurrence of an all-day event is a date (YYYY-MM-DD), not “%s”", when);
          return NULL;
        }
      from = g_date_time_new (local, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
    }
  else
    {
      if ((from = tandem_parse_date_time (when, local)) == NULL)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "an occurrence of a timed event is a time (YYYY-MM-DDTHH:MM), not “%s”", when);
          return NULL;
        }
      instant = g_date_time_to_unix (from);
    }
  to = g_date_time_add_seconds (from, 1);

  /* an overridden occurrence, by its original start */
  if ((overrides = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", tandem_entity_get_string (event, "uid"),
                                         error)) == NULL)
    return NULL;
  for (guint i = 0; i < overrides->len && found == NULL; i++)
    {
      const char *rid = tandem_entity_get_string (overrides->pdata[i], "recurrence_id");
      gint64 t;
      GDate d;

      if (rid == NULL)
        continue;
      if (all_day ? (tandem_parse_date (rid, &d) && g_date_compare (&d, &day) == 0)
                  : (stored_unix (rid, &t) && t == instant))
        found = g_strdup (rid);
    }
  if (found != NULL)
    return found;

  range_init (&range, from, to);
  if (!expand (&range, store, event, error))
    {
      g_ptr_array_unref (range.out);
      g_time_zone_unref (range.day_zone);
      return NULL;
    }
  for (guint i = 0; i < range.out->len && found == NULL; i++)
    {
      TandemOccurrence *occurrence = range.out->pdata[i];

      if (all_day ? g_date_compare (&occurrence->start_date, &day) == 0
                  : g_date_time_to_unix (occurrence->start) == instant)
        found = g_strdup (occurrence->recurrence_id);
    }
  g_ptr_array_unref (range.out);
  g_time_zone_unref (range.day_zone);

  if (found == NULL)
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "“%s” has no occurrence at %s",
                 tandem_entity_get_string (event, "title"), when);
  return found;
}

/* The overridden occurrences of the series @uid: its rows with a
 * recurrence_id */
GPtrArray *
tandem_calendar_list_overrides (TandemStore  *store,
                                const char   *uid,
                                GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  if ((rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", uid, error)) == NULL)
    return NULL;
  for (guint i = rows->len; i > 0; i--)
    if (tandem_entity_get_string (rows->pdata[i - 1], "recurrence_id") == NULL)
      g_ptr_array_remove_index (rows, i - 1);
  return g_steal_pointer (&rows);
}

/* Drops the overridden occurrences of @uid (all, or the one at @rid). */
static gboolean
delete_overrides (TandemStore  *store,
                  const char   *uid,
                  const char   *rid,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_calendar_list_overrides (store, uid, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TandemEntity *row = rows->pdata[i];
      const char *row_rid = tandem_entity_get_string (row, "recurrence_id");

      if (rid != NULL && g_strcmp0 (row_rid, rid) != 0)
        continue;
      if (!tandem_store_delete (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (row), 0, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside a transaction: @rid of @master no longer happens, an EXDATE, and
 * its override (if any) goes. */
static gboolean
exclude_occurrence (TandemStore   *store,
                    TandemEntity  *master,
                    const char    *rid,
                    GError       **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(TandemEntity) updated = NULL;
  const char * const *exdates = tandem_entity_get_strv (master, "exdates");
  JsonArray *array = json_array_new ();

  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    json_array_add_string_element (array, exdates[i]);
  json_array_add_string_element (array, rid);
  json_object_set_array_member (patch, "exdates", array);

  updated = tandem_store_update (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (master),
                                 tandem_entity_get_rev (master), patch, TANDEM_WRITE_DEFAULT, error);
  return updated != NULL && delete_overrides (store, tandem_entity_get_string (master, "uid"), rid, error);
}

/* One occurrence of a recurring event no longer happens. */
gboolean
tandem_calendar_delete_occurrence (TandemStore  *store,
                                   const char   *event_id,
                                   const char   *when,
                                   GError      **error)
{
  g_autoptr(TandemEntity) event = NULL;
  g_autofree char *rid = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (event_id != NULL && when != NULL, FALSE);

  if ((event = tandem_store_get (store, TANDEM_TYPE_EVENT, event_id, error)) == NULL)
    return FALSE;
  if (tandem_entity_get_string (event, "rrule") == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "“%s” does not recur: delete the event itself",
                   tandem_entity_get_string (event, "title"));
      return FALSE;
    }
  if ((rid = find_occurrence (store, event, when, error)) == NULL)
    return FALSE;

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!exclude_occurrence (store, event, rid, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

/* The live master of an overridden occurrence, or NULL. */
static TandemEntity *
find_master (TandemStore  *store,
             TandemEntity *override)
{
  g_autoptr(GPtrArray) rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid",
                                                    tandem_entity_get_string (override, "uid"), NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (tandem_entity_get_string (rows->pdata[i], "rrule") != NULL)
      return g_object_ref (rows->pdata[i]);
  return NULL;
}

/* Deletes an event. A recurring one takes its overridden occurrences
 * along; an overridden occurrence takes its place in the series along (an
 * EXDATE), so the original does not come back. */
gboolean
tandem_calendar_delete_event (TandemStore  *store,
                              const char   *event_id,
                              gint64        base_rev,
                              GError      **error)
{
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(TandemEntity) master = NULL;
  const char *rid;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if ((event = tandem_store_get (store, TANDEM_TYPE_EVENT, event_id, error)) == NULL)
    return FALSE;
  rid = tandem_entity_get_string (event, "recurrence_id");
  if (rid != NULL)
    master = find_master (store, event);

  if (!tandem_store_begin (store, error))
    return FALSE;
  ok = tandem_store_delete (store, TANDEM_TYPE_EVENT, event_id, base_rev, error);
  if (ok && tandem_entity_get_string (event, "rrule") != NULL)
    ok = delete_overrides (store, tandem_entity_get_string (event, "uid"), NULL, error);
  if (ok && master != NULL)
    ok = exclude_occurrence (store, master, rid, error);
  if (!ok)
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

/* iCalendar export */

static struct icaltimetype
ical_date (const GDate *date)
{
  struct icaltimetype t = icaltime_null_date ();

  t.year = g_date_get_year (date);
  t.month = g_date_get_month (date);
  t.day = g_date_get_day (date);
  return t;
}

static struct icaltimetype
ical_utc (const char *stored)
{
  gint64 unix_time = 0;

  if (!stored_unix (stored, &unix_time))
    unix_time = 0;
  return icaltime_from_timet_with_zone ((time_t) unix_time, 0, icaltimezone_get_utc_timezone ());
}

static void
add_x (icalcomponent *component,
       const char    *name,
       const char    *value)
{
  icalproperty *prop;

  if (value == NULL || value[0] == '\0')
    return;
  prop = icalproperty_new_x (value);
  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

static void
add_text (icalcomponent *component,
          icalproperty  *(*make) (const char *),
          const char    *value)
{
  if (value != NULL && value[0] != '\0')
    icalcomponent_add_property (component, make (value));
}

/* A property of @kind holding a stored time of @event: a date, a UTC time,
 * or a wall-clock time of the event's zone with TZID. */
static icalproperty *
time_property (icalproperty_kind  kind,
               const char        *stored,
               TandemEntity      *event)
{
  icalproperty *prop = icalproperty_new (kind);
  GDate date;
  gint64 unix_time;

  if (tandem_parse_date (stored, &date))
    {
      icalproperty_set_value (prop, icalvalue_new_date (ical_date (&date)));
      icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DATE));
    }
  else if (stored_unix (stored, &unix_time))
    {
      icaltimezone *zone = event_zone (event);
      struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) unix_time, 0, zone);

      if (zone != icaltimezone_get_utc_timezone ())
        {
          t.zone = NULL;
          icalproperty_add_parameter (prop, icalparameter_new_tzid (tandem_entity_get_string (event, "tzid")));
        }
      icalproperty_set_value (prop, icalvalue_new_datetime (t));
    }
  return prop;
}

/* Campaign spans and due dates: @end is inclusive, as campaigns store
 * it (missing: one day); *end_date is exclusive. */
static gboolean
inclusive_span (const char *start,
                const char *end,
                GDate      *start_date,
                GDate      *end_date)
{
  if (!stored_date (start, start_date))
    return FALSE;
  if (!stored_date (end, end_date) || g_date_compare (end_date, start_date) < 0)
    *end_date = *start_date;
  g_date_add_days (end_date, 1);
  return TRUE;
}

static void
add_all_day_span (icalcomponent *vevent,
                  const char    *start,
                  const char    *end)
{
  GDate sd, ed;
  icalproperty *prop;

  if (!inclusive_span (start, end, &sd, &ed))
    return;
  prop = icalproperty_new_dtstart (ical_date (&sd));
  icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DATE));
  icalcomponent_add_property (vevent, prop);
  prop = icalproperty_new_dtend (ical_date (&ed));
  icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DATE));
  icalcomponent_add_property (vevent, prop);
}

static icalcomponent *
new_vevent (TandemEntity *row,
            const char   *uid)
{
  icalcomponent *vevent = icalcomponent_new (ICAL_VEVENT_COMPONENT);

  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (ical_utc (tandem_entity_get_updated_at (row))));
  icalcomponent_add_property (vevent, icalproperty_new_created (ical_utc (tandem_entity_get_created_at (row))));
  icalcomponent_add_property (vevent, icalproperty_new_lastmodified (ical_utc (tandem_entity_get_updated_at (row))));
  return vevent;
}

static void
add_attendees (TandemStore   *store,
               icalcomponent *vevent,
               TandemEntity  *event)
{
  const char * const *attendees = tandem_entity_get_strv (event, "attendees");

  for (guint i = 0; attendees != NULL && attendees[i] != NULL; i++)
    {
      g_autoptr(TandemEntity) person = tandem_store_get (store, TANDEM_TYPE_PERSON, attendees[i], NULL);
      const char *email = person ? tandem_entity_get_string (person, "email") : NULL;
      g_autofree char *address = email != NULL && email[0] != '\0'
        ? g_strconcat ("mailto:", email, NULL) : g_strconcat ("urn:uuid:", attendees[i], NULL);
      icalproperty *prop = icalproperty_new_attendee (address);
      icalparameter *param = icalparameter_new_x (attendees[i]);

      if (person != NULL)
        icalproperty_add_parameter (prop, icalparameter_new_cn (tandem_entity_get_string (person, "name")));
      icalparameter_set_xname (param, "X-TANDEM-PERSON");
      icalproperty_add_parameter (prop, param);
      icalcomponent_add_property (vevent, prop);
    }
}

static icalcomponent *
event_to_vevent (TandemStore  *store,
                 TandemEntity *event)
{
  icalcomponent *vevent = new_vevent (event, tandem_entity_get_string (event, "uid"));
  const char *end = tandem_entity_get_string (event, "end");
  const char *rrule = tandem_entity_get_string (event, "rrule");
  const char *rid = tandem_entity_get_string (event, "recurrence_id");
  const char * const *exdates = tandem_entity_get_strv (event, "exdates");

  icalcomponent_add_property (vevent, icalproperty_new_summary (tandem_entity_get_string (event, "title")));
  icalcomponent_add_property (vevent, time_property (ICAL_DTSTART_PROPERTY,
                                                     tandem_entity_get_string (event, "start"), event));
  if (end != NULL)
    icalcomponent_add_property (vevent, time_property (ICAL_DTEND_PROPERTY, end, event));
  if (rid != NULL)
    icalcomponent_add_property (vevent, time_property (ICAL_RECURRENCEID_PROPERTY, rid, event));
  if (rrule != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_rrule (icalrecurrencetype_from_string (rrule)));
  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    icalcomponent_add_property (vevent, time_property (ICAL_EXDATE_PROPERTY, exdates[i], event));
  add_text (vevent, icalproperty_new_location, tandem_entity_get_string (event, "location"));
  add_text (vevent, icalproperty_new_description, tandem_entity_get_string (event, "notes"));
  add_text (vevent, icalproperty_new_categories, tandem_entity_get_string (event, "kind"));
  add_attendees (store, vevent, event);
  add_x (vevent, "X-TANDEM-KIND", tandem_entity_get_string (event, "kind"));
  add_x (vevent, "X-TANDEM-CAMPAIGN", tandem_entity_get_string (event, "campaign"));
  add_x (vevent, "X-TANDEM-CREATED-BY", tandem_entity_get_string (event, "created_by"));
  return vevent;
}

/* Whether the rule (or the start alone) of @master makes an occurrence at
 * @rid */
static gboolean
rule_produces (TandemEntity *master,
               const char   *rid)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gboolean found = FALSE;
  Range range;
  GDate day;
  gint64 t;

  if (same_recurrence (rid, tandem_entity_get_string (master, "start")))
    return TRUE;
  if (tandem_entity_get_string (master, "rrule") == NULL)
    return FALSE;
  if (tandem_parse_date (rid, &day))
    {
      from = g_date_time_new (utc, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
      to = g_date_time_add_days (from, 1);
      from = g_date_time_add_days (to, -2);
    }
  else if (stored_unix (rid, &t))
    {
      from = g_date_time_new_from_unix_utc (t);
      to = g_date_time_add_seconds (from, 1);
    }
  else
    return FALSE;
  range_init (&range, from, to);
  if (expand (&range, NULL, master, NULL))
    for (guint i = 0; i < range.out->len && !found; i++)
      found = same_recurrence (((TandemOccurrence *) range.out->pdata[i])->recurrence_id, rid);
  g_ptr_array_unref (range.out);
  g_time_zone_unref (range.day_zone);
  return found;
}

/* The occurrences of a series that its rule does not make came from
 * RDATEs (or from an override of one): they go out as RDATE again, so the
 * rows with their recurrence_id stay valid overrides in other programs. */
static void
add_rdates (icalcomponent *vevent,
            TandemEntity  *master,
            GPtrArray     *events)
{
  const char *uid = tandem_entity_get_string (master, "uid");

  if (tandem_entity_get_string (master, "recurrence_id") != NULL)
    return;
  for (guint i = 0; i < events->len; i++)
    {
      TandemEntity *row = events->pdata[i];
      const char *rid = tandem_entity_get_string (row, "recurrence_id");

      /* an RDATE has the master's kind (a date for an all-day series); an
       * override of the other kind stays an override only */
      if (row != master && rid != NULL && g_strcmp0 (tandem_entity_get_string (row, "uid"), uid) == 0 &&
          tandem_parse_date (rid, NULL) == tandem_entity_get_bool (master, "all_day") &&
          !rule_produces (master, rid))
        icalcomponent_add_property (vevent, time_property (ICAL_RDATE_PROPERTY, rid, master));
    }
}

static icalcomponent *
span_to_vevent (TandemEntity *row,
                const char   *entity,
                const char   *title,
                const char   *start,
                const char   *end)
{
  g_autofree char *uid = g_strdup_printf ("%s-%s@tandem", entity, tandem_entity_get_id (row));
  icalcomponent *vevent = new_vevent (row, uid);

  icalcomponent_add_property (vevent, icalproperty_new_summary (title));
  add_all_day_span (vevent, start, end);
  icalcomponent_add_property (vevent, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  add_x (vevent, "X-TANDEM-ENTITY", entity);
  add_x (vevent, "X-TANDEM-ID", tandem_entity_get_id (row));
  return vevent;
}

static gboolean
days_overlap (Range      *range,
              const char *start,
              const char *end)
{
  GDate sd, ed;

  if (!inclusive_span (start, end, &sd, &ed))
    return FALSE;
  return overlaps (range, midnight (&sd, range->day_zone), midnight (&ed, range->day_zone));
}

static void
add_zone (icalcomponent *calendar,
          GHashTable    *done,
          TandemEntity  *event)
{
  const char *tzid = tandem_entity_get_string (event, "tzid");
  icaltimezone *zone;
  icalcomponent *vtz;
  icalproperty *prop;

  if (tandem_entity_get_bool (event, "all_day") || tzid == NULL || g_hash_table_contains (done, tzid))
    return;
  zone = event_zone (event);
  if (zone == icaltimezone_get_utc_timezone () || (vtz = icaltimezone_get_component (zone)) == NULL)
    return;
  vtz = icalcomponent_new_clone (vtz);
  /* builtin zones carry their whole history since 1893: from 1970 on is
   * enough, in the form Outlook reads too */
  if (tandem_entity_get_string (event, "vtimezone") == NULL)
    {
      struct icaltimetype since = icaltime_from_timet_with_zone (0, 0, icaltimezone_get_utc_timezone ());
      icaltimezone_truncate_vtimezone (vtz, since, icaltime_null_time (), 1);
    }
  /* builtin zones say /freeassociation.sourceforge.net/…: name them as the events do */
  if ((prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY)) != NULL)
    icalproperty_set_tzid (prop, tzid);
  icalcomponent_add_component (calendar, vtz);
  g_hash_table_add (done, g_strdup (tzid));
}

static gboolean
collect_events (TandemStore  *store,
                Range        *range,
                gboolean      everything,
                GPtrArray    *events,
                GError      **error)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) all = NULL;

  if (everything)
    {
      if ((all = tandem_store_list (store, TANDEM_TYPE_EVENT, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (events, g_object_ref (all->pdata[i]));
      return TRUE;
    }

  if (range->from != G_MININT64)
    from = g_date_time_new_from_unix_utc (range->from);
  if (range->to != G_MAXINT64)
    to = g_date_time_new_from_unix_utc (range->to);
  if ((occurrences = tandem_calendar_list_range (store, from, to, error)) == NULL)
    return FALSE;

  /* a recurring event goes out whole, with its overridden occurrences */
  for (guint i = 0; i < occurrences->len; i++)
    {
      TandemOccurrence *occurrence = occurrences->pdata[i];
      g_autofree char *key = g_strconcat ("uid:", tandem_entity_get_string (occurrence->event, "uid"), NULL);
      g_autoptr(GPtrArray) rows = NULL;

      if (g_hash_table_contains (seen, key))
        continue;
      if ((rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid",
                                        tandem_entity_get_string (occurrence->event, "uid"), error)) == NULL)
        return FALSE;
      g_hash_table_add (seen, g_steal_pointer (&key));
      for (guint k = 0; k < rows->len; k++)
        if (g_hash_table_add (seen, g_strdup (tandem_entity_get_id (rows->pdata[k]))))
          g_ptr_array_add (events, g_object_ref (rows->pdata[k]));
    }
  return TRUE;
}

/* The workspace (NULL from and to) or what overlaps [from, to): events
 * with their zones, campaigns as all-day spans, review due dates. */
char *
tandem_calendar_export (TandemStore  *store,
                        GDateTime    *from,
                        GDateTime    *to,
                        GError      **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GTimeZone) day_zone = NULL;
  icalcomponent *calendar;
  char *text;
  Range range;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  range_init (&range, from, to);
  day_zone = range.day_zone;
  g_clear_pointer (&range.out, g_ptr_array_unref);

  if (!collect_events (store, &range, from == NULL && to == NULL, events, error) ||
      (campaigns = tandem_store_list (store, TANDEM_TYPE_CAMPAIGN, error)) == NULL ||
      (assets = tandem_store_list (store, TANDEM_TYPE_ASSET, error)) == NULL)
    return NULL;

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_prodid (PRODID),
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  (void *) 0);

  for (guint i = 0; i < events->len; i++)
    add_zone (calendar, zones, events->pdata[i]);
  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *vevent = event_to_vevent (store, events->pdata[i]);
      add_rdates (vevent, events->pdata[i], events);
      icalcomponent_add_component (calendar, vevent);
    }

  for (guint i = 0; i < campaigns->len; i++)
    {
      TandemEntity *campaign = campaigns->pdata[i];
      const char *start = tandem_entity_get_string (campaign, "start");
      const char *end = tandem_entity_get_string (campaign, "end");
      icalcomponent *vevent;

      if (start == NULL || !days_overlap (&range, start, end))
        continue;
      vevent = span_to_vevent (campaign, "campaign", tandem_entity_get_string (campaign, "title"), start, end);
      add_text (vevent, icalproperty_new_description, tandem_entity_get_string (campaign, "description"));
      add_text (vevent, icalproperty_new_categories, "campaign");
      icalcomponent_add_component (calendar, vevent);
    }

  for (guint i = 0; i < assets->len; i++)
    {
      TandemEntity *asset = assets->pdata[i];
      const char *due = tandem_entity_get_string (asset, "due");
      g_autofree char *title = NULL;
      icalcomponent *vevent;

      if (due == NULL || !days_overlap (&range, due, NULL))
        continue;
      title = g_strdup_printf ("Review due: %s", tandem_entity_get_string (asset, "title"));
      vevent = span_to_vevent (asset, "asset-due", title, due, NULL);
      add_text (vevent, icalproperty_new_categories, "review");
      add_x (vevent, "X-TANDEM-CAMPAIGN", tandem_entity_get_string (asset, "campaign"));
      icalcomponent_add_component (calendar, vevent);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  return text;
}

gboolean
tandem_calendar_export_file (TandemStore  *store,
                             GFile        *file,
                             GDateTime    *from,
                             GDateTime    *to,
                             GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((text = tandem_calendar_export (store, from, to, error)) == NULL)
    return FALSE;

  name = g_file_get_parse_name (file);
  if ((stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local)) == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS, "%s exists already; choose another name", name);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE, "cannot write %s: %s", name, local->message);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot write %s: %s", name, local->message);
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, strlen (text), NULL, NULL, &local) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local))
    {
      g_file_delete (file, NULL, NULL);
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot write %s: %s", name, local->message);
      return FALSE;
    }
  return TRUE;
}

/* iCalendar import */

/* Physical lines of the file, only to name the line of a problem. */
typedef struct
{
  const char *text;
  GArray     *starts;   /* offset of each line */
  GArray     *vevents;  /* line numbers (from 1) of BEGIN:VEVENT, in order */
} Lines;

static void
lines_init (Lines      *lines,
            const char *text)
{
  gsize offset = 0;

  lines->text = text;
  lines->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  lines->vevents = g_array_new (FALSE, FALSE, sizeof (guint));
  for (;;)
    {
      const char *nl = strchr (text + offset, '\n');

      g_array_append_val (lines->starts, offset);
      if (g_ascii_strncasecmp (text + offset, "BEGIN:VEVENT", strlen ("BEGIN:VEVENT")) == 0)
        {
          guint number = lines->starts->len;
          g_array_append_val (lines->vevents, number);
        }
      if (nl == NULL)
        break;
      offset = nl - text + 1;
    }
}

static void
lines_clear (Lines *lines)
{
  g_clear_pointer (&lines->starts, g_array_unref);
  g_clear_pointer (&lines->vevents, g_array_unref);
}

static char *
line_text (Lines *lines,
           guint  number)
{
  const char *start = lines->text + g_array_index (lines->starts, gsize, number - 1);
  const char *nl = strchr (start, '\n');
  gsize len = nl ? (gsize) (nl - start) : strlen (start);

  if (len > 0 && start[len - 1] == '\r')
    len--;
  return g_strndup (start, len);
}

/* The first line in [first, last) that holds property @name, or that
 * contains @needle; @first if none does. */
static guint
find_line (Lines      *lines,
           guint       first,
           guint       last,
           const char *name,
           const char *needle)
{
  last = MIN (last, lines->starts->len + 1);
  for (guint n = first; n < last; n++)
    {
      g_autofree char *text = line_text (lines, n);
      gsize len = name ? strlen (name) : 0;

      if (name != NULL && g_ascii_strncasecmp (text, name, len) == 0 && (text[len] == ':' || text[len] == ';'))
        return n;
      if (needle != NULL && needle[0] != '\0' && strstr (text, needle) != NULL)
        return n;
    }
  return first;
}

typedef struct
{
  TandemStore  *store;
  Lines         lines;
  GHashTable   *vtimezones;  /* TZID → VTIMEZONE component of the parsed file */
  GHashTable   *emails;      /* lower-case e-mail → person id */
  guint         first;       /* lines of the VEVENT being read */
  guint         last;
  GPtrArray    *warnings;    /* what was left out, one line each */
} Import;

typedef struct
{
  guint       line;
  char       *uid;
  char       *recurrence_id;
  JsonObject *fields;
  GPtrArray  *rdates;     /* RDATE occurrences: start, end (NULL), start, end, … */
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->uid);
  g_free (item->recurrence_id);
  g_clear_pointer (&item->fields, json_object_unref);
  g_clear_pointer (&item->rdates, g_ptr_array_unref);
  g_free (item);
}

static gboolean
import_error (Import      *import,
              GError     **error,
              const char  *property,
              const char  *needle,
              const char  *format,
              ...) G_GNUC_PRINTF (5, 6);

static gboolean
import_error (Import      *import,
              GError     **error,
              const char  *property,
              const char  *needle,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line = find_line (&import->lines, import->first, import->last, property, needle);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "line %u: %s", line, message);
  return FALSE;
}

/* "No value for LOCATION property": an empty value, which Google and
 * Exchange write for what they have not got. Harmless, unless the event
 * cannot do without that property. */
static const char *
empty_value_property (const char *message)
{
  static const char prefix[] = "No value for ";
  static const char * const vital[] = { "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
                                        "RECURRENCE-ID", "TZID", "TZOFFSETFROM", "TZOFFSETTO", NULL };

  if (message == NULL || !g_str_has_prefix (message, prefix))
    return NULL;
  message += strlen (prefix);
  for (guint i = 0; vital[i] != NULL; i++)
    if (g_str_has_prefix (message, vital[i]) && message[strlen (vital[i])] == ' ')
      return vital[i];
  return "";
}

/* The property an X-LIC-ERROR message is about: "No value for LOCATION
 * property", "Can't parse as DATE-TIME value in DTEND property. …",
 * "Parse error in property name: SUBCALENDAR-ID", "Got a data line, but
 * could not find a property name or component begin tag: VERSION" */
static char *
error_property (const char *message)
{
  static const char * const after[] = { "No value for ", " value in ", "property name: ", "begin tag: ", NULL };

  for (guint i = 0; message != NULL && after[i] != NULL; i++)
    {
      const char *at = strstr (message, after[i]);
      gsize n;

      if (at == NULL)
        continue;
      at += strlen (after[i]);
      n = strspn (at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
      if (n > 0)
        return g_ascii_strup (at, n);
    }
  return NULL;
}

/* libical keeps what it could not parse as X-LIC-ERROR properties and
 * leaves the property out. Real exports have such slips (Google's dates
 * with a stray "Z", Confluence's own property names, a broken fold): a
 * property the event can do without is left out and said so in a
 * warning; one it cannot (its start, its rule, which occurrence it
 * overrides, or an unreadable line of unknown purpose) refuses the file. */
static gboolean
check_parse_errors (Import         *import,
                    icalcomponent  *component,
                    GError        **error)
{
  static const char * const vital[] = { "DTSTART", "RRULE", "RECURRENCE-ID", "TZOFFSETFROM", "TZOFFSETTO",
                                        "TZID", NULL };

  for (icalproperty *prop = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      const char *message = icalproperty_get_xlicerror (prop);
      const char *empty = empty_value_property (message);
      g_autofree char *name = error_property (message);
      const char *tail = message ? strrchr (message, ':') : NULL;
      g_autofree char *needle = NULL;
      guint line;

      if (empty != NULL && empty[0] == '\0')
        continue;
      if (empty != NULL)
        return import_error (import, error, empty, NULL, "%s has no value", empty);

      /* the message ends with the text it could not read: find that line */
      if (tail != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (tail + 1));
          needle = g_strndup (stripped, 24);
        }
      if (name == NULL || g_strv_contains (vital, name) || import->warnings == NULL)
        return import_error (import, error, name, needle, "%s", message ? message : "cannot be read");
      line = find_line (&import->lines, import->first, import->last, name, needle);
      g_ptr_array_add (import->warnings, g_strdup_printf ("line %u: %s was left out: %s", line, name, message));
    }
  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL; child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    if (icalcomponent_isa (child) != ICAL_VEVENT_COMPONENT && !check_parse_errors (import, child, error))
      return FALSE;
  return TRUE;
}

/* A DATE or DATE-TIME property as read from the file */
typedef struct
{
  gboolean      is_date;
  GDate         date;
  gint64        unix_time;
  gint64        wall;       /* the wall-clock time as written, counted as UTC */
  const char   *tzid;       /* as stored: IANA name, UTC, or the file's TZID */
  char         *vtimezone;  /* the file's definition for a zone that is not builtin */
  icaltimezone *zone;
} When;

static void
when_clear (When *when)
{
  g_clear_pointer (&when->vtimezone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (When, when_clear)

static gboolean
read_when (Import        *import,
           icalproperty  *prop,
           When          *when,
           GError       **error)
{
  const char *name = icalproperty_get_property_name (prop);
  icalvalue *value = icalproperty_get_value (prop);
  struct icaltimetype t = icaltime_null_time ();
  icalparameter *param;

  memset (when, 0, sizeof *when);
  if (value != NULL)
    {
      switch (icalvalue_isa (value))
        {
        case ICAL_DATE_VALUE:
          t = icalvalue_get_date (value);
          break;
        case ICAL_DATETIME_VALUE:
          t = icalvalue_get_datetime (value);
          break;
        case ICAL_DATETIMEPERIOD_VALUE:
          t = icalvalue_get_datetimeperiod (value).time;
          break;
        default:
          break;
        }
    }
  if (icaltime_is_null_time (t) || !g_date_valid_dmy (t.day, t.month, t.year) ||
      (!t.is_date && (t.hour > 23 || t.minute > 59 || t.second > 60)))
    return import_error (import, error, name, NULL, "%s “%s” is not a valid %s", name,
                         value ? icalvalue_as_ical_string (value) : "",
                         t.is_date ? "date" : "date and time");
  /* libical computes times of the Gregorian calendar up to 2582 only */
  if (t.year < TANDEM_CALENDAR_FIRST_YEAR || t.year > TANDEM_CALENDAR_LAST_YEAR)
    return import_error (import, error, name, NULL, "%s “%s” is outside the years %d to %d that Tandem's calendar "
                         "can show", name, value ? icalvalue_as_ical_string (value) : "",
                         TANDEM_CALENDAR_FIRST_YEAR, TANDEM_CALENDAR_LAST_YEAR);

  if (t.is_date)
    {
      when->is_date = TRUE;
      g_date_clear (&when->date, 1);
      g_date_set_dmy (&when->date, t.day, t.month, t.year);
      return TRUE;
    }

  if (icaltime_is_utc (t))
    {
      when->tzid = "UTC";
      when->zone = icaltimezone_get_utc_timezone ();
    }
  else if ((param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)) != NULL)
    {
      const char *tzid = icalparameter_get_tzid (param);
      icalcomponent *vtz = tzid ? g_hash_table_lookup (import->vtimezones, tzid) : NULL;

      if (tzid != NULL && (when->zone = builtin_zone (tzid)) != NULL)
        when->tzid = is_utc_name (tzid) ? "UTC" : strip_zone_prefix (tzid);
      else if (vtz != NULL)
        {
          g_autoptr(GError) local = NULL;

          /* checked as read: libical writes an offset of +9999 as +2339 */
          if (!vtimezone_is_sane (vtz))
            return import_error (import, error, name, NULL,
                                 "the VTIMEZONE of “%s” is not usable: it needs STANDARD or DAYLIGHT parts with "
                                 "a start and offsets under a day, repeating at most yearly", tzid);

          when->vtimezone = icalcomponent_as_ical_string_r (vtz);
          when->tzid = tzid;
          if ((when->zone = _tandem_calendar_zone (tzid, when->vtimezone, &local)) == NULL)
            return import_error (import, error, name, NULL, "%s", local->message);
        }
      else
        {
          /* Outlook's and Exchange's Windows names, often without a VTIMEZONE */
          g_autofree char *iana = tzid ? _tandem_windows_zone_to_iana (tzid) : NULL;

          if (iana == NULL || (when->zone = builtin_zone (iana)) == NULL)
            return import_error (import, error, name, NULL,
                                 "the time zone “%s” is neither known nor defined by a VTIMEZONE in the file",
                                 tzid ? tzid : "");
          when->tzid = is_utc_name (iana) ? "UTC" : g_intern_string (iana);
        }
    }
  else
    {
      /* floating time: the local zone */
      static char *local_id;

      if (g_once_init_enter (&local_id))
        g_once_init_leave (&local_id, tandem_local_zone_id ());
      when->tzid = local_id;
      if ((when->zone = builtin_zone (local_id)) == NULL)
        when->zone = icaltimezone_get_utc_timezone ();
    }
  when->unix_time = _tandem_calendar_wall_to_unix (t, when->zone);
  t.zone = NULL;
  when->wall = icaltime_as_timet (t);
  return TRUE;
}

/* A time of the event in its stored form: a date, or RFC 3339 in the
 * event's zone. For an all-day event a time is its day as written
 * (Exchange writes RECURRENCE-ID;TZID=…:20260226T000000 and EXDATEs so
 * for all-day series). */
static char *
when_to_stored (const When *when,
                const When *event)
{
  g_autoptr(GDateTime) dt = NULL;

  if (when->is_date)
    return format_date (&when->date);
  if (event->is_date)
    {
      g_autoptr(GDateTime) wall = g_date_time_new_from_unix_utc (when->wall);
      return g_date_time_format (wall, "%Y-%m-%d");
    }
  dt = date_time_in_zone (when->unix_time, event->tzid, event->vtimezone, event->zone);
  return tandem_format_date_time (dt);
}

static gboolean
person_exists (TandemStore *store,
               GType        type,
               const char  *id)
{
  g_autoptr(TandemEntity) row = NULL;

  if (id == NULL || !tandem_is_uuid (id))
    return FALSE;
  row = tandem_store_get (store, type, id, NULL);
  return row != NULL;
}

static gboolean
is_kind (const char *text)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (TANDEM_TYPE_EVENT);
  const TandemFieldInfo *info = tandem_entity_class_lookup_field (klass, "kind", NULL);

  return g_strv_contains (info->choices, text);
}

static const char *
x_value (icalcomponent *component,
         const char    *name)
{
  for (icalproperty *prop = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    {
      const char *x_name = icalproperty_get_x_name (prop);
      if (x_name != NULL && g_ascii_strcasecmp (x_name, name) == 0)
        return icalproperty_get_x (prop);
    }
  return NULL;
}

static void
read_attendees (Import        *import,
                icalcomponent *vevent,
                JsonObject    *fields)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE;
  JsonArray *array;

  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      const char *address = icalproperty_get_attendee (prop);
      const char *id = NULL;

      any = TRUE;
      for (icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_X_PARAMETER);
           param != NULL; param = icalproperty_get_next_parameter (prop, ICAL_X_PARAMETER))
        if (g_strcmp0 (icalparameter_get_xname (param), "X-TANDEM-PERSON") == 0 &&
            person_exists (import->store, TANDEM_TYPE_PERSON, icalparameter_get_xvalue (param)))
          id = icalparameter_get_xvalue (param);
      if (id == NULL && address != NULL && g_ascii_strncasecmp (address, "mailto:", 7) == 0)
        {
          g_autofree char *email = g_ascii_strdown (address + 7, -1);
          id = g_hash_table_lookup (import->emails, email);
        }
      if (id == NULL && address != NULL && g_ascii_strncasecmp (address, "urn:uuid:", 9) == 0 &&
          person_exists (import->store, TANDEM_TYPE_PERSON, address + 9))
        id = address + 9;
      if (id != NULL && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_ascii_strdown (id, -1));
    }
  /* attendees are people of the workspace; others are not kept */
  if (!any)
    return;
  array = json_array_new ();
  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, ids->pdata[i]);
  json_object_set_array_member (fields, "attendees", array);
}

static void
set_or_null (JsonObject *fields,
             const char *name,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (fields, name, value);
  else
    json_object_set_null_member (fields, name);
}

/* One VEVENT as the fields of an event row; *item stays NULL for the
 * spans of campaigns and due dates Tandem itself exported. */
static gboolean
read_vevent (Import         *import,
             icalcomponent  *vevent,
             Item          **out,
             GError        **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *summary = icalcomponent_get_summary (vevent);
  const char *uid = icalcomponent_get_uid (vevent);
  const char *text;
  icalproperty *prop;
  g_auto(When) start = { 0 };
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *rid = NULL;
  g_autofree char *made_uid = NULL;
  g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rdates = NULL;
  JsonArray *array;
  Item *item;

  *out = NULL;
  if (!check_parse_errors (import, vevent, error))
    return FALSE;
  if (x_value (vevent, "X-TANDEM-ENTITY") != NULL)
    return TRUE;

  if ((prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY)) == NULL)
    return import_error (import, error, "BEGIN", NULL, "the event “%s” has no start (DTSTART)", summary ? summary : "");
  if (!read_when (import, prop, &start, error))
    return FALSE;
  start_text = when_to_stored (&start, &start);

  if ((prop = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY)) != NULL)
    {
      g_auto(When) end = { 0 };

      if (!read_when (import, prop, &end, error))
        return FALSE;
      if (end.is_date != start.is_date)
        return import_error (import, error, "DTEND", NULL, "DTSTART and DTEND must both be dates or both times");
      /* a start in a DST gap moves later; the event keeps its length */
      if (!end.is_date && end.unix_time < start.unix_time && end.wall >= start.wall)
        end.unix_time = start.unix_time + (end.wall - start.wall);
      if (end.is_date ? g_date_compare (&end.date, &start.date) < 0 : end.unix_time < start.unix_time)
        return import_error (import, error, "DTEND", NULL, "the event ends (DTEND) before it starts (DTSTART)");
      if (!end.is_date || g_date_compare (&end.date, &start.date) > 0)
        end_text = when_to_stored (&end, &start);
    }
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (prop);
      int seconds = icaldurationtype_as_int (duration);

      if (icaldurationtype_is_bad_duration (duration) || seconds < 0)
        return import_error (import, error, "DURATION", NULL, "DURATION is not a valid length");
      if (start.is_date)
        {
          When end = start;
          g_date_add_days (&end.date, MAX (1, seconds / DAY_SECONDS));
          end_text = format_date (&end.date);
        }
      else
        {
          When end = start;
          end.unix_time += seconds;
          end.vtimezone = NULL;
          end_text = when_to_stored (&end, &start);
        }
    }
  if (start.is_date && end_text == NULL)
    {
      GDate next = start.date;
      g_date_add_days (&next, 1);
      end_text = format_date (&next);
    }

  if ((prop = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY)) != NULL)
    {
      g_auto(When) when = { 0 };

      if (!read_when (import, prop, &when, error))
        return FALSE;
      rid = when_to_stored (&when, &start);
    }
  for (prop = icalcomponent_get_first_property (vevent, ICAL_EXDATE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_EXDATE_PROPERTY))
    {
      g_auto(When) when = { 0 };

      if (!read_when (import, prop, &when, error))
        return FALSE;
      g_ptr_array_add (exdates, when_to_stored (&when, &start));
    }

  /* RDATE: occurrences beyond (or instead of) a rule, each with the
   * event's length unless a PERIOD gives its own end */
  for (prop = icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (prop);
      g_auto(When) when = { 0 };
      g_auto(When) until = { 0 };
      gboolean period = icaltime_is_null_time (value.time) && !icalperiodtype_is_null_period (value.period);

      if (!period)
        {
          if (!read_when (import, prop, &when, error))
            return FALSE;
        }
      else
        {
          /* a PERIOD: read its start and end as the property's own times */
          icalproperty *start_prop = icalproperty_new_dtstart (value.period.start);
          icalproperty *end_prop = NULL;
          icalparameter *tz = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
          gboolean ok;
          struct icaltimetype end = icaltime_is_null_time (value.period.end)
            ? icaltime_add (value.period.start, value.period.duration) : value.period.end;

          end_prop = icalproperty_new_dtend (end);
          if (tz != NULL)
            {
              icalproperty_add_parameter (start_prop, icalparameter_new_clone (tz));
              icalproperty_add_parameter (end_prop, icalparameter_new_clone (tz));
            }
          ok = read_when (import, start_prop, &when, error) && read_when (import, end_prop, &until, error);
          icalproperty_free (start_prop);
          icalproperty_free (end_prop);
          if (!ok)
            return FALSE;
        }
      if (when.is_date != start.is_date)
        return import_error (import, error, "RDATE", NULL, "RDATE must be a date when DTSTART is one, a time otherwise");
      if (rdates == NULL)
        rdates = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (rdates, when_to_stored (&when, &start));
      g_ptr_array_add (rdates, period ? when_to_stored (&until, &start) : NULL);
    }

  if (uid == NULL || uid[0] == '\0')
    {
      /* without a UID the event's text names it, so a re-import still matches */
      char *ical = icalcomponent_as_ical_string_r (vevent);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ical, -1);
      made_uid = g_strconcat (digest, "@import", NULL);
      free (ical);
      uid = made_uid;
    }

  json_object_set_string_member (fields, "title", summary != NULL && summary[0] != '\0' ? summary : "(untitled)");
  json_object_set_boolean_member (fields, "all_day", start.is_date);
  json_object_set_string_member (fields, "start", start_text);
  set_or_null (fields, "end", end_text);
  set_or_null (fields, "tzid", start.is_date ? NULL : start.tzid);
  set_or_null (fields, "vtimezone", start.is_date ? NULL : start.vtimezone);
  text = icalcomponent_get_location (vevent);
  {
    /* a place is one line in Tandem: an escaped newline becomes ", " */
    g_auto(GStrv) parts = g_strsplit_set (text ? text : "", "\r\n", -1);
    g_autoptr(GString) one_line = g_string_new (NULL);
    for (guint i = 0; parts[i] != NULL; i++)
      if (*g_strstrip (parts[i]) != '\0')
        g_string_append_printf (one_line, "%s%s", one_line->len ? ", " : "", parts[i]);
    json_object_set_string_member (fields, "location", one_line->str);
  }
  text = icalcomponent_get_description (vevent);
  json_object_set_string_member (fields, "notes", text ? text : "");
  json_object_set_string_member (fields, "uid", uid);
  set_or_null (fields, "recurrence_id", rid);

  if ((prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY)) != NULL)
    {
      struct icalrecurrencetype recur = icalproperty_get_rrule (prop);
      char *rule = icalrecurrencetype_as_string_r (&recur);

      if (recur.freq == ICAL_NO_RECURRENCE || rule == NULL)
        {
          free (rule);
          return import_error (import, error, "RRULE", NULL, "RRULE is not a valid recurrence rule");
        }
      json_object_set_string_member (fields, "rrule", rule);
      free (rule);
    }
  else
    json_object_set_null_member (fields, "rrule");
  array = json_array_new ();
  for (guint i = 0; i < exdates->len; i++)
    json_array_add_string_element (array, exdates->pdata[i]);
  json_object_set_array_member (fields, "exdates", array);

  /* Tandem's own fields, when the file came from Tandem */
  if ((text = x_value (vevent, "X-TANDEM-KIND")) != NULL && is_kind (text))
    json_object_set_string_member (fields, "kind", text);
  for (prop = icalcomponent_get_first_property (vevent, ICAL_CATEGORIES_PROPERTY);
       prop != NULL && !json_object_has_member (fields, "kind");
       prop = icalcomponent_get_next_property (vevent, ICAL_CATEGORIES_PROPERTY))
    {
      const char *value = icalproperty_get_categories (prop);
      g_autofree char *category = value ? g_ascii_strdown (value, -1) : NULL;

      if (category != NULL && is_kind (category))
        json_object_set_string_member (fields, "kind", category);
    }
  if ((text = x_value (vevent, "X-TANDEM-CAMPAIGN")) != NULL &&
      person_exists (import->store, TANDEM_TYPE_CAMPAIGN, text))
    json_object_set_string_member (fields, "campaign", text);
  if ((text = x_value (vevent, "X-TANDEM-CREATED-BY")) != NULL &&
      person_exists (import->store, TANDEM_TYPE_PERSON, text))
    json_object_set_string_member (fields, "created_by", text);
  read_attendees (import, vevent, fields);

  item = g_new0 (Item, 1);
  item->line = import->first;
  item->uid = g_strdup (uid);
  item->recurrence_id = g_steal_pointer (&rid);
  item->fields = g_steal_pointer (&fields);
  item->rdates = g_steal_pointer (&rdates);
  *out = item;
  return TRUE;
}

/* A deep copy (json_node_copy() shares objects and arrays) */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  return json_object_ref (json_node_get_object (copy));
}

/* The end of an occurrence at @start of an event that runs from
 * @event_start to @event_end (stored forms; NULL end: an instant) */
static char *
shifted_end (const char *event_start,
             const char *event_end,
             const char *start)
{
  GDate a, b, s;
  gint64 x, y, z;

  if (event_end == NULL)
    return NULL;
  if (tandem_parse_date (event_start, &a) && tandem_parse_date (event_end, &b) && tandem_parse_date (start, &s))
    {
      g_date_add_days (&s, g_date_days_between (&a, &b));
      return format_date (&s);
    }
  if (stored_unix (event_start, &x) && stored_unix (event_end, &y) && stored_unix (start, &z))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (z + (y - x));
      g_autoptr(GDateTime) at = NULL;
      g_autoptr(GTimeZone) tz = NULL;
      g_autoptr(GDateTime) parsed = tandem_parse_date_time (start, NULL);

      /* in the offset of the start's zone, as the start is written */
      tz = parsed != NULL ? g_time_zone_ref (g_date_time_get_timezone (parsed)) : g_time_zone_new_utc ();
      at = g_date_time_to_timezone (utc, tz);
      return tandem_format_date_time (at);
    }
  return NULL;
}

/* Each RDATE of a master item as an occurrence of its own: a row like an
 * overridden occurrence (the series' uid, recurrence_id its start), unless
 * an EXDATE removes it or the file overrides it itself. */
static void
add_rdate_items (GPtrArray *items)
{
  guint n = items->len;

  for (guint i = 0; i < n; i++)
    {
      Item *master = items->pdata[i];
      const char *start = json_object_get_string_member (master->fields, "start");
      const char *end = json_object_get_string_member_with_default (master->fields, "end", NULL);
      JsonArray *exdates = json_object_get_array_member (master->fields, "exdates");

      for (guint k = 0; master->rdates != NULL && k + 1 < master->rdates->len; k += 2)
        {
          const char *at = master->rdates->pdata[k];
          const char *until = master->rdates->pdata[k + 1];
          gboolean skip = same_recurrence (at, start);
          Item *item;

          for (guint e = 0; !skip && e < json_array_get_length (exdates); e++)
            skip = same_recurrence (json_array_get_string_element (exdates, e), at);
          for (guint o = 0; !skip && o < items->len; o++)
            {
              Item *other = items->pdata[o];
              skip = other != master && g_strcmp0 (other->uid, master->uid) == 0 &&
                     same_recurrence (other->recurrence_id, at);
            }
          if (skip)
            continue;

          item = g_new0 (Item, 1);
          item->line = master->line;
          item->uid = g_strdup (master->uid);
          item->recurrence_id = g_strdup (at);
          item->fields = copy_object (master->fields);
          json_object_set_string_member (item->fields, "start", at);
          {
            g_autofree char *computed = until ? NULL : shifted_end (start, end, at);
            set_or_null (item->fields, "end", until ? until : computed);
          }
          json_object_set_string_member (item->fields, "recurrence_id", at);
          json_object_set_null_member (item->fields, "rrule");
          json_object_set_array_member (item->fields, "exdates", json_array_new ());
          g_ptr_array_add (items, item);
        }
    }
}


static gboolean
same_recurrence (const char *a,
                 const char *b)
{
  gint64 x, y;

  if (a == NULL || b == NULL)
    return a == b;
  if (g_str_equal (a, b))
    return TRUE;
  return stored_unix (a, &x) && stored_unix (b, &y) && x == y;
}

/* Writes one item: a new row, or the changed fields of the row with the
 * same UID (and recurrence id). */
static gboolean
write_item (TandemStore  *store,
            Item         *item,
            guint        *n_added,
            guint        *n_updated,
            GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", item->uid, error);
  TandemEntity *existing = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(TandemEntity) written = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len && existing == NULL; i++)
    if (same_recurrence (tandem_entity_get_string (rows->pdata[i], "recurrence_id"), item->recurrence_id))
      existing = rows->pdata[i];

  if (existing == NULL)
    {
      /* a new event from elsewhere: an all-day one is not a meeting */
      if (!json_object_has_member (item->fields, "kind") && json_object_get_boolean_member (item->fields, "all_day"))
        json_object_set_string_member (item->fields, "kind", "other");
      if ((written = tandem_store_insert (store, TANDEM_TYPE_EVENT, item->fields, TANDEM_WRITE_DEFAULT, error)) == NULL)
        return FALSE;
      (*n_added)++;
      return TRUE;
    }

  current = tandem_entity_to_json (existing);
  patch = json_object_new ();
  json_object_iter_init (&iter, item->fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *was = json_object_get_member (current, name);
      if (was == NULL || !json_node_equal (was, node))
        json_object_set_member (patch, name, json_node_copy (node));
    }
  if (json_object_get_size (patch) == 0)
    return TRUE;
  if ((written = tandem_store_update (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (existing),
                                      tandem_entity_get_rev (existing), patch, TANDEM_WRITE_DEFAULT, error)) == NULL)
    return FALSE;
  (*n_updated)++;
  return TRUE;
}

static gboolean
first_and_last_lines (const char  *text,
                      gsize        length,
                      GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);
  guint first = 0, last = n;

  while (first < n && g_strstrip (lines[first])[0] == '\0')
    first++;
  while (last > first && g_strstrip (lines[last - 1])[0] == '\0')
    last--;
  if (first == n || g_ascii_strcasecmp (lines[first], "BEGIN:VCALENDAR") != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "not an iCalendar file: line %u is not BEGIN:VCALENDAR", first < n ? first + 1 : 1);
      return FALSE;
    }
  if (g_ascii_strcasecmp (lines[last - 1], "END:VCALENDAR") != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "line %u: the file ends before END:VCALENDAR (is it cut off?)", last);
      return FALSE;
    }
  return TRUE;
}

#define MAX_NESTING 8

#define MAX_NESTING 8

/* Before libical parses (in place, so line numbers stay true): an
 * X-LIC-ERROR line that another libical program left in its export is
 * renamed to a property nobody reads, so that only libical's own errors
 * about this file remain; components nested deeper than any calendar
 * needs are refused before libical's recursive parser sees them. */
static gboolean
tidy_text (char    *text,
           GError **error)
{
  guint depth = 0;
  guint number = 1;
  guint start_number = 1;
  char head[8] = "";  /* the start of the logical (unfolded) line */
  gsize head_len = 0;

  for (char *line = text; ; number++)
    {
      char *nl = line ? strchr (line, '\n') : NULL;
      gboolean continued = line != NULL && (*line == ' ' || *line == '\t');

      /* a logical line ends where the next one does not continue it: its
       * name is known only after unfolding ("BEG" + " IN:VEVENT") */
      if (!continued && head_len > 0)
        {
          if (g_ascii_strncasecmp (head, "BEGIN:", 6) == 0 && ++depth > MAX_NESTING)
            {
              g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                           "line %u: components are nested more than %d deep; this is not a calendar", start_number,
                           MAX_NESTING);
              return FALSE;
            }
          if (g_ascii_strncasecmp (head, "END:", 4) == 0 && depth > 0)
            depth--;
          head_len = 0;
        }
      if (line == NULL || *line == '\0')
        break;
      if (!continued)
        {
          start_number = number;
          if (g_ascii_strncasecmp (line, "X-LIC-ERROR", 11) == 0 && (line[11] == ':' || line[11] == ';'))
            memcpy (line, "X-LIC-IGNOR", 11);
        }
      for (const char *c = line + (continued ? 1 : 0); head_len < sizeof head - 1 && *c != '\0' && *c != '\n' &&
                                                       *c != '\r'; c++)
        head[head_len++] = *c;
      head[head_len] = '\0';
      if (!continued && head_len == 0)
        head[0] = '\0';
      line = nl ? nl + 1 : NULL;
    }

  /* Empty lines hold nothing in iCalendar; Mozilla Calendar 1.0 put one
   * between a property's name and its folded value ("VERSION", "", " :2.0").
   * They go (the line numbers of messages come from the file as it was). */
  {
    char *to = text;
    for (const char *from = text; *from != '\0';)
      {
        const char *nl = strchr (from, '\n');
        gsize len = nl ? (gsize) (nl - from) + 1 : strlen (from);
        gboolean blank = len == 1 || (len == 2 && from[0] == '\r') || (nl == NULL && len == 0);

        if (!blank)
          {
            memmove (to, from, len);
            to += len;
          }
        from += len;
      }
    *to = '\0';
  }
  return TRUE;
}

gboolean
tandem_calendar_import (TandemStore  *store,
                        const char   *data,
                        gsize         length,
                        guint        *n_added,
                        guint        *n_updated,
                        GError      **error)
{
  g_auto(GStrv) warnings = NULL;
  gboolean ok = tandem_calendar_import_full (store, data, length, n_added, n_updated, &warnings, error);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_debug ("import: %s", warnings[i]);
  return ok;
}

/**
 * tandem_calendar_import_full:
 * @warnings: (out) (optional) (transfer full): what was left out of the
 *   file, one line each ("line 12: RDATE was left out: …"), or %NULL
 *
 * Reads every VEVENT first; nothing is written unless all of them are
 * good. Then one transaction writes them all.
 */
gboolean
tandem_calendar_import_full (TandemStore  *store,
                             const char   *data,
                             gsize         length,
                             guint        *n_added,
                             guint        *n_updated,
                             GStrv        *warnings,
                             GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  g_autoptr(GPtrArray) people = NULL;
  const char *bad = NULL;
  icalcomponent *root = NULL;
  GPtrArray *calendars = NULL;
  Import import = { store };
  guint added = 0, updated = 0;
  guint k = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length > TANDEM_CALENDAR_MAX_IMPORT_SIZE)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "the file is too large for a calendar (%" G_GSIZE_FORMAT " MB; at most %d MB)",
                   length / (1024 * 1024), TANDEM_CALENDAR_MAX_IMPORT_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!g_utf8_validate (data, length, &bad))
    {
      guint line = 1;
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "line %u: not UTF-8 text — this is not an iCalendar file", line);
      return FALSE;
    }
  /* some Windows programs start the file with a byte order mark */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  text = g_strndup (data, length);
  original = g_strndup (data, length);
  if (!first_and_last_lines (text, length, error) || !tidy_text (text, error))
    return FALSE;

  icalerror_set_errors_are_fatal (0);
  if ((root = icalparser_parse_string (text)) == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "not a valid iCalendar file");
      goto out;
    }
  /* a stream of several VCALENDAR objects (RFC 5545 §3.4) comes as one
   * XROOT holding them */
  calendars = g_ptr_array_new ();
  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    g_ptr_array_add (calendars, root);
  else if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    for (icalcomponent *c = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
         c != NULL; c = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
      g_ptr_array_add (calendars, c);
  if (calendars->len == 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "not a valid iCalendar file");
      goto out;
    }

  lines_init (&import.lines, original);
  import.warnings = said;
  import.first = 1;
  import.last = import.lines.starts->len + 1;
  import.vtimezones = g_hash_table_new (g_str_hash, g_str_equal);
  import.emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((people = tandem_store_list (store, TANDEM_TYPE_PERSON, error)) == NULL)
    goto out;
  for (guint i = 0; i < people->len; i++)
    {
      const char *email = tandem_entity_get_string (people->pdata[i], "email");
      if (email != NULL && email[0] != '\0')
        g_hash_table_insert (import.emails, g_ascii_strdown (email, -1),
                             g_strdup (tandem_entity_get_id (people->pdata[i])));
    }

  for (guint c = 0; c < calendars->len; c++)
    {
      icalcomponent *calendar = calendars->pdata[c];

      if (!check_parse_errors (&import, calendar, error))
        goto out;
      for (icalcomponent *vtz = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
           vtz != NULL; vtz = icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT))
        {
          icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
          if (prop != NULL && icalproperty_get_tzid (prop) != NULL)
            g_hash_table_insert (import.vtimezones, (char *) icalproperty_get_tzid (prop), vtz);
        }
    }

  for (guint c = 0; c < calendars->len; c++)
    for (icalcomponent *vevent = icalcomponent_get_first_component (calendars->pdata[c], ICAL_VEVENT_COMPONENT);
         vevent != NULL; vevent = icalcomponent_get_next_component (calendars->pdata[c], ICAL_VEVENT_COMPONENT), k++)
      {
        Item *item = NULL;

        import.first = k < import.lines.vevents->len ? g_array_index (import.lines.vevents, guint, k) : 1;
        import.last = k + 1 < import.lines.vevents->len ? g_array_index (import.lines.vevents, guint, k + 1)
                                                        : import.lines.starts->len + 1;
        if (!read_vevent (&import, vevent, &item, error))
          goto out;
        if (item != NULL)
          g_ptr_array_add (items, item);
      }
  if (k != import.lines.vevents->len)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "the file has %u BEGIN:VEVENT lines but %u readable events", import.lines.vevents->len, k);
      goto out;
    }

  add_rdate_items (items);

  if (!tandem_store_begin (store, error))
    goto out;
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];
      if (!write_item (store, item, &added, &updated, error))
        {
          tandem_store_rollback (store);
          g_prefix_error (error, "line %u (UID %s): ", item->line, item->uid);
          goto out;
        }
    }
  if (!tandem_store_commit (store, error))
    goto out;

  if (n_added != NULL)
    *n_added = added;
  if (n_updated != NULL)
    *n_updated = updated;
  if (warnings != NULL)
    {
      g_ptr_array_add (said, NULL);
      *warnings = (GStrv) g_ptr_array_steal (said, NULL);
    }
  ok = TRUE;

out:
  g_clear_pointer (&calendars, g_ptr_array_unref);
  if (root != NULL)
    icalcomponent_free (root);
  if (import.lines.starts != NULL)
    lines_clear (&import.lines);
  g_clear_pointer (&import.vtimezones, g_hash_table_unref);
  g_clear_pointer (&import.emails, g_hash_table_unref);
  return ok;
}

gboolean
tandem_calendar_import_file (TandemStore  *store,
                             GFile        *file,
                             guint        *n_added,
                             guint        *n_updated,
                             GStrv        *warnings,
                             GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  /* the size first: a huge file is refused before it is read */
  if ((info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, NULL, &local)) == NULL)
    {
      g_set_error (error, TANDEM_ERROR,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? TANDEM_ERROR_NO_FILE : TANDEM_ERROR_FAILED,
                   "cannot read %s: %s", name, local->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "%s is not a file", name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > TANDEM_CALENDAR_MAX_IMPORT_SIZE)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is too large for a calendar (%" G_GINT64_FORMAT
                   " MB; at most %d MB)", name, g_file_info_get_size (info) / (1024 * 1024),
                   TANDEM_CALENDAR_MAX_IMPORT_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot read %s: %s", name, local->message);
      return FALSE;
    }
  if (!tandem_calendar_import_full (store, contents, length, n_added, n_updated, warnings, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}
