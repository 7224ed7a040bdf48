/* tandem-fs.h — what kind of filesystem a workspace lives on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *tandem_fs_network_kind      (const char *path);
char       *_tandem_describe_file_users (const char *path);

G_END_DECLS
