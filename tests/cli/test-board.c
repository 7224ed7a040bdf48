/* test-board.c — the board's column order: the pure position rule, and
 * moves, inserts and duplicates against a real workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-board"

#include <glib/gstdio.h>

#include "tandem-core.h"

#define STEP TANDEM_BOARD_POSITION_STEP

/* The pure rule */

static void
test_position_append (void)
{
  const gint64 column[] = { 1024, 2048, 5000 };
  gboolean renumber = TRUE;

  g_assert_cmpint (tandem_board_position_for_index (NULL, 0, 0, &renumber), ==, STEP);
  g_assert_false (renumber);
  g_assert_cmpint (tandem_board_position_for_index (NULL, 0, 7, &renumber), ==, STEP);
  g_assert_cmpint (tandem_board_position_for_index (column, 3, 3, &renumber), ==, 5000 + STEP);
  g_assert_false (renumber);
  /* past the end appends */
  g_assert_cmpint (tandem_board_position_for_index (column, 3, 99, NULL), ==, 5000 + STEP);
}

static void
test_position_between (void)
{
  const gint64 column[] = { 1024, 2048, 5000 };
  gboolean renumber = TRUE;

  g_assert_cmpint (tandem_board_position_for_index (column, 3, 1, &renumber), ==, 1536);
  g_assert_false (renumber);
  g_assert_cmpint (tandem_board_position_for_index (column, 3, 2, &renumber), ==, 3524);
  /* at the top: between -1 and the first, so never negative */
  g_assert_cmpint (tandem_board_position_for_index (column, 3, 0, &renumber), ==, 511);
  g_assert_false (renumber);

  {
    const gint64 low[] = { 1, 3 };
    g_assert_cmpint (tandem_board_position_for_index (low, 2, 0, &renumber), ==, 0);
    g_assert_false (renumber);
    g_assert_cmpint (tandem_board_position_for_index (low, 2, 1, &renumber), ==, 2);
    g_assert_false (renumber);
  }
}

static void
test_position_no_gap (void)
{
  const gint64 adjacent[] = { 1024, 1025 };
  const gint64 equal[] = { 700, 700 };
  const gint64 zero[] = { 0, 10 };
  const gint64 unordered[] = { 3000, 1000 };
  const gint64 negative[] = { -5, 10 };
  const gint64 huge[] = { 1, G_MAXINT64 - 10 };
  gboolean renumber = FALSE;

  g_assert_cmpint (tandem_board_position_for_index (adjacent, 2, 1, &renumber), ==, -1);
  g_assert_true (renumber);
  renumber = FALSE;
  g_assert_cmpint (tandem_board_position_for_index (equal, 2, 1, &renumber), ==, -1);
  g_assert_true (renumber);
  renumber = FALSE;
  g_assert_cmpint (tandem_board_position_for_index (zero, 2, 0, &renumber), ==, -1);
  g_assert_true (renumber);
  renumber = FALSE;
  g_assert_cmpint (tandem_board_position_for_index (unordered, 2, 1, &renumber), ==, -1);
  g_assert_true (renumber);
  renumber = FALSE;
  g_assert_cmpint (tandem_board_position_for_index (negative, 2, 0, &renumber), ==, -1);
  g_assert_true (renumber);
  /* appending would overflow; between the two still works without overflow */
  renumber = FALSE;
  g_assert_cmpint (tandem_board_position_for_index (huge, 2, 2, &renumber), ==, -1);
  g_assert_true (renumber);
  g_assert_cmpint (tandem_board_position_for_index (huge, 2, 1, &renumber), ==, 1 + (G_MAXINT64 - 11) / 2);
  g_assert_false (renumber);
  {
    const gint64 top[] = { G_MAXINT64 };
    g_assert_cmpint (tandem_board_position_for_index (top, 1, 0, &renumber), ==, G_MAXINT64 / 2);
    g_assert_false (renumber);
  }
}

static void
test_position_bisecting_terminates (void)
{
  gint64 column[2] = { STEP, 2 * STEP };
  gboolean renumber = FALSE;
  guint moves = 0;

  /* keep inserting right after the first: the gap halves until it is gone */
  while (!renumber)
    {
      gint64 p = tandem_board_position_for_index (column, 2, 1, &renumber);
      if (renumber)
        break;
      g_assert_cmpint (p, >, column[0]);
      g_assert_cmpint (p, <, column[1]);
      column[1] = p;
      moves++;
    }
  g_assert_cmpuint (moves, ==, 10);
}

