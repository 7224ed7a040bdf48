/* test-review-gui.c — the Reviews view and the asset page under Xvfb
 *
 * A real workspace file with real PDFs made by the demo renderer; the
 * widgets are driven through their actions and signals (GTK 4.8 has no
 * event synthesis) and the results are read back from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-review-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "review-test-pdf.h"
#include "tandem-core.h"
#include "tandem-demo-files.h"
#include "tandem-entity-list.h"
#include "tandem-asset-page-private.h"
#include "tandem-document-view-private.h"
#include "tandem-review-notifier.h"
#include "tandem-reviews-view-private.h"

#include "a11y-walk.h"
#include "gui-test-app.h"
#include "gui-test-util.h"

#define WAIT_MS 15000

typedef struct
{
  char             *dir;
  TandemStore      *store;
  TandemEntityList *people;
  TandemEntity     *anna;    /* marketing, created the asset */
  TandemEntity     *stefan;  /* sales, reviewer */
  TandemEntity     *aylin;   /* sales, reviewer */
  char             *campaign;
  GSettings        *settings;
  GtkWidget        *window;
  TandemReviewsView *view;
} Fixture;

static TandemEntity *
add_person (TandemStore *store,
            const char  *name,
            const char  *role)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  TandemEntity *person;

  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "role", role);
  person = tandem_store_insert (store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return person;
}

static char *
write_file (Fixture    *f,
            const char *name,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_pdf (Fixture    *f,
           const char *name,
           guint       n_pages,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = tandem_demo_render_pdf (name, n_pages, seed, &error);

  g_assert_no_error (error);
  return write_file (f, name, bytes);
}

/* An asset from @path, reviewed by Stefan and Aylin, submitted when @submit */
static char *
add_asset (Fixture    *f,
           const char *title,
           const char *path,
           gboolean    submit)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) reviewers = json_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) asset = NULL;

  json_array_add_string_element (reviewers, tandem_entity_get_id (f->stefan));
  json_array_add_string_element (reviewers, tandem_entity_get_id (f->aylin));
  json_object_set_string_member (fields, "campaign", f->campaign);
  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "due", "2020-01-01");
  json_object_set_array_member (fields, "reviewers", json_array_ref (reviewers));
  asset = tandem_review_add_asset (f->store, fields, file, NULL, f->anna, 0, NULL, &error);
  g_assert_no_error (error);
  if (submit)
    {
      g_autoptr(TandemEntity) submitted = tandem_review_submit (f->store, tandem_entity_get_id (asset), f->anna, &error);
      g_assert_no_error (error);
    }
  return g_strdup (tandem_entity_get_id (asset));
}

static void
set_me (Fixture      *f,
        TandemEntity *person)
{
  g_settings_set_string (f->settings, "me", person != NULL ? tandem_entity_get_id (person) : "");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) campaign = json_object_new ();
  g_autoptr(TandemEntity) row = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tandem-review-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ws.tandem", NULL);
  f->store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  f->anna = add_person (f->store, "Anna Schulz", "marketing");
  f->stefan = add_person (f->store, "Stefan Braun", "sales");
  f->aylin = add_person (f->store, "Aylin Demir", "sales");
  json_object_set_string_member (campaign, "title", "Hannover Messe");
  row = tandem_store_insert (f->store, TANDEM_TYPE_CAMPAIGN, campaign, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  f->campaign = g_strdup (tandem_entity_get_id (row));

  f->people = tandem_entity_list_new (f->store, TANDEM_TYPE_PERSON);
  g_assert_true (tandem_entity_list_load (f->people, &error));
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  set_me (f, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GDir *dir;
  const char *name;

  gui_test_destroy_toplevels ();
  g_clear_object (&f->people);
  g_clear_object (&f->store);
  g_clear_object (&f->anna);
  g_clear_object (&f->stefan);
  g_clear_object (&f->aylin);
  g_clear_object (&f->settings);
  g_free (f->campaign);
  /* the store's blocking work has finished: no worker holds the file */
  if ((dir = g_dir_open (f->dir, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (f->dir, name, NULL);
          g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The reviews view in a window with a toast overlay, its list shown */
static void
show_view (Fixture *f)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  f->view = tandem_reviews_view_new (f->store, G_LIST_MODEL (f->people));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), overlay);
  gtk_window_present (GTK_WINDOW (f->window));
  GUI_TEST_WAIT_UNTIL (_tandem_reviews_view_get_generation (f->view) > 0, WAIT_MS);
}

static gboolean
strv_has (GStrv       strv,
          const char *id)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, id);
}

