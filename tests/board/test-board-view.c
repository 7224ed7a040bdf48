/* test-board-view.c — the campaign board on real workspace files
 *
 * Runs the real window in-process under Xvfb, moves cards through the
 * board's actions and its drop targets (GTK 4.8 cannot synthesize events),
 * and reads the workspace file back with a second store handle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-board-view"

#include "config.h"

#include <glib/gstdio.h>

#include "tandem-application.h"
#include "tandem-asset.h"
#include "tandem-board.h"
#include "tandem-board-view-private.h"
#include "tandem-campaign.h"
#include "tandem-campaign-editor-private.h"
#include "tandem-gui.h"
#include "tandem-window-private.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000


typedef struct
{
  char         *path;
  TandemWindow *window;
  TandemBoardView *board;
  char         *ids[5];   /* A B D in idea, C in planning, E in live */
} Fixture;

static TandemEntity *
insert (TandemStore *store,
        const char  *title,
        const char  *stage,
        const char  *owner)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  TandemEntity *row;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "stage", stage);
  if (owner != NULL)
    json_object_set_string_member (fields, "marketing_owner", owner);
  row = tandem_board_insert_campaign (store, fields, -1, &error);
  g_assert_no_error (error);
  return row;
}

static gboolean
window_loaded (TandemWindow *window)
{
  return !tandem_window_get_busy (window) && tandem_window_get_store (window) != NULL;
}

static void
open_window (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->path);

  f->window = tandem_window_new (GTK_APPLICATION (gui_test_app ()));
  gtk_window_present (GTK_WINDOW (f->window));
  tandem_window_open (f->window, file);
  GUI_TEST_WAIT_UNTIL (window_loaded (f->window), LOAD_TIMEOUT_MS);
  f->board = TANDEM_BOARD_VIEW (gui_test_find_descendant (GTK_WIDGET (f->window), TANDEM_TYPE_BOARD_VIEW));
  g_assert_nonnull (f->board);
  /* let it lay out the cards */
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const WorkspaceContents people = { 2, 0, 0, 0 };
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspaces", name, NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;
  const char *anna;
  struct { const char *title, *stage; } rows[] = {
    { "Alpha Frühjahr", "idea" }, { "Beta Messe", "idea" }, { "Delta Webinar", "idea" },
    { "Gamma Newsletter", "planning" }, { "Epsilon Roadshow", "live" },
  };

  f->path = gui_test_make_workspace (dir, "Board", GPOINTER_TO_INT (data) ? &people : NULL);
  if (GPOINTER_TO_INT (data))
    {
      store = tandem_store_open (f->path, &error);
      g_assert_no_error (error);
      persons = tandem_store_list (store, TANDEM_TYPE_PERSON, &error);
      anna = tandem_entity_get_id (persons->pdata[0]);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autoptr(TandemEntity) row = insert (store, rows[i].title, rows[i].stage, i == 0 ? anna : NULL);
          f->ids[i] = g_strdup (tandem_entity_get_id (row));
        }
      g_clear_object (&store);
    }

  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy_toplevels ();
  g_free (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    g_free (f->ids[i]);
}

