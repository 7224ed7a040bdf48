/* test-safety.c — never lose a write: the app beside other processes
 *
 * Runs the real TandemApplication in-process under Xvfb, next to real
 * second processes (tandemctl, python3's sqlite3) on the same workspace
 * file: the file choosers that sniff the workspace's content type, a
 * writer that holds the file locked, a read-only mount, a full disk, a
 * FUSE mount. The tests that mount need root (as CI and build-aux/test
 * run); they are skipped otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-safety"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <unistd.h>

#include <sys/wait.h>

#include "tandem-board-view-private.h"
#include "tandem-calendar-view.h"
#include "tandem-campaign-editor-private.h"
#include "tandem-event-editor.h"
#include "tandem-window-private.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000
#define SAVE_TIMEOUT_MS 15000

static const WorkspaceContents small_workspace = { 3, 5, 2, 1 };

/* Helpers */

static char *
test_dir (void)
{
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  char *dir = g_build_filename (g_get_user_data_dir (), "safety", name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static TandemWindow *
open_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TandemWindow *window = tandem_window_new (GTK_APPLICATION (gui_test_app ()));

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open (window, file);
  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window), LOAD_TIMEOUT_MS);
  return window;
}

/* Closes every window and waits until the store of @window is closed */
static void
quit_app (TandemWindow *window)
{
  TandemStore *store = tandem_window_get_store (window);

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  gui_test_destroy_toplevels ();
  GUI_TEST_WAIT_UNTIL (store == NULL, 5000);
}

static char *
tandemctl_program (void)
{
  const char *build_dir = g_getenv ("TANDEM_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, "src", "cli", "tandemctl", NULL);
}

/* Runs tandemctl --workspace @path ARGS… (NULL-terminated), which must
 * succeed; returns what it printed */
G_GNUC_NULL_TERMINATED static char *
tandemctl (const char *path,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, tandemctl_program ());
  g_ptr_array_add (argv, g_strconcat ("--workspace=", path, NULL));
  va_start (args, path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("tandemctl %s failed: %s", (char *) argv->pdata[2], err);
  return out;
}

/* The titles of the workspace's campaigns, as tandemctl lists them */
static GPtrArray *
campaign_titles (const char *path)
{
  g_autofree char *out = tandemctl (path, "--json", "campaign", "list", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (titles, g_strdup (json_object_get_string_member (json_array_get_object_element (array, i),
                                                                      "title")));
  return titles;
}

static gboolean
has_title (GPtrArray  *titles,
           const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (titles->pdata[i], title))
      return TRUE;
  return FALSE;
}

/* What the board says: "N campaigns in this workspace" */
static gboolean
window_shows_campaigns (TandemWindow *window,
                        guint         n)
{
  g_autofree char *expected = _tandem_count_text ("board", n);

  return g_strcmp0 (_tandem_window_get_count_text (window, "board"), expected) == 0;
}

static TandemCampaignEditor *
find_campaign_editor (void)
{
  return (TandemCampaignEditor *) gui_test_find_toplevel (TANDEM_TYPE_CAMPAIGN_EDITOR);
}

static void
set_title (TandemCampaignEditor *editor,
           const char           *title)
{
  GtkWidget *entry = _tandem_campaign_editor_get_input_widget (editor, TANDEM_CAMPAIGN_INPUT_TITLE);

  gtk_editable_set_text (GTK_EDITABLE (entry), title);
}

static const char *
shown_title (TandemCampaignEditor *editor)
{
  return gtk_editable_get_text (GTK_EDITABLE (_tandem_campaign_editor_get_input_widget (editor,
                                                                                        TANDEM_CAMPAIGN_INPUT_TITLE)));
}

/* The app makes a campaign the way a person does: New Campaign, the
 * title typed, Save */
static void
app_adds_campaign (TandemWindow *window,
                   const char   *title)
{
  TandemCampaignEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL));
  GUI_TEST_WAIT_UNTIL (find_campaign_editor () != NULL, 2000);
  editor = find_campaign_editor ();
  set_title (editor, title);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  /* Save is enabled again once the editor has taken in the last change */
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  GUI_TEST_WAIT_UNTIL (editor == NULL, SAVE_TIMEOUT_MS);
}

/* Whether this process may mount (root, in CI and build-aux/test) */
static gboolean
can_mount (void)
{
  if (geteuid () != 0)
    {
      g_test_skip ("needs root to mount");
      return FALSE;
    }
  return TRUE;
}

