/* test-campaign-editor.c — the campaign editor window on real workspaces
 *
 * Runs in-process under Xvfb (build-aux/test wraps meson test in xvfb-run
 * -a dbus-run-session). The widgets are filled the way a person's typing
 * fills them (GtkEditable text, combo selections, the colour chooser),
 * Save goes through the window's action, and the store is read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-campaign-editor"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tandem-campaign-editor-private.h"

#include "editor-test-util.h"
#include "gui-test-util.h"

#define SAVE_TIMEOUT_MS 10000

typedef struct
{
  TandemEntity *saved;
  guint         n_saved;
  GtkWidget    *editor;  /* weak: NULL once the editor is gone */
} SavedRecord;

static void
saved_cb (TandemCampaignEditor *editor,
          TandemEntity         *row,
          SavedRecord          *record)
{
  g_set_object (&record->saved, row);
  record->n_saved++;
}

static TandemCampaignEditor *
open_editor (EditorWorkspace *workspace,
             TandemEntity    *campaign,
             const char      *stage,
             SavedRecord     *record)
{
  GtkWidget *editor = tandem_campaign_editor_new (workspace->store, G_LIST_MODEL (workspace->people),
                                                  campaign, stage);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), record);
  record->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &record->editor);
  gtk_window_present (GTK_WINDOW (editor));
  gui_test_iterate ();
  return TANDEM_CAMPAIGN_EDITOR (editor);
}

static GtkWidget *
input_widget (TandemCampaignEditor *editor,
              TandemCampaignInput   input)
{
  return _tandem_campaign_editor_get_input_widget (editor, input);
}

static void
type_text (TandemCampaignEditor *editor,
           TandemCampaignInput   input,
           const char           *text)
{
  GtkWidget *widget = input_widget (editor, input);

  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static const char *
shown_text (TandemCampaignEditor *editor,
            TandemCampaignInput   input)
{
  return gtk_editable_get_text (GTK_EDITABLE (input_widget (editor, input)));
}

static void
choose_owner (TandemCampaignEditor *editor,
              TandemCampaignInput   input,
              const char           *person_id)
{
  GPtrArray *ids = _tandem_campaign_editor_get_owner_ids (editor, input);
  guint index;

  g_assert_true (g_ptr_array_find_with_equal_func (ids, person_id, g_str_equal, &index));
  adw_combo_row_set_selected (ADW_COMBO_ROW (input_widget (editor, input)), index);
}

/* The calendar in the row's popover, as a click on a day would */
static void
pick_date (TandemCampaignEditor *editor,
           TandemCampaignInput   input,
           int                   year,
           int                   month,
           int                   day)
{
  GtkWidget *button = gui_test_find_descendant (input_widget (editor, input), GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gui_test_iterate ();
  gtk_calendar_select_day (GTK_CALENDAR (gtk_popover_get_child (popover)), date);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
choose_stage (TandemCampaignEditor *editor,
              const char           *stage)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_STAGE)),
                              (guint) tandem_board_stage_index (stage));
}

static gboolean
save_sensitive (TandemCampaignEditor *editor)
{
  return gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor));
}

