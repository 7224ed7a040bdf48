/* test-calendar.c — range queries, recurrence across DST, iCalendar in and out,
 * the schema-1 → 2 migration
 *
 * Runs with TZ=UTC: every zone below comes from the event, not the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-calendar"

#include <glib/gstdio.h>
#include <string.h>

#include "tandem-calendar-private.h"
#include "tandem-calendar.h"
#include "tandem-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  TandemStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->store = test_create_store (f->dir, "calendar.tandem", &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("TANDEM_SOURCE_DIR"), "tests", "data", name, NULL);
}

static GDateTime *
utc (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  GDateTime *dt = tandem_parse_date_time (text, zone);

  g_assert_nonnull (dt);
  return dt;
}

static GDateTime *
day (const char *date)
{
  g_autofree char *text = g_strconcat (date, "T00:00:00Z", NULL);
  return utc (text);
}

static TandemEntity *
add_event (TandemStore *store,
           const char  *json)
{
  g_autoptr(JsonObject) fields = test_json (json);
  return test_insert (store, TANDEM_TYPE_EVENT, fields);
}

/* "title start" of each occurrence in [from, to) (dates) */
static char *
listing (TandemStore *store,
         const char  *from,
         const char  *to)
{
  g_autoptr(GDateTime) f = from ? day (from) : NULL;
  g_autoptr(GDateTime) t = to ? day (to) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = tandem_calendar_list_range (store, f, t, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < occurrences->len; i++)
    {
      TandemOccurrence *o = occurrences->pdata[i];
      g_autoptr(JsonObject) object = tandem_occurrence_to_json (o);

      g_string_append_printf (out, "%s%s %s", i ? "; " : "", tandem_entity_get_string (o->event, "title"),
                              json_object_get_string_member (object, "start"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_listing (TandemStore *store,
                const char  *from,
                const char  *to,
                const char  *expected)
{
  g_autofree char *got = listing (store, from, to);
  g_assert_cmpstr (got, ==, expected);
}

/* Range queries */

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TandemEntity) a = add_event (f->store, "{\"title\": \"Inside\", \"start\": \"2026-05-05T10:00:00Z\", "
                                         "\"end\": \"2026-05-05T11:00:00Z\", \"tzid\": \"UTC\"}");
  g_autoptr(TandemEntity) b = add_event (f->store, "{\"title\": \"Overlapping start\", \"start\": \"2026-05-03T22:00:00Z\", "
                                         "\"end\": \"2026-05-04T02:00:00Z\", \"tzid\": \"UTC\"}");
  g_autoptr(TandemEntity) c = add_event (f->store, "{\"title\": \"Ends at the start\", \"start\": \"2026-05-03T22:00:00Z\", "
                                         "\"end\": \"2026-05-04T00:00:00Z\", \"tzid\": \"UTC\"}");
  g_autoptr(TandemEntity) d = add_event (f->store, "{\"title\": \"Around\", \"all_day\": true, \"start\": \"2026-04-01\", "
                                         "\"end\": \"2026-06-01\"}");
  g_autoptr(TandemEntity) e = add_event (f->store, "{\"title\": \"After\", \"start\": \"2026-05-07T00:00:00Z\", "
                                         "\"tzid\": \"UTC\"}");
  g_autoptr(TandemEntity) g = add_event (f->store, "{\"title\": \"Instant at the start\", "
                                         "\"start\": \"2026-05-04T00:00:00Z\", \"tzid\": \"UTC\"}");
  g_autoptr(TandemEntity) h = add_event (f->store, "{\"title\": \"Last day\", \"all_day\": true, \"start\": \"2026-05-06\", "
                                         "\"end\": \"2026-05-07\"}");
  g_autoptr(TandemEntity) i = add_event (f->store, "{\"title\": \"Far before\", \"all_day\": true, \"start\": \"2025-01-01\"}");

  /* [05-04, 05-07) */
  assert_listing (f->store, "2026-05-04", "2026-05-07",
                  "Around 2026-04-01; Overlapping start 2026-05-03T22:00:00+00:00; "
                  "Instant at the start 2026-05-04T00:00:00+00:00; Inside 2026-05-05T10:00:00+00:00; "
                  "Last day 2026-05-06");
  assert_listing (f->store, "2026-05-07", "2026-05-08", "Around 2026-04-01; After 2026-05-07T00:00:00+00:00");
  assert_listing (f->store, "2026-06-01", "2026-06-02", "");
  assert_listing (f->store, NULL, "2025-01-02", "Far before 2025-01-01");
}

/* 100,000 events: the range query reads the index, not the table. */
static void
test_range_uses_the_index (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *plan_sql = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GDateTime) from = day ("2028-06-10");
  g_autoptr(GDateTime) to = day ("2028-06-11");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  const char *index = NULL;
  sqlite3 *db;
  gint64 t0;

  g_clear_object (&f->store);
  /* rows written straight into the file: the store's own inserts are
   * tested elsewhere, and 100k of them would take long */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO event (id, rev, created_at, updated_at, title, kind, all_day, start,"
                                       " \"end\", tzid, location, attendees, notes, exdates, uid)"
                                       " VALUES (?1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?2, 'meeting', 0,"
                                       " ?3, ?4, 'UTC', '', '[]', '', '[]', ?1 || '@tandem')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (int n = 0; n < 100000; n++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("E%d", n);
      /* one every ~15 minutes from 2027 to 2030 */
      g_autoptr(GDateTime) base = day ("2027-01-01");
      g_autoptr(GDateTime) start = g_date_time_add_seconds (base, (gdouble) n * 947);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 30);
      g_autofree char *s = tandem_format_date_time (start);
      g_autofree char *e = tandem_format_date_time (end);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, s, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, e, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  occurrences = tandem_calendar_list_range (f->store, from, to, &error);
  g_assert_no_error (error);
  g_test_message ("range query over 100000 events: %u occurrences in %.1f ms", occurrences->len,
                  (g_get_monotonic_time () - t0) / 1000.0);
  /* one every 947 s: about 92 start that day, one more overlaps it */
  g_assert_cmpuint (occurrences->len, >=, 91);
  g_assert_cmpuint (occurrences->len, <=, 95);

  /* the plans, through a read-only handle: indexes only, no table scan */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; _tandem_calendar_range_sql (q, &index) != NULL; q++)
    {
      static const char * const want[] = {
        "USING INDEX event_range (deleted=? AND start_ts>? AND start_ts<?)",
        "USING INDEX event_long (start_ts<?)",
        "USING INDEX event_recurring (start_ts<?)",
      };

      g_free (plan_sql);
      g_string_truncate (plan, 0);
      plan_sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT * FROM event INDEXED BY %s WHERE \"deleted\" = 0 "
                                  "AND %s ORDER BY \"start_ts\", \"id\"", index,
                                  _tandem_calendar_range_sql (q, &index));
      g_assert_cmpint (sqlite3_prepare_v2 (db, plan_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (to));
      sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (from));
      sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (from) - 8 * 86400);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
      g_test_message ("%s", plan->str);
      g_assert_nonnull (strstr (plan->str, want[q]));
      g_assert_null (strstr (plan->str, "SCAN event"));
    }
  sqlite3_close (db);
}

/* Recurrence */

