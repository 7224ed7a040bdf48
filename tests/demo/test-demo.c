/* test-demo.c — the demo data set on a real workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-demo"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "tandem-core.h"
#include "tandem-demo-files.h"
#include "tandem-demo-private.h"
#include "tandem-demo.h"

/* poppler-glib 22.12 (Debian 12) declares no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct
{
  char        *dir;
  TandemStore *store;
} Workspace;

static const GType *
all_types (guint *n)
{
  static GType types[7];

  types[0] = TANDEM_TYPE_PERSON;
  types[1] = TANDEM_TYPE_CAMPAIGN;
  types[2] = TANDEM_TYPE_EVENT;
  types[3] = TANDEM_TYPE_ASSET;
  types[4] = TANDEM_TYPE_ASSET_VERSION;
  types[5] = TANDEM_TYPE_COMMENT;
  types[6] = TANDEM_TYPE_DECISION;
  *n = G_N_ELEMENTS (types);
  return types;
}

static void
workspace_open (Workspace *ws)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  ws->dir = g_dir_make_tmp ("tandem-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (ws->dir, "demo.tandem", NULL);
  ws->store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ws->store);
}

static void
workspace_close (Workspace *ws)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&ws->store);
  dir = g_dir_open (ws->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (ws->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (ws->dir);
  g_clear_pointer (&ws->dir, g_free);
}

static gint64
count (TandemStore *store,
       GType        type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tandem_store_count (store, type, &error);

  g_assert_no_error (error);
  return n;
}

/* Blobs have no row API: count them through a read-only connection. */
static gint64
count_blobs (TandemStore *store)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (tandem_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM blob", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Row counts of every entity and of blobs, plus the last change seq. */
static GArray *
snapshot (TandemStore *store)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n;
  const GType *types = all_types (&n);
  gint64 seq = tandem_store_get_last_seq (store);
  gint64 blobs = count_blobs (store);

  for (guint i = 0; i < n; i++)
    {
      gint64 c = count (store, types[i]);
      g_array_append_val (out, c);
    }
  g_array_append_val (out, seq);
  g_array_append_val (out, blobs);
  return out;
}

