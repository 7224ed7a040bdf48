/* tandem-event-editor.c — the window that creates and edits one event
 *
 * Every input of the event has one widget. What the person types or picks
 * goes into a TandemEventForm (core) as text; the form says what is wrong,
 * and the editor shows it under the row once that row was touched. Save
 * is possible only while the form is valid. It writes the patch of the
 * really changed fields, based on the revision the editor was opened on,
 * on the store's worker thread. When someone else changed the same fields
 * meanwhile, the editor takes over their other changes, keeps what the
 * person typed, and shows the other side's value under each disputed
 * input with a button to take it — the same as the campaign editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-event-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-editor-private.h"
#include "tandem-error.h"
#include "tandem-gui-private.h"
#include "tandem-event.h"
#include "tandem-event-editor-private.h"
#include "tandem-locale.h"
#include "tandem-util.h"

#define N_WEEKDAYS 7

typedef struct
{
  char         *id;         /* NULL: insert a new event */
  gint64        base_rev;
  JsonObject   *patch;
  TandemEntity *current;    /* after a conflict: the row as it is now */
} SaveJob;

struct _TandemEventEditor
{
  AdwWindow            parent_instance;

  TandemStore         *store;
  GListModel          *people;
  GListModel          *campaigns;
  TandemEntity        *event;
  GDateTime           *day;
  TandemEventForm     *form;
  SaveJob             *job;          /* while saving */
  GtkWidget           *saving_focus; /* weak: where the focus was before saving */

  guint                loading;      /* widgets are being filled in: not edits */
  gboolean             valid;
  gboolean             saving;
  gboolean             done;         /* saved or discarded: close without asking */
  gboolean             touched[TANDEM_EVENT_N_INPUTS];
  gboolean             conflicts[TANDEM_EVENT_N_INPUTS];
  GtkWidget           *widgets[TANDEM_EVENT_N_INPUTS];
  GtkWidget           *message_boxes[TANDEM_EVENT_N_INPUTS];
  GtkLabel            *message_labels[TANDEM_EVENT_N_INPUTS];
  GtkWidget           *theirs_buttons[TANDEM_EVENT_N_INPUTS];
  GPtrArray           *choice_ids[TANDEM_EVENT_N_INPUTS];
  GPtrArray           *attendee_rows;   /* AdwActionRow, one per person offered */
  GtkToggleButton     *weekday_toggles[N_WEEKDAYS];
  GDate                last_start;      /* the last valid start date, for moving the end along */
  int                  last_start_minute; /* the last valid start time of day, -1 for none */

  /* Template widgets */
  GtkWidget           *save_button;
  GtkWidget           *page;
  GtkRevealer         *problem_revealer;
  GtkLabel            *problem_label;
  AdwEntryRow         *title_row;
  AdwComboRow         *kind_row;
  GtkStringList       *kind_names;
  AdwEntryRow         *location_row;
  AdwActionRow        *all_day_row;
  GtkSwitch           *all_day_switch;
  AdwActionRow        *start_row;
  AdwActionRow        *end_row;
  GtkEntry            *start_date_entry;
  GtkEntry            *start_time_entry;
  GtkEntry            *end_date_entry;
  GtkEntry            *end_time_entry;
  GtkPopover          *start_popover;
  GtkPopover          *end_popover;
  GtkCalendar         *start_calendar;
  GtkCalendar         *end_calendar;
  AdwComboRow         *tzid_row;
  GtkStringList       *tzid_names;
  AdwComboRow         *recurrence_row;
  GtkStringList       *recurrence_names;
  AdwActionRow        *weekdays_row;
  GtkBox              *weekdays_box;
  AdwEntryRow         *rrule_row;
  AdwPreferencesGroup *attendees_group;
  AdwActionRow        *joint_row;
  AdwComboRow         *campaign_row;
  GtkStringList       *campaign_names;
  GtkTextView         *notes_view;
};

G_DEFINE_FINAL_TYPE (TandemEventEditor, tandem_event_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PEOPLE,
  PROP_CAMPAIGNS,
  PROP_EVENT,
  PROP_DAY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define INPUT_KEY "tandem-event-input"
#define PERSON_KEY "tandem-person-id"

static const char * const kind_ids[] = { "meeting", "launch", "deadline", "trade-show", "milestone", "other" };
static const char * const recurrence_ids[] = { "none", "daily", "weekly", "monthly", "yearly", "custom" };
static const char * const weekday_codes[N_WEEKDAYS] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/* Offered after the local zone: where Tandem's users and their customers are */
static const char * const common_zones[] = {
  "Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/London", "America/New_York", "UTC", "Asia/Shanghai",
};

static void update_validation (TandemEventEditor *self);

/* Helpers */

static void
save_job_free (SaveJob *job)
{
  g_free (job->id);
  g_clear_pointer (&job->patch, json_object_unref);
  g_clear_object (&job->current);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static const char *
kind_label (const char *kind)
{
  static const char * const labels[] = {
    NC_("event kind", "Meeting"),
    NC_("event kind", "Launch"),
    NC_("event kind", "Deadline"),
    NC_("event kind", "Trade Show"),
    NC_("event kind", "Milestone"),
    NC_("event kind", "Other"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (kind_ids[i], kind) == 0)
      return g_dpgettext2 (NULL, "event kind", labels[i]);
  return kind;
}

static const char *
recurrence_label (const char *recurrence)
{
  static const char * const labels[] = {
    NC_("recurrence", "Never"),
    NC_("recurrence", "Daily"),
    NC_("recurrence", "Weekly"),
    NC_("recurrence", "Monthly"),
    NC_("recurrence", "Yearly"),
    NC_("recurrence", "Custom"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (recurrence_ids); i++)
    if (g_strcmp0 (recurrence_ids[i], recurrence) == 0)
      return g_dpgettext2 (NULL, "recurrence", labels[i]);
  return recurrence;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "marketing") == 0)
    return C_("person role", "Marketing");
  if (g_strcmp0 (role, "sales") == 0)
    return C_("person role", "Sales");
  if (g_strcmp0 (role, "admin") == 0)
    return C_("person role", "Administration");
  return role;
}

static TandemEntity *
find_row (GListModel *model,
          const char *id)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (tandem_entity_get_id (row), id) == 0)
        return g_steal_pointer (&row);
    }
  return NULL;
}

