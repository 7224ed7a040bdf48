/* bench-core.c — the core benchmark of issue 2 ("Speed")
 *
 * Generates (or reuses) a workspace of 10,000 campaigns, 50,000 events and
 * 100,000 comments through the store API, then measures in a fresh child
 * process (this binary re-executed with --measure PATH):
 *
 *   - open + load all campaigns into a TandemEntityList (target ≤ 150 ms)
 *   - one campaign update with its change_log entry (median ≤ 2 ms)
 *   - tandem_board_move_campaign (median ≤ 5 ms, issue 3)
 *   - memory after load: VmRSS and its increase over the baseline (≤ 60 MB)
 *
 * Run by hand (see README.md); `meson test -C _build --benchmark` runs it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-core"

#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tandem-core.h"

/* Targets (issue 2 "Speed", issue 3 for the board move) */
#define TARGET_LOAD_MS     150.0
#define TARGET_UPDATE_MS     2.0
#define TARGET_MOVE_MS       5.0
#define TARGET_MEMORY_MB    60.0

static int opt_campaigns = 10000;
static int opt_events = 50000;
static int opt_comments = 100000;
static int opt_batch = 5000;
static int opt_updates = 200;
static int opt_runs = 1;
static char *opt_workspace = NULL;
static char *opt_measure = NULL;
static gboolean opt_cold = FALSE;
static gboolean opt_keep = FALSE;
static gboolean opt_strict = FALSE;
static gboolean opt_generate_only = FALSE;

static const GOptionEntry options[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &opt_workspace,
    "Workspace to reuse, or to generate when it does not exist (default: a temporary file)", "PATH" },
  { "campaigns", 0, 0, G_OPTION_ARG_INT, &opt_campaigns, "Campaigns to generate (10000)", "N" },
  { "events", 0, 0, G_OPTION_ARG_INT, &opt_events, "Events to generate (50000)", "N" },
  { "comments", 0, 0, G_OPTION_ARG_INT, &opt_comments, "Comments to generate (100000)", "N" },
  { "batch", 0, 0, G_OPTION_ARG_INT, &opt_batch, "Rows per transaction while generating (5000)", "N" },
  { "updates", 0, 0, G_OPTION_ARG_INT, &opt_updates, "Updates and moves to time (200)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Measuring processes to run one after the other (1)", "N" },
  { "cold", 0, 0, G_OPTION_ARG_NONE, &opt_cold,
    "Evict the workspace from the page cache before measuring (posix_fadvise)", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep a generated temporary workspace", NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "Exit with status 1 when a target is missed", NULL },
  { "generate-only", 0, 0, G_OPTION_ARG_NONE, &opt_generate_only, "Generate, do not measure", NULL },
  { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_measure,
    "Measure PATH in this process (used by the parent)", "PATH" },
  { NULL }
};

/* Helpers */

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"), -1 if unknown. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gint64
status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL) ||
      (p = strstr (contents, key)) == NULL)
    return -1;
  return g_ascii_strtoll (p + strlen (key), NULL, 10);
}

static double
mb (gint64 bytes)
{
  return bytes / (1024.0 * 1024.0);
}

static gint64
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) (info.uordblks + info.hblkhd);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Percentile @p (0–100) of @n sorted values, nearest rank. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank = (guint) ceil (p / 100.0 * n);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static gboolean all_ok = TRUE;

static void
report (const char *what,
        double      value,
        const char *unit,
        double      target)
{
  gboolean ok = value <= target;

  all_ok &= ok;
  g_print ("%-44s %9.2f %s (target <= %g %s) %s\n", what, value, unit, target, unit, ok ? "ok" : "OVER");
}

static void
info (const char *what,
      double      value,
      const char *unit)
{
  g_print ("%-44s %9.2f %s\n", what, value, unit);
}

static void
check (gpointer      result,
       const char   *what,
       GError       *error)
{
  if (result == NULL)
    g_error ("%s: %s", what, error ? error->message : "failed");
}

