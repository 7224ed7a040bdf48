/* tandem-campaign.c — the campaign row: its fields and the rules across them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-campaign"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-campaign.h"
#include "tandem-util.h"

struct _TandemCampaign
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemCampaign, tandem_campaign, TANDEM_TYPE_ENTITY)

static const char * const stage_choices[] = { "idea", "planning", "production", "review", "live", "done", NULL };

static const TandemFieldInfo fields[] = {
  { "title", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "description", TANDEM_FIELD_TEXT },
  { "stage", TANDEM_FIELD_ENUM, 0, stage_choices, NULL, "idea" },
  { "start", TANDEM_FIELD_DATE, TANDEM_FIELD_NULLABLE },
  { "end", TANDEM_FIELD_DATE, TANDEM_FIELD_NULLABLE },
  { "marketing_owner", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  { "sales_owner", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  { "channels", TANDEM_FIELD_STRING_LIST },
  { "segment", TANDEM_FIELD_STRING },
  { "currency", TANDEM_FIELD_CURRENCY, 0, NULL, NULL, "EUR" },
  { "budget_planned_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "budget_spent_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "leads_target", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "leads_actual", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "qualified_leads_target", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "qualified_leads_actual", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "pipeline_target_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "pipeline_actual_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "revenue_target_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "revenue_actual_cents", TANDEM_FIELD_MONEY, TANDEM_FIELD_NON_NEGATIVE },
  { "traffic_target", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "traffic_actual", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "conversion_target_bp", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "conversion_actual_bp", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "color", TANDEM_FIELD_COLOR, 0, NULL, NULL, "#3584e4" },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "created_by", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
};

static gboolean
tandem_campaign_validate (TandemEntity  *entity,
                          GError       **error)
{
  const char *start = tandem_entity_get_string (entity, "start");
  const char *end = tandem_entity_get_string (entity, "end");

  /* ISO dates compare as strings */
  if (start != NULL && end != NULL && g_strcmp0 (end, start) < 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "end (%s) is before start (%s)", end, start);
      return FALSE;
    }
  return TRUE;
}

static void
tandem_campaign_class_init (TandemCampaignClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "campaign", "campaigns",
                                       "\"stage\", \"position\", \"id\"",
                                       fields, G_N_ELEMENTS (fields));
  entity_class->validate = tandem_campaign_validate;
}

static void
tandem_campaign_init (TandemCampaign *self)
{
}
