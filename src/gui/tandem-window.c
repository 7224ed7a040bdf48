/* tandem-window.c — the main window: one workspace, three views
 *
 * The window owns the open TandemStore and one live TandemEntityList per
 * kind of row the views show. Opening, creating and loading all happen on
 * worker threads; the pages only follow what the lists report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-asset.h"
#include "tandem-board-view-private.h"
#include "tandem-calendar-view.h"
#include "tandem-campaign.h"
#include "tandem-campaign-editor.h"
#include "tandem-event-editor.h"
#include "tandem-review-notifier.h"
#include "tandem-reviews-view.h"
#include "tandem-demo.h"
#include "tandem-entity-list.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-person.h"
#include "tandem-window-private.h"
#include "tandem-campaign-editor.h"

#define MAX_RECENT 10
#define DEMO_SEED  1

typedef enum
{
  LIST_CAMPAIGNS,
  LIST_ASSETS,
  LIST_PEOPLE,
  N_LISTS
} ListKind;

typedef enum
{
  OPEN_EXPLICIT,        /* --workspace, Open Workspace…, a recent entry */
  OPEN_LAST,            /* the last workspace from the settings */
  OPEN_DEFAULT,         /* tandem_store_default_path () */
  OPEN_CREATE,          /* New Workspace… */
  OPEN_CREATE_DEFAULT,  /* first start: an empty default workspace */
} OpenKind;

struct _TandemWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TandemStore          *store;
  TandemEntityList     *lists[N_LISTS];
  guint                 n_loads_started;
  GCancellable         *open_cancellable;
  GCancellable         *store_cancellable;
  char                 *workspace_name;
  char                 *last_toast;
  char                 *count_texts[3];  /* of the views without a placeholder page */
  guint                 label_idle_id;

  guint                 opening : 1;
  guint                 busy : 1;
  guint                 demo_running : 1;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *workspace_label;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  TandemBoardView      *board_view;
  GtkWidget            *new_campaign_button;
  GtkToggleButton      *search_button;
  TandemCalendarView   *calendar_view;
  GtkWidget            *new_event_button;
  AdwBin               *reviews_bin;     /* the workspace's TandemReviewsView */
  TandemReviewNotifier *notifier;
  char                 *pending_asset;   /* to show once the workspace is open */
  guint                 attach_idle_id;  /* the calendar and reviews, once the board is drawn */
  gboolean              views_attached;
  GMenu                *recent_section;
};

G_DEFINE_FINAL_TYPE (TandemWindow, tandem_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_STORE,
  PROP_VIEW,
  PROP_WORKSPACE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const views[] = { "board", "calendar", "reviews" };

typedef struct
{
  TandemWindow        *self;
  char                *path;
  OpenKind             kind;
  TandemWorkspaceMode  mode;  /* of a workspace being created */
} OpenRequest;

static void update_read_only_note (TandemWindow *self);
static void start_open (TandemWindow        *self,
                        const char          *path,
                        OpenKind             kind,
                        TandemWorkspaceMode  mode);

static OpenRequest *
open_request_new (TandemWindow        *self,
                  const char          *path,
                  OpenKind             kind,
                  TandemWorkspaceMode  mode)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  request->kind = kind;
  request->mode = mode;
  return request;
}

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRequest, open_request_free)

static GType
list_type (ListKind kind)
{
  switch (kind)
    {
    case LIST_CAMPAIGNS:
      return TANDEM_TYPE_CAMPAIGN;
    case LIST_ASSETS:
      return TANDEM_TYPE_ASSET;
    case LIST_PEOPLE:
      return TANDEM_TYPE_PERSON;
    case N_LISTS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
_tandem_is_view (const char *view)
{
  return view != NULL && g_strv_contains ((const char * const *) views, view);
}

/* "Q3 Launch" for /home/me/Q3 Launch.tandem */
char *
_tandem_workspace_name_for_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".tandem") && strlen (base) > strlen (".tandem"))
    base[strlen (base) - strlen (".tandem")] = '\0';
  return g_steal_pointer (&base);
}

char *
_tandem_count_text (const char *view,
                    guint       n_items)
{
  g_return_val_if_fail (_tandem_is_view (view), NULL);

  if (g_str_equal (view, "board"))
    {
      if (n_items == 0)
        return g_strdup (_("No campaigns yet"));
      return g_strdup_printf (ngettext ("%u campaign in this workspace",
                                        "%u campaigns in this workspace", n_items), n_items);
    }
  else if (g_str_equal (view, "calendar"))
    {
      if (n_items == 0)
        return g_strdup (_("No events yet"));
      return g_strdup_printf (ngettext ("%u event in this workspace",
                                        "%u events in this workspace", n_items), n_items);
    }
  else
    {
      if (n_items == 0)
        return g_strdup (_("No assets yet"));
      return g_strdup_printf (ngettext ("%u asset in this workspace",
                                        "%u assets in this workspace", n_items), n_items);
    }
}

/* The order lists load in, one after the other (they share the store's
 * connection): what the board needs first, so it shows before the rest */
