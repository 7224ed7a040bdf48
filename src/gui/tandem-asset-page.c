/* tandem-asset-page.c — one asset under review
 *
 * Everything the page shows is read on a worker thread into a snapshot
 * (the asset, its versions and comments, the reviewers' decisions and
 * why it cannot be final yet) through the core review functions, again
 * whenever the store says something of this asset changed. Every action
 * calls the same core rules through tandem_store_run_async; refusals come
 * back as toasts with the core's own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-asset-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tandem-asset.h"
#include "tandem-asset-page-private.h"
#include "tandem-gui-private.h"
#include "tandem-asset-version.h"
#include "tandem-campaign.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-document-view.h"
#include "tandem-entity-list.h"
#include "tandem-person.h"
#include "tandem-review.h"
#include "tandem-util.h"

#define MAX_MENTIONS 6

/* What the page shows, read on a worker thread */
typedef struct
{
  TandemEntity *asset;
  TandemEntity *campaign;
  TandemEntity *me;
  GPtrArray    *versions;   /* by number */
  GPtrArray    *comments;   /* every comment of the asset, oldest first */
  GPtrArray    *shown;      /* tandem_review_open_comments() */
  GPtrArray    *reviewers;  /* TandemReviewerStatus */
  char         *blockers;
} Snapshot;

static void
snapshot_free (Snapshot *snap)
{
  g_clear_object (&snap->asset);
  g_clear_object (&snap->campaign);
  g_clear_object (&snap->me);
  g_clear_pointer (&snap->versions, g_ptr_array_unref);
  g_clear_pointer (&snap->comments, g_ptr_array_unref);
  g_clear_pointer (&snap->shown, g_ptr_array_unref);
  g_clear_pointer (&snap->reviewers, g_ptr_array_unref);
  g_free (snap->blockers);
  g_free (snap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

struct _TandemAssetPage
{
  GtkWidget           parent_instance;

  GtkWidget          *main_box;
  GtkWidget          *back_button;
  GtkLabel           *title_label;
  GtkLabel           *state_label;
  GtkLabel           *subtitle_label;
  GtkDropDown        *version_dropdown;
  GtkToggleButton    *compare_button;
  GtkWidget          *upload_button;
  GtkWidget          *finalize_button;
  GtkLabel           *blockers_label;
  GtkLabel           *version_note_label;
  TandemDocumentView *document_view;
  GtkWidget          *compare_box;
  GtkPaned           *paned;
  GtkDropDown        *compare_dropdown;
  TandemDocumentView *compare_view;
  GtkListBox         *reviewers_list;
  GtkWidget          *decision_box;
  GtkEntry           *decision_note_entry;
  GtkLabel           *decision_hint_label;
  GtkListBox         *comments_list;
  GtkWidget          *context_box;
  GtkLabel           *context_label;
  GtkEntry           *comment_entry;
  GtkListBox         *mention_list;
  GtkWidget          *comment_button;

  TandemStore        *store;
  GListModel         *people;
  GSettings          *settings;
  GCancellable       *cancellable;
  char               *asset_id;
  Snapshot           *snap;
  guint               generation;
  guint               pending;
  gboolean            refresh_again;
  gboolean            refreshing;

  gint64              viewed;       /* version number shown; 0: the current one */
  char               *loaded_sha;
  char               *compare_sha;
  gboolean            updating;     /* filling the drop-downs */
  guint               pending_pin;  /* pin to show once a version is loaded */

  gboolean            has_pin;
  TandemAnchor        pin;
  char               *reply_to;
  char               *reply_label;

  char               *last_toast;
  AdwToast           *last_toast_object;  /* weak */
};

G_DEFINE_FINAL_TYPE (TandemAssetPage, tandem_asset_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PEOPLE,
  PROP_ASSET_ID,
  PROP_SHOW_BACK,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh        (TandemAssetPage *self);
static void update_actions (TandemAssetPage *self);

/* Helpers */

/* The person using the app (GSettings "me"), or NULL */
static char *
me_id (TandemAssetPage *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "me");

  return id[0] != '\0' ? g_steal_pointer (&id) : NULL;
}

static const char *
person_name (TandemAssetPage *self,
             const char      *id)
{
  if (id == NULL)
    return _("Someone");
  if (TANDEM_IS_ENTITY_LIST (self->people))
    {
      TandemEntity *person = tandem_entity_list_lookup (TANDEM_ENTITY_LIST (self->people), id, NULL);
      if (person != NULL)
        return tandem_entity_get_string (person, "name");
    }
  else if (self->people != NULL)
    {
      guint n = g_list_model_get_n_items (self->people);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);
          if (g_strcmp0 (tandem_entity_get_id (person), id) == 0)
            return g_intern_string (tandem_entity_get_string (person, "name"));
        }
    }
  return _("Someone no longer here");
}

static gint64
current_version (TandemAssetPage *self)
{
  return self->snap != NULL ? tandem_entity_get_int (self->snap->asset, "current_version") : 0;
}

static gint64
viewed_version (TandemAssetPage *self)
{
  return self->viewed > 0 ? self->viewed : current_version (self);
}

static TandemEntity *
version_row (TandemAssetPage *self,
             gint64           number)
{
  for (guint i = 0; self->snap != NULL && i < self->snap->versions->len; i++)
    if (tandem_entity_get_int (self->snap->versions->pdata[i], "number") == number)
      return self->snap->versions->pdata[i];
  return NULL;
}

static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (state, "in_review") == 0)
    return _("In Review");
  if (g_strcmp0 (state, "changes_requested") == 0)
    return _("Changes Requested");
  if (g_strcmp0 (state, "approved") == 0)
    return _("Approved");
  if (g_strcmp0 (state, "final") == 0)
    return _("Final");
  return state;
}

