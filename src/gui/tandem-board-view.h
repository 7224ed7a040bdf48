/* tandem-board-view.h — the campaign board: six columns of cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-entity-list.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_BOARD_VIEW (tandem_board_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemBoardView, tandem_board_view, TANDEM, BOARD_VIEW, GtkWidget)

GtkWidget    *tandem_board_view_new            (void);
void          tandem_board_view_set_workspace  (TandemBoardView  *self,
                                                TandemStore      *store,
                                                TandemEntityList *campaigns,
                                                TandemEntityList *people,
                                                TandemEntityList *assets);
void          tandem_board_view_new_campaign   (TandemBoardView  *self);
gboolean      tandem_board_view_get_search_mode (TandemBoardView *self);
void          tandem_board_view_set_search_mode (TandemBoardView *self,
                                                 gboolean         search_mode);

G_END_DECLS