static GtkStringList *
choice_names (TandemEventEditor *self,
              TandemEventInput   input)
{
  switch (input)
    {
    case TANDEM_EVENT_INPUT_KIND:
      return self->kind_names;
    case TANDEM_EVENT_INPUT_TZID:
      return self->tzid_names;
    case TANDEM_EVENT_INPUT_RECURRENCE:
      return self->recurrence_names;
    case TANDEM_EVENT_INPUT_CAMPAIGN:
      return self->campaign_names;
    default:
      g_assert_not_reached ();
    }
}

/* Replaces the choices of a combo row and selects the form's value */
static void
set_choices (TandemEventEditor *self,
             TandemEventInput   input,
             GPtrArray         *ids,
             GStrvBuilder      *names)
{
  GtkStringList *list = choice_names (self, input);
  g_auto(GStrv) strv = g_strv_builder_end (names);
  const char *value = tandem_event_form_get_text (self->form, input);
  guint selected = 0;

  g_assert (ids->len == g_strv_length (strv));

  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], value))
      selected = i;

  self->loading++;
  g_clear_pointer (&self->choice_ids[input], g_ptr_array_unref);
  self->choice_ids[input] = g_ptr_array_ref (ids);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), (const char * const *) strv);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->widgets[input]), selected);
  self->loading--;
}

/* Fixed choices, and the form's value if it is none of them */
static void
rebuild_fixed_choices (TandemEventEditor   *self,
                       TandemEventInput     input,
                       const char * const  *ids_in,
                       guint                n_ids,
                       const char *       (*label) (const char *id))
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *value = tandem_event_form_get_text (self->form, input);

  for (guint i = 0; i < n_ids; i++)
    if (!g_ptr_array_find_with_equal_func (ids, ids_in[i], g_str_equal, NULL))
      g_ptr_array_add (ids, g_strdup (ids_in[i]));
  if (*value != '\0' && !g_ptr_array_find_with_equal_func (ids, value, g_str_equal, NULL))
    g_ptr_array_add (ids, g_strdup (value));
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (names, label != NULL ? label (ids->pdata[i]) : ids->pdata[i]);
  set_choices (self, input, ids, names);
}

/* The local zone first, then the common ones, then the event's own */
static void
rebuild_zone_choices (TandemEventEditor *self)
{
  g_autofree char *local = tandem_local_zone_id ();
  const char *zones[G_N_ELEMENTS (common_zones) + 1];

  zones[0] = g_str_equal (local, "Etc/UTC") ? "UTC" : local;
  for (guint i = 0; i < G_N_ELEMENTS (common_zones); i++)
    zones[i + 1] = common_zones[i];
  rebuild_fixed_choices (self, TANDEM_EVENT_INPUT_TZID, zones, G_N_ELEMENTS (zones), NULL);
}

/* "None" first, then every campaign, and the linked one even if it is gone */
static void
rebuild_campaign_choices (TandemEventEditor *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *value = tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_CAMPAIGN);
  guint n = self->campaigns != NULL ? g_list_model_get_n_items (self->campaigns) : 0;
  gboolean found = FALSE;

  g_ptr_array_add (ids, g_strdup (""));
  g_strv_builder_add (names, C_("linked campaign", "None"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) campaign = g_list_model_get_item (self->campaigns, i);
      const char *id = tandem_entity_get_id (campaign);

      found = found || g_str_equal (id, value);
      g_ptr_array_add (ids, g_strdup (id));
      g_strv_builder_add (names, tandem_entity_get_string (campaign, "title"));
    }
  if (*value != '\0' && !found)
    {
      g_ptr_array_add (ids, g_strdup (value));
      g_strv_builder_add (names, _("Unknown campaign"));
    }
  set_choices (self, TANDEM_EVENT_INPUT_CAMPAIGN, ids, names);
}

static gboolean
is_attending (TandemEventEditor *self,
              const char        *person_id)
{
  g_auto(GStrv) ids = g_strsplit (tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_ATTENDEES), ",", -1);

  return g_strv_contains ((const char * const *) ids, person_id);
}

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "check");
}

static void
show_attendees (TandemEventEditor *self)
{
  self->loading++;
  for (guint i = 0; i < self->attendee_rows->len; i++)
    {
      GtkCheckButton *check = row_check (self->attendee_rows->pdata[i]);

      gtk_check_button_set_active (check, is_attending (self, g_object_get_data (G_OBJECT (check), PERSON_KEY)));
    }
  self->loading--;
  gtk_widget_set_visible (GTK_WIDGET (self->joint_row),
                          tandem_event_form_is_joint_meeting (self->form, self->people));
}

