/* tandem-preferences-window.c — who am I, paper size, sync interval
 *
 * “Who am I” lists the people of the open workspace, live: a person added
 * or renamed elsewhere shows up while the window is open. The choice is
 * stored as the person's id in the “me” setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-entity.h"
#include "tandem-preferences-window.h"

struct _TandemPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GListModel           *people;
  GPtrArray            *person_ids;  /* parallel to people_names; [0] = "" for nobody */
  gboolean              rebuilding;

  /* Template widgets */
  AdwComboRow          *me_row;
  GtkStringList        *people_names;
  AdwComboRow          *paper_row;
  GtkAdjustment        *poll_adjustment;
};

G_DEFINE_FINAL_TYPE (TandemPreferencesWindow, tandem_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_PEOPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const paper_sizes[] = { "auto", "a4", "letter" };

static char *
person_label (TandemEntity *person)
{
  const char *name = tandem_entity_get_string (person, "name");
  const char *role = tandem_entity_get_string (person, "role");

  if (g_strcmp0 (role, "marketing") == 0)
    /* Translators: a person in the “Who am I” list */
    return g_strdup_printf (_("%s (Marketing)"), name);
  if (g_strcmp0 (role, "sales") == 0)
    /* Translators: a person in the “Who am I” list */
    return g_strdup_printf (_("%s (Sales)"), name);
  if (g_strcmp0 (role, "admin") == 0)
    /* Translators: a person in the “Who am I” list */
    return g_strdup_printf (_("%s (Administrator)"), name);
  return g_strdup (name);
}

static void
rebuild_people (TandemPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  g_autofree char *me = g_settings_get_string (self->settings, "me");
  guint n_items = self->people ? g_list_model_get_n_items (self->people) : 0;
  guint selected = 0;

  g_ptr_array_set_size (self->person_ids, 0);
  g_ptr_array_add (self->person_ids, g_strdup (""));
  g_strv_builder_add (names, C_("who am I", "Nobody"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);
      g_autofree char *label = NULL;

      if (!tandem_entity_get_bool (person, "active") &&
          !g_str_equal (tandem_entity_get_id (person), me))
        continue;
      label = person_label (person);
      g_strv_builder_add (names, label);
      g_ptr_array_add (self->person_ids, g_strdup (tandem_entity_get_id (person)));
      if (g_str_equal (tandem_entity_get_id (person), me))
        selected = self->person_ids->len - 1;
    }
  strv = g_strv_builder_end (names);

  self->rebuilding = TRUE;
  gtk_string_list_splice (self->people_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->people_names)),
                          (const char * const *) strv);
  adw_combo_row_set_selected (self->me_row, selected);
  self->rebuilding = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->me_row), self->people != NULL && n_items > 0);
  if (self->people == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->me_row), _("Open a workspace to choose yourself"));
  else if (n_items == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->me_row), _("This workspace has no people yet"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->me_row),
                                 _("Your reviews, comments and campaigns are made in this name"));
}

static void
me_changed_cb (TandemPreferencesWindow *self)
{
  g_autofree char *me = g_settings_get_string (self->settings, "me");
  guint selected = 0;

  for (guint i = 0; i < self->person_ids->len; i++)
    if (g_str_equal (self->person_ids->pdata[i], me))
      selected = i;

  if (selected != adw_combo_row_get_selected (self->me_row))
    {
      self->rebuilding = TRUE;
      adw_combo_row_set_selected (self->me_row, selected);
      self->rebuilding = FALSE;
    }
}

static void
me_row_selected_cb (TandemPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->me_row);

  if (self->rebuilding || selected >= self->person_ids->len)
    return;
  g_settings_set_string (self->settings, "me", self->person_ids->pdata[selected]);
}

static gboolean
paper_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *size = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paper_sizes); i++)
    if (g_str_equal (size, paper_sizes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
paper_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (paper_sizes))
    return NULL;
  return g_variant_new_string (paper_sizes[index]);
}

static void
tandem_preferences_window_dispose (GObject *object)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, rebuild_people, self);
  g_clear_object (&self->people);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->dispose (object);
}

static void
tandem_preferences_window_finalize (GObject *object)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->person_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->finalize (object);
}

static void
tandem_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PEOPLE:
      tandem_preferences_window_set_people (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_preferences_window_class_init (TandemPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_preferences_window_dispose;
  object_class->finalize = tandem_preferences_window_finalize;
  object_class->get_property = tandem_preferences_window_get_property;
  object_class->set_property = tandem_preferences_window_set_property;

  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/de/tandem/Tandem/tandem-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, me_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, people_names);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, poll_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, me_row_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
tandem_preferences_window_init (TandemPreferencesWindow *self)
{
  self->person_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, paper_get_mapping, paper_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "sync-poll-interval", self->poll_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::me", G_CALLBACK (me_changed_cb),
                           self, G_CONNECT_SWAPPED);

  rebuild_people (self);
}

GtkWidget *
tandem_preferences_window_new (GtkWindow  *parent,
                               GListModel *people)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);

  return g_object_new (TANDEM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "people", people,
                       NULL);
}

GListModel *
tandem_preferences_window_get_people (TandemPreferencesWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_PREFERENCES_WINDOW (self), NULL);
  return self->people;
}

/* @people: a live list of TandemPerson rows, or %NULL */
void
tandem_preferences_window_set_people (TandemPreferencesWindow *self,
                                      GListModel              *people)
{
  g_return_if_fail (TANDEM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (people == NULL || G_IS_LIST_MODEL (people));

  if (self->people == people)
    return;

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, rebuild_people, self);
  g_set_object (&self->people, people);
  if (self->people != NULL)
    g_signal_connect_object (self->people, "items-changed", G_CALLBACK (rebuild_people),
                             self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    rebuild_people (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEOPLE]);
}