static void
run_or_fail (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
unmount (const char *dir)
{
  for (guint i = 0; i < 50; i++)
    {
      if (umount2 (dir, 0) == 0)
        return;
      if (errno != EBUSY)
        break;
      g_usleep (100 * 1000);
    }
  g_error ("cannot unmount %s: %s", dir, g_strerror (errno));
}

/* 1. SQLite's locks survive the file choosers ----------------------------- */

typedef struct
{
  int    fd;
  guint  n_closed;  /* the workspace file closed after a read */
} Sniffer;

static void
sniffer_start (Sniffer    *sniffer,
               const char *path)
{
  sniffer->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (sniffer->fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (sniffer->fd, path, IN_CLOSE_NOWRITE), >=, 0);
  sniffer->n_closed = 0;
}

static gboolean
sniffer_seen (Sniffer *sniffer)
{
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  ssize_t n;

  while ((n = read (sniffer->fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + n; p += sizeof (struct inotify_event) + ((struct inotify_event *) p)->len)
      if (((struct inotify_event *) p)->mask & IN_CLOSE_NOWRITE)
        sniffer->n_closed++;
  return sniffer->n_closed > 0;
}

/* Shows a file chooser of the app (the fallback GtkFileChooserDialog
 * under Xvfb) on the workspace's folder, waits until GTK has opened and
 * closed the workspace file to sniff its content type, and cancels it */
static void
chooser_sniffs_and_cancel (TandemWindow *window,
                           const char   *action,
                           const char   *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;
  Sniffer sniffer;

  sniffer_start (&sniffer, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  GUI_TEST_WAIT_UNTIL ((chooser = gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL, 5000);
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  GUI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (chooser), 5000);
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  /* Open Workspace… starts in the workspace's folder; Import Calendar…
   * is sent there */
  {
    g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

    if (current == NULL || !g_file_equal (current, folder))
      {
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
        g_assert_no_error (error);
      }
  }
  GUI_TEST_WAIT_UNTIL (sniffer_seen (&sniffer), 10000);
  {
    g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    g_assert_true (current != NULL && g_file_equal (current, folder));
  }
  /* and whatever else it reads of the folder */
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  g_test_message ("%s: the chooser closed the workspace file %u times", action, sniffer.n_closed);
  close (sniffer.fd);

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  GUI_TEST_WAIT_UNTIL (chooser == NULL || !gtk_widget_get_visible (chooser), 5000);
}

static void
check_locks_survive_choosers (gboolean shared)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *path = g_build_filename (dir, "Team.tandem", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  TandemWindow *window;

  gui_test_reset_settings ();
  g_free (tandemctl (path, "init", shared ? "--shared" : NULL, NULL));
  g_free (tandemctl (path, "campaign", "add", "Vorher angelegt", NULL));

  window = open_window (path);
  g_assert_true (window_shows_campaigns (window, 1));
  g_assert_cmpint (tandem_store_get_mode (tandem_window_get_store (window)), ==,
                   shared ? TANDEM_WORKSPACE_SHARED : TANDEM_WORKSPACE_LOCAL);

  chooser_sniffs_and_cancel (window, "win.open-workspace", path);
  chooser_sniffs_and_cancel (window, "win.import-calendar", path);

  /* a second process writes; the app sees it */
  g_free (tandemctl (path, "campaign", "add", "Von tandemctl 1", NULL));
  GUI_TEST_WAIT_UNTIL (window_shows_campaigns (window, 2), 5000);

  /* the app writes; the second process sees it */
  app_adds_campaign (window, "Aus der App");
  GUI_TEST_WAIT_UNTIL (window_shows_campaigns (window, 3), 5000);
  titles = campaign_titles (path);
  g_assert_true (has_title (titles, "Aus der App"));
  g_assert_true (has_title (titles, "Von tandemctl 1"));
  g_clear_pointer (&titles, g_ptr_array_unref);

  g_free (tandemctl (path, "campaign", "add", "Von tandemctl 2", NULL));
  GUI_TEST_WAIT_UNTIL (window_shows_campaigns (window, 4), 5000);

  quit_app (window);

  /* every write of both sides is in the file */
  titles = campaign_titles (path);
  g_assert_cmpuint (titles->len, ==, 4);
  g_assert_true (has_title (titles, "Vorher angelegt"));
  g_assert_true (has_title (titles, "Von tandemctl 1"));
  g_assert_true (has_title (titles, "Aus der App"));
  g_assert_true (has_title (titles, "Von tandemctl 2"));
  out = tandemctl (path, "check", NULL);
}

static void
test_locks_local (void)
{
  check_locks_survive_choosers (FALSE);
}

static void
test_locks_shared (void)
{
  check_locks_survive_choosers (TRUE);
}


/* 2. New Workspace… asks: one desktop or several -------------------------- */

static GtkWidget *
find_message_dialog (const char *heading)
{
  GtkWidget *dialog = gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), heading) != 0)
    return NULL;
  return dialog;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_new_workspace (TandemWindow        *window,
                     const char          *dir,
                     const char          *name,
                     const char          *row_title,
                     TandemWorkspaceMode  expected)
{
  g_autofree char *path = g_strconcat (dir, "/", name, ".tandem", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) other = NULL;
  GtkWidget *dialog;
  GtkWidget *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-workspace", NULL));
  GUI_TEST_WAIT_UNTIL ((dialog = find_message_dialog ("New Workspace")) != NULL, 2000);
  /* both choices, each explained */
  g_assert_nonnull (find_row (dialog, "_One desktop"));
  g_assert_nonnull (find_row (dialog, "_Several desktops"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (dialog, "_Several desktops"))),
                            "network drive"));
  if (row_title != NULL)
    adw_action_row_activate (ADW_ACTION_ROW (find_row (dialog, row_title)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  gtk_window_close (GTK_WINDOW (dialog));

  GUI_TEST_WAIT_UNTIL ((chooser = gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL, 5000);
  GUI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (chooser), 5000);
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  GUI_TEST_WAIT_UNTIL (gui_test_window_loaded (window) &&
                       g_strcmp0 (tandem_store_get_path (tandem_window_get_store (window)), path) == 0,
                       LOAD_TIMEOUT_MS);
  g_assert_cmpint (tandem_store_get_mode (tandem_window_get_store (window)), ==, expected);
  /* and it is stored in the file */
  other = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_mode (other), ==, expected);
}

static void
test_new_workspace_mode (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *first = gui_test_make_workspace (dir, "Start", &small_workspace);
  TandemWindow *window;

  gui_test_reset_settings ();
  window = open_window (first);
  check_new_workspace (window, dir, "Allein", NULL, TANDEM_WORKSPACE_LOCAL);
  check_new_workspace (window, dir, "Gemeinsam", "_Several desktops", TANDEM_WORKSPACE_SHARED);
  check_new_workspace (window, dir, "Wieder allein", "_One desktop", TANDEM_WORKSPACE_LOCAL);
  gui_test_destroy_toplevels ();
}

/* 3. A workspace on a network filesystem says so, once --------------------- */

static gboolean
no_dialog_after_load (void)
{
  for (guint i = 0; i < 25; i++)
    gui_test_iterate ();
  return gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
test_network_fs_warning (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *local = gui_test_make_workspace (dir, "Lokal", &small_workspace);
  g_autofree char *source = g_build_filename (dir, "server", NULL);
  g_autofree char *mounted = g_build_filename (dir, "netz", NULL);
  g_autofree char *bindfs = g_find_program_in_path ("bindfs");
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) warned = NULL;
  gboolean fuse = FALSE;
  const char *kind = "FUSE";
  TandemWindow *window;
  GtkWidget *dialog;
  const char *body;

  gui_test_reset_settings ();
  g_assert_cmpint (g_mkdir_with_parents (source, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (mounted, 0700), ==, 0);

  /* a real FUSE mount where this machine allows one (root, bindfs) */
  if (bindfs != NULL && geteuid () == 0 && g_file_test ("/dev/fuse", G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { bindfs, source, mounted, NULL };

      run_or_fail (argv);
      fuse = TRUE;
    }
  else
    {
      g_test_message ("no FUSE mount here (needs root and bindfs): pretending NFS");
      g_free (mounted);
      mounted = g_strdup (source);
      kind = "NFS";
    }
  path = g_build_filename (mounted, "Team.tandem", NULL);
  other = g_build_filename (mounted, "Anderes.tandem", NULL);

  g_free (tandemctl (path, "init", "--shared", NULL));
  g_free (tandemctl (other, "init", "--shared", NULL));

  /* a local workspace says nothing */
  window = open_window (local);
  g_assert_true (no_dialog_after_load ());
  gui_test_destroy_toplevels ();

  if (!fuse)
    _tandem_window_pretend_network_fs (kind);
  window = open_window (path);
  if (fuse)
    g_assert_cmpstr (tandem_store_get_network_fs (tandem_window_get_store (window)), ==, "FUSE");
  GUI_TEST_WAIT_UNTIL ((dialog = find_message_dialog ("Workspace on a Network Drive")) != NULL, 5000);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Team.tandem"));
  g_assert_nonnull (strstr (body, kind));
  g_assert_nonnull (strstr (body, "SQLite"));
  g_assert_nonnull (strstr (body, "unreliable"));
  g_assert_nonnull (strstr (body, "Tandem server"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_close (GTK_WINDOW (dialog));
  quit_app (window);

  /* once: remembered for this workspace */
  warned = g_settings_get_strv (settings, "network-warned-workspaces");
  g_assert_true (g_strv_contains ((const char * const *) warned, path));
  window = open_window (path);
  g_assert_true (no_dialog_after_load ());
  quit_app (window);

  /* another workspace there says it too */
  window = open_window (other);
  GUI_TEST_WAIT_UNTIL (find_message_dialog ("Workspace on a Network Drive") != NULL, 5000);
  quit_app (window);

  _tandem_window_pretend_network_fs (NULL);
  if (fuse)
    {
      const char *argv[] = { "fusermount", "-u", mounted, NULL };
      run_or_fail (argv);
    }
}

/* 4. A save while another process holds the workspace locked --------------- */

typedef struct
{
  GPid pid;
  int  in;
} Holder;

/* python3's sqlite3 takes BEGIN EXCLUSIVE on @path and keeps it until told */
static void
holder_start (Holder     *holder,
              const char *path)
{
  const char *argv[] = {
    "python3", "-c",
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "c.execute('ROLLBACK')\n",
    path, NULL,
  };
  g_autoptr(GError) error = NULL;
  char line[16] = "";
  int out;
  FILE *fp;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &holder->pid, &holder->in, &out, NULL, &error);
  g_assert_no_error (error);
  fp = fdopen (out, "r");
  g_assert_nonnull (fgets (line, sizeof line, fp));
  fclose (fp);
  g_assert_cmpstr (line, ==, "locked\n");
}

static void
holder_release (Holder *holder)
{
  int status;

  g_assert_cmpint (write (holder->in, "\n", 1), ==, 1);
  close (holder->in);
  g_assert_cmpint (waitpid (holder->pid, &status, 0), ==, holder->pid);
  g_spawn_close_pid (holder->pid);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static TandemEntity *
first_campaign (TandemWindow *window)
{
  g_autoptr(GPtrArray) rows = tandem_store_list (tandem_window_get_store (window), TANDEM_TYPE_CAMPAIGN, NULL);

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >, 0);
  return g_object_ref (rows->pdata[0]);
}

static guint
n_campaigns (TandemWindow *window)
{
  g_autoptr(GPtrArray) rows = tandem_store_list (tandem_window_get_store (window), TANDEM_TYPE_CAMPAIGN, NULL);

  return rows->len;
}

static TandemCampaignEditor *
edit_campaign (TandemWindow *window,
               TandemEntity *campaign)
{
  TandemCampaignEditor *editor;

  /* the board opens the editor, as a double click on the card does */
  g_assert_true (gtk_widget_activate_action (gui_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_BOARD_VIEW),
                                             "board.edit-campaign", "s", tandem_entity_get_id (campaign)));
  GUI_TEST_WAIT_UNTIL ((editor = find_campaign_editor ()) != NULL, 2000);
  return editor;
}

static void
test_busy_save (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *path = gui_test_make_workspace (dir, "Belegt", &small_workspace);
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(TandemEntity) after = NULL;
  TandemCampaignEditor *editor;
  TandemWindow *window;
  const char *problem;
  Holder holder;
  gint64 start;

  gui_test_reset_settings ();
  window = open_window (path);
  campaign = first_campaign (window);
  editor = edit_campaign (window, campaign);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_title (editor, "Messe Hannover – überarbeitet");

  holder_start (&holder, path);
  start = g_get_monotonic_time ();
  /* Save is enabled again once the editor has taken in the last change */
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (_tandem_campaign_editor_get_saving (editor));
  GUI_TEST_WAIT_UNTIL (!_tandem_campaign_editor_get_saving (editor), SAVE_TIMEOUT_MS);
  g_test_message ("refused after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);

  /* told: busy, which file, how long, by whom */
  problem = _tandem_campaign_editor_get_problem (editor);
  g_test_message ("%s", problem);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "could not be saved: the workspace is busy"));
  g_assert_nonnull (strstr (problem, path));
  g_assert_nonnull (strstr (problem, "5 s"));
  g_assert_nonnull (strstr (problem, "python3"));
  g_assert_nonnull (strstr (problem, "try again"));
  /* the edit is still there, Save can be pressed again; nothing written */
  g_assert_nonnull (editor);
  g_assert_cmpstr (shown_title (editor), ==, "Messe Hannover – überarbeitet");
  g_assert_true (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)));

  holder_release (&holder);
  /* Save is enabled again once the editor has taken in the last change */
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  GUI_TEST_WAIT_UNTIL (editor == NULL, SAVE_TIMEOUT_MS);
  after = tandem_store_get (tandem_window_get_store (window), TANDEM_TYPE_CAMPAIGN,
                            tandem_entity_get_id (campaign), NULL);
  g_assert_cmpstr (tandem_entity_get_string (after, "title"), ==, "Messe Hannover – überarbeitet");
  quit_app (window);
}

