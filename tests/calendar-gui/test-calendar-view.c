/* test-calendar-view.c — the calendar views on real workspace files
 *
 * Runs the real window in-process under Xvfb, drives the calendar through
 * its actions, its signals and its drop targets (GTK 4.8 cannot synthesize
 * events), and reads the workspace file back with a second store handle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-calendar-view"

#include "config.h"

#include "tandem-application.h"
#include "tandem-asset.h"
#include "tandem-calendar-view-private.h"
#include "tandem-campaign.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-gui.h"
#include "tandem-person.h"
#include "tandem-util.h"
#include "tandem-window-private.h"

#include "a11y-walk.h"
#include "tandem-calendar.h"
#include "tandem-event-editor-private.h"

#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000
#define ITEM_KEY        "tandem-calendar-item"

static TandemApplication *app;

typedef struct
{
  char               *path;
  TandemWindow       *window;
  TandemCalendarView *view;
  char               *meeting;     /* 2026-03-05 10:00–11:00 UTC, joint */
  char               *campaign;    /* 2026-03-02 … 2026-03-10 */
  char               *asset;       /* due 2026-03-12 */
  char               *weekly;      /* every Monday from 2026-03-02 09:00 */
  char               *allday;      /* 2026-03-20, all day */
  TandemEntity       *edited;
  GDateTime          *edited_day;
  guint               n_edits;
} Fixture;

static guint32
julian (guint d, guint m, guint y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static char *
insert (TandemStore *store,
        GType        type,
        const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) row = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  row = tandem_store_insert (store, type, json_node_get_object (json_parser_get_root (parser)),
                             TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_entity_get_id (row));
}

static gboolean
settled (Fixture *f)
{
  return !tandem_window_get_busy (f->window) && tandem_window_get_store (f->window) != NULL &&
         !_tandem_calendar_view_get_loading (f->view) && _tandem_calendar_view_get_n_writes (f->view) == 0;
}

static void
settle (Fixture *f)
{
  GUI_TEST_WAIT_UNTIL (settled (f), LOAD_TIMEOUT_MS);
  for (guint i = 0; i < 5; i++)
    gui_test_iterate ();
  GUI_TEST_WAIT_UNTIL (settled (f), LOAD_TIMEOUT_MS);
}

static void
edit_event_cb (TandemCalendarView *view,
               TandemEntity       *event,
               GDateTime          *day,
               Fixture            *f)
{
  g_clear_object (&f->edited);
  g_clear_pointer (&f->edited_day, g_date_time_unref);
  f->edited = event ? g_object_ref (event) : NULL;
  f->edited_day = day ? g_date_time_ref (day) : NULL;
  f->n_edits++;
}

