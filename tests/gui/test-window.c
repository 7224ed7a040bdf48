/* test-window.c — the application window on real workspaces
 *
 * Runs the real TandemApplication in-process under Xvfb: every test opens
 * workspace files made with the core store and watches what the window
 * shows. The process gets its own HOME and XDG folders (not
 * G_TEST_OPTION_ISOLATE_DIRS: that hides the system's icon theme and
 * MIME database from GTK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "tandem-application.h"
#include "tandem-gui.h"
#include "tandem-preferences-window.h"
#include "tandem-asset-page.h"
#include "tandem-reviews-view-private.h"
#include "tandem-window-private.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000


static const WorkspaceContents small_workspace = { 3, 5, 2, 1 };

/* A folder of its own for each test */
static char *
workspace_dir (void)
{
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');

  return g_build_filename (g_get_user_data_dir (), "workspaces", name, NULL);
}

static TandemWindow *
new_window (void)
{
  TandemWindow *window = tandem_window_new (GTK_APPLICATION (gui_test_app ()));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static TandemWindow *
open_workspace (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TandemWindow *window = new_window ();

  tandem_window_open (window, file);
  g_assert_true (tandem_window_get_busy (window));
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
  return window;
}

static GtkWidget *
find_message_dialog (void)
{
  return gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
setup (void)
{
  gui_test_reset_settings ();
}

static void
teardown (void)
{
  gui_test_destroy_toplevels ();
}

/* Pure helpers */

static void
test_names_and_counts (void)
{
  g_autofree char *name = _tandem_workspace_name_for_path ("/home/anna/Q3 Planning.tandem");
  g_autofree char *plain = _tandem_workspace_name_for_path ("/tmp/notes");
  g_autofree char *hidden = _tandem_workspace_name_for_path ("/tmp/.tandem");
  g_autofree char *one = _tandem_count_text ("board", 1);
  g_autofree char *many = _tandem_count_text ("board", 24);
  g_autofree char *none = _tandem_count_text ("board", 0);
  g_autofree char *events = _tandem_count_text ("calendar", 2);
  g_autofree char *assets = _tandem_count_text ("reviews", 0);

  g_assert_cmpstr (name, ==, "Q3 Planning");
  g_assert_cmpstr (plain, ==, "notes");
  g_assert_cmpstr (hidden, ==, ".tandem");
  g_assert_cmpstr (one, ==, "1 campaign in this workspace");
  g_assert_cmpstr (many, ==, "24 campaigns in this workspace");
  g_assert_cmpstr (none, ==, "No campaigns yet");
  g_assert_cmpstr (events, ==, "2 events in this workspace");
  g_assert_cmpstr (assets, ==, "No assets yet");

  g_assert_true (_tandem_is_view ("board"));
  g_assert_true (_tandem_is_view ("calendar"));
  g_assert_true (_tandem_is_view ("reviews"));
  g_assert_false (_tandem_is_view ("Board"));
  g_assert_false (_tandem_is_view (NULL));
}

/* Opening a workspace shows its name and its real counts */

static void
test_open_shows_counts (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Q3 Planning", &small_workspace);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;
  TandemWindow *window;

  setup ();
  window = open_workspace (path);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Q3 Planning");
  g_assert_cmpstr (tandem_window_get_workspace_name (window), ==, "Q3 Planning");
  g_assert_cmpstr (tandem_store_get_path (tandem_window_get_store (window)), ==, path);
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "views");
  g_assert_cmpstr (_tandem_window_get_count_text (window, "board"), ==, "5 campaigns in this workspace");
  g_assert_cmpstr (_tandem_window_get_count_text (window, "calendar"), ==, "2 events in this workspace");
  g_assert_cmpstr (_tandem_window_get_count_text (window, "reviews"), ==, "1 asset in this workspace");
  g_assert_cmpuint (g_list_model_get_n_items (tandem_window_get_people (window)), ==, 3);

  /* remembered for the next start and the Recent menu */
  last = g_settings_get_string (settings, "last-workspace");
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (last, ==, path);
  g_assert_cmpstr (recent[0], ==, path);

  teardown ();
}

/* Another process's insert shows up through the store's polling */

static void
test_live_update_from_other_connection (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Shared", &small_workspace);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(GError) error = NULL;
  TandemWindow *window;
  gint64 start;

  setup ();
  window = open_workspace (path);
  g_assert_cmpstr (_tandem_window_get_count_text (window, "board"), ==, "5 campaigns in this workspace");

  /* A second connection, as another tandem or tandemctl would have */
  other = tandem_store_open (path, &error);
  g_assert_no_error (error);
  campaign = gui_test_insert_campaign (other, "Nachfassaktion Messekontakte", &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (_tandem_window_get_count_text (window, "board"),
                                  "6 campaigns in this workspace") == 0, 3000);
  g_test_message ("seen after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);

  /* and a deletion */
  tandem_store_delete (other, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (campaign), 0, &error);
  g_assert_no_error (error);
  GUI_TEST_WAIT_UNTIL (g_strcmp0 (_tandem_window_get_count_text (window, "board"),
                                  "5 campaigns in this workspace") == 0, 3000);

  teardown ();
}

/* Views switch through the action and are remembered */

static void
test_switch_views (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Views", &small_workspace);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved = NULL;
  TandemWindow *window;

  setup ();
  window = open_workspace (path);
  g_assert_cmpstr (tandem_window_get_view (window), ==, "board");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "calendar"));
  g_assert_cmpstr (tandem_window_get_view (window), ==, "calendar");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "reviews"));
  g_assert_cmpstr (tandem_window_get_view (window), ==, "reviews");

  /* the reviews page is the workspace's reviews view */
  {
    GtkWidget *reviews = gui_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_REVIEWS_VIEW);

    g_assert_nonnull (reviews);
    g_assert_true (gtk_widget_is_drawable (reviews));
    g_assert_true (tandem_reviews_view_get_store (TANDEM_REVIEWS_VIEW (reviews)) == tandem_window_get_store (window));

    /* --asset ID: straight to the asset's page */
    {
      g_autoptr(GPtrArray) assets = tandem_store_list (tandem_window_get_store (window), TANDEM_TYPE_ASSET, NULL);

      g_assert_cmpuint (assets->len, ==, 1);
      tandem_window_set_view (window, "board");
      tandem_window_show_asset (window, tandem_entity_get_id (assets->pdata[0]));
      g_assert_cmpstr (tandem_window_get_view (window), ==, "reviews");
      g_assert_cmpstr (_tandem_reviews_view_get_page (TANDEM_REVIEWS_VIEW (reviews)), ==, "asset");
      g_assert_cmpstr (tandem_asset_page_get_asset_id (_tandem_reviews_view_get_asset_page (TANDEM_REVIEWS_VIEW (reviews))),
                       ==, tandem_entity_get_id (assets->pdata[0]));
    }
  }

  saved = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (saved, ==, "reviews");

  /* a new window starts with the last view */
  gui_test_destroy_toplevels ();
  window = open_workspace (path);
  g_assert_cmpstr (tandem_window_get_view (window), ==, "reviews");

  teardown ();
}