/* The titles' first letters of a column as the board shows it */
static char *
shown (Fixture    *f,
       const char *stage)
{
  GListModel *model = _tandem_board_view_get_column_model (f->board, stage);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (model, i);
      g_string_append_c (out, tandem_entity_get_string (row, "title")[0]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return tandem_board_compare (*(TandemEntity * const *) a, *(TandemEntity * const *) b);
}

/* The same, read from the file with a handle of its own */
static char *
stored (Fixture    *f,
        const char *stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (f->path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  rows = tandem_store_list_by (store, TANDEM_TYPE_CAMPAIGN, "stage", stage, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (rows, compare_cb);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_c (out, tandem_entity_get_string (rows->pdata[i], "title")[0]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_COLUMN(f, stage, expected) \
  G_STMT_START { \
    g_autofree char *_shown = NULL; \
    g_autofree char *_stored = NULL; \
    GUI_TEST_WAIT_UNTIL (_tandem_board_view_get_n_pending ((f)->board) == 0, 5000); \
    _stored = stored (f, stage); \
    _shown = shown (f, stage); \
    g_assert_cmpstr (_stored, ==, expected); \
    g_assert_cmpstr (_shown, ==, expected); \
  } G_STMT_END

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpstr (_tandem_board_view_get_page (f->board), ==, "columns");
  ASSERT_COLUMN (f, "idea", "ABD");
  ASSERT_COLUMN (f, "planning", "G");
  g_assert_cmpstr (_tandem_board_view_get_count_text (f->board, "idea"), ==, "3");
  g_assert_nonnull (_tandem_board_view_find_card (f->board, f->ids[0]));
  g_assert_cmpstr (_tandem_window_get_count_text (f->window, "board"), ==, "5 campaigns in this workspace");
}

static void
test_keyboard_moves (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *focus;

  /* Beta to the next stage: the end of planning */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-next-stage", "s", f->ids[1]));
  ASSERT_COLUMN (f, "idea", "AD");
  ASSERT_COLUMN (f, "planning", "GB");

  /* the moved card keeps the focus, and “up” acts on the focused card */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_first_child (focus) ==
                 GTK_WIDGET (_tandem_board_view_find_card (f->board, f->ids[1])));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-up", "s", ""));
  ASSERT_COLUMN (f, "planning", "BG");

  /* down, and back a stage */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-down", "s", f->ids[1]));
  ASSERT_COLUMN (f, "planning", "GB");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-previous-stage", "s", f->ids[1]));
  ASSERT_COLUMN (f, "idea", "ADB");
  ASSERT_COLUMN (f, "planning", "G");

  /* the card's own menu does the same */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (_tandem_board_view_find_card (f->board, f->ids[0])),
                                             "card.move-next-stage", NULL));
  ASSERT_COLUMN (f, "idea", "DB");
  ASSERT_COLUMN (f, "planning", "GA");
}

static gboolean
drop (Fixture    *f,
      const char *stage,
      const char *id,
      double      y)
{
  GtkDropTarget *target = _tandem_board_view_get_drop_target (f->board, stage);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, id);
  g_signal_emit_by_name (target, "drop", &value, 20.0, y, &accepted);
  return accepted;
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  /* Delta onto the top of the review column, which is empty */
  g_assert_true (drop (f, "review", f->ids[2], 1.0));
  ASSERT_COLUMN (f, "idea", "AB");
  ASSERT_COLUMN (f, "review", "D");

  /* Gamma above the first card of idea */
  for (guint i = 0; i < 5; i++)
    gui_test_iterate ();
  g_assert_true (drop (f, "idea", f->ids[3], 1.0));
  ASSERT_COLUMN (f, "idea", "GAB");
  ASSERT_COLUMN (f, "planning", "");

  /* Alpha far below every card: the end of its own column */
  for (guint i = 0; i < 5; i++)
    gui_test_iterate ();
  g_assert_true (drop (f, "idea", f->ids[0], 5000.0));
  ASSERT_COLUMN (f, "idea", "GBA");

  /* something that is not a campaign is refused */
  g_assert_false (drop (f, "idea", "no-such-id", 1.0));
}

static void
test_delete_undo_duplicate (Fixture       *f,
                            gconstpointer  data)
{
  AdwToast *toast;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete-campaign", "s", f->ids[1]));
  ASSERT_COLUMN (f, "idea", "AD");
  toast = _tandem_board_view_get_last_toast (f->board);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Beta Messe” deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  g_signal_emit_by_name (toast, "button-clicked");
  ASSERT_COLUMN (f, "idea", "ABD");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.duplicate-campaign", "s", f->ids[0]));
  ASSERT_COLUMN (f, "idea", "AABD");
}

static void
test_wip_limit (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *header = _tandem_board_view_get_header (f->board, "idea");
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;

  g_assert_false (gtk_widget_has_css_class (header, "wip-exceeded"));
  _tandem_board_view_set_wip_limit (f->board, "idea", 2);
  g_assert_true (gtk_widget_has_css_class (header, "wip-exceeded"));
  g_assert_cmpstr (_tandem_board_view_get_count_text (f->board, "idea"), ==, "3 / 2");
  _tandem_board_view_set_wip_limit (f->board, "idea", 3);
  g_assert_false (gtk_widget_has_css_class (header, "wip-exceeded"));
  _tandem_board_view_set_wip_limit (f->board, "idea", 2);
  GUI_TEST_WAIT_UNTIL (_tandem_board_view_get_n_pending (f->board) == 0, 5000);

  store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  limit = tandem_store_get_meta (store, "board.wip.idea");
  g_assert_cmpstr (limit, ==, "2");

  /* kept in the workspace: a new window reads it back */
  gui_test_destroy_toplevels ();
  open_window (f);
  header = _tandem_board_view_get_header (f->board, "idea");
  GUI_TEST_WAIT_UNTIL (gtk_widget_has_css_class (header, "wip-exceeded"), 5000);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) saved = NULL;
  const char *text = NULL;

  tandem_board_filter_set_text (filter, "FRUHJAHR");
  _tandem_board_view_set_filter (f->board, filter);
  g_assert_cmpstr (shown (f, "idea"), ==, "A");
  g_assert_cmpstr (shown (f, "planning"), ==, "");
  g_assert_cmpstr (_tandem_board_view_get_count_text (f->board, "idea"), ==, "1 of 3");
  g_assert_null (_tandem_board_view_find_card (f->board, f->ids[1]));

  /* kept per workspace */
  saved = g_settings_get_value (settings, "board-filters");
  g_assert_true (g_variant_lookup (saved, f->path, "&s", &text));
  g_assert_cmpstr (text, ==, "text=FRUHJAHR");

  /* My campaigns: Anna owns Alpha */
  tandem_board_filter_clear (filter);
  filter->mine = TRUE;
  _tandem_board_view_set_filter (f->board, filter);
  g_assert_cmpstr (shown (f, "idea"), ==, "");
  {
    g_autoptr(TandemEntity) alpha = tandem_store_get (tandem_window_get_store (f->window), TANDEM_TYPE_CAMPAIGN,
                                                      f->ids[0], NULL);
    g_settings_set_string (settings, "me", tandem_entity_get_string (alpha, "marketing_owner"));
  }
  g_assert_cmpstr (shown (f, "idea"), ==, "A");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.clear-filter", NULL));
  g_assert_cmpstr (shown (f, "idea"), ==, "ABD");
  g_settings_reset (settings, "me");
  g_settings_reset (settings, "board-filters");
}

