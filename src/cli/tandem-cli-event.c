/* tandem-cli-event.c — event add, list, show, set, delete
 *
 * Timed events are stored as RFC 3339 times with an offset plus the zone
 * id they were made in; they are shown with the offset that holds in that
 * zone at that instant. All-day events are dates, the end exclusive.
 * `event list` expands recurring events (tandem-calendar.c): one object
 * per occurrence, with the event's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <string.h>

#include "tandem-calendar.h"
#include "tandem-cli.h"

static const char * const list_columns[] = { "start", "end", "kind", "title", "location", NULL };

/* Presentation */

/* The event's JSON with its times in the offset of its zone (tzid). */
static JsonObject *
event_to_json (TandemEntity *event)
{
  static const char * const times[] = { "start", "end" };
  JsonObject *object = tandem_entity_to_json (event);
  const char *tzid = tandem_entity_get_string (event, "tzid");
  const char *vtimezone = tandem_entity_get_string (event, "vtimezone");

  /* a kept VTIMEZONE definition is the store's business, not the listing's */
  json_object_remove_member (object, "vtimezone");
  if (tandem_entity_get_bool (event, "all_day"))
    return object;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *formatted = tandem_calendar_format_time (tandem_entity_get_string (event, times[i]),
                                                                tzid, vtimezone);
      if (formatted != NULL)
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
    { "rrule", 0, 0, G_OPTION_ARG_FILENAME, &rrule, "Recurrence: an iCalendar RRULE (FREQ=WEEKLY;BYDAY=MO)", "RULE" },
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
  if (start == NULL)
    return tandem_cli_usage_error (error, "event add: --start is required");

  /* a date alone makes an all-day event */
  all_day = all_day || tandem_parse_date (start, NULL);
  if ((start_value = parse_when ("--start", start, all_day, error)) == NULL)
    return FALSE;
  if (end != NULL && (end_value = parse_when ("--end", end, all_day, error)) == NULL)
    return FALSE;
  if (!all_day && end_value != NULL)
    {
      /* a start in a DST gap moves later (tandem_wall_to_unix()); the
       * event keeps the length its wall-clock times give */
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) s = tandem_parse_date_time (start_value, NULL);
      g_autoptr(GDateTime) e = tandem_parse_date_time (end_value, NULL);
      g_autoptr(GDateTime) ws = tandem_parse_date_time (start, utc);
      g_autoptr(GDateTime) we = tandem_parse_date_time (end, utc);

      if (s != NULL && e != NULL && ws != NULL && we != NULL && !tandem_time_text_has_offset (start) &&
          !tandem_time_text_has_offset (end) && g_date_time_compare (e, s) < 0 && g_date_time_compare (we, ws) >= 0)
        {
          g_autoptr(GDateTime) moved = g_date_time_add (s, g_date_time_difference (we, ws));
          g_free (end_value);
          end_value = tandem_format_date_time (moved);
        }
    }
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
  if (rrule != NULL)
    json_object_set_string_member (fields, "rrule", g_str_has_prefix (rrule, "RRULE:") ? rrule + 6 : rrule);

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
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GDateTime) range_start = NULL;
  g_autoptr(GDateTime) range_end = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "event list", NULL, entries, 0, 0, args, error))
    return FALSE;
  if (!tandem_cli_parse_range (from, to, &range_start, &range_end, error))
    return FALSE;

  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  /* events overlapping [from 00:00, to + 1 00:00), recurring ones expanded */
  if ((occurrences = tandem_calendar_list_range (store, range_start, range_end, error)) == NULL)
    return FALSE;
  objects = tandem_occurrences_to_json (occurrences);
  tandem_cli_print_list (cli, TANDEM_TYPE_EVENT, objects, list_columns);
  return TRUE;
}

/* --from D and --to D as local midnights: [from 00:00, to + 1 00:00) */
gboolean
tandem_cli_parse_range (const char  *from,
                        const char  *to,
                        GDateTime  **range_start,
                        GDateTime  **range_end,
                        GError     **error)
{
  GDate from_day, to_day;

  if (from != NULL)
    {
      if (!tandem_cli_parse_day ("--from", from, &from_day, error))
        return FALSE;
      *range_start = local_midnight (&from_day);
    }
  if (to != NULL)
    {
      if (!tandem_cli_parse_day ("--to", to, &to_day, error))
        return FALSE;
      if (from != NULL && g_date_compare (&to_day, &from_day) < 0)
        return tandem_cli_usage_error (error, "--to (%s) is before --from (%s)", to, from);
      g_date_add_days (&to_day, 1);
      *range_end = local_midnight (&to_day);
    }
  return TRUE;
}

/* EXDATEs typed without an offset are local times, like every T. */
static TandemEntity *
update_event (TandemCli   *cli,
              const char  *id,
              gint64       base_rev,
              JsonObject  *patch,
              GError     **error)
{
  JsonArray *exdates = json_object_has_member (patch, "exdates") ? json_object_get_array_member (patch, "exdates") : NULL;
  TandemStore *store = tandem_cli_store (cli, error);

  if (store == NULL)
    return NULL;
  for (guint i = 0; exdates != NULL && i < json_array_get_length (exdates); i++)
    {
      JsonNode *node = json_array_get_element (exdates, i);
      const char *text = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
      g_autoptr(GDateTime) dt = NULL;

      if (text != NULL && !tandem_parse_date (text, NULL) && !tandem_has_utc_offset (text) &&
          (dt = tandem_parse_date_time (text, NULL)) != NULL)
        {
          g_autofree char *with_offset = tandem_format_date_time (dt);
          json_node_set_string (node, with_offset);
        }
    }
  return tandem_store_update (store, TANDEM_TYPE_EVENT, id, base_rev, patch, TANDEM_WRITE_DEFAULT, error);
}

static const TandemCliKind event_kind = {
  .get_type = tandem_event_get_type,
  .command_show = "event show",
  .command_set = "event set",
  .id_param = "ID",
  .update = update_event,
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
    { "occurrence", 0, 0, G_OPTION_ARG_FILENAME, &occurrence,
      "One occurrence of a recurring event only: its start", "T|D" },
    { "expect-rev", 0, 0, G_OPTION_ARG_FILENAME, &expect_rev, "Fail if it changed since revision N", "N" },
    G_OPTION_ENTRY_NULL
  };
  const char *id;
  TandemStore *store;
  gint64 base_rev = 0;

  if (!tandem_cli_parse (cli, "event delete", "ID", entries, 1, 1, args, error))
    return FALSE;
  id = (*args)[0];
  if (expect_rev != NULL && !tandem_cli_parse_count ("--expect-rev", expect_rev, 1, &base_rev, error))
    return FALSE;
  if (occurrence != NULL && !tandem_parse_date (occurrence, NULL))
    {
      g_autoptr(GDateTime) dt = tandem_parse_date_time (occurrence, NULL);
      if (dt == NULL)
        return tandem_cli_usage_error (error, "--occurrence: “%s” is not a time (YYYY-MM-DDTHH:MM[:SS][±hh:mm]) "
                                       "or a date (YYYY-MM-DD)", occurrence);
    }
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  if (occurrence != NULL)
    {
      if (!tandem_calendar_delete_occurrence (store, id, occurrence, error))
        return FALSE;
    }
  else if (!tandem_calendar_delete_event (store, id, base_rev, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      if (occurrence != NULL)
        json_object_set_string_member (object, "occurrence", occurrence);
      json_object_set_boolean_member (object, "deleted", TRUE);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}