static const char *
decision_label (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return _("Approved");
  if (g_strcmp0 (decision, "approved_with_changes") == 0)
    return _("Approved with Changes");
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return _("Changes Requested");
  return _("Not Decided Yet");
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

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_toast (TandemAssetPage *self,
            AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  g_set_weak_pointer (&self->last_toast_object, toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_message ("%s", self->last_toast);
      g_object_unref (toast);
    }
}

static void
show_error (TandemAssetPage *self,
            const GError    *error)
{
  /* toast titles are Pango markup */
  g_autofree char *reason = _tandem_write_error_reason (error);
  g_autofree char *text = g_markup_escape_text (reason, -1);
  show_toast (self, adw_toast_new (text));
}

/* Writes: one core call on a worker thread */

typedef enum
{
  WRITE_COMMENT,
  WRITE_RESOLVE,
  WRITE_DECIDE,
  WRITE_FINALIZE,
  WRITE_ADD_VERSION,
} WriteKind;

typedef struct
{
  WriteKind     kind;
  char         *asset_id;
  char         *me;
  gint64        version;
  char         *text;      /* body, decision or file name */
  char         *note;
  char         *id;        /* parent or comment */
  gboolean      has_anchor;
  TandemAnchor  anchor;
  gboolean      resolved;
  GFile        *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->asset_id);
  g_free (data->me);
  g_free (data->text);
  g_free (data->note);
  g_free (data->id);
  g_clear_object (&data->file);
  g_free (data);
}

static gpointer
write_func (TandemStore   *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  WriteData *data = user_data;
  g_autoptr(TandemEntity) actor = NULL;

  if (data->me != NULL && (actor = tandem_store_get (store, TANDEM_TYPE_PERSON, data->me, NULL)) == NULL)
    g_debug ("“me” (%s) is not a person of this workspace", data->me);

  switch (data->kind)
    {
    case WRITE_COMMENT:
      return tandem_review_comment (store, data->asset_id, data->version, data->text,
                                    data->has_anchor ? &data->anchor : NULL, data->id, actor, error);
    case WRITE_RESOLVE:
      return tandem_review_resolve (store, data->id, data->resolved, actor, error);
    case WRITE_DECIDE:
      return tandem_review_decide (store, data->asset_id, data->text, data->note, actor, error);
    case WRITE_FINALIZE:
      return tandem_review_finalize (store, data->asset_id, actor, error);
    case WRITE_ADD_VERSION:
      return tandem_review_add_version (store, data->asset_id, data->file, data->text, data->note, actor,
                                        TANDEM_REVIEW_MAX_SIZE_DEFAULT, cancellable, error);
    default:
      g_assert_not_reached ();
    }
}

static void undo_resolve_cb (AdwToast *toast, TandemAssetPage *self);

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TandemAssetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) row = tandem_store_run_finish (TANDEM_STORE (object), result, &error);
  self->pending--;
  /* the page is gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (row == NULL)
    {
      show_error (self, error);
      update_actions (self);
      return;
    }
  if (TANDEM_IS_COMMENT (row) && tandem_entity_get_rev (row) == 1)
    {
      /* a new comment: the box is free again */
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
      self->has_pin = FALSE;
      g_clear_pointer (&self->reply_to, g_free);
      g_clear_pointer (&self->reply_label, g_free);
      tandem_document_view_set_draft (self->document_view, NULL);
    }
  else if (TANDEM_IS_COMMENT (row) && tandem_entity_get_bool (row, "resolved"))
    {
      AdwToast *toast = adw_toast_new (_("Comment resolved"));

      adw_toast_set_button_label (toast, _("Undo"));
      g_object_set_data_full (G_OBJECT (toast), "comment", g_strdup (tandem_entity_get_id (row)), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_resolve_cb), self, 0);
      show_toast (self, toast);
    }
  else if (TANDEM_IS_DECISION (row))
    gtk_editable_set_text (GTK_EDITABLE (self->decision_note_entry), "");
  refresh (self);
}

static void
run_write (TandemAssetPage *self,
           WriteData       *data)
{
  data->asset_id = g_strdup (self->asset_id);
  data->me = me_id (self);
  self->pending++;
  update_actions (self);
  tandem_store_run_async (self->store, write_func, data, (GDestroyNotify) write_data_free, g_object_unref,
                          self->cancellable, write_done_cb, g_object_ref (self));
}

static void
resolve (TandemAssetPage *self,
         const char      *comment_id,
         gboolean         resolved)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->kind = WRITE_RESOLVE;
  data->id = g_strdup (comment_id);
  data->resolved = resolved;
  run_write (self, data);
}

static void
undo_resolve_cb (AdwToast        *toast,
                 TandemAssetPage *self)
{
  resolve (self, g_object_get_data (G_OBJECT (toast), "comment"), FALSE);
}

/* Reading: the snapshot */

static int
compare_number_cb (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = tandem_entity_get_int (*(TandemEntity **) a, "number");
  gint64 y = tandem_entity_get_int (*(TandemEntity **) b, "number");

  return x < y ? -1 : x > y;
}

typedef struct
{
  char *asset_id;
  char *me;
} SnapshotData;

static void
snapshot_data_free (SnapshotData *data)
{
  g_free (data->asset_id);
  g_free (data->me);
  g_free (data);
}