static const ListKind load_order[N_LISTS] = { LIST_PEOPLE, LIST_CAMPAIGNS, LIST_ASSETS };

static gboolean
board_lists_loaded (TandemWindow *self)
{
  return self->store != NULL &&
         tandem_entity_list_get_loaded (self->lists[LIST_PEOPLE]) &&
         tandem_entity_list_get_loaded (self->lists[LIST_CAMPAIGNS]);
}

/* Events are never all loaded: the calendar loads the range it shows and
 * counts the rest. */
static gboolean
lists_loaded (TandemWindow *self)
{
  if (self->store == NULL || tandem_calendar_view_get_n_events (self->calendar_view) < 0)
    return FALSE;
  for (guint i = 0; i < N_LISTS; i++)
    if (!tandem_entity_list_get_loaded (self->lists[i]))
      return FALSE;
  return TRUE;
}

/* The size of @view's list, or -1 while it is not known */
static gint64
count_of_view (TandemWindow *self,
               const char   *view)
{
  TandemEntityList *list;

  if (g_str_equal (view, "calendar"))
    return self->store ? tandem_calendar_view_get_n_events (self->calendar_view) : -1;
  list = self->lists[g_str_equal (view, "board") ? LIST_CAMPAIGNS : LIST_ASSETS];
  if (list == NULL || !tandem_entity_list_get_loaded (list))
    return -1;
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static gboolean
is_current_list (TandemWindow     *self,
                 TandemEntityList *list)
{
  for (guint i = 0; i < N_LISTS; i++)
    if (self->lists[i] == list)
      return TRUE;
  return FALSE;
}

static GtkWidget *
widget_for_view (TandemWindow *self,
                 const char   *view)
{
  if (g_str_equal (view, "board"))
    return GTK_WIDGET (self->board_view);
  if (g_str_equal (view, "calendar"))
    return GTK_WIDGET (self->calendar_view);
  return GTK_WIDGET (self->reviews_bin);
}

/* A read-only workspace opens for viewing: every view disables what
 * writes the same way, from the store's tandem_store_is_read_only() */
static gboolean
is_writable (TandemWindow *self)
{
  return self->store != NULL && !tandem_store_is_read_only (self->store);
}

static void
tandem_window_update_actions (TandemWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  gboolean writable = is_writable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 writable && lists_loaded (self) && !self->demo_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-recent", recent[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-campaign", writable && lists_loaded (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", lists_loaded (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-event", writable && board_lists_loaded (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-calendar", writable && board_lists_loaded (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-calendar", board_lists_loaded (self));
}

/* New Campaign and the filter toggle belong to the board. */
static void
update_board_buttons (TandemWindow *self)
{
  gboolean board = self->main_stack != NULL &&
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0 &&
                   g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "board") == 0;

  gtk_widget_set_visible (self->new_campaign_button, board);
  gtk_widget_set_visible (self->new_event_button,
                          self->main_stack != NULL &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0 &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "calendar") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), board);
}

static void
update_counts (TandemWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gint64 n = count_of_view (self, views[i]);
      g_autofree char *text = NULL;

      if (n >= 0)
        text = _tandem_count_text (views[i], (guint) MIN (n, G_MAXUINT));
      /* the views tell their size to screen readers */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget_for_view (self, views[i])),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "", -1);
      g_free (self->count_texts[i]);
      self->count_texts[i] = g_steal_pointer (&text);
    }
}

