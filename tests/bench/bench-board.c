/* bench-board.c — the board with a 2,000-card column, in the real window
 *
 * Prints how many card widgets the column creates and binds while it is
 * scrolled through twice (the second pass must only rebind), the slowest
 * scroll step, and the time of a card move through the board's keyboard
 * action until it is in the file. Run under a display (xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-board"

#include "config.h"

#include "tandem-board.h"
#include "tandem-board-view-private.h"
#include "tandem-window-private.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define N_CARDS 2000

static int
compare_double_cb (gconstpointer a,
                   gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Scrolls half a screen at a time to the end; returns the median step
 * time and sets @slowest */
static double
scroll_through (GtkAdjustment     *adjustment,
                GtkSliceListModel *slice,
                double            *slowest)
{
  GListModel *all = gtk_slice_list_model_get_model (slice);
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_adjustment_set_value (adjustment, 0);
  gui_test_iterate ();
  while (gtk_slice_list_model_get_size (slice) < g_list_model_get_n_items (all) ||
         gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_upper (adjustment) -
                                                 gtk_adjustment_get_page_size (adjustment) - 1)
    {
      gint64 start = g_get_monotonic_time ();

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment) / 2);
      /* until the step is laid out and drawn */
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      {
        double ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (steps, ms);
      }
      gui_test_iterate ();
    }
  g_array_sort (steps, compare_double_cb);
  *slowest = steps->len ? g_array_index (steps, double, steps->len - 1) : 0;
  return steps->len ? g_array_index (steps, double, steps->len / 2) : 0;
}

static void
bench (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "bench", NULL);
  g_autofree char *path = g_build_filename (dir, "board.tandem", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  TandemWindow *window;
  TandemBoardView *board;
  GtkAdjustment *adjustment;
  GtkSliceListModel *slice;
  guint setups0, binds0, setups1, binds1, setups2, binds2;
  double slow1, slow2, median1, median2;
  gint64 start;

  g_mkdir_with_parents (dir, 0700);
  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_begin (store, &error));
  for (guint i = 0; i < N_CARDS; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Kampagne %04u", i);
      g_autoptr(TandemEntity) row = NULL;

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "stage", "planning");
      json_object_set_int_member (fields, "budget_planned_cents", 1000000 + i);
      row = tandem_board_insert_campaign (store, fields, -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (tandem_entity_get_id (row)));
    }
  g_assert_true (tandem_store_commit (store, &error));
  g_clear_object (&store);

  window = gui_test_app_open (path);
  board = TANDEM_BOARD_VIEW (gui_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_BOARD_VIEW));
  for (guint i = 0; i < 20; i++)
    gui_test_iterate ();
  slice = _tandem_board_view_get_column_slice (board, "planning");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (GTK_WIDGET (_tandem_board_view_get_column_list (board, "planning")),
                             GTK_TYPE_SCROLLED_WINDOW)));

  _tandem_board_view_get_card_counts (board, &setups0, &binds0);
  median1 = scroll_through (adjustment, slice, &slow1);
  _tandem_board_view_get_card_counts (board, &setups1, &binds1);
  median2 = scroll_through (adjustment, slice, &slow2);
  _tandem_board_view_get_card_counts (board, &setups2, &binds2);

  g_print ("column of %u cards\n", N_CARDS);
  g_print ("  after opening:      %5u card widgets created, %5u binds\n", setups0, binds0);
  g_print ("  first scroll pass:  %5u created, %5u binds, scroll step median %.1f ms, slowest %.1f ms\n",
           setups1 - setups0, binds1 - binds0, median1, slow1);
  g_print ("  second scroll pass: %5u created, %5u binds, scroll step median %.1f ms, slowest %.1f ms"
           " (target: no new widgets) %s\n",
           setups2 - setups1, binds2 - binds1, median2, slow2, setups2 - setups1 <= 1 ? "ok" : "OVER");

  /* moves from the keyboard until written and shown, one at a time as a
   * person makes them (the other views settle in between) */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < 30; i++)
      {
        gint64 until = g_get_monotonic_time () + 300 * 1000;

        while (g_get_monotonic_time () < until)
          g_main_context_iteration (NULL, FALSE);
        start = g_get_monotonic_time ();
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-next-stage", "s",
                                                   (const char *) ids->pdata[i]));
        while (_tandem_board_view_get_n_pending (board) > 0)
          g_main_context_iteration (NULL, TRUE);
        {
          double ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (times, ms);
        }
      }
    g_array_sort (times, compare_double_cb);
    g_print ("card move from the keyboard until written and shown: median %.1f ms, worst %.1f ms"
             " (30 moves; the write alone: bench-core)\n",
             g_array_index (times, double, times->len / 2), g_array_index (times, double, times->len - 1));
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);
  g_test_add_func ("/bench/board", bench);
  return gui_test_app_run ();
}
