/* tandem-board-filter.h — which campaigns the board shows (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

typedef enum
{
  TANDEM_BOARD_SIDE_ANY,
  TANDEM_BOARD_SIDE_MARKETING,
  TANDEM_BOARD_SIDE_SALES,
} TandemBoardSide;

typedef struct _TandemBoardFilter TandemBoardFilter;

/* Every criterion that is set must hold. Strings are owned by the filter;
 * NULL or "" means “any”. @me is not part of the serialized form: it is
 * the person chosen in the preferences, needed by @mine. */
struct _TandemBoardFilter
{
  char            *text;     /* words in title, description or segment */
  char            *owner;    /* person id */
  TandemBoardSide  side;     /* which owner @owner/@mine look at; alone: that side's owner is set */
  char            *channel;
  char            *segment;
  gboolean         mine;     /* campaigns owned by @me */
  char            *me;

  /*< private >*/
  char           **folded_words;
};

TandemBoardFilter *tandem_board_filter_new         (void);
TandemBoardFilter *tandem_board_filter_copy        (const TandemBoardFilter  *self);
void               tandem_board_filter_free        (TandemBoardFilter        *self);
void               tandem_board_filter_clear       (TandemBoardFilter        *self);
void               tandem_board_filter_set_text    (TandemBoardFilter        *self,
                                                    const char               *text);
gboolean           tandem_board_filter_is_empty    (const TandemBoardFilter  *self);
gboolean           tandem_board_filter_equal       (const TandemBoardFilter  *a,
                                                    const TandemBoardFilter  *b);
gboolean           tandem_board_filter_match       (const TandemBoardFilter  *self,
                                                    TandemEntity             *campaign);
char              *tandem_board_filter_serialize   (const TandemBoardFilter  *self);
TandemBoardFilter *tandem_board_filter_parse       (const char               *text,
                                                    GError                  **error);
char              *tandem_board_fold               (const char               *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemBoardFilter, tandem_board_filter_free)

G_END_DECLS