static void
update_page (TandemWindow *self)
{
  const char *page;
  gboolean busy;

  if (self->store == NULL)
    page = self->opening ? "loading" : "none";
  else if (!board_lists_loaded (self))
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_CAMPAIGNS])) > 0 ||
           g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_PEOPLE])) > 0)
    page = "views";   /* the rest fills in while the board is shown */
  else if (!lists_loaded (self))
    page = "loading";
  else
    {
      guint total = 0;

      for (guint i = 0; i < N_LISTS; i++)
        total += g_list_model_get_n_items (G_LIST_MODEL (self->lists[i]));
      total += (guint) MAX (tandem_calendar_view_get_n_events (self->calendar_view), 0);
      page = total == 0 ? "empty" : "views";
    }

  gtk_stack_set_visible_child_name (self->main_stack, page);

  busy = self->opening || (self->store != NULL && !lists_loaded (self));
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_workspace_label (TandemWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->workspace_label),
                          self->workspace_name != NULL &&
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_recent_menu (TandemWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = _tandem_workspace_name_for_path (recent[i]);
      g_auto(GStrv) parts = g_strsplit (name, "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);   /* no mnemonics */
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

static void
remember_workspace (TandemWindow *self,
                    const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-workspace", path);
}

static void
forget_workspace (TandemWindow *self,
                  const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; recent[i] != NULL; i++)
    if (!g_str_equal (recent[i], path))
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
}

static void
show_toast (TandemWindow *self,
            const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
release_store_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  /* Usually the last reference: closing checkpoints the WAL, which is I/O */
  g_object_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
clear_store (TandemWindow *self)
{
  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);

  if (self->board_view != NULL)
    tandem_board_view_set_workspace (self->board_view, NULL, NULL, NULL, NULL);
  g_clear_handle_id (&self->attach_idle_id, g_source_remove);
  self->views_attached = FALSE;
  if (self->calendar_view != NULL)
    tandem_calendar_view_set_workspace (self->calendar_view, NULL, NULL, NULL, NULL);
  if (self->reviews_bin != NULL)
    adw_bin_set_child (self->reviews_bin, NULL);
  g_clear_object (&self->notifier);
  for (guint i = 0; i < N_LISTS; i++)
    if (self->lists[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->lists[i], self);
        g_clear_object (&self->lists[i]);
      }

  if (self->store != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      tandem_store_watch (self->store, 0);
      g_task_set_source_tag (task, clear_store);
      g_task_set_task_data (task, g_steal_pointer (&self->store), NULL);
      g_task_run_in_thread (task, release_store_thread);
    }
  self->demo_running = FALSE;
  if (self->read_only_revealer != NULL)
    update_read_only_note (self);
}

/* Error messages */

static char *
describe_open_error (const char   *name,
                     OpenKind      kind,
                     const GError *error)
{
  if (error->domain == TANDEM_ERROR)
    {
      switch ((TandemError) error->code)
        {
        case TANDEM_ERROR_NOT_WORKSPACE:
          return g_strdup_printf (_("“%s” is not a Tandem workspace. It was left unchanged."), name);
        case TANDEM_ERROR_CORRUPT:
          return g_strdup_printf (_("“%s” is damaged and cannot be opened. It was left unchanged; "
                                    "restore it from a backup."), name);
        case TANDEM_ERROR_TOO_NEW:
          return g_strdup_printf (_("“%s” was saved by a newer version of Tandem. "
                                    "Update Tandem to open it."), name);
        case TANDEM_ERROR_READ_ONLY:
          return g_strdup_printf (_("Tandem cannot write to “%s” or to its folder. "
                                    "Check the permissions, or copy the workspace to a folder of your own."),
                                  name);
        case TANDEM_ERROR_NO_FILE:
          if (kind == OPEN_CREATE || kind == OPEN_CREATE_DEFAULT)
            return g_strdup_printf (_("The folder for “%s” does not exist."), name);
          return g_strdup_printf (_("“%s” does not exist. It may have been moved or deleted."), name);
        case TANDEM_ERROR_EXISTS:
          return g_strdup_printf (_("“%s” already exists. Tandem never replaces a file: choose another "
                                    "name, or open it with Open Workspace…"), name);
        case TANDEM_ERROR_FAILED:
        case TANDEM_ERROR_NOT_FOUND:
        case TANDEM_ERROR_INVALID:
        case TANDEM_ERROR_AMBIGUOUS:
        case TANDEM_ERROR_CONFLICT:
        case TANDEM_ERROR_REFUSED:
        default:
          break;
        }
    }
  if (kind == OPEN_CREATE || kind == OPEN_CREATE_DEFAULT)
    return g_strdup_printf (_("“%s” could not be created."), name);
  return g_strdup_printf (_("“%s” could not be opened."), name);
}

static gboolean
present_idle_cb (gpointer user_data)
{
  g_autoptr(GtkWindow) dialog = user_data;

  gtk_window_present (dialog);
  return G_SOURCE_REMOVE;
}

static void
window_mapped_cb (TandemWindow *self,
                  GtkWindow    *dialog)
{
  g_signal_handlers_disconnect_by_func (self, window_mapped_cb, dialog);
  /* after the window's own raise and focus on map */
  g_idle_add (present_idle_cb, dialog);
}

/* A startup error can come before the window is on screen; its dialog
 * waits for it, or the window would cover its own dialog. */
static void
present_when_mapped (TandemWindow *self,
                     GtkWindow    *dialog)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (dialog);
  else
    g_signal_connect_data (self, "map", G_CALLBACK (window_mapped_cb), g_object_ref (dialog),
                           NULL, G_CONNECT_AFTER);
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TandemWindow     *self)
{
  if (g_str_equal (response, "open"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-workspace", NULL);
}

static void
show_error_dialog (TandemWindow *self,
                   const char   *heading,
                   const char   *body,
                   const GError *error)
{
  GtkWidget *dialog;
  GtkWidget *detail;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* The core's own message names the file and the exact reason. */
  detail = gtk_label_new (error->message);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0.5);
  gtk_label_set_justify (GTK_LABEL (detail), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), detail);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "open", _("_Open Another…"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_dialog_response_cb), self, 0);

  present_when_mapped (self, GTK_WINDOW (dialog));
}

static void
show_open_error (TandemWindow *self,
                 const char   *path,
                 OpenKind      kind,
                 const GError *error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *body = describe_open_error (name, kind, error);
  const char *heading = (kind == OPEN_CREATE || kind == OPEN_CREATE_DEFAULT)
    ? _("Could Not Create Workspace")
    : _("Could Not Open Workspace");

  g_message ("%s: %s", heading, error->message);
  show_error_dialog (self, heading, body, error);
}