static gpointer
snapshot_func (TandemStore   *store,
               gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  SnapshotData *data = user_data;
  g_autoptr(Snapshot) snap = g_new0 (Snapshot, 1);
  g_autoptr(GError) local = NULL;
  const char *campaign;

  if ((snap->asset = tandem_store_get (store, TANDEM_TYPE_ASSET, data->asset_id, error)) == NULL ||
      (snap->versions = tandem_store_list_by (store, TANDEM_TYPE_ASSET_VERSION, "asset", data->asset_id, error)) == NULL ||
      (snap->comments = tandem_store_list_by (store, TANDEM_TYPE_COMMENT, "asset", data->asset_id, error)) == NULL ||
      (snap->shown = tandem_review_open_comments (store, snap->asset, error)) == NULL ||
      (snap->reviewers = tandem_review_reviewers (store, snap->asset, error)) == NULL)
    return NULL;
  snap->blockers = tandem_review_finalize_blockers (store, snap->asset, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_ptr_array_sort (snap->versions, compare_number_cb);
  g_ptr_array_sort (snap->comments, tandem_entity_compare_created);
  if ((campaign = tandem_entity_get_string (snap->asset, "campaign")) != NULL)
    snap->campaign = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, campaign, NULL);
  if (data->me != NULL)
    snap->me = tandem_store_get (store, TANDEM_TYPE_PERSON, data->me, NULL);
  return g_steal_pointer (&snap);
}

/* Showing the snapshot */

static GPtrArray *
comments_to_show (TandemAssetPage *self)
{
  GPtrArray *list = g_ptr_array_new ();
  gint64 viewed = viewed_version (self);

  if (viewed == current_version (self))
    g_ptr_array_extend (list, self->snap->shown, NULL, NULL);
  else
    for (guint i = 0; i < self->snap->comments->len; i++)
      if (tandem_entity_get_int (self->snap->comments->pdata[i], "version") == viewed)
        g_ptr_array_add (list, self->snap->comments->pdata[i]);
  return list;
}

static gboolean
is_top_level (GPtrArray    *list,
              TandemEntity *comment)
{
  const char *parent = tandem_entity_get_string (comment, "parent");

  if (parent == NULL)
    return TRUE;
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (tandem_entity_get_id (list->pdata[i]), parent) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
has_anchor (TandemEntity *comment)
{
  return tandem_entity_get_int (comment, "page") >= 1;
}

static TandemAnchor
anchor_of (TandemEntity *comment)
{
  TandemAnchor anchor;
  double w = tandem_entity_get_double (comment, "w");
  double h = tandem_entity_get_double (comment, "h");

  anchor.page = tandem_entity_get_int (comment, "page");
  anchor.x = tandem_entity_get_double (comment, "x");
  anchor.y = tandem_entity_get_double (comment, "y");
  anchor.w = w == w ? w : 0;
  anchor.h = h == h ? h : 0;
  return anchor;
}

static void
show_pin_clicked_cb (GtkButton       *button,
                     TandemAssetPage *self)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "number"));
  gint64 version = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "version"));

  if (version != viewed_version (self))
    {
      self->pending_pin = number;
      _tandem_asset_page_show_version (self, version == current_version (self) ? 0 : version);
      return;
    }
  tandem_document_view_show_pin (self->document_view, number);
}

static void
reply_clicked_cb (GtkButton       *button,
                  TandemAssetPage *self)
{
  g_free (self->reply_to);
  g_free (self->reply_label);
  self->reply_to = g_strdup (g_object_get_data (G_OBJECT (button), "comment"));
  self->reply_label = g_strdup (g_object_get_data (G_OBJECT (button), "label"));
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
}

static void
resolve_clicked_cb (GtkButton       *button,
                    TandemAssetPage *self)
{
  resolve (self, g_object_get_data (G_OBJECT (button), "comment"),
           GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "resolve")));
}

static GtkWidget *
small_button (const char *label,
              const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "caption");
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static GtkWidget *
comment_line (TandemAssetPage *self,
              TandemEntity    *comment,
              gboolean         reply)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *author = gtk_label_new (person_name (self, tandem_entity_get_string (comment, "author")));
  GtkWidget *body = gtk_label_new (tandem_entity_get_string (comment, "body"));

  gtk_label_set_xalign (GTK_LABEL (author), 0);
  gtk_widget_add_css_class (author, "heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), author);
  gtk_box_append (GTK_BOX (box), body);
  if (reply)
    gtk_widget_set_margin_start (box, 18);
  return box;
}

