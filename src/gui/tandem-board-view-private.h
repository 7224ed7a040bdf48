/* tandem-board-view-private.h — what the tests see inside the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-board-filter.h"
#include "tandem-board-view.h"
#include "tandem-campaign-card.h"

G_BEGIN_DECLS

#define TANDEM_BOARD_N_STAGES 6

extern const char * const _tandem_board_stages[TANDEM_BOARD_N_STAGES + 1];

GListModel         *_tandem_board_view_get_column_model (TandemBoardView          *self,
                                                         const char               *stage);
GtkListView        *_tandem_board_view_get_column_list  (TandemBoardView          *self,
                                                         const char               *stage);
GtkDropTarget      *_tandem_board_view_get_drop_target  (TandemBoardView          *self,
                                                         const char               *stage);
GtkWidget          *_tandem_board_view_get_header       (TandemBoardView          *self,
                                                         const char               *stage);
const char         *_tandem_board_view_get_count_text   (TandemBoardView          *self,
                                                         const char               *stage);
void                _tandem_board_view_set_wip_limit    (TandemBoardView          *self,
                                                         const char               *stage,
                                                         guint                     limit);
const TandemBoardFilter *_tandem_board_view_get_filter  (TandemBoardView          *self);
void                _tandem_board_view_set_filter       (TandemBoardView          *self,
                                                         const TandemBoardFilter  *filter);
TandemCampaignCard *_tandem_board_view_find_card        (TandemBoardView          *self,
                                                         const char               *id);
AdwToast           *_tandem_board_view_get_last_toast   (TandemBoardView          *self);
guint               _tandem_board_view_get_n_pending    (TandemBoardView          *self);
GtkSearchBar       *_tandem_board_view_get_search_bar   (TandemBoardView          *self);
const char         *_tandem_board_view_get_page         (TandemBoardView          *self);
GtkSliceListModel  *_tandem_board_view_get_column_slice (TandemBoardView          *self,
                                                         const char               *stage);
void                _tandem_board_view_get_card_counts  (TandemBoardView          *self,
                                                         guint                    *n_setups,
                                                         guint                    *n_binds);

G_END_DECLS
