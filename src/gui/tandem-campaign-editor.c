/* tandem-campaign-editor.c — the window that creates and edits one campaign
 *
 * Every field of the campaign has one widget. What the person types goes
 * into a TandemCampaignForm (core) as text; the form says what is wrong,
 * and the editor shows it under the row once that row was touched. Save
 * is possible only while the form is valid. It writes the patch of the
 * really changed fields, based on the revision the editor was opened on,
 * on the store's worker thread. When someone else changed the same fields
 * meanwhile, the editor takes over their other changes, keeps what the
 * person typed, and shows the other side's value under each disputed
 * field with a button to take it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-campaign-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-board.h"
#include "tandem-campaign.h"
#include "tandem-campaign-editor-private.h"
#include "tandem-editor-private.h"
#include "tandem-error.h"
#include "tandem-gui-private.h"
#include "tandem-locale.h"
#include "tandem-util.h"

typedef struct
{
  char         *id;         /* NULL: insert a new campaign */
  gint64        base_rev;
  JsonObject   *patch;
  TandemEntity *current;    /* after a conflict: the row as it is now */
} SaveJob;

struct _TandemCampaignEditor
{
  AdwWindow            parent_instance;

  TandemStore         *store;
  GListModel          *people;
  TandemEntity        *campaign;
  char                *stage;
  TandemCampaignForm  *form;
  SaveJob             *job;          /* while saving */
  GtkWidget           *saving_focus; /* weak: where the focus was before saving */

  guint                loading;      /* widgets are being filled in: not edits */
  gboolean             valid;
  gboolean             saving;
  gboolean             done;         /* saved or discarded: close without asking */
  gboolean             touched[TANDEM_CAMPAIGN_N_INPUTS];
  gboolean             conflicts[TANDEM_CAMPAIGN_N_INPUTS];
  GtkWidget           *widgets[TANDEM_CAMPAIGN_N_INPUTS];
  GtkWidget           *message_boxes[TANDEM_CAMPAIGN_N_INPUTS];
  GtkLabel            *message_labels[TANDEM_CAMPAIGN_N_INPUTS];
  GtkWidget           *theirs_buttons[TANDEM_CAMPAIGN_N_INPUTS];
  GtkLabel            *unit_labels[TANDEM_CAMPAIGN_N_INPUTS];
  GPtrArray           *choice_ids[TANDEM_CAMPAIGN_N_INPUTS];

  /* Template widgets */
  GtkWidget           *save_button;
  GtkWidget           *page;
  GtkRevealer         *problem_revealer;
  GtkLabel            *problem_label;
  AdwEntryRow         *title_row;
  AdwComboRow         *stage_row;
  GtkStringList       *stage_names;
  GtkColorButton      *color_button;
  GtkTextView         *description_view;
  AdwEntryRow         *start_row;
  AdwEntryRow         *end_row;
  GtkPopover          *start_popover;
  GtkPopover          *end_popover;
  GtkCalendar         *start_calendar;
  GtkCalendar         *end_calendar;
  AdwComboRow         *marketing_row;
  GtkStringList       *marketing_names;
  AdwComboRow         *sales_row;
  GtkStringList       *sales_names;
  AdwEntryRow         *channels_row;
  AdwEntryRow         *segment_row;
  AdwComboRow         *currency_row;
  GtkStringList       *currency_names;
  AdwPreferencesGroup *budget_group;
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *actuals_group;
};