static void
test_live_update (Fixture       *f,
                  gconstpointer  data)
{
  TandemCampaignCard *card = _tandem_board_view_find_card (f->board, f->ids[0]);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GtkWidget *title;

  g_assert_nonnull (card);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (_tandem_board_view_get_column_list (f->board, "idea")));
  gtk_single_selection_set_selected (selection, 0);
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_is_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  title = gui_test_find_descendant (GTK_WIDGET (card), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Alpha Frühjahr");

  other = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  json_object_set_string_member (patch, "title", "Alpha Sommer");
  json_object_set_string_member (patch, "end", "2001-01-31");
  updated = tandem_store_update (other, TANDEM_TYPE_CAMPAIGN, f->ids[0], 0, patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  GUI_TEST_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (GTK_LABEL (title)), "Alpha Sommer") == 0, 5000);
  /* selected and focused before, still so */
  g_assert_true (gtk_single_selection_get_selected_item (selection) == tandem_campaign_card_get_campaign (card));
  g_assert_true (gtk_widget_is_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  /* the same card, updated in place, now overdue */
  g_assert_true (_tandem_board_view_find_card (f->board, f->ids[0]) == card);
  g_assert_true (tandem_campaign_card_get_overdue (card));

  /* assets waiting for review count on the badge; drafts do not */
  g_assert_cmpuint (tandem_campaign_card_get_review_count (card), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const states[] = { "in_review", "changes_requested", "draft" };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(TandemEntity) asset = NULL;

      json_object_set_string_member (fields, "campaign", f->ids[0]);
      json_object_set_string_member (fields, "title", states[i]);
      json_object_set_string_member (fields, "state", states[i]);
      asset = tandem_store_insert (other, TANDEM_TYPE_ASSET, fields, TANDEM_WRITE_MANAGED, &error);
      g_assert_no_error (error);
    }
  GUI_TEST_WAIT_UNTIL (tandem_campaign_card_get_review_count (card) == 2, 5000);
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  g_assert_cmpuint (tandem_campaign_card_get_review_count (card), ==, 2);
  g_assert_true (_tandem_board_view_find_card (f->board, f->ids[0]) == card);
}

static void
on_edit (TandemBoardView *board,
         TandemEntity    *campaign,
         const char      *stage,
         GPtrArray       *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%s@%s", campaign ? tandem_entity_get_string (campaign, "title") : "new",
                                         stage));
}

static void
test_edit_signal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (f->board, "edit-campaign", G_CALLBACK (on_edit), log);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-campaign", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.new-campaign-in", "s", "review"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.edit-campaign", "s", f->ids[3]));
  g_signal_emit_by_name (_tandem_board_view_get_column_list (f->board, "idea"), "activate", 1);
  g_signal_handlers_disconnect_by_data (f->board, log);

  /* Ctrl+F's action opens the filter bar */
  g_assert_false (tandem_board_view_get_search_mode (f->board));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  g_assert_true (tandem_board_view_get_search_mode (f->board));

  g_assert_cmpuint (log->len, ==, 4);
  g_assert_cmpstr (log->pdata[0], ==, "new@idea");
  g_assert_cmpstr (log->pdata[1], ==, "new@review");
  g_assert_cmpstr (log->pdata[2], ==, "Gamma Newsletter@planning");
  g_assert_cmpstr (log->pdata[3], ==, "Beta Messe@idea");
}

/* The window opens the campaign editor for the board: a new campaign
 * typed there lands in the column it was asked for */
