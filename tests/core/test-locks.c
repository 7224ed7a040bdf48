/* test-locks.c — a store's locks survive other code of its process
 * opening and closing the workspace file
 *
 * POSIX drops all of a process's record locks on a file when any of its
 * descriptors of that file is closed. A file chooser sniffing the content
 * type of the workspace is enough. These tests do exactly that between the
 * store's writes and let a second process (tandemctl, and the plain sqlite3
 * shell, which uses classic POSIX locks) read and write in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-locks"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "tandem-test-util.h"

/* What other code in the process does: a content-type sniff and a read */
static void
touch_file_like_a_file_chooser (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_file_info_get_content_type (info));
  g_file_load_contents (file, NULL, &contents, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 0);
}

static char *
tandemctl (const char *path,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *exe = g_getenv ("TANDEMCTL");
  const char *arg;
  int status = 0;
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, (char *) path);
  va_start (ap, path);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("tandemctl failed: %s", err);
  return g_steal_pointer (&out);
}

static void
sqlite_shell (const char *path,
              const char *sql)
{
  const char *argv[] = { "sqlite3", "-bail", "-cmd", ".timeout 5000", path, sql, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sqlite3 failed: %s", err);
}

static gboolean
titles_have (TandemStore *store,
             const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tandem_store_list (store, TANDEM_TYPE_CAMPAIGN, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (tandem_entity_get_string (rows->pdata[i], "title"), title))
      return TRUE;
  return FALSE;
}

static void
assert_listed (const char *path,
               const char *const *titles)
{
  g_autofree char *out = tandemctl (path, "campaign", "list", NULL);

  for (guint i = 0; titles[i] != NULL; i++)
    if (strstr (out, titles[i]) == NULL)
      g_error ("tandemctl does not list “%s”:\n%s", titles[i], out);
}

static void
lock_survives (TandemWorkspaceMode mode)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "locks.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, mode, &error);
  g_autoptr(TandemEntity) a = NULL, c = NULL, e = NULL;
  static const char *const all[] = { "App A", "Ctl B", "App C", "Ctl D", "App E", NULL };

  g_assert_no_error (error);
  a = test_add_campaign (store, "App A");

  touch_file_like_a_file_chooser (path);

  /* the other process sees what the store wrote, and writes itself */
  assert_listed (path, (const char *const[]) { "App A", NULL });
  g_free (tandemctl (path, "campaign", "add", "Ctl B", NULL));

  touch_file_like_a_file_chooser (path);
  c = test_add_campaign (store, "App C");
  g_assert_true (titles_have (store, "Ctl B"));

  assert_listed (path, (const char *const[]) { "App A", "Ctl B", "App C", NULL });
  g_free (tandemctl (path, "campaign", "add", "Ctl D", NULL));
  g_assert_true (titles_have (store, "Ctl D"));

  touch_file_like_a_file_chooser (path);
  e = test_add_campaign (store, "App E");
  /* a writer that knows nothing of Tandem, with plain POSIX locks */
  sqlite_shell (path, "INSERT INTO meta (key, value) VALUES ('test-shell', 'F')");
  {
    g_autofree char *seen = tandem_store_get_meta (store, "test-shell");
    g_assert_cmpstr (seen, ==, "F");
  }
  g_assert_true (titles_have (store, "App E"));

  g_clear_object (&store);

  /* after the store closed: everything is there, for both */
  assert_listed (path, all);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; all[i] != NULL; i++)
    if (!titles_have (store, all[i]))
      g_error ("“%s” was lost", all[i]);
  {
    g_autofree char *seen = tandem_store_get_meta (store, "test-shell");
    g_assert_cmpstr (seen, ==, "F");
  }
  g_assert_true (tandem_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_lock_survives_local (void)
{
  lock_survives (TANDEM_WORKSPACE_LOCAL);
}

static void
test_lock_survives_shared (void)
{
  lock_survives (TANDEM_WORKSPACE_SHARED);
}

/* Inside a write transaction: another process must wait for it, even when
 * other code of this process closed a descriptor of the file meanwhile. */
static void
transaction_excludes (TandemWorkspaceMode mode)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "busy.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, mode, &error);
  g_autoptr(TandemEntity) mine = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_assert_true (tandem_store_begin (store, &error));
  mine = test_add_campaign (store, "Mine");
  touch_file_like_a_file_chooser (path);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            g_getenv ("TANDEMCTL"), "--workspace", path, "campaign", "add", "Theirs", NULL);
  g_assert_no_error (error);
  /* the other writer waits while our transaction is open */
  g_usleep (700 * G_TIME_SPAN_MILLISECOND);
  {
    /* the child prints its new id when done (and its pipe ends when it
     * exits): an unreadable pipe means it still waits */
    GInputStream *pipe = g_subprocess_get_stdout_pipe (child);
    g_assert_false (g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (pipe)));
  }

  g_assert_true (tandem_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));

  g_assert_true (titles_have (store, "Mine"));
  g_assert_true (titles_have (store, "Theirs"));
  g_clear_object (&store);
  assert_listed (path, (const char *const[]) { "Mine", "Theirs", NULL });
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_check (store, &error));
  g_assert_true (titles_have (store, "Mine"));
  g_assert_true (titles_have (store, "Theirs"));
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_transaction_excludes_local (void)
{
  transaction_excludes (TANDEM_WORKSPACE_LOCAL);
}

