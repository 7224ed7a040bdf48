/* tandem-event-form.c — the event editor's inputs, checked and turned into a patch
 *
 * The editor keeps what the person typed as text, one string per input,
 * exactly as shown (dates and times in the user's locale). This file reads
 * those texts back into the event's fields: the start from its date, its
 * time and the time zone (RFC 3339 with the offset that holds in that zone
 * at that instant), all-day spans as dates with the end exclusive, the
 * RRULE from the recurrence choice. It says per input what is wrong, in
 * words for the person, and builds the patch of the fields whose values
 * really changed against the row the editor was opened on. Sending only
 * those with that row's revision lets the store merge the save with other
 * people's edits of other fields (DESIGN.md, "Field revisions").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-event-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <string.h>

#include "tandem-calendar-private.h"
#include "tandem-calendar.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-event-form.h"
#include "tandem-locale.h"
#include "tandem-util.h"

#define MAX_LINE_BYTES 1000
#define MAX_TEXT_BYTES 100000
#define DEFAULT_START_HOUR 9

/* The fields the inputs make */
typedef enum
{
  FIELD_TITLE,
  FIELD_KIND,
  FIELD_LOCATION,
  FIELD_ALL_DAY,
  FIELD_START,
  FIELD_END,
  FIELD_TZID,
  FIELD_RRULE,
  FIELD_ATTENDEES,
  FIELD_CAMPAIGN,
  FIELD_NOTES,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = {
  "title", "kind", "location", "all_day", "start", "end", "tzid", "rrule", "attendees", "campaign", "notes",
};

#define BIT(input) (1u << (input))

/* For each input the field it makes; for each field every input its
 * value depends on (an untouched field of an existing event is left as
 * stored, whatever form its text has) */
static const Field input_fields[TANDEM_EVENT_N_INPUTS] = {
  [TANDEM_EVENT_INPUT_TITLE] = FIELD_TITLE,
  [TANDEM_EVENT_INPUT_KIND] = FIELD_KIND,
  [TANDEM_EVENT_INPUT_LOCATION] = FIELD_LOCATION,
  [TANDEM_EVENT_INPUT_ALL_DAY] = FIELD_ALL_DAY,
  [TANDEM_EVENT_INPUT_START_DATE] = FIELD_START,
  [TANDEM_EVENT_INPUT_START_TIME] = FIELD_START,
  [TANDEM_EVENT_INPUT_END_DATE] = FIELD_END,
  [TANDEM_EVENT_INPUT_END_TIME] = FIELD_END,
  [TANDEM_EVENT_INPUT_TZID] = FIELD_TZID,
  [TANDEM_EVENT_INPUT_RECURRENCE] = FIELD_RRULE,
  [TANDEM_EVENT_INPUT_WEEKDAYS] = FIELD_RRULE,
  [TANDEM_EVENT_INPUT_RRULE] = FIELD_RRULE,
  [TANDEM_EVENT_INPUT_ATTENDEES] = FIELD_ATTENDEES,
  [TANDEM_EVENT_INPUT_CAMPAIGN] = FIELD_CAMPAIGN,
  [TANDEM_EVENT_INPUT_NOTES] = FIELD_NOTES,
};

static const guint field_deps[N_FIELDS] = {
  [FIELD_TITLE] = BIT (TANDEM_EVENT_INPUT_TITLE),
  [FIELD_KIND] = BIT (TANDEM_EVENT_INPUT_KIND),
  [FIELD_LOCATION] = BIT (TANDEM_EVENT_INPUT_LOCATION),
  [FIELD_ALL_DAY] = BIT (TANDEM_EVENT_INPUT_ALL_DAY),
  [FIELD_START] = BIT (TANDEM_EVENT_INPUT_ALL_DAY) | BIT (TANDEM_EVENT_INPUT_START_DATE) |
                  BIT (TANDEM_EVENT_INPUT_START_TIME) | BIT (TANDEM_EVENT_INPUT_TZID),
  [FIELD_END] = BIT (TANDEM_EVENT_INPUT_ALL_DAY) | BIT (TANDEM_EVENT_INPUT_END_DATE) |
                BIT (TANDEM_EVENT_INPUT_END_TIME) | BIT (TANDEM_EVENT_INPUT_TZID),
  [FIELD_TZID] = BIT (TANDEM_EVENT_INPUT_TZID),
  [FIELD_RRULE] = BIT (TANDEM_EVENT_INPUT_RECURRENCE) | BIT (TANDEM_EVENT_INPUT_WEEKDAYS) |
                  BIT (TANDEM_EVENT_INPUT_RRULE),
  [FIELD_ATTENDEES] = BIT (TANDEM_EVENT_INPUT_ATTENDEES),
  [FIELD_CAMPAIGN] = BIT (TANDEM_EVENT_INPUT_CAMPAIGN),
  [FIELD_NOTES] = BIT (TANDEM_EVENT_INPUT_NOTES),
};

static const char * const kinds[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other", NULL };
static const char * const weekdays[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL };
static const char * const simple_rules[][2] = {
  { "daily", "FREQ=DAILY" },
  { "monthly", "FREQ=MONTHLY" },
  { "yearly", "FREQ=YEARLY" },
};

struct _TandemEventForm
{
  TandemEntity *base;      /* the row as the editor knows it; the prefilled new one */
  TandemEntity *empty;     /* a new event: the defaults the store fills in */
  gboolean      is_new;
  char         *initial[TANDEM_EVENT_N_INPUTS];  /* texts of @base */
  char         *text[TANDEM_EVENT_N_INPUTS];     /* texts as typed */
};

/* A time zone as the form uses it: GLib's for an IANA id, libical's for
 * an imported definition kept on the event */
typedef struct
{
  GTimeZone    *tz;
  icaltimezone *ical;
  const char   *tzid;
  const char   *vtimezone;
} Zone;

/* Helpers */

static gboolean
uses_12_hours (void)
{
  const char *fmt = nl_langinfo (T_FMT);

  return fmt != NULL && (strstr (fmt, "%r") != NULL || strstr (fmt, "%I") != NULL || strstr (fmt, "%l") != NULL);
}

static const char *
am_pm (gboolean pm)
{
  const char *s = nl_langinfo (pm ? PM_STR : AM_STR);

  return s != NULL && *s != '\0' ? s : pm ? "PM" : "AM";
}

/* Removes @suffix (lower case) from the end of @text, with the spaces before it */
static gboolean
strip_suffix (char       *text,
              const char *suffix)
{
  gsize len = strlen (text);
  gsize slen = strlen (suffix);

  if (slen == 0 || len < slen || strcmp (text + len - slen, suffix) != 0)
    return FALSE;
  text[len - slen] = '\0';
  g_strchomp (text);
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize       min,
            gsize       max)
{
  gsize len = strlen (text);

  if (len < min || len > max)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static char *
date_message (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *example = tandem_locale_format_date (today);

  /* Translators: %s is today's date in the short form of the user's
   * language, such as 24.11.2026 */
  return g_strdup_printf (_("Enter a date such as %s"), example);
}

static char *
time_message (void)
{
  g_autofree char *example = tandem_event_form_format_time (14, 30);

  /* Translators: %s is a time of day in the user's format, such as 14:30 */
  return g_strdup_printf (_("Enter a time such as %s"), example);
}

/* The zone @tzid names, for @base: its own imported definition while the
 * zone is the event's own, else an IANA zone both GLib and libical know */
static gboolean
resolve_zone (const char   *tzid,
              TandemEntity *base,
              Zone         *zone)
{
  const char *vtimezone = tandem_entity_get_string (base, "vtimezone");

  memset (zone, 0, sizeof *zone);
  if (tzid == NULL || *tzid == '\0')
    return FALSE;
  zone->tzid = tzid;
  if (vtimezone != NULL && *vtimezone != '\0' && g_strcmp0 (tzid, tandem_entity_get_string (base, "tzid")) == 0)
    {
      zone->vtimezone = vtimezone;
      zone->ical = _tandem_calendar_zone (tzid, vtimezone, NULL);
      return zone->ical != NULL;
    }
  zone->tz = tandem_time_zone_new_identifier (tzid);
  if (zone->tz == NULL || _tandem_calendar_zone (tzid, NULL, NULL) == NULL)
    {
      g_clear_pointer (&zone->tz, g_time_zone_unref);
      return FALSE;
    }
  return TRUE;
}

static void
zone_clear (Zone *zone)
{
  g_clear_pointer (&zone->tz, g_time_zone_unref);
}

/* The wall-clock time @date @hour:@minute of @zone, stored as RFC 3339
 * with the offset that holds there then */
static char *
zone_time (const Zone  *zone,
           const GDate *date,
           guint        hour,
           guint        minute)
{
  if (zone->tz != NULL)
    {
      g_autoptr(GDateTime) dt = tandem_date_time_new_wall (zone->tz, g_date_get_year (date), g_date_get_month (date),
                                                           g_date_get_day (date), hour, minute, 0);
      return dt != NULL ? tandem_format_date_time (dt) : NULL;
    }
  else
    {
      struct icaltimetype tt = icaltime_null_time ();
      g_autoptr(GDateTime) utc = NULL;
      g_autofree char *stored = NULL;

      tt.year = g_date_get_year (date);
      tt.month = g_date_get_month (date);
      tt.day = g_date_get_day (date);
      tt.hour = hour;
      tt.minute = minute;
      utc = g_date_time_new_from_unix_utc (_tandem_calendar_wall_to_unix (tt, zone->ical));
      stored = tandem_format_utc (utc);
      return tandem_calendar_format_time (stored, zone->tzid, zone->vtimezone);
    }
}

static char **
split_ids (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ",;\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item == '\0' || g_ptr_array_find_with_equal_func (seen, item, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, item);
      g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

/* "we, mo" → "MO,WE"; NULL when a part is no weekday */
static char *
canonical_weekdays (const char *text)
{
  g_auto(GStrv) items = split_ids (text);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *upper = g_ascii_strup (items[i], -1);

      g_free (items[i]);
      items[i] = upper;
      if (!g_strv_contains (weekdays, upper))
        return NULL;
    }
  for (guint i = 0; weekdays[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) items, weekdays[i]))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", weekdays[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
normalize_rrule (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text ? text : "", -1);
  char *rule = g_strstrip (upper);

  if (g_str_has_prefix (rule, "RRULE:"))
    rule += strlen ("RRULE:");
  return g_strdup (g_strstrip (rule));
}

static gboolean
rrule_is_valid (const char *rule)
{
  struct icalrecurrencetype recur;
  gboolean valid;

  icalerror_clear_errno ();
  recur = icalrecurrencetype_from_string (rule);
  valid = recur.freq != ICAL_NO_RECURRENCE && icalerrno == ICAL_NO_ERROR;
  icalerror_clear_errno ();
  return valid;
}

/* Which recurrence choice @rrule is, with the weekdays of a weekly one */
static const char *
classify_rrule (const char  *rrule,
                char       **days)
{
  g_autofree char *rule = normalize_rrule (rrule);
  g_auto(GStrv) parts = NULL;

  *days = NULL;
  if (rrule == NULL || *rule == '\0')
    return "none";
  parts = g_strsplit (rule, ";", -1);
  for (guint i = 0; i < G_N_ELEMENTS (simple_rules); i++)
    if (g_strv_length (parts) == 1 && g_str_equal (parts[0], simple_rules[i][1]))
      return simple_rules[i][0];
  if (g_str_equal (parts[0], "FREQ=WEEKLY") && g_strv_length (parts) <= 2)
    {
      if (parts[1] == NULL)
        {
          *days = g_strdup ("");
          return "weekly";
        }
      if (g_str_has_prefix (parts[1], "BYDAY=") &&
          (*days = canonical_weekdays (parts[1] + strlen ("BYDAY="))) != NULL)
        return "weekly";
    }
  return "custom";
}

/* The stored start or end of @event as a date and a time in its zone */
static gboolean
wall_clock (TandemEntity *event,
            const char   *stored,
            GDate        *date,
            guint        *hour,
            guint        *minute)
{
  g_autofree char *shown = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (stored == NULL)
    return FALSE;
  if (tandem_parse_date (stored, date))
    {
      *hour = *minute = 0;
      return TRUE;
    }
  shown = tandem_calendar_format_time (stored, tandem_entity_get_string (event, "tzid"),
                                       tandem_entity_get_string (event, "vtimezone"));
  dt = shown != NULL ? tandem_parse_date_time (shown, NULL) : NULL;
  if (dt == NULL)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt), g_date_time_get_year (dt));
  *hour = g_date_time_get_hour (dt);
  *minute = g_date_time_get_minute (dt);
  return TRUE;
}