static GtkWidget *
thread_row (TandemAssetPage *self,
            GPtrArray       *list,
            TandemEntity    *comment,
            guint            number)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *badge, *button;
  gint64 version = tandem_entity_get_int (comment, "version");
  gboolean resolved = tandem_entity_get_bool (comment, "resolved");
  const char *id = tandem_entity_get_id (comment);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  g_autofree char *summary = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);

  badge = gtk_label_new (number_text);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, resolved ? "dim-label" : "error");
  gtk_box_append (GTK_BOX (header), badge);
  if (has_anchor (comment))
    {
      TandemAnchor anchor = anchor_of (comment);
      g_autofree char *where = anchor.w > 0 ? g_strdup_printf (_("Area on page %d"), (int) anchor.page)
                                            : g_strdup_printf (_("Page %d"), (int) anchor.page);
      GtkWidget *label = gtk_label_new (where);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (header), label);
    }
  if (version != viewed_version (self))
    {
      g_autofree char *text = g_strdup_printf (_("Open from version %d"), (int) version);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (GTK_BOX (header), label);
    }
  if (resolved)
    {
      GtkWidget *label = gtk_label_new (_("Resolved"));

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "success");
      gtk_box_append (GTK_BOX (header), label);
    }
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), comment_line (self, comment, FALSE));

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (tandem_entity_get_string (list->pdata[i], "parent"), id) == 0)
      gtk_box_append (GTK_BOX (box), comment_line (self, list->pdata[i], TRUE));

  if (has_anchor (comment))
    {
      g_autofree char *name = g_strdup_printf (_("Show pin %u"), number);

      button = small_button (_("Show Pin"), name);
      g_object_set_data (G_OBJECT (button), "number", GUINT_TO_POINTER (number));
      g_object_set_data (G_OBJECT (button), "version", GINT_TO_POINTER ((int) version));
      g_signal_connect (button, "clicked", G_CALLBACK (show_pin_clicked_cb), self);
      gtk_box_append (GTK_BOX (actions), button);
    }
  if (version == current_version (self))
    {
      g_autofree char *name = g_strdup_printf (_("Reply to comment %u"), number);
      g_autofree char *label = g_strdup_printf (_("Replying to comment %u"), number);

      button = small_button (_("Reply"), name);
      g_object_set_data_full (G_OBJECT (button), "comment", g_strdup (id), g_free);
      g_object_set_data_full (G_OBJECT (button), "label", g_steal_pointer (&label), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (reply_clicked_cb), self);
      gtk_widget_set_sensitive (button, !tandem_store_is_read_only (self->store));
      gtk_box_append (GTK_BOX (actions), button);
    }
  {
    g_autofree char *name = g_strdup_printf (resolved ? _("Reopen comment %u") : _("Resolve comment %u"), number);

    button = small_button (resolved ? _("Reopen") : _("Resolve"), name);
    g_object_set_data_full (G_OBJECT (button), "comment", g_strdup (id), g_free);
    g_object_set_data (G_OBJECT (button), "resolve", GINT_TO_POINTER (!resolved));
    g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
    gtk_widget_set_sensitive (button, !tandem_store_is_read_only (self->store));
    gtk_widget_set_hexpand (button, TRUE);
    gtk_widget_set_halign (button, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (actions), button);
  }
  gtk_box_append (GTK_BOX (box), actions);

  summary = g_strdup_printf (_("Comment %u by %s"), number,
                             person_name (self, tandem_entity_get_string (comment, "author")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
show_comments (TandemAssetPage *self)
{
  g_autoptr(GPtrArray) list = comments_to_show (self);
  g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (TandemDocumentPin));
  gint64 viewed = viewed_version (self);
  guint number = 0;

  clear_list (self->comments_list);
  for (guint i = 0; i < list->len; i++)
    {
      TandemEntity *comment = list->pdata[i];

      if (!is_top_level (list, comment))
        continue;
      number++;
      gtk_list_box_append (self->comments_list, thread_row (self, list, comment, number));
      if (has_anchor (comment) && tandem_entity_get_int (comment, "version") == viewed)
        {
          TandemDocumentPin pin = { anchor_of (comment), number, tandem_entity_get_bool (comment, "resolved") };
          g_array_append_val (pins, pin);
        }
    }
  if (number == 0)
    {
      GtkWidget *label = gtk_label_new (_("No comments on this version yet."));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (self->comments_list, row);
    }
  tandem_document_view_set_pins (self->document_view, (TandemDocumentPin *) pins->data, pins->len);
}

static void
show_reviewers (TandemAssetPage *self)
{
  clear_list (self->reviewers_list);
  for (guint i = 0; i < self->snap->reviewers->len; i++)
    {
      TandemReviewerStatus *status = self->snap->reviewers->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (decision_label (status->decision));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), status->name);
      if (status->note != NULL && status->note[0] != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status->note);
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_add_css_class (badge, decision_css (status->decision));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_append (self->reviewers_list, row);
    }
  if (self->snap->reviewers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No reviewers yet"));
      gtk_list_box_append (self->reviewers_list, row);
    }
}

static GtkStringList *
version_strings (TandemAssetPage *self)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->snap->versions->len; i++)
    {
      TandemEntity *version = self->snap->versions->pdata[i];
      g_autofree char *text = g_strdup_printf (_("Version %d"), (int) tandem_entity_get_int (version, "number"));

      gtk_string_list_append (strings, text);
    }
  return strings;
}

/* The version list shows each version's note under its number */
static void
version_item_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       TandemAssetPage          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (note), 36);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), note);
  gtk_list_item_set_child (item, box);
}

static void
version_item_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      TandemAssetPage          *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  const char *note = NULL;

  if (self->snap != NULL && position < self->snap->versions->len)
    note = tandem_entity_get_string (self->snap->versions->pdata[position], "note");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), gtk_string_object_get_string (string));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), note != NULL ? note : "");
  gtk_widget_set_tooltip_text (box, note);
  gtk_widget_set_visible (gtk_widget_get_last_child (box), note != NULL && note[0] != '\0');
}

static void
load_version (TandemAssetPage    *self,
              TandemDocumentView *view,
              char              **loaded_sha,
              TandemEntity       *version)
{
  const char *sha;

  if (version == NULL)
    {
      g_clear_pointer (loaded_sha, g_free);
      tandem_document_view_clear (view);
      return;
    }
  sha = tandem_entity_get_string (version, "sha256");
  if (g_strcmp0 (sha, *loaded_sha) == 0)
    return;
  g_free (*loaded_sha);
  *loaded_sha = g_strdup (sha);
  tandem_document_view_load (view, self->store, sha, tandem_entity_get_string (version, "mime_type"),
                             tandem_entity_get_string (version, "file_name"));
}

static void
show_version (TandemAssetPage *self)
{
  TandemEntity *version = version_row (self, viewed_version (self));
  g_autofree char *note = NULL;

  load_version (self, self->document_view, &self->loaded_sha, version);
  if (version != NULL)
    {
      const char *text = tandem_entity_get_string (version, "note");
      g_autofree char *file = tandem_review_display_name (tandem_entity_get_string (version, "file_name"));

      note = text != NULL && text[0] != '\0'
             ? g_strdup_printf (_("Version %d · %s · %s"), (int) tandem_entity_get_int (version, "number"), file, text)
             : g_strdup_printf (_("Version %d · %s"), (int) tandem_entity_get_int (version, "number"), file);
      if (viewed_version (self) != current_version (self))
        {
          g_autofree char *locked = g_strdup_printf (_("%s — read-only: version %d is current"), note,
                                                     (int) current_version (self));
          g_free (note);
          note = g_steal_pointer (&locked);
        }
    }
  gtk_label_set_text (self->version_note_label, note != NULL ? note : "");
}

