/* tandem-calendar-view.c — the shared calendar: month, week and agenda
 *
 * The view shows one range at a time (a month grid, a week, a month as a
 * list) and loads only that range: tandem_calendar_list_range() on a
 * worker thread, again when the store changes (debounced, so a burst of
 * changes from another desktop is one reload). Campaign spans and review
 * due dates come from the window's lists, which are in memory already.
 *
 * Every widget of the grid is rebuilt from the items after a load: a
 * month holds at most a few hundred widgets, because a day shows a few
 * chips and a “more” button, and a week row a few lanes of bars.
 *
 * Writes (moves, deletes, restores, imports) run one after another on
 * worker threads, in the order the user made them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-asset.h"
#include "tandem-calendar.h"
#include "tandem-calendar-layout.h"
#include "tandem-calendar-view-private.h"
#include "tandem-campaign.h"
#include "tandem-event.h"
#include "tandem-person.h"
#include "tandem-util.h"
#include "tandem-window.h"

#define RELOAD_DELAY_MS   150
#define MAX_CHIPS         2
#define MAX_LANES         2
#define MAX_WEEK_LANES    6
#define WORKING_HOURS_START 7
#define ITEM_KEY          "tandem-calendar-item"
#define DAY_KEY           "tandem-calendar-day"
#define HOUR_KEY          "tandem-calendar-hour"

typedef struct
{
  TandemCalendarItemType  type;
  TandemEntity           *entity;
  TandemOccurrence       *occurrence;   /* events */
  guint32                 start;        /* Julian days, local */
  guint32                 end;          /* exclusive */
  GDateTime              *local_start;  /* timed events */
  gboolean                joint;
  char                   *key;          /* type:id:recurrence-id */
  char                   *title;
} Item;

typedef enum
{
  WRITE_UPDATE,
  WRITE_DELETE_EVENT,
  WRITE_DELETE_OCCURRENCE,
  WRITE_RESTORE,
  WRITE_SET_EXDATES,
  WRITE_IMPORT,
  WRITE_EXPORT,
} WriteKind;

typedef struct
{
  TandemCalendarView *view;
  WriteKind           kind;
  GType               type;
  char               *id;
  gint64              base_rev;
  JsonObject         *patch;
  char               *when;
  char               *title;
  GStrv               exdates;       /* undo of one occurrence */
  char               *override_id;  /* …and of its override row */
  GFile              *file;
  guint               n_added;
  guint               n_updated;
  GStrv               warnings;      /* what an import left out */
  /* a series moves its overridden occurrences along (WRITE_UPDATE of a
   * recurring event) */
  GTimeZone          *zone;
  int                 days;
  GTimeSpan           usec;
} Write;

struct _TandemCalendarView
{
  GtkWidget           parent_instance;

  TandemStore        *store;
  TandemEntityList   *campaigns;
  TandemEntityList   *people;
  TandemEntityList   *assets;
  GCancellable       *cancellable;
  guint               reload_source;
  gboolean            loading;
  gboolean            reload_again;

  GPtrArray          *items;
  TandemCalendarMode  mode;
  GDate               date;
  GDateWeekday        first_weekday;
  guint32             range_start;
  guint32             range_end;
  guint               n_rows;

  guint               filter_kinds;
  char               *filter_campaign;
  char               *filter_person;
  gboolean            filter_joint;

  GQueue              queue;
  gboolean            writing;
  guint               n_pending;
  char               *focus_key;
  AdwToast           *last_toast;
  gint64              last_built;
  gint64              n_events;

  /* template */
  GtkLabel           *title_label;
  GtkStack           *stack;
  GtkBox             *month_box;
  GtkBox             *week_top_box;
  GtkBox             *week_box;
  GtkListBox         *agenda_list;
  GtkToggleButton    *month_button;
  GtkToggleButton    *week_button;
  GtkToggleButton    *agenda_button;
  GtkBox             *filter_box;
  GtkDropDown        *campaign_dropdown;
  GtkDropDown        *person_dropdown;
  GtkCheckButton     *joint_check;
  GtkCheckButton     *kind_checks[TANDEM_CALENDAR_N_KINDS];
  GPtrArray          *campaign_ids;
  GPtrArray          *person_ids;
};

G_DEFINE_FINAL_TYPE (TandemCalendarView, tandem_calendar_view, GTK_TYPE_WIDGET)

enum {
  EDIT_EVENT,
  EDIT_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_N_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild         (TandemCalendarView *self);
static void reload          (TandemCalendarView *self);
static void clear_workspace (TandemCalendarView *self);

/* Helpers */

static void
item_free (gpointer data)
{
  Item *item = data;

  /* stolen items leave NULL behind */
  if (item == NULL)
    return;
  g_clear_object (&item->entity);
  g_clear_pointer (&item->occurrence, tandem_occurrence_free);
  g_clear_pointer (&item->local_start, g_date_time_unref);
  g_free (item->key);
  g_free (item->title);
  g_free (item);
}

static void
write_free (gpointer data)
{
  Write *write = data;

  g_clear_object (&write->view);
  g_free (write->id);
  g_clear_pointer (&write->patch, json_object_unref);
  g_free (write->when);
  g_free (write->title);
  g_clear_pointer (&write->zone, g_time_zone_unref);
  g_strfreev (write->exdates);
  g_strfreev (write->warnings);
  g_free (write->override_id);
  g_clear_object (&write->file);
  g_free (write);
}

static guint32
julian_of (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return g_date_get_julian (&date);
}

static GDateTime *
local_midnight (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
}

static guint32
today_julian (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return julian_of (now);
}

/* Formats @julian with a strftime-like @format in the locale. */
static char *
format_day (guint32     julian,
            const char *format)
{
  g_autoptr(GDateTime) dt = local_midnight (julian);

  return g_date_time_format (dt, format);
}

static const char *
kind_title (const char *kind)
{
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Meeting");
  if (g_strcmp0 (kind, "launch") == 0)
    return _("Launch");
  if (g_strcmp0 (kind, "deadline") == 0)
    return _("Deadline");
  if (g_strcmp0 (kind, "trade-show") == 0)
    return _("Trade Show");
  if (g_strcmp0 (kind, "milestone") == 0)
    return _("Milestone");
  return _("Other");
}

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "meeting") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "launch") == 0)
    return "media-playback-start-symbolic";
  if (g_strcmp0 (kind, "deadline") == 0)
    return "alarm-symbolic";
  if (g_strcmp0 (kind, "trade-show") == 0)
    return "mark-location-symbolic";
  if (g_strcmp0 (kind, "milestone") == 0)
    return "emblem-ok-symbolic";
  return "x-office-calendar-symbolic";
}

static GtkWidget *
window_of (TandemCalendarView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return TANDEM_IS_WINDOW (root) ? GTK_WIDGET (root) : NULL;
}

/* Takes @toast. */
static void
show_toast (TandemCalendarView *self,
            AdwToast           *toast)
{
  GtkWidget *window = window_of (self);

  g_set_object (&self->last_toast, toast);
  if (window != NULL)
    tandem_window_add_toast (TANDEM_WINDOW (window), g_object_ref (toast));
  g_object_unref (toast);
}

static void
show_text_toast (TandemCalendarView *self,
                 const char         *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  show_toast (self, adw_toast_new (markup));
}

static void
show_error_dialog (TandemCalendarView *self,
                   const char         *heading,
                   const char         *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static Item *
find_item (TandemCalendarView *self,
           const char         *key)
{
  for (guint i = 0; key != NULL && self->items != NULL && i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];

      if (g_str_equal (item->key, key))
        return item;
    }
  return NULL;
}

static Item *
item_of_widget (TandemCalendarView *self,
                GtkWidget          *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      const char *key = g_object_get_data (G_OBJECT (widget), ITEM_KEY);

      if (key != NULL)
        return find_item (self, key);
    }
  return NULL;
}

static Item *
focused_item (TandemCalendarView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  return item_of_widget (self, focus);
}

static gboolean
has_store (TandemCalendarView *self)
{
  return self->store != NULL;
}

/* A read-only workspace is shown, not changed */
static gboolean
is_writable (TandemCalendarView *self)
{
  return self->store != NULL && !tandem_store_is_read_only (self->store);
}