G_DEFINE_FINAL_TYPE (TandemCampaignEditor, tandem_campaign_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PEOPLE,
  PROP_CAMPAIGN,
  PROP_STAGE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define INPUT_KEY "tandem-campaign-input"

typedef enum
{
  GROUP_BUDGET,
  GROUP_TARGETS,
  GROUP_ACTUALS,
} NumberGroup;

/* The amount and count rows, made in code: 14 alike rows in three groups */
static const struct
{
  TandemCampaignInput  input;
  NumberGroup          group;
  const char          *title;
} number_rows[] = {
  { TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, GROUP_BUDGET, N_("Planned") },
  { TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT, GROUP_BUDGET, N_("Spent") },
  { TANDEM_CAMPAIGN_INPUT_LEADS_TARGET, GROUP_TARGETS, N_("Leads") },
  { TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_TARGET, GROUP_TARGETS, N_("Qualified Leads") },
  { TANDEM_CAMPAIGN_INPUT_PIPELINE_TARGET, GROUP_TARGETS, N_("Pipeline") },
  { TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET, GROUP_TARGETS, N_("Revenue") },
  { TANDEM_CAMPAIGN_INPUT_TRAFFIC_TARGET, GROUP_TARGETS, N_("Website Visits") },
  { TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET, GROUP_TARGETS, N_("Conversion Rate") },
  { TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL, GROUP_ACTUALS, N_("Leads") },
  { TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_ACTUAL, GROUP_ACTUALS, N_("Qualified Leads") },
  { TANDEM_CAMPAIGN_INPUT_PIPELINE_ACTUAL, GROUP_ACTUALS, N_("Pipeline") },
  { TANDEM_CAMPAIGN_INPUT_REVENUE_ACTUAL, GROUP_ACTUALS, N_("Revenue") },
  { TANDEM_CAMPAIGN_INPUT_TRAFFIC_ACTUAL, GROUP_ACTUALS, N_("Website Visits") },
  { TANDEM_CAMPAIGN_INPUT_CONVERSION_ACTUAL, GROUP_ACTUALS, N_("Conversion Rate") },
};

static const char * const stage_ids[] = { "idea", "planning", "production", "review", "live", "done" };

static const char * const currencies[] = { "EUR", "USD", "GBP", "CHF", "PLN", "SEK", "DKK", "JPY" };

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
stage_label (const char *stage)
{
  static const char * const labels[] = {
    NC_("campaign stage", "Idea"),
    NC_("campaign stage", "Planning"),
    NC_("campaign stage", "Production"),
    NC_("campaign stage", "Review"),
    NC_("campaign stage", "Live"),
    NC_("campaign stage", "Done"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (stage_ids); i++)
    if (g_strcmp0 (stage_ids[i], stage) == 0)
      return g_dpgettext2 (NULL, "campaign stage", labels[i]);
  return stage;
}

static TandemEntity *
find_person (TandemCampaignEditor *self,
             const char           *id)
{
  guint n = self->people != NULL ? g_list_model_get_n_items (self->people) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);

      if (g_strcmp0 (tandem_entity_get_id (person), id) == 0)
        return g_steal_pointer (&person);
    }
  return NULL;
}

static GtkStringList *
choice_names (TandemCampaignEditor *self,
              TandemCampaignInput   input)
{
  switch (input)
    {
    case TANDEM_CAMPAIGN_INPUT_STAGE:
      return self->stage_names;
    case TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER:
      return self->marketing_names;
    case TANDEM_CAMPAIGN_INPUT_SALES_OWNER:
      return self->sales_names;
    case TANDEM_CAMPAIGN_INPUT_CURRENCY:
      return self->currency_names;
    default:
      g_assert_not_reached ();
    }
}

/* Replaces the choices of a combo row and selects the form's value */
static void
set_choices (TandemCampaignEditor *self,
             TandemCampaignInput   input,
             GPtrArray            *ids,
             GStrvBuilder         *names)
{
  GtkStringList *list = choice_names (self, input);
  g_auto(GStrv) strv = g_strv_builder_end (names);
  const char *value = tandem_campaign_form_get_text (self->form, input);
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

static void
rebuild_stage_choices (TandemCampaignEditor *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (stage_ids); i++)
    {
      g_ptr_array_add (ids, g_strdup (stage_ids[i]));
      g_strv_builder_add (names, stage_label (stage_ids[i]));
    }
  set_choices (self, TANDEM_CAMPAIGN_INPUT_STAGE, ids, names);
}