static void
set_message (char       **messages,
             guint        input,
             char        *message)
{
  if (messages != NULL && messages[input] == NULL)
    messages[input] = message;
  else
    g_free (message);
}

/* Reads every input into the fields' values (JSON nodes; NULL where the
 * input is wrong). Returns whether all are right. */
static gboolean
compute_values (TandemEventForm  *self,
                JsonNode        **values,
                char            **messages)
{
  char * const *text = self->text;
  g_autofree char *title = g_strstrip (g_strdup (text[TANDEM_EVENT_INPUT_TITLE]));
  g_autofree char *location = g_strstrip (g_strdup (text[TANDEM_EVENT_INPUT_LOCATION]));
  g_autofree char *campaign = g_strstrip (g_strdup (text[TANDEM_EVENT_INPUT_CAMPAIGN]));
  const char *recurrence = text[TANDEM_EVENT_INPUT_RECURRENCE];
  gboolean all_day = g_str_equal (text[TANDEM_EVENT_INPUT_ALL_DAY], "true");
  gboolean valid = TRUE;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  GDate start_date, end_date;
  guint start_hour = 0, start_minute = 0, end_hour = 0, end_minute = 0;
  gboolean start_ok, end_ok, start_time_ok = TRUE, end_time_ok = TRUE;
  Zone zone;
  gboolean zone_ok;

  memset (values, 0, sizeof (JsonNode *) * N_FIELDS);

#define FAIL(input, msg) G_STMT_START { valid = FALSE; set_message (messages, input, msg); } G_STMT_END

  if (*title == '\0')
    FAIL (TANDEM_EVENT_INPUT_TITLE, g_strdup (_("Enter a title")));
  else if (strlen (title) > MAX_LINE_BYTES)
    FAIL (TANDEM_EVENT_INPUT_TITLE, g_strdup (_("This is too long")));
  else
    values[FIELD_TITLE] = json_node_init_string (json_node_alloc (), title);

  if (!g_strv_contains (kinds, text[TANDEM_EVENT_INPUT_KIND]))
    FAIL (TANDEM_EVENT_INPUT_KIND, g_strdup (_("Choose a kind of event")));
  else
    values[FIELD_KIND] = json_node_init_string (json_node_alloc (), text[TANDEM_EVENT_INPUT_KIND]);

  if (strlen (location) > MAX_LINE_BYTES)
    FAIL (TANDEM_EVENT_INPUT_LOCATION, g_strdup (_("This is too long")));
  else
    values[FIELD_LOCATION] = json_node_init_string (json_node_alloc (), location);

  values[FIELD_ALL_DAY] = json_node_init_boolean (json_node_alloc (), all_day);

  /* When */
  zone_ok = resolve_zone (text[TANDEM_EVENT_INPUT_TZID], self->base, &zone);
  if (!zone_ok)
    FAIL (TANDEM_EVENT_INPUT_TZID, g_strdup (_("Choose a time zone")));
  else
    values[FIELD_TZID] = json_node_init_string (json_node_alloc (), text[TANDEM_EVENT_INPUT_TZID]);

  start_ok = tandem_locale_parse_date (text[TANDEM_EVENT_INPUT_START_DATE], &start_iso, NULL) &&
             tandem_parse_date (start_iso, &start_date);
  end_ok = tandem_locale_parse_date (text[TANDEM_EVENT_INPUT_END_DATE], &end_iso, NULL) &&
           tandem_parse_date (end_iso, &end_date);
  if (!start_ok)
    FAIL (TANDEM_EVENT_INPUT_START_DATE, date_message ());
  if (!end_ok)
    FAIL (TANDEM_EVENT_INPUT_END_DATE, date_message ());
  if (!all_day)
    {
      start_time_ok = tandem_event_form_parse_time (text[TANDEM_EVENT_INPUT_START_TIME], &start_hour, &start_minute);
      end_time_ok = tandem_event_form_parse_time (text[TANDEM_EVENT_INPUT_END_TIME], &end_hour, &end_minute);
      if (!start_time_ok)
        FAIL (TANDEM_EVENT_INPUT_START_TIME, time_message ());
      if (!end_time_ok)
        FAIL (TANDEM_EVENT_INPUT_END_TIME, time_message ());
    }

  if (all_day && start_ok && end_ok)
    {
      GDate exclusive = end_date;

      if (g_date_compare (&end_date, &start_date) < 0)
        FAIL (TANDEM_EVENT_INPUT_END_DATE, g_strdup (_("The end is before the start")));
      else
        {
          g_autofree char *end_text = NULL;

          g_date_add_days (&exclusive, 1);
          end_text = format_iso (&exclusive);
          values[FIELD_START] = json_node_init_string (json_node_alloc (), start_iso);
          values[FIELD_END] = json_node_init_string (json_node_alloc (), end_text);
        }
    }
  else if (!all_day && start_ok && end_ok && start_time_ok && end_time_ok && zone_ok)
    {
      g_autofree char *start = zone_time (&zone, &start_date, start_hour, start_minute);
      g_autofree char *end = zone_time (&zone, &end_date, end_hour, end_minute);
      g_autoptr(GDateTime) s = start ? tandem_parse_date_time (start, NULL) : NULL;
      g_autoptr(GDateTime) e = end ? tandem_parse_date_time (end, NULL) : NULL;

      if (s == NULL)
        FAIL (TANDEM_EVENT_INPUT_START_DATE, date_message ());
      else if (e == NULL)
        FAIL (TANDEM_EVENT_INPUT_END_DATE, date_message ());
      else if (g_date_time_compare (e, s) < 0)
        FAIL (g_date_compare (&end_date, &start_date) < 0 ? TANDEM_EVENT_INPUT_END_DATE : TANDEM_EVENT_INPUT_END_TIME,
              g_strdup (_("The end is before the start")));
      else
        {
          values[FIELD_START] = json_node_init_string (json_node_alloc (), start);
          values[FIELD_END] = json_node_init_string (json_node_alloc (), end);
        }
    }
  zone_clear (&zone);

  /* Recurrence */
  if (g_str_equal (recurrence, "none"))
    values[FIELD_RRULE] = json_node_init_null (json_node_alloc ());
  else if (tandem_entity_get_string (self->base, "recurrence_id") != NULL)
    FAIL (TANDEM_EVENT_INPUT_RECURRENCE,
          g_strdup (_("This occurrence was changed on its own; it cannot repeat itself")));
  else if (g_str_equal (recurrence, "weekly"))
    {
      g_autofree char *days = canonical_weekdays (text[TANDEM_EVENT_INPUT_WEEKDAYS]);
      g_autofree char *rule = NULL;

      if (days == NULL)
        FAIL (TANDEM_EVENT_INPUT_WEEKDAYS, g_strdup (_("Choose the days of the week")));
      else
        {
          rule = *days != '\0' ? g_strconcat ("FREQ=WEEKLY;BYDAY=", days, NULL) : g_strdup ("FREQ=WEEKLY");
          values[FIELD_RRULE] = json_node_init_string (json_node_alloc (), rule);
        }
    }
  else if (g_str_equal (recurrence, "custom"))
    {
      g_autofree char *rule = normalize_rrule (text[TANDEM_EVENT_INPUT_RRULE]);

      if (*rule == '\0')
        FAIL (TANDEM_EVENT_INPUT_RRULE,
              /* Translators: RRULE is the iCalendar name; keep the example as it is */
              g_strdup (_("Enter a recurrence rule (RRULE) such as FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")));
      else if (strlen (rule) > MAX_LINE_BYTES || !rrule_is_valid (rule))
        FAIL (TANDEM_EVENT_INPUT_RRULE,
              g_strdup (_("This is not an iCalendar recurrence rule (RRULE); "
                          "try FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")));
      else
        values[FIELD_RRULE] = json_node_init_string (json_node_alloc (), rule);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (simple_rules); i++)
        if (g_str_equal (recurrence, simple_rules[i][0]))
          values[FIELD_RRULE] = json_node_init_string (json_node_alloc (), simple_rules[i][1]);
      if (values[FIELD_RRULE] == NULL)
        FAIL (TANDEM_EVENT_INPUT_RECURRENCE, g_strdup (_("Choose how the event repeats")));
    }

  /* People, campaign, notes */
  {
    g_auto(GStrv) ids = split_ids (text[TANDEM_EVENT_INPUT_ATTENDEES]);
    g_autoptr(JsonArray) array = json_array_new ();
    gboolean ids_ok = TRUE;

    for (guint i = 0; ids[i] != NULL; i++)
      {
        ids_ok = ids_ok && tandem_is_uuid (ids[i]);
        json_array_add_string_element (array, ids[i]);
      }
    if (!ids_ok)
      FAIL (TANDEM_EVENT_INPUT_ATTENDEES, g_strdup (_("Choose people of this workspace")));
    else
      values[FIELD_ATTENDEES] = json_node_init_array (json_node_alloc (), array);
  }

  if (*campaign == '\0')
    values[FIELD_CAMPAIGN] = json_node_init_null (json_node_alloc ());
  else if (!tandem_is_uuid (campaign))
    FAIL (TANDEM_EVENT_INPUT_CAMPAIGN, g_strdup (_("Choose a campaign")));
  else
    values[FIELD_CAMPAIGN] = json_node_init_string (json_node_alloc (), campaign);

  if (strlen (text[TANDEM_EVENT_INPUT_NOTES]) > MAX_TEXT_BYTES)
    FAIL (TANDEM_EVENT_INPUT_NOTES, g_strdup (_("This is too long")));
  else
    values[FIELD_NOTES] = json_node_init_string (json_node_alloc (), text[TANDEM_EVENT_INPUT_NOTES]);

