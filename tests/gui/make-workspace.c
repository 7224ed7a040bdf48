/* make-workspace.c — writes a workspace with some rows, for screenshots and manual tests
 *
 * Usage: make-workspace PATH [PEOPLE CAMPAIGNS EVENTS ASSETS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "make-workspace"

#include <stdlib.h>

#include "workspace-fixture.h"

int
main (int   argc,
      char *argv[])
{
  WorkspaceContents contents = { 5, 8, 4, 3 };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2 && argc != 6)
    {
      g_printerr ("usage: %s PATH [PEOPLE CAMPAIGNS EVENTS ASSETS]\n", argv[0]);
      return 2;
    }
  if (argc == 6)
    {
      contents.n_people = atoi (argv[2]);
      contents.n_campaigns = atoi (argv[3]);
      contents.n_events = atoi (argv[4]);
      contents.n_assets = atoi (argv[5]);
    }

  store = tandem_store_create (argv[1], TANDEM_WORKSPACE_LOCAL, &error);
  if (store == NULL || !gui_test_fill_workspace (store, &contents, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
