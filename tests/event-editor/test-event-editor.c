/* test-event-editor.c — the event editor window on real workspaces
 *
 * Runs in-process under Xvfb (build-aux/test wraps meson test in xvfb-run
 * -a dbus-run-session). The widgets are filled the way a person's typing
 * and clicking fills them (GtkEditable text, combo selections, switches,
 * check and toggle buttons, the calendar popover), Save goes through the
 * window's action, and the store is read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-event-editor"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tandem-event-editor-private.h"

#include "event-test-util.h"
#include "gui-test-util.h"

#define SAVE_TIMEOUT_MS 10000

typedef struct
{
  TandemEntity *saved;
  guint         n_saved;
  GtkWidget    *editor;  /* weak: NULL once the editor is gone */
} SavedRecord;

static void
saved_cb (TandemEventEditor *editor,
          TandemEntity      *row,
          SavedRecord       *record)
{
  g_set_object (&record->saved, row);
  record->n_saved++;
}

/* GTK 4.8 starts its tooltip delay on pointer events and, when it ends,
 * reads the pointer position of the surface it began on, even if that is
 * gone by then (a critical). Surfaces mapped under Xvfb's pointer (at
 * 640,512) get such events: the tests open nothing there and have no
 * tooltips. */
static void
drop_tooltips (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    drop_tooltips (child);
}

static TandemEventEditor *
open_editor (EventWorkspace *workspace,
             TandemEntity   *event,
             GDateTime      *day,
             SavedRecord    *record)
{
  GtkWidget *editor = tandem_event_editor_new (workspace->base->store, G_LIST_MODEL (workspace->base->people),
                                               G_LIST_MODEL (workspace->campaigns), event, day);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), record);
  record->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &record->editor);
  drop_tooltips (editor);
  gtk_window_present (GTK_WINDOW (editor));
  gui_test_iterate ();
  return TANDEM_EVENT_EDITOR (editor);
}

static GtkWidget *
input_widget (TandemEventEditor *editor,
              TandemEventInput   input)
{
  return _tandem_event_editor_get_input_widget (editor, input);
}

