/* tandem-windows-zones.h — Outlook's and Exchange's zone names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_tandem_windows_zone_to_iana (const char *tzid);

G_END_DECLS