static void
show_compare (TandemAssetPage *self)
{
  guint selected;

  if (!gtk_toggle_button_get_active (self->compare_button) || self->snap == NULL)
    return;
  selected = gtk_drop_down_get_selected (self->compare_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->snap->versions->len)
    load_version (self, self->compare_view, &self->compare_sha, self->snap->versions->pdata[selected]);
}

/* What depends on the version shown */
static void
show_viewed (TandemAssetPage *self)
{
  show_version (self);
  show_compare (self);
  show_comments (self);
  update_actions (self);
}

static void
show_snapshot (TandemAssetPage *self)
{
  TandemEntity *asset = self->snap->asset;
  const char *state = tandem_entity_get_string (asset, "state");
  const char *due = tandem_entity_get_string (asset, "due");
  g_autoptr(GtkStringList) strings = version_strings (self);
  g_autoptr(GtkStringList) compare_strings = version_strings (self);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n = self->snap->versions->len;
  guint compare_selected = gtk_drop_down_get_selected (self->compare_dropdown);

  gtk_label_set_text (self->title_label, tandem_entity_get_string (asset, "title"));
  gtk_label_set_text (self->state_label, state_label (state));
  for (const char * const *css = (const char * const[]) { "success", "warning", "error", "accent", NULL }; *css; css++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), *css);
  if (g_strcmp0 (state, "changes_requested") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else if (g_strcmp0 (state, "approved") == 0 || g_strcmp0 (state, "final") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "success");
  else if (g_strcmp0 (state, "in_review") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "accent");
  if (self->snap->campaign != NULL)
    g_string_append (subtitle, tandem_entity_get_string (self->snap->campaign, "title"));
  if (due != NULL)
    {
      GDate date;

      if (tandem_parse_date (due, &date))
        {
          char text[64];

          g_date_strftime (text, sizeof text, "%x", &date);
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("Due %s"), text);
        }
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);

  /* the viewed version stays unless it is gone */
  if (self->viewed > 0 && version_row (self, self->viewed) == NULL)
    self->viewed = 0;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->version_dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->version_dropdown, n > 0 ? (guint) (viewed_version (self) - 1) : GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (compare_strings));
  if (compare_selected == GTK_INVALID_LIST_POSITION || compare_selected >= n)
    compare_selected = n >= 2 ? n - 2 : 0;
  gtk_drop_down_set_selected (self->compare_dropdown, compare_selected);
  self->updating = FALSE;

  show_reviewers (self);
  show_viewed (self);
}

static void
snapshot_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TandemAssetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Snapshot *snap = tandem_store_run_finish (TANDEM_STORE (object), result, &error);

  self->refreshing = FALSE;
  if (snap == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  /* an answer for an asset no longer shown */
  if (g_strcmp0 (tandem_entity_get_id (snap->asset), self->asset_id) != 0)
    snapshot_free (snap);
  else
    {
      g_clear_pointer (&self->snap, snapshot_free);
      self->snap = snap;
      show_snapshot (self);
      self->generation++;
    }
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      refresh (self);
    }
}

static void
refresh (TandemAssetPage *self)
{
  SnapshotData *data;

  if (self->store == NULL || self->asset_id == NULL)
    return;
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refreshing = TRUE;
  data = g_new0 (SnapshotData, 1);
  data->asset_id = g_strdup (self->asset_id);
  data->me = me_id (self);
  tandem_store_run_async (self->store, snapshot_func, data, (GDestroyNotify) snapshot_data_free,
                          (GDestroyNotify) snapshot_free, self->cancellable, snapshot_done_cb, g_object_ref (self));
}

/* Enabling what the rules allow, saying why not */