static void
type_text (TandemEventEditor *editor,
           TandemEventInput   input,
           const char        *text)
{
  GtkWidget *widget = input_widget (editor, input);

  g_assert_true (GTK_IS_EDITABLE (widget));
  g_assert_true (gtk_widget_get_visible (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static const char *
shown_text (TandemEventEditor *editor,
            TandemEventInput   input)
{
  return gtk_editable_get_text (GTK_EDITABLE (input_widget (editor, input)));
}

static void
choose (TandemEventEditor *editor,
        TandemEventInput   input,
        const char        *value)
{
  GPtrArray *ids = _tandem_event_editor_get_choice_ids (editor, input);
  guint index;

  g_assert_true (g_ptr_array_find_with_equal_func (ids, value, g_str_equal, &index));
  adw_combo_row_set_selected (ADW_COMBO_ROW (input_widget (editor, input)), index);
}

static const char *
chosen (TandemEventEditor *editor,
        TandemEventInput   input)
{
  GPtrArray *ids = _tandem_event_editor_get_choice_ids (editor, input);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (input_widget (editor, input)));

  g_assert_cmpuint (selected, <, ids->len);
  return ids->pdata[selected];
}

/* The calendar in the row's popover, as a click on a day would. The
 * popover is not shown: under Xvfb it would open beneath the pointer (see
 * drop_tooltips()). */
static void
pick_date (TandemEventEditor *editor,
           TandemEventInput   input,
           int                year,
           int                month,
           int                day)
{
  GtkWidget *row = gtk_widget_get_ancestor (input_widget (editor, input), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *button = gui_test_find_descendant (row, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_calendar_select_day (GTK_CALENDAR (gtk_popover_get_child (popover)), date);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
}

static void
attend (TandemEventEditor *editor,
        const char        *person_id,
        gboolean           attending)
{
  GtkCheckButton *check = _tandem_event_editor_get_attendee_check (editor, person_id);

  g_assert_nonnull (check);
  gtk_check_button_set_active (check, attending);
}

static gboolean
save_sensitive (TandemEventEditor *editor)
{
  return gtk_widget_is_sensitive (_tandem_event_editor_get_save_button (editor));
}

static void
save (TandemEventEditor *editor)
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
stored_event (EventWorkspace *workspace,
              const char     *id)
{
  g_autoptr(GError) error = NULL;
  TandemEntity *row = tandem_store_get (workspace->base->store, TANDEM_TYPE_EVENT, id, &error);

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

/* A new event with every field, typed in German: the store holds them,
 * times with Berlin's offset of that day */
static void
test_new_event (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 3, 0, 0, 0);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;
  TandemEntity *row;
  const char * const *attendees;
  GtkTextBuffer *notes;

  use_locale ("de_DE.UTF-8");
  g_settings_set_string (settings, "me", workspace->base->sales[1]);
  editor = open_editor (workspace, NULL, day, &record);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Neuer Termin");

  /* prefilled 09:00–10:00 on the day; no title yet: no Save, no shouting */
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_DATE), ==, "03.12.2026");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_TIME), ==, "09:00");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_TIME), ==, "10:00");
  g_assert_false (save_sensitive (editor));
  g_assert_null (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_TITLE));

  /* the local zone first, the common ones, "None" first of the campaigns */
  g_assert_cmpstr (g_ptr_array_index (_tandem_event_editor_get_choice_ids (editor, TANDEM_EVENT_INPUT_TZID), 0), ==, "UTC");
  g_assert_true (g_ptr_array_find_with_equal_func (_tandem_event_editor_get_choice_ids (editor, TANDEM_EVENT_INPUT_TZID),
                                                   "Asia/Shanghai", g_str_equal, NULL));
  g_assert_cmpstr (g_ptr_array_index (_tandem_event_editor_get_choice_ids (editor, TANDEM_EVENT_INPUT_CAMPAIGN), 0), ==, "");

  type_text (editor, TANDEM_EVENT_INPUT_TITLE, "Gemeinsame Vertriebsrunde");
  g_assert_true (save_sensitive (editor));
  choose (editor, TANDEM_EVENT_INPUT_KIND, "trade-show");
  type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Hannover, Halle 9");
  type_text (editor, TANDEM_EVENT_INPUT_START_DATE, "4.12.26");
  /* the end moved along with the start */
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_DATE), ==, "04.12.2026");
  pick_date (editor, TANDEM_EVENT_INPUT_START_DATE, 2026, 12, 3);
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_DATE), ==, "03.12.2026");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_DATE), ==, "03.12.2026");
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "9.30");
  /* the meeting keeps its hour */
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_TIME), ==, "10:30");
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "23:30");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_DATE), ==, "04.12.2026");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_TIME), ==, "00:30");
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "9.30");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_DATE), ==, "03.12.2026");
  type_text (editor, TANDEM_EVENT_INPUT_END_TIME, "11:15");
  choose (editor, TANDEM_EVENT_INPUT_TZID, "Europe/Berlin");

  /* one from marketing: no joint meeting yet; with sales it is one */
  attend (editor, workspace->base->marketing[0], TRUE);
  g_assert_false (_tandem_event_editor_shows_joint_hint (editor));
  attend (editor, workspace->base->sales[0], TRUE);
  g_assert_true (_tandem_event_editor_shows_joint_hint (editor));

  choose (editor, TANDEM_EVENT_INPUT_CAMPAIGN, tandem_entity_get_id (workspace->campaign));
  notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input_widget (editor, TANDEM_EVENT_INPUT_NOTES)));
  gtk_text_buffer_set_text (notes, "Standplan mitbringen.\nKundenliste abgleichen.", -1);

  /* weekly: the start's weekday (a Thursday) is on, Friday added */
  g_assert_false (gtk_widget_get_visible (input_widget (editor, TANDEM_EVENT_INPUT_WEEKDAYS)));
  choose (editor, TANDEM_EVENT_INPUT_RECURRENCE, "weekly");
  g_assert_true (gtk_widget_get_visible (input_widget (editor, TANDEM_EVENT_INPUT_WEEKDAYS)));
  g_assert_true (gtk_toggle_button_get_active (_tandem_event_editor_get_weekday_toggle (editor, 3)));
  gtk_toggle_button_set_active (_tandem_event_editor_get_weekday_toggle (editor, 4), TRUE);

  save (editor);
  wait_until_gone (&record);
  g_assert_cmpuint (record.n_saved, ==, 1);

  events = tandem_store_list (workspace->base->store, TANDEM_TYPE_EVENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  row = events->pdata[0];
  g_assert_cmpstr (tandem_entity_get_id (row), ==, tandem_entity_get_id (record.saved));
  g_assert_cmpstr (tandem_entity_get_string (row, "title"), ==, "Gemeinsame Vertriebsrunde");
  g_assert_cmpstr (tandem_entity_get_string (row, "kind"), ==, "trade-show");
  g_assert_cmpstr (tandem_entity_get_string (row, "location"), ==, "Hannover, Halle 9");
  g_assert_false (tandem_entity_get_bool (row, "all_day"));
  g_assert_cmpstr (tandem_entity_get_string (row, "start"), ==, "2026-12-03T09:30:00+01:00");
  g_assert_cmpstr (tandem_entity_get_string (row, "end"), ==, "2026-12-03T11:15:00+01:00");
  g_assert_cmpstr (tandem_entity_get_string (row, "tzid"), ==, "Europe/Berlin");
  attendees = tandem_entity_get_strv (row, "attendees");
  g_assert_cmpuint (g_strv_length ((char **) attendees), ==, 2);
  g_assert_cmpstr (attendees[0], ==, workspace->base->marketing[0]);
  g_assert_cmpstr (attendees[1], ==, workspace->base->sales[0]);
  g_assert_cmpstr (tandem_entity_get_string (row, "campaign"), ==, tandem_entity_get_id (workspace->campaign));
  g_assert_cmpstr (tandem_entity_get_string (row, "notes"), ==, "Standplan mitbringen.\nKundenliste abgleichen.");
  g_assert_cmpstr (tandem_entity_get_string (row, "rrule"), ==, "FREQ=WEEKLY;BYDAY=TH,FR");
  g_assert_cmpstr (tandem_entity_get_string (row, "created_by"), ==, workspace->base->sales[1]);

  g_settings_reset (settings, "me");
  g_clear_object (&record.saved);
  use_locale ("C.UTF-8");
}