static void
show_march (Fixture *f)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 5, 3, 2026);
  _tandem_calendar_view_set_date (f->view, &day);
  settle (f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspaces", name, NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *anna = NULL;
  g_autofree char *ben = NULL;
  g_autofree char *json = NULL;

  f->path = gui_test_make_workspace (dir, "Calendar", NULL);
  store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  anna = insert (store, TANDEM_TYPE_PERSON, "{\"name\": \"Anna Marketing\", \"role\": \"marketing\"}");
  ben = insert (store, TANDEM_TYPE_PERSON, "{\"name\": \"Ben Vertrieb\", \"role\": \"sales\"}");
  json = g_strdup_printf ("{\"title\": \"Abstimmung\", \"kind\": \"meeting\", \"start\": \"2026-03-05T10:00:00Z\","
                          " \"end\": \"2026-03-05T11:00:00Z\", \"tzid\": \"UTC\", \"attendees\": [\"%s\", \"%s\"]}",
                          anna, ben);
  f->meeting = insert (store, TANDEM_TYPE_EVENT, json);
  f->campaign = insert (store, TANDEM_TYPE_CAMPAIGN, "{\"title\": \"Frühjahrsaktion\", \"start\": \"2026-03-02\","
                                                     " \"end\": \"2026-03-10\", \"color\": \"#26a269\"}");
  g_free (json);
  json = g_strdup_printf ("{\"title\": \"Broschüre\", \"campaign\": \"%s\", \"due\": \"2026-03-12\"}", f->campaign);
  f->asset = insert (store, TANDEM_TYPE_ASSET, json);
  f->weekly = insert (store, TANDEM_TYPE_EVENT, "{\"title\": \"Wochenrunde\", \"kind\": \"meeting\","
                                                " \"start\": \"2026-03-02T09:00:00Z\", \"end\": \"2026-03-02T09:30:00Z\","
                                                " \"tzid\": \"UTC\", \"rrule\": \"FREQ=WEEKLY\"}");
  f->allday = insert (store, TANDEM_TYPE_EVENT, "{\"title\": \"Produktstart\", \"kind\": \"launch\","
                                                " \"all_day\": true, \"start\": \"2026-03-20\", \"end\": \"2026-03-21\"}");
  g_clear_object (&store);

  file = g_file_new_for_path (f->path);
  f->window = tandem_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  tandem_window_open (f->window, file);
  f->view = TANDEM_CALENDAR_VIEW (gui_test_find_descendant (GTK_WIDGET (f->window), TANDEM_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (f->view);
  g_signal_connect (f->view, "edit-event", G_CALLBACK (edit_event_cb), f);
  tandem_window_set_view (f->window, "calendar");
  settle (f);
  show_march (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy_toplevels ();
  g_clear_object (&f->edited);
  g_clear_pointer (&f->edited_day, g_date_time_unref);
  g_free (f->path);
  g_free (f->meeting);
  g_free (f->campaign);
  g_free (f->asset);
  g_free (f->weekly);
  g_free (f->allday);
}

static TandemEntity *
read_back (Fixture    *f,
           GType       type,
           const char *id)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TandemEntity *row;

  store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  row = tandem_store_get (store, type, id, &error);
  /* a deleted row is not found */
  g_assert_true (row != NULL || g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND));
  return row;
}

static void
assert_time (const char *stored,
             const char *expected)
{
  g_autoptr(GDateTime) a = tandem_parse_date_time (stored, NULL);
  g_autoptr(GDateTime) b = tandem_parse_date_time (expected, NULL);

  g_assert_nonnull (a);
  g_assert_true (g_date_time_equal (a, b));
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  guint32 start, end;
  GtkWidget *chip;

  _tandem_calendar_view_get_range (f->view, &start, &end);
  /* C.UTF-8 weeks start on Monday: 23 February to 5 April */
  g_assert_cmpuint (start, ==, julian (23, 2, 2026));
  g_assert_cmpuint (end, ==, julian (6, 4, 2026));

  chip = _tandem_calendar_view_find_item (f->view, f->meeting, julian (5, 3, 2026));
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "joint"));
  g_assert_true (gtk_widget_has_css_class (chip, "kind-meeting"));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->meeting, julian (6, 3, 2026)));

  /* the campaign bar wraps over two week rows: two widgets */
  chip = _tandem_calendar_view_find_item (f->view, f->campaign, julian (2, 3, 2026));
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "calendar-bar"));
  g_assert_true (gtk_widget_has_css_class (chip, "continues-after"));
  g_assert_cmpuint (_tandem_calendar_view_count_items_on (f->view, julian (10, 3, 2026)), >=, 1);
  g_assert_cmpuint (_tandem_calendar_view_count_items_on (f->view, julian (11, 3, 2026)), ==, 0);

  chip = _tandem_calendar_view_find_item (f->view, f->asset, julian (12, 3, 2026));
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "review-due"));

  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->allday, julian (20, 3, 2026)));
  /* the weekly meeting on every Monday of the grid */
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (2, 3, 2026)));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (30, 3, 2026)));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->weekly, julian (23, 2, 2026)));

  /* only joint meetings */
  _tandem_calendar_view_set_filter (f->view, 0, NULL, NULL, TRUE);
  settle (f);
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->meeting, 0));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->weekly, 0));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->campaign, 0));
  _tandem_calendar_view_set_filter (f->view, 0, f->campaign, NULL, FALSE);
  settle (f);
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->campaign, 0));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->asset, 0));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->meeting, 0));
  _tandem_calendar_view_set_filter (f->view, 0, NULL, NULL, FALSE);
  settle (f);

  g_assert_cmpstr (_tandem_window_get_count_text (f->window, "calendar"), ==, "3 events in this workspace");
}