#undef FAIL

  return valid;
}

static void
clear_values (JsonNode **values)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&values[i], json_node_unref);
}

static gboolean
is_null_node (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Whether two values of @field are the same: times are the same instant,
 * attendees the same people in any order */
static gboolean
values_equal (Field     field,
              JsonNode *a,
              JsonNode *b)
{
  if (is_null_node (a) || is_null_node (b))
    return is_null_node (a) && is_null_node (b);

  if ((field == FIELD_START || field == FIELD_END) &&
      JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      const char *x = json_node_get_string (a);
      const char *y = json_node_get_string (b);
      g_autoptr(GDateTime) dx = NULL;
      g_autoptr(GDateTime) dy = NULL;

      if (g_strcmp0 (x, y) == 0)
        return TRUE;
      if (tandem_parse_date (x, NULL) || tandem_parse_date (y, NULL))
        return FALSE;
      dx = tandem_parse_date_time (x, NULL);
      dy = tandem_parse_date_time (y, NULL);
      return dx != NULL && dy != NULL && g_date_time_equal (dx, dy);
    }

  if (field == FIELD_ATTENDEES && JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *x = json_node_get_array (a);
      JsonArray *y = json_node_get_array (b);
      guint n = json_array_get_length (x);

      if (n != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          gboolean found = FALSE;

          for (guint k = 0; k < n && !found; k++)
            found = g_strcmp0 (json_array_get_string_element (x, i), json_array_get_string_element (y, k)) == 0;
          if (!found)
            return FALSE;
        }
      return TRUE;
    }

  return json_node_equal (a, b);
}

static JsonNode *
entity_node (JsonObject *json,
             Field       field)
{
  return json_object_get_member (json, field_names[field]);
}

static void
reset_texts (TandemEventForm *self)
{
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    {
      g_free (self->initial[i]);
      self->initial[i] = tandem_event_form_text_of (i, self->base);
    }
}

static guint
changed_inputs (TandemEventForm *self)
{
  guint changed = 0;

  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    if (!g_str_equal (self->text[i], self->initial[i]))
      changed |= BIT (i);
  return changed;
}

/* Public API */

/**
 * tandem_event_input_field:
 *
 * Returns: the name of the event field @input helps make
 */
const char *
tandem_event_input_field (TandemEventInput input)
{
  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);
  return field_names[input_fields[input]];
}

