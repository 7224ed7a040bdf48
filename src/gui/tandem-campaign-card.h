/* tandem-campaign-card.h — one campaign on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-entity-list.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CAMPAIGN_CARD (tandem_campaign_card_get_type ())

G_DECLARE_FINAL_TYPE (TandemCampaignCard, tandem_campaign_card, TANDEM, CAMPAIGN_CARD, GtkWidget)

GtkWidget    *tandem_campaign_card_new              (void);
TandemEntity *tandem_campaign_card_get_campaign     (TandemCampaignCard *self);
void          tandem_campaign_card_set_campaign     (TandemCampaignCard *self,
                                                     TandemEntity       *campaign);
void          tandem_campaign_card_set_editable     (TandemCampaignCard *self,
                                                     gboolean            editable);
void          tandem_campaign_card_set_people       (TandemCampaignCard *self,
                                                     TandemEntityList   *people);
guint         tandem_campaign_card_get_review_count (TandemCampaignCard *self);
void          tandem_campaign_card_set_review_count (TandemCampaignCard *self,
                                                     guint               count);
void          tandem_campaign_card_refresh          (TandemCampaignCard *self);
gboolean      tandem_campaign_card_get_overdue      (TandemCampaignCard *self);

const char   *_tandem_stage_title                   (const char         *stage);
gboolean      _tandem_campaign_is_overdue           (TandemEntity       *campaign,
                                                     const char         *today);
char         *_tandem_campaign_date_span            (TandemEntity       *campaign);

G_END_DECLS
