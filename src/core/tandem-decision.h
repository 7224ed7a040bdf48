/* tandem-decision.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_DECISION (tandem_decision_get_type ())

G_DECLARE_FINAL_TYPE (TandemDecision, tandem_decision, TANDEM, DECISION, TandemEntity)

G_END_DECLS