/* Opens @asset_id through its row when it is the first one, and waits
 * for the page and its document */
static TandemAssetPage *
open_asset (Fixture    *f,
            const char *asset_id,
            const char *status)
{
  TandemAssetPage *page = _tandem_reviews_view_get_asset_page (f->view);
  guint generation = _tandem_asset_page_get_generation (page);
  GtkWidget *row = _tandem_reviews_view_get_first_row (f->view);
  TandemDocumentView *doc;

  g_assert_nonnull (row);
  if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "asset"), asset_id) == 0)
    gtk_widget_activate (row);
  else
    tandem_reviews_view_open_asset (f->view, asset_id);
  g_assert_cmpstr (_tandem_reviews_view_get_page (f->view), ==, "asset");
  g_assert_cmpstr (tandem_asset_page_get_asset_id (page), ==, asset_id);
  GUI_TEST_WAIT_UNTIL (_tandem_asset_page_get_generation (page) > generation, WAIT_MS);
  doc = _tandem_asset_page_get_document_view (page);
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (tandem_document_view_get_status (doc), status) == 0, WAIT_MS);
  return page;
}

static void
wait_idle (TandemAssetPage *page)
{
  /* the write, then the fresh snapshot its change brings */
  GUI_TEST_WAIT_UNTIL (!_tandem_asset_page_get_busy (page), WAIT_MS);
}

typedef struct
{
  int    page;
  double x, y, w, h;
  guint  count;
} Placed;

static void
pin_placed_cb (TandemDocumentView *doc,
               int                 page,
               double              x,
               double              y,
               double              w,
               double              h,
               Placed             *placed)
{
  *placed = (Placed) { page, x, y, w, h, placed->count + 1 };
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkEventController *
controller_of (GtkWidget *widget,
               GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (g_type_is_a (G_OBJECT_TYPE (controller), type))
        return controller;
    }
  return NULL;
}

