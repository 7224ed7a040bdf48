/* tandem-board-view.c — the campaign board: six columns of cards
 *
 * Each column is a recycling GtkListView over the window's live campaign
 * list: TandemEntityList → GtkFilterListModel (the column's stage and the
 * filter bar) → GtkSortListModel (board order) → GtkSingleSelection. The
 * list updates rows in place, so a card changed or moved elsewhere simply
 * moves between or inside the filter models; widgets stay where they are.
 *
 * Every move, delete, restore and duplicate is ONE store write, run on a
 * worker thread with tandem_store_run_async(); when it is done the card
 * gets the focus back wherever it went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-board-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-board.h"
#include "tandem-campaign.h"
#include "tandem-board-view-private.h"
#include "tandem-gui-private.h"
#include "tandem-window.h"

#define WIP_META_PREFIX "board.wip."
#define MAX_WIP         999

const char * const _tandem_board_stages[TANDEM_BOARD_N_STAGES + 1] = {
  "idea", "planning", "production", "review", "live", "done", NULL
};

typedef struct
{
  TandemBoardView    *view;            /* unowned */
  const char         *stage;
  GtkWidget          *box;
  GtkWidget          *header;
  GtkLabel           *title_label;
  GtkLabel           *count_label;
  GtkSpinButton      *wip_spin;
  GtkListView        *list_view;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSliceListModel  *slice;           /* the first cards of sort_model, grown on scrolling */
  GtkAdjustment      *vadjustment;     /* unowned: the column's scrolling */
  guint               grow_id;
  GtkSingleSelection *selection;
  GtkDropTarget      *drop_target;
  guint               wip_limit;
  guint               n_total;
  char               *count_text;
} Column;

/* Cards a column offers at first and adds each time it nears its end */
#define CARDS_PAGE 12

typedef enum
{
  WRITE_MOVE,
  WRITE_DELETE,
  WRITE_RESTORE,
  WRITE_DUPLICATE,
  WRITE_SET_WIP,
  READ_WIP,
} WriteKind;

typedef struct
{
  TandemBoardView *view;
  WriteKind        kind;
  char            *id;
  char            *stage;
  char            *title;
  char            *created_by;
  gint             index;
  guint            limit;
  gint64           rev;
  char           **limits;  /* READ_WIP: filled in by the worker */
} Write;

struct _TandemBoardView
{
  GtkWidget          parent_instance;

  TandemStore       *store;
  TandemEntityList  *campaigns;
  TandemEntityList  *people;
  TandemEntityList  *assets;
  GCancellable      *cancellable;
  GSettings         *settings;
  TandemBoardFilter *filter;
  GHashTable        *bound_cards;    /* TandemCampaignCard → NULL */
  guint             n_setups;     /* card widgets created, for tests and benchmarks */
  guint             n_binds;
  GHashTable        *review_counts;  /* campaign id → GUINT */
  GPtrArray         *owner_ids;      /* parallel to owner_names, [0] = "" */
  GtkStringList     *owner_names;
  GtkStringList     *channel_names;
  GtkStringList     *segment_names;
  AdwToast          *last_toast;
  guint              refresh_idle_id;
  guint              n_pending;      /* queued + running */
  GQueue             queue;          /* Write, waiting for the running one */
  guint              writing : 1;
  guint              syncing_widgets : 1;
  guint              review_dirty : 1;
  guint              choices_dirty : 1;
  guint              people_dirty : 1;

  Column             columns[TANDEM_BOARD_N_STAGES];

  /* Template widgets */
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *owner_dropdown;
  GtkDropDown       *side_dropdown;
  GtkDropDown       *channel_dropdown;
  GtkDropDown       *segment_dropdown;
  GtkToggleButton   *mine_button;
  GtkStack          *stack;
  GtkWidget         *columns_box;
};

G_DEFINE_FINAL_TYPE (TandemBoardView, tandem_board_view, GTK_TYPE_WIDGET)

enum {
  EDIT_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void focus_campaign (TandemBoardView *self,
                            const char      *id);

/* Helpers */

static void
write_free (Write *write)
{
  g_clear_object (&write->view);
  g_free (write->id);
  g_free (write->stage);
  g_free (write->title);
  g_free (write->created_by);
  g_strfreev (write->limits);
  g_free (write);
}

static void
write_closure_free (gpointer  data,
                    GClosure *closure)
{
  write_free (data);
}

static Column *
column_for_stage (TandemBoardView *self,
                  const char      *stage)
{
  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    if (g_strcmp0 (self->columns[i].stage, stage) == 0)
      return &self->columns[i];
  return NULL;
}

static void
show_toast (TandemBoardView *self,
            AdwToast        *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TANDEM_TYPE_WINDOW);

  g_set_object (&self->last_toast, toast);
  if (window != NULL)
    tandem_window_add_toast (TANDEM_WINDOW (window), g_object_ref (toast));
}