static void
test_weekly_across_dst (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemEntity) e = add_event (f->store,
                                         "{\"title\": \"Jour fixe\", \"start\": \"2027-03-15T09:00:00+01:00\", "
                                         "\"end\": \"2027-03-15T10:00:00+01:00\", \"tzid\": \"Europe/Berlin\", "
                                         "\"rrule\": \"FREQ=WEEKLY;BYDAY=MO\"}");
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GDateTime) from = day ("2027-03-01");
  g_autoptr(GDateTime) to = day ("2027-04-06");
  g_autoptr(GError) error = NULL;

  /* summer time begins on 28 March 2027: 09:00 stays 09:00 in Berlin */
  assert_listing (f->store, "2027-03-01", "2027-04-06",
                  "Jour fixe 2027-03-15T09:00:00+01:00; Jour fixe 2027-03-22T09:00:00+01:00; "
                  "Jour fixe 2027-03-29T09:00:00+02:00; Jour fixe 2027-04-05T09:00:00+02:00");
  /* and back on 31 October */
  assert_listing (f->store, "2027-10-25", "2027-11-02",
                  "Jour fixe 2027-10-25T09:00:00+02:00; Jour fixe 2027-11-01T09:00:00+01:00");

  occurrences = tandem_calendar_list_range (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 4);
  {
    TandemOccurrence *third = occurrences->pdata[2];
    g_autoptr(GDateTime) want = utc ("2027-03-29T07:00:00Z");

    g_assert_cmpint (g_date_time_to_unix (third->start), ==, g_date_time_to_unix (want));
    g_assert_cmpint (g_date_time_get_hour (third->start), ==, 9);
    g_assert_cmpint (g_date_time_difference (third->end, third->start), ==, G_TIME_SPAN_HOUR);
    g_assert_cmpstr (third->recurrence_id, ==, "2027-03-29T09:00:00+02:00");
    g_assert_cmpstr (tandem_entity_get_id (third->event), ==, tandem_entity_get_id (e));
  }
}

