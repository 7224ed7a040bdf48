/* tandem-asset.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ASSET (tandem_asset_get_type ())

G_DECLARE_FINAL_TYPE (TandemAsset, tandem_asset, TANDEM, ASSET, TandemEntity)

G_END_DECLS
