/* tandem-comment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_COMMENT (tandem_comment_get_type ())

G_DECLARE_FINAL_TYPE (TandemComment, tandem_comment, TANDEM, COMMENT, TandemEntity)

G_END_DECLS