static void
rebuild_currency_choices (TandemCampaignEditor *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *value = tandem_campaign_form_get_text (self->form, TANDEM_CAMPAIGN_INPUT_CURRENCY);

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    g_ptr_array_add (ids, g_strdup (currencies[i]));
  if (*value != '\0' && !g_ptr_array_find_with_equal_func (ids, value, g_str_equal, NULL))
    g_ptr_array_add (ids, g_strdup (value));

  for (guint i = 0; i < ids->len; i++)
    {
      const char *code = ids->pdata[i];
      const char *symbol = tandem_locale_currency_symbol (code);
      g_autofree char *label = NULL;

      if (g_str_equal (symbol, code))
        label = g_strdup (code);
      else
        label = g_strdup_printf ("%s (%s)", code, symbol);
      g_strv_builder_add (names, label);
    }
  set_choices (self, TANDEM_CAMPAIGN_INPUT_CURRENCY, ids, names);
}

/* The people of @role, and whoever owns the campaign now even if their
 * role changed or they left */
static void
rebuild_owner_choices (TandemCampaignEditor *self,
                       TandemCampaignInput   input)
{
  const char *role = input == TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER ? "marketing" : "sales";
  const char *value = tandem_campaign_form_get_text (self->form, input);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n = self->people != NULL ? g_list_model_get_n_items (self->people) : 0;
  gboolean found = FALSE;

  g_ptr_array_add (ids, g_strdup (""));
  g_strv_builder_add (names, C_("campaign owner", "Nobody"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);
      const char *id = tandem_entity_get_id (person);
      gboolean current = g_str_equal (id, value);

      if (!current &&
          !(g_strcmp0 (tandem_entity_get_string (person, "role"), role) == 0 &&
            tandem_entity_get_bool (person, "active")))
        continue;
      found = found || current;
      g_ptr_array_add (ids, g_strdup (id));
      g_strv_builder_add (names, tandem_entity_get_string (person, "name"));
    }
  if (*value != '\0' && !found)
    {
      g_ptr_array_add (ids, g_strdup (value));
      g_strv_builder_add (names, _("Unknown person"));
    }
  set_choices (self, input, ids, names);
}

static void
rebuild_people_cb (TandemCampaignEditor *self)
{
  rebuild_owner_choices (self, TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER);
  rebuild_owner_choices (self, TANDEM_CAMPAIGN_INPUT_SALES_OWNER);
}

static void
update_units (TandemCampaignEditor *self)
{
  const char *currency = tandem_campaign_form_get_text (self->form, TANDEM_CAMPAIGN_INPUT_CURRENCY);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    if (self->unit_labels[i] != NULL &&
        tandem_campaign_input_text_kind (i) == TANDEM_CAMPAIGN_TEXT_MONEY)
      gtk_label_set_label (self->unit_labels[i], tandem_locale_currency_symbol (currency));
}

/* Shows @text in the widget of @input, without counting it as an edit */
static void
show_text (TandemCampaignEditor *self,
           TandemCampaignInput   input,
           const char           *text)
{
  GtkWidget *widget = self->widgets[input];

  self->loading++;
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else if (GTK_IS_COLOR_CHOOSER (widget))
    {
      GdkRGBA rgba;

      if (gdk_rgba_parse (&rgba, text))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (widget), &rgba);
    }
  else if (input == TANDEM_CAMPAIGN_INPUT_STAGE)
    rebuild_stage_choices (self);
  else if (input == TANDEM_CAMPAIGN_INPUT_CURRENCY)
    rebuild_currency_choices (self);
  else
    rebuild_owner_choices (self, input);
  self->loading--;
}

static void
show_form (TandemCampaignEditor *self)
{
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    show_text (self, i, tandem_campaign_form_get_text (self->form, i));
  update_units (self);
}