static void
update_actions (TandemAssetPage *self)
{
  g_autoptr(GError) comment_error = NULL;
  g_autoptr(GError) decide_error = NULL;
  g_autoptr(GError) upload_error = NULL;
  g_autoptr(GError) finalize_error = NULL;
  const char *state = self->snap != NULL ? tandem_entity_get_string (self->snap->asset, "state") : NULL;
  TandemEntity *me = self->snap != NULL ? self->snap->me : NULL;
  const char * const *reviewers = self->snap != NULL
                                  ? (const char * const *) tandem_entity_get_strv (self->snap->asset, "reviewers")
                                  : NULL;
  gboolean loaded = self->snap != NULL;
  /* a read-only workspace is shown, not changed: as if on an old version */
  gboolean writable = self->store != NULL && !tandem_store_is_read_only (self->store);
  gboolean on_current = loaded && writable && viewed_version (self) == current_version (self);
  gboolean can_comment, can_decide, can_upload, can_finalize, is_reviewer;
  g_autofree char *locked = NULL;
  g_autofree char *context = NULL;
  const char *body = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));

  if (!loaded)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.comment", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.decide", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.upload", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.finalize", FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), FALSE);
      return;
    }

  if (!writable)
    locked = g_strdup (_("This workspace is read-only: comments and decisions cannot be added"));
  else
    locked = g_strdup_printf (_("Version %d is read-only: comments and decisions go on the current version %d"),
                              (int) viewed_version (self), (int) current_version (self));

  /* comments */
  can_comment = tandem_review_allows (state, TANDEM_REVIEW_COMMENT, &comment_error) &&
                tandem_review_role_may (me, TANDEM_REVIEW_COMMENT, &comment_error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), can_comment && on_current);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->comment_entry),
                               !on_current ? locked : comment_error != NULL ? comment_error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.comment",
                                 can_comment && on_current && body[0] != '\0' && self->pending == 0);
  tandem_document_view_set_can_pin (self->document_view, can_comment && on_current);

  /* decisions: only the reviewers, whatever their role */
  is_reviewer = me != NULL && reviewers != NULL && g_strv_contains (reviewers, tandem_entity_get_id (me));
  can_decide = tandem_review_allows (state, TANDEM_REVIEW_DECIDE, &decide_error) &&
               tandem_review_role_may (me, TANDEM_REVIEW_DECIDE, &decide_error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.decide",
                                 is_reviewer && can_decide && on_current && self->pending == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->decision_note_entry), is_reviewer && can_decide && on_current);
  if (me == NULL)
    gtk_label_set_text (self->decision_hint_label, _("Choose who you are in the preferences to decide."));
  else if (!is_reviewer)
    gtk_label_set_text (self->decision_hint_label, _("Only the asset’s reviewers decide."));
  else if (!on_current)
    gtk_label_set_text (self->decision_hint_label, locked);
  else if (decide_error != NULL)
    gtk_label_set_text (self->decision_hint_label, decide_error->message);
  else
    gtk_label_set_text (self->decision_hint_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->decision_hint_label),
                          gtk_label_get_text (self->decision_hint_label)[0] != '\0');

  /* new versions */
  can_upload = tandem_review_allows (state, TANDEM_REVIEW_ADD_VERSION, &upload_error) &&
               tandem_review_role_may (me, TANDEM_REVIEW_ADD_VERSION, &upload_error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.upload", writable && can_upload && self->pending == 0);
  gtk_widget_set_tooltip_text (self->upload_button, upload_error != NULL ? upload_error->message
                                                    : _("Upload a new version; you can also drop a file here"));

  /* finalize: the core says why not */
  can_finalize = self->snap->blockers == NULL &&
                 tandem_review_role_may (me, TANDEM_REVIEW_FINALIZE, &finalize_error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "asset.finalize", writable && can_finalize && self->pending == 0);
  if (self->snap->blockers != NULL || finalize_error != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Cannot finalize yet: %s"),
                                              self->snap->blockers != NULL ? self->snap->blockers
                                                                           : finalize_error->message);
      gtk_widget_set_tooltip_text (self->finalize_button, why);
      gtk_label_set_text (self->blockers_label, why);
    }
  else
    {
      gtk_widget_set_tooltip_text (self->finalize_button, _("Everyone approved: make this version final"));
      gtk_label_set_text (self->blockers_label, _("Ready to finalize: every reviewer approved and no comment is open."));
    }
  gtk_widget_set_visible (self->finalize_button, g_strcmp0 (state, "final") != 0);

  /* what the next comment attaches */
  if (self->reply_label != NULL && self->has_pin)
    context = g_strdup_printf (_("%s · pinned to page %d"), self->reply_label, (int) self->pin.page);
  else if (self->reply_label != NULL)
    context = g_strdup (self->reply_label);
  else if (self->has_pin && (self->pin.w > 0 || self->pin.h > 0))
    context = g_strdup_printf (_("Marks an area on page %d"), (int) self->pin.page);
  else if (self->has_pin)
    context = g_strdup_printf (_("Pinned to page %d"), (int) self->pin.page);
  gtk_widget_set_visible (self->context_box, context != NULL);
  gtk_label_set_text (self->context_label, context != NULL ? context : "");
}

/* Actions */

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (widget);
  const char *body = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  WriteData *data;

  if (self->snap == NULL || body[0] == '\0')
    return;
  data = g_new0 (WriteData, 1);
  data->kind = WRITE_COMMENT;
  data->version = viewed_version (self);
  data->text = g_strdup (body);
  data->id = g_strdup (self->reply_to);
  data->has_anchor = self->has_pin;
  data->anchor = self->pin;
  run_write (self, data);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (widget);
  WriteData *data = g_new0 (WriteData, 1);

  data->kind = WRITE_DECIDE;
  data->text = g_variant_dup_string (parameter, NULL);
  data->note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_note_entry)));
  run_write (self, data);
}

static void
finalize_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TandemAssetPage  *self)
{
  WriteData *data;

  if (g_strcmp0 (response, "finalize") != 0)
    return;
  data = g_new0 (WriteData, 1);
  data->kind = WRITE_FINALIZE;
  run_write (self, data);
}

/* Final cannot be undone: ask first */
static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->snap == NULL)
    return;
  heading = g_strdup_printf (_("Finalize “%s”?"), tandem_entity_get_string (self->snap->asset, "title"));
  body = g_strdup_printf (_("Version %d becomes the final one. After that there are no new versions, "
                            "comments or decisions."), (int) current_version (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "finalize", _("_Finalize"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "finalize", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (finalize_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
upload_file (TandemAssetPage *self,
             GFile           *file)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->kind = WRITE_ADD_VERSION;
  data->file = g_object_ref (file);
  data->text = g_file_get_basename (file);
  run_write (self, data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TandemAssetPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        upload_file (self, file);
    }
  g_object_unref (chooser);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Upload New Version"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Upload"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_context_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (widget);

  self->has_pin = FALSE;
  g_clear_pointer (&self->reply_to, g_free);
  g_clear_pointer (&self->reply_label, g_free);
  tandem_document_view_set_draft (self->document_view, NULL);
  update_actions (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         TandemAssetPage *self)
{
  GSList *files;

  if (!gtk_widget_is_sensitive (self->upload_button) ||
      !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ||
      (files = g_value_get_boxed (value)) == NULL)
    return FALSE;
  upload_file (self, files->data);
  return TRUE;
}

/* Callbacks */

static void
version_selected_cb (TandemAssetPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->version_dropdown);

  if (self->updating || self->snap == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  _tandem_asset_page_show_version (self, selected + 1 == (guint) current_version (self) ? 0 : selected + 1);
}

static void
compare_selected_cb (TandemAssetPage *self)
{
  if (!self->updating)
    show_compare (self);
}

static void
compare_toggled_cb (TandemAssetPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->compare_button);

  gtk_widget_set_visible (self->compare_box, active);
  /* side by side the pages need the room of the sidebar and thumbnails */
  gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), !active);
  tandem_document_view_set_show_thumbnails (self->document_view, !active);
  tandem_document_view_set_show_thumbnails (self->compare_view, !active);
  if (active)
    show_compare (self);
}

static void
pin_placed_cb (TandemAssetPage *self,
               int              page,
               double           x,
               double           y,
               double           w,
               double           h)
{
  self->has_pin = TRUE;
  self->pin = (TandemAnchor) { page, x, y, w, h };
  update_actions (self);
}

static void
document_pages_cb (TandemAssetPage *self)
{
  if (self->pending_pin > 0 && tandem_document_view_get_n_pages (self->document_view) > 0)
    {
      tandem_document_view_show_pin (self->document_view, self->pending_pin);
      self->pending_pin = 0;
    }
}

static void
comment_activate_cb (TandemAssetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "asset.comment", NULL);
}