/* --workspace and --view, through the real command line */

static gboolean
command_line_check_cb (gpointer data)
{
  GApplication *application = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (!TANDEM_IS_WINDOW (window) || !gui_test_window_loaded (TANDEM_WINDOW (window)))
    return G_SOURCE_CONTINUE;

  g_print ("title=%s view=%s board=%s\n",
           gtk_window_get_title (window),
           tandem_window_get_view (TANDEM_WINDOW (window)),
           _tandem_window_get_count_text (TANDEM_WINDOW (window), "board"));
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static gboolean
command_line_timeout_cb (gpointer data)
{
  g_error ("the command line did not open the workspace in time");
  return G_SOURCE_REMOVE;
}

static void
test_command_line_view (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = workspace_dir ();
      g_autofree char *path = gui_test_make_workspace (dir, "Command Line", &small_workspace);
      g_autoptr(TandemApplication) own = tandem_application_new ();
      const char *argv[] = { "tandem", "--workspace", path, "--view", "calendar", NULL };
      int status;

      gui_test_reset_settings ();
      g_application_set_flags (G_APPLICATION (own),
                               g_application_get_flags (G_APPLICATION (own)) | G_APPLICATION_NON_UNIQUE);
      g_timeout_add (20, command_line_check_cb, own);
      g_timeout_add_seconds (20, command_line_timeout_cb, NULL);
      status = g_application_run (G_APPLICATION (own), G_N_ELEMENTS (argv) - 1, (char **) argv);
      g_assert_cmpint (status, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*title=Command Line view=calendar board=5 campaigns in this workspace*");
}

/* The tandem program itself: --view checked, --exit-after-first-frame */

static char *
tandem_program (void)
{
  const char *build_dir = g_getenv ("TANDEM_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, "src", "gui", "tandem", NULL);
}

static void
run_program (const char * const  *args,
             char               **out,
             char               **err,
             int                 *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, tandem_program ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, status, &error);
  g_assert_no_error (error);
}

static void
test_program_invalid_view (void)
{
  static const char * const args[] = { "--view", "kanban", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_program (args, &out, &err, &status);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "kanban"));
  g_assert_nonnull (strstr (err, "board, calendar or reviews"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_program_exit_after_first_frame (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Startup", &small_workspace);
  const char *args[] = { "--workspace", path, "--view", "reviews", "--exit-after-first-frame", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  run_program (args, &out, &err, &status);
  g_test_message ("first frame after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

/* --screenshot writes the loaded window as a PNG (build-aux/screenshots);
 * --exit-when-loaded reports when the board has its cards */
static void
test_program_screenshot (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Shot", &small_workspace);
  g_autofree char *png = g_build_filename (dir, "board.png", NULL);
  const char *shot_args[] = { "--workspace", path, "--view", "board", "--screenshot", png, NULL };
  const char *loaded_args[] = { "--workspace", path, "--exit-when-loaded", NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_program (shot_args, &out, &err, &status);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 360);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, 300);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_program (loaded_args, &out, &err, &status);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_str_has_prefix (out, "loaded frame after "));
}

static void
test_program_version (void)
{
  static const char * const args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_program (args, &out, &err, &status);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (out, ==, "tandem " PACKAGE_VERSION "\n");
}

/* Files that are not workspaces: a dialog, the file untouched, the window usable */

static void
check_refused (const char *path,
               const char *expected_body)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  TandemWindow *window = new_window ();
  GtkWidget *dialog;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    before = read_file (path);

  tandem_window_open (window, file);
  GUI_TEST_WAIT_UNTIL (find_message_dialog () != NULL, LOAD_TIMEOUT_MS);
  GUI_TEST_WAIT_UNTIL (!tandem_window_get_busy (window), LOAD_TIMEOUT_MS);

  dialog = find_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Open Workspace");
  g_test_message ("%s: %s", path, adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), expected_body));
  /* the core's own message is shown too */
  g_assert_true (GTK_IS_LABEL (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))),
                            path));

  g_assert_null (tandem_window_get_store (window));
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "none");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  if (before != NULL)
    {
      after = read_file (path);
      g_assert_true (g_bytes_equal (before, after));
    }
  else
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* what the Close button does */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_close (GTK_WINDOW (dialog));
  GUI_TEST_WAIT_UNTIL (find_message_dialog () == NULL, 2000);
}