/* Save stays off while the title is empty or the end is before the start */
static void
test_save_insensitive (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 6, 1, 0, 0, 0);
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;

  editor = open_editor (workspace, NULL, day, &record);
  type_text (editor, TANDEM_EVENT_INPUT_TITLE, "Kickoff");
  g_assert_true (save_sensitive (editor));
  type_text (editor, TANDEM_EVENT_INPUT_TITLE, "   ");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_TITLE));
  g_assert_true (gtk_widget_has_css_class (input_widget (editor, TANDEM_EVENT_INPUT_TITLE), "error"));
  type_text (editor, TANDEM_EVENT_INPUT_TITLE, "Kickoff");
  g_assert_null (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_TITLE));

  /* the end before the start: on the time */
  type_text (editor, TANDEM_EVENT_INPUT_END_TIME, "8:30");
  g_assert_false (save_sensitive (editor));
  g_assert_cmpstr (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_END_TIME), ==,
                   "The end is before the start");
  g_assert_true (gtk_widget_has_css_class (input_widget (editor, TANDEM_EVENT_INPUT_END_TIME), "error"));
  type_text (editor, TANDEM_EVENT_INPUT_END_TIME, "9:30");
  g_assert_true (save_sensitive (editor));
  g_assert_null (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_END_TIME));

  /* a time that is none */
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "9:75");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_START_TIME));
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "9");
  g_assert_true (save_sensitive (editor));

  /* all day: the times and the zone go away, the end date still counts */
  gtk_switch_set_active (_tandem_event_editor_get_all_day_switch (editor), TRUE);
  g_assert_false (gtk_widget_get_visible (input_widget (editor, TANDEM_EVENT_INPUT_START_TIME)));
  g_assert_false (gtk_widget_get_visible (input_widget (editor, TANDEM_EVENT_INPUT_TZID)));
  g_assert_true (save_sensitive (editor));
  pick_date (editor, TANDEM_EVENT_INPUT_END_DATE, 2026, 5, 31);
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_END_DATE));

  /* a custom rule that is none */
  pick_date (editor, TANDEM_EVENT_INPUT_END_DATE, 2026, 6, 2);
  g_assert_true (save_sensitive (editor));
  choose (editor, TANDEM_EVENT_INPUT_RECURRENCE, "custom");
  g_assert_false (save_sensitive (editor));
  type_text (editor, TANDEM_EVENT_INPUT_RRULE, "FREQ=WEEKLY;BYDAY=XX");
  g_assert_false (save_sensitive (editor));
  g_assert_nonnull (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_RRULE));
  type_text (editor, TANDEM_EVENT_INPUT_RRULE, "FREQ=MONTHLY;BYDAY=1MO");
  g_assert_true (save_sensitive (editor));

  save (editor);
  wait_until_gone (&record);
  g_assert_true (tandem_entity_get_bool (record.saved, "all_day"));
  g_assert_cmpstr (tandem_entity_get_string (record.saved, "start"), ==, "2026-06-01");
  g_assert_cmpstr (tandem_entity_get_string (record.saved, "end"), ==, "2026-06-03");
  g_assert_cmpstr (tandem_entity_get_string (record.saved, "rrule"), ==, "FREQ=MONTHLY;BYDAY=1MO");
  g_clear_object (&record.saved);
}

