/* test-event-form.c — the event editor's form logic
 *
 * Times and dates typed in German (de_DE.UTF-8) and in C.UTF-8, the RRULE
 * each recurrence choice makes, patches with only the changed fields, and
 * saves based on a stale revision against a real workspace file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-event-form"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tandem-core.h"
#include "tandem-event-form.h"

typedef struct
{
  char        *dir;
  char        *path;
  TandemStore *store;
} Fixture;

static void
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    g_error ("The locale %s is not installed; the editor's tests need it "
             "(build-aux/test generates it: localedef -i de_DE -f UTF-8 de_DE.UTF-8)", name);
}

static gboolean
is_german (void)
{
  return g_str_has_prefix (setlocale (LC_TIME, NULL), "de");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  use_locale ("C.UTF-8");
  fixture->dir = g_dir_make_tmp ("tandem-event-form-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.tandem", NULL);
  fixture->store = tandem_store_create (fixture->path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  use_locale ("C.UTF-8");
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static TandemEntity *
insert_event (TandemStore *store,
              const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = parse_object (json);
  TandemEntity *row = tandem_store_insert (store, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, &error);

  g_assert_no_error (error);
  return row;
}

static TandemEntity *
insert_person (TandemStore *store,
               const char  *name,
               const char  *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  TandemEntity *person;

  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "role", role);
  person = tandem_store_insert (store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return person;
}

static char *
patch_to_string (JsonObject *patch)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, patch);
  return json_to_string (node, FALSE);
}

static JsonObject *
build_patch (TandemEventForm *form)
{
  g_autoptr(GError) error = NULL;
  JsonObject *patch = tandem_event_form_build_patch (form, &error);

  g_assert_no_error (error);
  g_assert_nonnull (patch);
  return patch;
}

static void
free_messages (char **messages)
{
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    g_clear_pointer (&messages[i], g_free);
}

/* The date 2026-12-03 as the locale writes it */
static const char *
local_date (const char *german,
            const char *iso)
{
  return is_german () ? german : iso;
}

static TandemEventForm *
new_form_on (int year,
             int month,
             int day)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  return tandem_event_form_new (NULL, date);
}

/* Times */

static void
test_parse_time (gconstpointer data)
{
  static const struct { const char *text; int hour; int minute; } cases[] = {
    { "14:30", 14, 30 }, { "9:05", 9, 5 }, { " 09:05 ", 9, 5 }, { "14.30", 14, 30 },
    { "1430", 14, 30 }, { "905", 9, 5 }, { "9", 9, 0 }, { "14 Uhr", 14, 0 }, { "0:00", 0, 0 },
    { "23:59", 23, 59 }, { "2:30 PM", 14, 30 }, { "12:15 am", 0, 15 }, { "12 pm", 12, 0 },
    { "25:00", -1, 0 }, { "9:5", -1, 0 }, { "14:60", -1, 0 }, { "", -1, 0 }, { "halb drei", -1, 0 },
    { "13:00 PM", -1, 0 }, { "1:2:3", -1, 0 }, { "-1:00", -1, 0 },
  };
  g_autofree char *shown = NULL;
  g_autofree char *morning = NULL;

  use_locale (data);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint hour = 99, minute = 99;
      gboolean ok = tandem_event_form_parse_time (cases[i].text, &hour, &minute);

      g_test_message ("%s “%s”", (const char *) data, cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].hour >= 0);
      if (ok)
        {
          g_assert_cmpuint (hour, ==, (guint) cases[i].hour);
          g_assert_cmpuint (minute, ==, (guint) cases[i].minute);
        }
    }

  shown = tandem_event_form_format_time (14, 30);
  g_assert_cmpstr (shown, ==, "14:30");
  morning = tandem_event_form_format_time (9, 5);
  g_assert_cmpstr (morning, ==, "09:05");
  use_locale ("C.UTF-8");
}