static TandemEntity *
only_row (Fixture    *f,
          GType       type,
          const char *asset_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tandem_store_list_by (f->store, type, "asset", asset_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_object_ref (rows->pdata[0]);
}

/* Stefan opens the asset waiting for him, pins a spot, comments, requests changes */
static void
test_comment_and_decide (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Broschüre.pdf", 4, 1);
  g_autofree char *asset_id = add_asset (f, "Broschüre Messe", pdf, TRUE);
  g_autofree char *draft_id = add_asset (f, "Flyer Entwurf", pdf, FALSE);
  g_auto(GStrv) waiting = NULL;
  g_auto(GStrv) drafts = NULL;
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(TandemEntity) decision = NULL;
  g_autoptr(TandemEntity) asset = NULL;
  TandemAssetPage *page;
  TandemDocumentView *doc;
  GtkWidget *finalize, *canvas, *entry, *mentions, *resolve;
  GtkListBoxRow *mention;
  GtkEventController *keys;
  AdwToast *toast;
  Placed placed = { 0 };
  gboolean handled = FALSE;
  const char *tooltip;

  set_me (f, f->stefan);
  show_view (f);

  /* grouped: the asset waiting for Stefan first, the draft among drafts */
  waiting = _tandem_reviews_view_get_group_ids (f->view, TANDEM_REVIEW_GROUP_WAITING);
  drafts = _tandem_reviews_view_get_group_ids (f->view, TANDEM_REVIEW_GROUP_DRAFT);
  g_assert_true (strv_has (waiting, asset_id));
  g_assert_false (strv_has (waiting, draft_id));
  g_assert_true (strv_has (drafts, draft_id));
  g_assert_cmpstr (_tandem_reviews_view_get_page (f->view), ==, "list");

  page = open_asset (f, asset_id, "pages");
  doc = _tandem_asset_page_get_document_view (page);
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 4);
  g_signal_connect (doc, "pin-placed", G_CALLBACK (pin_placed_cb), &placed);

  /* blocked: finalize is insensitive and says who is missing */
  finalize = _tandem_asset_page_get_finalize_button (page);
  g_assert_false (gtk_widget_is_sensitive (finalize));
  tooltip = gtk_widget_get_tooltip_text (finalize);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Stefan Braun has not approved version 1"));
  g_assert_nonnull (strstr (tooltip, "Aylin Demir has not approved version 1"));
  g_assert_nonnull (strstr (_tandem_asset_page_get_blockers_text (page), "Aylin Demir"));

  /* pinning without a mouse: the action pins the middle of the page,
   * the arrow keys move it */
  tandem_document_view_set_page (doc, 3);
  g_assert_cmpuint (tandem_document_view_get_page (doc), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.place-pin", NULL);
  g_assert_cmpuint (placed.count, ==, 1);
  g_assert_cmpint (placed.page, ==, 3);
  g_assert_cmpfloat (placed.x, ==, 0.5);
  g_assert_cmpfloat (placed.y, ==, 0.5);
  canvas = gui_test_find_descendant (GTK_WIDGET (doc), g_type_from_name ("TandemPageCanvas"));
  g_assert_nonnull (canvas);
  keys = controller_of (canvas, GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_assert_true (handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
  g_assert_cmpuint (placed.count, ==, 3);
  g_assert_cmpfloat_with_epsilon (placed.x, 0.52, 1e-9);
  g_assert_cmpfloat_with_epsilon (placed.y, 0.48, 1e-9);

  /* a region dragged on page 2, as the drag gesture reports it */
  tandem_document_view_set_page (doc, 2);
  g_signal_emit_by_name (doc, "pin-placed", 2, 0.25, 0.4, 0.1, 0.05);

  /* the comment attaches the last pin */
  entry = _tandem_asset_page_get_comment_entry (page);
  g_assert_true (gtk_widget_is_sensitive (entry));

  /* @mention: typing "@Ay" offers Aylin, choosing her completes the name */
  mentions = _tandem_asset_page_get_mention_list (page);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Preis fehlt, bitte @Ay");
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  g_signal_emit_by_name (entry, "changed");
  g_assert_true (gtk_widget_get_visible (mentions));
  mention = gtk_list_box_get_row_at_index (GTK_LIST_BOX (mentions), 0);
  g_assert_nonnull (mention);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (mentions), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (mention)), ==, "Aylin Demir");
  gtk_widget_activate (GTK_WIDGET (mention));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Preis fehlt, bitte @Aylin Demir ");
  g_assert_false (gtk_widget_get_visible (mentions));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Preis fehlt, bitte @Aylin Demir prüfen");
  gtk_widget_activate_action (GTK_WIDGET (page), "asset.comment", NULL);
  wait_idle (page);
  g_assert_null (_tandem_asset_page_get_last_toast (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (_tandem_asset_page_get_n_threads (page), ==, 1);

  comment = only_row (f, TANDEM_TYPE_COMMENT, asset_id);
  g_assert_cmpstr (tandem_entity_get_string (comment, "body"), ==, "Preis fehlt, bitte @Aylin Demir prüfen");
  g_assert_cmpstr (tandem_entity_get_string (comment, "author"), ==, tandem_entity_get_id (f->stefan));
  g_assert_cmpint (tandem_entity_get_int (comment, "version"), ==, 1);
  g_assert_cmpint (tandem_entity_get_int (comment, "page"), ==, 2);
  g_assert_cmpfloat_with_epsilon (tandem_entity_get_double (comment, "x"), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (tandem_entity_get_double (comment, "y"), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (tandem_entity_get_double (comment, "w"), 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (tandem_entity_get_double (comment, "h"), 0.05, 1e-9);

  /* Stefan is a reviewer: he requests changes with a note */
  gtk_editable_set_text (GTK_EDITABLE (_tandem_asset_page_get_decision_note (page)), "Preise ergänzen");
  gtk_widget_activate_action (GTK_WIDGET (page), "asset.decide", "s", "changes_requested");
  wait_idle (page);
  g_assert_null (_tandem_asset_page_get_last_toast (page));

  decision = only_row (f, TANDEM_TYPE_DECISION, asset_id);
  g_assert_cmpstr (tandem_entity_get_string (decision, "reviewer"), ==, tandem_entity_get_id (f->stefan));
  g_assert_cmpstr (tandem_entity_get_string (decision, "decision"), ==, "changes_requested");
  g_assert_cmpstr (tandem_entity_get_string (decision, "note"), ==, "Preise ergänzen");
  asset = tandem_store_get (f->store, TANDEM_TYPE_ASSET, asset_id, NULL);
  g_assert_cmpstr (tandem_entity_get_string (asset, "state"), ==, "changes_requested");

  /* still blocked, now for other reasons, named */
  g_assert_false (gtk_widget_is_sensitive (finalize));
  tooltip = gtk_widget_get_tooltip_text (finalize);
  g_test_message ("finalize: %s", tooltip);
  g_assert_nonnull (strstr (tooltip, "Stefan Braun requested changes to version 1"));
  g_assert_nonnull (strstr (tooltip, "1 comment on version 1 is open"));

  /* resolve, then undo from the toast */
  resolve = find_button (_tandem_asset_page_get_comments_list (page), "Resolve");
  g_assert_nonnull (resolve);
  g_signal_emit_by_name (resolve, "clicked");
  wait_idle (page);
  g_clear_object (&comment);
  comment = only_row (f, TANDEM_TYPE_COMMENT, asset_id);
  g_assert_true (tandem_entity_get_bool (comment, "resolved"));
  g_assert_cmpstr (tandem_entity_get_string (comment, "resolved_by"), ==, tandem_entity_get_id (f->stefan));
  g_assert_cmpstr (_tandem_asset_page_get_last_toast (page), ==, "Comment resolved");
  toast = _tandem_asset_page_get_last_toast_object (page);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  wait_idle (page);
  g_clear_object (&comment);
  comment = only_row (f, TANDEM_TYPE_COMMENT, asset_id);
  g_assert_false (tandem_entity_get_bool (comment, "resolved"));
  g_assert_nonnull (find_button (_tandem_asset_page_get_comments_list (page), "Resolve"));

  /* the list follows the store: Stefan has decided, nothing waits for him */
  GUI_TEST_WAIT_UNTIL (({ g_auto(GStrv) ids = _tandem_reviews_view_get_group_ids (f->view, TANDEM_REVIEW_GROUP_WAITING);
                          !strv_has (ids, asset_id); }), WAIT_MS);
}

/* Someone who is not a reviewer cannot decide, whatever their role */
/* The list is rebuilt when the store changes: the keyboard focus stays on
 * the same asset */
static void
test_focus_survives_changes (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Flyer.pdf", 2, 4);
  g_autofree char *first = add_asset (f, "Flyer A", pdf, TRUE);
  g_autofree char *second = add_asset (f, "Flyer B", pdf, TRUE);
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *focus;
  g_autofree char *focused_id = NULL;
  guint generation;

  show_view (f);
  row = _tandem_reviews_view_get_first_row (f->view);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_has_focus (row));
  focused_id = g_strdup (g_object_get_data (G_OBJECT (row), "asset"));
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);

  generation = _tandem_reviews_view_get_generation (f->view);
  comment = tandem_review_comment (f->store, second, 0, "Farbe prüfen", NULL, NULL, f->aylin, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (_tandem_reviews_view_get_generation (f->view) > generation, WAIT_MS);

  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  for (; focus != NULL && !GTK_IS_LIST_BOX_ROW (focus); focus = gtk_widget_get_parent (focus))
    ;
  g_assert_null (row);              /* the old row is gone … */
  g_assert_nonnull (focus);         /* … and a new one of the same asset has the focus */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (focus), "asset"), ==, focused_id);
  g_assert_true (g_str_equal (focused_id, first) || g_str_equal (focused_id, second));
}

static void
test_not_a_reviewer (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Datenblatt.pdf", 2, 3);
  g_autofree char *asset_id = add_asset (f, "Datenblatt", pdf, TRUE);
  TandemAssetPage *page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  set_me (f, f->anna);
  show_view (f);
  page = open_asset (f, asset_id, "pages");
  g_assert_false (gtk_widget_is_sensitive (_tandem_asset_page_get_decision_note (page)));
  gtk_widget_activate_action (GTK_WIDGET (page), "asset.decide", "s", "approved");
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  decisions = tandem_store_list_by (f->store, TANDEM_TYPE_DECISION, "asset", asset_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 0);
}

/* Both approve, nothing open: finalize is sensitive and makes it final */
static void
test_finalize (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Flyer.pdf", 2, 2);
  g_autofree char *pdf2 = write_pdf (f, "Flyer v2.pdf", 3, 5);
  g_autofree char *asset_id = add_asset (f, "Flyer", pdf, TRUE);
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file2 = g_file_new_for_path (pdf2);
  TandemAssetPage *page;
  GtkWidget *finalize, *entry, *dialog;

  set_me (f, f->anna);
  show_view (f);
  page = open_asset (f, asset_id, "pages");
  finalize = _tandem_asset_page_get_finalize_button (page);
  g_assert_false (gtk_widget_is_sensitive (finalize));

  /* a file dropped onto the page is a new version; version 1 becomes read-only */
  {
    GtkEventController *drop = controller_of (GTK_WIDGET (page), GTK_TYPE_DROP_TARGET);
    g_auto(GValue) value = G_VALUE_INIT;
    GFile *files[] = { file2 };
    gboolean accepted = FALSE;

    g_assert_nonnull (drop);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_assert_true (accepted);
    wait_idle (page);
    g_assert_null (_tandem_asset_page_get_last_toast (page));
    GUI_TEST_WAIT_UNTIL (tandem_document_view_get_n_pages (_tandem_asset_page_get_document_view (page)) == 3, WAIT_MS);
    asset = tandem_store_get (f->store, TANDEM_TYPE_ASSET, asset_id, NULL);
    g_assert_cmpint (tandem_entity_get_int (asset, "current_version"), ==, 2);
    g_assert_cmpstr (tandem_entity_get_string (asset, "state"), ==, "in_review");
  }
  entry = _tandem_asset_page_get_comment_entry (page);
  g_assert_true (gtk_widget_is_sensitive (entry));
  _tandem_asset_page_show_version (page, 1);
  g_assert_false (gtk_widget_is_sensitive (entry));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (entry), "read-only"));
  _tandem_asset_page_show_version (page, 0);
  g_assert_true (gtk_widget_is_sensitive (entry));

  /* the reviewers approve elsewhere (another desktop, tandemctl): the page follows */
  g_clear_object (&asset);
  asset = tandem_review_decide (f->store, asset_id, "approved", NULL, f->stefan, &error);
  g_assert_no_error (error);
  g_clear_object (&asset);
  asset = tandem_review_decide (f->store, asset_id, "approved_with_changes", "Logo größer", f->aylin, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (finalize), WAIT_MS);

  /* final cannot be undone: a dialog asks first */
  gtk_widget_activate_action (GTK_WIDGET (page), "asset.finalize", NULL);
  GUI_TEST_WAIT_UNTIL ((dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, WAIT_MS);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (page);
  g_clear_object (&asset);
  asset = tandem_store_get (f->store, TANDEM_TYPE_ASSET, asset_id, NULL);
  g_assert_cmpstr (tandem_entity_get_string (asset, "state"), ==, "approved");

  gtk_widget_activate_action (GTK_WIDGET (page), "asset.finalize", NULL);
  GUI_TEST_WAIT_UNTIL ((dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, WAIT_MS);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "finalize");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_idle (page);
  g_assert_null (_tandem_asset_page_get_last_toast (page));
  g_clear_object (&asset);
  asset = tandem_store_get (f->store, TANDEM_TYPE_ASSET, asset_id, NULL);
  g_assert_cmpstr (tandem_entity_get_string (asset, "state"), ==, "final");
  g_assert_false (gtk_widget_get_visible (finalize));
}

/* An asset whose file was stored as it is, the way Tandem did before it
 * judged uploads by their content (workspaces made then still hold such
 * files), in review */
static char *
add_stored_asset (Fixture    *f,
                  const char *title,
                  const char *file_name,
                  GBytes     *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) version = json_object_new ();
  g_autoptr(JsonArray) reviewers = json_array_new ();
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  g_assert_true (tandem_store_begin (f->store, &error));
  sha256 = tandem_store_put_blob (f->store, stream, g_bytes_get_size (bytes), "application/pdf", NULL, &error);
  g_assert_no_error (error);
  json_array_add_string_element (reviewers, tandem_entity_get_id (f->stefan));
  json_object_set_string_member (fields, "campaign", f->campaign);
  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "state", "in_review");
  json_object_set_int_member (fields, "current_version", 1);
  json_object_set_array_member (fields, "reviewers", json_array_ref (reviewers));
  asset = tandem_store_insert (f->store, TANDEM_TYPE_ASSET, fields, TANDEM_WRITE_MANAGED, &error);
  g_assert_no_error (error);
  json_object_set_string_member (version, "asset", tandem_entity_get_id (asset));
  json_object_set_int_member (version, "number", 1);
  json_object_set_string_member (version, "sha256", sha256);
  json_object_set_string_member (version, "file_name", file_name);
  json_object_set_string_member (version, "mime_type", "application/pdf");
  json_object_set_int_member (version, "size", g_bytes_get_size (bytes));
  row = tandem_store_insert (f->store, TANDEM_TYPE_ASSET_VERSION, version, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_commit (f->store, &error));
  return g_strdup (tandem_entity_get_id (asset));
}