/* Generation */

typedef struct
{
  TandemStore *store;
  guint        in_batch;
  double       started;
} Generator;

static void
batch_step (Generator *gen)
{
  g_autoptr(GError) error = NULL;

  if (++gen->in_batch < (guint) opt_batch)
    return;
  if (!tandem_store_commit (gen->store, &error) || !tandem_store_begin (gen->store, &error))
    g_error ("batch: %s", error->message);
  gen->in_batch = 0;
}

/* Inserts one row of @type from @fields (consumed) and returns its id. */
static char *
insert (Generator        *gen,
        GType             type,
        JsonObject       *fields,
        TandemWriteFlags  flags)
{
  g_autoptr(JsonObject) owned = fields;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) row = tandem_store_insert (gen->store, type, owned, flags, &error);

  check (row, g_type_name (type), error);
  batch_step (gen);
  return g_strdup (tandem_entity_get_id (row));
}

static JsonArray *
string_array (const char *first,
              ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);
  return array;
}

static void
phase_done (Generator  *gen,
            const char *what,
            int         n,
            double      started)
{
  g_autoptr(GError) error = NULL;
  double ms;

  /* finish the batch so each phase's time includes its commits */
  if (!tandem_store_commit (gen->store, &error) || !tandem_store_begin (gen->store, &error))
    g_error ("commit: %s", error->message);
  gen->in_batch = 0;
  ms = now_ms () - started;
  g_print ("  %-12s %7d rows in %8.0f ms (%6.0f rows/s)\n", what, n, ms, n / (ms / 1000.0));
}

