/* tandem-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_EVENT (tandem_event_get_type ())

G_DECLARE_FINAL_TYPE (TandemEvent, tandem_event, TANDEM, EVENT, TandemEntity)

G_END_DECLS