static void
test_transaction_excludes_shared (void)
{
  transaction_excludes (TANDEM_WORKSPACE_SHARED);
}

/* Two stores of one process on one file keep working side by side, and
 * closing one keeps the other's locks. */
static void
test_two_handles (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) first = test_create_store (dir, "two.tandem", &path);
  g_autoptr(TandemStore) second = tandem_store_open (path, &error);
  g_autoptr(TandemEntity) a = NULL, b = NULL, c = NULL;

  g_assert_no_error (error);
  a = test_add_campaign (first, "Erster");
  b = test_add_campaign (second, "Zweiter");
  g_assert_true (titles_have (first, "Zweiter"));
  g_clear_object (&second);

  g_free (tandemctl (path, "campaign", "add", "Dritter", NULL));
  c = test_add_campaign (first, "Vierter");
  assert_listed (path, (const char *const[]) { "Erster", "Zweiter", "Dritter", "Vierter", NULL });
  g_clear_object (&first);
  assert_listed (path, (const char *const[]) { "Erster", "Zweiter", "Dritter", "Vierter", NULL });
  test_remove_dir (dir);
}

/* Another program holds the shared workspace locked (BEGIN EXCLUSIVE)
 * longer than the store waits: open and writes say "busy", naming the
 * program, never "not a Tandem workspace"; once it lets go, all works. */
static void
test_busy_is_busy (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "busy.tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, TANDEM_WORKSPACE_SHARED, &error);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GOutputStream) in = NULL;
  g_autoptr(JsonObject) title = test_json ("{\"title\": \"Wartet\"}");
  sqlite3 *probe = NULL;
  int rc = SQLITE_OK;

  g_assert_no_error (error);
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "sqlite3", path, NULL);
  g_assert_no_error (error);
  in = g_object_ref (g_subprocess_get_stdin_pipe (holder));
  g_assert_true (g_output_stream_write_all (in, "BEGIN EXCLUSIVE;\nSELECT count(*) FROM meta;\n", 45, NULL,
                                            NULL, &error));
  g_assert_no_error (error);
  g_output_stream_flush (in, NULL, NULL);

  /* wait until it really holds the lock */
  g_assert_cmpint (sqlite3_open_v2 (path, &probe, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 1000 && (rc = sqlite3_exec (probe, "SELECT count(*) FROM meta", NULL, NULL, NULL)) == SQLITE_OK; i++)
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (rc, ==, SQLITE_BUSY);
  sqlite3_close (probe);

  other = tandem_store_open (path, &error);
  g_assert_null (other);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_BUSY);
  test_assert_error_mentions (error, "busy");
  test_assert_error_mentions (error, "sqlite3 (pid");
  g_clear_error (&error);

  row = tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, title, 0, &error);
  g_assert_null (row);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_BUSY);
  g_assert_cmpint (tandem_error_exit_code (error), ==, 1);
  g_clear_error (&error);

  g_assert_true (g_output_stream_write_all (in, "COMMIT;\n", 8, NULL, NULL, &error));
  g_output_stream_close (in, NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);

  other = tandem_store_open (path, &error);
  g_assert_no_error (error);
  row = test_add_campaign (store, "Jetzt");
  g_assert_true (titles_have (other, "Jetzt"));
  g_clear_object (&other);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A checkpoint that copied page 1 into the main file but could not grow
 * it (a full disk, a kill): the header then counts more pages than the
 * file has, while the WAL still holds every page. SQLite opens and reads
 * such a file at once; so must Tandem, instead of calling it damaged. */