static void
generate (const char *path)
{
  static const char * const stages[] = { "idea", "planning", "production", "review", "live", "done" };
  static const char * const channels[] = { "email", "web", "events", "social", "print", "partner" };
  static const char * const segments[] = { "Mittelstand", "Enterprise", "Public sector", "Retail" };
  static const char * const kinds[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other" };
  static const char blob_bytes[] = "%PDF-1.4\n% bench placeholder\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GPtrArray) parents = NULL;
  Generator gen = { 0 };
  gint64 stage_count[G_N_ELEMENTS (stages)] = { 0 };
  int n_people = 20;
  int n_assets = MAX (1, opt_campaigns / 2);
  double started = now_ms ();
  double t;

  g_print ("generating %s: %d campaigns, %d events, %d comments (%d rows per transaction)\n",
           path, opt_campaigns, opt_events, opt_comments, opt_batch);

  gen.store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  check (gen.store, "create", error);

  stream = g_memory_input_stream_new_from_data (blob_bytes, sizeof blob_bytes - 1, NULL);
  sha256 = tandem_store_put_blob (gen.store, stream, sizeof blob_bytes - 1, "application/pdf", NULL, &error);
  check (sha256, "blob", error);

  if (!tandem_store_begin (gen.store, &error))
    g_error ("begin: %s", error->message);

  t = now_ms ();
  for (int i = 0; i < n_people; i++)
    {
      JsonObject *o = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Person %02d", i);
      g_autofree char *email = g_strdup_printf ("person%02d@example.com", i);

      json_object_set_string_member (o, "name", name);
      json_object_set_string_member (o, "role", i % 2 ? "sales" : "marketing");
      json_object_set_string_member (o, "email", email);
      g_ptr_array_add (people, insert (&gen, TANDEM_TYPE_PERSON, o, TANDEM_WRITE_DEFAULT));
    }
  phase_done (&gen, "people", n_people, t);

  t = now_ms ();
  for (int i = 0; i < opt_campaigns; i++)
    {
      JsonObject *o = json_object_new ();
      guint s = i % G_N_ELEMENTS (stages);
      g_autofree char *title = g_strdup_printf ("Campaign %05d – Frühjahrsaktion", i);
      g_autofree char *start = g_strdup_printf ("2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
      g_autofree char *end = g_strdup_printf ("2027-%02d-%02d", 1 + i % 12, 1 + i % 28);

      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "description",
                                     "Joint campaign of marketing and sales.\nGoals, audience and budget are agreed in the weekly meeting.");
      json_object_set_string_member (o, "stage", stages[s]);
      json_object_set_string_member (o, "start", start);
      json_object_set_string_member (o, "end", end);
      json_object_set_string_member (o, "marketing_owner", people->pdata[(2 * i) % n_people]);
      json_object_set_string_member (o, "sales_owner", people->pdata[(2 * i + 1) % n_people]);
      json_object_set_array_member (o, "channels",
                                    string_array (channels[i % 6], channels[(i + 2) % 6], NULL));
      json_object_set_string_member (o, "segment", segments[i % G_N_ELEMENTS (segments)]);
      json_object_set_int_member (o, "budget_planned_cents", 1000000 + i * 100);
      json_object_set_int_member (o, "budget_spent_cents", 250000 + i * 10);
      json_object_set_int_member (o, "leads_target", 100 + i % 400);
      json_object_set_int_member (o, "leads_actual", i % 300);
      json_object_set_int_member (o, "qualified_leads_target", 40);
      json_object_set_int_member (o, "pipeline_target_cents", 50000000);
      json_object_set_int_member (o, "revenue_target_cents", 20000000);
      json_object_set_int_member (o, "traffic_target", 10000);
      json_object_set_int_member (o, "conversion_target_bp", 250);
      json_object_set_int_member (o, "position", (++stage_count[s]) * TANDEM_BOARD_POSITION_STEP);
      json_object_set_string_member (o, "created_by", people->pdata[i % n_people]);
      g_ptr_array_add (campaigns, insert (&gen, TANDEM_TYPE_CAMPAIGN, o, TANDEM_WRITE_DEFAULT));
    }
  phase_done (&gen, "campaigns", opt_campaigns, t);

  t = now_ms ();
  for (int i = 0; i < opt_events; i++)
    {
      JsonObject *o = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Event %05d", i);
      gboolean all_day = i % 4 == 0;
      int month = 1 + i % 12, day = 1 + i % 28, hour = 8 + i % 9;

      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "kind", kinds[i % G_N_ELEMENTS (kinds)]);
      json_object_set_boolean_member (o, "all_day", all_day);
      if (all_day)
        {
          g_autofree char *start = g_strdup_printf ("2026-%02d-%02d", month, day);
          g_autofree char *end = g_strdup_printf ("2026-%02d-%02d", month, day + 1);
          json_object_set_string_member (o, "start", start);
          json_object_set_string_member (o, "end", end);
        }
      else
        {
          g_autofree char *start = g_strdup_printf ("2026-%02d-%02dT%02d:00:00+01:00", month, day, hour);
          g_autofree char *end = g_strdup_printf ("2026-%02d-%02dT%02d:30:00+01:00", month, day, hour + 1);
          json_object_set_string_member (o, "start", start);
          json_object_set_string_member (o, "end", end);
          json_object_set_string_member (o, "tzid", "Europe/Berlin");
        }
      json_object_set_string_member (o, "location", "Besprechungsraum 2");
      json_object_set_array_member (o, "attendees",
                                    string_array (people->pdata[i % n_people],
                                                  people->pdata[(i + 1) % n_people], NULL));
      json_object_set_string_member (o, "notes", "Agenda: pipeline review, next steps.");
      if (opt_campaigns > 0)
        json_object_set_string_member (o, "campaign", campaigns->pdata[i % opt_campaigns]);
      json_object_set_string_member (o, "created_by", people->pdata[i % n_people]);
      g_free (insert (&gen, TANDEM_TYPE_EVENT, o, TANDEM_WRITE_DEFAULT));
    }
  phase_done (&gen, "events", opt_events, t);

  t = now_ms ();
  for (int i = 0; i < n_assets && opt_campaigns > 0; i++)
    {
      JsonObject *o = json_object_new ();
      JsonObject *v = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Brochure %05d", i);
      g_autofree char *asset = NULL;

      json_object_set_string_member (o, "campaign", campaigns->pdata[(2 * i) % opt_campaigns]);
      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "kind", "brochure");
      json_object_set_string_member (o, "state", "in_review");
      json_object_set_array_member (o, "reviewers",
                                    string_array (people->pdata[(i * 2 + 1) % n_people], NULL));
      json_object_set_int_member (o, "current_version", 1);
      json_object_set_string_member (o, "created_by", people->pdata[(i * 2) % n_people]);
      asset = insert (&gen, TANDEM_TYPE_ASSET, o, TANDEM_WRITE_MANAGED);

      json_object_set_string_member (v, "asset", asset);
      json_object_set_int_member (v, "number", 1);
      json_object_set_string_member (v, "sha256", sha256);
      json_object_set_string_member (v, "file_name", "brochure.pdf");
      json_object_set_string_member (v, "mime_type", "application/pdf");
      json_object_set_int_member (v, "size", sizeof blob_bytes - 1);
      json_object_set_string_member (v, "uploaded_by", people->pdata[(i * 2) % n_people]);
      g_free (insert (&gen, TANDEM_TYPE_ASSET_VERSION, v, TANDEM_WRITE_DEFAULT));

      g_ptr_array_add (assets, g_steal_pointer (&asset));
    }
  phase_done (&gen, "assets+vers.", 2 * (int) assets->len, t);

  /* comments: threads of a pinned comment and replies, spread over the assets */
  t = now_ms ();
  parents = g_ptr_array_new_full (assets->len, g_free);
  g_ptr_array_set_size (parents, assets->len);
  for (int i = 0; i < opt_comments && assets->len > 0; i++)
    {
      JsonObject *o = json_object_new ();
      guint a = i % assets->len;
      gboolean reply = (i / assets->len) % 4 != 0 && parents->pdata[a] != NULL;
      char *id;

      json_object_set_string_member (o, "asset", assets->pdata[a]);
      json_object_set_int_member (o, "version", 1);
      json_object_set_string_member (o, "author", people->pdata[i % n_people]);
      json_object_set_string_member (o, "body",
                                     "Bitte die Preisangabe prüfen – the customer asked about volume discounts.");
      if (reply)
        json_object_set_string_member (o, "parent", parents->pdata[a]);
      else
        {
          json_object_set_int_member (o, "page", 1 + i % 8);
          json_object_set_double_member (o, "x", (i % 100) / 100.0);
          json_object_set_double_member (o, "y", (i % 37) / 37.0);
        }
      if (i % 3 == 0)
        {
          json_object_set_boolean_member (o, "resolved", TRUE);
          json_object_set_string_member (o, "resolved_by", people->pdata[(i + 1) % n_people]);
          json_object_set_string_member (o, "resolved_at", "2026-03-02T10:00:00Z");
        }
      id = insert (&gen, TANDEM_TYPE_COMMENT, o, TANDEM_WRITE_DEFAULT);
      if (reply)
        g_free (id);
      else
        {
          /* the newest pinned comment of the asset takes the next replies */
          g_free (parents->pdata[a]);
          parents->pdata[a] = id;
        }
    }
  phase_done (&gen, "comments", opt_comments, t);

  if (!tandem_store_commit (gen.store, &error))
    g_error ("commit: %s", error->message);
  g_clear_object (&gen.store);

  {
    GStatBuf st;
    g_stat (path, &st);
    g_print ("generated in %.1f s, %.1f MB (peak RSS of the generator %.0f MB)\n",
             (now_ms () - started) / 1000.0, mb (st.st_size), status_kb ("VmHWM") / 1024.0);
  }
}