/* @mentions: the word before the cursor when it starts with @ */
static gboolean
mention_query (TandemAssetPage *self,
               int             *start,
               char           **query)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  int cursor = gtk_editable_get_position (GTK_EDITABLE (self->comment_entry));
  const char *end = g_utf8_offset_to_pointer (text, cursor);
  const char *p = end;

  while (p > text)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (c == '@')
        {
          if (prev > text && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (prev))))
            return FALSE;
          *start = (int) g_utf8_pointer_to_offset (text, prev);
          *query = g_strndup (p, end - p);
          return TRUE;
        }
      if (g_unichar_isspace (c))
        return FALSE;
      p = prev;
    }
  return FALSE;
}

static gboolean
name_matches (const char *name,
              const char *query)
{
  g_autofree char *n = g_utf8_casefold (name, -1);
  g_autofree char *q = g_utf8_casefold (query, -1);
  const char *hit;

  if (q[0] == '\0')
    return TRUE;
  hit = strstr (n, q);
  /* at the start of a word */
  return hit != NULL && (hit == n || hit[-1] == ' ' || hit[-1] == '-');
}

static void
comment_changed_cb (TandemAssetPage *self)
{
  g_autofree char *query = NULL;
  guint shown = 0;
  int start;

  clear_list (self->mention_list);
  if (self->people != NULL && mention_query (self, &start, &query))
    {
      guint n = g_list_model_get_n_items (self->people);

      for (guint i = 0; i < n && shown < MAX_MENTIONS; i++)
        {
          g_autoptr(TandemEntity) person = g_list_model_get_item (self->people, i);
          const char *name = tandem_entity_get_string (person, "name");
          GtkWidget *row;

          if (name == NULL || !tandem_entity_get_bool (person, "active") || !name_matches (name, query))
            continue;
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
          gtk_list_box_append (self->mention_list, row);
          shown++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mention_list), shown > 0);
  update_actions (self);
}

static void
mention_activated_cb (TandemAssetPage *self,
                      GtkListBoxRow   *row)
{
  g_autofree char *query = NULL;
  g_autofree char *insert = NULL;
  int start, pos;

  if (!mention_query (self, &start, &query))
    return;
  insert = g_strdup_printf ("@%s ", (const char *) g_object_get_data (G_OBJECT (row), "name"));
  gtk_editable_delete_text (GTK_EDITABLE (self->comment_entry), start, start + 1 + (int) g_utf8_strlen (query, -1));
  pos = start;
  gtk_editable_insert_text (GTK_EDITABLE (self->comment_entry), insert, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (self->comment_entry), pos);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->comment_entry), pos);
}

static void
store_changed_cb (TandemAssetPage *self,
                  TandemChange    *change)
{
  const char *asset = NULL;

  if (self->asset_id == NULL)
    return;
  if (change->type == TANDEM_TYPE_ASSET)
    asset = change->id;
  else if (change->row != NULL && (change->type == TANDEM_TYPE_COMMENT || change->type == TANDEM_TYPE_ASSET_VERSION ||
                                   change->type == TANDEM_TYPE_DECISION))
    asset = tandem_entity_get_string (change->row, "asset");
  else if (change->type == TANDEM_TYPE_PERSON)
    asset = self->asset_id;
  if (g_strcmp0 (asset, self->asset_id) == 0)
    refresh (self);
}

static void
me_changed_cb (TandemAssetPage *self)
{
  refresh (self);
}

/* GObject */

static void
tandem_asset_page_constructed (GObject *object)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (object);

  G_OBJECT_CLASS (tandem_asset_page_parent_class)->constructed (object);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
tandem_asset_page_dispose (GObject *object)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_ASSET_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->people);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->snap, snapshot_free);
  g_clear_weak_pointer (&self->last_toast_object);

  G_OBJECT_CLASS (tandem_asset_page_parent_class)->dispose (object);
}

static void
tandem_asset_page_finalize (GObject *object)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (object);

  g_free (self->asset_id);
  g_free (self->loaded_sha);
  g_free (self->compare_sha);
  g_free (self->reply_to);
  g_free (self->reply_label);
  g_free (self->last_toast);

  G_OBJECT_CLASS (tandem_asset_page_parent_class)->finalize (object);
}

