/* tandem-reviews-view.c — every asset under review, "Waiting for me" first
 *
 * The view watches three live TandemEntityList models (assets, comments,
 * decisions). When one of them changes, the rows are worked out again on
 * a worker thread with the core review functions (who is waiting, each
 * reviewer's decision, open comments) and the groups are rebuilt. A row
 * opens the asset's page inside the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-reviews-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tandem-asset.h"
#include "tandem-campaign.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-entity-list.h"
#include "tandem-review.h"
#include "tandem-reviews-view-private.h"
#include "tandem-util.h"

/* One row, worked out on a worker thread */
typedef struct
{
  TandemEntity      *asset;
  char              *campaign;   /* title */
  GPtrArray         *reviewers;  /* TandemReviewerStatus */
  guint              n_open;
  TandemReviewGroup  group;
} Item;

static void
item_free (Item *item)
{
  g_clear_object (&item->asset);
  g_free (item->campaign);
  g_clear_pointer (&item->reviewers, g_ptr_array_unref);
  g_free (item);
}

struct _TandemReviewsView
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkBox            *groups_box;
  TandemAssetPage   *asset_page;

  TandemStore       *store;
  GListModel        *people;
  GSettings         *settings;
  GCancellable      *cancellable;
  TandemEntityList  *lists[3];   /* assets, comments, decisions */
  guint              n_loaded;
  guint              idle_id;
  gboolean           computing;
  gboolean           compute_again;
  GPtrArray         *items;      /* Item, in the order shown */
  guint              generation;
};

G_DEFINE_FINAL_TYPE (TandemReviewsView, tandem_reviews_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PEOPLE,
  N_PROPS
};

enum {
  ASSET_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_compute (TandemReviewsView *self);

/* Working the rows out */

typedef struct
{
  GPtrArray *assets;  /* TandemEntity */
  char      *me;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_ptr_array_unref (data->assets);
  g_free (data->me);
  g_free (data);
}

static int
compare_items_cb (gconstpointer a,
                  gconstpointer b)
{
  const Item *x = *(Item **) a;
  const Item *y = *(Item **) b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return tandem_review_compare_items (tandem_entity_get_string (x->asset, "due"),
                                      tandem_entity_get_string (x->asset, "title"),
                                      tandem_entity_get_id (x->asset),
                                      tandem_entity_get_string (y->asset, "due"),
                                      tandem_entity_get_string (y->asset, "title"),
                                      tandem_entity_get_id (y->asset));
}

static gpointer
compute_func (TandemStore   *store,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *data = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GHashTable) campaigns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < data->assets->len; i++)
    {
      TandemEntity *asset = data->assets->pdata[i];
      const char *campaign = tandem_entity_get_string (asset, "campaign");
      g_autoptr(GPtrArray) comments = NULL;
      Item *item;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      item = g_new0 (Item, 1);
      item->asset = g_object_ref (asset);
      if ((item->reviewers = tandem_review_reviewers (store, asset, error)) == NULL ||
          (comments = tandem_review_open_comments (store, asset, error)) == NULL)
        {
          item_free (item);
          return NULL;
        }
      for (guint c = 0; c < comments->len; c++)
        if (!tandem_entity_get_bool (comments->pdata[c], "resolved"))
          item->n_open++;
      item->group = tandem_review_group_for (tandem_entity_get_string (asset, "state"),
                                             tandem_review_is_waiting_for (store, asset, data->me));
      if (campaign != NULL)
        {
          if (!g_hash_table_contains (campaigns, campaign))
            {
              g_autoptr(TandemEntity) row = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, campaign, NULL);
              g_hash_table_insert (campaigns, g_strdup (campaign),
                                   g_strdup (row != NULL ? tandem_entity_get_string (row, "title") : ""));
            }
          item->campaign = g_strdup (g_hash_table_lookup (campaigns, campaign));
        }
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_items_cb);
  return g_steal_pointer (&items);
}

