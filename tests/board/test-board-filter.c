/* test-board-filter.c — the board's filter and order, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-board-filter"

#include <glib/gstdio.h>
#include <string.h>

#include "tandem-board.h"
#include "tandem-board-filter.h"
#include "tandem-campaign.h"
#include "tandem-error.h"

#define ANNA  "11111111-1111-4111-8111-111111111111"
#define JONAS "22222222-2222-4222-8222-222222222222"
#define MIRA  "33333333-3333-4333-8333-333333333333"

static TandemEntity *
campaign (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TandemEntity *entity = tandem_entity_new (TANDEM_TYPE_CAMPAIGN);

  g_assert_nonnull (node);
  tandem_entity_apply_json (entity, json_node_get_object (node), TRUE, &error);
  g_assert_no_error (error);
  return entity;
}

static void
test_fold (void)
{
  g_autofree char *a = tandem_board_fold ("Frühjahrsaktion ÉLAN");
  g_autofree char *b = tandem_board_fold ("Straße");

  g_assert_cmpstr (a, ==, "fruhjahrsaktion elan");
  g_assert_cmpstr (b, ==, "strasse");
}

static void
test_match_text (void)
{
  g_autoptr(TandemEntity) c = campaign ("{\"title\": \"Frühjahrsaktion Industriekunden\","
                                        " \"description\": \"Mailing an Bestandskunden\","
                                        " \"segment\": \"Maschinenbau Süd\"}");
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();

  g_assert_true (tandem_board_filter_is_empty (filter));
  g_assert_true (tandem_board_filter_match (filter, c));

  tandem_board_filter_set_text (filter, "FRUHJAHR");  /* case and accents */
  g_assert_true (tandem_board_filter_match (filter, c));
  tandem_board_filter_set_text (filter, "jahrsaktion");  /* inside a word */
  g_assert_true (tandem_board_filter_match (filter, c));
  tandem_board_filter_set_text (filter, "bestandskunden");  /* description */
  g_assert_true (tandem_board_filter_match (filter, c));
  tandem_board_filter_set_text (filter, "sud  frühjahr");  /* segment, every word */
  g_assert_true (tandem_board_filter_match (filter, c));
  tandem_board_filter_set_text (filter, "frühjahr herbst");
  g_assert_false (tandem_board_filter_match (filter, c));
  tandem_board_filter_set_text (filter, "   ");
  g_assert_true (tandem_board_filter_is_empty (filter));
  g_assert_true (tandem_board_filter_match (filter, c));
}

static void
test_match_owner_side_me (void)
{
  g_autoptr(TandemEntity) both = campaign ("{\"title\": \"A\", \"marketing_owner\": \"" ANNA "\","
                                           " \"sales_owner\": \"" JONAS "\"}");
  g_autoptr(TandemEntity) marketing_only = campaign ("{\"title\": \"B\", \"marketing_owner\": \"" JONAS "\"}");
  g_autoptr(TandemEntity) nobody = campaign ("{\"title\": \"C\"}");
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();

  filter->owner = g_strdup (JONAS);
  g_assert_true (tandem_board_filter_match (filter, both));
  g_assert_true (tandem_board_filter_match (filter, marketing_only));
  g_assert_false (tandem_board_filter_match (filter, nobody));

  filter->side = TANDEM_BOARD_SIDE_SALES;
  g_assert_true (tandem_board_filter_match (filter, both));
  g_assert_false (tandem_board_filter_match (filter, marketing_only));
  filter->side = TANDEM_BOARD_SIDE_MARKETING;
  g_assert_false (tandem_board_filter_match (filter, both));
  g_assert_true (tandem_board_filter_match (filter, marketing_only));

  /* a side alone: that side's owner is set */
  g_clear_pointer (&filter->owner, g_free);
  g_assert_true (tandem_board_filter_match (filter, both));
  g_assert_true (tandem_board_filter_match (filter, marketing_only));
  g_assert_false (tandem_board_filter_match (filter, nobody));
  filter->side = TANDEM_BOARD_SIDE_SALES;
  g_assert_true (tandem_board_filter_match (filter, both));
  g_assert_false (tandem_board_filter_match (filter, marketing_only));

  /* My campaigns: nobody chosen as me matches nothing */
  filter->side = TANDEM_BOARD_SIDE_ANY;
  filter->mine = TRUE;
  g_assert_false (tandem_board_filter_match (filter, both));
  filter->me = g_strdup (ANNA);
  g_assert_true (tandem_board_filter_match (filter, both));
  g_assert_false (tandem_board_filter_match (filter, marketing_only));
  g_free (filter->me);
  filter->me = g_strdup (MIRA);
  g_assert_false (tandem_board_filter_match (filter, both));
}

