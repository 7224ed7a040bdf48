/* tandem-event-editor.h — the window that creates and edits one event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-entity.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_EVENT_EDITOR (tandem_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemEventEditor, tandem_event_editor, TANDEM, EVENT_EDITOR, AdwWindow)

GtkWidget    *tandem_event_editor_new       (TandemStore       *store,
                                             GListModel        *people,
                                             GListModel        *campaigns,
                                             TandemEntity      *event,
                                             GDateTime         *day);
TandemStore  *tandem_event_editor_get_store (TandemEventEditor *self);
TandemEntity *tandem_event_editor_get_event (TandemEventEditor *self);

G_END_DECLS