/* Loading */

static void
list_n_items_cb (TandemWindow *self)
{
  update_counts (self);
  update_page (self);
  tandem_window_update_actions (self);
}

static void list_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);
static gboolean attach_idle_cb (gpointer user_data);

/* Starts loading the next list of load_order */
static void
load_next_list (TandemWindow *self)
{
  if (self->n_loads_started < N_LISTS)
    tandem_entity_list_load_async (self->lists[load_order[self->n_loads_started++]], self->store_cancellable,
                                   list_loaded_cb, g_object_ref (self));
}

static void
list_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  TandemEntityList *list = TANDEM_ENTITY_LIST (object);
  g_autoptr(GError) error = NULL;

  if (!tandem_entity_list_load_finish (list, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !is_current_list (self, list))
        return;

      {
        g_autofree char *path = g_strdup (tandem_store_get_path (self->store));
        g_autofree char *name = g_path_get_basename (path);
        g_autofree char *body = g_strdup_printf (_("“%s” could not be read."), name);

        clear_store (self);
        show_error_dialog (self, _("Could Not Open Workspace"), body, error);
      }
    }
  else if (!is_current_list (self, list))
    return;
  else
    {
      load_next_list (self);
      /* after the frame that shows the board (redraws outrank default idles) */
      if (board_lists_loaded (self) && !self->views_attached && self->attach_idle_id == 0)
        self->attach_idle_id = g_idle_add (attach_idle_cb, self);
    }

  update_counts (self);
  update_page (self);
  tandem_window_update_actions (self);
}

static void
settings_poll_interval_cb (TandemWindow *self)
{
  if (self->store != NULL)
    tandem_store_watch (self->store, g_settings_get_uint (self->settings, "sync-poll-interval"));
}

/* Gives the calendar, the reviews view and the review notifications the
 * workspace */
static void
attach_other_views (TandemWindow *self)
{
  g_clear_handle_id (&self->attach_idle_id, g_source_remove);
  if (self->views_attached || self->store == NULL)
    return;
  self->views_attached = TRUE;
  tandem_calendar_view_set_workspace (self->calendar_view, self->store, self->lists[LIST_CAMPAIGNS],
                                      self->lists[LIST_PEOPLE], self->lists[LIST_ASSETS]);
  adw_bin_set_child (self->reviews_bin,
                     GTK_WIDGET (tandem_reviews_view_new (self->store, tandem_window_get_people (self))));
  /* desktop notifications of review requests and decisions while the app
   * runs (it reads the assets once itself: they start after the board too) */
  self->notifier = tandem_review_notifier_new (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                               self->store);
  if (self->pending_asset != NULL)
    {
      tandem_reviews_view_open_asset (TANDEM_REVIEWS_VIEW (adw_bin_get_child (self->reviews_bin)), self->pending_asset);
      g_clear_pointer (&self->pending_asset, g_free);
    }
}

static gboolean
attach_idle_cb (gpointer user_data)
{
  TandemWindow *self = user_data;

  self->attach_idle_id = 0;
  attach_other_views (self);
  return G_SOURCE_REMOVE;
}

/* A read-only workspace says so in the header's subtitle and in a note
 * above the views, for as long as it is open */
static void
update_read_only_note (TandemWindow *self)
{
  gboolean read_only = self->store != NULL && tandem_store_is_read_only (self->store);

  adw_view_switcher_title_set_subtitle (self->switcher_title, read_only ? _("Read-Only") : NULL);
  if (read_only)
    {
      g_autofree char *name = g_path_get_basename (tandem_store_get_path (self->store));
      g_autofree char *text = g_strdup_printf (_("Read-only: you can look at everything in this workspace, "
                                                 "but not change it. Tandem cannot write to “%s”, its folder "
                                                 "or its drive. To work in it, ask for write access or copy it "
                                                 "to a folder of your own."), name);

      gtk_label_set_label (self->read_only_label, text);
    }
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_revealer), read_only);
}

/* The kind of filesystem the workspace is on, as the store found it; the
 * tests may pretend (package-private, see _tandem_window_pretend_network_fs) */
static char *pretended_network_fs;

static const char *
network_fs_of (TandemWindow *self)
{
  if (pretended_network_fs != NULL)
    return pretended_network_fs[0] != '\0' ? pretended_network_fs : NULL;
  return tandem_store_get_network_fs (self->store);
}

/* SQLite's documentation warns that file locking on network filesystems
 * is often unreliable: said once per workspace, remembered in the
 * settings, with the server as the safe way to share. */