/**
 * tandem_event_form_parse_time:
 * @hour: (out): 0–23
 * @minute: (out): 0–59
 *
 * Reads a time of day as people type it: "14:30", "9:05", "14.30",
 * "1430", "9", "14 Uhr", "2:30 PM" (with the locale's or English am/pm).
 *
 * Returns: whether @text is a time of day
 */
gboolean
tandem_event_form_parse_time (const char *text,
                              guint      *hour,
                              guint      *minute)
{
  g_autofree char *lower = g_utf8_strdown (text ? text : "", -1);
  g_autofree char *am = g_utf8_strdown (am_pm (FALSE), -1);
  g_autofree char *pm = g_utf8_strdown (am_pm (TRUE), -1);
  g_auto(GStrv) parts = NULL;
  char *s = g_strstrip (lower);
  int meridiem = 0; /* 1 am, 2 pm */
  guint h, m = 0;

  g_return_val_if_fail (hour != NULL && minute != NULL, FALSE);

  if (strip_suffix (s, "uhr") || strip_suffix (s, "h"))
    ;
  else if (strip_suffix (s, pm) || strip_suffix (s, "pm") || strip_suffix (s, "p.m."))
    meridiem = 2;
  else if (strip_suffix (s, am) || strip_suffix (s, "am") || strip_suffix (s, "a.m."))
    meridiem = 1;

  parts = g_regex_split_simple ("[:.]", s, 0, 0);
  if (g_strv_length (parts) == 2)
    {
      if (!all_digits (parts[0], 1, 2) || !all_digits (parts[1], 2, 2))
        return FALSE;
      h = (guint) g_ascii_strtoull (parts[0], NULL, 10);
      m = (guint) g_ascii_strtoull (parts[1], NULL, 10);
    }
  else if (g_strv_length (parts) == 1 && all_digits (s, 1, 4))
    {
      gsize len = strlen (s);
      guint value = (guint) g_ascii_strtoull (s, NULL, 10);

      h = len <= 2 ? value : value / 100;
      m = len <= 2 ? 0 : value % 100;
    }
  else
    return FALSE;

  if (meridiem != 0)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (meridiem == 2 ? 12 : 0);
    }
  if (h > 23 || m > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

/**
 * tandem_event_form_format_time:
 *
 * Returns: (transfer full): @hour:@minute as the locale writes times:
 *   "14:30" in German and C, "2:30 PM" in US English
 */
char *
tandem_event_form_format_time (guint hour,
                               guint minute)
{
  g_return_val_if_fail (hour < 24 && minute < 60, NULL);

  if (uses_12_hours ())
    return g_strdup_printf ("%u:%02u %s", hour % 12 == 0 ? 12 : hour % 12, minute, am_pm (hour >= 12));
  return g_strdup_printf ("%02u:%02u", hour, minute);
}

/**
 * tandem_event_form_text_of:
 * @event: an event row
 *
 * Returns: (transfer full): the text the editor shows for @input of
 *   @event, in the user's locale: times in the event's own zone, the last
 *   day of an all-day event (the stored end is the day after)
 */
char *
tandem_event_form_text_of (TandemEventInput  input,
                           TandemEntity     *event)
{
  gboolean all_day;
  const char *start, *end;
  GDate date;
  guint hour = 0, minute = 0;
  gboolean is_start;

  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);
  g_return_val_if_fail (TANDEM_IS_EVENT (event), NULL);

  all_day = tandem_entity_get_bool (event, "all_day");
  start = tandem_entity_get_string (event, "start");
  end = tandem_entity_get_string (event, "end");

  switch (input)
    {
    case TANDEM_EVENT_INPUT_TITLE:
    case TANDEM_EVENT_INPUT_KIND:
    case TANDEM_EVENT_INPUT_LOCATION:
    case TANDEM_EVENT_INPUT_NOTES:
    case TANDEM_EVENT_INPUT_CAMPAIGN:
      {
        const char *value = tandem_entity_get_string (event, field_names[input_fields[input]]);
        return g_strdup (value ? value : "");
      }

    case TANDEM_EVENT_INPUT_ALL_DAY:
      return g_strdup (all_day ? "true" : "false");

    case TANDEM_EVENT_INPUT_TZID:
      {
        const char *tzid = tandem_entity_get_string (event, "tzid");
        return g_strdup (tzid != NULL && *tzid != '\0' ? tzid : "UTC");
      }

    case TANDEM_EVENT_INPUT_START_DATE:
    case TANDEM_EVENT_INPUT_END_DATE:
    case TANDEM_EVENT_INPUT_START_TIME:
    case TANDEM_EVENT_INPUT_END_TIME:
      is_start = input == TANDEM_EVENT_INPUT_START_DATE || input == TANDEM_EVENT_INPUT_START_TIME;
      if (!wall_clock (event, is_start ? start : end, &date, &hour, &minute) &&
          !wall_clock (event, start, &date, &hour, &minute))
        return g_strdup ("");
      if (input == TANDEM_EVENT_INPUT_START_TIME || input == TANDEM_EVENT_INPUT_END_TIME)
        {
          if (all_day)
            return tandem_event_form_format_time (DEFAULT_START_HOUR + !is_start, 0);
          return tandem_event_form_format_time (hour, minute);
        }
      else
        {
          GDate first;
          guint unused_h, unused_m;
          g_autofree char *iso = NULL;

          /* the stored end of an all-day span is exclusive */
          if (all_day && !is_start && end != NULL && wall_clock (event, start, &first, &unused_h, &unused_m) &&
              g_date_compare (&date, &first) > 0)
            g_date_subtract_days (&date, 1);
          iso = format_iso (&date);
          return tandem_locale_format_date (iso);
        }

    case TANDEM_EVENT_INPUT_RECURRENCE:
    case TANDEM_EVENT_INPUT_WEEKDAYS:
    case TANDEM_EVENT_INPUT_RRULE:
      {
        const char *rrule = tandem_entity_get_string (event, "rrule");
        g_autofree char *days = NULL;
        const char *choice = classify_rrule (rrule, &days);

        if (input == TANDEM_EVENT_INPUT_RECURRENCE)
          return g_strdup (choice);
        if (input == TANDEM_EVENT_INPUT_WEEKDAYS)
          return g_strdup (days ? days : "");
        return g_strdup (g_str_equal (choice, "custom") ? rrule : "");
      }

    case TANDEM_EVENT_INPUT_ATTENDEES:
      {
        const char * const *ids = tandem_entity_get_strv (event, "attendees");
        return ids != NULL ? g_strjoinv (",", (char **) ids) : g_strdup ("");
      }

    case TANDEM_EVENT_N_INPUTS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * tandem_event_form_new:
 * @event: (nullable): the event to edit, %NULL for a new one
 * @day: (nullable): for a new event, the day it starts: 09:00–10:00 in
 *   the local zone (today when %NULL)
 *
 * Returns: (transfer full): a form whose texts are those of @event, or
 *   of a new meeting on @day
 */
TandemEventForm *
tandem_event_form_new (TandemEntity *event,
                       GDateTime    *day)
{
  TandemEventForm *self;

  g_return_val_if_fail (event == NULL || TANDEM_IS_EVENT (event), NULL);

  self = g_new0 (TandemEventForm, 1);
  self->is_new = event == NULL;
  if (event != NULL)
    self->base = g_object_ref (event);
  else
    {
      g_autoptr(GDateTime) now = day == NULL ? g_date_time_new_now_local () : NULL;
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autofree char *tzid = tandem_local_zone_id ();
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;
      g_autofree char *start_text = NULL;
      g_autofree char *end_text = NULL;
      g_autoptr(JsonObject) prefill = json_object_new ();
      g_autoptr(GError) error = NULL;
      int y, m, d;

      g_date_time_get_ymd (day != NULL ? day : now, &y, &m, &d);
      start = g_date_time_new (local, y, m, d, DEFAULT_START_HOUR, 0, 0);
      end = g_date_time_add_hours (start, 1);
      start_text = tandem_format_date_time (start);
      end_text = tandem_format_date_time (end);

      self->empty = tandem_entity_new (TANDEM_TYPE_EVENT);
      self->base = tandem_entity_new (TANDEM_TYPE_EVENT);
      json_object_set_string_member (prefill, "start", start_text);
      json_object_set_string_member (prefill, "end", end_text);
      /* /etc/localtime of servers and containers names UTC so */
      json_object_set_string_member (prefill, "tzid", g_str_equal (tzid, "Etc/UTC") ? "UTC" : tzid);
      if (!tandem_entity_apply_json (self->base, prefill, FALSE, &error))
        g_warning ("Ignoring the times of the new event: %s", error->message);
    }

  reset_texts (self);
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    self->text[i] = g_strdup (self->initial[i]);
  return self;
}

void
tandem_event_form_free (TandemEventForm *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    {
      g_free (self->initial[i]);
      g_free (self->text[i]);
    }
  g_clear_object (&self->base);
  g_clear_object (&self->empty);
  g_free (self);
}

/**
 * tandem_event_form_get_base:
 *
 * Returns: (transfer none): the row the form compares with: the event it
 *   was opened on (or last rebased on), or the prefilled new event
 */
TandemEntity *
tandem_event_form_get_base (TandemEventForm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base;
}

gboolean
tandem_event_form_is_new (TandemEventForm *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_new;
}

const char *
tandem_event_form_get_text (TandemEventForm  *self,
                            TandemEventInput  input)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);
  return self->text[input];
}

