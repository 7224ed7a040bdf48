/* gui-test-app.c — the real application in-process, for GUI tests
 *
 * The process gets its own HOME and XDG folders (not
 * G_TEST_OPTION_ISOLATE_DIRS: that hides the system's icon theme and
 * MIME database from GTK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gui-test"

#include "config.h"

#include <glib/gstdio.h>

#include "tandem-gui.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000

static TandemApplication *app;
static char *root;

static void
remove_tree (const char *path)
{
  GDir *dir;

  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
gui_test_app_init (int    *argc,
                   char ***argv)
{
  static const char * const vars[][2] = {
    { "HOME", "home" }, { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  /* in-process GTK under Xvfb: no GL, GTK's test accessibility backend */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  root = g_dir_make_tmp ("tandem-gui-test-XXXXXX", NULL);
  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (root, vars[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i][0], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  tandem_gui_init ();
}

int
gui_test_app_run (void)
{
  int status;

  if (!g_test_subprocess ())
    {
      app = tandem_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      if (!g_application_register (G_APPLICATION (app), NULL, NULL))
        g_error ("cannot register the application");
      g_application_hold (G_APPLICATION (app));
    }

  status = g_test_run ();

  if (app != NULL)
    {
      gui_test_destroy_toplevels ();
      g_application_release (G_APPLICATION (app));
      g_clear_object (&app);
    }
  remove_tree (root);
  g_clear_pointer (&root, g_free);
  return status;
}

TandemApplication *
gui_test_app (void)
{
  return app;
}

static gboolean
window_loaded (TandemWindow *window)
{
  return !tandem_window_get_busy (window) && tandem_window_get_store (window) != NULL;
}

TandemWindow *
gui_test_app_open (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TandemWindow *window = tandem_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open (window, file);
  GUI_TEST_WAIT_UNTIL (window_loaded (window), LOAD_TIMEOUT_MS);
  return window;
}
