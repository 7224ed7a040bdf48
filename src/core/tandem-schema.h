/* tandem-schema.h — the workspace file format and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

/* "TNDM": PRAGMA application_id of every Tandem workspace */
#define TANDEM_APPLICATION_ID 0x544E444D
/* PRAGMA user_version written by this build */
#define TANDEM_SCHEMA_VERSION 2

gboolean _tandem_schema_create  (sqlite3  *db,
                                 GError  **error);
gboolean _tandem_schema_migrate (sqlite3  *db,
                                 int       from_version,
                                 GError  **error);

G_END_DECLS