/* An existing event: shown in its zone, only what changed is written */
static void
test_edit_event (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(TandemEntity) event = event_workspace_add_event (workspace);
  g_autoptr(TandemEntity) row = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;

  editor = open_editor (workspace, event, NULL, &record);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Event");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_TITLE), ==, "Messe-Abstimmung Marketing/Vertrieb");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_DATE), ==, "2026-04-13");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_TIME), ==, "10:00");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_END_TIME), ==, "11:30");
  g_assert_cmpstr (chosen (editor, TANDEM_EVENT_INPUT_TZID), ==, "Europe/Berlin");
  g_assert_cmpstr (chosen (editor, TANDEM_EVENT_INPUT_RECURRENCE), ==, "weekly");
  g_assert_cmpstr (chosen (editor, TANDEM_EVENT_INPUT_CAMPAIGN), ==, tandem_entity_get_id (workspace->campaign));
  g_assert_true (gtk_toggle_button_get_active (_tandem_event_editor_get_weekday_toggle (editor, 0)));
  g_assert_true (gtk_check_button_get_active (_tandem_event_editor_get_attendee_check (editor, workspace->base->sales[0])));
  g_assert_false (gtk_check_button_get_active (_tandem_event_editor_get_attendee_check (editor, workspace->base->sales[1])));
  g_assert_true (_tandem_event_editor_shows_joint_hint (editor));

  /* sales leaves: no joint meeting any more */
  attend (editor, workspace->base->sales[0], FALSE);
  g_assert_false (_tandem_event_editor_shows_joint_hint (editor));
  attend (editor, workspace->base->marketing[1], TRUE);
  type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Besprechungsraum Alster");
  choose (editor, TANDEM_EVENT_INPUT_CAMPAIGN, "");
  save (editor);
  wait_until_gone (&record);

  row = stored_event (workspace, tandem_entity_get_id (event));
  g_assert_cmpint (tandem_entity_get_rev (row), ==, tandem_entity_get_rev (event) + 1);
  g_assert_cmpstr (tandem_entity_get_string (row, "location"), ==, "Besprechungsraum Alster");
  g_assert_null (tandem_entity_get_string (row, "campaign"));
  g_assert_cmpuint (g_strv_length ((char **) tandem_entity_get_strv (row, "attendees")), ==, 2);
  g_assert_cmpstr (tandem_entity_get_strv (row, "attendees")[1], ==, workspace->base->marketing[1]);
  /* untouched times keep their stored form */
  g_assert_cmpstr (tandem_entity_get_string (row, "start"), ==, "2026-04-13T08:00:00Z");
  g_assert_cmpstr (tandem_entity_get_string (row, "rrule"), ==, "FREQ=WEEKLY;BYDAY=MO");
  g_clear_object (&record.saved);
}

/* Someone else changes the same field meanwhile: nothing typed is lost */
static void
test_conflict (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(TandemEntity) event = event_workspace_add_event (workspace);
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GError) error = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;

  editor = open_editor (workspace, event, NULL, &record);
  type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Halle 9, Stand D18");

  json_object_set_string_member (patch, "location", "Besprechungsraum Alster");
  json_object_set_string_member (patch, "notes", "Neue Agenda folgt.");
  theirs = tandem_store_update (workspace->base->store, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                tandem_entity_get_rev (event), patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (_tandem_event_editor_get_problem (editor) != NULL, SAVE_TIMEOUT_MS);

  /* mine kept and marked with theirs; their notes taken over */
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_LOCATION), ==, "Halle 9, Stand D18");
  g_assert_nonnull (strstr (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_LOCATION),
                            "Besprechungsraum Alster"));
  g_assert_cmpstr (tandem_event_form_get_text (_tandem_event_editor_get_form (editor), TANDEM_EVENT_INPUT_NOTES),
                   ==, "Neue Agenda folgt.");

  save (editor);
  wait_until_gone (&record);
  row = stored_event (workspace, tandem_entity_get_id (event));
  g_assert_cmpstr (tandem_entity_get_string (row, "location"), ==, "Halle 9, Stand D18");
  g_assert_cmpstr (tandem_entity_get_string (row, "notes"), ==, "Neue Agenda folgt.");
  g_assert_cmpint (tandem_entity_get_rev (row), ==, tandem_entity_get_rev (theirs) + 1);
  g_clear_object (&record.saved);
}