/* Measurement, in a fresh process */

static void
evict (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      int fd = open (file, O_RDONLY);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

typedef TandemEntity *(*WriteFunc) (TandemStore  *store,
                                    TandemEntity *row,
                                    guint         i,
                                    GError      **error);

static TandemEntity *
update_one (TandemStore  *store,
            TandemEntity *row,
            guint         i,
            GError      **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();

  json_object_set_int_member (patch, "budget_spent_cents", tandem_entity_get_int (row, "budget_spent_cents") + 100 + i);
  json_object_set_int_member (patch, "leads_actual", tandem_entity_get_int (row, "leads_actual") + 1);
  return tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row),
                              tandem_entity_get_rev (row), patch, TANDEM_WRITE_DEFAULT, error);
}

static TandemEntity *
move_one (TandemStore  *store,
          TandemEntity *row,
          guint         i,
          GError      **error)
{
  static const char * const stages[] = { "idea", "planning", "production", "review", "live", "done" };
  gint s = tandem_board_stage_index (tandem_entity_get_string (row, "stage"));

  /* to the next column, at a place that varies (no renumbering at one spot) */
  return tandem_board_move_campaign (store, tandem_entity_get_id (row), stages[(s + 1) % 6],
                                     (gint) ((i * 37) % 1000), tandem_entity_get_rev (row), error);
}