static void
warn_network_fs (TandemWindow *self)
{
  const char *path = tandem_store_get_path (self->store);
  const char *kind = network_fs_of (self);
  g_auto(GStrv) warned = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (kind == NULL)
    return;
  warned = g_settings_get_strv (self->settings, "network-warned-workspaces");
  if (g_strv_contains ((const char * const *) warned, path))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  g_strv_builder_addv (builder, (const char **) warned);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "network-warned-workspaces", (const char * const *) updated);

  name = g_path_get_basename (path);
  /* Translators: the first %s is the file name, the second the kind of
   * filesystem, e.g. NFS, SMB/CIFS or FUSE */
  body = g_strdup_printf (_("“%s” is on a network drive or a similar filesystem (%s). SQLite, which Tandem "
                            "keeps its workspaces in, warns that locking files may be unreliable there: "
                            "when two desktops write at the same time, changes can be lost or the file "
                            "damaged.\n\nOn your own, you can go on working here. To share a workspace "
                            "safely between several desktops, use a Tandem server."), name, kind);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Workspace on a Network Drive"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Understood"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_message ("%s is on %s: file locking may be unreliable there", path, kind);
  present_when_mapped (self, GTK_WINDOW (dialog));
}

static void
set_store (TandemWindow *self,
           TandemStore  *store)
{
  const char *path = tandem_store_get_path (store);

  clear_store (self);

  self->store = g_object_ref (store);
  self->store_cancellable = g_cancellable_new ();
  settings_poll_interval_cb (self);

  for (guint i = 0; i < N_LISTS; i++)
    {
      self->lists[i] = tandem_entity_list_new (store, list_type (i));
      g_signal_connect_object (self->lists[i], "notify::n-items",
                               G_CALLBACK (list_n_items_cb), self, G_CONNECT_SWAPPED);
    }
  self->n_loads_started = 0;
  load_next_list (self);
  tandem_board_view_set_workspace (self->board_view, store, self->lists[LIST_CAMPAIGNS],
                                   self->lists[LIST_PEOPLE], self->lists[LIST_ASSETS]);
  /* the calendar and the reviews read the store too: on the board they
   * start once its cards are drawn, so they do not hold up its first frame */
  if (g_strcmp0 (tandem_window_get_view (self), "board") != 0)
    attach_other_views (self);

  g_free (self->workspace_name);
  self->workspace_name = _tandem_workspace_name_for_path (path);
  gtk_window_set_title (GTK_WINDOW (self), self->workspace_name);
  gtk_label_set_label (self->workspace_label, self->workspace_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->workspace_label), path);
  update_workspace_label (self);
  update_read_only_note (self);

  remember_workspace (self, path);
  warn_network_fs (self);

  update_counts (self);
  update_page (self);
  tandem_window_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_NAME]);
}

/* Opening */

static void
make_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *folder = g_path_get_dirname (task_data);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               "cannot create the folder %s: %s", folder, g_strerror (saved));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
make_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TandemWindow *self = TANDEM_WINDOW (object);
  g_autoptr(OpenRequest) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->opening = FALSE;
      show_open_error (self, request->path, OPEN_CREATE_DEFAULT, error);
      update_page (self);
      return;
    }
  start_open (self, request->path, OPEN_CREATE_DEFAULT, TANDEM_WORKSPACE_LOCAL);
}

static void
create_default_workspace (TandemWindow *self,
                          const char   *path)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, self->open_cancellable, make_folder_cb,
                     open_request_new (self, path, OPEN_CREATE_DEFAULT, TANDEM_WORKSPACE_LOCAL));
  g_task_set_source_tag (task, create_default_workspace);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, make_folder_thread);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  TandemWindow *self = request->self;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean missing;

  store = tandem_store_open_finish (result, &error);
  if (store == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->opening = FALSE;

  if (store != NULL)
    {
      set_store (self, store);
      return;
    }

  missing = g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE);

  if (request->kind == OPEN_LAST && missing)
    {
      g_autofree char *default_path = tandem_store_default_path ();

      g_debug ("The last workspace %s is gone, opening %s", request->path, default_path);
      forget_workspace (self, request->path);
      start_open (self, default_path, OPEN_DEFAULT, TANDEM_WORKSPACE_LOCAL);
      return;
    }
  if (request->kind == OPEN_DEFAULT && missing)
    {
      self->opening = TRUE;
      create_default_workspace (self, request->path);
      return;
    }
  if (request->kind == OPEN_EXPLICIT && missing)
    forget_workspace (self, request->path);

  show_open_error (self, request->path, request->kind, error);
  update_page (self);
  tandem_window_update_actions (self);
}

static void
start_open (TandemWindow        *self,
            const char          *path,
            OpenKind             kind,
            TandemWorkspaceMode  mode)
{
  gboolean create = kind == OPEN_CREATE || kind == OPEN_CREATE_DEFAULT;

  g_assert (TANDEM_IS_WINDOW (self));
  g_assert (path != NULL);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  self->opening = TRUE;
  update_page (self);

  tandem_store_open_async (path, create, mode, self->open_cancellable,
                           open_cb, open_request_new (self, path, kind, mode));
}

/* File choosers */

typedef void (*ChosenFileFunc) (TandemWindow *self,
                                GFile        *file);

