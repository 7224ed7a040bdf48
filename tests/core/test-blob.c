/* test-blob.c — content-addressed blobs streamed in chunks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-blob"

#include <glib/gstdio.h>

#include "tandem-test-util.h"

#define BIG_SIZE  (20 * 1024 * 1024 + 12345)
#define PIECE     (1024 * 1024)

typedef struct
{
  char        *dir;
  char        *path;
  TandemStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = test_make_dir ();
  fixture->store = test_create_store (fixture->dir, "blobs.tandem", &fixture->path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Deterministic, incompressible-looking bytes */
static guint8 *
make_data (gsize  size,
           guint  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size);
  gsize i = 0;

  for (; i + 4 <= size; i += 4)
    {
      guint32 v = g_rand_int (rand);
      memcpy (data + i, &v, 4);
    }
  for (; i < size; i++)
    data[i] = (guint8) g_rand_int (rand);
  return data;
}

/* A stream that hands out @data in 1 MB pieces */
static GInputStream *
chunked_stream (const guint8 *data,
                gsize         size)
{
  GInputStream *stream = g_memory_input_stream_new ();

  for (gsize offset = 0; offset < size; offset += PIECE)
    g_memory_input_stream_add_data (G_MEMORY_INPUT_STREAM (stream), data + offset,
                                    MIN (PIECE, size - offset), NULL);
  return stream;
}

