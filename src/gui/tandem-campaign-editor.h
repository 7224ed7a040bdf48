/* tandem-campaign-editor.h — the window that creates and edits one campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-entity.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CAMPAIGN_EDITOR (tandem_campaign_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemCampaignEditor, tandem_campaign_editor, TANDEM, CAMPAIGN_EDITOR, AdwWindow)

GtkWidget    *tandem_campaign_editor_new          (TandemStore          *store,
                                                   GListModel           *people,
                                                   TandemEntity         *campaign,
                                                   const char           *stage);
TandemStore  *tandem_campaign_editor_get_store    (TandemCampaignEditor *self);
TandemEntity *tandem_campaign_editor_get_campaign (TandemCampaignEditor *self);

G_END_DECLS