/* Every action that writes follows is_writable() */
static void
update_write_actions (TandemCalendarView *self)
{
  static const char * const writing[] = {
    "calendar.new-event", "calendar.move-earlier", "calendar.move-later", "calendar.delete-item",
  };

  for (guint i = 0; i < G_N_ELEMENTS (writing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writing[i], is_writable (self));
}

/* The range the current mode shows */
static void
compute_range (TandemCalendarView *self)
{
  GDate first;

  switch (self->mode)
    {
    case TANDEM_CALENDAR_MODE_MONTH:
      self->n_rows = tandem_calendar_month_grid (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                                 self->first_weekday, &first);
      self->range_start = g_date_get_julian (&first);
      self->range_end = self->range_start + 7 * self->n_rows;
      break;
    case TANDEM_CALENDAR_MODE_WEEK:
      tandem_calendar_week_start (&self->date, self->first_weekday, &first);
      self->n_rows = 1;
      self->range_start = g_date_get_julian (&first);
      self->range_end = self->range_start + 7;
      break;
    case TANDEM_CALENDAR_MODE_AGENDA:
    default:
      first = self->date;
      g_date_set_day (&first, 1);
      self->n_rows = 0;
      self->range_start = g_date_get_julian (&first);
      self->range_end = self->range_start +
                        g_date_get_days_in_month (g_date_get_month (&first), g_date_get_year (&first));
      break;
    }
}

static void
update_title (TandemCalendarView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) day = local_midnight (g_date_get_julian (&self->date));

  if (self->mode == TANDEM_CALENDAR_MODE_WEEK)
    {
      GDate start;
      g_autofree char *month = NULL;

      g_date_clear (&start, 1);
      g_date_set_julian (&start, self->range_start);
      month = g_date_time_format (day, "%B %Y");
      /* Translators: the week view's title: "Week 10, March 2026" */
      text = g_strdup_printf (_("Week %u, %s"), tandem_calendar_week_number (&start), month);
    }
  else
    /* Translators: the month view's title, a strftime format: "March 2026" */
    text = g_date_time_format (day, _("%B %Y"));
  gtk_label_set_label (self->title_label, text);
}

/* Items */

static GHashTable *
people_roles (TandemCalendarView *self)
{
  GHashTable *roles = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = self->people ? g_list_model_get_n_items (G_LIST_MODEL (self->people)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      /* the list keeps its rows alive: the strings stay valid */
      g_hash_table_insert (roles, (char *) tandem_entity_get_id (person),
                           (char *) tandem_entity_get_string (person, "role"));
    }
  return roles;
}

static gboolean
item_matches (TandemCalendarView *self,
              Item               *item)
{
  TandemCalendarFilter filter = { self->filter_kinds, self->filter_campaign, self->filter_person, self->filter_joint };
  TandemCalendarItemInfo info = { item->type, NULL, NULL, NULL, item->joint };
  g_autofree const char **owners = NULL;

  switch (item->type)
    {
    case TANDEM_CALENDAR_ITEM_EVENT:
      info.kind = tandem_entity_get_string (item->entity, "kind");
      info.campaign = tandem_entity_get_string (item->entity, "campaign");
      info.people = tandem_entity_get_strv (item->entity, "attendees");
      break;
    case TANDEM_CALENDAR_ITEM_CAMPAIGN:
      owners = g_new0 (const char *, 3);
      owners[0] = tandem_entity_get_string (item->entity, "marketing_owner");
      owners[owners[0] ? 1 : 0] = tandem_entity_get_string (item->entity, "sales_owner");
      info.campaign = tandem_entity_get_id (item->entity);
      info.people = owners;
      break;
    case TANDEM_CALENDAR_ITEM_REVIEW:
    default:
      info.campaign = tandem_entity_get_string (item->entity, "campaign");
      info.people = tandem_entity_get_strv (item->entity, "reviewers");
      break;
    }
  return tandem_calendar_filter_match (&filter, &info);
}

static Item *
item_new (TandemCalendarItemType  type,
          TandemEntity           *entity,
          guint32                 start,
          guint32                 end,
          const char             *rid)
{
  Item *item = g_new0 (Item, 1);

  item->type = type;
  item->entity = g_object_ref (entity);
  item->start = start;
  item->end = MAX (end, start + 1);
  item->title = g_strdup (tandem_entity_get_string (entity, "title"));
  item->key = g_strdup_printf ("%s:%s:%s", tandem_entity_get_kind_name (entity),
                               tandem_entity_get_id (entity), rid ? rid : "");
  return item;
}

static void
add_dated_items (TandemCalendarView      *self,
                 GPtrArray               *items,
                 TandemEntityList        *list,
                 TandemCalendarItemType   type)
{
  guint n = list ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *from = tandem_entity_get_string (row, type == TANDEM_CALENDAR_ITEM_CAMPAIGN ? "start" : "due");
      const char *to = type == TANDEM_CALENDAR_ITEM_CAMPAIGN ? tandem_entity_get_string (row, "end") : NULL;
      GDate start, end;
      guint32 s, e;

      g_date_clear (&start, 1);
      g_date_clear (&end, 1);
      if (from == NULL || !tandem_parse_date (from, &start))
        continue;
      s = g_date_get_julian (&start);
      /* a campaign's end is its last day */
      e = (to != NULL && tandem_parse_date (to, &end) && g_date_get_julian (&end) >= s)
          ? g_date_get_julian (&end) + 1 : s + 1;
      if (e <= self->range_start || s >= self->range_end)
        continue;
      g_ptr_array_add (items, item_new (type, row, s, e, NULL));
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(Item * const *) a;
  const Item *y = *(Item * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if ((x->local_start == NULL) != (y->local_start == NULL))
    return x->local_start == NULL ? -1 : 1;
  if (x->local_start != NULL)
    return g_date_time_compare (x->local_start, y->local_start);
  return g_strcmp0 (x->title, y->title);
}

/* Turns the loaded occurrences into items, with the campaigns and due
 * dates of the range; filters apply. */
static void
set_occurrences (TandemCalendarView *self,
                 GPtrArray          *occurrences)
{
  g_autoptr(GHashTable) roles = people_roles (self);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (item_free);
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);

  for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
    {
      TandemOccurrence *occ = occurrences->pdata[i];
      const char * const *attendees = tandem_entity_get_strv (occ->event, "attendees");
      g_autoptr(GPtrArray) attendee_roles = g_ptr_array_new ();
      Item *item;
      guint32 s, e;

      if (occ->all_day)
        {
          s = g_date_get_julian (&occ->start_date);
          e = g_date_valid (&occ->end_date) ? g_date_get_julian (&occ->end_date) : s + 1;
          item = item_new (TANDEM_CALENDAR_ITEM_EVENT, occ->event, s, e, occ->recurrence_id);
        }
      else
        {
          g_autoptr(GDateTime) local_start = g_date_time_to_local (occ->start);
          g_autoptr(GDateTime) local_end = occ->end ? g_date_time_to_local (occ->end) : NULL;

          s = julian_of (local_start);
          e = s + 1;
          if (local_end != NULL && g_date_time_compare (local_end, local_start) > 0)
            {
              g_autoptr(GDateTime) last = g_date_time_add (local_end, -1);
              e = julian_of (last) + 1;
            }
          item = item_new (TANDEM_CALENDAR_ITEM_EVENT, occ->event, s, e, occ->recurrence_id);
          item->local_start = g_steal_pointer (&local_start);
        }
      item->occurrence = tandem_occurrence_copy (occ);

      for (guint j = 0; attendees != NULL && attendees[j] != NULL; j++)
        {
          const char *role = g_hash_table_lookup (roles, attendees[j]);

          if (role != NULL)
            g_ptr_array_add (attendee_roles, (gpointer) role);
        }
      g_ptr_array_add (attendee_roles, NULL);
      item->joint = tandem_calendar_is_joint (tandem_entity_get_string (occ->event, "kind"),
                                              (const char * const *) attendee_roles->pdata);
      g_ptr_array_add (all, item);
    }

  add_dated_items (self, all, self->campaigns, TANDEM_CALENDAR_ITEM_CAMPAIGN);
  add_dated_items (self, all, self->assets, TANDEM_CALENDAR_ITEM_REVIEW);

  for (guint i = 0; i < all->len; i++)
    if (item_matches (self, all->pdata[i]))
      g_ptr_array_add (items, g_steal_pointer (&all->pdata[i]));
  g_ptr_array_sort (items, compare_items);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
}

/* Widgets */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

static char *
item_time_text (Item *item)
{
  if (item->local_start == NULL)
    return NULL;
  /* Translators: a time of day on an event chip, a strftime format */
  return g_date_time_format (item->local_start, _("%H:%M"));
}

static char *
item_description (Item *item)
{
  g_autofree char *day = format_day (item->start, _("%a, %B %-d"));
  g_autofree char *time = item_time_text (item);
  const char *what;

  switch (item->type)
    {
    case TANDEM_CALENDAR_ITEM_CAMPAIGN:
      {
        g_autofree char *last = format_day (item->end - 1, _("%a, %B %-d"));
        /* Translators: accessible name of a campaign bar: title, first and last day */
        return g_strdup_printf (_("Campaign “%s”, %s to %s"), item->title, day, last);
      }
    case TANDEM_CALENDAR_ITEM_REVIEW:
      /* Translators: accessible name of an asset's review due date */
      return g_strdup_printf (_("Review of “%s” due %s"), item->title, day);
    case TANDEM_CALENDAR_ITEM_EVENT:
    default:
      what = item->joint ? _("Joint Meeting") : kind_title (tandem_entity_get_string (item->entity, "kind"));
      if (time != NULL)
        /* Translators: accessible name of an event: kind, title, day, time */
        return g_strdup_printf (_("%s “%s”, %s, %s"), what, item->title, day, time);
      return g_strdup_printf (_("%s “%s”, %s"), what, item->title, day);
    }
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *widget)
{
  const char *key = g_object_get_data (G_OBJECT (widget), ITEM_KEY);
  GtkWidget *view = gtk_widget_get_ancestor (widget, TANDEM_TYPE_CALENDAR_VIEW);

  if (key == NULL || view == NULL || !is_writable (TANDEM_CALENDAR_VIEW (view)))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, key);
}