static void
test_stage_index (void)
{
  g_assert_cmpint (tandem_board_stage_index ("idea"), ==, 0);
  g_assert_cmpint (tandem_board_stage_index ("done"), ==, 5);
  g_assert_cmpint (tandem_board_stage_index ("wip"), ==, -1);
  g_assert_cmpint (tandem_board_stage_index (NULL), ==, -1);
}

/* Against a workspace */

typedef struct
{
  char        *dir;
  TandemStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("test-board-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "w.tandem", NULL);
  f->store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (tandem_store_get_path (f->store));
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
add (Fixture    *f,
     const char *title,
     const char *stage,
     gint        index)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "stage", stage);
  campaign = tandem_board_insert_campaign (f->store, fields, index, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_entity_get_id (campaign));
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return tandem_board_compare (*(TandemEntity * const *) a, *(TandemEntity * const *) b);
}

/* "A,B,C" — the titles of @stage's column in board order */
static char *
column_titles (Fixture    *f,
               const char *stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tandem_store_list_by (f->store, TANDEM_TYPE_CAMPAIGN, "stage", stage, &error);
  g_autoptr(GString) titles = g_string_new (NULL);

  g_assert_no_error (error);
  g_ptr_array_sort (rows, compare_cb);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (titles, "%s%s", i ? "," : "", tandem_entity_get_string (rows->pdata[i], "title"));
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static gint64
position_of (Fixture    *f,
             const char *id)
{
  g_autoptr(TandemEntity) row = tandem_store_get (f->store, TANDEM_TYPE_CAMPAIGN, id, NULL);

  g_assert_nonnull (row);
  return tandem_entity_get_int (row, "position");
}

static void
move (Fixture    *f,
      const char *id,
      const char *stage,
      gint        index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) moved = tandem_board_move_campaign (f->store, id, stage, index, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (moved, "stage"), ==, stage);
}

static void
test_insert (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "idea", -1);
  g_autofree char *b = add (f, "B", "idea", -1);
  g_autofree char *c = add (f, "C", "idea", 0);
  g_autofree char *d = add (f, "D", "idea", 2);
  g_autofree char *titles = column_titles (f, "idea");

  g_assert_cmpstr (titles, ==, "C,A,D,B");
  g_assert_cmpint (position_of (f, a), ==, STEP);
  g_assert_cmpint (position_of (f, b), ==, 2 * STEP);
}

static void
test_move_one_write (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "planning", -1);
  g_autofree char *b = add (f, "B", "planning", -1);
  g_autofree char *c = add (f, "C", "planning", -1);
  g_autofree char *x = add (f, "X", "live", -1);
  gint64 seq = tandem_store_get_last_seq (f->store);
  g_autofree char *planning = NULL;
  g_autofree char *live = NULL;

  move (f, c, "planning", 0);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq + 1);
  move (f, a, "live", 0);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq + 2);
  move (f, b, "live", -1);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq + 3);

  planning = column_titles (f, "planning");
  live = column_titles (f, "live");
  g_assert_cmpstr (planning, ==, "C");
  g_assert_cmpstr (live, ==, "A,X,B");

  /* dropped where it is: nothing written */
  move (f, x, "live", 1);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq + 3);
}

static void
test_move_renumbers_when_no_gap_is_left (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "review", -1);
  g_autofree char *b = add (f, "B", "review", -1);
  g_autofree char *c = add (f, "C", "review", -1);
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(TandemEntity) updated = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  /* squeeze A and B together */
  json_object_set_int_member (patch, "position", STEP + 1);
  updated = tandem_store_update (f->store, TANDEM_TYPE_CAMPAIGN, b, 0, patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  seq = tandem_store_get_last_seq (f->store);
  move (f, c, "review", 1);
  titles = column_titles (f, "review");
  g_assert_cmpstr (titles, ==, "A,C,B");
  g_assert_cmpint (position_of (f, a), ==, STEP);
  g_assert_cmpint (position_of (f, c), ==, 2 * STEP);
  g_assert_cmpint (position_of (f, b), ==, 3 * STEP);
  /* B renumbered, C moved: two rows in one transaction */
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq + 2);
}

