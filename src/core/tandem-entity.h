/* tandem-entity.h — base class of every stored row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tandem-field.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ENTITY (tandem_entity_get_type ())

G_DECLARE_DERIVABLE_TYPE (TandemEntity, tandem_entity, TANDEM, ENTITY, GObject)

struct _TandemEntityClass
{
  GObjectClass parent_class;

  /* Filled in by _tandem_entity_class_install_fields() */
  const char             *name;        /* "campaign": SQL table, change_log entity */
  const char             *collection;  /* "campaigns": REST path, CLI plural */
  const char             *order_by;    /* static ORDER BY clause for listings */
  const TandemFieldInfo  *fields;
  guint                   n_fields;
  GParamSpec            **pspecs;      /* pspecs[i] describes fields[i] */
  GHashTable             *field_index; /* name → index + 1, for lookups by name */

  /* Rules across fields (end after start…), run before every write */
  gboolean (*validate) (TandemEntity  *self,
                        GError       **error);

  gpointer _padding[8];
};

GType                  tandem_entity_type_from_name     (const char          *name);
const GType           *tandem_entity_types              (guint               *n_types);
const TandemFieldInfo *tandem_entity_class_lookup_field (TandemEntityClass   *klass,
                                                         const char          *name,
                                                         guint               *index);

TandemEntity          *tandem_entity_new                (GType                type);
const char            *tandem_entity_get_id             (TandemEntity        *self);
gint64                 tandem_entity_get_rev            (TandemEntity        *self);
const char            *tandem_entity_get_created_at     (TandemEntity        *self);
const char            *tandem_entity_get_updated_at     (TandemEntity        *self);
gboolean               tandem_entity_get_deleted        (TandemEntity        *self);
int                    tandem_entity_compare_created    (gconstpointer        a,
                                                         gconstpointer        b);
const char            *tandem_entity_get_kind_name      (TandemEntity        *self);

const GValue          *tandem_entity_get_value          (TandemEntity        *self,
                                                         guint                index);
gboolean               tandem_entity_set_value          (TandemEntity        *self,
                                                         guint                index,
                                                         const GValue        *value);
const char            *tandem_entity_get_string         (TandemEntity        *self,
                                                         const char          *field);
gint64                 tandem_entity_get_int            (TandemEntity        *self,
                                                         const char          *field);
gboolean               tandem_entity_get_bool           (TandemEntity        *self,
                                                         const char          *field);
double                 tandem_entity_get_double         (TandemEntity        *self,
                                                         const char          *field);
const char * const    *tandem_entity_get_strv           (TandemEntity        *self,
                                                         const char          *field);

JsonObject            *tandem_entity_to_json            (TandemEntity        *self);
gboolean               tandem_entity_apply_json         (TandemEntity        *self,
                                                         JsonObject          *patch,
                                                         gboolean             allow_managed,
                                                         GError             **error);
gboolean               tandem_entity_validate           (TandemEntity        *self,
                                                         GError             **error);
TandemEntity          *tandem_entity_copy               (TandemEntity        *self);
gboolean               tandem_entity_update_from        (TandemEntity        *self,
                                                         TandemEntity        *other);

G_END_DECLS