static void
assert_same_snapshot (GArray *a,
                      GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static GPtrArray *
list (TandemStore *store,
      GType        type)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = tandem_store_list (store, type, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static GPtrArray *
list_by (TandemStore *store,
         GType        type,
         const char  *field,
         const char  *value)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = tandem_store_list_by (store, type, field, value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
populate (TandemStore *store,
          guint        seed)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok = tandem_demo_populate (store, seed, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_test_message ("tandem_demo_populate took %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* Checks */

static void
check_people (TandemStore *store,
              GHashTable  *roles)
{
  g_autoptr(GPtrArray) people = list (store, TANDEM_TYPE_PERSON);
  guint marketing = 0, sales = 0;

  g_assert_cmpuint (people->len, >=, 6);
  for (guint i = 0; i < people->len; i++)
    {
      TandemEntity *p = people->pdata[i];
      const char *role = tandem_entity_get_string (p, "role");

      marketing += g_str_equal (role, "marketing");
      sales += g_str_equal (role, "sales");
      g_hash_table_insert (roles, g_strdup (tandem_entity_get_id (p)), g_strdup (role));
    }
  g_assert_cmpuint (marketing, ==, 3);
  g_assert_cmpuint (sales, ==, 3);
}

static void
check_campaigns (TandemStore *store,
                 GHashTable  *roles)
{
  static const char * const stages[] = { "idea", "planning", "production", "review", "live", "done" };
  g_autoptr(GPtrArray) campaigns = list (store, TANDEM_TYPE_CAMPAIGN);
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *today = today_text ();
  guint per_stage[G_N_ELEMENTS (stages)] = { 0 };
  guint over_budget = 0;

  g_assert_cmpuint (campaigns->len, >=, 20);
  for (guint i = 0; i < campaigns->len; i++)
    {
      TandemEntity *c = campaigns->pdata[i];
      const char *stage = tandem_entity_get_string (c, "stage");
      const char *start = tandem_entity_get_string (c, "start");
      const char *end = tandem_entity_get_string (c, "end");
      gint64 planned = tandem_entity_get_int (c, "budget_planned_cents");
      gint64 spent = tandem_entity_get_int (c, "budget_spent_cents");
      guint s;

      for (s = 0; s < G_N_ELEMENTS (stages); s++)
        if (g_str_equal (stage, stages[s]))
          break;
      g_assert_cmpuint (s, <, G_N_ELEMENTS (stages));
      per_stage[s]++;

      /* rows come ordered by stage, then position: 1024, 2048, … per stage */
      g_assert_cmpint (tandem_entity_get_int (c, "position"), ==, 1024 * per_stage[s]);

      g_assert_cmpstr (g_hash_table_lookup (roles, tandem_entity_get_string (c, "marketing_owner")), ==, "marketing");
      g_assert_cmpstr (g_hash_table_lookup (roles, tandem_entity_get_string (c, "sales_owner")), ==, "sales");
      g_assert_cmpstr (tandem_entity_get_string (c, "currency"), ==, "EUR");
      g_assert_nonnull (tandem_entity_get_strv (c, "channels")[0]);
      g_assert_cmpstr (tandem_entity_get_string (c, "segment"), !=, "");
      g_assert_true (g_hash_table_add (colors, (gpointer) tandem_entity_get_string (c, "color")));

      g_assert_cmpint (planned, >, 0);
      if (spent > planned)
        over_budget++;

      if (g_str_equal (stage, "done"))
        {
          g_assert_nonnull (end);
          g_assert_cmpstr (end, <, today);
          g_assert_cmpint (tandem_entity_get_int (c, "leads_actual"), >, 0);
        }
      else if (g_str_equal (stage, "live"))
        {
          g_assert_cmpstr (start, <=, today);
          g_assert_cmpstr (end, >=, today);
          g_assert_cmpint (tandem_entity_get_int (c, "leads_actual"), >, 0);
        }
      else
        {
          g_assert_true (start == NULL || g_strcmp0 (start, today) > 0);
          g_assert_cmpint (tandem_entity_get_int (c, "leads_actual"), ==, 0);
        }
      if (g_str_equal (stage, "idea"))
        g_assert_cmpint (spent, ==, 0);
    }
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    g_assert_cmpuint (per_stage[s], >, 0);
  g_assert_cmpuint (over_budget, ==, 1);
}

static void
check_events (TandemStore *store,
              GHashTable  *roles)
{
  static const char * const kinds[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other" };
  g_autoptr(GPtrArray) events = list (store, TANDEM_TYPE_EVENT);
  guint per_kind[G_N_ELEMENTS (kinds)] = { 0 };
  guint joint = 0, linked = 0;

  g_assert_cmpuint (events->len, >=, 35);
  for (guint i = 0; i < events->len; i++)
    {
      TandemEntity *e = events->pdata[i];
      const char *kind = tandem_entity_get_string (e, "kind");
      const char *start = tandem_entity_get_string (e, "start");
      const char *end = tandem_entity_get_string (e, "end");

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        per_kind[k] += g_str_equal (kind, kinds[k]);
      g_assert_null (tandem_entity_get_string (e, "rrule"));
      linked += tandem_entity_get_string (e, "campaign") != NULL;

      if (tandem_entity_get_bool (e, "all_day"))
        {
          g_assert_true (tandem_parse_date (start, NULL));
          g_assert_true (tandem_parse_date (end, NULL));
          g_assert_cmpstr (end, >, start);
        }
      else
        {
          g_autoptr(GDateTime) s = tandem_parse_date_time (start, NULL);
          g_autoptr(GDateTime) en = tandem_parse_date_time (end, NULL);

          g_assert_cmpstr (tandem_entity_get_string (e, "tzid"), ==, "Europe/Berlin");
          g_assert_nonnull (s);
          g_assert_nonnull (en);
          g_assert_cmpint (g_date_time_compare (en, s), >, 0);
          /* an explicit offset, +01:00 or +02:00 in Berlin */
          g_assert_true (g_str_has_suffix (start, "+01:00") || g_str_has_suffix (start, "+02:00"));
        }

      if (g_str_equal (kind, "trade-show"))
        {
          g_assert_true (tandem_entity_get_bool (e, "all_day"));
          g_assert_cmpstr (tandem_entity_get_string (e, "location"), !=, "");
        }

      if (strstr (tandem_entity_get_string (e, "title"), "Jour fixe") != NULL)
        {
          const char * const *attendees = tandem_entity_get_strv (e, "attendees");
          gboolean m = FALSE, s = FALSE;

          for (guint a = 0; attendees[a] != NULL; a++)
            {
              m |= g_strcmp0 (g_hash_table_lookup (roles, attendees[a]), "marketing") == 0;
              s |= g_strcmp0 (g_hash_table_lookup (roles, attendees[a]), "sales") == 0;
            }
          g_assert_true (m && s);
          joint++;
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_cmpuint (per_kind[k], >, 0);
  g_assert_cmpuint (joint, >=, 4);
  g_assert_cmpuint (linked, >=, 10);
}

static GBytes *
read_blob (TandemStore *store,
           const char  *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_true (tandem_store_read_blob (store, sha256, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} PngReader;

static cairo_status_t
png_read_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
assert_pdf (GBytes *bytes,
            int     min_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 5);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, min_pages);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      /* A4, portrait or landscape */
      g_assert_cmpfloat (fabs (MIN (w, h) - 595.3), <, 1);
      g_assert_cmpfloat (fabs (MAX (w, h) - 841.9), <, 1);
      g_assert_cmpuint (strlen (text), >, 20);
    }
}

static void
assert_png (GBytes *bytes,
            int     width,
            int     height)
{
  PngReader reader = { 0 };
  cairo_surface_t *surface;

  reader.data = g_bytes_get_data (bytes, &reader.size);
  g_assert_cmpuint (reader.size, >, 8);
  g_assert_true (memcmp (reader.data, "\x89PNG\r\n\x1a\n", 8) == 0);
  surface = cairo_image_surface_create_from_png_stream (png_read_cb, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  if (width > 0)
    {
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
    }
  else
    {
      g_assert_cmpint (cairo_image_surface_get_width (surface), >=, 400);
      g_assert_cmpint (cairo_image_surface_get_height (surface), >=, 300);
    }
  cairo_surface_destroy (surface);
}

static gboolean
is_approval (const char *decision)
{
  return g_str_equal (decision, "approved") || g_str_equal (decision, "approved_with_changes");
}

static void
check_asset (TandemStore *store,
             TandemEntity *asset,
             GHashTable  *roles,
             guint       *n_pdf,
             guint       *n_png)
{
  const char *id = tandem_entity_get_id (asset);
  const char *state = tandem_entity_get_string (asset, "state");
  const char * const *reviewers = tandem_entity_get_strv (asset, "reviewers");
  gint64 current = tandem_entity_get_int (asset, "current_version");
  g_autoptr(GPtrArray) versions = list_by (store, TANDEM_TYPE_ASSET_VERSION, "asset", id);
  g_autoptr(GPtrArray) decisions = list_by (store, TANDEM_TYPE_DECISION, "asset", id);
  g_autoptr(GPtrArray) comments = list_by (store, TANDEM_TYPE_COMMENT, "asset", id);
  guint n_reviewers = g_strv_length ((char **) reviewers);
  guint approvals = 0, refusals = 0, open = 0;

  g_assert_nonnull (tandem_entity_get_string (asset, "campaign"));
  g_assert_nonnull (tandem_entity_get_string (asset, "due"));
  g_assert_cmpuint (n_reviewers, >=, 1);
  for (guint r = 0; r < n_reviewers; r++)
    g_assert_cmpstr (g_hash_table_lookup (roles, reviewers[r]), ==, "sales");

  /* versions 1…current, each a real file */
  g_assert_cmpint (current, >=, 1);
  g_assert_cmpint (current, <=, 3);
  g_assert_cmpuint (versions->len, ==, (guint) current);
  for (guint v = 0; v < versions->len; v++)
    {
      TandemEntity *version = versions->pdata[v];
      const char *mime = tandem_entity_get_string (version, "mime_type");
      const char *sha = tandem_entity_get_string (version, "sha256");
      g_autoptr(GBytes) bytes = NULL;

      g_assert_cmpint (tandem_entity_get_int (version, "number"), ==, v + 1);
      g_assert_cmpint (tandem_store_blob_size (store, sha), ==, tandem_entity_get_int (version, "size"));
      g_assert_cmpstr (g_hash_table_lookup (roles, tandem_entity_get_string (version, "uploaded_by")), ==,
                       "marketing");
      bytes = read_blob (store, sha);
      g_assert_cmpint (g_bytes_get_size (bytes), ==, tandem_entity_get_int (version, "size"));

      if (g_str_equal (mime, "application/pdf"))
        {
          g_assert_true (g_str_has_suffix (tandem_entity_get_string (version, "file_name"), ".pdf"));
          assert_pdf (bytes, 2);
          (*n_pdf)++;
        }
      else
        {
          g_assert_cmpstr (mime, ==, "image/png");
          g_assert_true (g_str_has_suffix (tandem_entity_get_string (version, "file_name"), ".png"));
          assert_png (bytes, 0, 0);
          (*n_png)++;
        }
    }

  /* decisions by assigned reviewers; those on the current version agree with the state */
  for (guint d = 0; d < decisions->len; d++)
    {
      TandemEntity *decision = decisions->pdata[d];
      const char *reviewer = tandem_entity_get_string (decision, "reviewer");

      g_assert_true (g_strv_contains (reviewers, reviewer));
      g_assert_cmpint (tandem_entity_get_int (decision, "version"), <=, current);
      if (tandem_entity_get_int (decision, "version") == current)
        {
          if (is_approval (tandem_entity_get_string (decision, "decision")))
            approvals++;
          else
            refusals++;
        }
    }
  for (guint c = 0; c < comments->len; c++)
    {
      TandemEntity *comment = comments->pdata[c];

      g_assert_cmpint (tandem_entity_get_int (comment, "version"), <=, current);
      if (tandem_entity_get_int (comment, "version") == current && !tandem_entity_get_bool (comment, "resolved"))
        open++;
    }

  if (g_str_equal (state, "draft") || g_str_equal (state, "in_review"))
    g_assert_cmpuint (approvals + refusals, ==, 0);
  else if (g_str_equal (state, "changes_requested"))
    g_assert_cmpuint (refusals, >=, 1);
  else
    {
      g_assert_cmpuint (refusals, ==, 0);
      g_assert_cmpuint (approvals, ==, n_reviewers);
      if (g_str_equal (state, "final"))
        g_assert_cmpuint (open, ==, 0);
    }
}

static void
check_assets (TandemStore *store,
              GHashTable  *roles)
{
  static const char * const states[] = { "draft", "in_review", "changes_requested", "approved", "final" };
  g_autoptr(GPtrArray) assets = list (store, TANDEM_TYPE_ASSET);
  guint per_state[G_N_ELEMENTS (states)] = { 0 };
  guint n_pdf = 0, n_png = 0;

  g_assert_cmpuint (assets->len, >=, 10);
  for (guint i = 0; i < assets->len; i++)
    {
      const char *state = tandem_entity_get_string (assets->pdata[i], "state");

      for (guint s = 0; s < G_N_ELEMENTS (states); s++)
        per_state[s] += g_str_equal (state, states[s]);
      check_asset (store, assets->pdata[i], roles, &n_pdf, &n_png);
    }
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    g_assert_cmpuint (per_state[s], >, 0);
  g_assert_cmpuint (n_pdf, >=, 10);
  g_assert_cmpuint (n_png, >=, 2);
  g_assert_cmpint (count (store, TANDEM_TYPE_ASSET_VERSION), ==, n_pdf + n_png);
  g_assert_cmpint (count_blobs (store), ==, n_pdf + n_png);  /* every version a different file */
}

static void
check_comments (TandemStore *store,
                GHashTable  *roles)
{
  g_autoptr(GPtrArray) comments = list (store, TANDEM_TYPE_COMMENT);
  guint pinned = 0, regions = 0, replies = 0, resolved = 0, by_sales = 0;

  g_assert_cmpuint (comments->len, >=, 25);
  for (guint i = 0; i < comments->len; i++)
    {
      TandemEntity *c = comments->pdata[i];
      gint64 page = tandem_entity_get_int (c, "page");
      double w = tandem_entity_get_double (c, "w");

      if (page >= 1)
        {
          double x = tandem_entity_get_double (c, "x");
          double y = tandem_entity_get_double (c, "y");

          pinned++;
          g_assert_true (x >= 0 && x <= 1 && y >= 0 && y <= 1);
          if (w == w)
            {
              regions++;
              g_assert_cmpfloat (x + w, <=, 1.0);
              g_assert_cmpfloat (y + tandem_entity_get_double (c, "h"), <=, 1.0);
            }
        }
      if (tandem_entity_get_string (c, "parent") != NULL)
        replies++;
      if (tandem_entity_get_bool (c, "resolved"))
        {
          resolved++;
          g_assert_nonnull (tandem_entity_get_string (c, "resolved_by"));
          g_assert_true (g_str_has_suffix (tandem_entity_get_string (c, "resolved_at"), "Z"));
        }
      by_sales += g_strcmp0 (g_hash_table_lookup (roles, tandem_entity_get_string (c, "author")), "sales") == 0;
    }
  g_assert_cmpuint (pinned, >=, 15);
  g_assert_cmpuint (regions, >=, 5);
  g_assert_cmpuint (replies, >=, 5);
  g_assert_cmpuint (resolved, >=, 5);
  g_assert_cmpuint (by_sales * 2, >, comments->len);
  g_assert_cmpint (count (store, TANDEM_TYPE_DECISION), >=, 10);
}

/* Tests */

static void
test_populate (void)
{
  Workspace ws = { 0 };
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  workspace_open (&ws);
  populate (ws.store, 1);

  check_people (ws.store, roles);
  check_campaigns (ws.store, roles);
  check_events (ws.store, roles);
  check_assets (ws.store, roles);
  check_comments (ws.store, roles);

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (tandem_store_check (ws.store, &error));
    g_assert_no_error (error);
  }
  workspace_close (&ws);
}

static GPtrArray *
campaign_facts (TandemStore *store)
{
  g_autoptr(GPtrArray) campaigns = list (store, TANDEM_TYPE_CAMPAIGN);
  GPtrArray *facts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < campaigns->len; i++)
    g_ptr_array_add (facts, g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                                             tandem_entity_get_string (campaigns->pdata[i], "title"),
                                             tandem_entity_get_int (campaigns->pdata[i], "budget_planned_cents"),
                                             tandem_entity_get_int (campaigns->pdata[i], "budget_spent_cents"),
                                             tandem_entity_get_int (campaigns->pdata[i], "leads_target")));
  return facts;
}

static void
test_seed (void)
{
  Workspace a = { 0 }, b = { 0 }, c = { 0 };
  g_autoptr(GPtrArray) fa = NULL;
  g_autoptr(GPtrArray) fb = NULL;
  g_autoptr(GPtrArray) fc = NULL;
  guint differ = 0;

  workspace_open (&a);
  workspace_open (&b);
  workspace_open (&c);
  populate (a.store, 42);
  populate (b.store, 42);
  populate (c.store, 43);
  fa = campaign_facts (a.store);
  fb = campaign_facts (b.store);
  fc = campaign_facts (c.store);

  g_assert_cmpuint (fa->len, ==, fb->len);
  g_assert_cmpuint (fa->len, ==, fc->len);
  for (guint i = 0; i < fa->len; i++)
    {
      g_assert_cmpstr (fa->pdata[i], ==, fb->pdata[i]);
      differ += g_strcmp0 (fa->pdata[i], fc->pdata[i]) != 0;
    }
  g_assert_cmpuint (differ, >, fa->len / 2);

  /* the same seed draws the same files: the same blobs */
  {
    g_autoptr(GPtrArray) va = list (a.store, TANDEM_TYPE_ASSET_VERSION);
    g_autoptr(GPtrArray) vb = list (b.store, TANDEM_TYPE_ASSET_VERSION);
    g_autoptr(GHashTable) shas = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_cmpuint (va->len, ==, vb->len);
    for (guint i = 0; i < va->len; i++)
      g_hash_table_add (shas, (gpointer) tandem_entity_get_string (va->pdata[i], "sha256"));
    for (guint i = 0; i < vb->len; i++)
      g_assert_true (g_hash_table_contains (shas, tandem_entity_get_string (vb->pdata[i], "sha256")));
  }

  workspace_close (&a);
  workspace_close (&b);
  workspace_close (&c);
}

/* A second run refuses and leaves the workspace as it was. */
static void
test_twice (void)
{
  Workspace ws = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  workspace_open (&ws);
  populate (ws.store, 1);
  before = snapshot (ws.store);

  g_assert_false (tandem_demo_populate (ws.store, 2, NULL, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS);
  after = snapshot (ws.store);
  assert_same_snapshot (before, after);

  /* the store is usable afterwards: no transaction was left open */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(TandemEntity) person = NULL;
    g_autoptr(GError) local = NULL;

    json_object_set_string_member (fields, "name", "Markus Neumann");
    person = tandem_store_insert (ws.store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &local);
    g_assert_no_error (local);
    g_assert_nonnull (person);
  }
  workspace_close (&ws);
}

static void
cancel_at_step (const char *step,
                gpointer    user_data)
{
  GCancellable *cancellable = user_data;
  const char *wanted = g_object_get_data (G_OBJECT (cancellable), "step");

  if (g_str_equal (step, wanted))
    g_cancellable_cancel (cancellable);
}

static void
assert_cancel_at (const char *step)
{
  Workspace ws = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  workspace_open (&ws);
  {
    /* some data of the user's own, which must survive */
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(TandemEntity) person = NULL;

    json_object_set_string_member (fields, "name", "Markus Neumann");
    json_object_set_string_member (fields, "role", "sales");
    person = tandem_store_insert (ws.store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
  }
  before = snapshot (ws.store);

  g_object_set_data_full (G_OBJECT (cancellable), "step", g_strdup (step), g_free);
  _tandem_demo_set_step_func (cancel_at_step, cancellable);
  g_assert_false (tandem_demo_populate (ws.store, 1, cancellable, &error));
  _tandem_demo_set_step_func (NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = snapshot (ws.store);
  assert_same_snapshot (before, after);
  g_assert_cmpint (count (ws.store, TANDEM_TYPE_PERSON), ==, 1);

  /* and a later run succeeds */
  populate (ws.store, 1);
  g_assert_cmpint (count (ws.store, TANDEM_TYPE_PERSON), ==, 8);
  workspace_close (&ws);
}

static void
test_cancel (void)
{
  Workspace ws = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  /* cancelled before it starts */
  workspace_open (&ws);
  before = snapshot (ws.store);
  g_cancellable_cancel (cancellable);
  g_assert_false (tandem_demo_populate (ws.store, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = snapshot (ws.store);
  assert_same_snapshot (before, after);
  workspace_close (&ws);

  /* cancelled inside the transaction, after people, campaigns and events
   * were written, and at its very end */
  assert_cancel_at ("assets");
  assert_cancel_at ("decisions");
  assert_cancel_at ("commit");
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = tandem_demo_render_pdf ("Testbroschüre", 7, 5, &error);
  g_autoptr(GBytes) b = tandem_demo_render_pdf ("Testbroschüre", 7, 5, &error);
  g_autoptr(GBytes) png = tandem_demo_render_png ("LinkedIn-Post", "Untertitel", 1200, 628, 5, &error);
  g_autoptr(GBytes) square = tandem_demo_render_png ("Quadrat", NULL, 1080, 1080, 6, &error);
  TandemDemoDocument doc = {
    .title = "Präsentation",
    .layout = TANDEM_DEMO_LAYOUT_SLIDES,
    .n_pages = 4,
    .seed = 3,
  };
  g_autoptr(GBytes) slides = tandem_demo_render_document (&doc, &error);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  assert_pdf (a, 7);
  assert_pdf (slides, 4);
  g_assert_true (g_bytes_equal (a, b));
  assert_png (png, 1200, 628);
  assert_png (square, 1080, 1080);

  pdf = poppler_document_new_from_bytes (a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 7);
  title = poppler_document_get_title (pdf);
  g_assert_cmpstr (title, ==, "Testbroschüre");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/files", test_files);
  g_test_add_func ("/demo/populate", test_populate);
  g_test_add_func ("/demo/seed", test_seed);
  g_test_add_func ("/demo/twice", test_twice);
  g_test_add_func ("/demo/cancel", test_cancel);

  return g_test_run ();
}