static void item_clicked_cb   (GtkButton          *button,
                               TandemCalendarView *self);
static void item_menu_cb      (GtkGestureClick    *gesture,
                               int                 n_press,
                               double              x,
                               double              y,
                               TandemCalendarView *self);

static void
set_campaign_colour (GtkWidget    *widget,
                     TandemEntity *campaign)
{
  const char *color = tandem_entity_get_string (campaign, "color");
  g_autofree char *css = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkRGBA rgba;
  double luminance;

  if (color == NULL || !tandem_is_color (color) || !gdk_rgba_parse (&rgba, color))
    return;
  /* dark text on light colours, so every title stays readable */
  luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;
  /* one tiny provider per bar: bars are few (lanes are capped) */
  css = g_strdup_printf ("button.calendar-bar { background-color: %s; color: %s; }", color,
                         luminance > 0.55 ? "rgba(0,0,0,0.85)" : "white");
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (widget), GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkWidget *
make_item_widget (TandemCalendarView *self,
                  Item               *item,
                  gboolean            bar)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label;
  GtkDragSource *drag;
  GtkGesture *menu;
  g_autofree char *time = item_time_text (item);
  g_autofree char *text = NULL;
  g_autofree char *description = item_description (item);

  gtk_widget_add_css_class (button, bar ? "calendar-bar" : "calendar-chip");
  gtk_widget_add_css_class (button, "flat");
  if (item->type == TANDEM_CALENDAR_ITEM_EVENT)
    {
      const char *kind = tandem_entity_get_string (item->entity, "kind");
      g_autofree char *css_kind = g_strconcat ("kind-", kind ? kind : "other", NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name (item->joint ? "system-users-symbolic" : kind_icon (kind));

      gtk_widget_add_css_class (button, css_kind);
      if (item->joint)
        gtk_widget_add_css_class (button, "joint");
      gtk_box_append (GTK_BOX (box), icon);
    }
  else if (item->type == TANDEM_CALENDAR_ITEM_REVIEW)
    {
      gtk_widget_add_css_class (button, "review-due");
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("document-edit-symbolic"));
    }
  else
    set_campaign_colour (button, item->entity);

  text = time ? g_strdup_printf ("%s %s", time, item->title) : g_strdup (item->title);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  if (item->occurrence != NULL && item->occurrence->recurrence_id != NULL)
    {
      /* Translators: appended to a repeating event's description */
      char *more = g_strdup_printf ("%s. %s", description,
                                    _("Repeats: dragging it moves every occurrence."));

      g_free (description);
      description = more;
    }
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  g_object_set_data_full (G_OBJECT (button), ITEM_KEY, g_strdup (item->key), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (item_clicked_cb), self, 0);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (drag_prepare_cb), button, 0);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));

  menu = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (menu, "pressed", G_CALLBACK (item_menu_cb), self, 0);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (menu));

  return button;
}

static gboolean drop_cb      (GtkDropTarget      *target,
                              const GValue       *value,
                              double              x,
                              double              y,
                              TandemCalendarView *self);
static void     day_press_cb (GtkGestureClick    *gesture,
                              int                 n_press,
                              double              x,
                              double              y,
                              TandemCalendarView *self);

/* A drop target and double-click on @widget for @julian (and @hour, or -1) */
static void
add_day_controllers (TandemCalendarView *self,
                     GtkWidget          *widget,
                     guint32             julian,
                     int                 hour)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data (G_OBJECT (widget), DAY_KEY, GUINT_TO_POINTER (julian));
  g_object_set_data (G_OBJECT (widget), HOUR_KEY, GINT_TO_POINTER (hour + 1));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
  g_signal_connect_object (click, "pressed", G_CALLBACK (day_press_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

static void
more_clicked_cb (GtkButton          *button,
                 TandemCalendarView *self)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_julian (&day, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), DAY_KEY)));
  self->date = day;
  _tandem_calendar_view_set_mode (self, TANDEM_CALENDAR_MODE_WEEK);
}

/* Chips of the single-day items of @julian, at most @max, and a button
 * naming how many more there are. */
static GtkWidget *
make_day_chips (TandemCalendarView *self,
                GPtrArray          *day_items,
                guint               hidden,
                guint32             julian,
                int                 hour)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  guint shown = MIN (day_items->len, MAX_CHIPS);
  guint more;

  gtk_widget_add_css_class (box, "calendar-chips");
  gtk_widget_set_vexpand (box, TRUE);
  if (hour >= 0)
    shown = day_items->len;
  for (guint i = 0; i < shown; i++)
    gtk_box_append (GTK_BOX (box), make_item_widget (self, day_items->pdata[i], FALSE));

  more = day_items->len - shown + hidden;
  if (more > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u more", "%u more", more), more);
      GtkWidget *button = gtk_button_new_with_label (label);
      g_autofree char *day = format_day (julian, _("%a, %B %-d"));
      /* Translators: accessible name of the "3 more" button of a day */
      g_autofree char *name = g_strdup_printf (ngettext ("%u more item on %s", "%u more items on %s", more),
                                               more, day);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "calendar-more");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), DAY_KEY, GUINT_TO_POINTER (julian));
      g_signal_connect_object (button, "clicked", G_CALLBACK (more_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  add_day_controllers (self, box, julian, hour);
  return box;
}

/* Items shown as bars: campaigns, and events over more than one day */
static gboolean
is_bar (Item *item)
{
  return item->type == TANDEM_CALENDAR_ITEM_CAMPAIGN || item->end - item->start > 1;
}

static GtkWidget *
make_day_label (TandemCalendarView *self,
                guint32             julian,
                gboolean            other_month,
                gboolean            with_weekday)
{
  g_autofree char *text = format_day (julian, with_weekday ? "%a %-d" : "%-d");
  g_autofree char *full = format_day (julian, _("%a, %B %-d"));
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "calendar-day-number");
  if (julian == today_julian ())
    {
      g_autofree char *today = g_strdup_printf (_("Today, %s"), full);

      gtk_widget_add_css_class (label, "today");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, today, -1);
    }
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
  if (other_month)
    gtk_widget_add_css_class (label, "dim-label");
  add_day_controllers (self, label, julian, -1);
  return label;
}

/* Lays out one row of seven days starting at @row_start into @grid: day
 * labels in grid row 0, bars in lanes below, then the chips. With @slots
 * (the week view), timed events go into its 24 hour rows instead, each
 * row's height shared through @hour_groups. */
static void
build_week_row (TandemCalendarView  *self,
                GtkGrid             *grid,
                guint32              row_start,
                GtkGrid             *slots,
                GtkSizeGroup       **hour_groups)
{
  gboolean hours = slots != NULL;
  guint max_lanes = hours ? MAX_WEEK_LANES : MAX_LANES;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (TandemCalendarSpan));
  g_autoptr(GArray) segments = NULL;
  guint hidden[7] = { 0, };
  guint lanes = 0;
  guint month = g_date_get_month (&self->date);
  guint base;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];

      if ((is_bar (item) || (hours && item->local_start == NULL)) &&
          item->end > row_start && item->start < row_start + 7)
        {
          TandemCalendarSpan span = { item->start, item->end, item };
          g_array_append_val (spans, span);
        }
    }
  segments = tandem_calendar_layout_bars (row_start, 1, (TandemCalendarSpan *) spans->data, spans->len, &lanes);

  for (guint c = 0; c < 7; c++)
    {
      GDate day;
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      g_date_clear (&day, 1);
      g_date_set_julian (&day, row_start + c);
      gtk_widget_add_css_class (cell, "calendar-day");
      if (row_start + c == today_julian ())
        gtk_widget_add_css_class (cell, "today");
      if (!hours && g_date_get_month (&day) != month)
        gtk_widget_add_css_class (cell, "other-month");
      gtk_widget_set_hexpand (cell, TRUE);
      gtk_widget_set_vexpand (cell, !hours);
      add_day_controllers (self, cell, row_start + c, -1);
      gtk_grid_attach (grid, cell, c, 0, 1, MIN (lanes, max_lanes) + 2);
      gtk_grid_attach (grid, make_day_label (self, row_start + c, !hours && g_date_get_month (&day) != month, hours),
                       c, 0, 1, 1);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      TandemCalendarSegment *segment = &g_array_index (segments, TandemCalendarSegment, i);
      GtkWidget *bar;

      if (segment->lane >= max_lanes)
        {
          for (guint c = segment->column; c < segment->column + segment->n_columns; c++)
            hidden[c]++;
          continue;
        }
      bar = make_item_widget (self, segment->data, TRUE);
      if (segment->continues_before)
        gtk_widget_add_css_class (bar, "continues-before");
      if (segment->continues_after)
        gtk_widget_add_css_class (bar, "continues-after");
      gtk_grid_attach (grid, bar, segment->column, 1 + segment->lane, segment->n_columns, 1);
    }

  base = 1 + MIN (lanes, max_lanes);
  for (guint c = 0; c < 7; c++)
    {
      g_autoptr(GPtrArray) day_items = g_ptr_array_new ();
      guint32 julian = row_start + c;

      if (!hours)
        {
          for (guint i = 0; i < self->items->len; i++)
            {
              Item *item = self->items->pdata[i];

              if (!is_bar (item) && item->start == julian)
                g_ptr_array_add (day_items, item);
            }
          gtk_grid_attach (grid, make_day_chips (self, day_items, hidden[c], julian, -1), c, base, 1, 1);
          continue;
        }

      if (hidden[c] > 0)
        gtk_grid_attach (grid, make_day_chips (self, day_items, hidden[c], julian, -1), c, base, 1, 1);
      for (int hour = 0; hour < 24; hour++)
        {
          GtkWidget *slot;

          g_ptr_array_set_size (day_items, 0);
          for (guint i = 0; i < self->items->len; i++)
            {
              Item *item = self->items->pdata[i];

              if (item->local_start != NULL && !is_bar (item) && item->start == julian &&
                  g_date_time_get_hour (item->local_start) == hour)
                g_ptr_array_add (day_items, item);
            }
          slot = make_day_chips (self, day_items, 0, julian, hour);
          gtk_widget_add_css_class (slot, "calendar-slot");
          gtk_grid_attach (slots, slot, c, hour, 1, 1);
          gtk_size_group_add_widget (hour_groups[hour], slot);
        }
    }
}