static void
test_exdates_overrides_and_delete (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(TandemEntity) e = add_event (f->store,
                                         "{\"title\": \"Daily\", \"start\": \"2026-06-01T08:30:00+02:00\", "
                                         "\"tzid\": \"Europe/Berlin\", \"rrule\": \"FREQ=DAILY;COUNT=5\", "
                                         "\"exdates\": [\"2026-06-02T08:30:00+02:00\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(TandemEntity) moved = NULL;
  g_autoptr(TandemEntity) again = NULL;
  g_autoptr(TandemEntity) all_day = NULL;

  assert_listing (f->store, "2026-06-01", "2026-06-10",
                  "Daily 2026-06-01T08:30:00+02:00; Daily 2026-06-03T08:30:00+02:00; "
                  "Daily 2026-06-04T08:30:00+02:00; Daily 2026-06-05T08:30:00+02:00");

  /* an overridden occurrence: a row of its own with the master's uid */
  fields = test_json ("{\"title\": \"Daily (later)\", \"start\": \"2026-06-04T15:00:00+02:00\", "
                      "\"tzid\": \"Europe/Berlin\", \"recurrence_id\": \"2026-06-04T08:30:00+02:00\"}");
  json_object_set_string_member (fields, "uid", tandem_entity_get_string (e, "uid"));
  moved = test_insert (f->store, TANDEM_TYPE_EVENT, fields);
  assert_listing (f->store, "2026-06-01", "2026-06-10",
                  "Daily 2026-06-01T08:30:00+02:00; Daily 2026-06-03T08:30:00+02:00; "
                  "Daily (later) 2026-06-04T15:00:00+02:00; Daily 2026-06-05T08:30:00+02:00");

  /* deleting an overridden occurrence's row drops that occurrence */
  {
    g_autoptr(JsonObject) other = test_json ("{\"title\": \"Daily (moved)\", \"start\": \"2026-06-05T18:00:00+02:00\", "
                                             "\"tzid\": \"Europe/Berlin\", \"recurrence_id\": \"2026-06-05T08:30:00+02:00\"}");
    g_autoptr(TandemEntity) row = NULL;

    json_object_set_string_member (other, "uid", tandem_entity_get_string (e, "uid"));
    row = test_insert (f->store, TANDEM_TYPE_EVENT, other);
    assert_listing (f->store, "2026-06-05", "2026-06-06", "Daily (moved) 2026-06-05T18:00:00+02:00");
    g_assert_true (tandem_calendar_delete_event (f->store, tandem_entity_get_id (row), 0, &error));
    g_assert_no_error (error);
    assert_listing (f->store, "2026-06-05", "2026-06-06", "");
  }

  /* deleting one occurrence: an EXDATE; given as UTC, found all the same */
  g_assert_true (tandem_calendar_delete_occurrence (f->store, tandem_entity_get_id (e), "2026-06-03T06:30:00Z", &error));
  g_assert_no_error (error);
  /* deleting the overridden one takes the override along */
  g_assert_true (tandem_calendar_delete_occurrence (f->store, tandem_entity_get_id (e), "2026-06-04T08:30:00+02:00",
                                                    &error));
  g_assert_no_error (error);
  assert_listing (f->store, "2026-06-01", "2026-06-10",
                  "Daily 2026-06-01T08:30:00+02:00");
  again = tandem_store_get (f->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (e), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (tandem_entity_get_strv (again, "exdates"),
                    ((const char * const[]) { "2026-06-02T08:30:00+02:00", "2026-06-05T08:30:00+02:00",
                                              "2026-06-03T08:30:00+02:00", "2026-06-04T08:30:00+02:00", NULL }));

  /* no such occurrence */
  g_assert_false (tandem_calendar_delete_occurrence (f->store, tandem_entity_get_id (e), "2026-06-01T09:00:00+02:00",
                                                     &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the whole event goes with its overrides */
  g_assert_true (tandem_calendar_delete_event (f->store, tandem_entity_get_id (e), 0, &error));
  g_assert_no_error (error);
  assert_listing (f->store, "2026-06-01", "2026-06-10", "");

  /* all-day, yearly */
  all_day = add_event (f->store, "{\"title\": \"Jahrestag\", \"all_day\": true, \"start\": \"2024-02-29\", "
                       "\"end\": \"2024-03-01\", \"rrule\": \"FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1\"}");
  assert_listing (f->store, "2026-01-01", "2027-12-31", "Jahrestag 2026-03-01; Jahrestag 2027-03-01");

  /* bad rules and exdates are refused on write */
  g_clear_pointer (&fields, json_object_unref);
  fields = test_json ("{\"title\": \"Bad\", \"start\": \"2026-06-01T08:30:00Z\", \"rrule\": \"FREQ=SOMETIMES\"}");
  g_assert_null (tandem_store_insert (f->store, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&fields, json_object_unref);
  fields = test_json ("{\"title\": \"Bad\", \"start\": \"2026-06-01T08:30:00Z\", \"rrule\": \"FREQ=DAILY\", "
                      "\"exdates\": [\"gestern\"]}");
  g_assert_null (tandem_store_insert (f->store, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
}

/* Import */

static void
import_file (TandemStore *store,
             const char  *name,
             guint        want_added,
             guint        want_updated)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint added = 99, updated = 99;

  g_assert_true (tandem_calendar_import_file (store, file, &added, &updated, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, want_added);
  g_assert_cmpuint (updated, ==, want_updated);
}

static TandemEntity *
by_uid (TandemStore *store,
        const char  *uid,
        gboolean     override)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tandem_store_list_by (store, TANDEM_TYPE_EVENT, "uid", uid, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if ((tandem_entity_get_string (rows->pdata[i], "recurrence_id") != NULL) == override)
      return g_object_ref (rows->pdata[i]);
  g_error ("no event with uid %s", uid);
}

static void
test_import_evolution (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) person = test_json ("{\"name\": \"Anna Schmidt\", \"role\": \"marketing\", "
                                            "\"email\": \"Anna@Example.com\"}");
  g_autoptr(TandemEntity) anna = test_insert (f->store, TANDEM_TYPE_PERSON, person);
  g_autoptr(TandemEntity) master = NULL;
  g_autoptr(TandemEntity) moved = NULL;

  import_file (f->store, "gnome-calendar-evolution.ics", 3, 0);
  master = by_uid (f->store, "20260302T081523Z-4711-1000-2041-7@arbeitsplatz", FALSE);
  /* Evolution's /freeassociation.sourceforge.net/ prefix names an IANA zone */
  g_assert_cmpstr (tandem_entity_get_string (master, "tzid"), ==, "Europe/Berlin");
  g_assert_null (tandem_entity_get_string (master, "vtimezone"));
  g_assert_cmpstr (tandem_entity_get_string (master, "rrule"), ==, "FREQ=WEEKLY;BYDAY=MO");
  g_assert_cmpstr (tandem_entity_get_string (master, "location"), ==, "Raum Elbe");
  /* folded and escaped text */
  g_assert_cmpstr (tandem_entity_get_string (master, "notes"), ==,
                   "Offene Leads, Messeplanung und Feedback zur neuen Broschüre. Bitte Zahlen mitbringen.");
  /* attendees are people of the workspace, matched by e-mail */
  g_assert_cmpstrv (tandem_entity_get_strv (master, "attendees"),
                    ((const char * const[]) { tandem_entity_get_id (anna), NULL }));
  moved = by_uid (f->store, "20260302T081523Z-4711-1000-2041-7@arbeitsplatz", TRUE);
  g_assert_cmpstr (tandem_entity_get_string (moved, "recurrence_id"), ==, "2026-04-13T09:00:00+02:00");

  /* 6 April is excluded, 13 April moved to 14:00 */
  assert_listing (f->store, "2026-03-30", "2026-04-21",
                  "Vertriebsrunde Nord 2026-03-30T09:00:00+02:00; "
                  "Vertriebsrunde Nord (verschoben) 2026-04-13T14:00:00+02:00; "
                  "Hannover Messe 2026-04-20; Vertriebsrunde Nord 2026-04-20T09:00:00+02:00");
  assert_listing (f->store, "2026-03-16", "2026-03-17", "Vertriebsrunde Nord 2026-03-16T09:00:00+01:00");

  /* again: nothing new, nothing changed */
  import_file (f->store, "gnome-calendar-evolution.ics", 0, 0);
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_EVENT, NULL), ==, 3);
}

static void
test_import_thunderbird (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TandemEntity) ny = NULL;

  import_file (f->store, "thunderbird.ics", 3, 0);
  /* monthly on the first Thursday; the EXDATE in UTC drops 2 April (14:00 CEST) */
  assert_listing (f->store, "2026-03-01", "2026-07-01",
                  "Kampagnen-Review Frühjahr 2026-03-05T14:00:00+01:00; "
                  "Telefonat Key Account (New York) 2026-03-10T10:00:00-04:00; "
                  "Launch Produktvideo 2026-04-01; "
                  "Kampagnen-Review Frühjahr 2026-05-07T14:00:00+02:00; "
                  "Kampagnen-Review Frühjahr 2026-06-04T14:00:00+02:00");
  ny = by_uid (f->store, "5b8e0c3d-1a2f-4e6d-b7c9-0f1e2d3c4b5a", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (ny, "kind"), ==, "meeting");
  {
    g_autoptr(TandemEntity) launch = by_uid (f->store, "9d2a61f0-77c4-4b1e-8c0a-5e3f2d1b6a47", FALSE);
    g_assert_cmpstr (tandem_entity_get_string (launch, "kind"), ==, "other");
    g_assert_true (tandem_entity_get_bool (launch, "all_day"));
    g_assert_cmpstr (tandem_entity_get_string (launch, "end"), ==, "2026-04-02");
    g_assert_null (tandem_entity_get_string (launch, "tzid"));
  }
  g_assert_cmpstr (tandem_entity_get_string (ny, "tzid"), ==, "America/New_York");
  g_assert_cmpstr (tandem_entity_get_string (ny, "start"), ==, "2026-03-10T10:00:00-04:00");
}

static void
test_import_outlook (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemEntity) master = NULL;
  g_autoptr(TandemEntity) webinar = NULL;
  const char *uid = "040000008200E00074C5B7101A82E00800000000D0B1E3C6A0F0DA01000000000000000010000000"
                    "A1B2C3D4E5F60718293A4B5C6D7E8F90";

  import_file (f->store, "outlook.ics", 4, 0);
  master = by_uid (f->store, uid, FALSE);
  /* a Windows zone name: its VTIMEZONE definition is kept on the row */
  g_assert_cmpstr (tandem_entity_get_string (master, "tzid"), ==, "W. Europe Standard Time");
  g_assert_nonnull (strstr (tandem_entity_get_string (master, "vtimezone"), "BEGIN:VTIMEZONE"));
  g_assert_cmpstr (tandem_entity_get_string (master, "title"), ==, "Jour fixe Marketing/Vertrieb");

  /* weekly on Tuesdays until 28 April 07:00 UTC; DST from 29 March;
   * 7 April excluded, 14 April moved to 11:00 */
  assert_listing (f->store, "2026-03-16", "2026-05-03",
                  "Jour fixe Marketing/Vertrieb 2026-03-17T09:00:00+01:00; "
                  "Webinar mit Partner (UTC) 2026-03-20T13:00:00+00:00; "
                  "Jour fixe Marketing/Vertrieb 2026-03-24T09:00:00+01:00; "
                  "Jour fixe Marketing/Vertrieb 2026-03-31T09:00:00+02:00; "
                  "Jour fixe Marketing/Vertrieb 2026-04-14T11:00:00+02:00; "
                  "Jour fixe Marketing/Vertrieb 2026-04-21T09:00:00+02:00; "
                  "Jour fixe Marketing/Vertrieb 2026-04-28T09:00:00+02:00; "
                  "Tag der Arbeit – Büro geschlossen 2026-05-01");
  webinar = by_uid (f->store, "040000008200E00074C5B7101A82E00800000000A0B0C0D0E0F0DA01000000000000000010000000"
                    "FFEEDDCCBBAA99887766554433221100", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (webinar, "tzid"), ==, "UTC");

  /* the kept definition still expands after the file is gone: reopen */
  g_clear_object (&f->store);
  {
    g_autoptr(GError) error = NULL;
    f->store = tandem_store_open (f->path, &error);
    g_assert_no_error (error);
  }
  assert_listing (f->store, "2026-04-21", "2026-04-22", "Jour fixe Marketing/Vertrieb 2026-04-21T09:00:00+02:00");
  import_file (f->store, "outlook.ics", 0, 0);
}

/* Re-import updates by UID, never duplicates */
static void
test_reimport_updates (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = data_path ("thunderbird.ics");
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) launch = NULL;
  GString *edit;
  guint added, updated;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (tandem_calendar_import (f->store, text, strlen (text), &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);

  edit = g_string_new (text);
  g_string_replace (edit, "SUMMARY:Launch Produktvideo", "SUMMARY:Launch Produktvideo (neu)", 1);
  g_string_replace (edit, "DTSTART;VALUE=DATE:20260401", "DTSTART;VALUE=DATE:20260331", 1);
  changed = g_string_free (edit, FALSE);
  g_assert_true (tandem_calendar_import (f->store, changed, strlen (changed), &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_EVENT, NULL), ==, 3);
  /* with a byte order mark, as some Windows programs write it: the same */
  {
    g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", changed, NULL);
    g_assert_true (tandem_calendar_import (f->store, bom, strlen (bom), &added, &updated, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added + updated, ==, 0);
  }
  launch = by_uid (f->store, "9d2a61f0-77c4-4b1e-8c0a-5e3f2d1b6a47", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (launch, "title"), ==, "Launch Produktvideo (neu)");
  g_assert_cmpstr (tandem_entity_get_string (launch, "start"), ==, "2026-03-31");
  g_assert_cmpint (tandem_entity_get_rev (launch), ==, 2);
}

/* Broken files change nothing */

static void
assert_refused (Fixture    *f,
                const char *text,
                gsize       length,
                const char *mention)
{
  gint64 seq = tandem_store_get_last_seq (f->store);
  gint64 count = test_raw_count (f->path, "SELECT count(*) FROM event");
  g_autoptr(GError) error = NULL;
  guint added = 0, updated = 0;

  g_assert_false (tandem_calendar_import (f->store, text, length, &added, &updated, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  if (mention != NULL)
    test_assert_error_mentions (error, mention);
  g_assert_cmpint (test_raw_count (f->path, "SELECT coalesce(max(seq), 0) FROM change_log"), ==, seq);
  g_assert_cmpint (test_raw_count (f->path, "SELECT count(*) FROM event"), ==, count);
}

static void
refuse_file (Fixture    *f,
             const char *name,
             const char *mention)
{
  g_autofree char *path = data_path (name);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  assert_refused (f, text, length, mention);
}

static void
test_broken_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *garbage = g_malloc (10 * 1024 * 1024);
  g_autofree char *bad_date = NULL;
  g_autofree char *garbage_path = g_build_filename (f->dir, "garbage.ics", NULL);
  g_autoptr(GFile) garbage_file = g_file_new_for_path (garbage_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  import_file (f->store, "outlook.ics", 4, 0);

  refuse_file (f, "truncated.ics", "line 73");
  /* one bad event among good ones: none of them is imported */
  refuse_file (f, "one-bad-event.ics", "line 49: DTSTART “20260230” is not a valid date");

  bad_date = g_strdup ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@test\r\n"
                       "DTSTART:20260230T090000Z\r\nSUMMARY:Falsch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  assert_refused (f, bad_date, strlen (bad_date), "line 5");
  /* libical cannot read the value at all */
  {
    const char *unreadable = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:y@test\r\n"
                             "SUMMARY:Kaputt\r\nDTSTART:2026XX10T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_refused (f, unreadable, strlen (unreadable), "line 6");
  }
  /* an unknown zone without VTIMEZONE */
  {
    const char *zone = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:z@test\r\n"
                       "DTSTART;TZID=Mars Standard Time:20260310T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_refused (f, zone, strlen (zone), "Mars Standard Time");
  }
  assert_refused (f, "", 0, "not an iCalendar file");
  assert_refused (f, "%PDF-1.7\n", 9, "not an iCalendar file");

  /* 10 MB of random bytes, and the same as a file */
  for (gsize i = 0; i < 10 * 1024 * 1024; i += 4)
    {
      guint32 r = g_rand_int (rand);
      memcpy (garbage + i, &r, 4);
    }
  assert_refused (f, garbage, 10 * 1024 * 1024, NULL);
  g_assert_true (g_file_set_contents (garbage_path, garbage, 10 * 1024 * 1024, NULL));
  g_assert_false (tandem_calendar_import_file (f->store, garbage_file, NULL, NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);

  /* text, but garbage: printable noise after a proper first line */
  for (gsize i = 0; i < 10 * 1024 * 1024; i++)
    garbage[i] = (i % 80 == 79) ? '\n' : (char) (' ' + g_rand_int_range (rand, 0, 94));
  memcpy (garbage, "BEGIN:VCALENDAR\n", 16);
  assert_refused (f, garbage, 10 * 1024 * 1024, NULL);

  /* more than 20 MB is refused before it is read */
  {
    g_autoptr(GFileOutputStream) out = g_file_replace (garbage_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_seekable_truncate (G_SEEKABLE (out), 21 * 1024 * 1024, NULL, &error));
    g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  }
  g_assert_false (tandem_calendar_import_file (f->store, garbage_file, NULL, NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "too large");
}

/* Export → import: every field comes back */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) pa = test_json ("{\"name\": \"Anna\", \"role\": \"marketing\", \"email\": \"anna@example.com\"}");
  g_autoptr(JsonObject) pb = test_json ("{\"name\": \"Bernd\", \"role\": \"sales\"}");
  g_autoptr(TandemEntity) anna = test_insert (f->store, TANDEM_TYPE_PERSON, pa);
  g_autoptr(TandemEntity) bernd = test_insert (f->store, TANDEM_TYPE_PERSON, pb);
  g_autoptr(TandemEntity) campaign = test_add_campaign (f->store, "Frühjahr");
  g_autoptr(TandemEntity) spanned = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.tandem", NULL);
  g_autofree char *ics = g_build_filename (f->dir, "out.ics", NULL);
  g_autoptr(GFile) ics_file = g_file_new_for_path (ics);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *outlook = data_path ("outlook.ics");
  g_autoptr(GFile) outlook_file = g_file_new_for_path (outlook);
  char *fields;
  guint added, updated;

  {
    g_autoptr(JsonObject) patch = test_json ("{\"start\": \"2026-03-01\", \"end\": \"2026-04-30\"}");
    spanned = test_update (f->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (campaign), 0, patch);
  }
  fields = g_strdup_printf ("{\"title\": \"Abstimmung; mit, Sonderzeichen\", \"kind\": \"meeting\", "
                            "\"start\": \"2026-03-16T09:00:00+01:00\", \"end\": \"2026-03-16T10:30:00+01:00\", "
                            "\"tzid\": \"Europe/Berlin\", \"location\": \"Raum „Elbe“\", "
                            "\"attendees\": [\"%s\", \"%s\"], \"notes\": \"Zeile 1\\nZeile 2\", \"campaign\": \"%s\", "
                            "\"rrule\": \"FREQ=WEEKLY;UNTIL=20260601T000000Z;BYDAY=MO,WE\", "
                            "\"exdates\": [\"2026-03-18T09:00:00+01:00\"], \"created_by\": \"%s\"}",
                            tandem_entity_get_id (anna), tandem_entity_get_id (bernd), tandem_entity_get_id (campaign),
                            tandem_entity_get_id (bernd));
  g_object_unref (add_event (f->store, fields));
  g_free (fields);
  g_object_unref (add_event (f->store, "{\"title\": \"Messe\", \"kind\": \"trade-show\", \"all_day\": true, "
                             "\"start\": \"2026-04-20\", \"end\": \"2026-04-25\", \"rrule\": \"FREQ=YEARLY;COUNT=3\", "
                             "\"exdates\": [\"2027-04-20\"]}"));
  g_object_unref (add_event (f->store, "{\"title\": \"Deadline\", \"kind\": \"deadline\", "
                             "\"start\": \"2026-05-01T16:00:00+00:00\", \"tzid\": \"UTC\"}"));
  g_object_unref (add_event (f->store, "{\"title\": \"New York\", \"kind\": \"other\", "
                             "\"start\": \"2026-03-10T10:00:00-04:00\", \"end\": \"2026-03-10T11:00:00-04:00\", "
                             "\"tzid\": \"America/New_York\"}"));
  /* Outlook's zone goes out with its kept definition */
  g_assert_true (tandem_calendar_import_file (f->store, outlook_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tandem_calendar_export_file (f->store, ics_file, NULL, NULL, &error));
  g_assert_no_error (error);
  /* never over an existing file */
  g_assert_false (tandem_calendar_export_file (f->store, ics_file, NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (ics, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:20260316T090000"));
  g_assert_nonnull (strstr (text, "TZID:Europe/Berlin"));
  g_assert_nonnull (strstr (text, "TZID:W. Europe Standard Time"));
  g_assert_nonnull (strstr (text, "UID:campaign-"));
  g_assert_nonnull (strstr (text, "DTEND;VALUE=DATE:20260501"));

  /* a copy of the workspace with the events gone, then the import */
  before = tandem_store_list (f->store, TANDEM_TYPE_EVENT, &error);
  g_assert_true (tandem_store_backup (f->store, copy, &error));
  g_assert_no_error (error);
  other = tandem_store_open (copy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (tandem_store_delete (other, TANDEM_TYPE_EVENT, tandem_entity_get_id (before->pdata[i]), 0, &error));
  g_assert_true (tandem_calendar_import (other, text, strlen (text), &added, &updated, &error));
  g_assert_no_error (error);
  /* campaign spans do not come back as events */
  g_assert_cmpuint (added, ==, before->len);
  g_assert_cmpint (tandem_store_count (other, TANDEM_TYPE_EVENT, NULL), ==, before->len);

  for (guint i = 0; i < before->len; i++)
    {
      TandemEntity *was = before->pdata[i];
      g_autoptr(JsonObject) a = tandem_entity_to_json (was);
      g_autoptr(GPtrArray) rows = tandem_store_list_by (other, TANDEM_TYPE_EVENT, "uid",
                                                        tandem_entity_get_string (was, "uid"), &error);
      TandemEntity *now = NULL;
      g_autoptr(JsonObject) b = NULL;
      g_autoptr(JsonNode) na = NULL;
      g_autoptr(JsonNode) nb = NULL;
      g_autofree char *ja = NULL;
      g_autofree char *jb = NULL;

      for (guint k = 0; k < rows->len; k++)
        if (g_strcmp0 (tandem_entity_get_string (rows->pdata[k], "recurrence_id"),
                       tandem_entity_get_string (was, "recurrence_id")) == 0)
          now = rows->pdata[k];
      g_assert_nonnull (now);
      b = tandem_entity_to_json (now);
      for (guint k = 0; k < 4; k++)
        {
          static const char * const meta[] = { "id", "rev", "created_at", "updated_at" };
          json_object_remove_member (a, meta[k]);
          json_object_remove_member (b, meta[k]);
        }
      na = json_node_init_object (json_node_alloc (), a);
      nb = json_node_init_object (json_node_alloc (), b);
      ja = json_to_string (na, TRUE);
      jb = json_to_string (nb, TRUE);
      g_assert_cmpstr (jb, ==, ja);
    }

  /* a range export holds what overlaps it, recurring events whole */
  {
    g_autoptr(GDateTime) from = day ("2026-03-10");
    g_autoptr(GDateTime) to = day ("2026-03-17");
    g_autofree char *part = tandem_calendar_export (f->store, from, to, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (part, "SUMMARY:New York"));
    g_assert_nonnull (strstr (part, "SUMMARY:Abstimmung"));
    g_assert_null (strstr (part, "SUMMARY:Deadline"));
    g_assert_null (strstr (part, "SUMMARY:Messe"));
    g_assert_nonnull (strstr (part, "SUMMARY:Frühjahr"));
  }
}

/* Schema 1 → 2 */

static void
import_text (TandemStore *store,
             const char  *text)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, updated = 0;

  g_assert_true (tandem_calendar_import (store, text, strlen (text), &added, &updated, &error));
  g_assert_no_error (error);
}

#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"

/* All-day series step by whole days: a DAILY rule five days in a row, a
 * WEEKLY one a week apart, BYDAY two days a week (libical's null date
 * carried hour −1 into every step: the same day five times, six days
 * apart, or 200,000 identical rows). */
static void
test_all_day_recurrence (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TandemEntity) a = add_event (f->store, "{\"title\": \"D\", \"all_day\": true, \"start\": \"2024-10-25\", "
                                                   "\"end\": \"2024-10-26\", \"rrule\": \"FREQ=DAILY;COUNT=5\"}");
  g_autoptr(TandemEntity) b = add_event (f->store, "{\"title\": \"W\", \"all_day\": true, \"start\": \"2026-01-05\", "
                                                   "\"end\": \"2026-01-06\", \"rrule\": \"FREQ=WEEKLY;COUNT=3\"}");
  g_autoptr(TandemEntity) c = add_event (f->store, "{\"title\": \"MW\", \"all_day\": true, \"start\": \"2026-03-02\", "
                                                   "\"end\": \"2026-03-03\", \"rrule\": \"FREQ=WEEKLY;BYDAY=MO,WE\"}");

  assert_listing (f->store, "2024-10-01", "2024-11-01",
                  "D 2024-10-25; D 2024-10-26; D 2024-10-27; D 2024-10-28; D 2024-10-29");
  assert_listing (f->store, "2026-01-01", "2026-02-01", "W 2026-01-05; W 2026-01-12; W 2026-01-19");
  assert_listing (f->store, "2026-03-01", "2026-03-15",
                  "MW 2026-03-02; MW 2026-03-04; MW 2026-03-09; MW 2026-03-11");
}

/* Repeated BY values count once; minutely and secondly rules are refused
 * with a reason; an hourly series that began long ago still shows today. */
static void
test_rrule_limits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TandemEntity) m = add_event (f->store, "{\"title\": \"M\", \"start\": \"2026-03-02T09:00:00Z\", "
                                                   "\"tzid\": \"UTC\", \"rrule\": \"FREQ=WEEKLY;BYDAY=MO,MO,MO\"}");
  g_autoptr(TandemEntity) h = NULL;
  g_autoptr(JsonObject) secondly = test_json ("{\"title\": \"S\", \"start\": \"2026-03-02T09:00:00Z\", "
                                              "\"tzid\": \"UTC\", \"rrule\": \"FREQ=SECONDLY\"}");
  g_autoptr(JsonObject) minutely = test_json ("{\"title\": \"S\", \"start\": \"2026-03-02T09:00:00Z\", "
                                              "\"tzid\": \"UTC\", \"rrule\": \"FREQ=MINUTELY;INTERVAL=15\"}");
  static const char ics[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:sec@test\r\nDTSTART:20260302T090000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:S\r\n"
    "END:VEVENT\r\n" ICS_TAIL;
  g_autoptr(GError) error = NULL;

  assert_listing (f->store, "2026-03-01", "2026-03-17",
                  "M 2026-03-02T09:00:00+00:00; M 2026-03-09T09:00:00+00:00; M 2026-03-16T09:00:00+00:00");
  h = add_event (f->store, "{\"title\": \"H\", \"start\": \"1990-01-01T00:30:00Z\", "
                           "\"tzid\": \"UTC\", \"rrule\": \"FREQ=HOURLY;INTERVAL=6\"}");
  assert_listing (f->store, "2026-03-20", "2026-03-21",
                  "H 2026-03-20T00:30:00+00:00; H 2026-03-20T06:30:00+00:00; "
                  "H 2026-03-20T12:30:00+00:00; H 2026-03-20T18:30:00+00:00");

  g_assert_null (tandem_store_insert (f->store, TANDEM_TYPE_EVENT, secondly, 0, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "at most hourly");
  g_clear_error (&error);
  g_assert_null (tandem_store_insert (f->store, TANDEM_TYPE_EVENT, minutely, 0, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_calendar_import (f->store, ics, strlen (ics), NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "at most hourly");
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_EVENT, NULL), ==, 2);
}

/* RFC 5545 §3.3.5 in every path: 02:30 on the day Berlin springs forward
 * does not exist and is 03:30+02:00, for that day only; 02:30 on the day
 * it falls back is the first of the two (+02:00) — in a series, in a
 * single imported event and in one made by the store's callers alike. */
static void
test_dst_gap_and_ambiguous (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TandemEntity) series = add_event (f->store,
                                              "{\"title\": \"Daily\", \"start\": \"2026-03-27T02:30:00+01:00\", "
                                              "\"end\": \"2026-03-27T03:00:00+01:00\", \"tzid\": \"Europe/Berlin\", "
                                              "\"rrule\": \"FREQ=DAILY\"}");
  static const char ics[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:gap@test\r\nDTSTART;TZID=Europe/Berlin:20260329T023000\r\n"
    "DTEND;TZID=Europe/Berlin:20260329T030000\r\nSUMMARY:Gap\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:twice@test\r\nDTSTART;TZID=Europe/Berlin:20261025T023000\r\n"
    "DTEND;TZID=Europe/Berlin:20261025T024500\r\nSUMMARY:Twice\r\nEND:VEVENT\r\n" ICS_TAIL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) gap = tandem_parse_date_time ("2026-03-29T02:30", berlin);
  g_autoptr(GDateTime) twice = tandem_parse_date_time ("2026-10-25T02:30", berlin);
  g_autofree char *gap_text = tandem_format_date_time (gap);
  g_autofree char *twice_text = tandem_format_date_time (twice);

  assert_listing (f->store, "2026-03-27", "2026-04-01",
                  "Daily 2026-03-27T02:30:00+01:00; Daily 2026-03-28T02:30:00+01:00; "
                  "Daily 2026-03-29T03:30:00+02:00; Daily 2026-03-30T02:30:00+02:00; "
                  "Daily 2026-03-31T02:30:00+02:00");
  assert_listing (f->store, "2026-10-24", "2026-10-27",
                  "Daily 2026-10-24T02:30:00+02:00; Daily 2026-10-25T02:30:00+02:00; "
                  "Daily 2026-10-26T02:30:00+01:00");

  import_text (f->store, ics);
  {
    g_autoptr(TandemEntity) g = by_uid (f->store, "gap@test", FALSE);
    g_autoptr(TandemEntity) t = by_uid (f->store, "twice@test", FALSE);
    g_assert_cmpstr (tandem_entity_get_string (g, "start"), ==, "2026-03-29T03:30:00+02:00");
    /* it keeps its half hour */
    g_assert_cmpstr (tandem_entity_get_string (g, "end"), ==, "2026-03-29T04:00:00+02:00");
    g_assert_cmpstr (tandem_entity_get_string (t, "start"), ==, "2026-10-25T02:30:00+02:00");
  }
  g_assert_cmpstr (gap_text, ==, "2026-03-29T03:30:00+02:00");
  /* a time that names its offset in any of the short forms is not a wall
   * time of the zone */
  {
    static const char * const utc_forms[] = { "2024-01-15T10:00Z", "2024-01-15T10:00+0000", "2024-01-15T10:00:00+00",
                                              "2024-01-15T10:00:00.250Z", NULL };
    for (guint i = 0; utc_forms[i] != NULL; i++)
      {
        g_autoptr(GDateTime) dt = tandem_parse_date_time (utc_forms[i], berlin);
        g_autoptr(GDateTime) want = utc ("2024-01-15T10:00:00Z");
        g_assert_nonnull (dt);
        g_assert_cmpint (g_date_time_to_unix (dt), ==, g_date_time_to_unix (want));
      }
  }
  g_assert_cmpstr (twice_text, ==, "2026-10-25T02:30:00+02:00");
}

static void
assert_import_refused (TandemStore *store,
                       const char  *text,
                       const char  *needle)
{
  g_autoptr(GError) error = NULL;
  gint64 before = tandem_store_count (store, TANDEM_TYPE_EVENT, NULL);

  g_assert_false (tandem_calendar_import (store, text, strlen (text), NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, needle);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_EVENT, NULL), ==, before);
}

/* Shapes of real exports that were refused whole: empty values (Google,
 * Exchange), a leftover X-LIC-ERROR line (Evolution), an escaped newline
 * in the place, two VCALENDAR objects in one stream (RFC 5545 §3.4). */
static void
test_import_real_world_shapes (Fixture       *f,
                               gconstpointer  data)
{
  static const char ics[] =
    ICS_HEAD
    "BEGIN:VEVENT\r\nUID:empty@google\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\n"
    "SUMMARY:Leeres\r\nLOCATION:\r\nDESCRIPTION:\r\nCATEGORIES:\r\nX-GOOGLE-CONFERENCE:\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:leftover@evolution\r\nDTSTART:20260311T090000Z\r\nSUMMARY:Reste\r\n"
    "X-LIC-ERROR;X-LIC-ERRORTYPE=VALUE-PARSE-ERROR:No value for LOCATION property. Removing entire property:\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:newline@outlook\r\nDTSTART:20260312T090000Z\r\nSUMMARY:Zwei Zeilen\r\n"
    "LOCATION:Haus B\\nRaum 3.14\r\nEND:VEVENT\r\n"
    ICS_TAIL
    ICS_HEAD
    "BEGIN:VEVENT\r\nUID:second@stream\r\nDTSTART;VALUE=DATE:20260313\r\nSUMMARY:Zweiter Kalender\r\nEND:VEVENT\r\n"
    ICS_TAIL;
  static const char no_start_value[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:x@test\r\nSUMMARY:Ohne Beginn\r\nLOCATION:\r\nDTSTART:\r\nEND:VEVENT\r\n" ICS_TAIL;
  g_autoptr(TandemEntity) place = NULL;
  g_autoptr(GError) error = NULL;

  import_text (f->store, ics);
  assert_listing (f->store, "2026-03-10", "2026-03-14",
                  "Leeres 2026-03-10T09:00:00+00:00; Reste 2026-03-11T09:00:00+00:00; "
                  "Zwei Zeilen 2026-03-12T09:00:00+00:00; Zweiter Kalender 2026-03-13");
  place = by_uid (f->store, "newline@outlook", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (place, "location"), ==, "Haus B, Raum 3.14");

  /* an empty value the event cannot do without names its own line */
  g_assert_false (tandem_calendar_import (f->store, no_start_value, strlen (no_start_value), NULL, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "line 8");
  test_assert_error_mentions (error, "DTSTART");
}

static char *
nested (const char *component,
        guint       depth)
{
  GString *out = g_string_new (ICS_HEAD "BEGIN:VEVENT\r\nUID:deep@test\r\nDTSTART:20260310T090000Z\r\n");

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (out, "BEGIN:%s\r\n", component);
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (out, "END:%s\r\n", component);
  g_string_append (out, "END:VEVENT\r\n" ICS_TAIL);
  return g_string_free (out, FALSE);
}

/* Hostile shapes: deep nesting (a stack overflow in our check and a crash
 * inside libical), VTIMEZONEs libical would hang on or that define
 * nothing */
static void
test_import_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *alarms = nested ("VALARM", 200000);
  g_autofree char *events = nested ("VEVENT", 400000);
  static const char secondly_zone[] = ICS_HEAD
    "BEGIN:VTIMEZONE\r\nTZID:Loop\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nRRULE:FREQ=SECONDLY\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:loop@test\r\nDTSTART;TZID=Loop:20260310T090000\r\nSUMMARY:Loop\r\nEND:VEVENT\r\n" ICS_TAIL;
  static const char empty_zone[] = ICS_HEAD
    "BEGIN:VTIMEZONE\r\nTZID:Nothing\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:nothing@test\r\nDTSTART;TZID=Nothing:20260310T090000\r\nSUMMARY:N\r\nEND:VEVENT\r\n" ICS_TAIL;
  static const char wild_offset[] = ICS_HEAD
    "BEGIN:VTIMEZONE\r\nTZID:Wild\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+9999\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:wild@test\r\nDTSTART;TZID=Wild:20260310T090000\r\nSUMMARY:W\r\nEND:VEVENT\r\n" ICS_TAIL;

  assert_import_refused (f->store, alarms, "nested");
  assert_import_refused (f->store, events, "nested");
  /* folded: the name is only whole after unfolding */
  {
    GString *folded = g_string_new (ICS_HEAD "BEGIN:VEVENT\r\nUID:fold@test\r\nDTSTART:20260310T090000Z\r\n");
    g_autofree char *text = NULL;
    for (guint i = 0; i < 200000; i++)
      g_string_append (folded, "BEG\r\n IN:X-A\r\n");
    g_string_append (folded, "END:VEVENT\r\n" ICS_TAIL);
    text = g_string_free (folded, FALSE);
    assert_import_refused (f->store, text, "nested");
  }
  assert_import_refused (f->store, secondly_zone, "Loop");
  assert_import_refused (f->store, empty_zone, "Nothing");
  assert_import_refused (f->store, wild_offset, "Wild");
}

/* Outlook and Exchange: Windows zone names without a VTIMEZONE, and an
 * all-day series whose moved day Exchange names by a time in its zone */
static void
test_import_exchange (Fixture       *f,
                      gconstpointer  data)
{
  static const char ics[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:win-id@exchange\r\nDTSTART;TZID=W. Europe Standard Time:20260310T090000\r\n"
    "DTEND;TZID=W. Europe Standard Time:20260310T100000\r\nSUMMARY:Windows-Zone\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:display@outlook\r\nDTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20260310T090000\r\n"
    "SUMMARY:Anzeigename\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:gmt@outlook\r\nDTSTART;TZID=\"(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\":"
    "20260710T090000\r\nSUMMARY:Alter Name\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:series@exchange\r\nDTSTART;VALUE=DATE:20260224\r\nDTEND;VALUE=DATE:20260225\r\n"
    "RRULE:FREQ=DAILY;COUNT=4\r\nEXDATE;TZID=W. Europe Standard Time:20260225T000000\r\nSUMMARY:Reihe\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:series@exchange\r\nRECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000\r\n"
    "DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260302\r\nSUMMARY:Reihe (verschoben)\r\nEND:VEVENT\r\n"
    ICS_TAIL;
  g_autoptr(TandemEntity) win = NULL;
  g_autoptr(TandemEntity) display = NULL;

  import_text (f->store, ics);
  win = by_uid (f->store, "win-id@exchange", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (win, "tzid"), ==, "Europe/Berlin");
  g_assert_cmpstr (tandem_entity_get_string (win, "start"), ==, "2026-03-10T09:00:00+01:00");
  display = by_uid (f->store, "display@outlook", FALSE);
  g_assert_cmpstr (tandem_entity_get_string (display, "tzid"), ==, "America/New_York");
  g_assert_cmpstr (tandem_entity_get_string (display, "start"), ==, "2026-03-10T09:00:00-04:00");
  assert_listing (f->store, "2026-07-10", "2026-07-11", "Alter Name 2026-07-10T09:00:00+02:00");
  /* the 25th excluded, the 26th moved to 1 March: each day once */
  assert_listing (f->store, "2026-02-23", "2026-03-03",
                  "Reihe 2026-02-24; Reihe 2026-02-27; Reihe (verschoben) 2026-03-01");
}

/* RDATE occurrences (a time, a PERIOD with its own end, dates of an
 * all-day event) are listed beside the rule's, an EXDATE removes one, a
 * re-import changes nothing, and the export names them as RDATE again so
 * that another workspace lists the same. */
static void
test_rdate (Fixture       *f,
            gconstpointer  data)
{
  static const char ics[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:rd-1@test\r\nDTSTART;TZID=Europe/Berlin:20260302T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20260302T110000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
    "RDATE;TZID=Europe/Berlin:20260305T150000,20260402T100000\r\n"
    "RDATE;VALUE=PERIOD:20260410T080000Z/20260410T120000Z\r\n"
    "EXDATE;TZID=Europe/Berlin:20260402T100000\r\nSUMMARY:R\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:rd-2@test\r\nDTSTART;VALUE=DATE:20260601\r\nRDATE;VALUE=DATE:20260603,20260605\r\n"
    "SUMMARY:A\r\nEND:VEVENT\r\n" ICS_TAIL;
  static const char expected[] =
    "R 2026-03-02T10:00:00+01:00; R 2026-03-05T15:00:00+01:00; R 2026-03-09T10:00:00+01:00; "
    "R 2026-03-16T10:00:00+01:00; R 2026-04-10T10:00:00+02:00; A 2026-06-01; A 2026-06-03; A 2026-06-05";
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) other = test_create_store (dir, "other.tandem", NULL);
  guint added = 0, updated = 0;

  import_text (f->store, ics);
  assert_listing (f->store, "2026-03-01", "2026-07-01", expected);
  {
    g_autoptr(TandemEntity) period = NULL;
    g_autoptr(GPtrArray) rows = tandem_store_list_by (f->store, TANDEM_TYPE_EVENT, "uid", "rd-1@test", &error);
    g_assert_no_error (error);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (tandem_entity_get_string (rows->pdata[i], "recurrence_id"), "2026-04-10T10:00:00+02:00") == 0)
        period = g_object_ref (rows->pdata[i]);
    g_assert_nonnull (period);
    g_assert_cmpstr (tandem_entity_get_string (period, "end"), ==, "2026-04-10T14:00:00+02:00");
  }
  g_assert_true (tandem_calendar_import (f->store, ics, strlen (ics), &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 0);

  exported = tandem_calendar_export (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "RDATE;TZID=Europe/Berlin:20260305T150000"));
  g_assert_nonnull (strstr (exported, "RDATE;VALUE=DATE:20260603"));
  import_text (other, exported);
  assert_listing (other, "2026-03-01", "2026-07-01", expected);
  g_clear_object (&other);
  test_remove_dir (dir);
}

/* A property an event can do without that cannot be read is left out and
 * said so, with its line; one it cannot do without refuses the file. */
static void
test_import_warnings (Fixture       *f,
                      gconstpointer  data)
{
  static const char ics[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:bday@google\r\nDTSTART;VALUE=DATE:20141210\r\nRRULE:FREQ=YEARLY\r\n"
    "RDATE;VALUE=DATE:20131210Z\r\nSUMMARY:Geburtstag\r\nSUBCALENDAR-ID:1234\r\nEND:VEVENT\r\n" ICS_TAIL;
  static const char bad_start[] = ICS_HEAD
    "BEGIN:VEVENT\r\nUID:x@test\r\nSUMMARY:Kaputt\r\nDTSTART:kaputt\r\nEND:VEVENT\r\n" ICS_TAIL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (tandem_calendar_import_full (f->store, ics, strlen (ics), &added, NULL, &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_true (g_str_has_prefix (warnings[0], "line 8: RDATE was left out"));
  g_assert_true (g_str_has_prefix (warnings[1], "line 10: SUBCALENDAR-ID was left out"));
  assert_listing (f->store, "2014-12-01", "2015-12-31", "Geburtstag 2014-12-10; Geburtstag 2015-12-10");

  assert_import_refused (f->store, bad_start, "line 7");
}

/* What the fuzzer found (tests/fuzz/crashes-found): whatever imports,
 * exports again into a file that imports */
static void
test_fuzz_findings (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (g_getenv ("TANDEM_SOURCE_DIR"), "tests", "fuzz", "crashes-found", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = 0;

      if (!g_str_has_prefix (name, "ics-") || !g_str_has_suffix (name, ".ics"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      g_assert_true (tandem_store_begin (f->store, NULL));
      if (tandem_calendar_import (f->store, text, len, NULL, NULL, &error))
        {
          exported = tandem_calendar_export (f->store, NULL, NULL, &error);
          g_assert_no_error (error);
          if (!tandem_calendar_import (f->store, exported, strlen (exported), NULL, NULL, &error))
            g_error ("%s: the export does not import again: %s", name, error->message);
        }
      tandem_store_rollback (f->store);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *fixture = data_path ("workspace-v1.tandem");
  g_autofree char *path = g_build_filename (dir, "v1.tandem", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_cmpint (test_raw_count (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (test_raw_count (path, "SELECT count(*) FROM pragma_table_info('event') "
                                         "WHERE name = 'recurrence_id'"), ==, 0);

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_PERSON, NULL), ==, 3);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 2);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_EVENT, NULL), ==, 3);
  g_assert_cmpint (tandem_store_get_last_seq (store), ==, 10);
  events = tandem_store_list (store, TANDEM_TYPE_EVENT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (events->pdata[0], "title"), ==, "Jour fixe");
  g_assert_cmpstr (tandem_entity_get_string (events->pdata[0], "tzid"), ==, "Europe/Berlin");
  g_assert_null (tandem_entity_get_string (events->pdata[0], "recurrence_id"));
  g_assert_cmpuint (g_strv_length ((GStrv) tandem_entity_get_strv (events->pdata[0], "attendees")), ==, 2);
  g_assert_cmpstr (tandem_entity_get_string (events->pdata[2], "notes"), ==, "Stand B12");
  /* the tombstone stayed one */
  g_assert_cmpint (test_raw_count (path, "SELECT count(*) FROM event WHERE deleted = 1"), ==, 1);

  /* the new schema works on the old rows */
  assert_listing (store, "2026-03-05", "2026-03-06", "Jour fixe 2026-03-05T09:00:00+01:00");
  {
    g_autoptr(JsonObject) patch = test_json ("{\"rrule\": \"FREQ=WEEKLY;COUNT=2\"}");
    g_autoptr(TandemEntity) updated = test_update (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (events->pdata[0]),
                                                   0, patch);
  }
  assert_listing (store, "2026-03-01", "2026-03-31",
                  "Jour fixe 2026-03-05T09:00:00+01:00; Jour fixe 2026-03-12T09:00:00+01:00");
  g_clear_object (&store);
  g_assert_cmpint (test_raw_count (path, "PRAGMA user_version"), ==, TANDEM_SCHEMA_VERSION);
  test_remove_dir (dir);
}

/* Moving a series moves the weekdays and month days of its rule along */
static void
test_shift_rrule (void)
{
  static const struct { const char *rule; int days; const char *expected; } cases[] = {
    { "FREQ=WEEKLY;BYDAY=MO", 1, "FREQ=WEEKLY;BYDAY=TU" },
    { "FREQ=WEEKLY;BYDAY=MO,WE,FR", -1, "FREQ=WEEKLY;BYDAY=SU,TU,TH" },
    { "FREQ=WEEKLY;BYDAY=SU", 1, "FREQ=WEEKLY;BYDAY=MO" },
    { "FREQ=MONTHLY;BYDAY=1MO", 2, "FREQ=MONTHLY;BYDAY=1WE" },
    { "FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", 3, "FREQ=MONTHLY;BYDAY=-1MO;COUNT=5" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", 2, "FREQ=MONTHLY;BYMONTHDAY=17" },
    { "FREQ=MONTHLY;BYMONTHDAY=28", 2, "FREQ=MONTHLY;BYMONTHDAY=28" },  /* would not fit every month */
    { "FREQ=DAILY;INTERVAL=2", 5, "FREQ=DAILY;INTERVAL=2" },
    { "FREQ=WEEKLY;BYDAY=TH", 14, "FREQ=WEEKLY;BYDAY=TH" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shifted = tandem_calendar_shift_rrule (cases[i].rule, cases[i].days);
      g_assert_cmpstr (shifted, ==, cases[i].expected);
    }
  g_assert_null (tandem_calendar_shift_rrule ("FREQ=SOMETIMES", 1));
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/calendar/shift-rrule", test_shift_rrule);
  ADD ("/calendar/range", test_range);
  ADD ("/calendar/range-uses-the-index", test_range_uses_the_index);
  ADD ("/calendar/weekly-across-dst", test_weekly_across_dst);
  ADD ("/calendar/exdates-overrides-delete", test_exdates_overrides_and_delete);
  ADD ("/calendar/import-evolution", test_import_evolution);
  ADD ("/calendar/import-thunderbird", test_import_thunderbird);
  ADD ("/calendar/import-outlook", test_import_outlook);
  ADD ("/calendar/reimport-updates", test_reimport_updates);
  ADD ("/calendar/broken-files", test_broken_files);
  ADD ("/calendar/round-trip", test_round_trip);
  ADD ("/calendar/all-day-recurrence", test_all_day_recurrence);
  ADD ("/calendar/rrule-limits", test_rrule_limits);
  ADD ("/calendar/dst-gap-and-ambiguous", test_dst_gap_and_ambiguous);
  ADD ("/calendar/import-real-world-shapes", test_import_real_world_shapes);
  ADD ("/calendar/import-hostile", test_import_hostile);
  ADD ("/calendar/import-exchange", test_import_exchange);
  ADD ("/calendar/rdate", test_rdate);
  ADD ("/calendar/import-warnings", test_import_warnings);
  ADD ("/calendar/fuzz-findings", test_fuzz_findings);
#undef ADD
  g_test_add_func ("/calendar/migrate-v1", test_migrate_v1);
  return g_test_run ();
}
