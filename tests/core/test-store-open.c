/* test-store-open.c — opening workspaces: refusals leave files untouched;
 * backup and integrity check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store-open"

#include <glib/gstdio.h>
#include <pwd.h>
#include <unistd.h>

#include "tandem-test-util.h"

/* A closed workspace with two campaigns and a person in @dir */
static char *
make_workspace (const char *dir,
                const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, name, &path);
  g_autoptr(JsonObject) a = test_json ("{\"title\": \"Frühjahrsaktion\", \"stage\": \"planning\"}");
  g_autoptr(JsonObject) b = test_json ("{\"title\": \"Messe Hannover\", \"budget_planned_cents\": 1250050}");
  g_autoptr(JsonObject) p = test_json ("{\"name\": \"Stefan Braun\", \"role\": \"sales\"}");
  g_autoptr(TandemEntity) r1 = test_insert (store, TANDEM_TYPE_CAMPAIGN, a);
  g_autoptr(TandemEntity) r2 = test_insert (store, TANDEM_TYPE_CAMPAIGN, b);
  g_autoptr(TandemEntity) r3 = test_insert (store, TANDEM_TYPE_PERSON, p);

  g_clear_object (&store);
  test_assert_no_side_files (path);
  return g_steal_pointer (&path);
}

/* The bytes of @path */
static char *
read_all (const char *path,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static void
copy_file (const char *from,
           const char *to)
{
  gsize len = 0;
  g_autofree char *contents = read_all (from, &len);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (to, contents, len, &error);
  g_assert_no_error (error);
}

/* Opening @path fails with @code, names @needle, and changes nothing */
static void
assert_open_refused (const char *path,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  TestFingerprint before = { 0 };

  test_fingerprint (path, &before);
  store = tandem_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_ERROR, code);
  test_assert_error_mentions (error, needle);
  test_assert_unchanged (path, &before);
  test_fingerprint_clear (&before);
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
test_open_good (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "good.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_mode (store), ==, TANDEM_WORKSPACE_LOCAL);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 2);
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_PERSON, NULL), ==, 1);
  g_assert_cmpint (tandem_store_get_last_seq (store), ==, 3);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_open_text_file (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);

  write_bytes (path, "Agenda for Monday\nnot a database at all, but long enough to have 100 bytes of header "
                     "so that only the magic string tells it apart.\n", -1);
  assert_open_refused (path, TANDEM_ERROR_NOT_WORKSPACE, "not a Tandem workspace");
  test_remove_dir (dir);
}

static void
test_open_foreign_sqlite (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234567; PRAGMA user_version = 1;"
                                     "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                                     "INSERT INTO meta VALUES ('mode', 'local');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_refused (path, TANDEM_ERROR_NOT_WORKSPACE, "another program");
  test_remove_dir (dir);
}

static void
test_open_empty_file (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.tandem", NULL);

  write_bytes (path, "", 0);
  assert_open_refused (path, TANDEM_ERROR_NOT_WORKSPACE, "empty");
  test_remove_dir (dir);
}