/* Rows */

static const char *
decision_symbol (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return "✓";
  if (g_strcmp0 (decision, "approved_with_changes") == 0)
    return "✓*";
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return "✗";
  return "…";
}

static const char *
decision_css (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return "success";
  if (g_strcmp0 (decision, "approved_with_changes") == 0)
    return "warning";
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return "error";
  return "dim-label";
}

static const char *
decision_words (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return _("approved");
  if (g_strcmp0 (decision, "approved_with_changes") == 0)
    return _("approved with changes");
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return _("requested changes");
  return _("has not decided yet");
}

static char *
first_name (const char *name)
{
  const char *space = strchr (name, ' ');

  return space != NULL ? g_strndup (name, space - name) : g_strdup (name);
}

static GtkWidget *
caption (const char *text,
         const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
item_row (TandemReviewsView *self,
          Item              *item,
          const GDate       *today)
{
  TandemEntity *asset = item->asset;
  const char *due = tandem_entity_get_string (asset, "due");
  const char *state = tandem_entity_get_string (asset, "state");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (tandem_entity_get_string (asset, "title"));
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *facts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  g_autofree char *version = g_strdup_printf (_("Version %d"), (int) tandem_entity_get_int (asset, "current_version"));
  g_autofree char *open = NULL;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  if (item->campaign != NULL && item->campaign[0] != '\0')
    g_string_append_printf (subtitle, "%s · ", item->campaign);
  g_string_append (subtitle, version);
  gtk_box_append (GTK_BOX (text), title);
  {
    GtkWidget *label = caption (subtitle->str, "dim-label");
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_box_append (GTK_BOX (text), label);
  }

  /* the reviewers' decisions as small badges */
  for (guint i = 0; i < item->reviewers->len; i++)
    {
      TandemReviewerStatus *status = item->reviewers->pdata[i];
      g_autofree char *name = first_name (status->name);
      g_autofree char *badge_text = g_strdup_printf ("%s %s", name, decision_symbol (status->decision));
      GtkWidget *badge = caption (badge_text, decision_css (status->decision));

      gtk_widget_add_css_class (badge, "heading");
      if (tooltip->len > 0)
        g_string_append (tooltip, "\n");
      g_string_append_printf (tooltip, "%s %s", status->name, decision_words (status->decision));
      gtk_box_append (GTK_BOX (badges), badge);
    }
  if (tooltip->len > 0)
    gtk_widget_set_tooltip_text (badges, tooltip->str);
  gtk_box_append (GTK_BOX (text), badges);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  /* due date and open comments on the right */
  gtk_widget_set_valign (facts, GTK_ALIGN_CENTER);
  if (due != NULL)
    {
      GDate date;

      if (tandem_parse_date (due, &date))
        {
          char formatted[64];
          g_autofree char *due_text = NULL;
          gboolean overdue = tandem_review_is_overdue (due, state, today);

          g_date_strftime (formatted, sizeof formatted, "%x", &date);
          due_text = overdue ? g_strdup_printf (_("Overdue since %s"), formatted)
                             : g_strdup_printf (_("Due %s"), formatted);
          gtk_box_append (GTK_BOX (facts), caption (due_text, overdue ? "error" : NULL));
        }
    }
  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment", "%u open comments", item->n_open),
                          item->n_open);
  gtk_box_append (GTK_BOX (facts), caption (open, item->n_open > 0 ? NULL : "dim-label"));
  gtk_box_append (GTK_BOX (box), facts);
  gtk_widget_set_halign (gtk_widget_get_first_child (facts), GTK_ALIGN_END);
  gtk_widget_set_halign (gtk_widget_get_last_child (facts), GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tandem_entity_get_string (asset, "title"), -1);
  g_object_set_data_full (G_OBJECT (row), "asset", g_strdup (tandem_entity_get_id (asset)), g_free);
  return row;
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  TandemReviewsView *self)
{
  tandem_reviews_view_open_asset (self, g_object_get_data (G_OBJECT (row), "asset"));
}

