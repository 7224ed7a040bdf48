/* tandem-core.h — everything of libtandem-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-types.h"
#include "tandem-error.h"
#include "tandem-util.h"
#include "tandem-locale.h"
#include "tandem-field.h"
#include "tandem-entity.h"
#include "tandem-person.h"
#include "tandem-campaign.h"
#include "tandem-campaign-form.h"
#include "tandem-event.h"
#include "tandem-asset.h"
#include "tandem-asset-version.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-schema.h"
#include "tandem-store.h"
#include "tandem-entity-list.h"
#include "tandem-board.h"
#include "tandem-review.h"