static void
show_weekdays (TandemEventEditor *self)
{
  const char *text = tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_WEEKDAYS);
  g_auto(GStrv) days = g_strsplit (text, ",", -1);

  self->loading++;
  for (guint i = 0; i < N_WEEKDAYS; i++)
    gtk_toggle_button_set_active (self->weekday_toggles[i],
                                  g_strv_contains ((const char * const *) days, weekday_codes[i]));
  self->loading--;
}

static void attendee_toggled_cb (GtkCheckButton    *check,
                                 TandemEventEditor *self);

/* A check row per active person, and per attendee whatever they are now */
static void
rebuild_attendees (TandemEventEditor *self)
{
  guint n = self->people != NULL ? g_list_model_get_n_items (self->people) : 0;

  for (guint i = 0; i < self->attendee_rows->len; i++)
    adw_preferences_group_remove (self->attendees_group, self->attendee_rows->pdata[i]);
  g_ptr_array_set_size (self->attendee_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);
      const char *id = tandem_entity_get_id (person);
      GtkWidget *row, *check;

      if (!tandem_entity_get_bool (person, "active") && !is_attending (self, id))
        continue;

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), PERSON_KEY, g_strdup (id), g_free);
      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", tandem_entity_get_string (person, "name"),
                          "subtitle", role_label (tandem_entity_get_string (person, "role")),
                          "activatable-widget", check,
                          NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (attendee_toggled_cb), self);
      adw_preferences_group_add (self->attendees_group, row);
      g_ptr_array_add (self->attendee_rows, row);
    }
  show_attendees (self);
}

/* Shows @text in the widget of @input, without counting it as an edit */
static void
show_text (TandemEventEditor *self,
           TandemEventInput   input,
           const char        *text)
{
  GtkWidget *widget = self->widgets[input];

  self->loading++;
  switch (input)
    {
    case TANDEM_EVENT_INPUT_ALL_DAY:
      gtk_switch_set_active (self->all_day_switch, g_str_equal (text, "true"));
      break;
    case TANDEM_EVENT_INPUT_WEEKDAYS:
      show_weekdays (self);
      break;
    case TANDEM_EVENT_INPUT_ATTENDEES:
      rebuild_attendees (self);
      break;
    case TANDEM_EVENT_INPUT_KIND:
      rebuild_fixed_choices (self, input, kind_ids, G_N_ELEMENTS (kind_ids), kind_label);
      break;
    case TANDEM_EVENT_INPUT_RECURRENCE:
      rebuild_fixed_choices (self, input, recurrence_ids, G_N_ELEMENTS (recurrence_ids), recurrence_label);
      break;
    case TANDEM_EVENT_INPUT_TZID:
      rebuild_zone_choices (self);
      break;
    case TANDEM_EVENT_INPUT_CAMPAIGN:
      rebuild_campaign_choices (self);
      break;
    case TANDEM_EVENT_INPUT_NOTES:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
      break;
    default:
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
    }
  self->loading--;
}

/* Times and the zone only for timed events; the weekdays of a weekly
 * event; the rule of a custom one */
static void
update_visibility (TandemEventEditor *self)
{
  gboolean all_day = g_str_equal (tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_ALL_DAY), "true");
  const char *recurrence = tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_RECURRENCE);

  gtk_widget_set_visible (self->widgets[TANDEM_EVENT_INPUT_START_TIME], !all_day);
  gtk_widget_set_visible (self->widgets[TANDEM_EVENT_INPUT_END_TIME], !all_day);
  gtk_widget_set_visible (self->widgets[TANDEM_EVENT_INPUT_TZID], !all_day);
  gtk_widget_set_visible (self->widgets[TANDEM_EVENT_INPUT_WEEKDAYS], g_str_equal (recurrence, "weekly"));
  gtk_widget_set_visible (self->widgets[TANDEM_EVENT_INPUT_RRULE], g_str_equal (recurrence, "custom"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->end_row),
                                 all_day ? _("Last Day") : _("End"));
}

static gboolean parse_form_date   (TandemEventEditor *self,
                                   TandemEventInput   input,
                                   const char        *text,
                                   GDate             *date);
static int      parse_form_minute (TandemEventEditor *self,
                                   TandemEventInput   input,
                                   const char        *text);

static void
show_form (TandemEventEditor *self)
{
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    show_text (self, i, tandem_event_form_get_text (self->form, i));
  update_visibility (self);
  if (!parse_form_date (self, TANDEM_EVENT_INPUT_START_DATE, NULL, &self->last_start))
    g_date_clear (&self->last_start, 1);
  self->last_start_minute = parse_form_minute (self, TANDEM_EVENT_INPUT_START_TIME, NULL);
}

