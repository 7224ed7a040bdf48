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

#include "tandem-gui.h"

#include "gui-test-app.h"
#include "gui-test-util.h"

#define LOAD_TIMEOUT_MS 10000

static TandemApplication *app;
static char *root;

void
gui_test_app_init (int    *argc,
                   char ***argv)
{
  root = gui_test_isolate ();

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
  gui_test_remove_tree (root);
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
