/* tandem-window.h — the main window: one workspace, three views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_WINDOW (tandem_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemWindow, tandem_window, TANDEM, WINDOW, AdwApplicationWindow)

TandemWindow *tandem_window_new                (GtkApplication *application);
void          tandem_window_open               (TandemWindow   *self,
                                                GFile          *file);
void          tandem_window_create             (TandemWindow   *self,
                                                GFile          *file,
                                                TandemWorkspaceMode mode);
void          tandem_window_open_last          (TandemWindow   *self);
TandemStore  *tandem_window_get_store          (TandemWindow   *self);
GListModel   *tandem_window_get_people         (TandemWindow   *self);
const char   *tandem_window_get_workspace_name (TandemWindow   *self);
gboolean      tandem_window_get_busy           (TandemWindow   *self);
const char   *tandem_window_get_view           (TandemWindow   *self);
void          tandem_window_set_view           (TandemWindow   *self,
                                                const char     *view);
void          tandem_window_add_toast          (TandemWindow   *self,
                                                AdwToast       *toast);
void          tandem_window_show_asset         (TandemWindow   *self,
                                                const char     *asset_id);

G_END_DECLS
