/* test-store-write.c — revisions, the change log, batches, field-level
 * merges and conflicts, verbatim strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store-write"

#include "tandem-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  TandemStore *store;
  GPtrArray   *signals;  /* TandemChange emitted by ::changed */
} Fixture;

static void
changed_cb (TandemStore  *store,
            TandemChange *change,
            Fixture      *fixture)
{
  g_ptr_array_add (fixture->signals, tandem_change_ref (change));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_make_dir ();
  fixture->store = test_create_store (fixture->dir, "write.tandem", &fixture->path);
  fixture->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_change_unref);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->signals, g_ptr_array_unref);
  test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Exactly one change-log row was appended after @since, for @row */
static void
assert_one_change (Fixture      *fixture,
                   gint64        since,
                   TandemEntity *row,
                   gboolean      deleted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = tandem_store_read_changes (fixture->store, since, 0, &error);
  TandemChange *change;

  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, since + 1);
  g_assert_cmpuint (changes->len, ==, 1);
  change = changes->pdata[0];
  g_assert_cmpint (change->seq, ==, since + 1);
  g_assert_true (change->type == G_OBJECT_TYPE (row));
  g_assert_cmpstr (change->id, ==, tandem_entity_get_id (row));
  g_assert_cmpint (change->rev, ==, tandem_entity_get_rev (row));
  g_assert_cmpint (change->deleted, ==, deleted);
  g_assert_nonnull (change->row);
  g_assert_cmpint (tandem_entity_get_rev (change->row), ==, tandem_entity_get_rev (row));
}

static gboolean
is_utc_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || !g_str_has_suffix (text, "Z"))
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

/* Makes the store clock move on so updated_at differs (whole seconds) */
static void
age_row (Fixture    *fixture,
         const char *id)
{
  sqlite3 *db = NULL;
  g_autofree char *sql =
    g_strdup_printf ("UPDATE campaign SET updated_at = '2001-01-01T00:00:00Z' WHERE id = '%s'", id);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_insert_update_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = test_json ("{\"title\": \"Sommerkampagne\", \"stage\": \"idea\"}");
  g_autoptr(JsonObject) patch = test_json ("{\"stage\": \"planning\", \"segment\": \"Maschinenbau\"}");
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(TandemEntity) gone = NULL;
  g_autoptr(TandemEntity) back = NULL;
  gint64 seq;

  /* insert */
  seq = tandem_store_get_last_seq (fixture->store);
  g_assert_cmpint (seq, ==, 0);
  row = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields);
  g_assert_true (tandem_is_uuid (tandem_entity_get_id (row)));
  g_assert_cmpint (tandem_entity_get_rev (row), ==, 1);
  g_assert_true (is_utc_timestamp (tandem_entity_get_created_at (row)));
  g_assert_cmpstr (tandem_entity_get_updated_at (row), ==, tandem_entity_get_created_at (row));
  assert_one_change (fixture, seq, row, FALSE);
  g_assert_cmpuint (fixture->signals->len, ==, 1);

  /* update */
  age_row (fixture, tandem_entity_get_id (row));
  seq = tandem_store_get_last_seq (fixture->store);
  updated = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), 1, patch);
  g_assert_cmpint (tandem_entity_get_rev (updated), ==, 2);
  g_assert_cmpstr (tandem_entity_get_string (updated, "stage"), ==, "planning");
  g_assert_cmpstr (tandem_entity_get_string (updated, "title"), ==, "Sommerkampagne");
  g_assert_true (is_utc_timestamp (tandem_entity_get_updated_at (updated)));
  g_assert_cmpstr (tandem_entity_get_updated_at (updated), !=, "2001-01-01T00:00:00Z");
  g_assert_cmpstr (tandem_entity_get_created_at (updated), ==, tandem_entity_get_created_at (row));
  assert_one_change (fixture, seq, updated, FALSE);
  g_assert_cmpuint (fixture->signals->len, ==, 2);

  /* a patch that changes nothing writes nothing */
  seq = tandem_store_get_last_seq (fixture->store);
  g_clear_object (&updated);
  updated = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), 2, patch);
  g_assert_cmpint (tandem_entity_get_rev (updated), ==, 2);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);

  /* delete: a tombstone with the next rev */
  age_row (fixture, tandem_entity_get_id (row));
  g_assert_true (tandem_store_delete (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), 2, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) changes = tandem_store_read_changes (fixture->store, seq, 0, &error);
    TandemChange *change;
    g_assert_no_error (error);
    g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq + 1);
    g_assert_cmpuint (changes->len, ==, 1);
    change = changes->pdata[0];
    g_assert_cmpint (change->rev, ==, 3);
    g_assert_true (change->deleted);
    g_assert_true (tandem_entity_get_deleted (change->row));
    g_assert_cmpint (tandem_entity_get_rev (change->row), ==, 3);
    g_assert_cmpstr (tandem_entity_get_updated_at (change->row), !=, "2001-01-01T00:00:00Z");
  }
  gone = tandem_store_get (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_null (gone);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 0);
  g_assert_cmpuint (fixture->signals->len, ==, 3);

  /* restore (undo) */
  seq = tandem_store_get_last_seq (fixture->store);
  back = tandem_store_restore (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_rev (back), ==, 4);
  assert_one_change (fixture, seq, back, FALSE);
  g_assert_cmpstr (tandem_entity_get_string (back, "segment"), ==, "Maschinenbau");
}

