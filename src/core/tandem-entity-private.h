/* tandem-entity-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

void _tandem_entity_class_install_fields (TandemEntityClass     *klass,
                                          const char            *name,
                                          const char            *collection,
                                          const char            *order_by,
                                          const TandemFieldInfo *fields,
                                          guint                  n_fields);
void _tandem_entity_set_meta             (TandemEntity          *self,
                                          const char            *id,
                                          gint64                 rev,
                                          const char            *created_at,
                                          const char            *updated_at,
                                          gboolean               deleted);
GValue *_tandem_entity_peek_values       (TandemEntity          *self);

G_END_DECLS
