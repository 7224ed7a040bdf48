/* tandem-campaign-card.c — one campaign on the board
 *
 * A card shows one TandemEntity and follows it: the entity list updates its
 * rows in place, so the card listens to the campaign's notify and rewrites
 * its labels. Binding another campaign (when the list view recycles the
 * row) only swaps that handler: no widget is created after construction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-campaign-card"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-campaign-card.h"
#include "tandem-locale.h"

struct _TandemCampaignCard
{
  GtkWidget         parent_instance;

  TandemEntity     *campaign;
  TandemEntityList *people;
  gulong            notify_id;
  guint             review_count;
  gboolean          overdue;
  gboolean          read_only;

  /* Template widgets */
  GtkWidget        *box;
  GtkLabel         *title_label;
  GtkLabel         *review_badge;
  GtkMenuButton    *menu_button;
  GtkLabel         *dates_label;
  GtkWidget        *overdue_label;
  AdwAvatar        *marketing_avatar;
  AdwAvatar        *sales_avatar;
  GtkLabel         *owners_label;
  GtkLabel         *channels_label;
  GtkWidget        *budget_box;
  GtkLevelBar      *budget_bar;
  GtkLabel         *budget_label;
  GtkLabel         *kpi_label;
  GMenuModel       *card_menu;
};

G_DEFINE_FINAL_TYPE (TandemCampaignCard, tandem_campaign_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_REVIEW_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static GDateTime *
parse_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static char *
format_date (const char *iso,
             gboolean    with_year)
{
  g_autoptr(GDateTime) date = parse_date (iso);

  if (date == NULL)
    return NULL;
  /* Translators: a date on a campaign card, see strftime(3); German: "%-d. %b %Y" */
  return g_date_time_format (date, with_year ? C_("card date", "%b %-d, %Y")
                                             /* Translators: a date without the year; German: "%-d. %b" */
                                             : C_("card date", "%b %-d"));
}

static const char *
person_name (TandemCampaignCard *self,
             const char         *id)
{
  TandemEntity *person;

  if (id == NULL || self->people == NULL)
    return NULL;
  person = tandem_entity_list_lookup (self->people, id, NULL);
  return person != NULL ? tandem_entity_get_string (person, "name") : NULL;
}

/* Tooltips made when asked for: setting a tooltip's text on every bind
 * costs more than the rest of a card (GTK parses and lays it out) */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "tandem-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (!gtk_widget_get_has_tooltip (widget))
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (widget), "tandem-tooltip", g_strdup (text), g_free);
}

static void
update_owner (AdwAvatar  *avatar,
              const char *name,
              const char *tooltip)
{
  gtk_widget_set_visible (GTK_WIDGET (avatar), name != NULL);
  if (name != NULL)
    {
      adw_avatar_set_text (avatar, name);
      set_tooltip (GTK_WIDGET (avatar), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (avatar), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

static void
update_owners (TandemCampaignCard *self)
{
  const char *marketing = person_name (self, tandem_entity_get_string (self->campaign, "marketing_owner"));
  const char *sales = person_name (self, tandem_entity_get_string (self->campaign, "sales_owner"));
  g_autofree char *names = NULL;
  g_autofree char *marketing_tip = marketing ? g_strdup_printf (_("Marketing: %s"), marketing) : NULL;
  g_autofree char *sales_tip = sales ? g_strdup_printf (_("Sales: %s"), sales) : NULL;

  update_owner (self->marketing_avatar, marketing, marketing_tip);
  update_owner (self->sales_avatar, sales, sales_tip);

  if (marketing != NULL && sales != NULL)
    /* Translators: the marketing and the sales owner of a campaign */
    names = g_strdup_printf (_("%s · %s"), marketing, sales);
  else if (marketing != NULL || sales != NULL)
    names = g_strdup (marketing != NULL ? marketing : sales);
  else
    names = g_strdup (_("No owners yet"));
  gtk_label_set_label (self->owners_label, names);
  set_tooltip (GTK_WIDGET (self->owners_label), names);
}

static void
update_budget (TandemCampaignCard *self)
{
  gint64 planned = tandem_entity_get_int (self->campaign, "budget_planned_cents");
  gint64 spent = tandem_entity_get_int (self->campaign, "budget_spent_cents");
  const char *currency = tandem_entity_get_string (self->campaign, "currency");
  g_autofree char *spent_text = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->budget_box, planned > 0 || spent > 0);
  if (planned <= 0 && spent <= 0)
    return;

  spent_text = tandem_locale_format_money (spent, currency);
  planned_text = tandem_locale_format_money (planned, currency);
  /* Translators: budget on a campaign card: spent of planned */
  text = g_strdup_printf (_("%s of %s"), spent_text, planned_text);
  gtk_label_set_label (self->budget_label, text);

  gtk_level_bar_set_max_value (self->budget_bar, MAX (planned, 1));
  gtk_level_bar_set_value (self->budget_bar, MIN (spent, MAX (planned, 1)));
  if (spent > planned)
    gtk_widget_add_css_class (GTK_WIDGET (self->budget_box), "over-budget");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->budget_box), "over-budget");
}

