/* tandem-entity.c — generic fields for every row type
 *
 * Each subclass describes its fields once in a TandemFieldInfo table; this
 * base class turns that table into GObject properties (so widgets can bind
 * to them), and the store and the JSON codec read the same table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-entity"

#include <string.h>

#include "tandem-asset.h"
#include "tandem-asset-version.h"
#include "tandem-campaign.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-person.h"

typedef struct
{
  char     *id;
  gint64    rev;
  char     *created_at;
  char     *updated_at;
  gboolean  deleted;
  GValue   *values;
} TandemEntityPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TandemEntity, tandem_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GValue *
get_values (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (self);

  if (priv->values == NULL && klass->n_fields > 0)
    {
      priv->values = g_new0 (GValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        tandem_field_value_init (&klass->fields[i], &priv->values[i]);
    }
  return priv->values;
}

GValue *
_tandem_entity_peek_values (TandemEntity *self)
{
  return get_values (self);
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  TandemEntity *self = TANDEM_ENTITY (object);
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (self);

  g_assert (prop_id >= 1 && prop_id <= klass->n_fields);
  g_value_copy (&get_values (self)[prop_id - 1], value);
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  tandem_entity_set_value (TANDEM_ENTITY (object), prop_id - 1, value);
}

static void
tandem_entity_finalize (GObject *object)
{
  TandemEntity *self = TANDEM_ENTITY (object);
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->created_at, g_free);
  g_clear_pointer (&priv->updated_at, g_free);
  if (priv->values != NULL)
    {
      for (guint i = 0; i < klass->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_clear_pointer (&priv->values, g_free);
    }

  G_OBJECT_CLASS (tandem_entity_parent_class)->finalize (object);
}

static void
tandem_entity_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TandemEntity *self = TANDEM_ENTITY (object);
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_REV:
      g_value_set_int64 (value, priv->rev);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, priv->deleted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_entity_class_init (TandemEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_entity_finalize;
  object_class->get_property = tandem_entity_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_entity_init (TandemEntity *self)
{
}

void
_tandem_entity_class_install_fields (TandemEntityClass     *klass,
                                     const char            *name,
                                     const char            *collection,
                                     const char            *order_by,
                                     const TandemFieldInfo *fields,
                                     guint                  n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->name = name;
  klass->collection = collection;
  klass->order_by = order_by;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->pspecs = g_new0 (GParamSpec *, n_fields);
  klass->field_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_fields; i++)
    g_hash_table_insert (klass->field_index, (gpointer) fields[i].name, GUINT_TO_POINTER (i + 1));

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const TandemFieldInfo *info = &fields[i];
      g_autofree char *prop_name = g_strdelimit (g_strdup (info->name), "_", '-');
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;
      GParamSpec *pspec;

      switch (tandem_field_value_type (info))
        {
        case G_TYPE_INT64:
          pspec = g_param_spec_int64 (prop_name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case G_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (prop_name, NULL, NULL, FALSE, flags);
          break;
        case G_TYPE_DOUBLE:
          pspec = g_param_spec_double (prop_name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case G_TYPE_STRING:
          pspec = g_param_spec_string (prop_name, NULL, NULL, NULL, flags);
          break;
        default:
          pspec = g_param_spec_boxed (prop_name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        }
      klass->pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

const GType *
tandem_entity_types (guint *n_types)
{
  static GType types[7];

  if (types[0] == 0)
    {
      types[0] = TANDEM_TYPE_PERSON;
      types[1] = TANDEM_TYPE_CAMPAIGN;
      types[2] = TANDEM_TYPE_EVENT;
      types[3] = TANDEM_TYPE_ASSET;
      types[4] = TANDEM_TYPE_ASSET_VERSION;
      types[5] = TANDEM_TYPE_COMMENT;
      types[6] = TANDEM_TYPE_DECISION;
    }
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);
  return types;
}

/* "campaign" or "campaigns" → TANDEM_TYPE_CAMPAIGN; G_TYPE_INVALID otherwise. */
GType
tandem_entity_type_from_name (const char *name)
{
  guint n;
  const GType *types = tandem_entity_types (&n);

  for (guint i = 0; name != NULL && i < n; i++)
    {
      g_autoptr(TandemEntityClass) klass = g_type_class_ref (types[i]);
      if (g_str_equal (klass->name, name) || g_str_equal (klass->collection, name))
        return types[i];
    }
  return G_TYPE_INVALID;
}

const TandemFieldInfo *
tandem_entity_class_lookup_field (TandemEntityClass *klass,
                                  const char        *name,
                                  guint             *index)
{
  guint i;

  g_return_val_if_fail (TANDEM_IS_ENTITY_CLASS (klass), NULL);

  /* rows are read by field name in sort and filter functions: no scan */
  if (name == NULL || klass->field_index == NULL ||
      (i = GPOINTER_TO_UINT (g_hash_table_lookup (klass->field_index, name))) == 0)
    return NULL;
  if (index != NULL)
    *index = i - 1;
  return &klass->fields[i - 1];
}