static void
test_broken_files (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *empty = g_build_filename (dir, "empty.tandem", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.tandem", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.tandem", NULL);
  g_autofree char *newer = gui_test_make_workspace (dir, "From the future", &small_workspace);
  g_autofree char *good = gui_test_make_workspace (dir, "Good", &small_workspace);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) text_file = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  TandemWindow *window;

  setup ();
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  g_file_set_contents (text, "Agenda for Monday\n- budget\n- trade show\n", -1, &error);
  g_assert_no_error (error);

  /* user_version (header offset 60) from a later Tandem */
  g_file_get_contents (newer, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 100);
  contents[60] = 0x7f;
  g_file_set_contents (newer, contents, length, &error);
  g_assert_no_error (error);

  check_refused (empty, "is not a Tandem workspace");
  gui_test_destroy_toplevels ();
  check_refused (text, "is not a Tandem workspace");
  gui_test_destroy_toplevels ();
  check_refused (newer, "newer version of Tandem");
  gui_test_destroy_toplevels ();
  check_refused (missing, "does not exist");

  /* The same window opens a good workspace afterwards */
  window = TANDEM_WINDOW (gui_test_find_toplevel (TANDEM_TYPE_WINDOW));
  tandem_window_open (window, good_file);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Good");
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "views");

  /* A failed open keeps the workspace that is open */
  text_file = g_file_new_for_path (text);
  tandem_window_open (window, text_file);
  GUI_TEST_WAIT_UNTIL (find_message_dialog () != NULL, LOAD_TIMEOUT_MS);
  GUI_TEST_WAIT_UNTIL (!tandem_window_get_busy (window), LOAD_TIMEOUT_MS);
  g_assert_nonnull (tandem_window_get_store (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Good");

  teardown ();
}

/* New workspaces, and never over an existing file */

static void
test_create_workspace (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = g_build_filename (dir, "Neu", NULL);
  g_autofree char *created = g_build_filename (dir, "Neu.tandem", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  TandemWindow *window;
  GtkWidget *dialog;

  setup ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  file = g_file_new_for_path (path);
  window = new_window ();
  tandem_window_create (window, file, TANDEM_WORKSPACE_LOCAL);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);

  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Neu");
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "empty");

  /* Creating it again is refused and leaves it alone */
  gui_test_destroy_toplevels ();
  before = read_file (created);
  window = new_window ();
  tandem_window_create (window, file, TANDEM_WORKSPACE_LOCAL);
  GUI_TEST_WAIT_UNTIL (find_message_dialog () != NULL, LOAD_TIMEOUT_MS);
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Create Workspace");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "already exists"));
  after = read_file (created);
  g_assert_true (g_bytes_equal (before, after));

  teardown ();
}

