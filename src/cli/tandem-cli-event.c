/* tandem-cli-event.c — event add, list, show, set, delete
 *
 * Timed events are stored as RFC 3339 times with an offset plus the zone
 * id they were made in; they are shown with the offset that holds in that
 * zone at that instant. All-day events are dates, the end exclusive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <string.h>

#include "tandem-cli.h"

static const char * const list_columns[] = { "start", "end", "kind", "title", "location", NULL };

#define RECURRENCE_LATER "recurrence is not supported yet"

/* Presentation */

/* The event's JSON with its times in the offset of its zone (tzid). */
static JsonObject *
event_to_json (TandemEntity *event)
{
  static const char * const times[] = { "start", "end" };
  JsonObject *object = tandem_entity_to_json (event);
  const char *tzid = tandem_entity_get_string (event, "tzid");
  g_autoptr(GTimeZone) zone = NULL;

  if (tandem_entity_get_bool (event, "all_day"))
    return object;

  if (tzid != NULL && tzid[0] != '\0')
    zone = g_time_zone_new_identifier (tzid);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      const char *text = tandem_entity_get_string (event, times[i]);
      g_autoptr(GDateTime) dt = text != NULL ? tandem_parse_date_time (text, NULL) : NULL;
      g_autoptr(GDateTime) in_zone = NULL;
      g_autofree char *formatted = NULL;

      if (dt == NULL)
        continue;
      in_zone = zone != NULL ? g_date_time_to_timezone (dt, zone) : g_date_time_ref (dt);
      formatted = tandem_format_date_time (in_zone);
      json_object_set_string_member (object, times[i], formatted);
    }
  return object;
}

/* Local midnight at the start of @date. */
static GDateTime *
local_midnight (const GDate *date)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
}

/* The span of @event as local instants, in seconds: [start, end). A timed
 * event without an end is an instant (end == start). */
static gboolean
event_span (TandemEntity *event,
            gint64       *start,
            gint64       *end)
{
  const char *s = tandem_entity_get_string (event, "start");
  const char *e = tandem_entity_get_string (event, "end");

  if (tandem_entity_get_bool (event, "all_day"))
    {
      GDate sd, ed;
      g_autoptr(GDateTime) sdt = NULL;
      g_autoptr(GDateTime) edt = NULL;

      if (!tandem_parse_date (s, &sd))
        return FALSE;
      if (e == NULL || !tandem_parse_date (e, &ed))
        {
          ed = sd;
          g_date_add_days (&ed, 1);
        }
      sdt = local_midnight (&sd);
      edt = local_midnight (&ed);
      *start = g_date_time_to_unix (sdt);
      *end = g_date_time_to_unix (edt);
    }
  else
    {
      g_autoptr(GDateTime) sdt = tandem_parse_date_time (s, NULL);
      g_autoptr(GDateTime) edt = e != NULL ? tandem_parse_date_time (e, NULL) : NULL;

      if (sdt == NULL)
        return FALSE;
      *start = g_date_time_to_unix (sdt);
      *end = edt != NULL ? g_date_time_to_unix (edt) : *start;
    }
  return TRUE;
}

/* Input of times */

/* The stored form of a --start/--end value: a date for all-day events, an
 * RFC 3339 time with offset (local without one) for timed ones. */
static char *
parse_when (const char  *option,
            const char  *text,
            gboolean     all_day,
            GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;

  if (all_day)
    {
      if (!tandem_parse_date (text, NULL))
        {
          tandem_cli_usage_error (error, "%s: an all-day event takes a date (YYYY-MM-DD), not “%s”", option, text);
          return NULL;
        }
      return g_strdup (text);
    }

  if (tandem_parse_date (text, NULL))
    {
      tandem_cli_usage_error (error, "%s: a timed event takes a time (YYYY-MM-DDTHH:MM), not the date “%s”",
                              option, text);
      return NULL;
    }
  if ((dt = tandem_parse_date_time (text, NULL)) == NULL)
    {
      tandem_cli_usage_error (error, "%s: “%s” is not a time (YYYY-MM-DDTHH:MM[:SS][±hh:mm]) or a date (YYYY-MM-DD)",
                              option, text);
      return NULL;
    }
  return tandem_format_date_time (dt);
}