static GtkWidget *
make_weekday_header (TandemCalendarView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *corner = gtk_label_new (NULL);
  GtkWidget *days = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (corner, "calendar-week-number");
  gtk_box_append (GTK_BOX (box), corner);
  gtk_box_set_homogeneous (GTK_BOX (days), TRUE);
  gtk_widget_set_hexpand (days, TRUE);
  for (guint c = 0; c < 7; c++)
    {
      g_autofree char *name = format_day (self->range_start + c, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "calendar-weekday");
      gtk_box_append (GTK_BOX (days), label);
    }
  gtk_box_append (GTK_BOX (box), days);
  return box;
}

static GtkWidget *
make_week_number (guint32 row_start)
{
  GDate day;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  GtkWidget *label;
  guint week;

  g_date_clear (&day, 1);
  /* the ISO week of the row's Thursday-most day: its middle */
  g_date_set_julian (&day, row_start + 3);
  week = tandem_calendar_week_number (&day);
  text = g_strdup_printf ("%u", week);
  label = gtk_label_new (text);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "calendar-week-number");
  name = g_strdup_printf (_("Week %u"), week);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return label;
}

static GtkWidget *
make_row_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_hexpand (grid, TRUE);
  gtk_widget_add_css_class (grid, "calendar-week-row");
  return grid;
}

static void
build_month (TandemCalendarView *self)
{
  clear_box (GTK_WIDGET (self->month_box));
  gtk_box_append (self->month_box, make_weekday_header (self));
  for (guint r = 0; r < self->n_rows; r++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *grid = make_row_grid ();

      gtk_widget_set_vexpand (row, TRUE);
      gtk_box_append (GTK_BOX (row), make_week_number (self->range_start + 7 * r));
      build_week_row (self, GTK_GRID (grid), self->range_start + 7 * r, NULL, NULL);
      gtk_box_append (GTK_BOX (row), grid);
      gtk_box_append (self->month_box, row);
    }
}

/* Once the week is laid out, the working day comes into view (unless
 * the user has scrolled already). */
static gboolean
scroll_to_working_hours_cb (GtkWidget     *label,
                            GdkFrameClock *clock,
                            gpointer       data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (label) == 0)
    return G_SOURCE_CONTINUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_adjustment_get_value (adjustment) == 0 &&
      gtk_widget_compute_point (label, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y);
  return G_SOURCE_REMOVE;
}

static void
build_week (TandemCalendarView *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *hours = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *corner = gtk_label_new (NULL);
  GtkWidget *grid = make_row_grid ();
  GtkWidget *slots = make_row_grid ();
  GtkSizeGroup *hour_groups[24];

  clear_box (GTK_WIDGET (self->week_top_box));
  clear_box (GTK_WIDGET (self->week_box));
  for (int hour = 0; hour < 24; hour++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_local (2000, 1, 1, hour, 0, 0);
      /* Translators: the hour labels of the week view, a strftime format */
      g_autofree char *text = g_date_time_format (at, _("%H:%M"));
      GtkWidget *label = gtk_label_new (text);

      hour_groups[hour] = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "calendar-hour");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_size_group_add_widget (hour_groups[hour], label);
      gtk_box_append (GTK_BOX (hours), label);
    }
  build_week_row (self, GTK_GRID (grid), self->range_start, GTK_GRID (slots), hour_groups);
  {
    GtkWidget *seven = gtk_widget_get_first_child (hours);

    for (guint i = 0; i < WORKING_HOURS_START; i++)
      seven = gtk_widget_get_next_sibling (seven);
    gtk_widget_add_tick_callback (seven, scroll_to_working_hours_cb, NULL, NULL);
  }
  for (int hour = 0; hour < 24; hour++)
    g_object_unref (hour_groups[hour]);

  /* the all-day part lines up with the hours' column */
  gtk_widget_add_css_class (corner, "calendar-hour");
  gtk_box_append (GTK_BOX (top), corner);
  gtk_box_append (GTK_BOX (top), grid);
  gtk_box_append (GTK_BOX (body), hours);
  gtk_box_append (GTK_BOX (body), slots);
  gtk_box_append (self->week_top_box, top);
  gtk_box_append (self->week_box, body);
}

static void
agenda_row_activated_cb (GtkListBox         *list,
                         GtkListBoxRow      *row,
                         TandemCalendarView *self)
{
  GtkWidget *child = gtk_list_box_row_get_child (row);

  if (GTK_IS_BUTTON (child))
    g_signal_emit_by_name (child, "clicked");
}

static void
build_agenda (TandemCalendarView *self)
{
  guint32 last_day = 0;

  clear_box (GTK_WIDGET (self->agenda_list));
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];
      guint32 day = MAX (item->start, self->range_start);
      GtkWidget *widget;

      if (day != last_day)
        {
          g_autofree char *text = format_day (day, _("%a, %B %-d"));
          GtkWidget *header = gtk_label_new (text);
          GtkWidget *row = gtk_list_box_row_new ();

          gtk_label_set_xalign (GTK_LABEL (header), 0);
          gtk_widget_add_css_class (header, "heading");
          gtk_widget_add_css_class (header, "calendar-agenda-day");
          if (day == today_julian ())
            gtk_widget_add_css_class (header, "today");
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_widget_set_focusable (row, FALSE);
          gtk_list_box_append (self->agenda_list, row);
          last_day = day;
        }
      /* campaigns keep their colour in the list too */
      widget = make_item_widget (self, item, item->type == TANDEM_CALENDAR_ITEM_CAMPAIGN);
      gtk_widget_add_css_class (widget, "calendar-agenda-item");
      gtk_list_box_append (self->agenda_list, widget);
      gtk_widget_set_focusable (gtk_widget_get_parent (widget), FALSE);
    }
  if (self->items->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing planned this month"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->agenda_list, label);
      gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
    }
}

static GtkWidget *
find_key_widget (GtkWidget  *root,
                 const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), ITEM_KEY), key) == 0)
        return child;
      if ((found = find_key_widget (child, key)) != NULL)
        return found;
    }
  return NULL;
}

static void
rebuild (TandemCalendarView *self)
{
  GtkWidget *focus;

  if (self->items == NULL)
    self->items = g_ptr_array_new_with_free_func (item_free);

  switch (self->mode)
    {
    case TANDEM_CALENDAR_MODE_MONTH:
      build_month (self);
      break;
    case TANDEM_CALENDAR_MODE_WEEK:
      build_week (self);
      break;
    case TANDEM_CALENDAR_MODE_AGENDA:
    default:
      build_agenda (self);
      break;
    }

  if (self->focus_key != NULL &&
      (focus = find_key_widget (GTK_WIDGET (self), self->focus_key)) != NULL)
    {
      gtk_widget_grab_focus (focus);
      g_clear_pointer (&self->focus_key, g_free);
    }
  self->last_built = g_get_monotonic_time ();
}

/* Loading */

typedef struct
{
  GDateTime *from;
  GDateTime *to;
} Range;

static void
range_free (gpointer data)
{
  Range *range = data;

  g_clear_pointer (&range->from, g_date_time_unref);
  g_clear_pointer (&range->to, g_date_time_unref);
  g_free (range);
}

typedef struct
{
  GPtrArray *occurrences;
  gint64     n_events;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_clear_pointer (&loaded->occurrences, g_ptr_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

/* The range's occurrences, and how many events there are in all (a
 * count on the index: the rows themselves stay on disk) */
static gpointer
load_func (TandemStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Range *range = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if ((loaded->occurrences = tandem_calendar_list_range (store, range->from, range->to, error)) == NULL)
    return NULL;
  if ((loaded->n_events = tandem_store_count (store, TANDEM_TYPE_EVENT, error)) < 0)
    return NULL;
  return g_steal_pointer (&loaded);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemCalendarView) self = user_data;
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = tandem_store_run_finish (TANDEM_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || TANDEM_STORE (object) != self->store)
    return;

  self->loading = FALSE;
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload (self);
      return;
    }
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The calendar could not be read: %s"), error->message);
      show_text_toast (self, text);
    }
  set_occurrences (self, loaded ? loaded->occurrences : NULL);
  rebuild (self);
  if (loaded != NULL && loaded->n_events != self->n_events)
    {
      self->n_events = loaded->n_events;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
    }
}