static void
test_navigate (Fixture       *f,
               gconstpointer  data)
{
  guint32 start, end;
  GDate day;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.next", NULL));
  settle (f);
  _tandem_calendar_view_get_range (f->view, &start, &end);
  g_assert_cmpuint (start, ==, julian (30, 3, 2026));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (6, 4, 2026)));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->meeting, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.previous", NULL));
  settle (f);
  _tandem_calendar_view_get_range (f->view, &start, &end);
  g_assert_cmpuint (start, ==, julian (26, 1, 2026));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.today", NULL));
  settle (f);
  _tandem_calendar_view_get_date (f->view, &day);
  g_assert_cmpuint (g_date_get_julian (&day), ==,
                    julian (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                            g_date_time_get_year (now)));

  /* the week view: one week, the week of the date */
  show_march (f);
  _tandem_calendar_view_set_mode (f->view, TANDEM_CALENDAR_MODE_WEEK);
  settle (f);
  _tandem_calendar_view_get_range (f->view, &start, &end);
  g_assert_cmpuint (start, ==, julian (2, 3, 2026));
  g_assert_cmpuint (end, ==, julian (9, 3, 2026));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->meeting, julian (5, 3, 2026)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.next", NULL));
  settle (f);
  _tandem_calendar_view_get_range (f->view, &start, &end);
  g_assert_cmpuint (start, ==, julian (9, 3, 2026));

  /* the agenda: the month as a list */
  _tandem_calendar_view_set_mode (f->view, TANDEM_CALENDAR_MODE_AGENDA);
  settle (f);
  _tandem_calendar_view_get_range (f->view, &start, &end);
  g_assert_cmpuint (start, ==, julian (1, 3, 2026));
  g_assert_cmpuint (end, ==, julian (1, 4, 2026));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->allday, 0));
}

static void
test_edit_signal (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *chip;
  GtkWidget *cell;
  GtkEventController *click = NULL;
  g_autoptr(GListModel) controllers = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-event", NULL));
  g_assert_cmpuint (f->n_edits, ==, 1);
  g_assert_null (f->edited);
  g_assert_nonnull (f->edited_day);

  /* a double-click on a day asks for a new event on that day */
  cell = _tandem_calendar_view_find_day (f->view, julian (17, 3, 2026), -1);
  g_assert_nonnull (cell);
  controllers = gtk_widget_observe_controllers (cell);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = controller;
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
  g_assert_cmpuint (f->n_edits, ==, 1);
  g_signal_emit_by_name (click, "pressed", 2, 10.0, 10.0);
  g_assert_cmpuint (f->n_edits, ==, 2);
  g_assert_null (f->edited);
  g_assert_cmpint (g_date_time_get_day_of_month (f->edited_day), ==, 17);
  g_assert_cmpint (g_date_time_get_month (f->edited_day), ==, 3);

  /* activating an event asks to edit it */
  chip = _tandem_calendar_view_find_item (f->view, f->meeting, 0);
  g_signal_emit_by_name (chip, "clicked");
  g_assert_cmpuint (f->n_edits, ==, 3);
  g_assert_nonnull (f->edited);
  g_assert_cmpstr (tandem_entity_get_id (f->edited), ==, f->meeting);
  g_assert_null (f->edited_day);
}

/* The window answers edit-event with the event editor: a new event typed
 * there lands in the store */
static void
test_event_editor (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TandemEventEditor *editor;
  GtkWidget *title;
  gboolean found = FALSE;

  /* Ctrl+N in the calendar is a new event */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-item", NULL));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR) != NULL, 2000);
  editor = TANDEM_EVENT_EDITOR (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  title = _tandem_event_editor_get_input_widget (editor, TANDEM_EVENT_INPUT_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (title), "Kundentag Süd");
  g_assert_true (gtk_widget_get_sensitive (_tandem_event_editor_get_save_button (editor)));
  gtk_widget_activate (_tandem_event_editor_get_save_button (editor));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR) == NULL, 5000);

  other = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  events = tandem_store_list (other, TANDEM_TYPE_EVENT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    found |= g_strcmp0 (tandem_entity_get_string (events->pdata[i], "title"), "Kundentag Süd") == 0;
  g_assert_true (found);

  /* an existing event opens with its values */
  g_signal_emit_by_name (_tandem_calendar_view_find_item (f->view, f->meeting, 0), "clicked");
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR) != NULL, 2000);
  editor = TANDEM_EVENT_EDITOR (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR));
  title = _tandem_event_editor_get_input_widget (editor, TANDEM_EVENT_INPUT_TITLE);
  {
    g_autoptr(TandemEntity) meeting = tandem_store_get (other, TANDEM_TYPE_EVENT, f->meeting, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, tandem_entity_get_string (meeting, "title"));
  }
}