/* Takes @text. */
static void
show_error_toast (TandemBoardView *self,
                  char            *text,
                  const GError    *error)
{
  g_autofree char *owned = text;
  g_autofree char *reason = _tandem_write_error_reason (error);
  /* Translators: what failed, then why */
  g_autofree char *full = g_strdup_printf (C_("failure and reason", "%s: %s"), owned, reason);
  g_autofree char *markup = g_markup_escape_text (full, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (markup);

  g_message ("%s: %s", owned, error->message);
  show_toast (self, toast);
}

static gboolean
has_store (TandemBoardView *self)
{
  return self->store != NULL && self->campaigns != NULL;
}

/* A read-only workspace is shown, not changed */
static gboolean
is_writable (TandemBoardView *self)
{
  return has_store (self) && !tandem_store_is_read_only (self->store);
}

/* Every action and control that writes follows is_writable() */
static void
update_write_actions (TandemBoardView *self)
{
  static const char * const writing[] = {
    "board.new-campaign", "board.new-campaign-in", "board.duplicate-campaign", "board.delete-campaign",
    "board.move-previous-stage", "board.move-next-stage", "board.move-up", "board.move-down",
  };
  gboolean writable = is_writable (self);
  GHashTableIter iter;
  gpointer card;

  for (guint i = 0; i < G_N_ELEMENTS (writing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), writing[i], writable);
  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    if (self->columns[i].wip_spin != NULL)
      gtk_widget_set_sensitive (GTK_WIDGET (self->columns[i].wip_spin), writable);
  g_hash_table_iter_init (&iter, self->bound_cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    tandem_campaign_card_set_editable (card, writable);
}

/* The card with the keyboard focus: the list row holds the focus, the
 * card is its child. */
static TandemCampaignCard *
focused_card (TandemBoardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (TANDEM_IS_CAMPAIGN_CARD (w))
        return TANDEM_CAMPAIGN_CARD (w);
      if (child != NULL && TANDEM_IS_CAMPAIGN_CARD (child))
        return TANDEM_CAMPAIGN_CARD (child);
    }
  return NULL;
}

/* The campaign an action means: its "s" parameter, or the focused card. */
static TandemEntity *
action_campaign (TandemBoardView *self,
                 GVariant        *parameter)
{
  const char *id = parameter ? g_variant_get_string (parameter, NULL) : "";
  TandemCampaignCard *card;

  if (!has_store (self))
    return NULL;
  if (*id != '\0')
    return tandem_entity_list_lookup (self->campaigns, id, NULL);
  if ((card = focused_card (self)) != NULL)
    return tandem_campaign_card_get_campaign (card);
  return NULL;
}

static guint
position_in (GListModel   *model,
             TandemEntity *item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (model, i);
      if (row == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Writes */

static gpointer
write_func (TandemStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Write *write = data;

  switch (write->kind)
    {
    case WRITE_MOVE:
      return tandem_board_move_campaign (store, write->id, write->stage, write->index, write->rev, error);
    case WRITE_DELETE:
      if (!tandem_store_delete (store, TANDEM_TYPE_CAMPAIGN, write->id, write->rev, error))
        return NULL;
      return g_object_ref (store);
    case WRITE_RESTORE:
      return tandem_store_restore (store, TANDEM_TYPE_CAMPAIGN, write->id, error);
    case WRITE_DUPLICATE:
      return tandem_board_duplicate_campaign (store, write->id, write->created_by, error);
    case WRITE_SET_WIP:
      {
        g_autofree char *key = g_strconcat (WIP_META_PREFIX, write->stage, NULL);
        g_autofree char *value = write->limit > 0 ? g_strdup_printf ("%u", write->limit) : NULL;

        if (!tandem_store_set_meta (store, key, value, error))
          return NULL;
        return g_object_ref (store);
      }
    case READ_WIP:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
          {
            g_autofree char *key = g_strconcat (WIP_META_PREFIX, _tandem_board_stages[i], NULL);
            g_autofree char *value = tandem_store_get_meta (store, key);

            g_strv_builder_add (builder, value ? value : "");
          }
        write->limits = g_strv_builder_end (builder);
        return g_object_ref (store);
      }
    default:
      g_assert_not_reached ();
    }
}

static void start_next_write (TandemBoardView *self);

static void set_wip_limit (Column *column,
                           guint   limit,
                           gboolean store);

static void
undo_delete_cb (AdwToast *toast,
                Write    *deleted);

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  TandemBoardView *self = write->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) value = NULL;

  /* every write returns an object: the row, or the store for “done” */
  value = tandem_store_run_finish (TANDEM_STORE (object), result, &error);
  self->n_pending--;

  /* cancelled: another workspace, whose writes run already */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || TANDEM_STORE (object) != self->store)
    {
      write_free (write);
      return;
    }
  self->writing = FALSE;
  start_next_write (self);

  switch (write->kind)
    {
    case WRITE_MOVE:
      if (value == NULL)
        show_error_toast (self, g_strdup_printf (_("“%s” could not be moved"), write->title), error);
      focus_campaign (self, write->id);
      break;
    case WRITE_DELETE:
      if (value == NULL)
        show_error_toast (self, g_strdup_printf (_("“%s” could not be deleted"), write->title), error);
      else
        {
          g_autofree char *text = g_strdup_printf (_("“%s” deleted"), write->title);
          g_autofree char *markup = g_markup_escape_text (text, -1);
          g_autoptr(AdwToast) toast = adw_toast_new (markup);
          Write *undo = g_new0 (Write, 1);

          undo->view = g_object_ref (self);
          undo->kind = WRITE_RESTORE;
          undo->id = g_strdup (write->id);
          undo->title = g_strdup (write->title);
          adw_toast_set_button_label (toast, _("_Undo"));
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                                 write_closure_free, 0);
          show_toast (self, toast);
        }
      break;
    case WRITE_RESTORE:
      if (value == NULL)
        show_error_toast (self, g_strdup_printf (_("“%s” could not be restored"), write->title), error);
      else
        focus_campaign (self, write->id);
      break;
    case WRITE_DUPLICATE:
      if (value == NULL)
        show_error_toast (self, g_strdup_printf (_("“%s” could not be duplicated"), write->title), error);
      else
        focus_campaign (self, tandem_entity_get_id (TANDEM_ENTITY (value)));
      break;
    case WRITE_SET_WIP:
      if (value == NULL)
        show_error_toast (self, g_strdup_printf (_("The limit of “%s” could not be saved"),
                                                 _tandem_stage_title (write->stage)), error);
      break;
    case READ_WIP:
      for (guint i = 0; value != NULL && write->limits != NULL && i < TANDEM_BOARD_N_STAGES; i++)
        set_wip_limit (&self->columns[i], (guint) g_ascii_strtoull (write->limits[i], NULL, 10), FALSE);
      break;
    default:
      g_assert_not_reached ();
    }

  write_free (write);
}

/* One write at a time, in the order the user made them: two quick moves
 * or limits must not overtake each other on the worker threads. */
static void
start_next_write (TandemBoardView *self)
{
  Write *write;

  if (self->writing || (write = g_queue_pop_head (&self->queue)) == NULL)
    return;
  self->writing = TRUE;
  /* @write lives until write_done_cb(), after the worker is done with it */
  tandem_store_run_async (self->store, write_func, write, NULL, g_object_unref,
                          self->cancellable, write_done_cb, write);
}

static void
drop_queued_writes (TandemBoardView *self)
{
  Write *write;

  while ((write = g_queue_pop_head (&self->queue)) != NULL)
    {
      self->n_pending--;
      write_free (write);
    }
}

/* Runs @write (owned) on a worker thread, after those before it. */
static void
run_write (TandemBoardView *self,
           Write           *write)
{
  if (!has_store (self))
    {
      write_free (write);
      return;
    }
  write->view = g_object_ref (self);
  self->n_pending++;
  g_queue_push_tail (&self->queue, write);
  start_next_write (self);
}