/* Hands the chosen file to the function show_chooser() was given. */
static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     TandemWindow    *self)
{
  ChosenFileFunc func = g_object_get_data (G_OBJECT (native), "tandem-chosen-file-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        func (self, file);
    }
  g_object_unref (native);
}

static void
show_chooser (TandemWindow         *self,
              GtkFileChooserNative *native,
              ChosenFileFunc        func)
{
  g_object_set_data (G_OBJECT (native), "tandem-chosen-file-func", func);
  g_signal_connect_object (native, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
set_chooser_folder (TandemWindow   *self,
                    GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (self->store != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (tandem_store_get_path (self->store));
      folder = g_file_get_parent (file);
    }
  else if (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS) != NULL)
    folder = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tandem Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.tandem");
  return filter;
}

/* Actions */

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = workspace_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Workspace"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));

  show_chooser (self, native, tandem_window_open);
}

static void
create_local_workspace (TandemWindow *self,
                        GFile        *file)
{
  tandem_window_create (self, file, TANDEM_WORKSPACE_LOCAL);
}

static void
create_shared_workspace (TandemWindow *self,
                         GFile        *file)
{
  tandem_window_create (self, file, TANDEM_WORKSPACE_SHARED);
}

/* Where the new workspace goes, once its kind is chosen */
static void
choose_new_workspace_file (TandemWindow        *self,
                           TandemWorkspaceMode  mode)
{
  g_autoptr(GtkFileFilter) filter = workspace_filter ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("New Workspace"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  set_chooser_folder (self, GTK_FILE_CHOOSER (native));
  /* Translators: the file name suggested for a new workspace; keep “.tandem” */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Workspace.tandem"));

  show_chooser (self, native, mode == TANDEM_WORKSPACE_SHARED ? create_shared_workspace : create_local_workspace);
}

static void
new_workspace_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TandemWindow     *self)
{
  GtkCheckButton *shared = g_object_get_data (G_OBJECT (dialog), "tandem-shared-check");

  if (g_str_equal (response, "choose"))
    choose_new_workspace_file (self, gtk_check_button_get_active (shared) ? TANDEM_WORKSPACE_SHARED
                                                                           : TANDEM_WORKSPACE_LOCAL);
}

static GtkWidget *
mode_row (const char     *title,
          const char     *subtitle,
          GtkCheckButton *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  return row;
}

/* New Workspace…: first for one desktop or for several, in plain words,
 * then where */
static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *local = gtk_check_button_new ();
  GtkWidget *shared = gtk_check_button_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Workspace"),
                                   _("Who will work in the new workspace?"));

  gtk_check_button_set_group (GTK_CHECK_BUTTON (shared), GTK_CHECK_BUTTON (local));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (local), TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list),
                       mode_row (_("_One desktop"),
                                 _("Only this computer opens the file. The fastest choice, "
                                   "and the right one for working on your own."),
                                 GTK_CHECK_BUTTON (local)));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       mode_row (_("_Several desktops"),
                                 _("Colleagues open the same file from their computers, for example "
                                   "in a shared folder or on a network drive. Each sees the others’ "
                                   "changes within about a second."),
                                 GTK_CHECK_BUTTON (shared)));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "tandem-shared-check", shared);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("Choose _File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_workspace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  start_open (self, g_variant_get_string (parameter, NULL), OPEN_EXPLICIT, TANDEM_WORKSPACE_LOCAL);
}

static void
clear_recent_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  g_settings_set_strv (self->settings, "recent-workspaces", NULL);
}

static gpointer
populate_demo_func (TandemStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (!tandem_demo_populate (store, GPOINTER_TO_UINT (data), cancellable, error))
    return NULL;
  return GUINT_TO_POINTER (TRUE);
}

static void
populate_demo_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tandem_store_run_finish (TANDEM_STORE (object), result, &error) == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (error == NULL)
        g_set_error_literal (&error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "no result");
      g_message ("Could not load the demo data: %s", error->message);
      text = g_strdup_printf (_("Could not load the demo data: %s"), error->message);
      show_toast (self, text);
    }
  else
    show_toast (self, _("Demo data loaded"));

  if (TANDEM_STORE (object) == self->store)
    self->demo_running = FALSE;
  tandem_window_update_actions (self);
}

static void
new_campaign_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (!lists_loaded (self) || !is_writable (self))
    return;
  tandem_window_set_view (self, "board");
  tandem_board_view_new_campaign (self->board_view);
}

/* Ctrl+N: a new event in the calendar, else a new campaign */
static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  gtk_widget_activate_action (widget, g_strcmp0 (tandem_window_get_view (self), "calendar") == 0
                                      ? "win.new-event" : "win.new-campaign", NULL);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (!lists_loaded (self) || g_strcmp0 (_tandem_window_get_page (self), "views") != 0)
    return;
  tandem_window_set_view (self, "board");
  tandem_board_view_set_search_mode (self->board_view, TRUE);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (!is_writable (self) || self->demo_running)
    return;

  self->demo_running = TRUE;
  tandem_window_update_actions (self);
  tandem_store_run_async (self->store, populate_demo_func, GUINT_TO_POINTER (DEMO_SEED), NULL, NULL,
                          self->store_cancellable, populate_demo_cb, g_object_ref (self));
}