void
tandem_event_form_set_text (TandemEventForm  *self,
                            TandemEventInput  input,
                            const char       *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (input < TANDEM_EVENT_N_INPUTS);

  g_free (self->text[input]);
  self->text[input] = g_strdup (text ? text : "");
}

/**
 * tandem_event_form_is_modified:
 *
 * Returns: whether any text differs from the one the form started with
 */
gboolean
tandem_event_form_is_modified (TandemEventForm *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return changed_inputs (self) != 0;
}

/**
 * tandem_event_form_validate:
 * @messages: (out caller-allocates) (array fixed-size=TANDEM_EVENT_N_INPUTS) (optional):
 *   for each input, a newly allocated message saying what is wrong, or %NULL
 *
 * Checks every input and the rules across them (the end not before the
 * start). Times are only checked for events that do not last all day.
 *
 * Returns: %TRUE when the form can be saved
 */
gboolean
tandem_event_form_validate (TandemEventForm  *self,
                            char            **messages)
{
  JsonNode *values[N_FIELDS];
  gboolean valid;

  g_return_val_if_fail (self != NULL, FALSE);

  if (messages != NULL)
    memset (messages, 0, sizeof (char *) * TANDEM_EVENT_N_INPUTS);
  valid = compute_values (self, values, messages);
  clear_values (values);
  return valid;
}