static void
test_editor_from_board (Fixture       *f,
                        gconstpointer  data)
{
  TandemCampaignEditor *editor;
  GtkWidget *title;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.new-campaign-in", "s", "review"));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR) != NULL, 2000);
  editor = TANDEM_CAMPAIGN_EDITOR (gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));

  title = _tandem_campaign_editor_get_input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (title), "Zeta Kundentag");
  g_assert_true (gtk_widget_get_sensitive (_tandem_campaign_editor_get_save_button (editor)));
  gtk_widget_activate (_tandem_campaign_editor_get_save_button (editor));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR) == NULL, 5000);
  ASSERT_COLUMN (f, "review", "Z");

  /* editing an existing card shows its values */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.edit-campaign", "s", f->ids[3]));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR) != NULL, 2000);
  editor = TANDEM_CAMPAIGN_EDITOR (gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR));
  title = _tandem_campaign_editor_get_input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Gamma Newsletter");
}

/* Scrolls down half a screen at a time until the column shows its last card */
static void
scroll_to_end (GtkAdjustment     *adjustment,
               GtkSliceListModel *slice)
{
  GListModel *all = gtk_slice_list_model_get_model (slice);

  for (guint guard = 0;
       gtk_slice_list_model_get_size (slice) < g_list_model_get_n_items (all) ||
       gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_upper (adjustment) -
                                               gtk_adjustment_get_page_size (adjustment) - 1;
       guard++)
    {
      g_assert_cmpuint (guard, <, 5000);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment) / 2);
      gui_test_iterate ();
      gui_test_iterate ();
    }
}

/* Scrolling a long column rebinds the card widgets it has: the number
 * created stays bounded however far it scrolls */
static void
test_scroll_recycles (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  guint setups_before, binds_before, setups_after, binds_after;

  other = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_begin (other, &error));
  for (guint i = 0; i < 800; i++)
    {
      g_autofree char *title = g_strdup_printf ("Karte %03u", i);
      g_autoptr(TandemEntity) row = insert (other, title, "idea", NULL);
    }
  g_assert_true (tandem_store_commit (other, &error));
  GUI_TEST_WAIT_UNTIL (g_list_model_get_n_items (_tandem_board_view_get_column_model (f->board, "idea")) == 803, 5000);
  for (guint i = 0; i < 20; i++)
    gui_test_iterate ();

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (_tandem_board_view_get_column_list (f->board, "idea")),
                                      GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* the column offers its cards page by page as it scrolls: once through
   * it, every card is offered and the view holds its window of rows */
  scroll_to_end (adjustment, _tandem_board_view_get_column_slice (f->board, "idea"));
  gtk_adjustment_set_value (adjustment, 0);
  for (guint i = 0; i < 5; i++)
    gui_test_iterate ();
  _tandem_board_view_get_card_counts (f->board, &setups_before, &binds_before);

  /* through it again: rebinding only */
  scroll_to_end (adjustment, _tandem_board_view_get_column_slice (f->board, "idea"));
  _tandem_board_view_get_card_counts (f->board, &setups_after, &binds_after);
  g_test_message ("cards created %u → %u, bound %u → %u", setups_before, setups_after, binds_before, binds_after);
  /* GTK 4.8's list views keep about 200 rows realized, whatever the length */
  g_assert_cmpuint (binds_after - binds_before, >=, 550);
  g_assert_cmpuint (setups_after, <=, 250);
  /* (the view may keep one row more near the end than near the start) */
  g_assert_cmpuint (setups_after - setups_before, <=, 1);
}

static void
test_empty_board (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  /* people, no campaigns: the board's own empty page */
  g_assert_cmpstr (_tandem_window_get_page (f->window), ==, "views");
  g_assert_cmpstr (_tandem_board_view_get_page (f->board), ==, "empty");

  other = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  json_object_set_string_member (fields, "name", "Zoe");
  row = tandem_store_insert (other, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&row);
  row = gui_test_insert_campaign (other, "Erste Kampagne", &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (_tandem_board_view_get_page (f->board), "columns") == 0, 5000);
}

static void
empty_set_up (Fixture       *f,
              gconstpointer  data)
{
  static const WorkspaceContents people = { 2, 0, 0, 0 };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspaces", "empty", NULL);

  f->path = gui_test_make_workspace (dir, "Empty", &people);
  open_window (f);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/board/view/" path, Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, func, fixture_tear_down)
  ADD ("columns", test_columns);
  ADD ("keyboard-moves", test_keyboard_moves);
  ADD ("drop", test_drop);
  ADD ("delete-undo-duplicate", test_delete_undo_duplicate);
  ADD ("wip-limit", test_wip_limit);
  ADD ("filter", test_filter);
  ADD ("live-update", test_live_update);
  ADD ("edit-signal", test_edit_signal);
  ADD ("editor-from-board", test_editor_from_board);
  ADD ("scroll-recycles", test_scroll_recycles);
#undef ADD
  g_test_add ("/board/view/empty", Fixture, NULL, empty_set_up, test_empty_board, fixture_tear_down);

  return gui_test_app_run ();
}
