/* tandem-types.h — forward declarations of the core types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TandemStore        TandemStore;
typedef struct _TandemEntity       TandemEntity;
typedef struct _TandemEntityClass  TandemEntityClass;
typedef struct _TandemEntityList   TandemEntityList;
typedef struct _TandemPerson       TandemPerson;
typedef struct _TandemCampaign     TandemCampaign;
typedef struct _TandemEvent        TandemEvent;
typedef struct _TandemAsset        TandemAsset;
typedef struct _TandemAssetVersion TandemAssetVersion;
typedef struct _TandemComment      TandemComment;
typedef struct _TandemDecision     TandemDecision;
typedef struct _TandemFieldInfo    TandemFieldInfo;
typedef struct _TandemChange       TandemChange;

G_END_DECLS