static void
save (TandemCampaignEditor *editor)
{
  g_assert_true (save_sensitive (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
}

static void
wait_until_gone (SavedRecord *record)
{
  GUI_TEST_WAIT_UNTIL (record->editor == NULL, SAVE_TIMEOUT_MS);
}

static TandemEntity *
stored_campaign (EditorWorkspace *workspace,
                 const char      *id)
{
  g_autoptr(GError) error = NULL;
  TandemEntity *row = tandem_store_get (workspace->store, TANDEM_TYPE_CAMPAIGN, id, &error);

  g_assert_no_error (error);
  return row;
}

static void
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    g_error ("The locale %s is not installed; the editor's tests need it "
             "(build-aux/test generates it: localedef -i de_DE -f UTF-8 de_DE.UTF-8)", name);
}

/* A new campaign: Save waits for a title, then every field lands in the store */
static void
test_new_campaign (void)
{
  g_autoptr(EditorWorkspace) workspace = editor_workspace_new ();
  g_autoptr(TandemEntity) row = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;
  GtkTextBuffer *description;
  GdkRGBA orange = { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0, 1.0 };
  const char * const *channels;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "me", workspace->sales[0]);
  editor = open_editor (workspace, NULL, "planning", &record);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Campaign");
  g_assert_false (save_sensitive (editor));
  /* an untouched empty title is not shouted at yet */
  g_assert_null (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_TITLE));

  /* owners are offered by role: marketing people on the marketing row */
  g_assert_cmpuint (_tandem_campaign_editor_get_owner_ids (editor, TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER)->len, ==, 3);
  g_assert_false (g_ptr_array_find_with_equal_func (_tandem_campaign_editor_get_owner_ids (editor, TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER),
                                                    workspace->sales[0], g_str_equal, NULL));

  type_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE, "Roadshow Süd");
  g_assert_true (save_sensitive (editor));
  type_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE, "  ");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_TITLE));
  g_assert_true (gtk_widget_has_css_class (input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE), "error"));
  type_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE, "Roadshow Süd");
  g_assert_null (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_TITLE));
  g_assert_false (gtk_widget_has_css_class (input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE), "error"));

  description = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_DESCRIPTION)));
  gtk_text_buffer_set_text (description, "Fünf Städte,\nzwei Wochen.", -1);
  choose_stage (editor, "live");
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (input_widget (editor, TANDEM_CAMPAIGN_INPUT_COLOR)), &orange);

  /* the end before the start blocks saving, with a message under the end */
  type_text (editor, TANDEM_CAMPAIGN_INPUT_START, "2026-06-10");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_END, "2026-06-01");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_END));
  pick_date (editor, TANDEM_CAMPAIGN_INPUT_END, 2026, 6, 21);
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_END), ==, "2026-06-21");
  g_assert_null (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_END));

  choose_owner (editor, TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER, workspace->marketing[1]);
  choose_owner (editor, TANDEM_CAMPAIGN_INPUT_SALES_OWNER, workspace->sales[1]);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_CHANNELS, "Außendienst, Webinar");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT, "Systemintegratoren");

  /* a negative amount blocks saving too */
  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "-10");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED));
  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12,500.50");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT, "99.9");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET, "1,200");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL, "17");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_TARGET, "300");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_ACTUAL, "4");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_PIPELINE_TARGET, "250,000");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_PIPELINE_ACTUAL, "1000");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET, "80,000");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_REVENUE_ACTUAL, "0");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_TRAFFIC_TARGET, "20000");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_TRAFFIC_ACTUAL, "1,500");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET, "4.5");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_CONVERSION_ACTUAL, "1.25 %");
  adw_combo_row_set_selected (ADW_COMBO_ROW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_CURRENCY)), 3);
  g_assert_cmpstr (tandem_campaign_form_get_text (_tandem_campaign_editor_get_form (editor),
                                                  TANDEM_CAMPAIGN_INPUT_CURRENCY), ==, "CHF");

  save (editor);
  wait_until_gone (&record);
  g_assert_cmpuint (record.n_saved, ==, 1);
  g_assert_nonnull (record.saved);

  row = stored_campaign (workspace, tandem_entity_get_id (record.saved));
  g_assert_cmpstr (tandem_entity_get_string (row, "title"), ==, "Roadshow Süd");
  g_assert_cmpstr (tandem_entity_get_string (row, "description"), ==, "Fünf Städte,\nzwei Wochen.");
  g_assert_cmpstr (tandem_entity_get_string (row, "stage"), ==, "live");
  g_assert_cmpstr (tandem_entity_get_string (row, "color"), ==, "#e66100");
  g_assert_cmpstr (tandem_entity_get_string (row, "start"), ==, "2026-06-10");
  g_assert_cmpstr (tandem_entity_get_string (row, "end"), ==, "2026-06-21");
  g_assert_cmpstr (tandem_entity_get_string (row, "marketing_owner"), ==, workspace->marketing[1]);
  g_assert_cmpstr (tandem_entity_get_string (row, "sales_owner"), ==, workspace->sales[1]);
  channels = tandem_entity_get_strv (row, "channels");
  g_assert_cmpuint (g_strv_length ((char **) channels), ==, 2);
  g_assert_cmpstr (channels[0], ==, "Außendienst");
  g_assert_cmpstr (channels[1], ==, "Webinar");
  g_assert_cmpstr (tandem_entity_get_string (row, "segment"), ==, "Systemintegratoren");
  g_assert_cmpstr (tandem_entity_get_string (row, "currency"), ==, "CHF");
  g_assert_cmpint (tandem_entity_get_int (row, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpint (tandem_entity_get_int (row, "budget_spent_cents"), ==, 9990);
  g_assert_cmpint (tandem_entity_get_int (row, "leads_target"), ==, 1200);
  g_assert_cmpint (tandem_entity_get_int (row, "leads_actual"), ==, 17);
  g_assert_cmpint (tandem_entity_get_int (row, "qualified_leads_target"), ==, 300);
  g_assert_cmpint (tandem_entity_get_int (row, "qualified_leads_actual"), ==, 4);
  g_assert_cmpint (tandem_entity_get_int (row, "pipeline_target_cents"), ==, 25000000);
  g_assert_cmpint (tandem_entity_get_int (row, "pipeline_actual_cents"), ==, 100000);
  g_assert_cmpint (tandem_entity_get_int (row, "revenue_target_cents"), ==, 8000000);
  g_assert_cmpint (tandem_entity_get_int (row, "revenue_actual_cents"), ==, 0);
  g_assert_cmpint (tandem_entity_get_int (row, "traffic_target"), ==, 20000);
  g_assert_cmpint (tandem_entity_get_int (row, "traffic_actual"), ==, 1500);
  g_assert_cmpint (tandem_entity_get_int (row, "conversion_target_bp"), ==, 450);
  g_assert_cmpint (tandem_entity_get_int (row, "conversion_actual_bp"), ==, 125);
  g_assert_cmpstr (tandem_entity_get_string (row, "created_by"), ==, workspace->sales[0]);
  g_assert_cmpint (tandem_store_count (workspace->store, TANDEM_TYPE_CAMPAIGN, NULL), ==, 1);
  g_settings_reset (settings, "me");

  g_clear_object (&record.saved);
}

/* An existing campaign in German: amounts read and written as 12.500,50 */
static void
test_edit_german (void)
{
  g_autoptr(EditorWorkspace) workspace = NULL;
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(TandemEntity) row = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;

  use_locale ("de_DE.UTF-8");
  workspace = editor_workspace_new ();
  campaign = editor_workspace_add_campaign (workspace);

  editor = open_editor (workspace, campaign, NULL, &record);
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE), ==, "Hannover Messe 2026");
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), ==, "85.000,00");
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_START), ==, "20.04.2026");
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET), ==, "4,80");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_STAGE))),
                    ==, (guint) tandem_board_stage_index ("production"));
  g_assert_true (save_sensitive (editor));

  /* English grouping is refused in German */
  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12,500.50");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (strstr (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), "12.500,50"));

  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12.500,50");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_END, "30.4.2026");
  save (editor);
  wait_until_gone (&record);

  row = stored_campaign (workspace, tandem_entity_get_id (campaign));
  g_assert_cmpint (tandem_entity_get_int (row, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpstr (tandem_entity_get_string (row, "end"), ==, "2026-04-30");
  /* untouched fields stay as they were */
  g_assert_cmpint (tandem_entity_get_int (row, "budget_spent_cents"), ==, 3120050);
  g_assert_cmpint (tandem_entity_get_int (row, "conversion_target_bp"), ==, 480);
  g_assert_cmpstr (tandem_entity_get_string (row, "sales_owner"), ==, workspace->sales[0]);
  g_assert_cmpint (tandem_entity_get_rev (row), ==, tandem_entity_get_rev (campaign) + 1);

  g_clear_object (&record.saved);
  use_locale ("C.UTF-8");
}

/* Someone else, in another process, changes the same field while the
 * editor is open: the save is refused and the person decides */
static void
test_conflict (void)
{
  g_autoptr(EditorWorkspace) workspace = editor_workspace_new ();
  g_autoptr(TandemEntity) campaign = editor_workspace_add_campaign (workspace);
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;

  editor = open_editor (workspace, campaign, NULL, &record);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "90,000");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE, "Hannover Messe 2026 – Halle 9");

  json_object_set_int_member (patch, "budget_planned_cents", 7000000);
  json_object_set_string_member (patch, "segment", "Automotive");
  theirs = editor_workspace_update_elsewhere (workspace, campaign, patch);

  save (editor);
  g_assert_true (_tandem_campaign_editor_get_saving (editor));
  g_assert_false (save_sensitive (editor));
  /* nothing can be typed while saving: it would be lost on closing */
  g_assert_false (gtk_widget_is_sensitive (input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE)));
  GUI_TEST_WAIT_UNTIL (!_tandem_campaign_editor_get_saving (editor), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_is_sensitive (input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE)));

  /* still open, nothing typed is lost, their other change is taken over */
  g_assert_cmpuint (record.n_saved, ==, 0);
  g_assert_nonnull (_tandem_campaign_editor_get_problem (editor));
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), ==, "90,000");
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_TITLE), ==, "Hannover Messe 2026 – Halle 9");
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT), ==, "Automotive");
  g_assert_nonnull (strstr (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), "70,000.00"));
  g_assert_null (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_TITLE));

  /* the person saves again, keeping their budget */
  save (editor);
  wait_until_gone (&record);
  g_assert_cmpuint (record.n_saved, ==, 1);
  row = stored_campaign (workspace, tandem_entity_get_id (campaign));
  g_assert_cmpint (tandem_entity_get_int (row, "budget_planned_cents"), ==, 9000000);
  g_assert_cmpstr (tandem_entity_get_string (row, "title"), ==, "Hannover Messe 2026 – Halle 9");
  g_assert_cmpstr (tandem_entity_get_string (row, "segment"), ==, "Automotive");

  g_clear_object (&record.saved);
}