static void
drop_on (Fixture   *f,
         GtkWidget *item,
         GtkWidget *target_widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (target_widget);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, g_object_get_data (G_OBJECT (item), ITEM_KEY));
  g_signal_emit_by_name (target, "drop", &value, 5.0, 5.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  settle (f);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TandemEntity) meeting = NULL;
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(TandemEntity) allday = NULL;

  /* an event onto another day: start and end move together */
  drop_on (f, _tandem_calendar_view_find_item (f->view, f->meeting, 0),
           _tandem_calendar_view_find_day (f->view, julian (12, 3, 2026), -1));
  meeting = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  assert_time (tandem_entity_get_string (meeting, "start"), "2026-03-12T10:00:00Z");
  assert_time (tandem_entity_get_string (meeting, "end"), "2026-03-12T11:00:00Z");
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->meeting, julian (12, 3, 2026)));
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->meeting, julian (5, 3, 2026)));

  /* a campaign bar: both dates */
  drop_on (f, _tandem_calendar_view_find_item (f->view, f->campaign, 0),
           _tandem_calendar_view_find_day (f->view, julian (4, 3, 2026), -1));
  campaign = read_back (f, TANDEM_TYPE_CAMPAIGN, f->campaign);
  g_assert_cmpstr (tandem_entity_get_string (campaign, "start"), ==, "2026-03-04");
  g_assert_cmpstr (tandem_entity_get_string (campaign, "end"), ==, "2026-03-12");

  /* an all-day event onto a day label */
  drop_on (f, _tandem_calendar_view_find_item (f->view, f->allday, 0),
           _tandem_calendar_view_find_day (f->view, julian (23, 3, 2026), -1));
  allday = read_back (f, TANDEM_TYPE_EVENT, f->allday);
  g_assert_cmpstr (tandem_entity_get_string (allday, "start"), ==, "2026-03-23");
  g_assert_cmpstr (tandem_entity_get_string (allday, "end"), ==, "2026-03-24");

  /* a series with a deleted occurrence, one day later: the deleted one
   * stays deleted (its exception date moves along) */
  {
    g_autoptr(TandemStore) other = NULL;
    g_autoptr(TandemEntity) weekly = NULL;
    g_autoptr(TandemEntity) override = NULL;
    g_autoptr(GError) error = NULL;

    other = tandem_store_open (f->path, &error);
    g_assert_no_error (error);
    {
      g_autoptr(JsonObject) patch = json_object_new ();
      g_autoptr(TandemEntity) updated = NULL;

      json_object_set_string_member (patch, "rrule", "FREQ=WEEKLY;BYDAY=MO");
      updated = tandem_store_update (other, TANDEM_TYPE_EVENT, f->weekly, 0, patch, TANDEM_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
    }
    g_assert_true (tandem_calendar_delete_occurrence (other, f->weekly, "2026-03-16T09:00:00Z", &error));
    /* and the occurrence of 23 March moved to 11:00 */
    {
      g_autoptr(TandemEntity) series = tandem_store_get (other, TANDEM_TYPE_EVENT, f->weekly, &error);
      g_autoptr(JsonObject) fields = json_object_new ();

      g_assert_no_error (error);
      json_object_set_string_member (fields, "title", "Wochenrunde (später)");
      json_object_set_string_member (fields, "kind", "meeting");
      json_object_set_string_member (fields, "uid", tandem_entity_get_string (series, "uid"));
      json_object_set_string_member (fields, "recurrence_id", "2026-03-23T09:00:00Z");
      json_object_set_string_member (fields, "start", "2026-03-23T11:00:00Z");
      json_object_set_string_member (fields, "end", "2026-03-23T11:30:00Z");
      json_object_set_string_member (fields, "tzid", "UTC");
      override = tandem_store_insert (other, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
    }
    g_assert_no_error (error);
    GUI_TEST_WAIT_UNTIL (_tandem_calendar_view_find_item (f->view, f->weekly, julian (16, 3, 2026)) == NULL, 5000);
    drop_on (f, _tandem_calendar_view_find_item (f->view, f->weekly, julian (9, 3, 2026)),
             _tandem_calendar_view_find_day (f->view, julian (10, 3, 2026), -1));
    weekly = read_back (f, TANDEM_TYPE_EVENT, f->weekly);
    assert_time (tandem_entity_get_string (weekly, "start"), "2026-03-03T09:00:00Z");
    assert_time (tandem_entity_get_strv (weekly, "exdates")[0], "2026-03-17T09:00:00Z");
    g_assert_cmpstr (tandem_entity_get_string (weekly, "rrule"), ==, "FREQ=WEEKLY;BYDAY=TU");
    {
      g_autoptr(TandemEntity) moved = read_back (f, TANDEM_TYPE_EVENT, tandem_entity_get_id (override));

      assert_time (tandem_entity_get_string (moved, "recurrence_id"), "2026-03-24T09:00:00Z");
      assert_time (tandem_entity_get_string (moved, "start"), "2026-03-24T11:00:00Z");
    }
    g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (10, 3, 2026)));
    g_assert_null (_tandem_calendar_view_find_item (f->view, f->weekly, julian (17, 3, 2026)));
    /* 24 March is the overridden occurrence, moved along with the series */
    g_assert_nonnull (_tandem_calendar_view_find_item (f->view, tandem_entity_get_id (override), julian (24, 3, 2026)));
    g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (31, 3, 2026)));
  }

  /* the week view: onto another hour of another day */
  _tandem_calendar_view_set_mode (f->view, TANDEM_CALENDAR_MODE_WEEK);
  settle (f);
  g_clear_object (&meeting);
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 12, 3, 2026);
    _tandem_calendar_view_set_date (f->view, &day);
    settle (f);
  }
  drop_on (f, _tandem_calendar_view_find_item (f->view, f->meeting, 0),
           _tandem_calendar_view_find_day (f->view, julian (11, 3, 2026), 14));
  meeting = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  assert_time (tandem_entity_get_string (meeting, "start"), "2026-03-11T14:00:00Z");
  assert_time (tandem_entity_get_string (meeting, "end"), "2026-03-11T15:00:00Z");
}

