/* gui-test-util.c — waiting for and finding windows in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gui-test"

#include "config.h"

#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "tandem-window.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* One blocking iteration that returns within 20 ms. */
void
gui_test_iterate (void)
{
  guint id = g_timeout_add (20, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

gboolean
gui_test_wait (gboolean (*condition) (gpointer data),
               gpointer   data,
               guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      gui_test_iterate ();
    }
  return TRUE;
}

GtkWidget *
gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

GtkWidget *
gui_test_find_descendant (GtkWidget *root,
                          GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Destroys every window, then lets pending callbacks finish. */
void
gui_test_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  for (guint i = 0; i < 10; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* In-process GTK under Xvfb (no GL, GTK's test accessibility backend,
 * settings in memory) with a HOME of its own: the default workspace and
 * file choosers stay in there, and the tandem programs the tests start
 * inherit it. Call before g_test_init(); returns the folder to remove. */
char *
gui_test_isolate (void)
{
  static const char * const vars[][2] = {
    { "HOME", "home" }, { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  char *root;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  root = g_dir_make_tmp ("tandem-gui-test-XXXXXX", NULL);
  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (root, vars[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i][0], dir, TRUE);
    }
  return root;
}

void
gui_test_remove_tree (const char *path)
{
  GDir *dir;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            gui_test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* Every key of the app's settings back to its default */
void
gui_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The window has opened its workspace and is done loading */
gboolean
gui_test_window_loaded (TandemWindow *window)
{
  return !tandem_window_get_busy (window) && tandem_window_get_store (window) != NULL;
}