/* Files an older Tandem stored: one that claims to be a PDF but is not and
 * an empty one get "No preview", a PDF with pages poppler cannot read
 * shows the pages it can and says so on the others; nothing crashes. A PNG
 * is shown as an image. */
static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) garbage = g_bytes_new_static ("%PDF-1.7\n garbage that is not a PDF", 34);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) missing = review_test_pdf_with_missing_pages ();
  g_autoptr(GBytes) png = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *broken_id = add_stored_asset (f, "Kaputte Broschüre", "Kaputt.pdf", garbage);
  g_autofree char *empty_id = add_stored_asset (f, "Leere Broschüre", "Leer.pdf", empty);
  g_autofree char *missing_id = add_stored_asset (f, "Lückenhafte Broschüre", "Lücke.pdf", missing);
  g_autofree char *png_id = NULL;
  g_autoptr(GError) error = NULL;
  TandemAssetPage *page;
  TandemDocumentView *doc;
  Placed placed = { 0 };

  png = tandem_demo_render_png ("Banner", "Hannover Messe", 1200, 628, 3, &error);
  g_assert_no_error (error);
  png_path = write_file (f, "Banner.png", png);
  png_id = add_asset (f, "Banner", png_path, TRUE);

  set_me (f, f->stefan);
  show_view (f);
  page = open_asset (f, broken_id, "no-preview");
  doc = _tandem_asset_page_get_document_view (page);
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 0);
  /* commenting still works, without pins */
  g_assert_true (gtk_widget_is_sensitive (_tandem_asset_page_get_comment_entry (page)));
  /* nothing to pin on */
  g_signal_connect (doc, "pin-placed", G_CALLBACK (pin_placed_cb), &placed);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.place-pin", NULL);
  g_assert_cmpuint (placed.count, ==, 0);

  page = open_asset (f, empty_id, "no-preview");
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 0);

  page = open_asset (f, missing_id, "pages");
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 3);
  GUI_TEST_WAIT_UNTIL (_tandem_document_view_get_page_shown (doc), WAIT_MS);
  g_assert_false (_tandem_document_view_get_page_unreadable (doc));
  tandem_document_view_set_page (doc, 2);
  GUI_TEST_WAIT_UNTIL (_tandem_document_view_get_page_shown (doc), WAIT_MS);
  g_assert_true (_tandem_document_view_get_page_unreadable (doc));
  tandem_document_view_set_page (doc, 3);
  GUI_TEST_WAIT_UNTIL (_tandem_document_view_get_page_shown (doc), WAIT_MS);

  page = open_asset (f, png_id, "image");
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 1);
}