static void
test_keyboard_move (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemEntity) meeting = NULL;
  GtkWidget *chip = _tandem_calendar_view_find_item (f->view, f->meeting, 0);

  g_assert_true (gtk_widget_grab_focus (chip));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.move-later", NULL));
  settle (f);
  meeting = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  assert_time (tandem_entity_get_string (meeting, "start"), "2026-03-06T10:00:00Z");

  /* the moved chip keeps the focus, so the keys can go on */
  chip = _tandem_calendar_view_find_item (f->view, f->meeting, julian (6, 3, 2026));
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_focus (chip));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.move-earlier", NULL));
  settle (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "calendar.move-earlier", NULL));
  settle (f);
  g_clear_object (&meeting);
  meeting = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  assert_time (tandem_entity_get_string (meeting, "start"), "2026-03-04T10:00:00Z");
  assert_time (tandem_entity_get_string (meeting, "end"), "2026-03-04T11:00:00Z");
}

static void
undo (Fixture *f)
{
  AdwToast *toast = _tandem_calendar_view_get_last_toast (f->view);

  g_assert_nonnull (toast);
  g_assert_nonnull (adw_toast_get_button_label (toast));
  g_signal_emit_by_name (toast, "button-clicked");
  settle (f);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TandemEntity) row = NULL;
  const char * const *exdates;

  _tandem_calendar_view_delete_item (f->view, _tandem_calendar_view_find_item (f->view, f->meeting, 0),
                                     TANDEM_CALENDAR_DELETE_EVENT);
  settle (f);
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->meeting, 0));
  row = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  g_assert_true (row == NULL || tandem_entity_get_deleted (row));
  g_clear_object (&row);

  undo (f);
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->meeting, julian (5, 3, 2026)));
  row = read_back (f, TANDEM_TYPE_EVENT, f->meeting);
  g_assert_nonnull (row);
  g_assert_false (tandem_entity_get_deleted (row));
  g_clear_object (&row);

  /* one occurrence of a weekly meeting, and back */
  _tandem_calendar_view_delete_item (f->view, _tandem_calendar_view_find_item (f->view, f->weekly, julian (9, 3, 2026)),
                                     TANDEM_CALENDAR_DELETE_OCCURRENCE);
  settle (f);
  g_assert_null (_tandem_calendar_view_find_item (f->view, f->weekly, julian (9, 3, 2026)));
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (16, 3, 2026)));
  row = read_back (f, TANDEM_TYPE_EVENT, f->weekly);
  exdates = tandem_entity_get_strv (row, "exdates");
  g_assert_true (exdates != NULL && g_strv_length ((GStrv) exdates) == 1);
  g_clear_object (&row);

  undo (f);
  g_assert_nonnull (_tandem_calendar_view_find_item (f->view, f->weekly, julian (9, 3, 2026)));
  row = read_back (f, TANDEM_TYPE_EVENT, f->weekly);
  exdates = tandem_entity_get_strv (row, "exdates");
  g_assert_true (exdates == NULL || exdates[0] == NULL);
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("calendar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.ics", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *title;

  _tandem_calendar_view_export_file (f->view, file);
  settle (f);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Abstimmung"));

  /* importing our own export updates by UID: nothing new */
  _tandem_calendar_view_import_file (f->view, file);
  settle (f);
  title = adw_toast_get_title (_tandem_calendar_view_get_last_toast (f->view));
  g_assert_nonnull (strstr (title, "0 events imported"));
  g_assert_nonnull (strstr (title, "updated"));

  g_file_set_contents (bad_path, "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART:nonsense\n", -1, &error);
  g_assert_no_error (error);
  _tandem_calendar_view_import_file (f->view, bad);
  settle (f);
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 2000);
  gtk_window_destroy (GTK_WINDOW (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_cmpstr (_tandem_window_get_count_text (f->window, "calendar"), ==, "3 events in this workspace");

  /* what cannot be read is left out, and the dialog says which lines */
  {
    g_autofree char *partly_path = g_build_filename (dir, "google.ics", NULL);
    g_autoptr(GFile) partly = g_file_new_for_path (partly_path);
    AdwMessageDialog *dialog;

    g_file_set_contents (partly_path,
                         "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google//EN\r\nBEGIN:VEVENT\r\n"
                         "UID:bday@google\r\nDTSTART;VALUE=DATE:20260310\r\nRDATE;VALUE=DATE:20250310Z\r\n"
                         "SUMMARY:Geburtstag\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", -1, &error);
    g_assert_no_error (error);
    _tandem_calendar_view_import_file (f->view, partly);
    settle (f);
    GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 2000);
    dialog = ADW_MESSAGE_DIALOG (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "google.ics"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 event imported"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 7: RDATE"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_cmpstr (_tandem_window_get_count_text (f->window, "calendar"), ==, "4 events in this workspace");
  }

  gui_test_remove_tree (dir);
}

/* Another process adds an event: the month shows it without a reload */
static void
test_live_update (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  id = insert (store, TANDEM_TYPE_EVENT, "{\"title\": \"Messe\", \"kind\": \"trade-show\","
                                         " \"all_day\": true, \"start\": \"2026-03-25\", \"end\": \"2026-03-26\"}");
  g_clear_object (&store);
  GUI_TEST_WAIT_UNTIL (_tandem_calendar_view_find_item (f->view, id, julian (25, 3, 2026)) != NULL, 10000);
  g_assert_true (gtk_widget_has_css_class (_tandem_calendar_view_find_item (f->view, id, 0), "kind-trade-show"));
  /* the window counts events without loading them all */
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (_tandem_window_get_count_text (f->window, "calendar"),
                                  "4 events in this workspace") == 0, 5000);
}