static void
test_move_errors_write_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "idea", -1);
  g_autofree char *b = add (f, "B", "idea", -1);
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(TandemEntity) moved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  moved = tandem_board_move_campaign (f->store, a, "wip", 0, 0, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_assert_null (moved);
  g_clear_error (&error);

  moved = tandem_board_move_campaign (f->store, "00000000-0000-4000-8000-000000000000", "idea", 0, 0, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* B moves (rev 2); a move of B based on rev 1 conflicts, even when the
   * column had to be renumbered first: that renumbering is rolled back */
  move (f, b, "idea", 0);
  json_object_set_int_member (patch, "position", 0);
  updated = tandem_store_update (f->store, TANDEM_TYPE_CAMPAIGN, a, 0, patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  seq = tandem_store_get_last_seq (f->store);
  moved = tandem_board_move_campaign (f->store, b, "idea", 0, 1, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  g_assert_null (moved);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);
  g_assert_cmpint (position_of (f, a), ==, 0);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "idea", -1);
  g_autofree char *b = add (f, "B", "idea", -1);
  g_autofree char *x = add (f, "X", "live", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;

  {
    /* a new stage alone: to the end of that column */
    g_autoptr(JsonObject) patch = json_object_new ();
    g_autoptr(TandemEntity) updated = NULL;

    json_object_set_string_member (patch, "stage", "live");
    json_object_set_string_member (patch, "title", "A2");
    updated = tandem_board_update_campaign (f->store, a, 0, patch, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tandem_entity_get_int (updated, "position"), ==, 2 * STEP);
  }
  {
    /* with a position: as given */
    g_autoptr(JsonObject) patch = json_object_new ();
    g_autoptr(TandemEntity) updated = NULL;

    json_object_set_string_member (patch, "stage", "live");
    json_object_set_int_member (patch, "position", 1);
    updated = tandem_board_update_campaign (f->store, b, 0, patch, &error);
    g_assert_no_error (error);
    g_assert_cmpint (tandem_entity_get_int (updated, "position"), ==, 1);
  }
  {
    /* no stage change: position untouched; a bad stage: nothing written */
    g_autoptr(JsonObject) patch = json_object_new ();
    g_autoptr(TandemEntity) updated = NULL;
    gint64 seq = tandem_store_get_last_seq (f->store);

    json_object_set_string_member (patch, "stage", "wip");
    updated = tandem_board_update_campaign (f->store, x, 0, patch, &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_assert_null (updated);
    g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);
  }

  live = column_titles (f, "live");
  g_assert_cmpstr (live, ==, "B,X,A2");
  g_assert_cmpint (position_of (f, x), ==, STEP);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = add (f, "A", "production", -1);
  g_autofree char *b = add (f, "B", "production", -1);
  g_autoptr(TandemEntity) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;

  copy = tandem_board_duplicate_campaign (f->store, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (copy, "title"), ==, "A (copy)");
  g_assert_cmpstr (tandem_entity_get_string (copy, "stage"), ==, "production");
  g_assert_cmpstr (tandem_entity_get_id (copy), !=, a);
  titles = column_titles (f, "production");
  g_assert_cmpstr (titles, ==, "A,A (copy),B");

  g_clear_object (&copy);
  copy = tandem_board_duplicate_campaign (f->store, "00000000-0000-4000-8000-000000000000", NULL, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  g_assert_null (copy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/position/append", test_position_append);
  g_test_add_func ("/board/position/between", test_position_between);
  g_test_add_func ("/board/position/no-gap", test_position_no_gap);
  g_test_add_func ("/board/position/bisecting-terminates", test_position_bisecting_terminates);
  g_test_add_func ("/board/stage-index", test_stage_index);
  g_test_add ("/board/insert", Fixture, NULL, fixture_set_up, test_insert, fixture_tear_down);
  g_test_add ("/board/move/one-write", Fixture, NULL, fixture_set_up, test_move_one_write, fixture_tear_down);
  g_test_add ("/board/move/renumber", Fixture, NULL, fixture_set_up, test_move_renumbers_when_no_gap_is_left,
              fixture_tear_down);
  g_test_add ("/board/move/errors", Fixture, NULL, fixture_set_up, test_move_errors_write_nothing,
              fixture_tear_down);
  g_test_add ("/board/update", Fixture, NULL, fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/board/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);

  return g_test_run ();
}