/* 5. A read-only workspace opens for viewing -------------------------------- */

/* @dir again at @mounted, read-only */
static gboolean
mount_read_only (const char *dir,
                 const char *mounted)
{
  g_assert_cmpint (g_mkdir_with_parents (mounted, 0700), ==, 0);
  if (mount (dir, mounted, NULL, MS_BIND, NULL) != 0)
    {
      g_test_skip_printf ("cannot bind-mount: %s", g_strerror (errno));
      return FALSE;
    }
  g_assert_cmpint (mount (NULL, mounted, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
  return TRUE;
}

static void
test_read_only (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *source = g_build_filename (dir, "rw", NULL);
  g_autofree char *mounted = g_build_filename (dir, "ro", NULL);
  g_autofree char *made = gui_test_make_workspace (source, "Archiv", &small_workspace);
  g_autofree char *path = g_build_filename (mounted, "Archiv.tandem", NULL);
  g_autoptr(TandemEntity) campaign = NULL;
  AdwViewSwitcherTitle *title;
  TandemCampaignEditor *editor;
  TandemBoardView *board;
  TandemWindow *window;
  GtkDropTarget *drop;
  const char *note;
  gboolean dropped = TRUE;
  GValue value = G_VALUE_INIT;

  if (!can_mount () || !mount_read_only (source, mounted))
    return;
  gui_test_reset_settings ();

  window = open_window (path);
  g_assert_true (tandem_store_is_read_only (tandem_window_get_store (window)));
  g_assert_cmpstr (_tandem_window_get_page (window), ==, "views");

  /* said in the header and in a note above the views */
  title = ADW_VIEW_SWITCHER_TITLE (gui_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Read-Only");
  note = _tandem_window_get_read_only_note (window);
  g_assert_nonnull (note);
  g_assert_true (g_str_has_prefix (note, "Read-only: you can look at everything"));
  g_assert_nonnull (strstr (note, "Archiv.tandem"));

  /* nothing that writes does anything */
  campaign = first_campaign (window);
  board = TANDEM_BOARD_VIEW (gui_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_BOARD_VIEW));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-campaign", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-event", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-calendar", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (board), "board.new-campaign", NULL);
  gtk_widget_activate_action (GTK_WIDGET (board), "board.delete-campaign", "s", tandem_entity_get_id (campaign));
  gtk_widget_activate_action (GTK_WIDGET (board), "board.duplicate-campaign", "s", tandem_entity_get_id (campaign));
  gtk_widget_activate_action (GTK_WIDGET (board), "board.move-next-stage", "s", tandem_entity_get_id (campaign));
  drop = _tandem_board_view_get_drop_target (board, "done");
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, tandem_entity_get_id (campaign));
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_false (dropped);
  for (guint i = 0; i < 25; i++)
    gui_test_iterate ();
  g_assert_null (find_campaign_editor ());
  g_assert_null (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR));
  g_assert_null (gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (_tandem_window_get_last_toast (window));
  g_assert_null (_tandem_board_view_get_last_toast (board));
  g_assert_cmpuint (n_campaigns (window), ==, small_workspace.n_campaigns);

  /* a campaign opens for reading: Save is off and says why */
  editor = edit_campaign (window, campaign);
  set_title (editor, "Geändert");
  g_assert_false (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)));
  g_assert_nonnull (strstr (_tandem_campaign_editor_get_problem (editor), "read-only"));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* the calendar's new event is off too */
  tandem_window_set_view (window, "calendar");
  gtk_widget_activate_action (gui_test_find_descendant (GTK_WIDGET (window), TANDEM_TYPE_CALENDAR_VIEW),
                              "calendar.new-event", NULL);
  for (guint i = 0; i < 10; i++)
    gui_test_iterate ();
  g_assert_null (gui_test_find_toplevel (TANDEM_TYPE_EVENT_EDITOR));

  quit_app (window);
  unmount (mounted);
}

