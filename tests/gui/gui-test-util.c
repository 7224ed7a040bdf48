/* gui-test-util.c — waiting for and finding windows in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gui-test"

#include "gui-test-util.h"

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