/* Validation, with dates and times as the locale writes them */
static void
test_validation (gconstpointer data)
{
  g_autoptr(TandemEventForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  char *messages[TANDEM_EVENT_N_INPUTS] = { NULL, };
  g_autoptr(GError) error = NULL;

  use_locale (data);
  form = new_form_on (2026, 12, 3);

  /* prefilled: 09:00–10:00 on the day, local zone (TZ=UTC in the tests) */
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_DATE), ==,
                   local_date ("03.12.2026", "2026-12-03"));
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_TIME), ==, "09:00");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_END_TIME), ==, "10:00");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_KIND), ==, "meeting");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_RECURRENCE), ==, "none");
  g_assert_false (tandem_event_form_is_modified (form));

  /* the title is required */
  g_assert_false (tandem_event_form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_TITLE]);
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    if (i != TANDEM_EVENT_INPUT_TITLE)
      g_assert_null (messages[i]);
  free_messages (messages);
  g_assert_null (tandem_event_form_build_patch (form, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);

  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "  Vertriebsrunde Q1  ");
  g_assert_true (tandem_event_form_validate (form, NULL));
  g_assert_true (tandem_event_form_is_modified (form));

  /* times typed the usual ways; Berlin in winter is +01:00 */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_DATE, local_date ("3.12.26", "2026-12-03"));
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_TIME, is_german () ? "9.05" : "9:05");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("03.12.2026", "2026-12-03"));
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_TIME, "14:30");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TZID, "Europe/Berlin");
  patch = build_patch (form);
  g_assert_cmpstr (json_object_get_string_member (patch, "title"), ==, "Vertriebsrunde Q1");
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-12-03T09:05:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (patch, "end"), ==, "2026-12-03T14:30:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (patch, "tzid"), ==, "Europe/Berlin");
  g_assert_false (json_object_has_member (patch, "all_day"));
  g_assert_false (json_object_has_member (patch, "rrule"));
  g_assert_false (json_object_has_member (patch, "kind"));
  g_clear_pointer (&patch, json_object_unref);

  /* in summer the offset of that instant, +02:00 */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_DATE, local_date ("29.06.2026", "2026-06-29"));
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("29.06.2026", "2026-06-29"));
  patch = build_patch (form);
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-06-29T09:05:00+02:00");
  g_clear_pointer (&patch, json_object_unref);

  /* the end before the start: on the time, or on the date */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_TIME, "8:00");
  g_assert_false (tandem_event_form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_END_TIME]);
  g_assert_null (messages[TANDEM_EVENT_INPUT_END_DATE]);
  free_messages (messages);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_TIME, "10:00");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("28.06.2026", "2026-06-28"));
  g_assert_false (tandem_event_form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_END_DATE]);
  free_messages (messages);

  /* wrong dates, times and zones are named on their input */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("30.06.2026", "2026-06-30"));
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_TIME, "25:00");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_DATE, "31.02.");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TZID, "Mars/Olympus_Mons");
  g_assert_false (tandem_event_form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_START_TIME]);
  g_assert_nonnull (strstr (messages[TANDEM_EVENT_INPUT_START_TIME], "14:30"));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_START_DATE]);
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_TZID]);
  g_assert_null (messages[TANDEM_EVENT_INPUT_END_DATE]);
  free_messages (messages);

  /* all day: dates only (times are not read), the stored end exclusive */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TZID, "Europe/Vienna");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_ALL_DAY, "true");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_DATE, local_date ("20.04.2026", "2026-04-20"));
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("24.04.2026", "2026-04-24"));
  patch = build_patch (form);
  g_assert_true (json_object_get_boolean_member (patch, "all_day"));
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-04-20");
  g_assert_cmpstr (json_object_get_string_member (patch, "end"), ==, "2026-04-25");
  g_clear_pointer (&patch, json_object_unref);

  /* a one-day event ends on its own day; an end before is refused */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("20.04.2026", "2026-04-20"));
  patch = build_patch (form);
  g_assert_cmpstr (json_object_get_string_member (patch, "end"), ==, "2026-04-21");
  g_clear_pointer (&patch, json_object_unref);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_DATE, local_date ("19.04.2026", "2026-04-19"));
  g_assert_false (tandem_event_form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_EVENT_INPUT_END_DATE]);
  free_messages (messages);

  use_locale ("C.UTF-8");
}

