/* tandem-window-private.h — what tests and the application see inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-window.h"

G_BEGIN_DECLS

gboolean    _tandem_is_view                  (const char   *view);
char       *_tandem_workspace_name_for_path  (const char   *path);
char       *_tandem_count_text               (const char   *view,
                                              guint         n_items);
const char *_tandem_window_get_page          (TandemWindow *self);
const char *_tandem_window_get_count_text    (TandemWindow *self,
                                              const char   *view);
const char *_tandem_window_get_last_toast    (TandemWindow *self);
const char *_tandem_window_get_read_only_note (TandemWindow *self);
void        _tandem_window_pretend_network_fs (const char  *kind);

G_END_DECLS