/* Whether the FIELD=VALUE @assignment gives @field a value. */
static gboolean
assigns (const char *assignment,
         const char *field)
{
  gsize len = strlen (field);

  return strncmp (assignment, field, len) == 0 && assignment[len] == '=' && assignment[len + 1] != '\0';
}

/* Commands */

gboolean
tandem_cli_event_add (TandemCli  *cli,
                      GStrv      *args,
                      GError    **error)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gboolean all_day = FALSE;
  g_autofree char *kind = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *location = NULL;
  g_auto(GStrv) attendees = NULL;
  g_autofree char *rrule = NULL;
  g_autofree char *notes = NULL;
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_FILENAME, &start, "Start: a time, or a date for an all-day event", "T|D" },
    { "end", 0, 0, G_OPTION_ARG_FILENAME, &end, "End (exclusive for all-day events)", "T|D" },
    { "all-day", 0, 0, G_OPTION_ARG_NONE, &all_day, "An all-day event", NULL },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind, "meeting, launch, deadline, trade-show, milestone or other", "K" },
    { "campaign", 0, 0, G_OPTION_ARG_FILENAME, &campaign, "The campaign it belongs to", "ID" },
    { "location", 0, 0, G_OPTION_ARG_FILENAME, &location, "Where", "L" },
    { "attendee", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attendees, "An attendee (repeatable)", "P" },
    { "rrule", 0, 0, G_OPTION_ARG_FILENAME, &rrule, "Recurrence (not supported yet)", "RULE" },
    { "notes", 0, 0, G_OPTION_ARG_FILENAME, &notes, "Notes", "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *start_value = NULL;
  g_autofree char *end_value = NULL;
  g_autofree char *actor = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "event add", "TITLE", entries, 1, 1, args, error))
    return FALSE;
  if (rrule != NULL)
    return tandem_cli_usage_error (error, RECURRENCE_LATER);
  if (start == NULL)
    return tandem_cli_usage_error (error, "event add: --start is required");

  /* a date alone makes an all-day event */
  all_day = all_day || tandem_parse_date (start, NULL);
  if ((start_value = parse_when ("--start", start, all_day, error)) == NULL)
    return FALSE;
  if (end != NULL && (end_value = parse_when ("--end", end, all_day, error)) == NULL)
    return FALSE;
  if (all_day && end_value == NULL)
    {
      GDate day;

      tandem_parse_date (start_value, &day);
      g_date_add_days (&day, 1);
      end_value = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                                   g_date_get_day (&day));
    }

  json_object_set_string_member (fields, "title", (*args)[0]);
  json_object_set_boolean_member (fields, "all_day", all_day);
  json_object_set_string_member (fields, "start", start_value);
  if (end_value != NULL)
    json_object_set_string_member (fields, "end", end_value);
  if (!all_day)
    {
      g_autofree char *tzid = tandem_local_zone_id ();
      json_object_set_string_member (fields, "tzid", tzid);
    }
  if (kind != NULL)
    json_object_set_string_member (fields, "kind", kind);
  if (location != NULL)
    json_object_set_string_member (fields, "location", location);
  if (notes != NULL)
    json_object_set_string_member (fields, "notes", notes);

  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (campaign != NULL)
    {
      /* an id that names no campaign is "not found", whatever its shape */
      g_autoptr(TandemEntity) found = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, campaign, error);
      if (found == NULL)
        return FALSE;
      json_object_set_string_member (fields, "campaign", tandem_entity_get_id (found));
    }
  if (attendees != NULL)
    {
      g_auto(GStrv) ids = tandem_cli_resolve_people (cli, (const char * const *) attendees, error);
      JsonArray *array;

      if (ids == NULL)
        return FALSE;
      array = json_array_new ();
      for (guint i = 0; ids[i] != NULL; i++)
        json_array_add_string_element (array, ids[i]);
      json_object_set_array_member (fields, "attendees", array);
    }
  if (!tandem_cli_actor (cli, &actor, error))
    return FALSE;
  if (actor != NULL)
    json_object_set_string_member (fields, "created_by", actor);

  if ((event = tandem_store_insert (store, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, error)) == NULL)
    return FALSE;
  object = event_to_json (event);
  tandem_cli_print_new (cli, object);
  return TRUE;
}