/* A 300-page PDF: page 1 soon, the last page on request; figures in the log */
static void
test_large_pdf (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Katalog.pdf", 300, 9);
  g_autofree char *asset_id = add_asset (f, "Katalog", pdf, TRUE);
  TandemAssetPage *page;
  TandemDocumentView *doc;
  gint64 start;
  double ms;

  set_me (f, f->stefan);
  show_view (f);
  start = g_get_monotonic_time ();
  page = open_asset (f, asset_id, "pages");
  doc = _tandem_asset_page_get_document_view (page);
  GUI_TEST_WAIT_UNTIL (_tandem_document_view_get_page_shown (doc), WAIT_MS);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("300-page PDF: page 1 shown after %.0f ms", ms);
  g_assert_cmpuint (tandem_document_view_get_n_pages (doc), ==, 300);
  /* generous: the figure that matters is measured by the benchmark */
  g_assert_cmpfloat (ms, <, 5000);

  start = g_get_monotonic_time ();
  tandem_document_view_set_page (doc, 300);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.previous-page", NULL);
  g_assert_cmpuint (tandem_document_view_get_page (doc), ==, 299);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.next-page", NULL);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.next-page", NULL);
  g_assert_cmpuint (tandem_document_view_get_page (doc), ==, 300);
  GUI_TEST_WAIT_UNTIL (_tandem_document_view_get_page_shown (doc), WAIT_MS);
  g_test_message ("300-page PDF: page 300 within %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* zoom steps and back to fitting the width */
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.zoom-100", NULL);
  g_assert_false (tandem_document_view_get_fit_width (doc));
  g_assert_cmpfloat (tandem_document_view_get_zoom (doc), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.zoom-in", NULL);
  g_assert_cmpfloat (tandem_document_view_get_zoom (doc), ==, 1.25);
  gtk_widget_activate_action (GTK_WIDGET (doc), "document.zoom-fit", NULL);
  g_assert_true (tandem_document_view_get_fit_width (doc));
}

/* Every control of the reviews list and the asset page has a name */
static void
test_a11y (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Broschüre.pdf", 3, 1);
  g_autofree char *asset_id = add_asset (f, "Broschüre Messe", pdf, TRUE);
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(GError) error = NULL;
  TandemAnchor anchor = { 1, 0.2, 0.3, 0, 0 };
  TandemAssetPage *page;

  comment = tandem_review_comment (f->store, asset_id, 0, "Farbe prüfen", &anchor, NULL, f->aylin, &error);
  g_assert_no_error (error);
  set_me (f, f->stefan);
  show_view (f);
  gui_test_a11y_assert_named (GTK_WIDGET (f->view), 1, "reviews list");
  page = open_asset (f, asset_id, "pages");
  GUI_TEST_WAIT_UNTIL (_tandem_asset_page_get_n_threads (page) == 1, WAIT_MS);
  gui_test_a11y_assert_named (GTK_WIDGET (page), 15, "asset page");
}

/* Notifications: a review requested from me, a decision on my asset */
static void
test_notifier (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = write_pdf (f, "Banner.pdf", 1, 4);
  g_autofree char *asset_id = add_asset (f, "Banner", pdf, FALSE);
  g_autofree char *review_id = g_strdup_printf ("review-%s", asset_id);
  g_autofree char *decision_id = g_strdup_printf ("decision-%s", asset_id);
  g_autoptr(TandemReviewNotifier) notifier = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GError) error = NULL;

  set_me (f, f->stefan);
  /* without an application: Xvfb has no notification service to send to */
  notifier = tandem_review_notifier_new (NULL, f->store);
  for (guint i = 0; i < 25; i++)
    gui_test_iterate ();
  g_assert_null (tandem_review_notifier_get_last_id (notifier));

  row = tandem_review_submit (f->store, asset_id, f->anna, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (tandem_review_notifier_get_last_id (notifier), review_id) == 0, WAIT_MS);

  /* Anna created it: Stefan's decision reaches her, not himself */
  set_me (f, f->anna);
  g_clear_object (&row);
  row = tandem_review_decide (f->store, asset_id, "approved", "Passt", f->stefan, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (tandem_review_notifier_get_last_id (notifier), decision_id) == 0, WAIT_MS);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);

  g_test_add ("/review-gui/comment-and-decide", Fixture, NULL, fixture_setup, test_comment_and_decide, fixture_teardown);
  g_test_add ("/review-gui/focus-survives-changes", Fixture, NULL, fixture_setup, test_focus_survives_changes,
              fixture_teardown);
  g_test_add ("/review-gui/not-a-reviewer", Fixture, NULL, fixture_setup, test_not_a_reviewer, fixture_teardown);
  g_test_add ("/review-gui/finalize", Fixture, NULL, fixture_setup, test_finalize, fixture_teardown);
  g_test_add ("/review-gui/formats", Fixture, NULL, fixture_setup, test_formats, fixture_teardown);
  g_test_add ("/review-gui/large-pdf", Fixture, NULL, fixture_setup, test_large_pdf, fixture_teardown);
  g_test_add ("/review-gui/a11y", Fixture, NULL, fixture_setup, test_a11y, fixture_teardown);
  g_test_add ("/review-gui/notifier", Fixture, NULL, fixture_setup, test_notifier, fixture_teardown);
  return gui_test_app_run ();
}