static void
reload (TandemCalendarView *self)
{
  Range *range;

  compute_range (self);
  update_title (self);
  if (!has_store (self))
    {
      set_occurrences (self, NULL);
      rebuild (self);
      return;
    }
  if (self->loading)
    {
      /* the range may have moved: load again when this one is done */
      self->reload_again = TRUE;
      return;
    }

  range = g_new0 (Range, 1);
  range->from = local_midnight (self->range_start);
  range->to = local_midnight (self->range_end);
  self->loading = TRUE;
  tandem_store_run_async (self->store, load_func, range, range_free, loaded_free,
                          self->cancellable, load_done_cb, g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer data)
{
  TandemCalendarView *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (TandemCalendarView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
store_changed_cb (TandemCalendarView *self,
                  TandemChange       *change)
{
  if (change->type == TANDEM_TYPE_EVENT || change->type == TANDEM_TYPE_PERSON)
    queue_reload (self);
}

/* Campaigns and assets come from the window's lists, which follow the
 * store themselves. */
static void
list_changed_cb (TandemCalendarView *self)
{
  queue_reload (self);
}

/* Writes */

static void start_next_write (TandemCalendarView *self);

static char *shift_stored (const char *text,
                           GTimeZone  *zone,
                           int         days,
                           GTimeSpan   usec);

/* Inside a transaction: the overridden occurrences of the series @uid
 * move by the same days and time as the series */
static gboolean
move_overrides (TandemStore  *store,
                Write        *write,
                const char   *uid,
                GError      **error)
{
  g_autoptr(GPtrArray) rows = tandem_calendar_list_overrides (store, uid, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TandemEntity *row = rows->pdata[i];
      g_autoptr(JsonObject) patch = json_object_new ();
      g_autoptr(TandemEntity) updated = NULL;
      static const char * const fields[] = { "recurrence_id", "start", "end" };

      if (g_str_equal (tandem_entity_get_id (row), write->id))
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *value = tandem_entity_get_string (row, fields[f]);
          g_autofree char *moved = NULL;

          if (value == NULL)
            continue;
          moved = shift_stored (value, write->zone, write->days, write->usec);
          if (moved != NULL)
            json_object_set_string_member (patch, fields[f], moved);
        }
      if ((updated = tandem_store_update (store, TANDEM_TYPE_EVENT, tandem_entity_get_id (row), 0, patch,
                                          TANDEM_WRITE_DEFAULT, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gpointer
write_func (TandemStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Write *write = data;

  switch (write->kind)
    {
    case WRITE_UPDATE:
      if (write->zone == NULL)
        return tandem_store_update (store, write->type, write->id, write->base_rev, write->patch,
                                    TANDEM_WRITE_DEFAULT, error);
      else
        {
          TandemEntity *master;

          if (!tandem_store_begin (store, error))
            return NULL;
          if ((master = tandem_store_update (store, write->type, write->id, write->base_rev, write->patch,
                                             TANDEM_WRITE_DEFAULT, error)) == NULL ||
              !move_overrides (store, write, tandem_entity_get_string (master, "uid"), error))
            {
              g_clear_object (&master);
              tandem_store_rollback (store);
              return NULL;
            }
          if (!tandem_store_commit (store, error))
            g_clear_object (&master);
          return master;
        }
    case WRITE_DELETE_EVENT:
      return tandem_calendar_delete_event (store, write->id, write->base_rev, error)
             ? g_object_ref (store) : NULL;
    case WRITE_DELETE_OCCURRENCE:
      return tandem_calendar_delete_occurrence (store, write->id, write->when, error)
             ? g_object_ref (store) : NULL;
    case WRITE_RESTORE:
      return tandem_store_restore (store, write->type, write->id, error);
    case WRITE_SET_EXDATES:
      {
        g_autoptr(JsonObject) patch = json_object_new ();
        g_autoptr(JsonArray) exdates = json_array_new ();
        g_autoptr(TandemEntity) current = NULL;
        TandemEntity *updated;

        for (guint i = 0; write->exdates != NULL && write->exdates[i] != NULL; i++)
          json_array_add_string_element (exdates, write->exdates[i]);
        json_object_set_array_member (patch, "exdates", g_steal_pointer (&exdates));
        if (!tandem_store_begin (store, error))
          return NULL;
        if ((current = tandem_store_get (store, TANDEM_TYPE_EVENT, write->id, error)) == NULL ||
            (updated = tandem_store_update (store, TANDEM_TYPE_EVENT, write->id, tandem_entity_get_rev (current),
                                            patch, TANDEM_WRITE_DEFAULT, error)) == NULL)
          {
            tandem_store_rollback (store);
            return NULL;
          }
        g_object_unref (updated);
        if (write->override_id != NULL)
          {
            TandemEntity *restored = tandem_store_restore (store, TANDEM_TYPE_EVENT, write->override_id, error);

            if (restored == NULL)
              {
                tandem_store_rollback (store);
                return NULL;
              }
            g_object_unref (restored);
          }
        return tandem_store_commit (store, error) ? g_object_ref (store) : NULL;
      }
    case WRITE_IMPORT:
      return tandem_calendar_import_file (store, write->file, &write->n_added, &write->n_updated, &write->warnings,
                                          error)
             ? g_object_ref (store) : NULL;
    case WRITE_EXPORT:
      return tandem_calendar_export_file (store, write->file, NULL, NULL, error)
             ? g_object_ref (store) : NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
undo_cb (AdwToast *toast,
         Write    *undo);

static void
run_write (TandemCalendarView *self,
           Write              *write)
{
  write->view = g_object_ref (self);
  self->n_pending++;
  g_queue_push_tail (&self->queue, write);
  start_next_write (self);
}

static Write *
write_copy_for_undo (Write *write)
{
  Write *undo = g_new0 (Write, 1);

  undo->type = write->type;
  undo->id = g_strdup (write->id);
  undo->title = g_strdup (write->title);
  return undo;
}

static void
show_undo_toast (TandemCalendarView *self,
                 const char         *text,
                 Write              *undo)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo->view = g_object_ref (self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) write_free, 0);
  show_toast (self, toast);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  TandemCalendarView *self = write->view;
  g_autoptr(GObject) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  value = tandem_store_run_finish (TANDEM_STORE (object), result, &error);
  self->n_pending--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || TANDEM_STORE (object) != self->store)
    {
      write_free (write);
      return;
    }
  self->writing = FALSE;
  start_next_write (self);

  switch (write->kind)
    {
    case WRITE_UPDATE:
      if (value == NULL)
        {
          text = g_strdup_printf (_("“%s” could not be moved: %s"), write->title, error->message);
          show_text_toast (self, text);
        }
      break;
    case WRITE_DELETE_EVENT:
    case WRITE_DELETE_OCCURRENCE:
      if (value == NULL)
        {
          text = g_strdup_printf (_("“%s” could not be deleted: %s"), write->title, error->message);
          show_text_toast (self, text);
        }
      else
        {
          Write *undo = write_copy_for_undo (write);

          if (write->kind == WRITE_DELETE_OCCURRENCE)
            {
              undo->kind = WRITE_SET_EXDATES;
              undo->exdates = g_steal_pointer (&write->exdates);
              undo->override_id = g_steal_pointer (&write->override_id);
              text = g_strdup_printf (_("One occurrence of “%s” deleted"), write->title);
            }
          else
            {
              undo->kind = WRITE_RESTORE;
              text = g_strdup_printf (_("“%s” deleted"), write->title);
            }
          show_undo_toast (self, text, undo);
        }
      break;
    case WRITE_RESTORE:
    case WRITE_SET_EXDATES:
      if (value == NULL)
        {
          text = g_strdup_printf (_("“%s” could not be restored: %s"), write->title, error->message);
          show_text_toast (self, text);
        }
      break;
    case WRITE_IMPORT:
      if (value == NULL)
        {
          g_autofree char *name = g_file_get_basename (write->file);
          g_autofree char *heading = g_strdup_printf (_("“%s” Could Not Be Imported"), name);
          g_autofree char *body = g_strdup_printf (_("%s\n\nNothing was imported."), error->message);

          show_error_dialog (self, heading, body);
        }
      else
        {
          g_autofree char *added = g_strdup_printf (ngettext ("%u event imported", "%u events imported",
                                                              write->n_added), write->n_added);

          if (write->n_updated > 0)
            /* Translators: "12 events imported, 3 updated" */
            text = g_strdup_printf (ngettext ("%s, %u updated", "%s, %u updated", write->n_updated),
                                    added, write->n_updated);
          else
            text = g_steal_pointer (&added);
          if (write->warnings != NULL && write->warnings[0] != NULL)
            {
              /* what the file held that could not be read is said, not dropped silently */
              g_autofree char *name = g_file_get_basename (write->file);
              g_autofree char *heading = g_strdup_printf (_("Parts of “%s” Were Left Out"), name);
              g_autofree char *list = g_strjoinv ("\n", write->warnings);
              g_autofree char *body = g_strdup_printf (_("%s. These lines of the file could not be read and were "
                                                         "left out:\n\n%s"), text, list);

              show_error_dialog (self, heading, body);
            }
          else
            show_text_toast (self, text);
        }
      break;
    case WRITE_EXPORT:
      if (value == NULL)
        show_error_dialog (self, _("Calendar Could Not Be Exported"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (write->file);

          text = g_strdup_printf (_("Calendar exported to “%s”"), name);
          show_text_toast (self, text);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  write_free (write);
}

static void
start_next_write (TandemCalendarView *self)
{
  Write *write;

  if (self->writing || (write = g_queue_pop_head (&self->queue)) == NULL)
    return;
  self->writing = TRUE;
  tandem_store_run_async (self->store, write_func, write, NULL, g_object_unref,
                          self->cancellable, write_done_cb, write);
}

static void
drop_queued_writes (TandemCalendarView *self)
{
  Write *write;

  while ((write = g_queue_pop_head (&self->queue)) != NULL)
    {
      self->n_pending--;
      write_free (write);
    }
}

static void
undo_cb (AdwToast *toast,
         Write    *undo)
{
  TandemCalendarView *self = undo->view;
  Write *copy;

  if (!has_store (self))
    return;
  copy = write_copy_for_undo (undo);
  copy->kind = undo->kind;
  copy->exdates = g_strdupv (undo->exdates);
  copy->override_id = g_strdup (undo->override_id);
  run_write (self, copy);
}

/* Moving */

static char *
shift_date (const char *text,
            int         days)
{
  GDate date;

  g_date_clear (&date, 1);
  if (text == NULL || !tandem_parse_date (text, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* @text moved by @days days in @zone (so the wall time stays across a DST
 * change) plus @usec. */
static char *
shift_time (const char *text,
            GTimeZone  *zone,
            int         days,
            GTimeSpan   usec)
{
  g_autoptr(GDateTime) parsed = text ? tandem_parse_date_time (text, zone) : NULL;
  g_autoptr(GDateTime) in_zone = NULL;
  g_autoptr(GDateTime) by_days = NULL;
  g_autoptr(GDateTime) moved = NULL;

  if (parsed == NULL)
    return NULL;
  in_zone = g_date_time_to_timezone (parsed, zone);
  by_days = g_date_time_add_days (in_zone, days);
  moved = g_date_time_add (by_days, usec);
  return tandem_format_date_time (moved);
}

/* A stored date ("YYYY-MM-DD", all-day values) or time moved along */
static char *
shift_stored (const char *text,
              GTimeZone  *zone,
              int         days,
              GTimeSpan   usec)
{
  return tandem_parse_date (text, NULL) ? shift_date (text, days) : shift_time (text, zone, days, usec);
}

static void
set_or_null (JsonObject *patch,
             const char *name,
             char       *value)
{
  if (value != NULL)
    json_object_set_string_member (patch, name, value);
  g_free (value);
}

/* Moves @item so that its first day is @julian; with @hour >= 0 (the
 * week view) a timed event also starts at that hour. A recurring event
 * moves as a whole series. */
static void
move_item (TandemCalendarView *self,
           Item               *item,
           guint32             julian,
           int                 hour)
{
  Write *write;
  int days = (int) julian - (int) item->start;
  GTimeSpan usec = 0;

  if (!has_store (self))
    return;
  if (item->local_start != NULL && hour >= 0)
    usec = (GTimeSpan) (hour - g_date_time_get_hour (item->local_start)) * G_TIME_SPAN_HOUR;
  if (days == 0 && usec == 0)
    return;

  write = g_new0 (Write, 1);
  write->kind = WRITE_UPDATE;
  write->type = G_OBJECT_TYPE (item->entity);
  write->id = g_strdup (tandem_entity_get_id (item->entity));
  write->base_rev = tandem_entity_get_rev (item->entity);
  write->title = g_strdup (item->title);
  write->patch = json_object_new ();

  switch (item->type)
    {
    case TANDEM_CALENDAR_ITEM_CAMPAIGN:
      set_or_null (write->patch, "start", shift_date (tandem_entity_get_string (item->entity, "start"), days));
      set_or_null (write->patch, "end", shift_date (tandem_entity_get_string (item->entity, "end"), days));
      break;
    case TANDEM_CALENDAR_ITEM_REVIEW:
      set_or_null (write->patch, "due", shift_date (tandem_entity_get_string (item->entity, "due"), days));
      break;
    case TANDEM_CALENDAR_ITEM_EVENT:
    default:
      if (tandem_entity_get_bool (item->entity, "all_day"))
        {
          set_or_null (write->patch, "start", shift_date (tandem_entity_get_string (item->entity, "start"), days));
          set_or_null (write->patch, "end", shift_date (tandem_entity_get_string (item->entity, "end"), days));
        }
      else
        {
          GTimeZone *zone = g_date_time_get_timezone (item->occurrence->start);

          set_or_null (write->patch, "start",
                       shift_time (tandem_entity_get_string (item->entity, "start"), zone, days, usec));
          set_or_null (write->patch, "end",
                       shift_time (tandem_entity_get_string (item->entity, "end"), zone, days, usec));
        }
      /* a series keeps its deleted occurrences deleted and its weekdays
       * relative to the start: both move with it */
      if (tandem_entity_get_string (item->entity, "rrule") != NULL)
        {
          const char * const *exdates = tandem_entity_get_strv (item->entity, "exdates");
          GTimeZone *zone = g_date_time_get_timezone (item->occurrence->start);
          JsonArray *moved = json_array_new ();

          if (days % 7 != 0)
            set_or_null (write->patch, "rrule",
                         tandem_calendar_shift_rrule (tandem_entity_get_string (item->entity, "rrule"), days));
          /* its overridden occurrences move too (in the same transaction) */
          write->zone = g_time_zone_ref (zone);
          write->days = days;
          write->usec = usec;

          for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
            {
              g_autofree char *shifted = shift_stored (exdates[i], zone, days, usec);
              json_array_add_string_element (moved, shifted != NULL ? shifted : exdates[i]);
            }
          json_object_set_array_member (write->patch, "exdates", moved);
        }
      break;
    }

  g_free (self->focus_key);
  self->focus_key = g_strdup (item->key);
  if (item->occurrence != NULL && item->occurrence->recurrence_id != NULL)
    {
      /* the occurrence's key changes with the series: focus the day's first */
      g_clear_pointer (&self->focus_key, g_free);
    }
  run_write (self, write);
}

/* Deleting */

static void
delete_item (TandemCalendarView        *self,
             Item                      *item,
             TandemCalendarDeleteScope  scope)
{
  Write *write;

  if (!has_store (self) || item->type != TANDEM_CALENDAR_ITEM_EVENT)
    return;

  write = g_new0 (Write, 1);
  write->type = TANDEM_TYPE_EVENT;
  write->title = g_strdup (item->title);
  if (scope == TANDEM_CALENDAR_DELETE_OCCURRENCE && item->occurrence->recurrence_id != NULL)
    {
      const char *override_rid = tandem_entity_get_string (item->entity, "recurrence_id");
      Item *master = NULL;

      write->kind = WRITE_DELETE_OCCURRENCE;
      write->when = g_strdup (item->occurrence->recurrence_id);
      if (override_rid != NULL)
        {
          /* an overridden occurrence: its series' master holds the exdates */
          for (guint i = 0; i < self->items->len && master == NULL; i++)
            {
              Item *other = self->items->pdata[i];

              if (other->type == TANDEM_CALENDAR_ITEM_EVENT &&
                  tandem_entity_get_string (other->entity, "rrule") != NULL &&
                  g_strcmp0 (tandem_entity_get_string (other->entity, "uid"),
                             tandem_entity_get_string (item->entity, "uid")) == 0)
                master = other;
            }
          if (master == NULL)
            {
              /* the master has no occurrence in the range: delete the row */
              write->kind = WRITE_DELETE_EVENT;
              write->id = g_strdup (tandem_entity_get_id (item->entity));
              write->base_rev = tandem_entity_get_rev (item->entity);
              run_write (self, write);
              return;
            }
          write->override_id = g_strdup (tandem_entity_get_id (item->entity));
          write->id = g_strdup (tandem_entity_get_id (master->entity));
          write->exdates = g_strdupv ((GStrv) tandem_entity_get_strv (master->entity, "exdates"));
        }
      else
        {
          write->id = g_strdup (tandem_entity_get_id (item->entity));
          write->exdates = g_strdupv ((GStrv) tandem_entity_get_strv (item->entity, "exdates"));
        }
    }
  else
    {
      write->kind = WRITE_DELETE_EVENT;
      write->id = g_strdup (tandem_entity_get_id (item->entity));
      write->base_rev = tandem_entity_get_rev (item->entity);
    }
  run_write (self, write);
}

static void
delete_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    TandemCalendarView *self)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), ITEM_KEY);
  Item *item = find_item (self, key);

  if (item == NULL)
    return;
  if (g_str_equal (response, "occurrence"))
    delete_item (self, item, TANDEM_CALENDAR_DELETE_OCCURRENCE);
  else if (g_str_equal (response, "series"))
    delete_item (self, item, TANDEM_CALENDAR_DELETE_EVENT);
}

static void
ask_delete (TandemCalendarView *self,
            Item               *item)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (item == NULL || item->type != TANDEM_CALENDAR_ITEM_EVENT)
    return;
  if (item->occurrence == NULL || item->occurrence->recurrence_id == NULL)
    {
      delete_item (self, item, TANDEM_CALENDAR_DELETE_EVENT);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), item->title);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("This event repeats. Delete only this occurrence, or every occurrence?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "occurrence", _("_This Occurrence"),
                                    "series", _("_All Occurrences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "series",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "occurrence");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), ITEM_KEY, g_strdup (item->key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
emit_edit (TandemCalendarView *self,
           Item               *item)
{
  if (item->type == TANDEM_CALENDAR_ITEM_EVENT)
    g_signal_emit (self, signals[EDIT_EVENT], 0, item->entity, NULL);
  else if (item->type == TANDEM_CALENDAR_ITEM_CAMPAIGN)
    g_signal_emit (self, signals[EDIT_CAMPAIGN], 0, item->entity);
}

static void
item_clicked_cb (GtkButton          *button,
                 TandemCalendarView *self)
{
  Item *item = item_of_widget (self, GTK_WIDGET (button));

  if (item != NULL)
    emit_edit (self, item);
}

static void
item_menu_cb (GtkGestureClick    *gesture,
              int                 n_press,
              double              x,
              double              y,
              TandemCalendarView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  Item *item = item_of_widget (self, widget);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;

  if (item == NULL)
    return;
  gtk_widget_grab_focus (widget);
  g_menu_append (menu, _("_Open"), "calendar.open-item");
  if (item->type == TANDEM_CALENDAR_ITEM_EVENT)
    g_menu_append (menu, _("_Delete"), "calendar.delete-item");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, widget);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static gboolean
drop_cb (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         TandemCalendarView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint32 julian = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), DAY_KEY));
  int hour = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), HOUR_KEY)) - 1;
  Item *item;

  if (!is_writable (self) ||
      !G_VALUE_HOLDS_STRING (value) || (item = find_item (self, g_value_get_string (value))) == NULL)
    return FALSE;
  move_item (self, item, julian, hour);
  return TRUE;
}

static void
day_press_cb (GtkGestureClick    *gesture,
              int                 n_press,
              double              x,
              double              y,
              TandemCalendarView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  guint32 julian = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), DAY_KEY));
  int hour = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), HOUR_KEY)) - 1;
  g_autoptr(GDateTime) day = NULL;

  if (n_press != 2 || !has_store (self))
    return;
  day = local_midnight (julian);
  if (hour >= 0)
    {
      GDateTime *at = g_date_time_add_hours (day, hour);

      g_date_time_unref (day);
      day = at;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[EDIT_EVENT], 0, NULL, day);
}