/* "Use Theirs" after a conflict takes the other side's value */
static void
test_conflict_use_theirs (void)
{
  g_autoptr(EditorWorkspace) workspace = editor_workspace_new ();
  g_autoptr(TandemEntity) campaign = editor_workspace_add_campaign (workspace);
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;

  editor = open_editor (workspace, campaign, NULL, &record);
  choose_owner (editor, TANDEM_CAMPAIGN_INPUT_SALES_OWNER, workspace->sales[1]);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL, "333");

  json_object_set_null_member (patch, "sales_owner");
  theirs = editor_workspace_update_elsewhere (workspace, campaign, patch);

  save (editor);
  GUI_TEST_WAIT_UNTIL (!_tandem_campaign_editor_get_saving (editor), SAVE_TIMEOUT_MS);
  g_assert_nonnull (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_SALES_OWNER));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.use-theirs", "u",
                                             (guint32) TANDEM_CAMPAIGN_INPUT_SALES_OWNER));
  g_assert_null (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_SALES_OWNER));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_SALES_OWNER))), ==, 0);

  save (editor);
  wait_until_gone (&record);
  row = stored_campaign (workspace, tandem_entity_get_id (campaign));
  g_assert_null (tandem_entity_get_string (row, "sales_owner"));
  g_assert_cmpint (tandem_entity_get_int (row, "leads_actual"), ==, 333);

  g_clear_object (&record.saved);
}