/* The other side's value of @input, as the person would read it */
static char *
describe_theirs (TandemCampaignEditor *self,
                 TandemCampaignInput   input)
{
  g_autofree char *text = tandem_campaign_form_text_of (input, tandem_campaign_form_get_base (self->form));

  switch (input)
    {
    case TANDEM_CAMPAIGN_INPUT_STAGE:
      return g_strdup (stage_label (text));
    case TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER:
    case TANDEM_CAMPAIGN_INPUT_SALES_OWNER:
      {
        g_autoptr(TandemEntity) person = find_person (self, text);

        if (*text == '\0')
          return g_strdup (C_("campaign owner", "Nobody"));
        return g_strdup (person ? tandem_entity_get_string (person, "name") : _("Unknown person"));
      }
    case TANDEM_CAMPAIGN_INPUT_DESCRIPTION:
      return _tandem_editor_first_line (text);
    default:
      if (*text == '\0')
        return g_strdup (C_("empty value", "nothing"));
      return g_steal_pointer (&text);
    }
}

static void
update_actions (TandemCampaignEditor *self)
{
  gboolean writable = self->store != NULL && !tandem_store_is_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", writable && self->valid && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.use-theirs", writable && !self->saving);

  _tandem_editor_set_saving (GTK_WINDOW (self), self->page, &self->saving_focus, self->saving);
}

/* Shows each input's problem under it: errors once the input was touched
 * (or a save was tried), the other side's value after a conflict. */
static void
update_validation (TandemCampaignEditor *self)
{
  char *messages[TANDEM_CAMPAIGN_N_INPUTS] = { NULL, };

  self->valid = tandem_campaign_form_validate (self->form, messages);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      g_autofree char *message = g_steal_pointer (&messages[i]);
      g_autofree char *conflict = NULL;
      gboolean error = message != NULL && self->touched[i];

      if (self->conflicts[i])
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
show_problem (TandemCampaignEditor *self,
              const char           *problem)
{
  if (problem != NULL)
    gtk_label_set_label (self->problem_label, problem);
  gtk_revealer_set_reveal_child (self->problem_revealer, problem != NULL);
}

/* The campaign as someone else saved it: the form compares with it from
 * now on; inputs changed on both sides are marked with the other value. */
static void
take_over (TandemCampaignEditor *self,
           TandemEntity         *current,
           gboolean              refused_save)
{
  gboolean conflicts[TANDEM_CAMPAIGN_N_INPUTS] = { FALSE, };
  guint n_conflicts = tandem_campaign_form_rebase (self->form, current, conflicts);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    self->conflicts[i] = self->conflicts[i] || conflicts[i];
  g_set_object (&self->campaign, current);
  show_form (self);

  if (n_conflicts > 0)
    show_problem (self, _("Someone else changed this campaign while you were editing it. "
                          "Their other changes were taken over. Check the marked fields, "
                          "then save again to keep your values."));
  else if (refused_save)
    show_problem (self, _("Someone else changed this campaign while you were editing it. "
                          "Their changes were taken over; save again to keep yours."));
  update_validation (self);
}

static void
input_edited (TandemCampaignEditor *self,
              TandemCampaignInput   input,
              const char           *text)
{
  if (self->loading > 0)
    return;

  tandem_campaign_form_set_text (self->form, input, text);
  self->touched[input] = TRUE;
  if (input == TANDEM_CAMPAIGN_INPUT_CURRENCY)
    update_units (self);
  update_validation (self);
}

static TandemCampaignInput
widget_input (gpointer widget)
{
  guint input = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), INPUT_KEY));

  g_assert (input > 0 && input <= TANDEM_CAMPAIGN_N_INPUTS);
  return input - 1;
}

/* Callbacks */

static void
editable_changed_cb (GtkEditable          *editable,
                     TandemCampaignEditor *self)
{
  input_edited (self, widget_input (editable), gtk_editable_get_text (editable));
}

static void
description_changed_cb (TandemCampaignEditor *self,
                        GtkTextBuffer        *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  input_edited (self, TANDEM_CAMPAIGN_INPUT_DESCRIPTION, text);
}

static void
combo_selected_cb (AdwComboRow          *row,
                   GParamSpec           *pspec,
                   TandemCampaignEditor *self)
{
  TandemCampaignInput input = widget_input (row);
  guint selected = adw_combo_row_get_selected (row);

  if (self->choice_ids[input] != NULL && selected < self->choice_ids[input]->len)
    input_edited (self, input, self->choice_ids[input]->pdata[selected]);
}