static void
rebuild (TandemReviewsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *focused_asset = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *child;
  GtkWidget *list = NULL;
  GtkWidget *refocus = NULL;
  GDate today;
  int group = -1;

  /* the rows are made anew: the keyboard focus goes back to the same asset */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    if (GTK_IS_LIST_BOX_ROW (focus) && g_object_get_data (G_OBJECT (focus), "asset") != NULL)
      {
        focused_asset = g_strdup (g_object_get_data (G_OBJECT (focus), "asset"));
        break;
      }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  /* without a "me", nothing can wait for me: say so */
  {
    g_autofree char *me = g_settings_get_string (self->settings, "me");

    if (me[0] == '\0' && self->items->len > 0)
      {
        GtkWidget *hint = gtk_label_new (_("Choose who you are in the preferences to see what waits for your review."));

        gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
        gtk_label_set_xalign (GTK_LABEL (hint), 0);
        gtk_widget_add_css_class (hint, "dim-label");
        gtk_box_append (self->groups_box, hint);
      }
  }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];

      if ((int) item->group != group)
        {
          GtkWidget *heading = gtk_label_new (tandem_review_group_title (item->group));

          group = item->group;
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          if (gtk_widget_get_first_child (GTK_WIDGET (self->groups_box)) != NULL)
            gtk_widget_set_margin_top (heading, 12);
          gtk_box_append (self->groups_box, heading);

          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          tandem_review_group_title (item->group), -1);
          g_object_set_data (G_OBJECT (list), "group", GINT_TO_POINTER (group));
          g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
          gtk_box_append (self->groups_box, list);
        }
      {
        GtkWidget *row = item_row (self, item, &today);

        gtk_list_box_append (GTK_LIST_BOX (list), row);
        if (focused_asset != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "asset"), focused_asset) == 0)
          refocus = row;
      }
    }
  if (refocus != NULL)
    gtk_widget_grab_focus (refocus);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "asset") != 0)
    gtk_stack_set_visible_child_name (self->stack, self->items->len > 0 ? "list" : "empty");
}

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TandemReviewsView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = tandem_store_run_finish (TANDEM_STORE (object), result, &error);

  self->computing = FALSE;
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the reviews: %s", error->message);
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
  rebuild (self);
  self->generation++;
  if (self->compute_again)
    {
      self->compute_again = FALSE;
      schedule_compute (self);
    }
}

static gboolean
compute_idle_cb (gpointer user_data)
{
  TandemReviewsView *self = user_data;
  GListModel *assets = G_LIST_MODEL (self->lists[0]);
  guint n = g_list_model_get_n_items (assets);
  g_autofree char *me = g_settings_get_string (self->settings, "me");
  ComputeData *data;

  self->idle_id = 0;
  if (self->computing)
    {
      self->compute_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->computing = TRUE;
  data = g_new0 (ComputeData, 1);
  data->assets = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (data->assets, g_list_model_get_item (assets, i));
  data->me = me[0] != '\0' ? g_steal_pointer (&me) : NULL;
  tandem_store_run_async (self->store, compute_func, data, (GDestroyNotify) compute_data_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, compute_done_cb,
                          g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Many changes in a row give one new computation */
static void
schedule_compute (TandemReviewsView *self)
{
  if (self->n_loaded < G_N_ELEMENTS (self->lists) || self->idle_id != 0)
    return;
  self->idle_id = g_idle_add_full (G_PRIORITY_LOW, compute_idle_cb, self, NULL);
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemReviewsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_entity_list_load_finish (TANDEM_ENTITY_LIST (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the reviews: %s", error->message);
      return;
    }
  self->n_loaded++;
  schedule_compute (self);
}

static void
back_cb (TandemReviewsView *self)
{
  tandem_reviews_view_open_asset (self, NULL);
}

/* GObject */

static void
tandem_reviews_view_constructed (GObject *object)
{
  TandemReviewsView *self = TANDEM_REVIEWS_VIEW (object);
  const GType types[] = { TANDEM_TYPE_ASSET, TANDEM_TYPE_COMMENT, TANDEM_TYPE_DECISION };

  G_OBJECT_CLASS (tandem_reviews_view_parent_class)->constructed (object);

  g_return_if_fail (TANDEM_IS_STORE (self->store));

  self->asset_page = tandem_asset_page_new (self->store, self->people);
  g_object_set (self->asset_page, "show-back", TRUE, NULL);
  g_signal_connect_object (self->asset_page, "back", G_CALLBACK (back_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->asset_page), "asset");

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      self->lists[i] = tandem_entity_list_new (self->store, types[i]);
      g_signal_connect_object (self->lists[i], "items-changed", G_CALLBACK (schedule_compute), self,
                               G_CONNECT_SWAPPED);
      tandem_entity_list_load_async (self->lists[i], self->cancellable, list_loaded_cb, g_object_ref (self));
    }
}

static void
tandem_reviews_view_dispose (GObject *object)
{
  TandemReviewsView *self = TANDEM_REVIEWS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_REVIEWS_VIEW);
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->people);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_reviews_view_parent_class)->dispose (object);
}

