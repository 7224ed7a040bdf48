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

#include "tandem-asset.h"
#include "tandem-calendar-private.h"
#include "tandem-calendar.h"
#include "tandem-campaign.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-person.h"
#include "tandem-store-private.h"
#include "tandem-util.h"

#define DAY_SECONDS (24 * 60 * 60)
#define MAX_ITERATIONS 200000
#define PRODID "-//Tandem//Tandem " "0.1" "//EN"

/* Range queries: bound parameters ?1 = end of range, ?2 = start of range.
 * Widened by two days so all-day rows (stored at UTC midnight) of any
 * zone are found; the exact test is done on the loaded rows. */
static const char range_sql[] =
  "\"rrule\" IS NULL AND \"start_ts\" < ?1 AND \"end_ts\" >= ?2";
static const char recurring_sql[] =
  "\"rrule\" IS NOT NULL AND \"start_ts\" < ?1";

G_DEFINE_BOXED_TYPE (TandemOccurrence, tandem_occurrence, tandem_occurrence_copy, tandem_occurrence_free)

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
    tz = g_time_zone_new_identifier (is_utc_name (tzid) ? "UTC" : strip_zone_prefix (tzid));
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
  return TRUE;
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

const char *
_tandem_calendar_range_sql (void)
{
  return range_sql;
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

/* The event's JSON with this occurrence's start and end (CLI.md's form). */
JsonObject *
tandem_occurrence_to_json (const TandemOccurrence *occurrence)
{
  JsonObject *object = tandem_entity_to_json (occurrence->event);
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
      end = tandem_entity_get_string (occurrence->event, "end") != NULL || occurrence->recurrence_id != NULL
        ? tandem_format_date_time (occurrence->end) : NULL;
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
      if (!stored_date (s, start_date))
        return FALSE;
      if (!stored_date (e, end_date) || g_date_compare (end_date, start_date) <= 0)
        {
          *end_date = *start_date;
          g_date_add_days (end_date, 1);
        }
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
  struct icaltimetype occ;
  Skip skip = { NULL, NULL };
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
      dtstart = icaltime_null_date ();
      dtstart.year = g_date_get_year (&sd);
      dtstart.month = g_date_get_month (&sd);
      dtstart.day = g_date_get_day (&sd);
      n_days = g_date_days_between (&sd, &ed);
    }
  else
    {
      zone = event_zone (event);
      dtstart = icaltime_from_timet_with_zone ((time_t) start, 0, zone);
      dtstart.zone = zone;
    }

  if (!skip_load (store, event, &skip, error))
    return FALSE;

  iter = icalrecur_iterator_new (recur, dtstart);
  for (guint n = 0; iter != NULL && n < MAX_ITERATIONS; n++)
    {
      occ = icalrecur_iterator_next (iter);
      if (icaltime_is_null_time (occ))
        break;

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

          occ.zone = zone;
          s = icaltime_as_timet_with_zone (occ, zone);
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
  GValue params[2] = { G_VALUE_INIT, G_VALUE_INIT };
  Range range;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  range_init (&range, from, to);
  day_zone = range.day_zone;

  g_value_init (&params[0], G_TYPE_INT64);
  g_value_init (&params[1], G_TYPE_INT64);
  g_value_set_int64 (&params[0], range.to == G_MAXINT64 ? G_MAXINT64 : range.to + 2 * DAY_SECONDS);
  g_value_set_int64 (&params[1], range.from == G_MININT64 ? G_MININT64 : range.from - 2 * DAY_SECONDS);

  rows = _tandem_store_list_where (store, TANDEM_TYPE_EVENT, range_sql, params, 2, error);
  if (rows != NULL)
    masters = _tandem_store_list_where (store, TANDEM_TYPE_EVENT, recurring_sql, params, 1, error);
  if (rows == NULL || masters == NULL)
    {
      g_ptr_array_unref (range.out);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    add_row (&range, rows->pdata[i]);
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

/* Drops the overridden occurrences of @uid (all, or the one at @rid). */
static gboolean
delete_overrides (TandemStore  *store,
                  const char   *uid,
                  const char   *rid,
                  GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", uid, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TandemEntity *row = rows->pdata[i];
      const char *row_rid = tandem_entity_get_string (row, "recurrence_id");

      if (row_rid == NULL || (rid != NULL && g_strcmp0 (row_rid, rid) != 0))
        continue;
      if (!tandem_store_delete (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (row), 0, error))
        return FALSE;
    }
  return TRUE;
}

/* One occurrence of a recurring event no longer happens: an EXDATE, and
 * its override (if any) goes. */
gboolean
tandem_calendar_delete_occurrence (TandemStore  *store,
                                   const char   *event_id,
                                   const char   *when,
                                   GError      **error)
{
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autofree char *rid = NULL;
  const char * const *exdates;
  JsonArray *array;

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

  patch = json_object_new ();
  array = json_array_new ();
  exdates = tandem_entity_get_strv (event, "exdates");
  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    json_array_add_string_element (array, exdates[i]);
  json_array_add_string_element (array, rid);
  json_object_set_array_member (patch, "exdates", array);

  if (!tandem_store_begin (store, error))
    return FALSE;
  if ((updated = tandem_store_update (store, TANDEM_TYPE_EVENT, event_id, tandem_entity_get_rev (event), patch,
                                      TANDEM_WRITE_DEFAULT, error)) == NULL ||
      !delete_overrides (store, tandem_entity_get_string (event, "uid"), rid, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}

/* Deletes an event; a recurring one takes its overridden occurrences along. */
gboolean
tandem_calendar_delete_event (TandemStore  *store,
                              const char   *event_id,
                              gint64        base_rev,
                              GError      **error)
{
  g_autoptr(TandemEntity) event = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if ((event = tandem_store_get (store, TANDEM_TYPE_EVENT, event_id, error)) == NULL)
    return FALSE;
  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_store_delete (store, TANDEM_TYPE_EVENT, event_id, base_rev, error) ||
      (tandem_entity_get_string (event, "rrule") != NULL &&
       !delete_overrides (store, tandem_entity_get_string (event, "uid"), NULL, error)))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}