static void
color_changed_cb (GtkColorChooser      *chooser,
                  GParamSpec           *pspec,
                  TandemCampaignEditor *self)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  gtk_color_chooser_get_rgba (chooser, &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x",
                         (guint) (CLAMP (rgba.red, 0, 1) * 255 + 0.5),
                         (guint) (CLAMP (rgba.green, 0, 1) * 255 + 0.5),
                         (guint) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5));
  input_edited (self, TANDEM_CAMPAIGN_INPUT_COLOR, hex);
}

static void
calendar_popover_show_cb (GtkPopover           *popover,
                          TandemCampaignEditor *self)
{
  gboolean start = popover == self->start_popover;
  TandemCampaignInput input = start ? TANDEM_CAMPAIGN_INPUT_START : TANDEM_CAMPAIGN_INPUT_END;

  self->loading++;
  _tandem_editor_select_calendar_day (start ? self->start_calendar : self->end_calendar,
                       tandem_campaign_form_get_text (self->form, input));
  self->loading--;
}

static void
calendar_day_selected_cb (GtkCalendar          *calendar,
                          TandemCampaignEditor *self)
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
  gtk_editable_set_text (GTK_EDITABLE (start ? self->start_row : self->end_row), text);
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
    return tandem_board_insert_campaign (store, job->patch, -1, error);

  row = tandem_board_update_campaign (store, job->id, job->base_rev, job->patch, &local);
  if (row == NULL && g_error_matches (local, TANDEM_ERROR, TANDEM_ERROR_CONFLICT))
    job->current = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, job->id, NULL);
  if (row == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return row;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemCampaignEditor) self = user_data;
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

      /* Translators: %s says why, e.g. the campaign was deleted */
      problem = g_strdup_printf (_("The campaign could not be saved: %s"), reason);
      show_problem (self, problem);
      update_validation (self);
    }
}

/* The row changed underneath (another window, another process, sync):
 * untouched fields follow it at once, fields the person changed too are
 * marked with the other value, the same as after a refused save. */
static void
store_changed_cb (TandemCampaignEditor *self,
                  TandemChange         *change)
{
  TandemEntity *base = tandem_campaign_form_get_base (self->form);

  if (self->saving || tandem_campaign_form_is_new (self->form) ||
      change->type != TANDEM_TYPE_CAMPAIGN ||
      g_strcmp0 (change->id, tandem_entity_get_id (base)) != 0 ||
      change->rev <= tandem_entity_get_rev (base))
    return;

  if (change->deleted || change->row == NULL)
    {
      show_problem (self, _("Someone else deleted this campaign while you were editing it."));
      return;
    }

  take_over (self, change->row, FALSE);
}