TandemEntity *
tandem_entity_new (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);

  return g_object_new (type, NULL);
}

const char *
tandem_entity_get_id (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);
  return priv->id;
}

gint64
tandem_entity_get_rev (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), 0);
  return priv->rev;
}

const char *
tandem_entity_get_created_at (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);
  return priv->created_at;
}

const char *
tandem_entity_get_updated_at (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);
  return priv->updated_at;
}

gboolean
tandem_entity_get_deleted (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), FALSE);
  return priv->deleted;
}

const char *
tandem_entity_get_kind_name (TandemEntity *self)
{
  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);
  return TANDEM_ENTITY_GET_CLASS (self)->name;
}

void
_tandem_entity_set_meta (TandemEntity *self,
                         const char   *id,
                         gint64        rev,
                         const char   *created_at,
                         const char   *updated_at,
                         gboolean      deleted)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);

  if (g_strcmp0 (priv->id, id) != 0)
    {
      g_free (priv->id);
      priv->id = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  if (priv->rev != rev)
    {
      priv->rev = rev;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REV]);
    }
  if (g_strcmp0 (priv->created_at, created_at) != 0)
    {
      g_free (priv->created_at);
      priv->created_at = g_strdup (created_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }
  if (g_strcmp0 (priv->updated_at, updated_at) != 0)
    {
      g_free (priv->updated_at);
      priv->updated_at = g_strdup (updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
  if (priv->deleted != !!deleted)
    {
      priv->deleted = !!deleted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
    }
}

const GValue *
tandem_entity_get_value (TandemEntity *self,
                         guint         index)
{
  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);
  g_return_val_if_fail (index < TANDEM_ENTITY_GET_CLASS (self)->n_fields, NULL);

  return &get_values (self)[index];
}

/* Sets field @index; notifies only on a real change. Returns whether it changed. */
gboolean
tandem_entity_set_value (TandemEntity *self,
                         guint         index,
                         const GValue *value)
{
  TandemEntityClass *klass;
  GValue *slot;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), FALSE);
  klass = TANDEM_ENTITY_GET_CLASS (self);
  g_return_val_if_fail (index < klass->n_fields, FALSE);

  slot = &get_values (self)[index];
  if (tandem_field_value_equal (&klass->fields[index], slot, value))
    return FALSE;

  g_value_copy (value, g_value_reset (slot));
  g_object_notify_by_pspec (G_OBJECT (self), klass->pspecs[index]);
  return TRUE;
}

static const GValue *
lookup_value (TandemEntity *self,
              const char   *field,
              GType         type)
{
  guint index;

  if (tandem_entity_class_lookup_field (TANDEM_ENTITY_GET_CLASS (self), field, &index) == NULL)
    {
      g_critical ("%s has no field %s", G_OBJECT_TYPE_NAME (self), field);
      return NULL;
    }
  if (G_VALUE_TYPE (&get_values (self)[index]) != type)
    {
      g_critical ("%s.%s is not a %s", G_OBJECT_TYPE_NAME (self), field, g_type_name (type));
      return NULL;
    }
  return &get_values (self)[index];
}

const char *
tandem_entity_get_string (TandemEntity *self,
                          const char   *field)
{
  const GValue *v = lookup_value (self, field, G_TYPE_STRING);
  return v ? g_value_get_string (v) : NULL;
}

gint64
tandem_entity_get_int (TandemEntity *self,
                       const char   *field)
{
  const GValue *v = lookup_value (self, field, G_TYPE_INT64);
  return v ? g_value_get_int64 (v) : 0;
}

gboolean
tandem_entity_get_bool (TandemEntity *self,
                        const char   *field)
{
  const GValue *v = lookup_value (self, field, G_TYPE_BOOLEAN);
  return v ? g_value_get_boolean (v) : FALSE;
}

double
tandem_entity_get_double (TandemEntity *self,
                          const char   *field)
{
  const GValue *v = lookup_value (self, field, G_TYPE_DOUBLE);
  return v ? g_value_get_double (v) : 0.0;
}

const char * const *
tandem_entity_get_strv (TandemEntity *self,
                        const char   *field)
{
  static const char * const empty[] = { NULL };
  const GValue *v = lookup_value (self, field, G_TYPE_STRV);
  return v && g_value_get_boxed (v) ? g_value_get_boxed (v) : empty;
}