static Write *
write_new (WriteKind     kind,
           TandemEntity *campaign)
{
  Write *write = g_new0 (Write, 1);

  write->kind = kind;
  if (campaign != NULL)
    {
      write->id = g_strdup (tandem_entity_get_id (campaign));
      write->title = g_strdup (tandem_entity_get_string (campaign, "title"));
    }
  return write;
}

static void
move_campaign (TandemBoardView *self,
               TandemEntity    *campaign,
               const char      *stage,
               gint             index)
{
  Write *write = write_new (WRITE_MOVE, campaign);

  write->stage = g_strdup (stage);
  write->index = index;
  run_write (self, write);
}

static void
undo_delete_cb (AdwToast *toast,
                Write    *deleted)
{
  Write *write = write_new (WRITE_RESTORE, NULL);

  write->id = g_strdup (deleted->id);
  write->title = g_strdup (deleted->title);
  run_write (deleted->view, write);
}

/* Focus */

static GtkWidget *
row_for_campaign (Column       *column,
                  TandemEntity *campaign)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (child != NULL && TANDEM_IS_CAMPAIGN_CARD (child) &&
          tandem_campaign_card_get_campaign (TANDEM_CAMPAIGN_CARD (child)) == campaign)
        return row;
    }
  return NULL;
}

/* Scrolls to the card of @id, selects it and gives it the focus. */
/* Makes sure the column offers the card at @position (and a page after it) */
static void
column_show_position (Column *column,
                      guint   position)
{
  if (position + CARDS_PAGE / 2 >= gtk_slice_list_model_get_size (column->slice))
    gtk_slice_list_model_set_size (column->slice, position + CARDS_PAGE);
}

/* Within a screen of the end: offer more cards */
static gboolean
column_grow_cb (gpointer user_data)
{
  Column *column = user_data;
  GtkAdjustment *adjustment = column->vadjustment;
  guint size = gtk_slice_list_model_get_size (column->slice);

  column->grow_id = 0;
  if (gtk_adjustment_get_value (adjustment) + 2 * gtk_adjustment_get_page_size (adjustment) >=
        gtk_adjustment_get_upper (adjustment) &&
      size < g_list_model_get_n_items (G_LIST_MODEL (column->sort_model)))
    gtk_slice_list_model_set_size (column->slice, size + CARDS_PAGE);
  return G_SOURCE_REMOVE;
}

/* Scrolled or resized: the list view may be allocating right now, so
 * the column grows after it */
static void
column_scrolled_cb (GtkAdjustment *adjustment,
                    Column        *column)
{
  if (column->grow_id == 0)
    column->grow_id = g_idle_add (column_grow_cb, column);
}

static void
focus_campaign (TandemBoardView *self,
                const char      *id)
{
  TandemEntity *campaign;
  Column *column;
  GtkWidget *row;
  guint position;

  if (!has_store (self) || id == NULL)
    return;
  if ((campaign = tandem_entity_list_lookup (self->campaigns, id, NULL)) == NULL)
    return;
  if ((column = column_for_stage (self, tandem_entity_get_string (campaign, "stage"))) == NULL)
    return;
  position = position_in (G_LIST_MODEL (column->sort_model), campaign);
  if (position == GTK_INVALID_LIST_POSITION)
    return;  /* hidden by the filter */
  column_show_position (column, position);

  gtk_single_selection_set_selected (column->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (column->list_view), "list.scroll-to-item", "u", position);
  if ((row = row_for_campaign (column, campaign)) != NULL)
    gtk_widget_grab_focus (row);
  else
    gtk_widget_grab_focus (GTK_WIDGET (column->list_view));
}

/* Review badges */

static gboolean
asset_waits (TandemEntity *asset)
{
  const char *state = tandem_entity_get_string (asset, "state");

  return g_strcmp0 (state, "in_review") == 0 || g_strcmp0 (state, "changes_requested") == 0;
}

static void
count_reviews (TandemBoardView *self)
{
  guint n;

  g_hash_table_remove_all (self->review_counts);
  if (self->assets == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->assets));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) asset = g_list_model_get_item (G_LIST_MODEL (self->assets), i);
      const char *campaign = tandem_entity_get_string (asset, "campaign");

      if (campaign != NULL && asset_waits (asset))
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->review_counts, campaign));
          g_hash_table_insert (self->review_counts, g_strdup (campaign), GUINT_TO_POINTER (count + 1));
        }
    }
}

static guint
review_count (TandemBoardView *self,
              TandemEntity    *campaign)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->review_counts, tandem_entity_get_id (campaign)));
}

/* Filter bar choices */

static void
add_unique (GPtrArray  *values,
            GHashTable *seen,
            const char *value)
{
  if (value != NULL && *value != '\0' && g_hash_table_add (seen, (gpointer) value))
    g_ptr_array_add (values, (gpointer) value);
}

static int
compare_strings_cb (gconstpointer a,
                    gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Fills @list with @first and the sorted @values; selects @current. */
/* Replaces the strings of @list unless it holds them already. */
static void
set_strings (GtkStringList      *list,
             const char * const *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean same = g_strv_length ((char **) strings) == n;

  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (list, i), strings[i]);
  if (!same)
    gtk_string_list_splice (list, 0, n, strings);
}

