/* test-sync.c — shared-file workspaces, polling for other handles'
 * writes, work on worker threads, the change log as the sync source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync"

#include "tandem-test-util.h"

static char *
raw_journal_mode (const char *path)
{
  sqlite3 *db = test_open_raw (path);
  sqlite3_stmt *stmt = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mode;
}

static void
test_shared_mode (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "team.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, TANDEM_WORKSPACE_SHARED, &error);
  g_autoptr(TandemStore) again = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *journal = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_mode (store), ==, TANDEM_WORKSPACE_SHARED);
  meta = tandem_store_get_meta (store, "mode");
  g_assert_cmpstr (meta, ==, "shared");
  row = test_add_campaign (store, "Gemeinsam");

  /* a rollback journal, no WAL beside the file while it is open */
  journal = raw_journal_mode (path);
  g_assert_cmpstr (journal, ==, "delete");  /* a connection of its own: the file is not WAL */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* the mode is kept in the file */
  again = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_mode (again), ==, TANDEM_WORKSPACE_SHARED);
  g_assert_cmpint (tandem_store_count (again, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);
  g_clear_object (&again);
  g_clear_object (&store);

  /* meta values round-trip, NULL removes */
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_set_meta (store, "test-key", "Wert “ü”", &error));
  g_clear_pointer (&meta, g_free);
  meta = tandem_store_get_meta (store, "test-key");
  g_assert_cmpstr (meta, ==, "Wert “ü”");
  g_assert_true (tandem_store_set_meta (store, "test-key", NULL, &error));
  g_clear_pointer (&meta, g_free);
  meta = tandem_store_get_meta (store, "test-key");
  g_assert_null (meta);
  mode = tandem_store_get_meta (store, "mode");
  g_assert_cmpstr (mode, ==, "shared");

  g_clear_object (&store);
  test_remove_dir (dir);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} LastChange;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  LastChange *last)
{
  last->position = position;
  last->removed = removed;
  last->added = added;
  last->count++;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @count reaches @want or 5 s passed */
static void
wait_for (guint *count,
          guint  want)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, timeout_cb, &timed_out);

  while (*count < want && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

/* tandem_store_watch notices another handle's write without refresh */
static void
check_watch (TandemWorkspaceMode mode)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "watched.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, mode, &error);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemEntityList) list = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) seen = NULL;
  LastChange last = { 0 };

  g_assert_no_error (error);
  if (mode == TANDEM_WORKSPACE_LOCAL)
    {
      /* reopen first: a fresh local workspace is not yet visible to a
       * second handle (see /workspace-shared-by-handles/second-handle) */
      g_clear_object (&store);
      store = tandem_store_open (path, &error);
      g_assert_no_error (error);
    }
  other = tandem_store_open (path, &error);
  g_assert_no_error (error);

  list = tandem_entity_list_new (store, TANDEM_TYPE_CAMPAIGN);
  g_assert_true (tandem_entity_list_load (list, NULL));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &last);
  tandem_store_watch (store, 10);

  row = test_add_campaign (other, "Von nebenan");
  wait_for (&last.count, 1);
  g_assert_cmpuint (last.position, ==, 0);
  g_assert_cmpuint (last.removed, ==, 0);
  g_assert_cmpuint (last.added, ==, 1);
  seen = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (tandem_entity_get_id (seen), ==, tandem_entity_get_id (row));

  /* and nothing more arrives on its own */
  {
    gboolean timed_out = FALSE;
    g_timeout_add (100, timeout_cb, &timed_out);
    while (!timed_out)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (last.count, ==, 1);

  tandem_store_watch (store, 0);
  g_clear_object (&list);
  g_clear_object (&other);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_watch_shared (void)
{
  check_watch (TANDEM_WORKSPACE_SHARED);
}

static void
test_watch_local (void)
{
  check_watch (TANDEM_WORKSPACE_LOCAL);
}

typedef struct
{
  guint   signals;
  guint   signals_at_callback;
  char   *id;
  GError *error;
  gboolean done;
} RunState;

static void
count_changed_cb (TandemStore  *store,
                  TandemChange *change,
                  RunState     *state)
{
  state->signals++;
}

static gpointer
insert_func (TandemStore   *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonObject) fields = test_json (data);

  return tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, fields, 0, error);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;
  g_autoptr(TandemEntity) row = tandem_store_run_finish (TANDEM_STORE (object), result, &state->error);

  state->signals_at_callback = state->signals;
  if (row != NULL)
    state->id = g_strdup (tandem_entity_get_id (row));
  state->done = TRUE;
}

static void
test_run_async (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "async.tandem", NULL);
  RunState ok = { 0 };
  RunState bad = { 0 };

  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &ok);
  tandem_store_run_async (store, insert_func, (gpointer) "{\"title\": \"Im Hintergrund\"}", NULL,
                          g_object_unref, NULL, run_done_cb, &ok);
  while (!ok.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (ok.error);
  g_assert_nonnull (ok.id);
  /* the change was emitted on this thread before the callback ran */
  g_assert_cmpuint (ok.signals_at_callback, ==, 1);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);

  tandem_store_run_async (store, insert_func, (gpointer) "{\"title\": \"\"}", NULL,
                          g_object_unref, NULL, run_done_cb, &bad);
  while (!bad.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (bad.error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_assert_null (bad.id);
  g_assert_cmpuint (ok.signals, ==, 1);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);

  g_free (ok.id);
  g_clear_error (&bad.error);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (tandem_entity_list_load_finish (TANDEM_ENTITY_LIST (object), result, NULL));
  *done = TRUE;
}