JsonObject *
tandem_entity_to_json (TandemEntity *self)
{
  TandemEntityPrivate *priv = tandem_entity_get_instance_private (self);
  TandemEntityClass *klass;
  JsonObject *object;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);

  klass = TANDEM_ENTITY_GET_CLASS (self);
  object = json_object_new ();
  json_object_set_string_member (object, "id", priv->id);
  json_object_set_int_member (object, "rev", priv->rev);
  json_object_set_string_member (object, "created_at", priv->created_at);
  json_object_set_string_member (object, "updated_at", priv->updated_at);
  for (guint i = 0; i < klass->n_fields; i++)
    json_object_set_member (object, klass->fields[i].name,
                            tandem_field_value_to_json (&klass->fields[i], &get_values (self)[i]));
  return object;
}

/* Applies @patch (JSON field names → values) to @self: every member is
 * checked first, so either all of it applies or nothing does. The generic
 * members id, rev, created_at and updated_at are ignored (the store owns
 * them); managed fields are refused unless @allow_managed. */
gboolean
tandem_entity_apply_json (TandemEntity  *self,
                          JsonObject    *patch,
                          gboolean       allow_managed,
                          GError       **error)
{
  TandemEntityClass *klass;
  g_autoptr(GList) members = NULL;
  g_autofree GValue *values = NULL;
  g_autofree guint *indexes = NULL;
  guint n = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);

  klass = TANDEM_ENTITY_GET_CLASS (self);
  members = json_object_get_members (patch);
  values = g_new0 (GValue, g_list_length (members) + 1);
  indexes = g_new0 (guint, g_list_length (members) + 1);

  for (const GList *l = members; l != NULL && ok; l = l->next)
    {
      const char *name = l->data;
      const TandemFieldInfo *info;
      guint index;

      if (g_str_equal (name, "id") || g_str_equal (name, "rev") ||
          g_str_equal (name, "created_at") || g_str_equal (name, "updated_at"))
        continue;

      info = tandem_entity_class_lookup_field (klass, name, &index);
      if (info == NULL)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s has no field “%s”", klass->name, name);
          ok = FALSE;
          break;
        }
      if ((info->flags & TANDEM_FIELD_MANAGED) && !allow_managed)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s.%s is set by the review rules, not directly", klass->name, name);
          ok = FALSE;
          break;
        }

      g_value_init (&values[n], tandem_field_value_type (info));
      indexes[n] = index;
      n++;
      ok = tandem_field_value_from_json (info, json_object_get_member (patch, name), &values[n - 1], error);
    }

  if (ok)
    {
      g_object_freeze_notify (G_OBJECT (self));
      for (guint i = 0; i < n; i++)
        tandem_entity_set_value (self, indexes[i], &values[i]);
      g_object_thaw_notify (G_OBJECT (self));
    }

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return ok;
}

gboolean
tandem_entity_validate (TandemEntity  *self,
                        GError       **error)
{
  TandemEntityClass *klass;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), FALSE);

  klass = TANDEM_ENTITY_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    if (!tandem_field_check (&klass->fields[i], &get_values (self)[i], error))
      return FALSE;

  return klass->validate == NULL || klass->validate (self, error);
}

TandemEntity *
tandem_entity_copy (TandemEntity *self)
{
  TandemEntity *copy;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), NULL);

  copy = tandem_entity_new (G_OBJECT_TYPE (self));
  tandem_entity_update_from (copy, self);
  return copy;
}

/* Makes @self equal to @other (same type), notifying what changed. */
gboolean
tandem_entity_update_from (TandemEntity *self,
                           TandemEntity *other)
{
  TandemEntityPrivate *opriv = tandem_entity_get_instance_private (other);
  TandemEntityClass *klass;
  gboolean changed = FALSE;
  gint64 old_rev;

  g_return_val_if_fail (TANDEM_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other), FALSE);

  klass = TANDEM_ENTITY_GET_CLASS (self);
  old_rev = tandem_entity_get_rev (self);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < klass->n_fields; i++)
    changed |= tandem_entity_set_value (self, i, &get_values (other)[i]);
  _tandem_entity_set_meta (self, opriv->id, opriv->rev, opriv->created_at, opriv->updated_at, opriv->deleted);
  g_object_thaw_notify (G_OBJECT (self));

  return changed || old_rev != opriv->rev;
}

/**
 * tandem_entity_compare_created:
 *
 * A #GCompareFunc for a #GPtrArray of rows: oldest first, ties by id, so
 * every list shows rows of the same time in the same order.
 */
int
tandem_entity_compare_created (gconstpointer a,
                               gconstpointer b)
{
  TandemEntity *x = *(TandemEntity * const *) a;
  TandemEntity *y = *(TandemEntity * const *) b;
  int order = g_strcmp0 (tandem_entity_get_created_at (x), tandem_entity_get_created_at (y));

  return order != 0 ? order : g_strcmp0 (tandem_entity_get_id (x), tandem_entity_get_id (y));
}