static void
update_kpi (TandemCampaignCard *self)
{
  gint64 target = tandem_entity_get_int (self->campaign, "leads_target");
  gint64 actual = tandem_entity_get_int (self->campaign, "leads_actual");
  g_autofree char *target_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->kpi_label), target > 0 || actual > 0);
  if (target <= 0 && actual <= 0)
    return;
  target_text = tandem_locale_format_int (target);
  actual_text = tandem_locale_format_int (actual);
  /* Translators: KPI line of a campaign card: actual leads / target */
  text = g_strdup_printf (_("Leads: %s / %s"), actual_text, target_text);
  gtk_label_set_label (self->kpi_label, text);
}

static void
update_review_badge (TandemCampaignCard *self)
{
  g_autofree char *number = g_strdup_printf ("%u", self->review_count);
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->review_badge), self->review_count > 0);
  gtk_label_set_label (self->review_badge, number);
  tooltip = g_strdup_printf (ngettext ("%u asset waiting for review or changes",
                                       "%u assets waiting for review or changes", self->review_count),
                             self->review_count);
  set_tooltip (GTK_WIDGET (self->review_badge), tooltip);
}

static void
update_accessible (TandemCampaignCard *self)
{
  const char *title = tandem_entity_get_string (self->campaign, "title");
  const char *stage = _tandem_stage_title (tandem_entity_get_string (self->campaign, "stage"));
  g_autofree char *label = NULL;
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->overdue)
    /* Translators: what a screen reader says for a card: title, stage */
    label = g_strdup_printf (_("%s, %s, overdue"), title, stage);
  else
    /* Translators: what a screen reader says for a card: title, stage */
    label = g_strdup_printf (_("%s, %s"), title, stage);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* the list row around the card is what takes the focus */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_all (TandemCampaignCard *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *dates = NULL;
  g_autofree char *channels = NULL;
  const char * const *channel_list;

  if (self->campaign == NULL)
    return;

  gtk_label_set_label (self->title_label, tandem_entity_get_string (self->campaign, "title"));

  dates = _tandem_campaign_date_span (self->campaign);
  gtk_label_set_label (self->dates_label, dates ? dates : _("No dates yet"));

  self->overdue = _tandem_campaign_is_overdue (self->campaign, today);
  gtk_widget_set_visible (self->overdue_label, self->overdue);
  if (self->overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "overdue");

  update_owners (self);

  channel_list = tandem_entity_get_strv (self->campaign, "channels");
  if (channel_list != NULL && channel_list[0] != NULL)
    channels = g_strjoinv (", ", (char **) channel_list);
  gtk_widget_set_visible (GTK_WIDGET (self->channels_label), channels != NULL);
  gtk_label_set_label (self->channels_label, channels);

  update_budget (self);
  update_kpi (self);
  update_review_badge (self);
  update_accessible (self);
}

