/* tandem-asset-version.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ASSET_VERSION (tandem_asset_version_get_type ())

G_DECLARE_FINAL_TYPE (TandemAssetVersion, tandem_asset_version, TANDEM, ASSET_VERSION, TandemEntity)

G_END_DECLS