/* Callbacks */

static gboolean
update_workspace_label_idle_cb (gpointer user_data)
{
  TandemWindow *self = user_data;

  self->label_idle_id = 0;
  update_workspace_label (self);
  return G_SOURCE_REMOVE;
}

/* title-visible changes while the header bar is being allocated: showing
 * or hiding the label right then would leave it unallocated for the frame. */
static void
switcher_title_visible_cb (TandemWindow *self)
{
  if (self->workspace_label == NULL)  /* still building the template */
    return;
  if (self->label_idle_id == 0)
    self->label_idle_id = g_idle_add (update_workspace_label_idle_cb, self);
}

static void
main_stack_page_cb (TandemWindow *self)
{
  const char *page;

  if (self->switcher_title == NULL)  /* still building the template */
    return;
  page = gtk_stack_get_visible_child_name (self->main_stack);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_strcmp0 (page, "views") == 0);
  update_board_buttons (self);
}

static void
view_stack_page_cb (TandemWindow *self)
{
  const char *view;

  if (self->settings == NULL)  /* still building the template */
    return;
  view = adw_view_stack_get_visible_child_name (self->view_stack);
  if (_tandem_is_view (view))
    g_settings_set_string (self->settings, "last-view", view);
  if (g_strcmp0 (view, "board") != 0)
    attach_other_views (self);
  update_board_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
recent_changed_cb (TandemWindow *self)
{
  update_recent_menu (self);
  tandem_window_update_actions (self);
}

/* GObject and GtkWidget */

static gboolean
tandem_window_close_request (GtkWindow *window)
{
  TandemWindow *self = TANDEM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (tandem_window_parent_class)->close_request (window);
}

static void
tandem_window_dispose (GObject *object)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  clear_store (self);
  g_clear_handle_id (&self->label_idle_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_WINDOW);

  G_OBJECT_CLASS (tandem_window_parent_class)->dispose (object);
}

static void
tandem_window_finalize (GObject *object)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->workspace_name, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->count_texts); i++)
    g_clear_pointer (&self->count_texts[i], g_free);
  g_clear_pointer (&self->pending_asset, g_free);

  G_OBJECT_CLASS (tandem_window_parent_class)->finalize (object);
}

static void
tandem_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, tandem_window_get_busy (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_string (value, tandem_window_get_view (self));
      break;
    case PROP_WORKSPACE_NAME:
      g_value_set_string (value, self->workspace_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      tandem_window_set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Editors are modal windows over this one */
static void
present_editor (TandemWindow *self,
                GtkWidget    *editor)
{
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The board asks for a campaign to be created or edited */
static void
board_edit_campaign_cb (TandemWindow    *self,
                        TandemEntity    *campaign,
                        const char      *stage,
                        TandemBoardView *view)
{
  GtkWidget *editor;

  if (self->store == NULL)
    return;
  editor = tandem_campaign_editor_new (self->store, tandem_window_get_people (self), campaign, stage);
  present_editor (self, editor);
}

/* The calendar asks for a new event (@event NULL, on @day) or to edit one */
static void
calendar_edit_event_cb (TandemWindow       *self,
                        TandemEntity       *event,
                        GDateTime          *day,
                        TandemCalendarView *view)
{
  if (self->store == NULL)
    return;
  present_editor (self, tandem_event_editor_new (self->store, tandem_window_get_people (self),
                                                 G_LIST_MODEL (self->lists[LIST_CAMPAIGNS]), event, day));
}

static void
calendar_edit_campaign_cb (TandemWindow       *self,
                           TandemEntity       *campaign,
                           TandemCalendarView *view)
{
  board_edit_campaign_cb (self, campaign, NULL, NULL);
}

/* The calendar counted the events: counts, page and actions follow */
static void
calendar_n_events_cb (TandemWindow *self)
{
  if (self->store == NULL)
    return;
  list_n_items_cb (self);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (!g_str_equal (action_name, "win.export-calendar") && !is_writable (self))
    return;
  if (g_str_equal (action_name, "win.import-calendar"))
    tandem_calendar_view_import (self->calendar_view);
  else if (g_str_equal (action_name, "win.export-calendar"))
    tandem_calendar_view_export (self->calendar_view);
  else
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "calendar");
      tandem_calendar_view_new_event (self->calendar_view);
    }
}

static void
tandem_window_class_init (TandemWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_window_dispose;
  object_class->finalize = tandem_window_finalize;
  object_class->get_property = tandem_window_get_property;
  object_class->set_property = tandem_window_set_property;

  window_class->close_request = tandem_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "board",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE_NAME] =
    g_param_spec_string ("workspace-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TANDEM_TYPE_BOARD_VIEW);
  g_type_ensure (TANDEM_TYPE_CALENDAR_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, workspace_label);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, board_view);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, new_campaign_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, new_event_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, reviews_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, switcher_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, main_stack_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_stack_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, board_edit_campaign_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_edit_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_edit_campaign_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_n_events_cb);

  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL, clear_recent_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.new-campaign", NULL, new_campaign_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.import-calendar", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");
}

