/* preview-editor.c — shows the campaign editor on a throwaway workspace
 *
 * For looking at the editor and taking screenshots:
 *   preview-editor [edit|new|errors|conflict]
 * The editor is a normal toplevel here (no transient parent), so
 * screenshots under Xvfb catch it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "preview-editor"

#include "config.h"

#include <stdlib.h>

#include "tandem-campaign-editor-private.h"

#include "editor-test-util.h"

static void
destroy_cb (GtkWidget *window,
            GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = argc > 1 ? argv[1] : "edit";
  g_autoptr(EditorWorkspace) workspace = NULL;
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *editor;

  editor_test_init_display ();
  workspace = editor_workspace_new ();
  if (!g_str_equal (mode, "new"))
    campaign = editor_workspace_add_campaign (workspace);

  editor = tandem_campaign_editor_new (workspace->store, G_LIST_MODEL (workspace->people), campaign, "planning");
  gtk_window_set_modal (GTK_WINDOW (editor), FALSE);
  if (g_getenv ("PREVIEW_HEIGHT") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (editor), 620, atoi (g_getenv ("PREVIEW_HEIGHT")));
  if (g_str_equal (mode, "errors"))
    {
      TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (editor);

      gtk_editable_set_text (GTK_EDITABLE (_tandem_campaign_editor_get_input_widget (self, TANDEM_CAMPAIGN_INPUT_TITLE)), "");
      gtk_editable_set_text (GTK_EDITABLE (_tandem_campaign_editor_get_input_widget (self, TANDEM_CAMPAIGN_INPUT_END)), "2026-04-01");
      gtk_editable_set_text (GTK_EDITABLE (_tandem_campaign_editor_get_input_widget (self, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED)), "12,5x");
    }
  else if (g_str_equal (mode, "conflict"))
    {
      TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (editor);
      g_autoptr(JsonObject) patch = json_object_new ();
      g_autoptr(TandemEntity) theirs = NULL;

      gtk_editable_set_text (GTK_EDITABLE (_tandem_campaign_editor_get_input_widget (self, TANDEM_CAMPAIGN_INPUT_TITLE)),
                             "Hannover Messe 2026 – Halle 9");
      json_object_set_string_member (patch, "title", "Hannover Messe 2026 (Stand D18)");
      theirs = tandem_board_update_campaign (workspace->store, tandem_entity_get_id (campaign),
                                             tandem_entity_get_rev (campaign), patch, NULL);
      gtk_widget_activate_action (editor, "editor.save", NULL);
    }
  g_signal_connect (editor, "destroy", G_CALLBACK (destroy_cb), loop);
  gtk_window_present (GTK_WINDOW (editor));
  g_main_loop_run (loop);
  return 0;
}