static gboolean
close_request_cb (TandemCampaignEditor *self)
{
  if (self->done)
    return FALSE;
  if (self->saving)
    return TRUE;
  if (!tandem_campaign_form_is_modified (self->form))
    return FALSE;

  _tandem_editor_ask_discard (GTK_WINDOW (self),
                              tandem_campaign_form_is_new (self->form)
                                ? _("The new campaign will not be created.")
                                : _("Your changes to this campaign will be lost."),
                              &self->done);
  return TRUE;
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (widget);
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;
  TandemEntity *base = tandem_campaign_form_get_base (self->form);
  SaveJob *job;

  if (self->saving)
    return;

  patch = tandem_campaign_form_build_patch (self->form, &error);
  if (patch == NULL)
    {
      /* Show every problem, not only those of touched rows */
      for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
        self->touched[i] = TRUE;
      update_validation (self);
      return;
    }

  if (!tandem_campaign_form_is_new (self->form) && json_object_get_size (patch) == 0)
    {
      self->done = TRUE;
      g_signal_emit (self, signals[SAVED], 0, base);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  job = g_new0 (SaveJob, 1);
  if (!tandem_campaign_form_is_new (self->form))
    {
      job->id = g_strdup (tandem_entity_get_id (base));
      job->base_rev = tandem_entity_get_rev (base);
    }
  else
    {
      /* a new campaign is made by the person chosen as “me”, if they are
       * one of this workspace's people */
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *me = g_settings_get_string (settings, "me");
      g_autoptr(TandemEntity) person = *me != '\0' ? find_person (self, me) : NULL;

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
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (widget);
  guint input = g_variant_get_uint32 (parameter);
  g_autofree char *theirs = NULL;

  g_return_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS);

  theirs = tandem_campaign_form_text_of (input, tandem_campaign_form_get_base (self->form));
  self->conflicts[input] = FALSE;
  tandem_campaign_form_set_text (self->form, input, theirs);
  show_text (self, input, theirs);
  update_units (self);
  update_validation (self);
}

/* Construction */

static void
bind_input (TandemCampaignEditor *self,
            TandemCampaignInput   input,
            GtkWidget            *widget)
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

static void
add_number_rows (TandemCampaignEditor *self)
{
  AdwPreferencesGroup *groups[] = { self->budget_group, self->targets_group, self->actuals_group };

  for (guint i = 0; i < G_N_ELEMENTS (number_rows); i++)
    {
      TandemCampaignInput input = number_rows[i].input;
      TandemCampaignTextKind kind = tandem_campaign_input_text_kind (input);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(number_rows[i].title));
      if (kind != TANDEM_CAMPAIGN_TEXT_COUNT)
        {
          GtkWidget *unit = gtk_label_new (kind == TANDEM_CAMPAIGN_TEXT_PERCENT ? "%" : NULL);

          gtk_widget_add_css_class (unit, "dim-label");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), unit);
          self->unit_labels[input] = GTK_LABEL (unit);
        }
      adw_preferences_group_add (groups[number_rows[i].group], row);
      bind_input (self, input, row);
    }
}