static void
test_a11y (Fixture       *f,
           gconstpointer  data)
{
  gui_test_a11y_assert_named (GTK_WIDGET (f->view), 10, "month");
  _tandem_calendar_view_set_mode (f->view, TANDEM_CALENDAR_MODE_WEEK);
  settle (f);
  gui_test_a11y_assert_named (GTK_WIDGET (f->view), 10, "week");
  _tandem_calendar_view_set_mode (f->view, TANDEM_CALENDAR_MODE_AGENDA);
  settle (f);
  gui_test_a11y_assert_named (GTK_WIDGET (f->view), 10, "agenda");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int status;

  root = gui_test_isolate ();

  g_test_init (&argc, &argv, NULL);
  tandem_gui_init ();

#define ADD(path, func) \
  g_test_add ("/calendar/view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("month", test_month);
  ADD ("navigate", test_navigate);
  ADD ("edit-signal", test_edit_signal);
  ADD ("event-editor", test_event_editor);
  ADD ("drop", test_drop);
  ADD ("keyboard-move", test_keyboard_move);
  ADD ("delete-undo", test_delete_undo);
  ADD ("import-export", test_import_export);
  ADD ("live-update", test_live_update);
  ADD ("a11y", test_a11y);
#undef ADD

  app = tandem_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("cannot register the application");
  g_application_hold (G_APPLICATION (app));

  status = g_test_run ();

  gui_test_destroy_toplevels ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  gui_test_remove_tree (root);
  return status;
}