static void
fill_choices (GtkStringList *list,
              GtkDropDown   *dropdown,
              const char    *first,
              GPtrArray     *values,
              const char    *current)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint selected = 0;

  g_ptr_array_sort (values, compare_strings_cb);
  g_strv_builder_add (builder, first);
  for (guint i = 0; i < values->len; i++)
    {
      g_strv_builder_add (builder, values->pdata[i]);
      if (g_strcmp0 (values->pdata[i], current) == 0)
        selected = i + 1;
    }
  strings = g_strv_builder_end (builder);
  set_strings (list, (const char * const *) strings);
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
rebuild_choices (TandemBoardView *self)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  g_autoptr(GHashTable) seen_channels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_segments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) name_strv = NULL;
  guint owner_selected = 0;

  self->syncing_widgets = TRUE;

  /* people: “Anyone” + the active ones and whoever the filter names */
  g_ptr_array_set_size (self->owner_ids, 0);
  g_ptr_array_add (self->owner_ids, g_strdup (""));
  g_strv_builder_add (names, _("Anyone"));
  if (self->people != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TandemEntity) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);
          const char *id = tandem_entity_get_id (person);

          if (!tandem_entity_get_bool (person, "active") && g_strcmp0 (id, self->filter->owner) != 0)
            continue;
          g_ptr_array_add (self->owner_ids, g_strdup (id));
          g_strv_builder_add (names, tandem_entity_get_string (person, "name"));
          if (g_strcmp0 (id, self->filter->owner) == 0)
            owner_selected = self->owner_ids->len - 1;
        }
    }
  name_strv = g_strv_builder_end (names);
  set_strings (self->owner_names, (const char * const *) name_strv);
  gtk_drop_down_set_selected (self->owner_dropdown, owner_selected);

  /* channels and segments the campaigns use, and the filter's own */
  add_unique (channels, seen_channels, self->filter->channel);
  add_unique (segments, seen_segments, self->filter->segment);
  if (self->campaigns != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->campaigns));

      for (guint i = 0; i < n; i++)
        {
          TandemEntity *campaign = g_list_model_get_item (G_LIST_MODEL (self->campaigns), i);
          const char * const *list = tandem_entity_get_strv (campaign, "channels");

          for (guint j = 0; list != NULL && list[j] != NULL; j++)
            add_unique (channels, seen_channels, list[j]);
          add_unique (segments, seen_segments, tandem_entity_get_string (campaign, "segment"));
          g_object_unref (campaign);  /* the list keeps it, and so its strings */
        }
    }
  fill_choices (self->channel_names, self->channel_dropdown, _("Any channel"), channels, self->filter->channel);
  fill_choices (self->segment_names, self->segment_dropdown, _("Any segment"), segments, self->filter->segment);

  self->syncing_widgets = FALSE;
}

/* Columns */

static void
update_header (Column *column)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (column->sort_model));
  gboolean exceeded = column->wip_limit > 0 && column->n_total > column->wip_limit;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;

  if (column->wip_limit > 0)
    /* Translators: cards in a board column / its work-in-progress limit */
    count = g_strdup_printf (_("%u / %u"), column->n_total, column->wip_limit);
  else
    count = g_strdup_printf ("%u", column->n_total);
  if (n_visible != column->n_total)
    {
      g_autofree char *all = g_steal_pointer (&count);
      /* Translators: shown cards of a column (filtered) and all cards */
      count = g_strdup_printf (_("%u of %s"), n_visible, all);
    }
  gtk_label_set_label (column->count_label, count);
  g_free (column->count_text);
  column->count_text = g_steal_pointer (&count);

  if (exceeded)
    {
      gtk_widget_add_css_class (column->header, "wip-exceeded");
      gtk_widget_add_css_class (column->header, "warning");
      description = g_strdup_printf (ngettext ("%u campaign, more than the limit of %u",
                                               "%u campaigns, more than the limit of %u", column->n_total),
                                     column->n_total, column->wip_limit);
    }
  else
    {
      gtk_widget_remove_css_class (column->header, "wip-exceeded");
      gtk_widget_remove_css_class (column->header, "warning");
      description = g_strdup_printf (ngettext ("%u campaign", "%u campaigns", column->n_total), column->n_total);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_totals (TandemBoardView *self)
{
  guint totals[TANDEM_BOARD_N_STAGES] = { 0, };
  guint n = self->campaigns ? g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) campaign = g_list_model_get_item (G_LIST_MODEL (self->campaigns), i);
      gint stage = tandem_board_stage_index (tandem_entity_get_string (campaign, "stage"));

      if (stage >= 0 && stage < TANDEM_BOARD_N_STAGES)
        totals[stage]++;
    }
  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    {
      self->columns[i].n_total = totals[i];
      update_header (&self->columns[i]);
    }
}

static void
set_wip_limit (Column   *column,
               guint     limit,
               gboolean  store)
{
  limit = MIN (limit, MAX_WIP);
  if (column->wip_limit != limit)
    {
      column->wip_limit = limit;
      update_header (column);
      if (store)
        {
          Write *write = write_new (WRITE_SET_WIP, NULL);

          write->stage = g_strdup (column->stage);
          write->limit = limit;
          run_write (column->view, write);
        }
    }
  if ((guint) gtk_spin_button_get_value_as_int (column->wip_spin) != limit)
    gtk_spin_button_set_value (column->wip_spin, limit);
}

static void
update_page (TandemBoardView *self)
{
  gboolean empty = self->campaigns != NULL && tandem_entity_list_get_loaded (self->campaigns) &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->campaigns)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "columns");
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemBoardView *self = user_data;
  GHashTableIter iter;
  gpointer card;

  self->refresh_idle_id = 0;
  if (self->review_dirty)
    count_reviews (self);
  if (self->choices_dirty)
    rebuild_choices (self);

  g_hash_table_iter_init (&iter, self->bound_cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      TandemEntity *campaign = tandem_campaign_card_get_campaign (card);

      if (campaign == NULL)
        continue;
      if (self->review_dirty)
        tandem_campaign_card_set_review_count (card, review_count (self, campaign));
      if (self->people_dirty)
        tandem_campaign_card_refresh (card);  /* owners renamed */
    }
  self->review_dirty = FALSE;
  self->choices_dirty = FALSE;
  self->people_dirty = FALSE;
  return G_SOURCE_REMOVE;
}

/* Batches what follows from changes of the lists into one idle. */
static void
queue_refresh (TandemBoardView *self,
               gboolean         reviews,
               gboolean         choices,
               gboolean         people)
{
  self->review_dirty |= reviews;
  self->choices_dirty |= choices;
  self->people_dirty |= people;
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add (refresh_idle_cb, self);
}

/* Filter */

/* board-filters maps each workspace path to its serialized filter. */
static void
save_filter (TandemBoardView *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *text = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *path, *key, *value;
  gboolean changed;

  if (self->store == NULL)
    return;
  path = tandem_store_get_path (self->store);
  text = tandem_board_filter_serialize (self->filter);
  old = g_settings_get_value (self->settings, "board-filters");

  changed = *text != '\0';
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      if (!g_str_equal (key, path))
        g_variant_builder_add (&builder, "{ss}", key, value);
      else
        changed = !g_str_equal (value, text);
    }
  if (*text != '\0')
    g_variant_builder_add (&builder, "{ss}", path, text);

  if (changed)
    g_settings_set_value (self->settings, "board-filters", g_variant_builder_end (&builder));
  else
    g_variant_builder_clear (&builder);
}

