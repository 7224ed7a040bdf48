/* workspace-fixture.h — workspaces with believable rows for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-core.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_people;
  guint n_campaigns;
  guint n_events;
  guint n_assets;
} WorkspaceContents;

gboolean      gui_test_fill_workspace    (TandemStore              *store,
                                          const WorkspaceContents  *contents,
                                          GError                  **error);
char         *gui_test_make_workspace    (const char               *dir,
                                          const char               *name,
                                          const WorkspaceContents  *contents);
TandemEntity *gui_test_insert_campaign   (TandemStore              *store,
                                          const char               *title,
                                          GError                  **error);

G_END_DECLS