static void
mode_toggled_cb (GtkToggleButton    *button,
                 TandemCalendarView *self)
{
  TandemCalendarMode mode;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->month_button)
    mode = TANDEM_CALENDAR_MODE_MONTH;
  else if (button == self->week_button)
    mode = TANDEM_CALENDAR_MODE_WEEK;
  else
    mode = TANDEM_CALENDAR_MODE_AGENDA;
  /* set_mode() sets the button too */
  if (mode != self->mode)
    _tandem_calendar_view_set_mode (self, mode);
}

static void
fill_dropdown (GtkDropDown      *dropdown,
               GPtrArray        *ids,
               TandemEntityList *list,
               const char       *field,
               const char       *all,
               const char       *selected)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint n = list ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  guint position = 0;

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (strings, all);
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      gtk_string_list_append (strings, tandem_entity_get_string (row, field));
      g_ptr_array_add (ids, g_strdup (tandem_entity_get_id (row)));
      if (g_strcmp0 (selected, tandem_entity_get_id (row)) == 0)
        position = ids->len - 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, position);
}

static void
filter_popover_show_cb (TandemCalendarView *self)
{
  fill_dropdown (self->campaign_dropdown, self->campaign_ids, self->campaigns, "title",
                 _("All campaigns"), self->filter_campaign);
  fill_dropdown (self->person_dropdown, self->person_ids, self->people, "name",
                 _("Everyone"), self->filter_person);
}