/* Each recurrence choice makes exactly one RRULE */
static void
test_rrule_choices (void)
{
  static const struct { const char *choice; const char *weekdays; const char *custom; const char *rrule; } cases[] = {
    { "daily", "", "", "FREQ=DAILY" },
    { "weekly", "", "", "FREQ=WEEKLY" },
    { "weekly", "fr, mo,WE,mo", "", "FREQ=WEEKLY;BYDAY=MO,WE,FR" },
    { "weekly", "TU", "", "FREQ=WEEKLY;BYDAY=TU" },
    { "monthly", "MO", "", "FREQ=MONTHLY" },
    { "yearly", "", "FREQ=DAILY", "FREQ=YEARLY" },
    { "custom", "", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" },
    { "custom", "", " rrule:freq=monthly;bymonthday=15;count=6 ", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6" },
  };
  static const char * const bad_custom[] = {
    "", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "every monday", "FREQ=DAILY;COUNT=x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TandemEventForm) form = new_form_on (2026, 12, 3);
      g_autoptr(JsonObject) patch = NULL;

      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "Jour fixe");
      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RECURRENCE, cases[i].choice);
      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_WEEKDAYS, cases[i].weekdays);
      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RRULE, cases[i].custom);
      patch = build_patch (form);
      g_assert_cmpstr (json_object_get_string_member (patch, "rrule"), ==, cases[i].rrule);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_custom); i++)
    {
      g_autoptr(TandemEventForm) form = new_form_on (2026, 12, 3);
      char *messages[TANDEM_EVENT_N_INPUTS] = { NULL, };

      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "Jour fixe");
      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RECURRENCE, "custom");
      tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RRULE, bad_custom[i]);
      g_test_message ("custom “%s”", bad_custom[i]);
      g_assert_false (tandem_event_form_validate (form, messages));
      g_assert_nonnull (messages[TANDEM_EVENT_INPUT_RRULE]);
      free_messages (messages);
    }

  {
    g_autoptr(TandemEventForm) form = new_form_on (2026, 12, 3);
    char *messages[TANDEM_EVENT_N_INPUTS] = { NULL, };

    tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "Jour fixe");
    tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RECURRENCE, "weekly");
    tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_WEEKDAYS, "MO,XY");
    g_assert_false (tandem_event_form_validate (form, messages));
    g_assert_nonnull (messages[TANDEM_EVENT_INPUT_WEEKDAYS]);
    free_messages (messages);
  }
}

/* An existing event's texts: times in its zone, the last day of an
 * all-day span, the recurrence choice its RRULE is */
static void
test_texts_of_event (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TandemEntity) timed = NULL;
  g_autoptr(TandemEntity) fair = NULL;
  g_autoptr(TandemEntity) custom = NULL;
  g_autoptr(TandemEventForm) form = NULL;

  use_locale ("de_DE.UTF-8");
  /* stored in UTC: shown in Berlin */
  timed = insert_event (fixture->store,
                        "{\"title\": \"Abstimmung\", \"start\": \"2027-03-29T07:00:00Z\","
                        " \"end\": \"2027-03-29T08:30:00Z\", \"tzid\": \"Europe/Berlin\","
                        " \"rrule\": \"FREQ=WEEKLY;BYDAY=WE,MO\"}");
  form = tandem_event_form_new (timed, NULL);
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_DATE), ==, "29.03.2027");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_TIME), ==, "09:00");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_END_TIME), ==, "10:30");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_RECURRENCE), ==, "weekly");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_WEEKDAYS), ==, "MO,WE");
  g_assert_true (tandem_event_form_validate (form, NULL));
  g_clear_pointer (&form, tandem_event_form_free);

  fair = insert_event (fixture->store,
                       "{\"title\": \"Hannover Messe\", \"kind\": \"trade-show\", \"all_day\": true,"
                       " \"start\": \"2026-04-20\", \"end\": \"2026-04-25\", \"rrule\": \"FREQ=YEARLY\"}");
  form = tandem_event_form_new (fair, NULL);
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_ALL_DAY), ==, "true");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_DATE), ==, "20.04.2026");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_END_DATE), ==, "24.04.2026");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_RECURRENCE), ==, "yearly");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_TZID), ==, "UTC");
  g_clear_pointer (&form, tandem_event_form_free);

  custom = insert_event (fixture->store,
                         "{\"title\": \"Monatsabschluss\", \"start\": \"2026-01-30T16:00:00+01:00\","
                         " \"tzid\": \"Europe/Berlin\", \"rrule\": \"FREQ=MONTHLY;BYMONTHDAY=-1\"}");
  form = tandem_event_form_new (custom, NULL);
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_RECURRENCE), ==, "custom");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_RRULE), ==, "FREQ=MONTHLY;BYMONTHDAY=-1");
  /* no end: shown as an instant */
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_END_TIME), ==, "16:00");
}