static void
tandem_window_init (TandemWindow *self)
{
  g_autofree char *view = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->search_button, "active",
                          _tandem_board_view_get_search_bar (self->board_view), "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::sync-poll-interval",
                           G_CALLBACK (settings_poll_interval_cb), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "last-view");
  tandem_window_set_view (self, view);

  update_recent_menu (self);
  update_counts (self);
  update_page (self);
  main_stack_page_cb (self);
  update_board_buttons (self);
  tandem_window_update_actions (self);
}

/* Public API */

TandemWindow *
tandem_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (TANDEM_TYPE_WINDOW, "application", application, NULL);
}

/* Opens the workspace @file on a worker thread; errors show a dialog. */
void
tandem_window_open (TandemWindow *self,
                    GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE,
                   "%s is not a local file: Tandem opens workspaces from local or mounted folders", uri);
      show_open_error (self, uri, OPEN_EXPLICIT, error);
      return;
    }
  start_open (self, path, OPEN_EXPLICIT, TANDEM_WORKSPACE_LOCAL);
}

/* Creates a new, empty workspace at @file (adding “.tandem” if missing):
 * %TANDEM_WORKSPACE_LOCAL for one desktop, %TANDEM_WORKSPACE_SHARED for
 * several desktops on the same file. */
void
tandem_window_create (TandemWindow        *self,
                      GFile               *file,
                      TandemWorkspaceMode  mode)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".tandem"))
    {
      char *with_suffix = g_strconcat (path, ".tandem", NULL);
      g_free (path);
      path = with_suffix;
    }
  start_open (self, path, OPEN_CREATE, mode);
}

/* Opens the last workspace, or the default one (created when missing). */
void
tandem_window_open_last (TandemWindow *self)
{
  g_autofree char *last = NULL;

  g_return_if_fail (TANDEM_IS_WINDOW (self));

  last = g_settings_get_string (self->settings, "last-workspace");
  if (last[0] != '\0')
    start_open (self, last, OPEN_LAST, TANDEM_WORKSPACE_LOCAL);
  else
    {
      g_autofree char *path = tandem_store_default_path ();
      start_open (self, path, OPEN_DEFAULT, TANDEM_WORKSPACE_LOCAL);
    }
}

TandemStore *
tandem_window_get_store (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return self->store;
}

/* The live list of the workspace's people, or %NULL without a workspace. */
GListModel *
tandem_window_get_people (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return self->lists[LIST_PEOPLE] ? G_LIST_MODEL (self->lists[LIST_PEOPLE]) : NULL;
}

const char *
tandem_window_get_workspace_name (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return self->workspace_name;
}

/* Whether a workspace is being opened or read. */
gboolean
tandem_window_get_busy (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), FALSE);
  return self->busy;
}

const char *
tandem_window_get_view (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
tandem_window_set_view (TandemWindow *self,
                        const char   *view)
{
  g_return_if_fail (TANDEM_IS_WINDOW (self));

  if (!_tandem_is_view (view))
    {
      g_warning ("Unknown view “%s”", view ? view : "(null)");
      return;
    }
  /* notify::view follows from the stack's notify::visible-child-name,
   * which is emitted only on a real change */
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

/* Takes ownership of @toast. */
void
tandem_window_add_toast (TandemWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Package-private API */

const char *
_tandem_window_get_page (TandemWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
_tandem_window_get_count_text (TandemWindow *self,
                               const char   *view)
{
  g_return_val_if_fail (_tandem_is_view (view), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (views[i], view))
      return self->count_texts[i];
  return NULL;
}

const char *
_tandem_window_get_last_toast (TandemWindow *self)
{
  return self->last_toast;
}

/* The read-only note above the views, or %NULL when none is shown */
const char *
_tandem_window_get_read_only_note (TandemWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->read_only_revealer))
    return NULL;
  return gtk_label_get_label (self->read_only_label);
}

/* For the tests, where no network filesystem can be mounted: every
 * workspace opened from now on is taken to be on @kind ("" for a local
 * one), or, with %NULL, on what the store found. */
void
_tandem_window_pretend_network_fs (const char *kind)
{
  g_free (pretended_network_fs);
  pretended_network_fs = g_strdup (kind);
}

/* Shows the asset page of @asset_id in the reviews view, now or as soon as
 * the workspace being opened is there */
void
tandem_window_show_asset (TandemWindow *self,
                          const char   *asset_id)
{
  GtkWidget *reviews;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (asset_id != NULL);

  tandem_window_set_view (self, "reviews");
  reviews = adw_bin_get_child (self->reviews_bin);
  if (reviews != NULL && !self->opening)
    tandem_reviews_view_open_asset (TANDEM_REVIEWS_VIEW (reviews), asset_id);
  else
    {
      g_free (self->pending_asset);
      self->pending_asset = g_strdup (asset_id);
    }
}
