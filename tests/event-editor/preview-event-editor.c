/* preview-event-editor.c — shows the event editor on a throwaway workspace
 *
 * For looking at the editor and taking screenshots:
 *   preview-event-editor [edit|new|errors|conflict]
 * The editor is a normal toplevel here (no transient parent), so
 * screenshots under Xvfb catch it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "preview-event-editor"

#include "config.h"

#include <stdlib.h>

#include "tandem-event-editor-private.h"

#include "event-test-util.h"

static void
destroy_cb (GtkWidget *window,
            GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

static GtkWidget *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scrolled (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* PREVIEW_SCROLL=0.5 shows the middle of the form, 1 its end */
static gboolean
scroll_cb (gpointer data)
{
  GtkWidget *scrolled = find_scrolled (data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double fraction = g_ascii_strtod (g_getenv ("PREVIEW_SCROLL"), NULL);

  gtk_adjustment_set_value (adjustment, fraction * (gtk_adjustment_get_upper (adjustment) -
                                                    gtk_adjustment_get_page_size (adjustment)));
  return G_SOURCE_REMOVE;
}

static void
type_text (GtkWidget        *editor,
           TandemEventInput  input,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_tandem_event_editor_get_input_widget (TANDEM_EVENT_EDITOR (editor), input)), text);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = argc > 1 ? argv[1] : "edit";
  g_autoptr(EventWorkspace) workspace = NULL;
  g_autoptr(TandemEntity) event = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 4, 13, 0, 0, 0);
  GtkWidget *editor;

  editor_test_init_display ();
  workspace = event_workspace_new ();
  if (!g_str_equal (mode, "new"))
    event = event_workspace_add_event (workspace);

  editor = tandem_event_editor_new (workspace->base->store, G_LIST_MODEL (workspace->base->people),
                                    G_LIST_MODEL (workspace->campaigns), event, day);
  gtk_window_set_modal (GTK_WINDOW (editor), FALSE);
  if (g_getenv ("PREVIEW_HEIGHT") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (editor), 600, atoi (g_getenv ("PREVIEW_HEIGHT")));
  if (g_str_equal (mode, "errors"))
    {
      type_text (editor, TANDEM_EVENT_INPUT_TITLE, "");
      type_text (editor, TANDEM_EVENT_INPUT_END_TIME, "8:15");
      type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "25:00");
    }
  else if (g_str_equal (mode, "conflict"))
    {
      g_autoptr(JsonObject) patch = json_object_new ();
      g_autoptr(TandemEntity) theirs = NULL;

      type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Halle 9, Stand D18");
      json_object_set_string_member (patch, "location", "Besprechungsraum Alster");
      theirs = tandem_store_update (workspace->base->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                    tandem_entity_get_rev (event), patch, TANDEM_WRITE_DEFAULT, NULL);
    }
  g_signal_connect (editor, "destroy", G_CALLBACK (destroy_cb), loop);
  gtk_window_present (GTK_WINDOW (editor));
  if (g_getenv ("PREVIEW_SCROLL") != NULL)
    g_timeout_add (1000, scroll_cb, editor);
  g_main_loop_run (loop);
  return 0;
}