/* The row changes in this process's store while the editor is open:
 * untouched fields follow at once, a field both changed is marked */
static void
test_live_update (void)
{
  g_autoptr(EditorWorkspace) workspace = editor_workspace_new ();
  g_autoptr(TandemEntity) campaign = editor_workspace_add_campaign (workspace);
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GError) error = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;

  editor = open_editor (workspace, campaign, NULL, &record);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET, "1,500");

  json_object_set_int_member (patch, "leads_target", 2000);
  json_object_set_string_member (patch, "segment", "Automotive");
  json_object_set_string_member (patch, "stage", "review");
  theirs = tandem_board_update_campaign (workspace->store, tandem_entity_get_id (campaign),
                                         tandem_entity_get_rev (campaign), patch, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (g_str_equal (shown_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT), "Automotive"), SAVE_TIMEOUT_MS);

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (input_widget (editor, TANDEM_CAMPAIGN_INPUT_STAGE))),
                    ==, (guint) tandem_board_stage_index ("review"));
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET), ==, "1,500");
  g_assert_nonnull (strstr (_tandem_campaign_editor_get_message (editor, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET), "2,000"));
  g_assert_nonnull (_tandem_campaign_editor_get_problem (editor));
  g_assert_true (tandem_campaign_editor_get_campaign (editor) == theirs ||
                 tandem_entity_get_rev (tandem_campaign_editor_get_campaign (editor)) == tandem_entity_get_rev (theirs));

  /* one save, no refusal: the person saw the other value */
  save (editor);
  wait_until_gone (&record);
  row = stored_campaign (workspace, tandem_entity_get_id (campaign));
  g_assert_cmpint (tandem_entity_get_int (row, "leads_target"), ==, 1500);
  g_assert_cmpstr (tandem_entity_get_string (row, "segment"), ==, "Automotive");
  g_assert_cmpstr (tandem_entity_get_string (row, "stage"), ==, "review");
  g_assert_cmpint (tandem_entity_get_rev (row), ==, tandem_entity_get_rev (theirs) + 1);

  g_clear_object (&record.saved);
}