static void
test_open_truncated (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *good = make_workspace (dir, "good.tandem");
  g_autofree char *path = g_build_filename (dir, "half.tandem", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  contents = read_all (good, &len);
  g_assert_cmpuint (len, >=, 4 * 4096);
  write_bytes (path, contents, len / 2);
  assert_open_refused (path, TANDEM_ERROR_CORRUPT, "truncated");
  test_remove_dir (dir);
}

static void
test_open_corrupt_header (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *good = make_workspace (dir, "good.tandem");
  g_autofree char *magic = g_build_filename (dir, "magic.tandem", NULL);
  g_autofree char *pages = g_build_filename (dir, "pages.tandem", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  contents = read_all (good, &len);

  /* the magic string damaged */
  memcpy (contents, "SQLite farmat 3", 15);
  write_bytes (magic, contents, len);
  assert_open_refused (magic, TANDEM_ERROR_NOT_WORKSPACE, "not a Tandem workspace");

  /* magic intact, page size not a power of two */
  memcpy (contents, "SQLite format 3", 15);
  contents[16] = 0x12;
  contents[17] = 0x34;
  write_bytes (pages, contents, len);
  assert_open_refused (pages, TANDEM_ERROR_CORRUPT, "damaged");

  test_remove_dir (dir);
}

static void
test_open_too_new (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *good = make_workspace (dir, "good.tandem");
  g_autofree char *path = g_build_filename (dir, "future.tandem", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", TANDEM_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  copy_file (good, path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_refused (path, TANDEM_ERROR_TOO_NEW, "newer version");
  test_remove_dir (dir);
}

static void
test_open_missing (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *no_file = g_build_filename (dir, "absent.tandem", NULL);
  g_autofree char *no_dir = g_build_filename (dir, "absent-folder", "ws.tandem", NULL);
  g_autofree char *folder = g_build_filename (dir, "absent-folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;

  store = tandem_store_open (no_file, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE);
  test_assert_error_mentions (error, no_file);
  g_clear_error (&error);
  g_assert_false (g_file_test (no_file, G_FILE_TEST_EXISTS));

  store = tandem_store_open (no_dir, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE);
  test_assert_error_mentions (error, "absent-folder");
  g_clear_error (&error);

  store = tandem_store_create (no_dir, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE);
  test_assert_error_mentions (error, "does not exist");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  test_remove_dir (dir);
}

/* A second handle (the CLI while the app has the workspace open) opens a
 * freshly created local workspace whose first pages are still in the WAL. */
static void
test_open_second_handle (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) first = test_create_store (dir, "busy.tandem", &path);
  g_autoptr(JsonObject) fields = test_json ("{\"title\": \"Offen\"}");
  g_autoptr(TandemEntity) row = test_insert (first, TANDEM_TYPE_CAMPAIGN, fields);
  g_autoptr(TandemStore) second = NULL;
  g_autoptr(TandemEntity) seen = NULL;
  g_autoptr(GError) error = NULL;

  second = tandem_store_open (path, &error);
  if (second == NULL)
    {
      /* report and go on, so the tests after this one still run */
      g_test_fail_printf ("a second handle cannot open a workspace the first has open: %s", error->message);
      g_clear_object (&first);
      test_remove_dir (dir);
      return;
    }
  seen = tandem_store_get (second, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (seen, "title"), ==, "Offen");

  g_clear_object (&second);
  g_clear_object (&first);
  test_remove_dir (dir);
}

/* Another program (a newer Tandem) upgraded the workspace while this one
 * keeps it open: the new user_version is still in the WAL, not in the
 * file header, and must be refused all the same. */
static void
test_open_too_new_in_wal (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "upgraded.tandem");
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", TANDEM_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) keeper = tandem_store_open (path, &error);
  g_autoptr(TandemStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tandem_store_open (path, &error);
  if (store != NULL)
    g_test_fail_printf ("a workspace of format %d (still in the WAL) was opened", TANDEM_SCHEMA_VERSION + 1);
  else
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_TOO_NEW);

  g_clear_object (&store);
  g_clear_object (&keeper);
  test_remove_dir (dir);
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "good.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  TestFingerprint before = { 0 };

  test_fingerprint (path, &before);
  store = tandem_store_create (path, TANDEM_WORKSPACE_SHARED, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS);
  test_assert_error_mentions (error, "already exists");
  test_assert_unchanged (path, &before);
  test_fingerprint_clear (&before);
  test_remove_dir (dir);
}

static void
assert_viewed_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(JsonObject) title = test_json ("{\"title\": \"Neu\"}");
  g_autoptr(GPtrArray) rows = NULL;
  TestFingerprint before = { 0 };

  test_fingerprint (path, &before);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_is_read_only (store));
  rows = tandem_store_list (store, TANDEM_TYPE_CAMPAIGN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (tandem_store_check (store, &error));
  g_assert_no_error (error);

  g_assert_null (tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, title, 0, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY);
  test_assert_error_mentions (error, "read-only");
  g_clear_error (&error);
  g_assert_null (tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (rows->pdata[0]), 0,
                                      title, 0, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (tandem_store_set_meta (store, "x", "y", &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  test_assert_unchanged (path, &before);
  test_fingerprint_clear (&before);
}

/* Root writes through chmod 0444: the body runs in a subprocess that
 * drops to an unprivileged user first. */
static void
test_open_read_only_subprocess (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "ro.tandem");
  g_autofree char *ro_dir = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_ro_dir = NULL;

  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
  in_ro_dir = make_workspace (ro_dir, "inside.tandem");

  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");
      uid_t uid = nobody ? nobody->pw_uid : 65534;
      gid_t gid = nobody ? nobody->pw_gid : 65534;

      g_assert_cmpint (chown (dir, uid, gid), ==, 0);
      g_assert_cmpint (chown (path, uid, gid), ==, 0);
      g_assert_cmpint (chown (ro_dir, uid, gid), ==, 0);
      g_assert_cmpint (chown (in_ro_dir, uid, gid), ==, 0);
      if (setgid (gid) != 0 || setuid (uid) != 0)
        {
          g_test_skip ("running as root and cannot drop to an unprivileged user");
          return;
        }
      g_assert_cmpint (geteuid (), !=, 0);
    }

  /* a read-only file, and a writable file in a read-only folder (no room
   * for a journal): viewed, not refused; every write says why not */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  assert_viewed_read_only (path);
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
  assert_viewed_read_only (in_ro_dir);

  g_chmod (ro_dir, 0755);
  g_chmod (path, 0644);
  test_remove_dir (dir);
}

static void
test_open_read_only (void)
{
  g_test_trap_subprocess ("/store/open/read-only/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
assert_same_rows (TandemStore *a,
                  TandemStore *b,
                  GType        type)
{
  g_autoptr(GPtrArray) ra = tandem_store_list (a, type, NULL);
  g_autoptr(GPtrArray) rb = tandem_store_list (b, type, NULL);

  g_assert_nonnull (ra);
  g_assert_nonnull (rb);
  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      g_autoptr(JsonObject) ja = tandem_entity_to_json (ra->pdata[i]);
      g_autoptr(JsonObject) jb = tandem_entity_to_json (rb->pdata[i]);
      g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), ja);
      g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), jb);
      g_autofree char *sa = json_to_string (na, FALSE);
      g_autofree char *sb = json_to_string (nb, FALSE);
      g_assert_cmpstr (sa, ==, sb);
    }
}