/* Only what really changed is in the patch */
static void
test_patch_only_changes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(TandemEventForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TandemEntity) katrin = insert_person (fixture->store, "Katrin Vogel", "marketing");
  g_autoptr(TandemEntity) stefan = insert_person (fixture->store, "Stefan Kühn", "sales");
  const char *a = tandem_entity_get_id (katrin);
  const char *b = tandem_entity_get_id (stefan);
  g_autofree char *json = g_strdup_printf ("{\"title\": \"Abstimmung\", \"start\": \"2027-03-29T07:00:00Z\","
                                           " \"end\": \"2027-03-29T08:30:00Z\", \"tzid\": \"Europe/Berlin\","
                                           " \"location\": \"Raum 2\", \"attendees\": [\"%s\", \"%s\"],"
                                           " \"rrule\": \"FREQ=WEEKLY;BYDAY=WE,MO\"}", a, b);
  g_autofree char *swapped = g_strdup_printf ("%s,%s", b, a);

  event = insert_event (fixture->store, json);
  form = tandem_event_form_new (event, NULL);

  /* untouched: nothing, although the stored times are in UTC form and
   * the stored rule lists its days in another order */
  patch = build_patch (form);
  g_assert_cmpuint (json_object_get_size (patch), ==, 0);
  g_clear_pointer (&patch, json_object_unref);

  /* the same people in another order, a time typed back the same */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_ATTENDEES, swapped);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_TIME, "9:00");
  patch = build_patch (form);
  g_assert_cmpuint (json_object_get_size (patch), ==, 0);
  g_clear_pointer (&patch, json_object_unref);

  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_LOCATION, "Raum 3");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_END_TIME, "11:00");
  patch = build_patch (form);
  text = patch_to_string (patch);
  g_assert_cmpstr (text, ==, "{\"location\":\"Raum 3\",\"end\":\"2027-03-29T11:00:00+02:00\"}");
  g_clear_pointer (&patch, json_object_unref);

  /* no recurrence any more: rrule null */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_RECURRENCE, "none");
  patch = build_patch (form);
  g_assert_true (json_object_has_member (patch, "rrule"));
  g_assert_true (json_object_get_null_member (patch, "rrule"));
}

/* A save based on a stale revision merges with other fields' changes,
 * and conflicts only on the same field; rebased, the second save keeps
 * the person's value */