static void
test_match_channel_segment (void)
{
  g_autoptr(TandemEntity) c = campaign ("{\"title\": \"A\", \"channels\": [\"LinkedIn\", \"Außendienst\"],"
                                        " \"segment\": \"Maschinenbau\"}");
  g_autoptr(TandemEntity) other = campaign ("{\"title\": \"B\", \"channels\": [\"Print\"]}");
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();

  filter->channel = g_strdup ("aussendienst");
  g_assert_true (tandem_board_filter_match (filter, c));
  g_assert_false (tandem_board_filter_match (filter, other));
  g_free (filter->channel);
  filter->channel = g_strdup ("Link");  /* whole channel names only */
  g_assert_false (tandem_board_filter_match (filter, c));
  g_clear_pointer (&filter->channel, g_free);

  filter->segment = g_strdup ("MASCHINENBAU");
  g_assert_true (tandem_board_filter_match (filter, c));
  g_assert_false (tandem_board_filter_match (filter, other));
}

static void
test_serialize_round_trip (void)
{
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();
  g_autoptr(TandemBoardFilter) parsed = NULL;
  g_autoptr(TandemBoardFilter) empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  tandem_board_filter_set_text (filter, "Frühjahr & Co = 100%");
  filter->owner = g_strdup (ANNA);
  filter->side = TANDEM_BOARD_SIDE_SALES;
  filter->channel = g_strdup ("E-Mail");
  filter->segment = g_strdup ("Maschinenbau; Süd");
  filter->mine = TRUE;
  filter->me = g_strdup (JONAS);

  text = tandem_board_filter_serialize (filter);
  g_assert_null (strstr (text, JONAS));  /* me is not part of it */
  parsed = tandem_board_filter_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->text, ==, "Frühjahr & Co = 100%");
  g_assert_cmpstr (parsed->owner, ==, ANNA);
  g_assert_cmpint (parsed->side, ==, TANDEM_BOARD_SIDE_SALES);
  g_assert_cmpstr (parsed->channel, ==, "E-Mail");
  g_assert_cmpstr (parsed->segment, ==, "Maschinenbau; Süd");
  g_assert_true (parsed->mine);
  g_assert_null (parsed->me);
  g_assert_true (tandem_board_filter_equal (filter, parsed));
  again = tandem_board_filter_serialize (parsed);
  g_assert_cmpstr (again, ==, text);

  /* the empty filter is the empty string, both ways */
  tandem_board_filter_clear (filter);
  g_free (text);
  text = tandem_board_filter_serialize (filter);
  g_assert_cmpstr (text, ==, "");
  empty = tandem_board_filter_parse ("", &error);
  g_assert_no_error (error);
  g_assert_true (tandem_board_filter_is_empty (empty));
}

static void
test_parse_malformed (void)
{
  static const char * const bad[] = {
    "text",                 /* no = */
    "=x",                   /* no key */
    "text=a&text=b",        /* twice */
    "side=left",            /* unknown side */
    "mine=yes",
    "text=%zz",             /* broken escape */
    "text=%FF%FE",          /* not UTF-8 once unescaped */
    "text=a&&owner=b",      /* empty pair */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemBoardFilter) filter = tandem_board_filter_parse (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (filter);
      g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    }

  /* a newer Tandem's keys are skipped */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemBoardFilter) filter = tandem_board_filter_parse ("future=1&segment=Handel", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (filter->segment, ==, "Handel");
  }
}