static char *
read_back_sha256 (TandemStore *store,
                  const char  *sha,
                  gsize       *out_size)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (tandem_store_read_blob (store, sha, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  *out_size = g_bytes_get_size (bytes);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gint64
count_blobs (Fixture *fixture)
{
  return test_raw_count (fixture->path, "SELECT count(*) FROM blob");
}

static void
test_big_blob (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree guint8 *data = make_data (BIG_SIZE, 7);
  g_autofree char *expect = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, BIG_SIZE);
  g_autoptr(GInputStream) stream = chunked_stream (data, BIG_SIZE);
  g_autoptr(GInputStream) again = chunked_stream (data, BIG_SIZE);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sha2 = NULL;
  g_autofree char *got = NULL;
  gsize size = 0;

  sha = tandem_store_put_blob (fixture->store, stream, BIG_SIZE, "application/pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expect);
  g_assert_cmpint (tandem_store_blob_size (fixture->store, sha), ==, BIG_SIZE);

  got = read_back_sha256 (fixture->store, sha, &size);
  g_assert_cmpuint (size, ==, BIG_SIZE);
  g_assert_cmpstr (got, ==, expect);

  /* the same content again: one blob */
  sha2 = tandem_store_put_blob (fixture->store, again, BIG_SIZE, "application/pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha2, ==, sha);
  g_assert_cmpint (count_blobs (fixture), ==, 1);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM blob WHERE sha256 LIKE 'partial-%'"), ==, 0);
}

static void
test_empty_and_small (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GInputStream) empty = g_memory_input_stream_new ();
  g_autoptr(GInputStream) small = g_memory_input_stream_new_from_data ("Hallo, Welt", 11, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha_empty = NULL;
  g_autofree char *sha_small = NULL;
  g_autofree char *got = NULL;
  gsize size = 42;

  sha_empty = tandem_store_put_blob (fixture->store, empty, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha_empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  got = read_back_sha256 (fixture->store, sha_empty, &size);
  g_assert_cmpuint (size, ==, 0);
  g_clear_pointer (&got, g_free);

  sha_small = tandem_store_put_blob (fixture->store, small, 11, "text/plain", NULL, &error);
  g_assert_no_error (error);
  got = read_back_sha256 (fixture->store, sha_small, &size);
  g_assert_cmpuint (size, ==, 11);
  g_assert_cmpstr (got, ==, sha_small);
  g_assert_cmpint (count_blobs (fixture), ==, 2);

  /* an unknown blob */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_assert_false (tandem_store_read_blob (fixture->store, "0000", out, NULL, &error));
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  }
  g_assert_cmpint (tandem_store_blob_size (fixture->store, "0000"), ==, -1);
}

static void
assert_size_refused (Fixture *fixture,
                     gsize    real,
                     gint64   declared,
                     const char *needle)
{
  g_autofree guint8 *data = make_data (real, 11);
  g_autoptr(GInputStream) stream = chunked_stream (data, real);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  gint64 seq = tandem_store_get_last_seq (fixture->store);
  gint64 before = count_blobs (fixture);

  sha = tandem_store_put_blob (fixture->store, stream, declared, NULL, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, needle);
  g_assert_cmpint (count_blobs (fixture), ==, before);
  g_assert_cmpint (tandem_store_get_last_seq (fixture->store), ==, seq);
}

static void
test_size_mismatch (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* shorter than declared, in the middle of a chunk and at a chunk edge */
  assert_size_refused (fixture, 3 * PIECE + 100, 3 * PIECE + 101, "ended");
  assert_size_refused (fixture, 2 * PIECE, 4 * PIECE, "ended");
  assert_size_refused (fixture, 0, 10, "ended");
  /* longer than declared */
  assert_size_refused (fixture, 3 * PIECE + 100, 3 * PIECE + 99, "longer");
  assert_size_refused (fixture, 10, 0, "longer");
  g_assert_cmpint (count_blobs (fixture), ==, 0);
}

static void
test_put_file (Fixture       *fixture,
               gconstpointer  user_data)
{
  gsize size = 2 * PIECE + 3;
  g_autofree guint8 *data = make_data (size, 3);
  g_autofree char *file_path = g_build_filename (fixture->dir, "brochure.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *expect = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  gint64 out_size = 0;

  g_assert_true (g_file_set_contents (file_path, (const char *) data, size, NULL));

  /* over the limit: refused before reading, nothing stored */
  sha = tandem_store_put_file (fixture->store, file, PIECE, &out_size, &mime, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "too large");
  g_clear_error (&error);
  g_assert_null (mime);
  g_assert_cmpint (count_blobs (fixture), ==, 0);

  /* a folder is not a file */
  sha = tandem_store_put_file (fixture->store, folder, 0, NULL, NULL, NULL, &error);
  g_assert_null (sha);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);

  /* exactly at the limit: stored */
  sha = tandem_store_put_file (fixture->store, file, size, &out_size, &mime, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expect);
  g_assert_cmpint (out_size, ==, size);
  g_assert_nonnull (mime);
  g_assert_cmpint (count_blobs (fixture), ==, 1);
}

/* A stream that cannot seek (a pipe, a network upload) is read twice too:
 * through a temporary copy */
static void
test_unseekable_stream (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gsize size = 3 * PIECE + 17;
  g_autofree guint8 *data = make_data (size, 7);
  g_autofree char *file_path = g_build_filename (fixture->dir, "upload.bin", NULL);
  g_autofree char *expect = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  g_autoptr(GSubprocess) cat = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *back = NULL;
  GInputStream *pipe;
  gsize back_size = 0;

  g_assert_true (g_file_set_contents (file_path, (const char *) data, size, NULL));
  cat = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "cat", file_path, NULL);
  g_assert_no_error (error);
  pipe = g_subprocess_get_stdout_pipe (cat);
  g_assert_false (G_IS_SEEKABLE (pipe) && g_seekable_can_seek (G_SEEKABLE (pipe)));

  sha = tandem_store_put_blob (fixture->store, pipe, size, "application/octet-stream", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expect);
  back = read_back_sha256 (fixture->store, sha, &back_size);
  g_assert_cmpstr (back, ==, expect);
  g_assert_cmpuint (back_size, ==, size);
  g_assert_true (g_subprocess_wait_check (cat, NULL, &error));
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A real one-page PDF that carries @size random bytes in a stream of its
 * own: the review rules take it, and it is as large and as incompressible
 * as the data (xref offsets exact) */
static GBytes *
make_pdf (gsize size,
          guint seed)
{
  g_autofree guint8 *data = make_data (size, seed);
  GByteArray *pdf = g_byte_array_new ();
  g_autoptr(GString) tail = g_string_new (NULL);
  gsize offsets[5];
  g_autofree char *head = NULL;

#define APPEND(text) g_byte_array_append (pdf, (const guint8 *) (text), strlen (text))
  APPEND ("%PDF-1.4\n");
  offsets[0] = pdf->len;
  APPEND ("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[1] = pdf->len;
  APPEND ("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[2] = pdf->len;
  APPEND ("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n");
  offsets[3] = pdf->len;
  head = g_strdup_printf ("4 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n", size);
  APPEND (head);
  g_byte_array_append (pdf, data, size);
  APPEND ("\nendstream\nendobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (tail, "xref\n0 5\n0000000000 65535 f \n");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (tail, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (tail, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          offsets[4]);
  APPEND (tail->str);
#undef APPEND
  return g_byte_array_free_to_bytes (pdf);
}

static TandemEntity *
add_asset (Fixture     *fixture,
           const char  *campaign,
           const char  *file_path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "campaign", campaign);
  return tandem_review_add_asset (fixture->store, fields, file, NULL, NULL, 0, NULL, error);
}

/* The bytes and the rows that reference them commit together: a refused
 * asset leaves no blob behind. */
static void
test_asset_rows_and_blob_together (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GBytes) pdf = make_pdf (3 * PIECE, 5);
  g_autofree char *file_path = g_build_filename (fixture->dir, "Flyer.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) asset = NULL;
  g_autofree char *missing = g_uuid_string_random ();

  g_assert_true (g_file_set_contents (file_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  asset = add_asset (fixture, missing, file_path, &error);
  g_assert_null (asset);
  g_assert_nonnull (error);
  g_assert_cmpint (count_blobs (fixture), ==, 0);
  g_assert_cmpint (test_raw_count (fixture->path, "SELECT count(*) FROM asset"), ==, 0);
}

/* A stored file takes its own size in the workspace, once, however often
 * it is added. */
static void
test_blob_not_doubled (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GBytes) pdf = make_pdf (8 * PIECE, 6);
  gsize size = g_bytes_get_size (pdf);
  g_autofree char *file_path = g_build_filename (fixture->dir, "Katalog.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) campaign = test_add_campaign (fixture->store, "Katalog 2027");
  g_autoptr(TandemEntity) first = NULL;
  g_autoptr(TandemEntity) second = NULL;
  gint64 empty, once;

  g_assert_true (g_file_set_contents (file_path, g_bytes_get_data (pdf, NULL), size, NULL));
  g_clear_object (&fixture->store);
  empty = file_size (fixture->path);

  fixture->store = tandem_store_open (fixture->path, &error);
  g_assert_no_error (error);
  first = add_asset (fixture, tandem_entity_get_id (campaign), file_path, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);  /* checkpoints the WAL into the file */
  once = file_size (fixture->path);
  g_assert_cmpint (once - empty, >=, (gint64) size);
  g_assert_cmpint (once - empty, <, (gint64) size + (gint64) size / 20);

  fixture->store = tandem_store_open (fixture->path, &error);
  g_assert_no_error (error);
  second = add_asset (fixture, tandem_entity_get_id (campaign), file_path, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  g_assert_cmpint (file_size (fixture->path) - once, <, 64 * 1024);
  g_assert_cmpint (count_blobs (fixture), ==, 1);
  fixture->store = tandem_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/blob/big", test_big_blob);
  ADD ("/blob/empty-and-small", test_empty_and_small);
  ADD ("/blob/size-mismatch", test_size_mismatch);
  ADD ("/blob/put-file", test_put_file);
  ADD ("/blob/asset-rows-and-blob-together", test_asset_rows_and_blob_together);
  ADD ("/blob/not-doubled", test_blob_not_doubled);
  ADD ("/blob/unseekable-stream", test_unseekable_stream);
#undef ADD

  return g_test_run ();
}