/* Times @n writes of different campaigns of @list; @offset picks other rows. */
static void
time_writes (TandemEntityList *list,
             WriteFunc         func,
             guint             n,
             guint             offset,
             const char       *what,
             double            target)
{
  TandemStore *store = tandem_entity_list_get_store (list);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree double *ms = g_new (double, n);
  g_autofree char *median_label = g_strdup_printf ("%s, median of %u", what, n);
  g_autofree char *p95_label = g_strdup_printf ("%s, p95", what);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* pick the rows first: the list reorders nothing, but moves change stages */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (list), (i * (n_items / n) + offset) % n_items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemEntity) written = NULL;
      double t = now_ms ();

      written = func (store, rows->pdata[i], i, &error);
      ms[i] = now_ms () - t;
      check (written, what, error);
    }
  qsort (ms, n, sizeof (double), compare_double);
  if (target > 0)
    report (median_label, percentile (ms, n, 50), "ms", target);
  else
    info (median_label, percentile (ms, n, 50), "ms");
  info (p95_label, percentile (ms, n, 95), "ms");
}

static int
measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemEntityList) campaigns = NULL;
  g_autoptr(TandemEntityList) events = NULL;
  gint64 rss0, heap0, rss1, heap1, hwm1;
  sqlite3_int64 sql1;
  double t0, t1, t2, cpu0, cpu2;
  const GType *types;
  guint n_types;
  guint n;

  /* the classes exist before the baseline: they are part of any process */
  types = tandem_entity_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    g_type_class_unref (g_type_class_ref (types[i]));
  g_type_ensure (TANDEM_TYPE_STORE);
  g_type_ensure (TANDEM_TYPE_ENTITY_LIST);

  if (opt_cold)
    evict (path);

  rss0 = status_kb ("VmRSS");
  heap0 = heap_in_use ();

  cpu0 = cpu_ms ();
  t0 = now_ms ();
  store = tandem_store_open (path, &error);
  check (store, "open", error);
  t1 = now_ms ();
  campaigns = tandem_entity_list_new (store, TANDEM_TYPE_CAMPAIGN);
  if (!tandem_entity_list_load (campaigns, &error))
    g_error ("load: %s", error->message);
  t2 = now_ms ();
  cpu2 = cpu_ms ();

  rss1 = status_kb ("VmRSS");
  hwm1 = status_kb ("VmHWM");
  heap1 = heap_in_use ();
  sql1 = sqlite3_memory_used ();
  n = g_list_model_get_n_items (G_LIST_MODEL (campaigns));

  g_print ("measuring %s in a fresh process (page cache: %s)\n", path,
           opt_cold ? "evicted" : "warm");
  {
    g_autofree char *label = g_strdup_printf ("open+load %u campaigns", n);
    report (label, t2 - t0, "ms", TARGET_LOAD_MS);
  }
  info ("  of which open", t1 - t0, "ms");
  info ("  of which load", t2 - t1, "ms");
  info ("  CPU time of open+load (less noisy)", cpu2 - cpu0, "ms");
  report ("memory after load: RSS increase", (rss1 - rss0) / 1024.0, "MB", TARGET_MEMORY_MB);
  info ("  RSS before open (baseline)", rss0 / 1024.0, "MB");
  info ("  RSS after load", rss1 / 1024.0, "MB");
  info ("  peak RSS (VmHWM) after load", hwm1 / 1024.0, "MB");
  info ("  malloc heap increase", mb (heap1 - heap0), "MB");
  info ("  of which SQLite (sqlite3_memory_used)", mb (sql1), "MB");
  if (n > 0)
    info ("  heap per campaign, without SQLite", (heap1 - heap0 - sql1) / (double) n, "bytes");

  if (n > 0 && opt_updates > 0)
    {
      guint count = MIN ((guint) opt_updates, n);

      time_writes (campaigns, update_one, count, 0, "campaign update incl. change_log", TARGET_UPDATE_MS);
      time_writes (campaigns, move_one, count, MAX (1, n / count / 2), "tandem_board_move_campaign",
                   TARGET_MOVE_MS);
    }

  /* for information: the calendar's list (no target in issue 2) */
  t0 = now_ms ();
  events = tandem_entity_list_new (store, TANDEM_TYPE_EVENT);
  if (!tandem_entity_list_load (events, &error))
    g_error ("load events: %s", error->message);
  {
    g_autofree char *label = g_strdup_printf ("load %u events (info)", g_list_model_get_n_items (G_LIST_MODEL (events)));
    info (label, now_ms () - t0, "ms");
  }
  info ("  RSS with campaigns and events loaded", status_kb ("VmRSS") / 1024.0, "MB");

  g_print ("%s\n", all_ok ? "all targets met" : "some targets missed");
  return all_ok || !opt_strict ? 0 : 1;
}