/* 6. A full disk: the reason is told, nothing is lost, it opens again ------- */

static void
test_disk_full (void)
{
  g_autofree char *dir = test_dir ();
  g_autofree char *disk = g_build_filename (dir, "disk", NULL);
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *long_text = g_strnfill (90 * 1000, 'x');
  g_autoptr(TandemEntity) campaign = NULL;
  TandemCampaignEditor *editor;
  TandemWindow *window;
  const char *problem;

  if (!can_mount ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (disk, 0700), ==, 0);
  if (mount ("tandem-test", disk, "tmpfs", 0, "size=2m") != 0)
    {
      g_test_skip_printf ("cannot mount a tmpfs: %s", g_strerror (errno));
      return;
    }
  gui_test_reset_settings ();
  path = gui_test_make_workspace (disk, "Voll", &small_workspace);
  filler = g_build_filename (disk, "filler", NULL);

  window = open_window (path);
  campaign = first_campaign (window);
  /* the disk fills up */
  {
    static char block[4096];
    FILE *fp = fopen (filler, "w");

    g_assert_nonnull (fp);
    while (fwrite (block, 1, sizeof block, fp) == sizeof block)
      ;
    fclose (fp);
  }

  editor = edit_campaign (window, campaign);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  /* more than the free space and whatever the WAL has room for */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (_tandem_campaign_editor_get_input_widget (editor,
                                                                     TANDEM_CAMPAIGN_INPUT_DESCRIPTION))),
                            long_text, -1);
  /* Save is enabled again once the editor has taken in the last change */
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  GUI_TEST_WAIT_UNTIL (!_tandem_campaign_editor_get_saving (editor), SAVE_TIMEOUT_MS);
  problem = _tandem_campaign_editor_get_problem (editor);
  g_test_message ("%s", problem);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "could not be saved: the disk is full"));
  g_assert_nonnull (editor);
  g_assert_cmpuint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
                      _tandem_campaign_editor_get_input_widget (editor, TANDEM_CAMPAIGN_INPUT_DESCRIPTION)))),
                    ==, 90 * 1000);

  /* room again: saving again works */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  /* Save is enabled again once the editor has taken in the last change */
  GUI_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (_tandem_campaign_editor_get_save_button (editor)), SAVE_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  GUI_TEST_WAIT_UNTIL (editor == NULL, SAVE_TIMEOUT_MS);
  quit_app (window);

  /* and the workspace opens afterwards, with everything */
  window = open_window (path);
  g_assert_cmpuint (n_campaigns (window), ==, small_workspace.n_campaigns);
  quit_app (window);
  g_free (tandemctl (path, "check", NULL));
  unmount (disk);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_app_init (&argc, &argv);

  g_test_add_func ("/gui/safety/locks/local", test_locks_local);
  g_test_add_func ("/gui/safety/locks/shared", test_locks_shared);
  g_test_add_func ("/gui/safety/new-workspace-mode", test_new_workspace_mode);
  g_test_add_func ("/gui/safety/network-fs-warning", test_network_fs_warning);
  g_test_add_func ("/gui/safety/busy-save", test_busy_save);
  g_test_add_func ("/gui/safety/read-only", test_read_only);
  g_test_add_func ("/gui/safety/disk-full", test_disk_full);

  return gui_test_app_run ();
}
