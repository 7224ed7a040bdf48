/* tandem-asset.c — the asset row: its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-asset"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-asset.h"
#include "tandem-util.h"

struct _TandemAsset
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemAsset, tandem_asset, TANDEM_TYPE_ENTITY)

static const char * const state_choices[] = { "draft", "in_review", "changes_requested", "approved", "final", NULL };

static const TandemFieldInfo fields[] = {
  { "campaign", TANDEM_FIELD_REF, 0, NULL, "campaign" },
  { "title", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "kind", TANDEM_FIELD_STRING, 0, NULL, NULL, "document" },
  { "state", TANDEM_FIELD_ENUM, TANDEM_FIELD_MANAGED, state_choices, NULL, "draft" },
  { "due", TANDEM_FIELD_DATE, TANDEM_FIELD_NULLABLE },
  { "reviewers", TANDEM_FIELD_REF_LIST, 0, NULL, "person" },
  { "current_version", TANDEM_FIELD_INT, TANDEM_FIELD_MANAGED | TANDEM_FIELD_NON_NEGATIVE },
  { "created_by", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
};

static void
tandem_asset_class_init (TandemAssetClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "asset", "assets",
                                       "\"title\" COLLATE NOCASE, \"id\"",
                                       fields, G_N_ELEMENTS (fields));
}

static void
tandem_asset_init (TandemAsset *self)
{
}