static void
filter_changed (TandemBoardView *self)
{
  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    if (self->columns[i].filter != NULL)  /* NULL while being built */
      gtk_filter_changed (GTK_FILTER (self->columns[i].filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_totals (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.clear-filter",
                                 !tandem_board_filter_is_empty (self->filter));
}

/* Puts the filter's criteria into the filter bar's widgets. */
static void
sync_widgets (TandemBoardView *self)
{
  self->syncing_widgets = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->filter->text ? self->filter->text : "");
  gtk_drop_down_set_selected (self->side_dropdown, self->filter->side);
  gtk_toggle_button_set_active (self->mine_button, self->filter->mine);
  self->syncing_widgets = FALSE;
  rebuild_choices (self);
  if (!tandem_board_filter_is_empty (self->filter))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}

static void
load_filter (TandemBoardView *self)
{
  g_autoptr(GVariant) filters = g_settings_get_value (self->settings, "board-filters");
  g_autoptr(TandemBoardFilter) parsed = NULL;
  g_autofree char *me = g_settings_get_string (self->settings, "me");
  const char *text = NULL;

  if (self->store != NULL && g_variant_lookup (filters, tandem_store_get_path (self->store), "&s", &text))
    {
      g_autoptr(GError) error = NULL;

      if ((parsed = tandem_board_filter_parse (text, &error)) == NULL)
        g_message ("Ignoring the saved board filter: %s", error->message);
    }
  if (parsed == NULL)
    parsed = tandem_board_filter_new ();
  g_free (parsed->me);
  parsed->me = g_steal_pointer (&me);

  tandem_board_filter_free (self->filter);
  self->filter = g_steal_pointer (&parsed);
  sync_widgets (self);
  filter_changed (self);
}

static const char *
selected_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), selected);
}

static gboolean
column_filter_func (gpointer item,
                    gpointer user_data)
{
  Column *column = user_data;

  return g_strcmp0 (tandem_entity_get_string (item, "stage"), column->stage) == 0 &&
         tandem_board_filter_match (column->view->filter, item);
}

/* tandem_board_compare() inside one column: the stage is the same */
static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gint64 pa = tandem_entity_get_int ((TandemEntity *) a, "position");
  gint64 pb = tandem_entity_get_int ((TandemEntity *) b, "position");

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (tandem_entity_get_id ((TandemEntity *) a), tandem_entity_get_id ((TandemEntity *) b));
}

/* Callbacks */

static void
filter_widgets_changed_cb (TandemBoardView *self)
{
  guint owner;

  if (self->syncing_widgets || self->filter == NULL)
    return;

  tandem_board_filter_set_text (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  owner = gtk_drop_down_get_selected (self->owner_dropdown);
  g_clear_pointer (&self->filter->owner, g_free);
  if (owner > 0 && owner < self->owner_ids->len)
    self->filter->owner = g_strdup (self->owner_ids->pdata[owner]);
  self->filter->side = (TandemBoardSide) MIN (gtk_drop_down_get_selected (self->side_dropdown),
                                              TANDEM_BOARD_SIDE_SALES);
  g_free (self->filter->channel);
  self->filter->channel = g_strdup (selected_choice (self->channel_dropdown));
  g_free (self->filter->segment);
  self->filter->segment = g_strdup (selected_choice (self->segment_dropdown));
  self->filter->mine = gtk_toggle_button_get_active (self->mine_button);

  filter_changed (self);
  save_filter (self);
}

static void
stop_search_cb (TandemBoardView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
me_changed_cb (TandemBoardView *self)
{
  g_free (self->filter->me);
  self->filter->me = g_settings_get_string (self->settings, "me");
  if (self->filter->mine)
    filter_changed (self);
}

static void
campaigns_changed_cb (TandemBoardView *self)
{
  update_totals (self);
  update_page (self);
  queue_refresh (self, FALSE, TRUE, FALSE);
}

static void
people_changed_cb (TandemBoardView *self)
{
  queue_refresh (self, FALSE, TRUE, TRUE);
}

static void
assets_changed_cb (TandemBoardView *self)
{
  queue_refresh (self, TRUE, FALSE, FALSE);
}

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TandemBoardView          *self)
{
  GtkWidget *card = tandem_campaign_card_new ();

  self->n_setups++;
  tandem_campaign_card_set_people (TANDEM_CAMPAIGN_CARD (card), self->people);
  gtk_list_item_set_child (item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TandemBoardView          *self)
{
  TandemCampaignCard *card = TANDEM_CAMPAIGN_CARD (gtk_list_item_get_child (item));
  TandemEntity *campaign = gtk_list_item_get_item (item);

  self->n_binds++;
  tandem_campaign_card_set_people (card, self->people);
  tandem_campaign_card_set_review_count (card, review_count (self, campaign));
  tandem_campaign_card_set_campaign (card, campaign);
  tandem_campaign_card_set_editable (card, is_writable (self));
  g_hash_table_add (self->bound_cards, card);
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TandemBoardView          *self)
{
  TandemCampaignCard *card = TANDEM_CAMPAIGN_CARD (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_cards, card);
  tandem_campaign_card_set_campaign (card, NULL);
}

static void
teardown_card_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  TandemBoardView          *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);

  if (card != NULL)
    g_hash_table_remove (self->bound_cards, card);
}

static void
activate_cb (GtkListView *list_view,
             guint        position,
             Column      *column)
{
  g_autoptr(TandemEntity) campaign = g_list_model_get_item (G_LIST_MODEL (column->sort_model), position);

  if (campaign != NULL)
    g_signal_emit (column->view, signals[EDIT_CAMPAIGN], 0, campaign, tandem_entity_get_string (campaign, "stage"));
}

/* Where in @column a card dropped at @y goes: before the first card whose
 * middle is below @y, else at the end. Returns the index for
 * tandem_board_move_campaign(). */