/* The other side's value of @input, as the person would read it */
static char *
describe_theirs (TandemEventEditor *self,
                 TandemEventInput   input)
{
  TandemEntity *base = tandem_event_form_get_base (self->form);
  g_autofree char *text = tandem_event_form_text_of (input, base);

  switch (input)
    {
    case TANDEM_EVENT_INPUT_KIND:
      return g_strdup (kind_label (text));
    case TANDEM_EVENT_INPUT_RECURRENCE:
      return g_strdup (recurrence_label (text));
    case TANDEM_EVENT_INPUT_ALL_DAY:
      return g_strdup (g_str_equal (text, "true") ? _("all day") : _("at set times"));
    case TANDEM_EVENT_INPUT_CAMPAIGN:
      {
        g_autoptr(TandemEntity) campaign = find_row (self->campaigns, text);

        if (*text == '\0')
          return g_strdup (C_("linked campaign", "None"));
        return g_strdup (campaign ? tandem_entity_get_string (campaign, "title") : _("Unknown campaign"));
      }
    case TANDEM_EVENT_INPUT_ATTENDEES:
      {
        g_auto(GStrv) ids = g_strsplit (text, ",", -1);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; ids[i] != NULL; i++)
          {
            g_autoptr(TandemEntity) person = find_row (self->people, ids[i]);

            if (*ids[i] != '\0')
              g_ptr_array_add (names, g_strdup (person ? tandem_entity_get_string (person, "name") : _("Unknown person")));
          }
        g_ptr_array_add (names, NULL);
        if (names->len == 1)
          return g_strdup (C_("attendees", "nobody"));
        return g_strjoinv (", ", (char **) names->pdata);
      }
    case TANDEM_EVENT_INPUT_NOTES:
      return _tandem_editor_first_line (text);
    default:
      if (*text == '\0')
        return g_strdup (C_("empty value", "nothing"));
      return g_steal_pointer (&text);
    }
}

static void
update_actions (TandemEventEditor *self)
{
  gboolean writable = self->store != NULL && !tandem_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", writable && self->valid && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.use-theirs", writable && !self->saving);

  _tandem_editor_set_saving (GTK_WINDOW (self), self->page, &self->saving_focus, self->saving);
}

/* Shows each input's problem under it: errors once the input was touched
 * (or a save was tried), the other side's value after a conflict. Hidden
 * inputs (times of an all-day event) show nothing. */
static void
update_validation (TandemEventEditor *self)
{
  char *messages[TANDEM_EVENT_N_INPUTS] = { NULL, };

  self->valid = tandem_event_form_validate (self->form, messages);

  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    {
      g_autofree char *message = g_steal_pointer (&messages[i]);
      g_autofree char *conflict = NULL;
      gboolean shown = gtk_widget_get_visible (self->widgets[i]);
      gboolean error = message != NULL && self->touched[i] && shown;

      if (self->conflicts[i] && shown)
        {
          g_autofree char *theirs = describe_theirs (self, i);
          /* Translators: under a field that someone else changed too
           * while it was being edited; %s is their value */
          conflict = g_strdup_printf (_("Meanwhile someone else changed this to “%s”. Saving keeps yours."), theirs);
        }

      _tandem_editor_show_message (self->widgets[i], self->message_boxes[i], self->message_labels[i],
                                   self->theirs_buttons[i], error ? message : NULL, conflict);
    }

  update_actions (self);
}

static void
show_problem (TandemEventEditor *self,
              const char        *problem)
{
  if (problem != NULL)
    gtk_label_set_label (self->problem_label, problem);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

/* The event as someone else saved it: the form compares with it from now
 * on; inputs changed on both sides are marked with the other value. */
static void
take_over (TandemEventEditor *self,
           TandemEntity      *current,
           gboolean           refused_save)
{
  gboolean conflicts[TANDEM_EVENT_N_INPUTS] = { FALSE, };
  guint n_conflicts = tandem_event_form_rebase (self->form, current, conflicts);

  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    self->conflicts[i] = self->conflicts[i] || conflicts[i];
  g_set_object (&self->event, current);
  show_form (self);

  if (n_conflicts > 0)
    show_problem (self, _("Someone else changed this event while you were editing it. "
                          "Their other changes were taken over. Check the marked fields, "
                          "then save again to keep your values."));
  else if (refused_save)
    show_problem (self, _("Someone else changed this event while you were editing it. "
                          "Their changes were taken over; save again to keep yours."));
  update_validation (self);
}

static gboolean
parse_form_date (TandemEventEditor *self,
                 TandemEventInput   input,
                 const char        *text,
                 GDate             *date)
{
  g_autofree char *iso = NULL;

  if (text == NULL)
    text = tandem_event_form_get_text (self->form, input);
  return tandem_locale_parse_date (text, &iso, NULL) && tandem_parse_date (iso, date);
}

static int
parse_form_minute (TandemEventEditor *self,
                   TandemEventInput   input,
                   const char        *text)
{
  guint hour, minute;

  if (!tandem_event_form_parse_time (text != NULL ? text : tandem_event_form_get_text (self->form, input),
                                     &hour, &minute))
    return -1;
  return (int) (hour * 60 + minute);
}

/* Moves the end by @days and @minutes, so the event keeps its length */
static void
move_end (TandemEventEditor *self,
          int                days,
          int                minutes)
{
  GDate end;
  int end_minute = parse_form_minute (self, TANDEM_EVENT_INPUT_END_TIME, NULL);
  g_autoptr(GDateTime) moved = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *date = NULL;

  if (!parse_form_date (self, TANDEM_EVENT_INPUT_END_DATE, NULL, &end))
    return;
  if (end_minute < 0)
    {
      end_minute = 0;
      minutes = 0;
    }
  moved = g_date_time_new_utc (g_date_get_year (&end), g_date_get_month (&end), g_date_get_day (&end),
                               end_minute / 60, end_minute % 60, 0);
  moved = g_date_time_add_minutes (g_steal_pointer (&moved), days * 24 * 60 + minutes);
  iso = g_date_time_format (moved, "%Y-%m-%d");
  date = tandem_locale_format_date (iso);
  tandem_event_form_set_text (self->form, TANDEM_EVENT_INPUT_END_DATE, date);
  show_text (self, TANDEM_EVENT_INPUT_END_DATE, date);
  if (minutes != 0)
    {
      g_autofree char *time = tandem_event_form_format_time (g_date_time_get_hour (moved),
                                                             g_date_time_get_minute (moved));

      tandem_event_form_set_text (self->form, TANDEM_EVENT_INPUT_END_TIME, time);
      show_text (self, TANDEM_EVENT_INPUT_END_TIME, time);
    }
}

/* The person sets the text of @input: the form follows, and what depends
 * on it: a moved start takes the end along, a weekly event starts out on
 * the start's weekday. */
static void
set_input (TandemEventEditor *self,
           TandemEventInput   input,
           const char        *text)
{
  GDate new_start;

  /* typing goes through texts that are no dates or times: the end moves
   * by the time between the last start that was one and the new one */
  if (input == TANDEM_EVENT_INPUT_START_DATE &&
      g_date_valid (&self->last_start) &&
      parse_form_date (self, input, text, &new_start))
    move_end (self, g_date_days_between (&self->last_start, &new_start), 0);
  if (input == TANDEM_EVENT_INPUT_START_TIME &&
      self->last_start_minute >= 0 && parse_form_minute (self, input, text) >= 0)
    move_end (self, 0, parse_form_minute (self, input, text) - self->last_start_minute);

  tandem_event_form_set_text (self->form, input, text);
  self->touched[input] = TRUE;
  if (input == TANDEM_EVENT_INPUT_START_DATE &&
      parse_form_date (self, input, NULL, &new_start))
    self->last_start = new_start;
  if (input == TANDEM_EVENT_INPUT_START_TIME && parse_form_minute (self, input, NULL) >= 0)
    self->last_start_minute = parse_form_minute (self, input, NULL);

  if (input == TANDEM_EVENT_INPUT_RECURRENCE && g_str_equal (text, "weekly") &&
      *tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_WEEKDAYS) == '\0' &&
      parse_form_date (self, TANDEM_EVENT_INPUT_START_DATE, NULL, &new_start))
    {
      tandem_event_form_set_text (self->form, TANDEM_EVENT_INPUT_WEEKDAYS,
                                  weekday_codes[g_date_get_weekday (&new_start) - 1]);
      show_text (self, TANDEM_EVENT_INPUT_WEEKDAYS, NULL);
    }
  if (input == TANDEM_EVENT_INPUT_RECURRENCE && g_str_equal (text, "custom"))
    self->touched[TANDEM_EVENT_INPUT_RRULE] = TRUE;
}