/**
 * tandem_event_form_build_patch:
 *
 * The fields whose values differ from the base row's, in JSON form. Of an
 * existing event, fields whose inputs were not touched are left out
 * whatever their stored form; a new event's patch names everything that
 * differs from the store's defaults.
 *
 * Returns: (transfer full): the patch, or %NULL with %TANDEM_ERROR_INVALID
 *   when the form does not validate
 */
JsonObject *
tandem_event_form_build_patch (TandemEventForm  *self,
                               GError          **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(JsonObject) base_json = NULL;
  char *messages[TANDEM_EVENT_N_INPUTS] = { NULL, };
  JsonNode *values[N_FIELDS];
  guint changed;
  const char *vtimezone;

  g_return_val_if_fail (self != NULL, NULL);

  if (!compute_values (self, values, messages))
    {
      for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
        {
          if (messages[i] != NULL && error != NULL && *error == NULL)
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: %s",
                         tandem_event_input_field (i), messages[i]);
          g_free (messages[i]);
        }
      clear_values (values);
      return NULL;
    }

  base_json = tandem_entity_to_json (self->is_new ? self->empty : self->base);
  changed = changed_inputs (self);
  for (guint f = 0; f < N_FIELDS; f++)
    {
      if (!self->is_new && (changed & field_deps[f]) == 0)
        continue;
      if (!values_equal (f, values[f], entity_node (base_json, f)))
        json_object_set_member (patch, field_names[f], json_node_copy (values[f]));
    }
  clear_values (values);

  /* an imported zone's definition goes with its zone */
  vtimezone = tandem_entity_get_string (self->base, "vtimezone");
  if (json_object_has_member (patch, "tzid") && !self->is_new && vtimezone != NULL)
    json_object_set_null_member (patch, "vtimezone");

  return g_steal_pointer (&patch);
}

