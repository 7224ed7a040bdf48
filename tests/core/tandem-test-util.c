/* tandem-test-util.c — shared helpers of the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-test"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tandem-test-util.h"

void
test_init (int    *argc,
           char ***argv)
{
  /* LC_ALL=C.UTF-8 from the test environment, for the locale tests */
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
}

/* Registers plain test functions and runs them */
int
test_run_funcs (int             *argc,
                char          ***argv,
                const TestFunc  *funcs,
                guint            n_funcs)
{
  test_init (argc, argv);
  for (guint i = 0; i < n_funcs; i++)
    g_test_add_func (funcs[i].path, funcs[i].func);
  return g_test_run ();
}

char *
test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tandem-core-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  /* tests make their files writable again before they end */
  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

TandemStore *
test_create_store (const char  *dir,
                   const char  *name,
                   char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TandemStore *store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

char *
test_sha256_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

void
test_fingerprint (const char      *path,
                  TestFingerprint *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info =
    g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                       G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, G_FILE_QUERY_INFO_NONE, NULL, &error);

  g_assert_no_error (error);
  out->sha256 = test_sha256_file (path);
  out->size = g_file_info_get_size (info);
  out->mtime_usec = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                    g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

void
test_fingerprint_clear (TestFingerprint *fp)
{
  g_clear_pointer (&fp->sha256, g_free);
}

/* No journal, WAL or shared-memory file appeared beside @path */
void
test_assert_no_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s appeared beside a refused file", side);
    }
}

void
test_assert_unchanged (const char      *path,
                       TestFingerprint *before)
{
  TestFingerprint after = { 0 };

  test_fingerprint (path, &after);
  g_assert_cmpstr (after.sha256, ==, before->sha256);
  g_assert_cmpint (after.size, ==, before->size);
  g_assert_cmpint (after.mtime_usec, ==, before->mtime_usec);
  test_fingerprint_clear (&after);
  test_assert_no_side_files (path);
}

JsonObject *
test_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

TandemEntity *
test_insert (TandemStore *store,
             GType        type,
             JsonObject  *fields)
{
  g_autoptr(GError) error = NULL;
  TandemEntity *row = tandem_store_insert (store, type, fields, TANDEM_WRITE_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

TandemEntity *
test_add_campaign (TandemStore *store,
                   const char  *title)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "title", title);
  return test_insert (store, TANDEM_TYPE_CAMPAIGN, fields);
}

TandemEntity *
test_update (TandemStore *store,
             GType        type,
             const char  *id,
             gint64       base_rev,
             JsonObject  *patch)
{
  g_autoptr(GError) error = NULL;
  TandemEntity *row = tandem_store_update (store, type, id, base_rev, patch, TANDEM_WRITE_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
  return row;
}

/* A second, read-only connection that does not go through the store */
sqlite3 *
test_open_raw (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot open %s read-only: %s", path, sqlite3_errstr (rc));
  return db;
}

gint64
test_raw_count (const char *path,
                const char *sql)
{
  sqlite3 *db = test_open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

void
test_assert_error_mentions (const GError *error,
                            const char   *needle)
{
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("error “%s” does not mention “%s”", error->message, needle);
}