static void
test_refused_write_changes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = test_json ("{\"title\": \"Herbst\"}");
  g_autoptr(JsonObject) bad_insert = test_json ("{\"title\": \"X\", \"stage\": \"someday\"}");
  g_autoptr(JsonObject) bad_patch = test_json ("{\"title\": \"Neu\", \"color\": \"red\"}");
  g_autoptr(JsonObject) unknown = test_json ("{\"colour\": \"#ff0000\"}");
  g_autoptr(TandemEntity) row = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields);
  g_autoptr(TandemEntity) now = NULL;
  gint64 seq = tandem_store_get_last_seq (fixture->store);
  TandemEntity *result;

  result = tandem_store_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, bad_insert, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "someday");
  g_clear_error (&error);

  result = tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), 1, bad_patch, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "color");
  g_clear_error (&error);

  result = tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), 1, unknown, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "colour");
  g_clear_error (&error);

  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);
  now = tandem_store_get (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_rev (now), ==, 1);
  g_assert_cmpstr (tandem_entity_get_string (now, "title"), ==, "Herbst");
  g_assert_cmpstr (tandem_entity_get_string (now, "color"), ==, "#3584e4");
}

static void
test_batch_commit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) a = test_json ("{\"title\": \"A\"}");
  g_autoptr(JsonObject) b = test_json ("{\"title\": \"B\"}");
  g_autoptr(JsonObject) patch = test_json ("{\"title\": \"A2\"}");
  g_autoptr(TandemEntity) ra = NULL;
  g_autoptr(TandemEntity) rb = NULL;
  g_autoptr(TandemEntity) ra2 = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_true (tandem_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  ra = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, a);
  rb = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, b);
  ra2 = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (ra), 1, patch);
  /* nothing is emitted before the batch commits */
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  g_assert_true (tandem_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* three change-log rows, the two changes of A folded into its latest */
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, 3);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM change_log"), ==, 3);
  changes = tandem_store_read_changes (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 2);
}

/* A write that fails inside a batch poisons it: commit fails, nothing is
 * written, even though the caller went on after the error. */
static void
test_batch_failure_rolls_back (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) a = test_json ("{\"title\": \"A\"}");
  g_autoptr(JsonObject) bad = test_json ("{\"title\": \"\"}");
  g_autoptr(JsonObject) c = test_json ("{\"title\": \"C\"}");
  g_autoptr(TandemEntity) ra = NULL;
  g_autoptr(TandemEntity) rc = NULL;
  TandemEntity *result;

  g_assert_true (tandem_store_begin (fixture->store, &error));
  ra = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, a);
  result = tandem_store_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, bad, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  rc = tandem_store_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, c, 0, NULL);

  g_assert_false (tandem_store_commit (fixture->store, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == TANDEM_ERROR);
  g_clear_error (&error);

  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, 0);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 0);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM change_log"), ==, 0);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM campaign"), ==, 0);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM field_rev"), ==, 0);
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* the store is usable again afterwards */
  g_clear_object (&ra);
  ra = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, a);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, 1);
}