/* Without --workspace: the last workspace, else the default one, created */

static void
test_default_workspace (void)
{
  g_autofree char *default_path = tandem_store_default_path ();
  g_autofree char *gone = NULL;
  g_autofree char *dir = workspace_dir ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TandemWindow *window;

  setup ();
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
  {
    g_autofree char *folder = g_path_get_dirname (default_path);
    gui_test_remove_tree (folder);
  }
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));

  /* first start: nothing remembered */
  window = tandem_application_open_window (gui_test_app (), NULL, NULL);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
  g_assert_cmpstr (tandem_store_get_path (tandem_window_get_store (window)), ==, default_path);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "empty");
  gui_test_destroy_toplevels ();

  /* the last workspace comes back */
  {
    g_autofree char *last = gui_test_make_workspace (dir, "Last Time", &small_workspace);

    g_settings_set_string (settings, "last-workspace", last);
    window = tandem_application_open_window (gui_test_app (), NULL, "calendar");
    GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Last Time");
    g_assert_cmpstr (tandem_window_get_view (window), ==, "calendar");
    gui_test_destroy_toplevels ();
  }

  /* a last workspace that was deleted falls back to the default */
  gone = g_build_filename (dir, "Deleted.tandem", NULL);
  g_settings_set_string (settings, "last-workspace", gone);
  window = tandem_application_open_window (gui_test_app (), NULL, NULL);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
  g_assert_cmpstr (tandem_store_get_path (tandem_window_get_store (window)), ==, default_path);
  g_assert_null (find_message_dialog ());

  teardown ();
}

/* Recent workspaces */

static void
test_recent (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *first = gui_test_make_workspace (dir, "Erster", &small_workspace);
  g_autofree char *second = gui_test_make_workspace (dir, "Zweiter_Bereich", &small_workspace);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_auto(GStrv) recent = NULL;
  TandemWindow *window;

  setup ();
  window = open_workspace (first);
  tandem_window_open (window, second_file);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window) &&
                       g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), "Zweiter_Bereich") == 0,
                       LOAD_TIMEOUT_MS);

  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, second);
  g_assert_cmpstr (recent[1], ==, first);

  /* the menu's action opens it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", first));
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window) &&
                       g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), "Erster") == 0,
                       LOAD_TIMEOUT_MS);
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpstr (recent[0], ==, first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-recent", NULL));
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-workspaces");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);

  teardown ();
}

/* Load Demo Data on an empty workspace */