/* Saved elsewhere (another process): the save is refused, the editor
 * takes theirs where the person typed nothing; "Use Theirs" takes theirs
 * where both typed */
static void
test_refused_save_use_theirs (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(TandemEntity) event = event_workspace_add_event (workspace);
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GError) error = NULL;
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;

  editor = open_editor (workspace, event, NULL, &record);
  type_text (editor, TANDEM_EVENT_INPUT_TITLE, "Messe-Abstimmung (verschoben)");
  type_text (editor, TANDEM_EVENT_INPUT_START_TIME, "10:30");

  other = tandem_store_open (workspace->base->path, &error);
  g_assert_no_error (error);
  json_object_set_string_member (patch, "title", "Messe-Abstimmung Halle 9");
  json_object_set_string_member (patch, "kind", "deadline");
  theirs = tandem_store_update (other, TANDEM_TYPE_EVENT, tandem_entity_get_id (event),
                                tandem_entity_get_rev (event), patch, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  save (editor);
  GUI_TEST_WAIT_UNTIL (_tandem_event_editor_get_problem (editor) != NULL, SAVE_TIMEOUT_MS);
  g_assert_nonnull (record.editor);
  g_assert_cmpuint (record.n_saved, ==, 0);
  g_assert_cmpstr (chosen (editor, TANDEM_EVENT_INPUT_KIND), ==, "deadline");
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_TITLE), ==, "Messe-Abstimmung (verschoben)");
  g_assert_nonnull (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_TITLE));
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_START_TIME), ==, "10:30");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.use-theirs", "u",
                                             (guint32) TANDEM_EVENT_INPUT_TITLE));
  g_assert_cmpstr (shown_text (editor, TANDEM_EVENT_INPUT_TITLE), ==, "Messe-Abstimmung Halle 9");
  g_assert_null (_tandem_event_editor_get_message (editor, TANDEM_EVENT_INPUT_TITLE));

  save (editor);
  wait_until_gone (&record);
  row = stored_event (workspace, tandem_entity_get_id (event));
  g_assert_cmpstr (tandem_entity_get_string (row, "title"), ==, "Messe-Abstimmung Halle 9");
  g_assert_cmpstr (tandem_entity_get_string (row, "kind"), ==, "deadline");
  g_assert_cmpstr (tandem_entity_get_string (row, "start"), ==, "2026-04-13T10:30:00+02:00");
  g_clear_object (&record.saved);
}

/* Cancel closes at once when nothing changed, and asks otherwise */
static void
test_discard (void)
{
  g_autoptr(EventWorkspace) workspace = event_workspace_new ();
  g_autoptr(TandemEntity) event = event_workspace_add_event (workspace);
  SavedRecord record = { NULL, 0, NULL };
  TandemEventEditor *editor;
  GtkWidget *dialog;

  /* typed and taken back: no change */
  editor = open_editor (workspace, event, NULL, &record);
  type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Anywhere");
  type_text (editor, TANDEM_EVENT_INPUT_LOCATION, "Besprechungsraum Elbe, 3. OG");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_until_gone (&record);
  g_assert_null (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  editor = open_editor (workspace, event, NULL, &record);
  attend (editor, workspace->base->sales[1], TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  GUI_TEST_WAIT_UNTIL ((dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, SAVE_TIMEOUT_MS);
  drop_tooltips (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_until_gone (&record);
  g_assert_cmpuint (record.n_saved, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  editor_test_init_display ();
  use_locale ("C.UTF-8");

  g_test_add_func ("/event-editor/gui/new-event", test_new_event);
  g_test_add_func ("/event-editor/gui/save-insensitive", test_save_insensitive);
  g_test_add_func ("/event-editor/gui/edit-event", test_edit_event);
  g_test_add_func ("/event-editor/gui/conflict", test_conflict);
  g_test_add_func ("/event-editor/gui/refused-save", test_refused_save_use_theirs);
  g_test_add_func ("/event-editor/gui/discard", test_discard);

  return g_test_run ();
}