static void
tandem_campaign_editor_constructed (GObject *object)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);

  G_OBJECT_CLASS (tandem_campaign_editor_parent_class)->constructed (object);

  g_assert (TANDEM_IS_STORE (self->store));

  self->form = tandem_campaign_form_new (self->campaign, self->stage);
  if (self->campaign == NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("New Campaign"));

  bind_input (self, TANDEM_CAMPAIGN_INPUT_TITLE, GTK_WIDGET (self->title_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_DESCRIPTION, GTK_WIDGET (self->description_view));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_STAGE, GTK_WIDGET (self->stage_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_COLOR, GTK_WIDGET (self->color_button));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_START, GTK_WIDGET (self->start_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_END, GTK_WIDGET (self->end_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER, GTK_WIDGET (self->marketing_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_SALES_OWNER, GTK_WIDGET (self->sales_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_CHANNELS, GTK_WIDGET (self->channels_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_SEGMENT, GTK_WIDGET (self->segment_row));
  bind_input (self, TANDEM_CAMPAIGN_INPUT_CURRENCY, GTK_WIDGET (self->currency_row));
  add_number_rows (self);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    g_assert (self->widgets[i] != NULL);

  show_form (self);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->color_button, "notify::rgba", G_CALLBACK (color_changed_cb), self);
  if (self->people != NULL)
    g_signal_connect_object (self->people, "items-changed", G_CALLBACK (rebuild_people_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_validation (self);
  if (tandem_store_is_read_only (self->store))
    show_problem (self, _("This workspace is read-only: you can look at the campaign, but not change it."));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
tandem_campaign_editor_dispose (GObject *object)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (object);

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, rebuild_people_cb, self);
  g_clear_object (&self->people);
  g_clear_weak_pointer (&self->saving_focus);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CAMPAIGN_EDITOR);

  G_OBJECT_CLASS (tandem_campaign_editor_parent_class)->dispose (object);
}

static void
tandem_campaign_editor_finalize (GObject *object)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (object);

  /* a save in flight holds a reference: no job is left here */
  g_assert (self->job == NULL);
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    g_clear_pointer (&self->choice_ids[i], g_ptr_array_unref);
  g_clear_pointer (&self->form, tandem_campaign_form_free);
  g_clear_object (&self->campaign);
  g_clear_object (&self->store);
  g_free (self->stage);

  G_OBJECT_CLASS (tandem_campaign_editor_parent_class)->finalize (object);
}

static void
tandem_campaign_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_campaign_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemCampaignEditor *self = TANDEM_CAMPAIGN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PEOPLE:
      self->people = g_value_dup_object (value);
      break;
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;
    case PROP_STAGE:
      self->stage = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_campaign_editor_class_init (TandemCampaignEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_campaign_editor_constructed;
  object_class->dispose = tandem_campaign_editor_dispose;
  object_class->finalize = tandem_campaign_editor_finalize;
  object_class->get_property = tandem_campaign_editor_get_property;
  object_class->set_property = tandem_campaign_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, TANDEM_TYPE_ENTITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemCampaignEditor::saved:
   * @saved_row: the campaign as the store has it now
   *
   * The campaign was written (or Save was pressed on an unchanged one,
   * then @saved_row is the campaign as the editor knows it); the editor
   * closes right after.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_ENTITY);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-campaign-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, stage_names);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, start_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, end_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, marketing_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, marketing_names);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, sales_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, sales_names);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, channels_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, segment_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, currency_names);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, budget_group);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, targets_group);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignEditor, actuals_group);
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
tandem_campaign_editor_init (TandemCampaignEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API */

/**
 * tandem_campaign_editor_new:
 * @store: the workspace
 * @people: (nullable): a live list of TandemPerson rows to choose owners from
 * @campaign: (nullable): the campaign to edit, %NULL to create one
 * @stage: (nullable): the stage (column) of a new campaign
 *
 * Returns: (transfer none): a new editor window; present it with
 *   gtk_window_set_transient_for() and gtk_window_present()
 */
GtkWidget *
tandem_campaign_editor_new (TandemStore  *store,
                            GListModel   *people,
                            TandemEntity *campaign,
                            const char   *stage)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);
  g_return_val_if_fail (campaign == NULL || TANDEM_IS_CAMPAIGN (campaign), NULL);

  return g_object_new (TANDEM_TYPE_CAMPAIGN_EDITOR,
                       "store", store,
                       "people", people,
                       "campaign", campaign,
                       "stage", stage,
                       NULL);
}

TandemStore *
tandem_campaign_editor_get_store (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  return self->store;
}

/**
 * tandem_campaign_editor_get_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign being edited, as last
 *   read from the store; %NULL for a new one
 */
TandemEntity *
tandem_campaign_editor_get_campaign (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  return self->campaign;
}

/* Package-private API for the tests */

GtkWidget *
_tandem_campaign_editor_get_input_widget (TandemCampaignEditor *self,
                                          TandemCampaignInput   input)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, NULL);
  return self->widgets[input];
}

const char *
_tandem_campaign_editor_get_message (TandemCampaignEditor *self,
                                     TandemCampaignInput   input)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, NULL);

  if (!gtk_widget_get_visible (self->message_boxes[input]))
    return NULL;
  return gtk_label_get_label (self->message_labels[input]);
}

const char *
_tandem_campaign_editor_get_problem (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->problem_revealer))
    return NULL;
  return gtk_label_get_label (self->problem_label);
}

GPtrArray *
_tandem_campaign_editor_get_owner_ids (TandemCampaignEditor *self,
                                       TandemCampaignInput   input)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  g_return_val_if_fail (input == TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER ||
                        input == TANDEM_CAMPAIGN_INPUT_SALES_OWNER, NULL);
  return self->choice_ids[input];
}

TandemCampaignForm *
_tandem_campaign_editor_get_form (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  return self->form;
}

GtkWidget *
_tandem_campaign_editor_get_save_button (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), NULL);
  return self->save_button;
}

gboolean
_tandem_campaign_editor_get_saving (TandemCampaignEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_EDITOR (self), FALSE);
  return self->saving;
}