static void
test_batch_rollback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) a = test_json ("{\"title\": \"A\"}");
  g_autoptr(TandemEntity) ra = NULL;

  g_assert_true (tandem_store_begin (fixture->store, NULL));
  ra = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, a);
  tandem_store_rollback (fixture->store);

  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, 0);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 0);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
}

static void
test_field_revisions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = test_json ("{\"title\": \"Roadshow\", \"segment\": \"Handel\"}");
  g_autoptr(JsonObject) set_title = test_json ("{\"title\": \"Roadshow Süd\"}");
  g_autoptr(JsonObject) set_segment = test_json ("{\"segment\": \"Industrie\", \"leads_target\": 40}");
  g_autoptr(JsonObject) stale_title = test_json ("{\"title\": \"Roadshow Nord\"}");
  g_autoptr(JsonObject) stale_mixed = test_json ("{\"stage\": \"live\", \"segment\": \"Behörden\"}");
  g_autoptr(TandemEntity) row = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields);
  const char *id = tandem_entity_get_id (row);
  g_autoptr(TandemEntity) r2 = NULL;
  g_autoptr(TandemEntity) r3 = NULL;
  g_autoptr(TandemEntity) now = NULL;
  TandemEntity *result;
  gint64 seq;

  /* someone changes the title (rev 2) */
  r2 = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, set_title);
  g_assert_cmpint (tandem_entity_get_rev (r2), ==, 2);

  /* a write based on rev 1 touching other fields merges */
  r3 = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, set_segment);
  g_assert_cmpint (tandem_entity_get_rev (r3), ==, 3);
  g_assert_cmpstr (tandem_entity_get_string (r3, "title"), ==, "Roadshow Süd");
  g_assert_cmpstr (tandem_entity_get_string (r3, "segment"), ==, "Industrie");
  g_assert_cmpint (tandem_entity_get_int (r3, "leads_target"), ==, 40);

  /* a write based on rev 1 touching the title conflicts */
  seq = tandem_store_get_last_seq (fixture->store);
  result = tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, stale_title, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  test_assert_error_mentions (error, "title");
  g_clear_error (&error);

  /* based on rev 2, a write touching the segment (changed at 3) conflicts,
   * even though its other field would merge: all or nothing */
  result = tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 2, stale_mixed, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  test_assert_error_mentions (error, "segment");
  g_clear_error (&error);

  /* the row is as it was */
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);
  now = tandem_store_get (fixture->store, TANDEM_TYPE_CAMPAIGN, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_rev (now), ==, 3);
  g_assert_cmpstr (tandem_entity_get_string (now, "title"), ==, "Roadshow Süd");
  g_assert_cmpstr (tandem_entity_get_string (now, "segment"), ==, "Industrie");
  g_assert_cmpstr (tandem_entity_get_string (now, "stage"), ==, "idea");

  /* the current rev writes anything */
  g_clear_object (&now);
  now = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 3, stale_title);
  g_assert_cmpint (tandem_entity_get_rev (now), ==, 4);

  /* a rev from the future is refused */
  result = tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 9, set_title, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);

  /* deleting based on a stale rev is a conflict and keeps the row */
  g_assert_false (tandem_store_delete (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 3, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_count (fixture->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);
}

/* Two people read the same revision and write the same value: the second
 * is told about the conflict, not that it succeeded (a lost increment). */
static void
test_stale_same_value_conflicts (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = test_json ("{\"title\": \"Zähler\", \"leads_actual\": 0}");
  g_autoptr(JsonObject) one = test_json ("{\"leads_actual\": 1}");
  g_autoptr(JsonObject) other = test_json ("{\"segment\": \"Handel\"}");
  g_autoptr(JsonObject) unchanged = test_json ("{\"segment\": \"\"}");
  g_autoptr(TandemEntity) row = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields);
  const char *id = tandem_entity_get_id (row);
  g_autoptr(TandemEntity) first = NULL;
  g_autoptr(TandemEntity) same = NULL;
  g_autoptr(TandemEntity) noop = NULL;
  gint64 seq;

  first = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, one);
  g_assert_cmpint (tandem_entity_get_rev (first), ==, 2);

  seq = tandem_store_get_last_seq (fixture->store);
  g_assert_null (tandem_store_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, one, 0, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  test_assert_error_mentions (error, "leads_actual");
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);

  /* the same value based on the current revision is a no-op, not a new rev */
  same = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 2, one);
  g_assert_cmpint (tandem_entity_get_rev (same), ==, 2);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);

  /* a stale write of an unchanged value to a field nobody touched since
   * merges as a no-op */
  noop = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, unchanged);
  g_assert_cmpint (tandem_entity_get_rev (noop), ==, 2);
  g_clear_object (&noop);
  noop = test_update (fixture->store, TANDEM_TYPE_CAMPAIGN, id, 1, other);
  g_assert_cmpint (tandem_entity_get_rev (noop), ==, 3);
}