static gint
drop_index (Column     *column,
            const char *moving_id,
            double      y)
{
  TandemEntity *anchor = NULL;
  float anchor_y = G_MAXFLOAT;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      graphene_rect_t bounds;
      TandemEntity *campaign;

      if (child == NULL || !TANDEM_IS_CAMPAIGN_CARD (child) || !gtk_widget_get_visible (row) ||
          (campaign = tandem_campaign_card_get_campaign (TANDEM_CAMPAIGN_CARD (child))) == NULL ||
          !gtk_widget_compute_bounds (row, GTK_WIDGET (column->list_view), &bounds))
        continue;
      if (y < bounds.origin.y + bounds.size.height / 2 && bounds.origin.y < anchor_y)
        {
          anchor = campaign;
          anchor_y = bounds.origin.y;
        }
    }

  if (anchor == NULL)
    return -1;
  return (gint) tandem_board_column_index (G_LIST_MODEL (column->view->campaigns), anchor, moving_id);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *column)
{
  TandemBoardView *self = column->view;
  const char *id;
  TandemEntity *campaign;

  if (!is_writable (self) || !G_VALUE_HOLDS_STRING (value) || (id = g_value_get_string (value)) == NULL)
    return FALSE;
  if ((campaign = tandem_entity_list_lookup (self->campaigns, id, NULL)) == NULL)
    return FALSE;

  move_campaign (self, campaign, column->stage, drop_index (column, id, y));
  return TRUE;
}

static void
wip_spin_changed_cb (GtkSpinButton *spin,
                     Column        *column)
{
  set_wip_limit (column, (guint) gtk_spin_button_get_value_as_int (spin), TRUE);
}

static void
build_column (TandemBoardView *self,
              Column          *column,
              const char      *stage)
{
  GtkListItemFactory *factory;
  GtkWidget *scroller, *menu_button, *popover, *popover_box, *wip_label;
  g_autofree char *menu_tooltip = NULL;

  column->view = self;
  column->stage = stage;

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column->box, "board-column");
  gtk_widget_add_css_class (column->box, stage);

  /* header: stage, count, column menu with the WIP limit */
  column->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (column->header, "board-column-header");
  column->title_label = GTK_LABEL (gtk_label_new (_tandem_stage_title (stage)));
  gtk_widget_add_css_class (GTK_WIDGET (column->title_label), "heading");
  gtk_label_set_xalign (column->title_label, 0);
  column->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "board-column-count");
  gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "numeric");
  gtk_widget_set_hexpand (GTK_WIDGET (column->count_label), TRUE);
  gtk_label_set_xalign (column->count_label, 0);
  gtk_box_append (GTK_BOX (column->header), GTK_WIDGET (column->title_label));
  gtk_box_append (GTK_BOX (column->header), GTK_WIDGET (column->count_label));

  popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  wip_label = gtk_label_new_with_mnemonic (_("_Limit of campaigns in this column (0: none)"));
  gtk_label_set_wrap (GTK_LABEL (wip_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (wip_label), 24);
  gtk_label_set_xalign (GTK_LABEL (wip_label), 0);
  column->wip_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_WIP, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (wip_label), GTK_WIDGET (column->wip_spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (column->wip_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, wip_label, NULL, -1);
  g_signal_connect (column->wip_spin, "value-changed", G_CALLBACK (wip_spin_changed_cb), column);
  gtk_box_append (GTK_BOX (popover_box), wip_label);
  gtk_box_append (GTK_BOX (popover_box), GTK_WIDGET (column->wip_spin));
  {
    GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Campaign Here"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "board.new-campaign-in");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (new_button), "s", stage);
    gtk_widget_add_css_class (new_button, "flat");
    gtk_box_append (GTK_BOX (popover_box), new_button);
  }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_widget_add_css_class (menu_button, "flat");
  /* Translators: tooltip of a board column's menu button; %s is the stage */
  menu_tooltip = g_strdup_printf (_("Options of “%s”"), _tandem_stage_title (stage));
  gtk_widget_set_tooltip_text (menu_button, menu_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_tooltip, -1);
  gtk_box_append (GTK_BOX (column->header), menu_button);
  gtk_box_append (GTK_BOX (column->box), column->header);

  /* the cards */
  column->filter = gtk_custom_filter_new (column_filter_func, column, NULL);
  column->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (column->filter)));
  column->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (column->filter_model)),
                                                GTK_SORTER (gtk_custom_sorter_new (column_sort_func, NULL, NULL)));
  /* GTK 4.8's list views realize about 200 rows whatever the window shows:
   * a column offers its first cards and more as it scrolls towards its end */
  column->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (column->sort_model)), 0, CARDS_PAGE);
  column->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (column->slice)));
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_card_cb), self);
  column->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                                        factory));
  gtk_widget_add_css_class (GTK_WIDGET (column->list_view), "board-cards");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _tandem_stage_title (stage), -1);
  g_signal_connect (column->list_view, "activate", G_CALLBACK (activate_cb), column);

  column->drop_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (column->drop_target, "drop", G_CALLBACK (drop_cb), column);
  gtk_widget_add_controller (GTK_WIDGET (column->list_view), GTK_EVENT_CONTROLLER (column->drop_target));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->list_view));
  column->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_signal_connect (column->vadjustment, "value-changed", G_CALLBACK (column_scrolled_cb), column);
  g_signal_connect (column->vadjustment, "changed", G_CALLBACK (column_scrolled_cb), column);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (column->box), scroller);

  gtk_box_append (GTK_BOX (self->columns_box), column->box);
  update_header (column);
}

static void
clear_column (Column *column)
{
  g_clear_handle_id (&column->grow_id, g_source_remove);
  g_clear_object (&column->selection);
  g_clear_object (&column->sort_model);
  g_clear_object (&column->slice);
  g_clear_object (&column->filter_model);
  g_clear_object (&column->filter);
  g_clear_pointer (&column->count_text, g_free);
}

/* Actions */

static void
new_campaign_in_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);
  const char *stage = g_variant_get_string (parameter, NULL);

  if (has_store (self) && tandem_board_stage_index (stage) >= 0)
    g_signal_emit (self, signals[EDIT_CAMPAIGN], 0, NULL, stage);
}

static void
new_campaign_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tandem_board_view_new_campaign (TANDEM_BOARD_VIEW (widget));
}

static void
edit_campaign_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);
  TandemEntity *campaign = action_campaign (self, parameter);

  if (campaign != NULL)
    g_signal_emit (self, signals[EDIT_CAMPAIGN], 0, campaign, tandem_entity_get_string (campaign, "stage"));
}