/**
 * tandem_event_form_rebase:
 * @current: the event as it is in the store now
 * @conflicts: (out caller-allocates) (array fixed-size=TANDEM_EVENT_N_INPUTS) (optional):
 *   set for each input that both sides changed to different values
 *
 * After a save was refused because someone else changed the same fields,
 * or when the row changed underneath: the form now compares with
 * @current. Fields the person left alone take the other side's values;
 * inputs both changed keep what the person typed, so saving again keeps
 * it (after they have seen the other value).
 *
 * Returns: the number of conflicting inputs
 */
guint
tandem_event_form_rebase (TandemEventForm *self,
                          TandemEntity    *current,
                          gboolean        *conflicts)
{
  g_autoptr(JsonObject) base_json = NULL;
  g_autoptr(JsonObject) current_json = NULL;
  JsonNode *mine[N_FIELDS];
  guint changed;
  guint n_conflicts = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (TANDEM_IS_EVENT (current), 0);

  if (conflicts != NULL)
    memset (conflicts, 0, sizeof (gboolean) * TANDEM_EVENT_N_INPUTS);

  base_json = tandem_entity_to_json (self->base);
  current_json = tandem_entity_to_json (current);
  changed = changed_inputs (self);
  compute_values (self, mine, NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      JsonNode *theirs = entity_node (current_json, f);
      guint own = 0;

      if (values_equal (f, theirs, entity_node (base_json, f)))
        continue;
      for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
        if (input_fields[i] == f)
          own |= BIT (i);

      if ((changed & own) == 0)
        {
          for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
            if (own & BIT (i))
              {
                g_free (self->text[i]);
                self->text[i] = tandem_event_form_text_of (i, current);
              }
        }
      else if (mine[f] == NULL || !values_equal (f, mine[f], theirs))
        {
          for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
            if (changed & own & BIT (i))
              {
                if (conflicts != NULL)
                  conflicts[i] = TRUE;
                n_conflicts++;
              }
        }
    }
  clear_values (mine);

  g_set_object (&self->base, current);
  g_clear_object (&self->empty);
  self->is_new = FALSE;
  reset_texts (self);
  return n_conflicts;
}

/**
 * tandem_event_form_is_joint_meeting:
 * @people: a list of TandemPerson rows
 *
 * Returns: whether both marketing and sales are among the attendees
 */
gboolean
tandem_event_form_is_joint_meeting (TandemEventForm *self,
                                    GListModel      *people)
{
  g_auto(GStrv) ids = NULL;
  gboolean marketing = FALSE, sales = FALSE;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), FALSE);

  if (people == NULL)
    return FALSE;
  ids = split_ids (self->text[TANDEM_EVENT_INPUT_ATTENDEES]);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (people, i);
      const char *role = tandem_entity_get_string (person, "role");

      if (!g_strv_contains ((const char * const *) ids, tandem_entity_get_id (person)))
        continue;
      marketing = marketing || g_strcmp0 (role, "marketing") == 0;
      sales = sales || g_strcmp0 (role, "sales") == 0;
    }
  return marketing && sales;
}