static void
input_edited (TandemEventEditor *self,
              TandemEventInput   input,
              const char        *text)
{
  if (self->loading > 0)
    return;

  set_input (self, input, text);
  if (input == TANDEM_EVENT_INPUT_ALL_DAY || input == TANDEM_EVENT_INPUT_RECURRENCE)
    update_visibility (self);
  if (input == TANDEM_EVENT_INPUT_ATTENDEES)
    show_attendees (self);
  update_validation (self);
}

static TandemEventInput
widget_input (gpointer widget)
{
  guint input = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), INPUT_KEY));

  g_assert (input > 0 && input <= TANDEM_EVENT_N_INPUTS);
  return input - 1;
}

/* Callbacks */

static void
editable_changed_cb (GtkEditable       *editable,
                     TandemEventEditor *self)
{
  input_edited (self, widget_input (editable), gtk_editable_get_text (editable));
}

static void
notes_changed_cb (TandemEventEditor *self,
                  GtkTextBuffer     *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  input_edited (self, TANDEM_EVENT_INPUT_NOTES, text);
}

static void
combo_selected_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   TandemEventEditor *self)
{
  TandemEventInput input = widget_input (row);
  guint selected = adw_combo_row_get_selected (row);

  if (self->choice_ids[input] != NULL && selected < self->choice_ids[input]->len)
    input_edited (self, input, self->choice_ids[input]->pdata[selected]);
}

static void
all_day_active_cb (GtkSwitch         *button,
                   GParamSpec        *pspec,
                   TandemEventEditor *self)
{
  input_edited (self, TANDEM_EVENT_INPUT_ALL_DAY, gtk_switch_get_active (button) ? "true" : "false");
}

static void
weekday_toggled_cb (GtkToggleButton   *button,
                    TandemEventEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) days = NULL;
  g_autofree char *text = NULL;

  if (self->loading > 0)
    return;
  for (guint i = 0; i < N_WEEKDAYS; i++)
    if (gtk_toggle_button_get_active (self->weekday_toggles[i]))
      g_strv_builder_add (builder, weekday_codes[i]);
  days = g_strv_builder_end (builder);
  text = g_strjoinv (",", days);
  input_edited (self, TANDEM_EVENT_INPUT_WEEKDAYS, text);
}