static void
duplicate_campaign_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);
  TandemEntity *campaign = action_campaign (self, parameter);
  Write *write;

  if (campaign == NULL)
    return;
  write = write_new (WRITE_DUPLICATE, campaign);
  /* the copy is created by me, when I am known */
  if (self->filter->me != NULL && *self->filter->me != '\0')
    write->created_by = g_strdup (self->filter->me);
  run_write (self, write);
}

static void
delete_campaign_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);
  TandemEntity *campaign = action_campaign (self, parameter);

  if (campaign != NULL)
    run_write (self, write_new (WRITE_DELETE, campaign));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);
  TandemEntity *campaign = action_campaign (self, parameter);
  const char *stage;
  gint stage_index;
  Column *column;
  guint position;

  if (campaign == NULL)
    return;
  stage = tandem_entity_get_string (campaign, "stage");
  stage_index = tandem_board_stage_index (stage);
  column = column_for_stage (self, stage);
  g_assert (column != NULL);
  position = position_in (G_LIST_MODEL (column->sort_model), campaign);

  if (g_str_equal (action_name, "board.move-previous-stage") ||
      g_str_equal (action_name, "board.move-next-stage"))
    {
      gint to = stage_index + (g_str_equal (action_name, "board.move-next-stage") ? 1 : -1);

      if (to < 0 || to >= TANDEM_BOARD_N_STAGES)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      move_campaign (self, campaign, _tandem_board_stages[to], -1);
    }
  else
    {
      gboolean up = g_str_equal (action_name, "board.move-up");
      guint n = g_list_model_get_n_items (G_LIST_MODEL (column->sort_model));
      g_autoptr(TandemEntity) anchor = NULL;
      guint index;

      if (position == GTK_INVALID_LIST_POSITION || (up && position == 0) || (!up && position + 1 >= n))
        {
          gtk_widget_error_bell (widget);
          return;
        }
      /* next to the neighbour that is shown, wherever hidden cards are */
      anchor = g_list_model_get_item (G_LIST_MODEL (column->sort_model), up ? position - 1 : position + 1);
      index = tandem_board_column_index (G_LIST_MODEL (self->campaigns), anchor, tandem_entity_get_id (campaign));
      move_campaign (self, campaign, stage, (gint) (up ? index : index + 1));
    }
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);

  tandem_board_filter_clear (self->filter);
  sync_widgets (self);
  filter_changed (self);
  save_filter (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (widget);

  tandem_board_view_set_search_mode (self, TRUE);
}

/* GObject */

static void
tandem_board_view_dispose (GObject *object)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (object);

  if (self->stack != NULL)  /* not disposed yet */
    tandem_board_view_set_workspace (self, NULL, NULL, NULL, NULL);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_clear_object (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_BOARD_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    clear_column (&self->columns[i]);

  G_OBJECT_CLASS (tandem_board_view_parent_class)->dispose (object);
}

static void
tandem_board_view_finalize (GObject *object)
{
  TandemBoardView *self = TANDEM_BOARD_VIEW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->filter, tandem_board_filter_free);
  g_clear_pointer (&self->bound_cards, g_hash_table_unref);
  g_clear_pointer (&self->review_counts, g_hash_table_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_object (&self->owner_names);
  g_clear_object (&self->channel_names);
  g_clear_object (&self->segment_names);

  G_OBJECT_CLASS (tandem_board_view_parent_class)->finalize (object);
}

static void
tandem_board_view_class_init (TandemBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *action;
    guint       key;
  } moves[] = {
    { "board.move-previous-stage", GDK_KEY_Left },
    { "board.move-next-stage", GDK_KEY_Right },
    { "board.move-up", GDK_KEY_Up },
    { "board.move-down", GDK_KEY_Down },
  };

  object_class->dispose = tandem_board_view_dispose;
  object_class->finalize = tandem_board_view_finalize;

  /**
   * TandemBoardView::edit-campaign:
   * @campaign: (nullable): the campaign to edit, %NULL for a new one
   * @stage: the stage a new campaign starts in (the campaign's own otherwise)
   *
   * The user wants to create or edit a campaign.
   */
  signals[EDIT_CAMPAIGN] =
    g_signal_new ("edit-campaign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TANDEM_TYPE_ENTITY, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-board-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, side_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, mine_button);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemBoardView, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, filter_widgets_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "board.new-campaign", NULL, new_campaign_action);
  gtk_widget_class_install_action (widget_class, "board.new-campaign-in", "s", new_campaign_in_action);
  gtk_widget_class_install_action (widget_class, "board.edit-campaign", "s", edit_campaign_action);
  gtk_widget_class_install_action (widget_class, "board.duplicate-campaign", "s", duplicate_campaign_action);
  gtk_widget_class_install_action (widget_class, "board.delete-campaign", "s", delete_campaign_action);
  gtk_widget_class_install_action (widget_class, "board.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "board.search", NULL, search_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gtk_widget_class_install_action (widget_class, moves[i].action, "s", move_action);
      gtk_widget_class_add_binding_action (widget_class, moves[i].key, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                           moves[i].action, "s", "");
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "board.delete-campaign", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "board.duplicate-campaign", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "board.edit-campaign", "s", "");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "boardview");
}