static void
tandem_reviews_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemReviewsView *self = TANDEM_REVIEWS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_reviews_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemReviewsView *self = TANDEM_REVIEWS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PEOPLE:
      self->people = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_reviews_view_class_init (TandemReviewsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_reviews_view_constructed;
  object_class->dispose = tandem_reviews_view_dispose;
  object_class->get_property = tandem_reviews_view_get_property;
  object_class->set_property = tandem_reviews_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemReviewsView::asset-activated:
   * @asset_id: the asset whose page is shown now
   */
  signals[ASSET_ACTIVATED] =
    g_signal_new ("asset-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-reviews-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemReviewsView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewsView, groups_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewsview");
}

static void
tandem_reviews_view_init (TandemReviewsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::me", G_CALLBACK (schedule_compute), self, G_CONNECT_SWAPPED);
}

/* Public API */

TandemReviewsView *
tandem_reviews_view_new (TandemStore *store,
                         GListModel  *people)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);

  return g_object_new (TANDEM_TYPE_REVIEWS_VIEW, "store", store, "people", people, NULL);
}

TandemStore *
tandem_reviews_view_get_store (TandemReviewsView *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEWS_VIEW (self), NULL);
  return self->store;
}

void
tandem_reviews_view_open_asset (TandemReviewsView *self,
                                const char        *asset_id)
{
  g_return_if_fail (TANDEM_IS_REVIEWS_VIEW (self));

  if (asset_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack,
                                        self->items == NULL ? "loading" : self->items->len > 0 ? "list" : "empty");
      return;
    }
  tandem_asset_page_set_asset_id (self->asset_page, asset_id);
  gtk_stack_set_visible_child_name (self->stack, "asset");
  g_signal_emit (self, signals[ASSET_ACTIVATED], 0, asset_id);
}

/* Package-private API */

guint
_tandem_reviews_view_get_generation (TandemReviewsView *self)
{
  return self->generation;
}

const char *
_tandem_reviews_view_get_page (TandemReviewsView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

TandemAssetPage *
_tandem_reviews_view_get_asset_page (TandemReviewsView *self)
{
  return self->asset_page;
}

GStrv
_tandem_reviews_view_get_group_ids (TandemReviewsView *self,
                                    TandemReviewGroup  group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];
      if (item->group == group)
        g_strv_builder_add (builder, tandem_entity_get_id (item->asset));
    }
  return g_strv_builder_end (builder);
}

GtkWidget *
_tandem_reviews_view_get_first_row (TandemReviewsView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX (child))
      return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child), 0));
  return NULL;
}