static void
test_stale_save (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) merged = NULL;
  g_autoptr(TandemEntity) current = NULL;
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(TandemEventForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) their_patch = NULL;
  g_autoptr(GError) error = NULL;
  gboolean conflicts[TANDEM_EVENT_N_INPUTS];

  event = insert_event (fixture->store,
                        "{\"title\": \"Messe-Briefing\", \"start\": \"2026-04-14T10:00:00+02:00\","
                        " \"end\": \"2026-04-14T11:00:00+02:00\", \"tzid\": \"Europe/Berlin\"}");
  form = tandem_event_form_new (event, NULL);

  /* someone else changes the notes and the title */
  their_patch = parse_object ("{\"notes\": \"Standplan mitbringen\", \"title\": \"Messe-Briefing Halle 9\"}");
  theirs = tandem_store_update (fixture->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                tandem_entity_get_rev (event), their_patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  /* mine: the location, based on the old revision: merges */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_LOCATION, "Halle 9, Stand D18");
  patch = build_patch (form);
  g_assert_cmpuint (json_object_get_size (patch), ==, 1);
  merged = tandem_store_update (fixture->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                tandem_entity_get_rev (event), patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (merged, "location"), ==, "Halle 9, Stand D18");
  g_assert_cmpstr (tandem_entity_get_string (merged, "notes"), ==, "Standplan mitbringen");
  g_assert_cmpstr (tandem_entity_get_string (merged, "title"), ==, "Messe-Briefing Halle 9");
  g_clear_pointer (&patch, json_object_unref);
  g_clear_pointer (&form, tandem_event_form_free);

  /* mine: the title too, from the first revision: a conflict */
  form = tandem_event_form_new (event, NULL);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "Briefing Hannover");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_TIME, "10:30");
  patch = build_patch (form);
  g_assert_null (tandem_store_update (fixture->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                      tandem_entity_get_rev (event), patch, TANDEM_WRITE_DEFAULT, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&patch, json_object_unref);

  /* rebased on the row as it is: the title is marked, theirs taken over
   * where the person typed nothing, what they typed kept */
  current = tandem_store_get (fixture->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_event_form_rebase (form, current, conflicts), ==, 1);
  g_assert_true (conflicts[TANDEM_EVENT_INPUT_TITLE]);
  g_assert_false (conflicts[TANDEM_EVENT_INPUT_START_TIME]);
  g_assert_false (conflicts[TANDEM_EVENT_INPUT_LOCATION]);
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_TITLE), ==, "Briefing Hannover");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_LOCATION), ==, "Halle 9, Stand D18");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_NOTES), ==, "Standplan mitbringen");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_TIME), ==, "10:30");

  patch = build_patch (form);
  g_assert_cmpuint (json_object_get_size (patch), ==, 2);
  saved = tandem_store_update (fixture->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (current),
                               tandem_entity_get_rev (current), patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (saved, "title"), ==, "Briefing Hannover");
  g_assert_cmpstr (tandem_entity_get_string (saved, "start"), ==, "2026-04-14T10:30:00+02:00");
  g_assert_cmpstr (tandem_entity_get_string (saved, "location"), ==, "Halle 9, Stand D18");
  g_assert_cmpstr (tandem_entity_get_string (saved, "notes"), ==, "Standplan mitbringen");
}

/* A new event's patch inserts as it is, and a joint meeting is seen */
static void
test_new_event_saved (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GListStore) people = g_list_store_new (TANDEM_TYPE_ENTITY);
  g_autoptr(TandemEventForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attendees = NULL;
  const char *ids[3];
  static const char * const roles[] = { "marketing", "sales", "admin" };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TandemEntity) person = insert_person (fixture->store, roles[i], roles[i]);

      g_list_store_append (people, person);
      ids[i] = tandem_entity_get_id (person);
    }

  form = new_form_on (2026, 3, 29);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TITLE, "Gemeinsame Planung");
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TZID, "Europe/Berlin");
  attendees = g_strjoin (",", ids[0], ids[2], NULL);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_ATTENDEES, attendees);
  g_assert_false (tandem_event_form_is_joint_meeting (form, G_LIST_MODEL (people)));
  g_free (attendees);
  attendees = g_strjoin (",", ids[0], ids[1], NULL);
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_ATTENDEES, attendees);
  g_assert_true (tandem_event_form_is_joint_meeting (form, G_LIST_MODEL (people)));

  patch = build_patch (form);
  row = tandem_store_insert (fixture->store, TANDEM_TYPE_EVENT, patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  /* 29 March 2026: the first day of summer time in Berlin */
  g_assert_cmpstr (tandem_entity_get_string (row, "start"), ==, "2026-03-29T09:00:00+02:00");
  g_assert_cmpstr (tandem_entity_get_string (row, "end"), ==, "2026-03-29T10:00:00+02:00");
  g_assert_cmpstr (tandem_entity_get_string (row, "kind"), ==, "meeting");
  g_assert_cmpuint (g_strv_length ((char **) tandem_entity_get_strv (row, "attendees")), ==, 2);
  g_assert_null (tandem_entity_get_string (row, "rrule"));
}