static void
tandem_board_view_init (TandemBoardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing_widgets = TRUE;
  self->settings = g_settings_new (APP_ID);
  self->filter = tandem_board_filter_new ();
  self->filter->me = g_settings_get_string (self->settings, "me");
  self->bound_cards = g_hash_table_new (NULL, NULL);
  self->review_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_names = gtk_string_list_new (NULL);
  self->channel_names = gtk_string_list_new (NULL);
  self->segment_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_names));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (self->channel_names));
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (self->segment_names));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  g_signal_connect_object (self->settings, "changed::me", G_CALLBACK (me_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    build_column (self, &self->columns[i], _tandem_board_stages[i]);
  self->syncing_widgets = FALSE;

  rebuild_choices (self);
  filter_changed (self);
  update_write_actions (self);
  update_page (self);
}

/* Public API */

GtkWidget *
tandem_board_view_new (void)
{
  return g_object_new (TANDEM_TYPE_BOARD_VIEW, NULL);
}

/**
 * tandem_board_view_set_workspace:
 * @store: (nullable): the open workspace, %NULL to show nothing
 * @campaigns: (nullable): its live campaign list
 * @people: (nullable): its live people list, for the owners
 * @assets: (nullable): its live asset list, for the review badges
 *
 * Shows a workspace; the lists may still be loading.
 */
void
tandem_board_view_set_workspace (TandemBoardView  *self,
                                 TandemStore      *store,
                                 TandemEntityList *campaigns,
                                 TandemEntityList *people,
                                 TandemEntityList *assets)
{
  g_return_if_fail (TANDEM_IS_BOARD_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  drop_queued_writes (self);
  self->writing = FALSE;  /* the cancelled one finishes on its own */
  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  if (self->people != NULL)
    g_signal_handlers_disconnect_by_data (self->people, self);
  if (self->assets != NULL)
    g_signal_handlers_disconnect_by_data (self->assets, self);

  g_set_object (&self->store, store);
  g_set_object (&self->campaigns, campaigns);
  g_set_object (&self->people, people);
  g_set_object (&self->assets, assets);

  for (guint i = 0; i < TANDEM_BOARD_N_STAGES; i++)
    {
      Column *column = &self->columns[i];

      if (column->filter_model == NULL)
        continue;
      gtk_filter_list_model_set_model (column->filter_model, G_LIST_MODEL (campaigns));
      column->wip_limit = 0;
      if (column->wip_spin != NULL)
        gtk_spin_button_set_value (column->wip_spin, 0);
    }
  /* the cards bound to the old lists go with them */
  g_hash_table_remove_all (self->review_counts);

  if (store != NULL)
    {
      self->cancellable = g_cancellable_new ();
      if (campaigns != NULL)
        g_signal_connect_object (campaigns, "items-changed", G_CALLBACK (campaigns_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      if (campaigns != NULL)
        g_signal_connect_object (campaigns, "notify::loaded", G_CALLBACK (campaigns_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      if (people != NULL)
        g_signal_connect_object (people, "items-changed", G_CALLBACK (people_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      if (assets != NULL)
        g_signal_connect_object (assets, "items-changed", G_CALLBACK (assets_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      run_write (self, write_new (READ_WIP, NULL));
      load_filter (self);
      queue_refresh (self, TRUE, TRUE, TRUE);
    }
  update_write_actions (self);

  update_totals (self);
  update_page (self);
}

/* Asks for a new campaign in the focused column (or the first). */
void
tandem_board_view_new_campaign (TandemBoardView *self)
{
  TandemCampaignCard *card;
  const char *stage = _tandem_board_stages[0];

  g_return_if_fail (TANDEM_IS_BOARD_VIEW (self));

  if (!has_store (self))
    return;
  if ((card = focused_card (self)) != NULL && tandem_campaign_card_get_campaign (card) != NULL)
    stage = tandem_entity_get_string (tandem_campaign_card_get_campaign (card), "stage");
  g_signal_emit (self, signals[EDIT_CAMPAIGN], 0, NULL, stage);
}

gboolean
tandem_board_view_get_search_mode (TandemBoardView *self)
{
  g_return_val_if_fail (TANDEM_IS_BOARD_VIEW (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
tandem_board_view_set_search_mode (TandemBoardView *self,
                                   gboolean         search_mode)
{
  g_return_if_fail (TANDEM_IS_BOARD_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkSearchBar *
_tandem_board_view_get_search_bar (TandemBoardView *self)
{
  return self->search_bar;
}

/* Package-private API */

GListModel *
_tandem_board_view_get_column_model (TandemBoardView *self,
                                     const char      *stage)
{
  Column *column = column_for_stage (self, stage);
  return column ? G_LIST_MODEL (column->sort_model) : NULL;
}

GtkListView *
_tandem_board_view_get_column_list (TandemBoardView *self,
                                    const char      *stage)
{
  Column *column = column_for_stage (self, stage);
  return column ? column->list_view : NULL;
}

GtkDropTarget *
_tandem_board_view_get_drop_target (TandemBoardView *self,
                                    const char      *stage)
{
  Column *column = column_for_stage (self, stage);
  return column ? column->drop_target : NULL;
}

GtkWidget *
_tandem_board_view_get_header (TandemBoardView *self,
                               const char      *stage)
{
  Column *column = column_for_stage (self, stage);
  return column ? column->header : NULL;
}

const char *
_tandem_board_view_get_count_text (TandemBoardView *self,
                                   const char      *stage)
{
  Column *column = column_for_stage (self, stage);
  return column ? column->count_text : NULL;
}

/* As the column menu's spin button does: shown and stored. */
void
_tandem_board_view_set_wip_limit (TandemBoardView *self,
                                  const char      *stage,
                                  guint            limit)
{
  Column *column = column_for_stage (self, stage);

  g_return_if_fail (column != NULL);
  gtk_spin_button_set_value (column->wip_spin, limit);
}

const TandemBoardFilter *
_tandem_board_view_get_filter (TandemBoardView *self)
{
  return self->filter;
}

/* As if typed into the filter bar. */
void
_tandem_board_view_set_filter (TandemBoardView         *self,
                               const TandemBoardFilter *filter)
{
  g_autofree char *me = g_strdup (self->filter->me);

  tandem_board_filter_free (self->filter);
  self->filter = tandem_board_filter_copy (filter);
  g_free (self->filter->me);
  self->filter->me = g_steal_pointer (&me);
  sync_widgets (self);
  filter_changed (self);
  save_filter (self);
}

TandemCampaignCard *
_tandem_board_view_find_card (TandemBoardView *self,
                              const char      *id)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->bound_cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    {
      TandemEntity *campaign = tandem_campaign_card_get_campaign (card);

      if (campaign != NULL && g_strcmp0 (tandem_entity_get_id (campaign), id) == 0)
        return card;
    }
  return NULL;
}

AdwToast *
_tandem_board_view_get_last_toast (TandemBoardView *self)
{
  return self->last_toast;
}

guint
_tandem_board_view_get_n_pending (TandemBoardView *self)
{
  return self->n_pending;
}

const char *
_tandem_board_view_get_page (TandemBoardView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* How many card widgets the columns created and how often they were bound */
void
_tandem_board_view_get_card_counts (TandemBoardView *self,
                                    guint           *n_setups,
                                    guint           *n_binds)
{
  g_return_if_fail (TANDEM_IS_BOARD_VIEW (self));

  *n_setups = self->n_setups;
  *n_binds = self->n_binds;
}

GtkSliceListModel *
_tandem_board_view_get_column_slice (TandemBoardView *self,
                                     const char      *stage)
{
  Column *column = column_for_stage (self, stage);

  return column ? column->slice : NULL;
}