static void
filter_changed_cb (TandemCalendarView *self)
{
  guint kinds = 0;
  guint campaign = gtk_drop_down_get_selected (self->campaign_dropdown);
  guint person = gtk_drop_down_get_selected (self->person_dropdown);

  for (guint i = 0; i < TANDEM_CALENDAR_N_KINDS; i++)
    if (gtk_check_button_get_active (self->kind_checks[i]))
      kinds |= 1u << i;
  if (kinds == TANDEM_CALENDAR_ALL_KINDS)
    kinds = 0;
  _tandem_calendar_view_set_filter (self, kinds,
                                    campaign < self->campaign_ids->len ? self->campaign_ids->pdata[campaign] : NULL,
                                    person < self->person_ids->len ? self->person_ids->pdata[person] : NULL,
                                    gtk_check_button_get_active (self->joint_check));
}

/* Actions */

static void
step (TandemCalendarView *self,
      int                 direction)
{
  switch (self->mode)
    {
    case TANDEM_CALENDAR_MODE_WEEK:
      if (direction > 0)
        g_date_add_days (&self->date, 7);
      else
        g_date_subtract_days (&self->date, 7);
      break;
    case TANDEM_CALENDAR_MODE_MONTH:
    case TANDEM_CALENDAR_MODE_AGENDA:
    default:
      g_date_set_day (&self->date, 1);
      if (direction > 0)
        g_date_add_months (&self->date, 1);
      else
        g_date_subtract_months (&self->date, 1);
      break;
    }
  reload (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (TANDEM_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (TANDEM_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (widget);

  g_date_set_julian (&self->date, today_julian ());
  reload (self);
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tandem_calendar_view_new_event (TANDEM_CALENDAR_VIEW (widget));
}

static void
move_focused (TandemCalendarView *self,
              int                 days)
{
  Item *item = focused_item (self);

  if (item != NULL)
    move_item (self, item, item->start + days, -1);
}

static void
move_earlier_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_focused (TANDEM_CALENDAR_VIEW (widget), -1);
}

static void
move_later_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_focused (TANDEM_CALENDAR_VIEW (widget), 1);
}

static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (widget);

  ask_delete (self, focused_item (self));
}

static void
open_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (widget);
  Item *item = focused_item (self);

  if (item != NULL)
    emit_edit (self, item);
}

static void
set_mode_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _tandem_calendar_view_set_mode (TANDEM_CALENDAR_VIEW (widget),
                                  (TandemCalendarMode) g_variant_get_int32 (parameter));
}

/* GObject */

static void
tandem_calendar_view_dispose (GObject *object)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (object);
  GtkWidget *child;

  self->n_events = -1;  /* no notification while going away */
  clear_workspace (self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CALENDAR_VIEW);
  /* the template's unnamed top box */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tandem_calendar_view_parent_class)->dispose (object);
}

static void
tandem_calendar_view_finalize (GObject *object)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->campaign_ids, g_ptr_array_unref);
  g_clear_pointer (&self->person_ids, g_ptr_array_unref);
  g_clear_pointer (&self->focus_key, g_free);
  g_clear_pointer (&self->filter_campaign, g_free);
  g_clear_pointer (&self->filter_person, g_free);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (tandem_calendar_view_parent_class)->finalize (object);
}