/* Attendees keep the order they were added in */
static void
attendee_toggled_cb (GtkCheckButton    *check,
                     TandemEventEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), PERSON_KEY);
  g_auto(GStrv) ids = g_strsplit (tandem_event_form_get_text (self->form, TANDEM_EVENT_INPUT_ATTENDEES), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  g_autofree char *text = NULL;

  if (self->loading > 0)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0' && !g_str_equal (ids[i], id))
      g_strv_builder_add (builder, ids[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  text = g_strjoinv (",", result);
  input_edited (self, TANDEM_EVENT_INPUT_ATTENDEES, text);
}

static void
calendar_popover_show_cb (GtkPopover        *popover,
                          TandemEventEditor *self)
{
  gboolean start = popover == self->start_popover;
  TandemEventInput input = start ? TANDEM_EVENT_INPUT_START_DATE : TANDEM_EVENT_INPUT_END_DATE;

  self->loading++;
  _tandem_editor_select_calendar_day (start ? self->start_calendar : self->end_calendar,
                       tandem_event_form_get_text (self->form, input));
  self->loading--;
}

static void
calendar_day_selected_cb (GtkCalendar       *calendar,
                          TandemEventEditor *self)
{
  gboolean start = calendar == self->start_calendar;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;

  if (self->loading > 0)
    return;

  date = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (date, "%Y-%m-%d");
  text = tandem_locale_format_date (iso);
  gtk_editable_set_text (GTK_EDITABLE (start ? self->start_date_entry : self->end_date_entry), text);
  gtk_popover_popdown (start ? self->start_popover : self->end_popover);
}

static gpointer
save_thread (TandemStore   *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  g_autoptr(GError) local = NULL;
  TandemEntity *row;

  if (job->id == NULL)
    return tandem_store_insert (store, TANDEM_TYPE_EVENT, job->patch, TANDEM_WRITE_DEFAULT, error);

  row = tandem_store_update (store, TANDEM_TYPE_EVENT, job->id, job->base_rev, job->patch,
                             TANDEM_WRITE_DEFAULT, &local);
  if (row == NULL && g_error_matches (local, TANDEM_ERROR, TANDEM_ERROR_CONFLICT))
    job->current = tandem_store_get (store, TANDEM_TYPE_EVENT, job->id, NULL);
  if (row == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return row;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemEventEditor) self = user_data;
  g_autoptr(SaveJob) job = g_steal_pointer (&self->job);
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = tandem_store_run_finish (TANDEM_STORE (object), result, &error);
  self->saving = FALSE;
  update_actions (self);

  if (saved != NULL)
    {
      self->done = TRUE;
      g_signal_emit (self, signals[SAVED], 0, saved);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  g_debug ("save failed: %s", error->message);
  if (job->current != NULL)
    {
      take_over (self, job->current, TRUE);
    }
  else
    {
      g_autofree char *problem = NULL;
      g_autofree char *reason = _tandem_write_error_reason (error);

      /* Translators: %s says why, e.g. the event was deleted */
      problem = g_strdup_printf (_("The event could not be saved: %s"), reason);
      show_problem (self, problem);
      update_validation (self);
    }
}

/* The row changed underneath (another window, another process, sync):
 * untouched fields follow it at once, fields the person changed too are
 * marked with the other value, the same as after a refused save. */
static void
store_changed_cb (TandemEventEditor *self,
                  TandemChange      *change)
{
  TandemEntity *base = tandem_event_form_get_base (self->form);

  if (self->saving || tandem_event_form_is_new (self->form) ||
      change->type != TANDEM_TYPE_EVENT ||
      g_strcmp0 (change->id, tandem_entity_get_id (base)) != 0 ||
      change->rev <= tandem_entity_get_rev (base))
    return;

  if (change->deleted || change->row == NULL)
    {
      show_problem (self, _("Someone else deleted this event while you were editing it."));
      return;
    }

  take_over (self, change->row, FALSE);
}

static void
rebuild_people_cb (TandemEventEditor *self)
{
  rebuild_attendees (self);
  update_validation (self);
}

static void
rebuild_campaigns_cb (TandemEventEditor *self)
{
  rebuild_campaign_choices (self);
}

static gboolean
close_request_cb (TandemEventEditor *self)
{
  if (self->done)
    return FALSE;
  if (self->saving)
    return TRUE;
  if (!tandem_event_form_is_modified (self->form))
    return FALSE;

  _tandem_editor_ask_discard (GTK_WINDOW (self),
                              tandem_event_form_is_new (self->form)
                                ? _("The new event will not be created.")
                                : _("Your changes to this event will be lost."),
                              &self->done);
  return TRUE;
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (widget);
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;
  TandemEntity *base = tandem_event_form_get_base (self->form);
  SaveJob *job;

  if (self->saving)
    return;

  patch = tandem_event_form_build_patch (self->form, &error);
  if (patch == NULL)
    {
      /* Show every problem, not only those of touched rows */
      for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
        self->touched[i] = TRUE;
      update_validation (self);
      return;
    }

  if (!tandem_event_form_is_new (self->form) && json_object_get_size (patch) == 0)
    {
      self->done = TRUE;
      g_signal_emit (self, signals[SAVED], 0, base);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  job = g_new0 (SaveJob, 1);
  if (!tandem_event_form_is_new (self->form))
    {
      job->id = g_strdup (tandem_entity_get_id (base));
      job->base_rev = tandem_entity_get_rev (base);
    }
  else
    {
      /* a new event is made by the person chosen as “me”, if they are one
       * of this workspace's people */
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *me = g_settings_get_string (settings, "me");
      g_autoptr(TandemEntity) person = *me != '\0' ? find_row (self->people, me) : NULL;

      if (person != NULL)
        json_object_set_string_member (patch, "created_by", me);
    }
  job->patch = g_steal_pointer (&patch);
  self->job = job;
  self->saving = TRUE;
  memset (self->conflicts, 0, sizeof self->conflicts);
  show_problem (self, NULL);
  update_actions (self);

  /* the editor owns the job; the worker uses it until the callback */
  tandem_store_run_async (self->store, save_thread, job, NULL, g_object_unref,
                          NULL, save_done_cb, g_object_ref (self));
}

static void
use_theirs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (widget);
  guint input = g_variant_get_uint32 (parameter);
  g_autofree char *theirs = NULL;

  g_return_if_fail (input < TANDEM_EVENT_N_INPUTS);

  theirs = tandem_event_form_text_of (input, tandem_event_form_get_base (self->form));
  self->conflicts[input] = FALSE;
  tandem_event_form_set_text (self->form, input, theirs);
  show_text (self, input, theirs);
  update_visibility (self);
  update_validation (self);
}

/* Construction */

static void
bind_input (TandemEventEditor *self,
            TandemEventInput   input,
            GtkWidget         *widget)
{
  self->widgets[input] = widget;
  g_object_set_data (G_OBJECT (widget), INPUT_KEY, GUINT_TO_POINTER (input + 1));

  if (GTK_IS_EDITABLE (widget))
    g_signal_connect (widget, "changed", G_CALLBACK (editable_changed_cb), self);
  else if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect (widget, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  self->message_boxes[input] = _tandem_editor_add_message (widget, input, &self->message_labels[input],
                                                           &self->theirs_buttons[input]);
}

/* Monday to Sunday, named as the locale abbreviates them */
static void
add_weekday_toggles (TandemEventEditor *self)
{
  for (guint i = 0; i < N_WEEKDAYS; i++)
    {
      /* 2024-01-01 was a Monday */
      g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, 1 + i, 12, 0, 0);
      g_autofree char *abbrev = g_date_time_format (day, "%a");
      g_autofree char *full = g_date_time_format (day, "%A");
      GtkWidget *toggle = gtk_toggle_button_new_with_label (abbrev);

      gtk_widget_set_tooltip_text (toggle, full);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                      -1);
      g_signal_connect (toggle, "toggled", G_CALLBACK (weekday_toggled_cb), self);
      gtk_box_append (self->weekdays_box, toggle);
      self->weekday_toggles[i] = GTK_TOGGLE_BUTTON (toggle);
    }
}

static void
tandem_event_editor_constructed (GObject *object)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);

  G_OBJECT_CLASS (tandem_event_editor_parent_class)->constructed (object);

  g_assert (TANDEM_IS_STORE (self->store));

  self->form = tandem_event_form_new (self->event, self->day);
  if (self->event == NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("New Event"));

  bind_input (self, TANDEM_EVENT_INPUT_TITLE, GTK_WIDGET (self->title_row));
  bind_input (self, TANDEM_EVENT_INPUT_KIND, GTK_WIDGET (self->kind_row));
  bind_input (self, TANDEM_EVENT_INPUT_LOCATION, GTK_WIDGET (self->location_row));
  bind_input (self, TANDEM_EVENT_INPUT_ALL_DAY, GTK_WIDGET (self->all_day_row));
  bind_input (self, TANDEM_EVENT_INPUT_START_DATE, GTK_WIDGET (self->start_date_entry));
  bind_input (self, TANDEM_EVENT_INPUT_START_TIME, GTK_WIDGET (self->start_time_entry));
  bind_input (self, TANDEM_EVENT_INPUT_END_DATE, GTK_WIDGET (self->end_date_entry));
  bind_input (self, TANDEM_EVENT_INPUT_END_TIME, GTK_WIDGET (self->end_time_entry));
  bind_input (self, TANDEM_EVENT_INPUT_TZID, GTK_WIDGET (self->tzid_row));
  bind_input (self, TANDEM_EVENT_INPUT_RECURRENCE, GTK_WIDGET (self->recurrence_row));
  bind_input (self, TANDEM_EVENT_INPUT_WEEKDAYS, GTK_WIDGET (self->weekdays_row));
  bind_input (self, TANDEM_EVENT_INPUT_RRULE, GTK_WIDGET (self->rrule_row));
  bind_input (self, TANDEM_EVENT_INPUT_ATTENDEES, GTK_WIDGET (self->attendees_group));
  bind_input (self, TANDEM_EVENT_INPUT_CAMPAIGN, GTK_WIDGET (self->campaign_row));
  bind_input (self, TANDEM_EVENT_INPUT_NOTES, GTK_WIDGET (self->notes_view));
  add_weekday_toggles (self);

  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    g_assert (self->widgets[i] != NULL);

  show_form (self);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->all_day_switch, "notify::active", G_CALLBACK (all_day_active_cb), self);
  if (self->people != NULL)
    g_signal_connect_object (self->people, "items-changed", G_CALLBACK (rebuild_people_cb),
                             self, G_CONNECT_SWAPPED);
  if (self->campaigns != NULL)
    g_signal_connect_object (self->campaigns, "items-changed", G_CALLBACK (rebuild_campaigns_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_validation (self);
  if (tandem_store_is_read_only (self->store))
    show_problem (self, _("This workspace is read-only: you can look at the event, but not change it."));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
tandem_event_editor_dispose (GObject *object)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (object);

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, rebuild_people_cb, self);
  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_func (self->campaigns, rebuild_campaigns_cb, self);
  g_clear_object (&self->people);
  g_clear_object (&self->campaigns);
  g_clear_weak_pointer (&self->saving_focus);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_EVENT_EDITOR);

  G_OBJECT_CLASS (tandem_event_editor_parent_class)->dispose (object);
}

