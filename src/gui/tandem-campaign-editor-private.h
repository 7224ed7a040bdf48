/* tandem-campaign-editor-private.h — hooks for the editor's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-campaign-editor.h"
#include "tandem-campaign-form.h"

G_BEGIN_DECLS

/* The widget of @input: an AdwEntryRow (a GtkEditable), an AdwComboRow,
 * the GtkTextView of the description or the GtkColorButton */
GtkWidget          *_tandem_campaign_editor_get_input_widget (TandemCampaignEditor *self,
                                                              TandemCampaignInput   input);
/* The message shown under @input, or NULL when none is shown */
const char         *_tandem_campaign_editor_get_message      (TandemCampaignEditor *self,
                                                              TandemCampaignInput   input);
/* The warning above the fields (save failed, conflict), or NULL */
const char         *_tandem_campaign_editor_get_problem      (TandemCampaignEditor *self);
/* Ids of the people an owner row offers, [0] = "" for nobody */
GPtrArray          *_tandem_campaign_editor_get_owner_ids    (TandemCampaignEditor *self,
                                                              TandemCampaignInput   input);
TandemCampaignForm *_tandem_campaign_editor_get_form         (TandemCampaignEditor *self);
GtkWidget          *_tandem_campaign_editor_get_save_button  (TandemCampaignEditor *self);
gboolean            _tandem_campaign_editor_get_saving       (TandemCampaignEditor *self);

G_END_DECLS
