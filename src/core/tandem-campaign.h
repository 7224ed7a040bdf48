/* tandem-campaign.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CAMPAIGN (tandem_campaign_get_type ())

G_DECLARE_FINAL_TYPE (TandemCampaign, tandem_campaign, TANDEM, CAMPAIGN, TandemEntity)

G_END_DECLS
