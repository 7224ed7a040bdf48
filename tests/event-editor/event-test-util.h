/* event-test-util.h — workspaces with people, campaigns and an event for the event editor's GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "editor-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  EditorWorkspace  *base;       /* people: marketing[2], sales[2], one admin */
  TandemEntityList *campaigns;
  TandemEntity     *campaign;   /* "Hannover Messe 2026" */
} EventWorkspace;

EventWorkspace *event_workspace_new       (void);
void            event_workspace_free      (EventWorkspace *workspace);
TandemEntity   *event_workspace_add_event (EventWorkspace *workspace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EventWorkspace, event_workspace_free)

G_END_DECLS