static void
tandem_event_editor_finalize (GObject *object)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (object);

  /* a save in flight holds a reference: no job is left here */
  g_assert (self->job == NULL);
  for (guint i = 0; i < TANDEM_EVENT_N_INPUTS; i++)
    g_clear_pointer (&self->choice_ids[i], g_ptr_array_unref);
  g_clear_pointer (&self->attendee_rows, g_ptr_array_unref);
  g_clear_pointer (&self->form, tandem_event_form_free);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_object (&self->event);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_event_editor_parent_class)->finalize (object);
}

static void
tandem_event_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    case PROP_CAMPAIGNS:
      g_value_set_object (value, self->campaigns);
      break;
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    case PROP_DAY:
      g_value_set_boxed (value, self->day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_event_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemEventEditor *self = TANDEM_EVENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PEOPLE:
      self->people = g_value_dup_object (value);
      break;
    case PROP_CAMPAIGNS:
      self->campaigns = g_value_dup_object (value);
      break;
    case PROP_EVENT:
      self->event = g_value_dup_object (value);
      break;
    case PROP_DAY:
      self->day = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_event_editor_class_init (TandemEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_event_editor_constructed;
  object_class->dispose = tandem_event_editor_dispose;
  object_class->finalize = tandem_event_editor_finalize;
  object_class->get_property = tandem_event_editor_get_property;
  object_class->set_property = tandem_event_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGNS] =
    g_param_spec_object ("campaigns", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, TANDEM_TYPE_ENTITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_boxed ("day", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemEventEditor::saved:
   * @saved_row: the event as the store has it now
   *
   * The event was written (or Save was pressed on an unchanged one, then
   * @saved_row is the event as the editor knows it); the editor closes
   * right after.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_ENTITY);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, kind_names);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, all_day_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, start_date_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, start_time_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, end_date_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, end_time_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, start_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, end_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, tzid_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, tzid_names);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, recurrence_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, recurrence_names);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, rrule_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, joint_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, campaign_names);
  gtk_widget_class_bind_template_child (widget_class, TandemEventEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, calendar_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.use-theirs", "u", use_theirs_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
tandem_event_editor_init (TandemEventEditor *self)
{
  self->attendee_rows = g_ptr_array_new ();
  g_date_clear (&self->last_start, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API */

/**
 * tandem_event_editor_new:
 * @store: the workspace
 * @people: (nullable): a live list of TandemPerson rows to invite
 * @campaigns: (nullable): a live list of TandemCampaign rows to link to
 * @event: (nullable): the event to edit, %NULL to create one
 * @day: (nullable): for a new event, the day it is on (09:00–10:00 local)
 *
 * Returns: (transfer none): a new editor window; present it with
 *   gtk_window_set_transient_for() and gtk_window_present()
 */
GtkWidget *
tandem_event_editor_new (TandemStore  *store,
                         GListModel   *people,
                         GListModel   *campaigns,
                         TandemEntity *event,
                         GDateTime    *day)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);
  g_return_val_if_fail (campaigns == NULL || G_IS_LIST_MODEL (campaigns), NULL);
  g_return_val_if_fail (event == NULL || TANDEM_IS_EVENT (event), NULL);

  return g_object_new (TANDEM_TYPE_EVENT_EDITOR,
                       "store", store,
                       "people", people,
                       "campaigns", campaigns,
                       "event", event,
                       "day", day,
                       NULL);
}

TandemStore *
tandem_event_editor_get_store (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  return self->store;
}

/**
 * tandem_event_editor_get_event:
 *
 * Returns: (transfer none) (nullable): the event being edited, as last
 *   read from the store; %NULL for a new one
 */
TandemEntity *
tandem_event_editor_get_event (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  return self->event;
}

/* Package-private API for the tests */

GtkWidget *
_tandem_event_editor_get_input_widget (TandemEventEditor *self,
                                       TandemEventInput   input)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);
  return self->widgets[input];
}