static void
test_load_demo (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Demo", NULL);
  const char *toast;
  TandemWindow *window;

  setup ();
  window = open_workspace (path);
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "empty");
  g_assert_cmpstr (_tandem_window_get_count_text (window, "board"), ==, "No campaigns yet");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  GUI_TEST_WAIT_UNTIL (_tandem_window_get_last_toast (window) != NULL, 60000);
  toast = _tandem_window_get_last_toast (window);
  g_test_message ("toast: %s", toast);

  if (g_str_equal (toast, "Demo data loaded"))
    {
      g_assert_cmpstr (_tandem_window_get_page (window), ==, "views");
      g_assert_cmpstr (_tandem_window_get_count_text (window, "board"), !=, "No campaigns yet");
      g_assert_cmpuint (g_list_model_get_n_items (tandem_window_get_people (window)), >, 0);
    }
  else
    {
      /* The error is told, the workspace stays as it was, the window works */
      g_assert_true (g_str_has_prefix (toast, "Could not load the demo data: "));
      g_assert_cmpstr (_tandem_window_get_page (window), ==, "empty");
      g_assert_cmpstr (_tandem_window_get_count_text (window, "board"), ==, "No campaigns yet");
      g_assert_null (find_message_dialog ());
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "calendar"));

  teardown ();
}

/* Preferences, About, Keyboard Shortcuts */

static void
test_preferences (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Prefs", &small_workspace);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TandemEntity) person = NULL;
  g_autofree char *me = NULL;
  TandemWindow *window;
  GtkWidget *preferences;
  AdwComboRow *me_row;
  GListModel *names;

  setup ();
  window = open_workspace (path);
  g_action_group_activate_action (G_ACTION_GROUP (gui_test_app ()), "preferences", NULL);
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (TANDEM_TYPE_PREFERENCES_WINDOW) != NULL, 2000);
  preferences = gui_test_find_toplevel (TANDEM_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  g_assert_true (tandem_preferences_window_get_people (TANDEM_PREFERENCES_WINDOW (preferences)) ==
                 tandem_window_get_people (window));

  /* “Who am I” lists nobody + the three people */
  me_row = ADW_COMBO_ROW (gui_test_find_descendant (preferences, ADW_TYPE_COMBO_ROW));
  names = adw_combo_row_get_model (me_row);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Nobody");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==, "Anna Becker (Marketing)");

  adw_combo_row_set_selected (me_row, 2);
  me = g_settings_get_string (settings, "me");
  person = g_list_model_get_item (tandem_window_get_people (window), 1);
  g_assert_cmpstr (me, ==, tandem_entity_get_id (person));

  /* a person added elsewhere appears while the window is open */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemStore) other = tandem_store_open (path, &error);
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(TandemEntity) added = NULL;

    g_assert_no_error (error);
    json_object_set_string_member (fields, "name", "Zoe Neumann");
    json_object_set_string_member (fields, "role", "sales");
    added = tandem_store_insert (other, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
    g_assert_no_error (error);
    GUI_TEST_WAIT_UNTIL (g_list_model_get_n_items (names) == 5, 3000);
    /* the choice survives the rebuild */
    g_assert_cmpuint (adw_combo_row_get_selected (me_row), ==, 2);
  }

  g_settings_set_uint (settings, "sync-poll-interval", 250);
  gtk_window_close (GTK_WINDOW (preferences));

  teardown ();
}

static void
test_about_and_shortcuts (void)
{
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "About", &small_workspace);
  TandemWindow *window;
  GtkWidget *about;
  GtkWidget *shortcuts;

  setup ();
  window = open_workspace (path);

  g_action_group_activate_action (G_ACTION_GROUP (gui_test_app ()), "about", NULL);
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL, 2000);
  about = gui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Tandem");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));

  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  GUI_TEST_WAIT_UNTIL (gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL, 2000);
  shortcuts = gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_widget_get_visible (shortcuts));

  teardown ();
}

/* Every shortcut the help overlay lists is bound */