/* Callbacks */

static void
campaign_notify_cb (TandemCampaignCard *self)
{
  update_all (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource      *source,
                 double              x,
                 double              y,
                 TandemCampaignCard *self)
{
  if (self->campaign == NULL || self->read_only)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, tandem_entity_get_id (self->campaign));
}

static void
drag_begin_cb (GtkDragSource      *source,
               GdkDrag            *drag,
               TandemCampaignCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 16, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
drag_end_cb (GtkDragSource      *source,
             GdkDrag            *drag,
             gboolean            delete_data,
             TandemCampaignCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

/* The menu's widgets are made when it first opens: a board has hundreds
 * of cards and most menus are never opened */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  TandemCampaignCard *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->card_menu);
}

static void
context_pressed_cb (GtkGestureClick    *gesture,
                    int                 n_press,
                    double              x,
                    double              y,
                    TandemCampaignCard *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (self->menu_button);
}

/* Actions: the card's menu hands its campaign to the board's actions */

static void
card_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const char * const map[][2] = {
    { "card.edit", "board.edit-campaign" },
    { "card.duplicate", "board.duplicate-campaign" },
    { "card.delete", "board.delete-campaign" },
    { "card.move-previous-stage", "board.move-previous-stage" },
    { "card.move-next-stage", "board.move-next-stage" },
  };
  TandemCampaignCard *self = TANDEM_CAMPAIGN_CARD (widget);

  if (self->campaign == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (action_name, map[i][0]))
      gtk_widget_activate_action (widget, map[i][1], "s", tandem_entity_get_id (self->campaign));
}

/* GObject */

static void
tandem_campaign_card_dispose (GObject *object)
{
  TandemCampaignCard *self = TANDEM_CAMPAIGN_CARD (object);

  tandem_campaign_card_set_campaign (self, NULL);
  g_clear_object (&self->people);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CAMPAIGN_CARD);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tandem_campaign_card_parent_class)->dispose (object);
}