static const char * const hostile_titles[] = {
  "Launch 🚀🎉 Ü ß — “Zitat” ‘x’",
  "حملة الربيع — עברית \u202Eevil\u202C end",
  "O'Brien \"quoted\" `back` \\ back\\slash \\n not a newline",
  "'); DROP TABLE campaign;--",
  "Robert'); DELETE FROM change_log; --",
  "%s %n %x {} ${HOME} $(id)",
};

static void
test_verbatim_strings (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) reopened = NULL;
  const char *description = "Zeile 1\nZeile 2\r\n\tEingerückt \\ \"x\" '); DROP TABLE campaign;--\n🚀 \u202Eשלום\n";

  for (guint i = 0; i < G_N_ELEMENTS (hostile_titles); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(TandemEntity) row = NULL;

      json_object_set_string_member (fields, "title", hostile_titles[i]);
      json_object_set_string_member (fields, "description", description);
      json_object_set_string_member (fields, "segment", hostile_titles[(i + 1) % G_N_ELEMENTS (hostile_titles)]);
      row = test_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields);
      g_ptr_array_add (ids, g_strdup (tandem_entity_get_id (row)));
    }

  /* a one-line field refuses a newline rather than mangling it */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    json_object_set_string_member (fields, "title", "two\nlines");
    g_assert_null (tandem_store_insert (fixture->store, TANDEM_TYPE_CAMPAIGN, fields, 0, &error));
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* read back through this handle, then through a fresh one */
  for (guint h = 0; h < 2; h++)
    {
      TandemStore *store = fixture->store;
      if (h == 1)
        {
          g_clear_object (&fixture->store);
          store = reopened = tandem_store_open (fixture->path, &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TandemEntity) row = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, ids->pdata[i], &error);
          g_assert_no_error (error);
          g_assert_cmpstr (tandem_entity_get_string (row, "title"), ==, hostile_titles[i]);
          g_assert_cmpmem (tandem_entity_get_string (row, "title"), strlen (hostile_titles[i]),
                           hostile_titles[i], strlen (hostile_titles[i]));
          g_assert_cmpstr (tandem_entity_get_string (row, "description"), ==, description);
          g_assert_cmpstr (tandem_entity_get_string (row, "segment"), ==,
                           hostile_titles[(i + 1) % G_N_ELEMENTS (hostile_titles)]);
        }
    }

  /* the tables are all still there, with every row */
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'campaign'"), ==, 1);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM campaign"), ==, G_N_ELEMENTS (hostile_titles));
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM change_log"), ==, G_N_ELEMENTS (hostile_titles));

  /* the list_by query binds its value too */
  {
    g_autoptr(GPtrArray) found = tandem_store_list_by (reopened, TANDEM_TYPE_CAMPAIGN, "title",
                                                       hostile_titles[3], &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (tandem_entity_get_id (found->pdata[0]), ==, ids->pdata[3]);
  }
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/write/insert-update-delete", test_insert_update_delete);
  ADD ("/store/write/refused-changes-nothing", test_refused_write_changes_nothing);
  ADD ("/store/write/batch-commit", test_batch_commit);
  ADD ("/store/write/batch-failure-rolls-back", test_batch_failure_rolls_back);
  ADD ("/store/write/batch-rollback", test_batch_rollback);
  ADD ("/store/write/field-revisions", test_field_revisions);
  ADD ("/store/write/stale-same-value-conflicts", test_stale_same_value_conflicts);
  ADD ("/store/write/verbatim-strings", test_verbatim_strings);
#undef ADD

  return g_test_run ();
}
