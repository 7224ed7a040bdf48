/* tandem-asset-version.c — the asset version row: its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-asset-version"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-asset-version.h"
#include "tandem-util.h"

struct _TandemAssetVersion
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemAssetVersion, tandem_asset_version, TANDEM_TYPE_ENTITY)



static const TandemFieldInfo fields[] = {
  { "asset", TANDEM_FIELD_REF, 0, NULL, "asset" },
  { "number", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE, NULL, NULL, "1" },
  { "sha256", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "file_name", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "mime_type", TANDEM_FIELD_STRING, 0, NULL, NULL, "application/octet-stream" },
  { "size", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE },
  { "uploaded_by", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  { "note", TANDEM_FIELD_TEXT },
};

static void
tandem_asset_version_class_init (TandemAssetVersionClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "asset_version", "asset_versions",
                                       "\"asset\", \"number\"",
                                       fields, G_N_ELEMENTS (fields));
}

static void
tandem_asset_version_init (TandemAssetVersion *self)
{
}