static void
tandem_campaign_card_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemCampaignCard *self = TANDEM_CAMPAIGN_CARD (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_REVIEW_COUNT:
      g_value_set_uint (value, self->review_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_campaign_card_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TandemCampaignCard *self = TANDEM_CAMPAIGN_CARD (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      tandem_campaign_card_set_campaign (self, g_value_get_object (value));
      break;
    case PROP_REVIEW_COUNT:
      tandem_campaign_card_set_review_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_campaign_card_class_init (TandemCampaignCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_campaign_card_dispose;
  object_class->get_property = tandem_campaign_card_get_property;
  object_class->set_property = tandem_campaign_card_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, TANDEM_TYPE_ENTITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEW_COUNT] =
    g_param_spec_uint ("review-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-campaign-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, box);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, review_badge);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, card_menu);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, dates_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, marketing_avatar);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, sales_avatar);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, owners_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, channels_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, budget_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, budget_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, budget_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCampaignCard, kpi_label);

  gtk_widget_class_install_action (widget_class, "card.edit", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.duplicate", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.move-previous-stage", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "card.move-next-stage", NULL, card_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "campaigncard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tandem_campaign_card_init (TandemCampaignCard *self)
{
  GtkDragSource *source;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (context_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/* Public API */

GtkWidget *
tandem_campaign_card_new (void)
{
  return g_object_new (TANDEM_TYPE_CAMPAIGN_CARD, NULL);
}

TandemEntity *
tandem_campaign_card_get_campaign (TandemCampaignCard *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_CARD (self), NULL);
  return self->campaign;
}

/* Shows @campaign and follows its changes; %NULL to unbind. */
void
tandem_campaign_card_set_campaign (TandemCampaignCard *self,
                                   TandemEntity       *campaign)
{
  g_return_if_fail (TANDEM_IS_CAMPAIGN_CARD (self));
  g_return_if_fail (campaign == NULL || TANDEM_IS_ENTITY (campaign));

  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->notify_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    {
      self->notify_id = g_signal_connect_swapped (campaign, "notify", G_CALLBACK (campaign_notify_cb), self);
      update_all (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/* A card of a read-only workspace opens, but cannot be moved, dragged,
 * duplicated or deleted. */
void
tandem_campaign_card_set_editable (TandemCampaignCard *self,
                                   gboolean            editable)
{
  static const char * const writing[] = {
    "card.duplicate", "card.delete", "card.move-previous-stage", "card.move-next-stage",
  };

  g_return_if_fail (TANDEM_IS_CAMPAIGN_CARD (self));

  self->read_only = !editable;
  for (guint i = 0; i < G_N_ELEMENTS (writing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writing[i], editable);
}

/* Where the owners' names come from. */
void
tandem_campaign_card_set_people (TandemCampaignCard *self,
                                 TandemEntityList   *people)
{
  g_return_if_fail (TANDEM_IS_CAMPAIGN_CARD (self));

  if (g_set_object (&self->people, people) && self->campaign != NULL)
    update_owners (self);
}

guint
tandem_campaign_card_get_review_count (TandemCampaignCard *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_CARD (self), 0);
  return self->review_count;
}

/* How many of the campaign's assets wait for review or changes. */
void
tandem_campaign_card_set_review_count (TandemCampaignCard *self,
                                       guint               count)
{
  g_return_if_fail (TANDEM_IS_CAMPAIGN_CARD (self));

  if (self->review_count == count)
    return;
  self->review_count = count;
  update_review_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_COUNT]);
}

/* Reads everything again, e.g. after an owner was renamed. */
void
tandem_campaign_card_refresh (TandemCampaignCard *self)
{
  g_return_if_fail (TANDEM_IS_CAMPAIGN_CARD (self));
  update_all (self);
}

gboolean
tandem_campaign_card_get_overdue (TandemCampaignCard *self)
{
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN_CARD (self), FALSE);
  return self->overdue;
}

/* Package-private helpers, pure */

const char *
_tandem_stage_title (const char *stage)
{
  if (g_strcmp0 (stage, "idea") == 0)
    return C_("stage", "Idea");
  if (g_strcmp0 (stage, "planning") == 0)
    return C_("stage", "Planning");
  if (g_strcmp0 (stage, "production") == 0)
    return C_("stage", "Production");
  if (g_strcmp0 (stage, "review") == 0)
    return C_("stage", "Review");
  if (g_strcmp0 (stage, "live") == 0)
    return C_("stage", "Live");
  if (g_strcmp0 (stage, "done") == 0)
    return C_("stage", "Done");
  return stage;
}

/* Ended before @today (YYYY-MM-DD) and not done. */
gboolean
_tandem_campaign_is_overdue (TandemEntity *campaign,
                             const char   *today)
{
  const char *end = tandem_entity_get_string (campaign, "end");

  return end != NULL && *end != '\0' && g_strcmp0 (end, today) < 0 &&
         g_strcmp0 (tandem_entity_get_string (campaign, "stage"), "done") != 0;
}

/* “Mar 3 – Apr 30, 2026” in the user's language, or %NULL without dates */
char *
_tandem_campaign_date_span (TandemEntity *campaign)
{
  g_autofree char *start = format_date (tandem_entity_get_string (campaign, "start"), FALSE);
  g_autofree char *end = format_date (tandem_entity_get_string (campaign, "end"), TRUE);

  if (start != NULL && end != NULL)
    /* Translators: a campaign's date span: start – end */
    return g_strdup_printf (_("%s – %s"), start, end);
  if (end != NULL)
    /* Translators: a campaign with an end date only */
    return g_strdup_printf (_("until %s"), end);
  if (start != NULL)
    {
      g_autofree char *with_year = format_date (tandem_entity_get_string (campaign, "start"), TRUE);
      /* Translators: a campaign with a start date only */
      return g_strdup_printf (_("from %s"), with_year);
    }
  return NULL;
}
