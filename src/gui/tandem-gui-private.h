/* tandem-gui-private.h — what every part of the GUI says the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_tandem_write_error_reason (const GError *error);

G_END_DECLS
