/* tandem-campaign-form.h — the campaign editor's inputs, checked and turned into a patch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tandem-entity.h"

G_BEGIN_DECLS

/* Every field a person edits, in the editor's order */
typedef enum
{
  TANDEM_CAMPAIGN_INPUT_TITLE,
  TANDEM_CAMPAIGN_INPUT_DESCRIPTION,
  TANDEM_CAMPAIGN_INPUT_STAGE,
  TANDEM_CAMPAIGN_INPUT_COLOR,
  TANDEM_CAMPAIGN_INPUT_START,
  TANDEM_CAMPAIGN_INPUT_END,
  TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER,
  TANDEM_CAMPAIGN_INPUT_SALES_OWNER,
  TANDEM_CAMPAIGN_INPUT_CHANNELS,
  TANDEM_CAMPAIGN_INPUT_SEGMENT,
  TANDEM_CAMPAIGN_INPUT_CURRENCY,
  TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED,
  TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT,
  TANDEM_CAMPAIGN_INPUT_LEADS_TARGET,
  TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL,
  TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_TARGET,
  TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_ACTUAL,
  TANDEM_CAMPAIGN_INPUT_PIPELINE_TARGET,
  TANDEM_CAMPAIGN_INPUT_PIPELINE_ACTUAL,
  TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET,
  TANDEM_CAMPAIGN_INPUT_REVENUE_ACTUAL,
  TANDEM_CAMPAIGN_INPUT_TRAFFIC_TARGET,
  TANDEM_CAMPAIGN_INPUT_TRAFFIC_ACTUAL,
  TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET,
  TANDEM_CAMPAIGN_INPUT_CONVERSION_ACTUAL,
  TANDEM_CAMPAIGN_N_INPUTS
} TandemCampaignInput;

/* How an input's text is read */
typedef enum
{
  TANDEM_CAMPAIGN_TEXT_LINE,      /* one line, trimmed */
  TANDEM_CAMPAIGN_TEXT_MULTILINE, /* kept as typed */
  TANDEM_CAMPAIGN_TEXT_CHOICE,    /* stage name, person id or "" for nobody, currency code, #rrggbb */
  TANDEM_CAMPAIGN_TEXT_DATE,      /* the locale's short date or ISO; "" for none */
  TANDEM_CAMPAIGN_TEXT_LIST,      /* comma-separated */
  TANDEM_CAMPAIGN_TEXT_MONEY,     /* an amount in the locale's format */
  TANDEM_CAMPAIGN_TEXT_COUNT,     /* a whole number in the locale's format */
  TANDEM_CAMPAIGN_TEXT_PERCENT,   /* 0–100 with up to two decimals, stored in basis points */
} TandemCampaignTextKind;

typedef struct _TandemCampaignForm TandemCampaignForm;

const char            *tandem_campaign_input_field     (TandemCampaignInput      input);
TandemCampaignTextKind tandem_campaign_input_text_kind (TandemCampaignInput      input);

TandemCampaignForm    *tandem_campaign_form_new        (TandemEntity            *campaign,
                                                        const char              *stage);
void                   tandem_campaign_form_free       (TandemCampaignForm      *self);
TandemEntity          *tandem_campaign_form_get_base   (TandemCampaignForm      *self);
gboolean               tandem_campaign_form_is_new     (TandemCampaignForm      *self);
const char            *tandem_campaign_form_get_text   (TandemCampaignForm      *self,
                                                        TandemCampaignInput      input);
void                   tandem_campaign_form_set_text   (TandemCampaignForm      *self,
                                                        TandemCampaignInput      input,
                                                        const char              *text);
gboolean               tandem_campaign_form_is_modified (TandemCampaignForm     *self);
gboolean               tandem_campaign_form_validate   (TandemCampaignForm      *self,
                                                        char                   **messages);
JsonObject            *tandem_campaign_form_build_patch (TandemCampaignForm     *self,
                                                        GError                 **error);
guint                  tandem_campaign_form_rebase     (TandemCampaignForm      *self,
                                                        TandemEntity            *current,
                                                        gboolean                *conflicts);
char                  *tandem_campaign_form_text_of    (TandemCampaignInput      input,
                                                        TandemEntity            *campaign);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemCampaignForm, tandem_campaign_form_free)

G_END_DECLS