static void
test_recoverable_file_opens (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *copy = g_build_filename (dir, "crashed.tandem", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *wal = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, "grow.tandem", &path);
  g_autoptr(GError) error = NULL;
  g_autofree char *main_bytes = NULL, *wal_bytes = NULL;
  gsize main_len = 0, wal_len = 0;
  sqlite3 *db = NULL;
  guint32 page_size;
  const guint8 *page1 = NULL;

  g_clear_object (&store);
  wal = g_strconcat (path, "-wal", NULL);

  /* a writer whose pages are all still in the WAL */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; BEGIN;"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                                 " INSERT INTO meta (key, value) SELECT 'grow-' || i, hex(randomblob(2000)) FROM n;"
                                 "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  /* what a crash leaves: the main file and the WAL, as they are now */
  g_assert_true (g_file_get_contents (path, &main_bytes, &main_len, NULL));
  g_assert_true (g_file_get_contents (wal, &wal_bytes, &wal_len, NULL));
  sqlite3_close (db);

  /* the checkpoint wrote page 1 (with the new page count) and stopped */
  page_size = be32 ((const guint8 *) wal_bytes + 8);
  for (gsize off = 32; off + 24 + page_size <= wal_len; off += 24 + page_size)
    if (be32 ((const guint8 *) wal_bytes + off) == 1)
      page1 = (const guint8 *) wal_bytes + off + 24;
  g_assert_nonnull (page1);
  g_assert_cmpuint ((guint64) be32 (page1 + 28) * page_size, >, main_len);
  memcpy (main_bytes, page1, page_size);
  g_assert_true (g_file_set_contents (copy, main_bytes, main_len, NULL));
  g_assert_true (g_file_set_contents (copy_wal, wal_bytes, wal_len, NULL));

  store = tandem_store_open (copy, &error);
  g_assert_no_error (error);
  {
    g_autofree char *value = tandem_store_get_meta (store, "grow-200");
    g_assert_nonnull (value);
  }
  g_assert_true (tandem_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  test_remove_dir (dir);
}

/* A read-only connection that opened the file first does not leave a
 * later writer of the process without write locks (a shared workspace:
 * its writers lock the file itself). */
static void
test_reader_first (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "reader.tandem", NULL);
  g_autoptr(TandemStore) made = tandem_store_create (path, TANDEM_WORKSPACE_SHARED, NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *reader;

  g_clear_object (&made);
  reader = test_open_raw (path);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT count(*) FROM campaign", NULL, NULL, NULL), ==, SQLITE_OK);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  row = test_add_campaign (store, "Nach dem Leser");
  g_free (tandemctl (path, "campaign", "add", "Von außen", NULL));
  g_assert_true (titles_have (store, "Von außen"));
  sqlite3_close (reader);
  g_clear_object (&store);
  assert_listed (path, (const char *const[]) { "Nach dem Leser", "Von außen", NULL });
  test_remove_dir (dir);
}

/* The file was read-only when the process first opened it (its lock
 * descriptor read-only too), and writable again when a writer came: the
 * writer takes its locks. Root writes through 0444: run as nobody. */
static void
test_read_only_then_writable_subprocess (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "later.tandem", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *reader;

  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");
      uid_t uid = nobody ? nobody->pw_uid : 65534;
      gid_t gid = nobody ? nobody->pw_gid : 65534;

      g_assert_cmpint (chown (dir, uid, gid), ==, 0);
      g_assert_cmpint (setgid (gid), ==, 0);
      g_assert_cmpint (setuid (uid), ==, 0);
    }
  store = tandem_store_create (path, TANDEM_WORKSPACE_SHARED, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  reader = test_open_raw (path);
  g_assert_cmpint (sqlite3_exec (reader, "SELECT count(*) FROM campaign", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_store_is_read_only (store));
  row = test_add_campaign (store, "Wieder beschreibbar");
  g_assert_true (titles_have (store, "Wieder beschreibbar"));
  sqlite3_close (reader);
  g_clear_object (&store);
  test_remove_dir (dir);
}

static void
test_read_only_then_writable (void)
{
  g_test_trap_subprocess ("/locks/read-only-then-writable/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  static const TestFunc funcs[] = {
    { "/locks/survive-other-descriptors/local", test_lock_survives_local },
    { "/locks/survive-other-descriptors/shared", test_lock_survives_shared },
    { "/locks/transaction-excludes/local", test_transaction_excludes_local },
    { "/locks/transaction-excludes/shared", test_transaction_excludes_shared },
    { "/locks/two-handles", test_two_handles },
    { "/locks/reader-first", test_reader_first },
    { "/locks/read-only-then-writable", test_read_only_then_writable },
    { "/locks/read-only-then-writable/subprocess", test_read_only_then_writable_subprocess },
    { "/locks/busy-is-busy", test_busy_is_busy },
    { "/locks/recoverable-file-opens", test_recoverable_file_opens },
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