static void
tandem_asset_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PEOPLE:
      g_value_set_object (value, self->people);
      break;
    case PROP_ASSET_ID:
      g_value_set_string (value, self->asset_id);
      break;
    case PROP_SHOW_BACK:
      g_value_set_boolean (value, gtk_widget_get_visible (self->back_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_asset_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TandemAssetPage *self = TANDEM_ASSET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PEOPLE:
      self->people = g_value_dup_object (value);
      break;
    case PROP_ASSET_ID:
      tandem_asset_page_set_asset_id (self, g_value_get_string (value));
      break;
    case PROP_SHOW_BACK:
      if (gtk_widget_get_visible (self->back_button) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->back_button, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_asset_page_class_init (TandemAssetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_asset_page_constructed;
  object_class->dispose = tandem_asset_page_dispose;
  object_class->finalize = tandem_asset_page_finalize;
  object_class->get_property = tandem_asset_page_get_property;
  object_class->set_property = tandem_asset_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PEOPLE] =
    g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASSET_ID] =
    g_param_spec_string ("asset-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK] =
    g_param_spec_boolean ("show-back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_DOCUMENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/de/tandem/Tandem/tandem-asset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, version_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, upload_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, finalize_button);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, blockers_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, version_note_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, document_view);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, paned);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, compare_view);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, reviewers_list);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, decision_box);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, decision_note_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, decision_hint_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, comments_list);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, context_box);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, mention_list);
  gtk_widget_class_bind_template_child (widget_class, TandemAssetPage, comment_button);
  gtk_widget_class_bind_template_callback (widget_class, version_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_placed_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_pages_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mention_activated_cb);

  gtk_widget_class_install_action (widget_class, "asset.comment", NULL, comment_action);
  gtk_widget_class_install_action (widget_class, "asset.decide", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "asset.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "asset.upload", NULL, upload_action);
  gtk_widget_class_install_action (widget_class, "asset.clear-context", NULL, clear_context_action);
  gtk_widget_class_install_action (widget_class, "asset.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "asset.clear-context", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assetpage");
}

static void
tandem_asset_page_init (TandemAssetPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->back_button, FALSE);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::me", G_CALLBACK (me_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (version_item_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (version_item_bind_cb), self);
      gtk_drop_down_set_list_factory (i == 0 ? self->version_dropdown : self->compare_dropdown, factory);
    }

  /* compare: the two views keep the same page and zoom */
  g_object_bind_property (self->document_view, "page", self->compare_view, "page",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->document_view, "zoom", self->compare_view, "zoom",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->document_view, "fit-width", self->compare_view, "fit-width",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  tandem_document_view_set_can_pin (self->compare_view, FALSE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_actions (self);
}

/* Public API */

TandemAssetPage *
tandem_asset_page_new (TandemStore *store,
                       GListModel  *people)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (people == NULL || G_IS_LIST_MODEL (people), NULL);

  return g_object_new (TANDEM_TYPE_ASSET_PAGE, "store", store, "people", people, NULL);
}

TandemStore *
tandem_asset_page_get_store (TandemAssetPage *self)
{
  g_return_val_if_fail (TANDEM_IS_ASSET_PAGE (self), NULL);
  return self->store;
}

const char *
tandem_asset_page_get_asset_id (TandemAssetPage *self)
{
  g_return_val_if_fail (TANDEM_IS_ASSET_PAGE (self), NULL);
  return self->asset_id;
}

void
tandem_asset_page_set_asset_id (TandemAssetPage *self,
                                const char      *asset_id)
{
  g_return_if_fail (TANDEM_IS_ASSET_PAGE (self));

  if (g_strcmp0 (self->asset_id, asset_id) == 0)
    return;
  g_free (self->asset_id);
  self->asset_id = g_strdup (asset_id);
  g_clear_pointer (&self->snap, snapshot_free);
  g_clear_pointer (&self->loaded_sha, g_free);
  g_clear_pointer (&self->compare_sha, g_free);
  g_clear_pointer (&self->reply_to, g_free);
  g_clear_pointer (&self->reply_label, g_free);
  self->has_pin = FALSE;
  self->viewed = 0;
  gtk_toggle_button_set_active (self->compare_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  tandem_document_view_clear (self->document_view);
  tandem_document_view_clear (self->compare_view);
  update_actions (self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSET_ID]);
}

/* Package-private API */

guint
_tandem_asset_page_get_generation (TandemAssetPage *self)
{
  return self->generation;
}

TandemDocumentView *
_tandem_asset_page_get_document_view (TandemAssetPage *self)
{
  return self->document_view;
}

GtkWidget *
_tandem_asset_page_get_finalize_button (TandemAssetPage *self)
{
  return self->finalize_button;
}

GtkWidget *
_tandem_asset_page_get_comment_entry (TandemAssetPage *self)
{
  return GTK_WIDGET (self->comment_entry);
}

GtkWidget *
_tandem_asset_page_get_decision_note (TandemAssetPage *self)
{
  return GTK_WIDGET (self->decision_note_entry);
}

const char *
_tandem_asset_page_get_blockers_text (TandemAssetPage *self)
{
  return gtk_label_get_text (self->blockers_label);
}

const char *
_tandem_asset_page_get_last_toast (TandemAssetPage *self)
{
  return self->last_toast;
}

guint
_tandem_asset_page_get_n_threads (TandemAssetPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  guint n = 0;

  if (self->snap == NULL)
    return 0;
  list = comments_to_show (self);
  for (guint i = 0; i < list->len; i++)
    if (is_top_level (list, list->pdata[i]))
      n++;
  return n;
}

void
_tandem_asset_page_show_version (TandemAssetPage *self,
                                 gint64           number)
{
  if (self->viewed == number)
    return;
  self->viewed = number;
  self->has_pin = FALSE;
  tandem_document_view_set_draft (self->document_view, NULL);
  if (self->snap == NULL)
    return;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->version_dropdown, (guint) (viewed_version (self) - 1));
  self->updating = FALSE;
  show_viewed (self);
}

gboolean
_tandem_asset_page_get_busy (TandemAssetPage *self)
{
  return self->pending > 0 || self->refreshing || self->refresh_again;
}

AdwToast *
_tandem_asset_page_get_last_toast_object (TandemAssetPage *self)
{
  return self->last_toast_object;
}

GtkWidget *
_tandem_asset_page_get_mention_list (TandemAssetPage *self)
{
  return GTK_WIDGET (self->mention_list);
}

GtkWidget *
_tandem_asset_page_get_comments_list (TandemAssetPage *self)
{
  return GTK_WIDGET (self->comments_list);
}