static void
remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Tandem core benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *updates = NULL;
  gboolean temporary = FALSE;
  int status = 0;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_batch < 1 || opt_campaigns < 0 || opt_events < 0 || opt_comments < 0 || opt_updates < 0 || opt_runs < 1)
    {
      g_printerr ("counts must not be negative, --batch at least 1\n");
      return 2;
    }

  if (opt_measure != NULL)
    return measure (opt_measure);

  if (opt_workspace != NULL)
    path = g_strdup (opt_workspace);
  else
    {
      if ((tmpdir = g_dir_make_tmp ("tandem-bench-XXXXXX", &error)) == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (tmpdir, "bench.tandem", NULL);
      temporary = !opt_keep;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_print ("reusing %s\n", path);
  else
    generate (path);

  if (!opt_generate_only)
    {
      /* a fresh process: no warm SQLite cache, no heap left over from generating */
      g_autoptr(GPtrArray) child = g_ptr_array_new ();

      self_exe = g_file_read_link ("/proc/self/exe", NULL);
      updates = g_strdup_printf ("%d", opt_updates);
      g_ptr_array_add (child, self_exe ? self_exe : argv[0]);
      g_ptr_array_add (child, "--measure");
      g_ptr_array_add (child, path);
      g_ptr_array_add (child, "--updates");
      g_ptr_array_add (child, updates);
      if (opt_cold)
        g_ptr_array_add (child, "--cold");
      if (opt_strict)
        g_ptr_array_add (child, "--strict");
      g_ptr_array_add (child, NULL);

      for (int run = 0; run < opt_runs && status == 0; run++)
        {
          if (opt_runs > 1)
            g_print ("--- run %d of %d\n", run + 1, opt_runs);
          if (!g_spawn_sync (NULL, (char **) child->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                             NULL, NULL, &status, &error) ||
              !g_spawn_check_wait_status (status, &error))
            {
              g_printerr ("measuring failed: %s\n", error->message);
              status = 1;
            }
        }
    }

  if (temporary)
    remove_workspace (path);
  else if (opt_keep && opt_workspace == NULL)
    g_print ("kept %s\n", path);
  return status == 0 ? 0 : 1;
}