static void
test_accels (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.open-workspace", "<Control>o" },
    { "win.new-workspace", "<Shift><Control>n" },
    { "app.preferences", "<Control>comma" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.quit", "<Control>q" },
    { "window.close", "<Control>w" },
    { "win.view::board", "<Alt>1" },
    { "win.view::calendar", "<Alt>2" },
    { "win.view::reviews", "<Alt>3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (gui_test_app ()), expected[i].action);
      guint key, wanted_key;
      GdkModifierType mods, wanted_mods;

      g_assert_nonnull (accels[0]);
      g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
      g_assert_true (gtk_accelerator_parse (expected[i].accel, &wanted_key, &wanted_mods));
      g_assert_cmpuint (key, ==, wanted_key);
      g_assert_cmpuint (mods, ==, wanted_mods);
    }
}

/* The keyboard shortcuts window lists every shortcut: the application's
 * accelerators and the key bindings of the views and editors */
static void
test_shortcuts_listed (void)
{
  static const char * const bindings[] = {
    "<Control>n", "<Control>f", "<Control>d", "<Control>e", "Return", "Delete",
    "<Control><Shift>Left", "<Control><Shift>Right", "<Control><Shift>Up", "<Control><Shift>Down",
    "Page_Up", "Page_Down", "<Control>plus", "<Control>minus", "<Control>0", "<Control>m",
    "<Control>s", "<Control>Return", "Escape",
  };
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/de/tandem/Tandem/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (gui_test_app ()));
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;

          if (gtk_accelerator_parse (parts[i], &key, &mods))
            g_hash_table_add (listed, gtk_accelerator_name (key, mods));
        }
    }

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (gui_test_app ()), actions[i]);

      for (guint a = 0; accels[a] != NULL; a++)
        {
          guint key;
          GdkModifierType mods;
          g_autofree char *name = NULL;

          g_assert_true (gtk_accelerator_parse (accels[a], &key, &mods));
          name = gtk_accelerator_name (key, mods);
          if (!g_hash_table_contains (listed, name))
            g_error ("%s (%s) is not in the keyboard shortcuts window", accels[a], actions[i]);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      guint key;
      GdkModifierType mods;
      g_autofree char *name = NULL;

      g_assert_true (gtk_accelerator_parse (bindings[i], &key, &mods));
      name = gtk_accelerator_name (key, mods);
      if (!g_hash_table_contains (listed, name))
        g_error ("%s is not in the keyboard shortcuts window", bindings[i]);
    }
}

/* Window size and state are saved when it closes */

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = workspace_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Size", &small_workspace);
  TandemWindow *window;
  int width, height;

  setup ();
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  window = open_workspace (path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  teardown ();
}

/* Accessibility: every button has a name a screen reader can read */

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);

  g_test_add_func ("/gui/window/names-and-counts", test_names_and_counts);
  g_test_add_func ("/gui/window/open-shows-counts", test_open_shows_counts);
  g_test_add_func ("/gui/window/live-update", test_live_update_from_other_connection);
  g_test_add_func ("/gui/window/switch-views", test_switch_views);
  g_test_add_func ("/gui/window/broken-files", test_broken_files);
  g_test_add_func ("/gui/window/create-workspace", test_create_workspace);
  g_test_add_func ("/gui/window/default-workspace", test_default_workspace);
  g_test_add_func ("/gui/window/recent", test_recent);
  g_test_add_func ("/gui/window/load-demo", test_load_demo);
  g_test_add_func ("/gui/window/preferences", test_preferences);
  g_test_add_func ("/gui/window/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/gui/window/accels", test_accels);
  g_test_add_func ("/gui/window/size-saved", test_window_size_saved);
  g_test_add_func ("/gui/window/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/gui/app/command-line-view", test_command_line_view);
  g_test_add_func ("/gui/app/invalid-view", test_program_invalid_view);
  g_test_add_func ("/gui/app/exit-after-first-frame", test_program_exit_after_first_frame);
  g_test_add_func ("/gui/app/version", test_program_version);
  g_test_add_func ("/gui/app/screenshot", test_program_screenshot);

  return gui_test_app_run ();
}
