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
#include <string.h>

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
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