/* A row written while the list loads appears exactly once */
static void
test_write_during_load (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "loading.tandem", NULL);
  g_autoptr(TandemEntity) a = test_add_campaign (store, "A");
  g_autoptr(TandemEntity) b = test_add_campaign (store, "B");
  g_autoptr(TandemEntity) c = NULL;
  g_autoptr(TandemEntityList) list = tandem_entity_list_new (store, TANDEM_TYPE_CAMPAIGN);
  gboolean done = FALSE;
  guint position;

  tandem_entity_list_load_async (list, NULL, load_done_cb, &done);
  c = test_add_campaign (store, "C");
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_nonnull (tandem_entity_list_lookup (list, tandem_entity_get_id (c), &position));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TandemEntity) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (i != position)
        g_assert_cmpstr (tandem_entity_get_id (item), !=, tandem_entity_get_id (c));
    }

  g_clear_object (&list);
  g_clear_object (&store);
  test_remove_dir (dir);
}

/* The change log pages with a limit and reports each row once */
static void
test_read_changes (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "log.tandem", NULL);
  g_autoptr(JsonObject) patch = test_json ("{\"stage\": \"done\"}");
  g_autoptr(TandemEntity) a = test_add_campaign (store, "A");
  g_autoptr(TandemEntity) b = test_add_campaign (store, "B");
  g_autoptr(TandemEntity) a2 = test_update (store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (a), 1, patch);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  page = tandem_store_read_changes (store, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((TandemChange *) page->pdata[0])->seq, ==, 1);
  g_assert_cmpint (((TandemChange *) page->pdata[1])->seq, ==, 2);

  all = tandem_store_read_changes (store, 0, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  /* B at seq 2, A's latest at seq 3 */
  g_assert_cmpstr (((TandemChange *) all->pdata[0])->id, ==, tandem_entity_get_id (b));
  g_assert_cmpstr (((TandemChange *) all->pdata[1])->id, ==, tandem_entity_get_id (a));
  g_assert_cmpint (((TandemChange *) all->pdata[1])->rev, ==, 2);
  g_clear_pointer (&all, g_ptr_array_unref);

  all = tandem_store_read_changes (store, 3, 0, &error);
  g_assert_cmpuint (all->len, ==, 0);

  g_clear_object (&store);
  test_remove_dir (dir);
}

/* Rows of different types that share an id (imports and sync insert
 * given ids) are different rows of the change log */
static void
test_changes_keyed_by_type (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "same-id.tandem", NULL);
  const char *id = "6f1c1d2e-7c55-4d8e-9a0b-3c2d1e0f9a8b";
  g_autoptr(JsonObject) campaign = test_json ("{\"id\": \"6f1c1d2e-7c55-4d8e-9a0b-3c2d1e0f9a8b\", \"title\": \"K\"}");
  g_autoptr(JsonObject) person = test_json ("{\"id\": \"6f1c1d2e-7c55-4d8e-9a0b-3c2d1e0f9a8b\", \"name\": \"P\"}");
  g_autoptr(TandemEntity) c = test_insert (store, TANDEM_TYPE_CAMPAIGN, campaign);
  g_autoptr(TandemEntity) p = test_insert (store, TANDEM_TYPE_PERSON, person);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpstr (tandem_entity_get_id (c), ==, id);
  g_assert_cmpstr (tandem_entity_get_id (p), ==, id);
  all = tandem_store_read_changes (store, 0, 0, NULL);
  g_assert_nonnull (all);
  if (all->len != 2)
    g_test_fail_printf ("two rows of different types with one id: %u change(s) read, expected 2", all->len);

  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_insert_given_id (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "ids.tandem", NULL);
  g_autoptr(JsonObject) upper = test_json ("{\"id\": \"6F1C1D2E-7C55-4D8E-9A0B-3C2D1E0F9A8B\", \"title\": \"K\"}");
  g_autoptr(JsonObject) dup = test_json ("{\"id\": \"6f1c1d2e-7c55-4d8e-9a0b-3c2d1e0f9a8b\", \"title\": \"L\"}");
  g_autoptr(JsonObject) bad = test_json ("{\"id\": \"42\", \"title\": \"M\"}");
  g_autoptr(TandemEntity) row = test_insert (store, TANDEM_TYPE_CAMPAIGN, upper);
  g_autoptr(GError) error = NULL;
  TandemEntity *result;

  g_assert_cmpstr (tandem_entity_get_id (row), ==, "6f1c1d2e-7c55-4d8e-9a0b-3c2d1e0f9a8b");

  result = tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, dup, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS);
  g_clear_error (&error);

  result = tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, bad, 0, &error);
  g_assert_null (result);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);

  g_assert_cmpint (tandem_store_get_last_seq (store), ==, 1);
  g_clear_object (&store);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const TestFunc funcs[] = {
    { "/sync/shared-mode", test_shared_mode },
    { "/sync/watch-shared", test_watch_shared },
    { "/sync/watch-local", test_watch_local },
    { "/sync/run-async", test_run_async },
    { "/sync/write-during-load", test_write_during_load },
    { "/sync/read-changes", test_read_changes },
    { "/sync/insert-given-id", test_insert_given_id },
    { "/sync/changes-keyed-by-type", test_changes_keyed_by_type },
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
