/* tandem-board.h — the order of campaigns in the board's columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tandem-entity.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* Gap between neighbouring cards after appending or renumbering */
#define TANDEM_BOARD_POSITION_STEP 1024

gint64        tandem_board_position_for_index (const gint64  *column_positions,
                                               guint          n,
                                               guint          index,
                                               gboolean      *needs_renumber);
gint          tandem_board_stage_index        (const char    *stage);
gint          tandem_board_compare            (TandemEntity  *a,
                                               TandemEntity  *b);
guint         tandem_board_column_index       (GListModel    *campaigns,
                                               TandemEntity  *anchor,
                                               const char    *exclude_id);
TandemEntity *tandem_board_insert_campaign    (TandemStore   *store,
                                               JsonObject    *fields,
                                               gint           index,
                                               GError       **error);
TandemEntity *tandem_board_update_campaign    (TandemStore   *store,
                                               const char    *id,
                                               gint64         base_rev,
                                               JsonObject    *patch,
                                               GError       **error);
TandemEntity *tandem_board_duplicate_campaign (TandemStore   *store,
                                               const char    *id,
                                               const char    *created_by,
                                               GError       **error);
TandemEntity *tandem_board_move_campaign      (TandemStore   *store,
                                               const char    *id,
                                               const char    *stage,
                                               gint           index,
                                               gint64         base_rev,
                                               GError       **error);

G_END_DECLS
