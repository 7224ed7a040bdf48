/* main.c — the tandem program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem"

#include "tandem-application.h"
#include "tandem-gui.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TandemApplication) app = NULL;

  tandem_gui_init ();

  app = tandem_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
