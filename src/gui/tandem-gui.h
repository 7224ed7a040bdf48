/* tandem-gui.h — process-wide setup of the GUI: translations, settings, resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     tandem_gui_init            (void);
gboolean tandem_gui_is_uninstalled  (void);
gint64   tandem_gui_get_start_time  (void);

G_END_DECLS