/* Positions: moves on a real store, and the index of a visible neighbour */

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return tandem_board_compare (*(TandemEntity * const *) a, *(TandemEntity * const *) b);
}

static char *
order_of (TandemStore *store,
          const char  *stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tandem_store_list_by (store, TANDEM_TYPE_CAMPAIGN, "stage", stage, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_ptr_array_sort (rows, compare_cb);
  for (guint i = 0; i < rows->len; i++)
    g_string_append (out, tandem_entity_get_string (rows->pdata[i], "title"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_column_positions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tandem-board-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.tandem", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GListStore) all = g_list_store_new (TANDEM_TYPE_ENTITY);
  g_autoptr(GError) error = NULL;
  TandemEntity *rows[4];
  const char *titles[] = { "A", "B", "C", "D" };

  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "title", titles[i]);
      json_object_set_string_member (fields, "stage", "idea");
      rows[i] = tandem_board_insert_campaign (store, fields, -1, &error);
      g_assert_no_error (error);
      g_list_store_append (all, rows[i]);
    }
  {
    g_autofree char *order = order_of (store, "idea");
    g_assert_cmpstr (order, ==, "ABCD");
  }

  /* a visible neighbour's index in the whole column, without the mover */
  g_assert_cmpuint (tandem_board_column_index (G_LIST_MODEL (all), rows[0], NULL), ==, 0);
  g_assert_cmpuint (tandem_board_column_index (G_LIST_MODEL (all), rows[2], NULL), ==, 2);
  g_assert_cmpuint (tandem_board_column_index (G_LIST_MODEL (all), rows[2], tandem_entity_get_id (rows[0])), ==, 1);
  g_assert_cmpuint (tandem_board_column_index (G_LIST_MODEL (all), rows[2], tandem_entity_get_id (rows[3])), ==, 2);

  /* D before B (as “move up” past a hidden C would do) */
  {
    g_autoptr(TandemEntity) moved = NULL;
    g_autofree char *order = NULL;
    guint index = tandem_board_column_index (G_LIST_MODEL (all), rows[1], tandem_entity_get_id (rows[3]));

    moved = tandem_board_move_campaign (store, tandem_entity_get_id (rows[3]), "idea", (gint) index, 0, &error);
    g_assert_no_error (error);
    order = order_of (store, "idea");
    g_assert_cmpstr (order, ==, "ADBC");
  }

  /* A after C into planning, then to the top of idea again */
  {
    g_autoptr(TandemEntity) moved = NULL;
    g_autoptr(TandemEntity) back = NULL;
    g_autofree char *idea = NULL;
    g_autofree char *planning = NULL;

    moved = tandem_board_move_campaign (store, tandem_entity_get_id (rows[0]), "planning", -1, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_entity_get_string (moved, "stage"), ==, "planning");
    idea = order_of (store, "idea");
    planning = order_of (store, "planning");
    g_assert_cmpstr (idea, ==, "DBC");
    g_assert_cmpstr (planning, ==, "A");

    back = tandem_board_move_campaign (store, tandem_entity_get_id (rows[0]), "idea", 0, 0, &error);
    g_assert_no_error (error);
    g_free (idea);
    idea = order_of (store, "idea");
    g_assert_cmpstr (idea, ==, "ADBC");
  }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_object_unref (rows[i]);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/filter/fold", test_fold);
  g_test_add_func ("/board/filter/text", test_match_text);
  g_test_add_func ("/board/filter/owner-side-me", test_match_owner_side_me);
  g_test_add_func ("/board/filter/channel-segment", test_match_channel_segment);
  g_test_add_func ("/board/filter/round-trip", test_serialize_round_trip);
  g_test_add_func ("/board/filter/malformed", test_parse_malformed);
  g_test_add_func ("/board/order/positions", test_column_positions);

  return g_test_run ();
}
