/* editor-test-util.h — workspaces with people and a campaign for the editor's GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-core.h"

G_BEGIN_DECLS

typedef struct
{
  char             *dir;
  char             *path;
  TandemStore      *store;
  TandemEntityList *people;
  char             *marketing[2];  /* ids of the marketing people */
  char             *sales[2];      /* ids of the sales people */
} EditorWorkspace;

EditorWorkspace *editor_workspace_new         (void);
void             editor_workspace_free        (EditorWorkspace *workspace);
TandemEntity    *editor_workspace_add_campaign (EditorWorkspace *workspace);
TandemEntity    *editor_workspace_update_elsewhere (EditorWorkspace *workspace,
                                                   TandemEntity    *campaign,
                                                   JsonObject      *patch);
void             editor_test_init_display     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EditorWorkspace, editor_workspace_free)

G_END_DECLS