/* An imported event in Outlook's zone keeps it; its times are read and
 * written with that zone's definition */
static void
test_imported_zone (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char vtimezone[] =
    "BEGIN:VTIMEZONE\\nTZID:W. Europe Standard Time\\n"
    "BEGIN:STANDARD\\nDTSTART:16011028T030000\\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\\n"
    "TZOFFSETFROM:+0200\\nTZOFFSETTO:+0100\\nEND:STANDARD\\n"
    "BEGIN:DAYLIGHT\\nDTSTART:16010325T020000\\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\\n"
    "TZOFFSETFROM:+0100\\nTZOFFSETTO:+0200\\nEND:DAYLIGHT\\nEND:VTIMEZONE\\n";
  g_autofree char *json = g_strdup_printf ("{\"title\": \"Quartalsgespräch\", \"start\": \"2026-06-01T08:00:00Z\","
                                           " \"end\": \"2026-06-01T09:00:00Z\", \"tzid\": \"W. Europe Standard Time\","
                                           " \"vtimezone\": \"%s\"}", vtimezone);
  g_autoptr(TandemEntity) event = insert_event (fixture->store, json);
  g_autoptr(TandemEventForm) form = tandem_event_form_new (event, NULL);
  g_autoptr(JsonObject) patch = NULL;

  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_TZID), ==, "W. Europe Standard Time");
  g_assert_cmpstr (tandem_event_form_get_text (form, TANDEM_EVENT_INPUT_START_TIME), ==, "10:00");
  g_assert_true (tandem_event_form_validate (form, NULL));

  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_START_TIME, "9:30");
  patch = build_patch (form);
  g_assert_cmpuint (json_object_get_size (patch), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-06-01T09:30:00+02:00");
  g_clear_pointer (&patch, json_object_unref);

  /* another zone: the imported definition goes */
  tandem_event_form_set_text (form, TANDEM_EVENT_INPUT_TZID, "Europe/London");
  patch = build_patch (form);
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-06-01T09:30:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (patch, "tzid"), ==, "Europe/London");
  g_assert_true (json_object_get_null_member (patch, "vtimezone"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  use_locale ("C.UTF-8");

  g_test_add_data_func ("/event-editor/time/german", "de_DE.UTF-8", test_parse_time);
  g_test_add_data_func ("/event-editor/time/c", "C.UTF-8", test_parse_time);
  g_test_add_data_func ("/event-editor/form/validation-german", "de_DE.UTF-8", test_validation);
  g_test_add_data_func ("/event-editor/form/validation-c", "C.UTF-8", test_validation);
  g_test_add_func ("/event-editor/form/rrule-choices", test_rrule_choices);
  g_test_add ("/event-editor/form/texts-of-event", Fixture, NULL,
              fixture_setup, test_texts_of_event, fixture_teardown);
  g_test_add ("/event-editor/form/patch-only-changes", Fixture, NULL,
              fixture_setup, test_patch_only_changes, fixture_teardown);
  g_test_add ("/event-editor/form/stale-save", Fixture, NULL,
              fixture_setup, test_stale_save, fixture_teardown);
  g_test_add ("/event-editor/form/imported-zone", Fixture, NULL,
              fixture_setup, test_imported_zone, fixture_teardown);
  g_test_add ("/event-editor/form/new-event", Fixture, NULL,
              fixture_setup, test_new_event_saved, fixture_teardown);

  return g_test_run ();
}