const char *
_tandem_event_editor_get_message (TandemEventEditor *self,
                                  TandemEventInput   input)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);

  if (!gtk_widget_get_visible (self->message_boxes[input]))
    return NULL;
  return gtk_label_get_label (self->message_labels[input]);
}

const char *
_tandem_event_editor_get_problem (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->problem_revealer))
    return NULL;
  return gtk_label_get_label (self->problem_label);
}

GPtrArray *
_tandem_event_editor_get_choice_ids (TandemEventEditor *self,
                                     TandemEventInput   input)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (input < TANDEM_EVENT_N_INPUTS, NULL);
  return self->choice_ids[input];
}

GtkSwitch *
_tandem_event_editor_get_all_day_switch (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  return self->all_day_switch;
}

GtkCheckButton *
_tandem_event_editor_get_attendee_check (TandemEventEditor *self,
                                         const char        *person_id)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);

  for (guint i = 0; i < self->attendee_rows->len; i++)
    {
      GtkCheckButton *check = row_check (self->attendee_rows->pdata[i]);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), PERSON_KEY), person_id) == 0)
        return check;
    }
  return NULL;
}

GtkToggleButton *
_tandem_event_editor_get_weekday_toggle (TandemEventEditor *self,
                                         guint              weekday)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (weekday < N_WEEKDAYS, NULL);
  return self->weekday_toggles[weekday];
}

gboolean
_tandem_event_editor_shows_joint_hint (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->joint_row));
}

TandemEventForm *
_tandem_event_editor_get_form (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  return self->form;
}

GtkWidget *
_tandem_event_editor_get_save_button (TandemEventEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_EVENT_EDITOR (self), NULL);
  return self->save_button;
}