static void
test_backup_and_check (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "live.tandem");
  g_autofree char *copy = g_build_filename (dir, "backup.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);
  g_autoptr(TandemStore) restored = NULL;
  g_autoptr(JsonObject) extra = test_json ("{\"title\": \"Nach dem Öffnen\"}");
  g_autoptr(TandemEntity) row = NULL;
  TestFingerprint before = { 0 };

  g_assert_no_error (error);
  /* a row still in the WAL must be in the copy too */
  row = test_insert (store, TANDEM_TYPE_CAMPAIGN, extra);

  g_assert_true (tandem_store_check (store, &error));
  g_assert_no_error (error);

  g_assert_true (tandem_store_backup (store, copy, &error));
  g_assert_no_error (error);
  test_assert_no_side_files (copy);

  /* a second backup onto the copy is refused and leaves it alone */
  test_fingerprint (copy, &before);
  g_assert_false (tandem_store_backup (store, copy, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS);
  g_clear_error (&error);
  test_assert_unchanged (copy, &before);
  test_fingerprint_clear (&before);

  restored = tandem_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_true (tandem_store_check (restored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count (restored, TANDEM_TYPE_CAMPAIGN, NULL), ==, 3);
  assert_same_rows (store, restored, TANDEM_TYPE_CAMPAIGN);
  assert_same_rows (store, restored, TANDEM_TYPE_PERSON);
  g_assert_cmpint (tandem_store_get_last_seq (restored), ==, tandem_store_get_last_seq (store));

  g_clear_object (&restored);
  g_clear_object (&store);
  test_remove_dir (dir);
}

/* tandem_store_check finds a column that went missing */
static void
test_check_missing_column (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = make_workspace (dir, "altered.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE campaign DROP COLUMN segment", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_store_check (store, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT);
  test_assert_error_mentions (error, "segment");

  g_clear_object (&store);
  test_remove_dir (dir);
}

/* Damage inside the file (the header intact) is found by open or check */
static void
test_check_damaged_pages (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *good = make_workspace (dir, "good.tandem");
  g_autofree char *path = g_build_filename (dir, "damaged.tandem", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  gsize len = 0;

  contents = read_all (good, &len);
  /* every page after the first: b-tree page headers and cells */
  for (gsize i = 4096; i < len; i += 7)
    contents[i] = (char) 0xA5;
  write_bytes (path, contents, len);

  store = tandem_store_open (path, &error);
  if (store != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (tandem_store_check (store, &error));
    }
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT);
  test_assert_error_mentions (error, "damaged");

  g_clear_object (&store);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const TestFunc funcs[] = {
    { "/store/open/good", test_open_good },
    { "/store/open/text-file", test_open_text_file },
    { "/store/open/foreign-sqlite", test_open_foreign_sqlite },
    { "/store/open/empty-file", test_open_empty_file },
    { "/store/open/truncated", test_open_truncated },
    { "/store/open/corrupt-header", test_open_corrupt_header },
    { "/store/open/too-new", test_open_too_new },
    { "/store/open/missing", test_open_missing },
    { "/store/open/read-only", test_open_read_only },
    { "/store/open/read-only/subprocess", test_open_read_only_subprocess },
    { "/workspace-shared-by-handles/second-handle", test_open_second_handle },
    { "/workspace-shared-by-handles/too-new-in-wal", test_open_too_new_in_wal },
    { "/store/create/refuses-existing", test_create_refuses_existing },
    { "/store/backup-and-check", test_backup_and_check },
    { "/store/check/missing-column", test_check_missing_column },
    { "/store/check/damaged-pages", test_check_damaged_pages },
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