static void
tandem_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemCalendarView *self = TANDEM_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_EVENTS:
      g_value_set_int64 (value, self->n_events);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_calendar_view_class_init (TandemCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_calendar_view_dispose;
  object_class->finalize = tandem_calendar_view_finalize;
  object_class->get_property = tandem_calendar_view_get_property;

  /**
   * TandemCalendarView:n-events:
   *
   * How many events the workspace has, -1 until it is counted.
   */
  properties[PROP_N_EVENTS] =
    g_param_spec_int64 ("n-events", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemCalendarView::edit-event:
   * @event: (nullable): the event, or %NULL for a new one
   * @day: (nullable): the day (and hour) a new event is on
   */
  signals[EDIT_EVENT] =
    g_signal_new ("edit-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, TANDEM_TYPE_ENTITY, G_TYPE_DATE_TIME);
  signals[EDIT_CAMPAIGN] =
    g_signal_new ("edit-campaign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_ENTITY);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-calendar-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "calendarview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, month_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, week_top_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, week_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, month_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, week_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, campaign_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemCalendarView, joint_check);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, agenda_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-earlier", NULL, move_earlier_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-later", NULL, move_later_action);
  gtk_widget_class_install_action (widget_class, "calendar.delete-item", NULL, delete_item_action);
  gtk_widget_class_install_action (widget_class, "calendar.open-item", NULL, open_item_action);
  gtk_widget_class_install_action (widget_class, "calendar.mode", "i", set_mode_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "calendar.move-earlier", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "calendar.move-later", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "calendar.delete-item", NULL);
}

static void
tandem_calendar_view_init (TandemCalendarView *self)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->first_weekday = tandem_calendar_locale_first_weekday ();
  self->n_events = -1;
  self->mode = TANDEM_CALENDAR_MODE_MONTH;
  g_date_clear (&self->date, 1);
  g_date_set_julian (&self->date, today_julian ());
  g_queue_init (&self->queue);
  self->campaign_ids = g_ptr_array_new_with_free_func (g_free);
  self->person_ids = g_ptr_array_new_with_free_func (g_free);

  /* the kind checks, in the order of the core's kinds */
  for (guint i = 0; i < TANDEM_CALENDAR_N_KINDS; i++)
    {
      const char *kind = tandem_calendar_kind_name (i);
      GtkWidget *check = gtk_check_button_new_with_label (kind_title (kind));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_object (check, "toggled", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_box_insert_child_after (self->filter_box, check,
                                  i == 0 ? NULL : GTK_WIDGET (self->kind_checks[i - 1]));
      self->kind_checks[i] = GTK_CHECK_BUTTON (check);
    }

  update_write_actions (self);
  reload (self);
}

/* Public API */

GtkWidget *
tandem_calendar_view_new (void)
{
  return g_object_new (TANDEM_TYPE_CALENDAR_VIEW, NULL);
}

static void
clear_workspace (TandemCalendarView *self)
{
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_cancellable_cancel (self->cancellable);
      drop_queued_writes (self);
      /* a write that was running finishes on the old store, unseen */
      if (self->writing)
        self->n_pending = 0;
      self->writing = FALSE;
    }
  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  if (self->assets != NULL)
    g_signal_handlers_disconnect_by_data (self->assets, self);
  if (self->people != NULL)
    g_signal_handlers_disconnect_by_data (self->people, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->people);
  g_clear_object (&self->assets);
  self->loading = FALSE;
  self->reload_again = FALSE;
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->n_events != -1)
    {
      self->n_events = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
    }
}

void
tandem_calendar_view_set_workspace (TandemCalendarView *self,
                                    TandemStore        *store,
                                    TandemEntityList   *campaigns,
                                    TandemEntityList   *people,
                                    TandemEntityList   *assets)
{
  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  clear_workspace (self);
  g_set_object (&self->store, store);
  g_set_object (&self->campaigns, campaigns);
  g_set_object (&self->people, people);
  g_set_object (&self->assets, assets);

  if (store != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      if (campaigns != NULL)
        g_signal_connect_object (campaigns, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
      if (assets != NULL)
        g_signal_connect_object (assets, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
      if (people != NULL)
        g_signal_connect_object (people, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_write_actions (self);
  if (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    reload (self);
}

/* Asks for a new event on the shown day (today, if it is shown). */
void
tandem_calendar_view_new_event (TandemCalendarView *self)
{
  g_autoptr(GDateTime) day = NULL;
  guint32 today = today_julian ();

  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));

  day = local_midnight (today >= self->range_start && today < self->range_end
                        ? today : g_date_get_julian (&self->date));
  g_signal_emit (self, signals[EDIT_EVENT], 0, NULL, day);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     TandemCalendarView *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        _tandem_calendar_view_export_file (self, file);
      else
        _tandem_calendar_view_import_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_chooser (TandemCalendarView   *self,
             GtkFileChooserAction  action)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (save ? _("Export Calendar") : _("Import Calendar"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), action,
                                         save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save)
    /* Translators: the suggested file name of an exported calendar */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("calendar.ics"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tandem_calendar_view_import (TandemCalendarView *self)
{
  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));
  if (is_writable (self))
    run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

/* The file chooser asks before it replaces a file. */
void
tandem_calendar_view_export (TandemCalendarView *self)
{
  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));
  if (has_store (self))
    run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* Package-private API */

void
_tandem_calendar_view_set_mode (TandemCalendarView *self,
                                TandemCalendarMode  mode)
{
  static const char * const pages[] = { "month", "week", "agenda" };

  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));
  g_return_if_fail (mode <= TANDEM_CALENDAR_MODE_AGENDA);

  self->mode = mode;
  gtk_stack_set_visible_child_name (self->stack, pages[mode]);
  gtk_toggle_button_set_active (mode == TANDEM_CALENDAR_MODE_MONTH ? self->month_button
                                : mode == TANDEM_CALENDAR_MODE_WEEK ? self->week_button
                                : self->agenda_button, TRUE);
  reload (self);
}

void
_tandem_calendar_view_set_date (TandemCalendarView *self,
                                const GDate        *day)
{
  g_return_if_fail (TANDEM_IS_CALENDAR_VIEW (self));
  g_return_if_fail (g_date_valid (day));

  self->date = *day;
  reload (self);
}

void
_tandem_calendar_view_get_date (TandemCalendarView *self,
                                GDate              *day)
{
  *day = self->date;
}

void
_tandem_calendar_view_get_range (TandemCalendarView *self,
                                 guint32            *start,
                                 guint32            *end)
{
  *start = self->range_start;
  *end = self->range_end;
}

gboolean
_tandem_calendar_view_get_loading (TandemCalendarView *self)
{
  return self->loading || self->reload_source != 0;
}

guint
_tandem_calendar_view_get_n_writes (TandemCalendarView *self)
{
  return self->n_pending;
}

static GtkWidget *
find_day_widget (GtkWidget *root,
                 guint32    julian,
                 int        hour)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), DAY_KEY)) == julian &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), HOUR_KEY)) == hour + 1 &&
          gtk_widget_has_css_class (child, hour >= 0 ? "calendar-slot" : "calendar-day"))
        return child;
      if ((found = find_day_widget (child, julian, hour)) != NULL)
        return found;
    }
  return NULL;
}

/* The day cell (or, with @hour >= 0, the week view's hour slot) */
GtkWidget *
_tandem_calendar_view_find_day (TandemCalendarView *self,
                                guint32             julian,
                                int                 hour)
{
  return find_day_widget (gtk_stack_get_visible_child (self->stack), julian, hour);
}

static GtkWidget *
find_item_widget (TandemCalendarView *self,
                  GtkWidget          *root,
                  const char         *id,
                  guint32             julian)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *key = g_object_get_data (G_OBJECT (child), ITEM_KEY);
      Item *item = key ? find_item (self, key) : NULL;
      GtkWidget *found;

      if (item != NULL && g_str_equal (tandem_entity_get_id (item->entity), id) &&
          (julian == 0 || item->start == julian))
        return child;
      if ((found = find_item_widget (self, child, id, julian)) != NULL)
        return found;
    }
  return NULL;
}

/* The chip or bar of @id (on @julian, or any day if 0) */
GtkWidget *
_tandem_calendar_view_find_item (TandemCalendarView *self,
                                 const char         *id,
                                 guint32             julian)
{
  return find_item_widget (self, gtk_stack_get_visible_child (self->stack), id, julian);
}

guint
_tandem_calendar_view_count_items_on (TandemCalendarView *self,
                                      guint32             julian)
{
  guint n = 0;

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];

      n += item->start <= julian && julian < item->end;
    }
  return n;
}

void
_tandem_calendar_view_delete_item (TandemCalendarView        *self,
                                   GtkWidget                 *widget,
                                   TandemCalendarDeleteScope  scope)
{
  Item *item = item_of_widget (self, widget);

  g_return_if_fail (item != NULL);
  delete_item (self, item, scope);
}

static void
run_file_write (TandemCalendarView *self,
                WriteKind           kind,
                GFile              *file)
{
  Write *write = g_new0 (Write, 1);

  write->kind = kind;
  write->file = g_object_ref (file);
  run_write (self, write);
}

void
_tandem_calendar_view_import_file (TandemCalendarView *self,
                                   GFile              *file)
{
  g_return_if_fail (has_store (self));
  run_file_write (self, WRITE_IMPORT, file);
}

void
_tandem_calendar_view_export_file (TandemCalendarView *self,
                                   GFile              *file)
{
  g_return_if_fail (has_store (self));
  run_file_write (self, WRITE_EXPORT, file);
}

AdwToast *
_tandem_calendar_view_get_last_toast (TandemCalendarView *self)
{
  return self->last_toast;
}

void
_tandem_calendar_view_set_filter (TandemCalendarView *self,
                                  guint               kinds,
                                  const char         *campaign,
                                  const char         *person,
                                  gboolean            only_joint)
{
  self->filter_kinds = kinds;
  g_free (self->filter_campaign);
  self->filter_campaign = g_strdup (campaign);
  g_free (self->filter_person);
  self->filter_person = g_strdup (person);
  self->filter_joint = only_joint;
  reload (self);
}

gint64
_tandem_calendar_view_get_last_built (TandemCalendarView *self)
{
  return self->last_built;
}

/* Shows @occurrences as if they had just been loaded (benchmarks) */
void
_tandem_calendar_view_show_occurrences (TandemCalendarView *self,
                                        GPtrArray          *occurrences)
{
  compute_range (self);
  set_occurrences (self, occurrences);
  rebuild (self);
}

/* How many events the workspace has, -1 until they are counted */
gint64
tandem_calendar_view_get_n_events (TandemCalendarView *self)
{
  g_return_val_if_fail (TANDEM_IS_CALENDAR_VIEW (self), -1);
  return self->n_events;
}