typedef struct
{
  TandemEntity *event;
  gint64        start;
} Listed;

static int
compare_listed_cb (gconstpointer a,
                   gconstpointer b)
{
  const Listed *x = a;
  const Listed *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (tandem_entity_get_id (x->event), tandem_entity_get_id (y->event));
}

gboolean
tandem_cli_event_list (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, "From this day on (local time)", "D" },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, "Up to and including this day", "D" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (Listed));
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 range_start = G_MININT64;
  gint64 range_end = G_MAXINT64;
  GDate from_day, to_day;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "event list", NULL, entries, 0, 0, args, error))
    return FALSE;
  if (from != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;

      if (!tandem_cli_parse_day ("--from", from, &from_day, error))
        return FALSE;
      dt = local_midnight (&from_day);
      range_start = g_date_time_to_unix (dt);
    }
  if (to != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;

      if (!tandem_cli_parse_day ("--to", to, &to_day, error))
        return FALSE;
      if (from != NULL && g_date_compare (&to_day, &from_day) < 0)
        return tandem_cli_usage_error (error, "--to (%s) is before --from (%s)", to, from);
      g_date_add_days (&to_day, 1);
      dt = local_midnight (&to_day);
      range_end = g_date_time_to_unix (dt);
    }

  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if ((events = tandem_store_list (store, TANDEM_TYPE_EVENT, error)) == NULL)
    return FALSE;

  /* events overlapping [from 00:00, to + 1 00:00) */
  for (guint i = 0; i < events->len; i++)
    {
      Listed item = { events->pdata[i], 0 };
      gint64 end;

      if (!event_span (item.event, &item.start, &end))
        continue;
      if (item.start >= range_end)
        continue;
      if (end > item.start ? end <= range_start : item.start < range_start)
        continue;
      g_array_append_val (listed, item);
    }
  g_array_sort (listed, compare_listed_cb);

  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (objects, event_to_json (g_array_index (listed, Listed, i).event));
  tandem_cli_print_list (cli, TANDEM_TYPE_EVENT, objects, list_columns);
  return TRUE;
}

static gboolean
check_set (const char * const  *assignments,
           GError             **error)
{
  for (guint i = 0; assignments[i] != NULL; i++)
    if (assigns (assignments[i], "rrule") || assigns (assignments[i], "exdates"))
      return tandem_cli_usage_error (error, RECURRENCE_LATER);
  return TRUE;
}

static const TandemCliKind event_kind = {
  .get_type = tandem_event_get_type,
  .command_show = "event show",
  .command_set = "event set",
  .id_param = "ID",
  .check_set = check_set,
  .to_json = event_to_json,
};

gboolean
tandem_cli_event_show (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  return tandem_cli_show (cli, &event_kind, args, error);
}

gboolean
tandem_cli_event_set (TandemCli  *cli,
                      GStrv      *args,
                      GError    **error)
{
  return tandem_cli_set (cli, &event_kind, args, error);
}

gboolean
tandem_cli_event_delete (TandemCli  *cli,
                         GStrv      *args,
                         GError    **error)
{
  g_autofree char *occurrence = NULL;
  g_autofree char *expect_rev = NULL;
  const GOptionEntry entries[] = {
    { "occurrence", 0, 0, G_OPTION_ARG_FILENAME, &occurrence, "One occurrence only (not supported yet)", "T|D" },
    { "expect-rev", 0, 0, G_OPTION_ARG_FILENAME, &expect_rev, "Fail if it changed since revision N", "N" },
    G_OPTION_ENTRY_NULL
  };

  if (!tandem_cli_parse (cli, "event delete", "ID", entries, 1, 1, args, error))
    return FALSE;
  if (occurrence != NULL)
    return tandem_cli_usage_error (error, RECURRENCE_LATER);
  return tandem_cli_delete (cli, TANDEM_TYPE_EVENT, (*args)[0], expect_rev, error);
}