/* Cancel closes at once when nothing changed, and asks otherwise */
static void
test_discard (void)
{
  g_autoptr(EditorWorkspace) workspace = editor_workspace_new ();
  g_autoptr(TandemEntity) campaign = editor_workspace_add_campaign (workspace);
  g_autoptr(TandemEntity) row = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemCampaignEditor *editor;
  GtkWidget *dialog;

  editor = open_editor (workspace, campaign, NULL, &record);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT, "Anything");
  type_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT, "Maschinenbau DACH");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_until_gone (&record);
  g_assert_null (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  editor = open_editor (workspace, campaign, NULL, &record);
  type_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT, "Anything");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, SAVE_TIMEOUT_MS);
  dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* keep editing: still open, still typed */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gui_test_iterate ();
  g_assert_cmpstr (shown_text (editor, TANDEM_CAMPAIGN_INPUT_SEGMENT), ==, "Anything");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  GUI_TEST_WAIT_UNTIL ((dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, SAVE_TIMEOUT_MS);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_until_gone (&record);

  g_assert_cmpuint (record.n_saved, ==, 0);
  row = stored_campaign (workspace, tandem_entity_get_id (campaign));
  g_assert_cmpstr (tandem_entity_get_string (row, "segment"), ==, "Maschinenbau DACH");
  g_assert_cmpint (tandem_entity_get_rev (row), ==, tandem_entity_get_rev (campaign));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  editor_test_init_display ();
  use_locale ("C.UTF-8");

  g_test_add_func ("/editor/gui/new-campaign", test_new_campaign);
  g_test_add_func ("/editor/gui/edit-german", test_edit_german);
  g_test_add_func ("/editor/gui/conflict", test_conflict);
  g_test_add_func ("/editor/gui/conflict-use-theirs", test_conflict_use_theirs);
  g_test_add_func ("/editor/gui/live-update", test_live_update);
  g_test_add_func ("/editor/gui/discard", test_discard);

  return g_test_run ();
}
