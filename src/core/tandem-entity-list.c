/* tandem-entity-list.c
 *
 * Holds the live rows of one entity type. A load (sync or on a worker
 * thread) fills it with one items-changed; afterwards every store change of
 * that type becomes one exact items-changed: a removal, an append, or an
 * in-place update of the same object (items-changed (pos, 1, 1) so filter
 * and sort models re-evaluate it, while views keep their widgets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-entity-list"

#include "tandem-entity-list.h"

struct _TandemEntityList
{
  GObject      parent_instance;

  TandemStore *store;
  GType        type;
  GPtrArray   *items;     /* TandemEntity */
  GHashTable  *index;     /* id → TandemEntity (borrowed from items) */
  GPtrArray   *pending;   /* changes that arrived while loading */
  gulong       changed_id;
  guint        loaded : 1;
  guint        loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemEntityList, tandem_entity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GPtrArray *rows;
  gint64     seq;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->rows, g_ptr_array_unref);
  g_free (snapshot);
}

static guint
find_position (TandemEntityList *self,
               TandemEntity     *item)
{
  guint position;

  if (!g_ptr_array_find (self->items, item, &position))
    g_assert_not_reached ();
  return position;
}

static void
apply_change (TandemEntityList *self,
              TandemChange     *change)
{
  TandemEntity *existing = g_hash_table_lookup (self->index, change->id);
  gboolean alive = change->row != NULL && !tandem_entity_get_deleted (change->row);
  guint position;

  if (existing != NULL && !alive)
    {
      position = find_position (self, existing);
      g_hash_table_remove (self->index, change->id);
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (existing != NULL)
    {
      if (tandem_entity_update_from (existing, change->row))
        {
          position = find_position (self, existing);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
    }
  else if (alive)
    {
      TandemEntity *row = g_object_ref (change->row);
      g_ptr_array_add (self->items, row);
      g_hash_table_insert (self->index, (gpointer) tandem_entity_get_id (row), row);
      g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
store_changed_cb (TandemEntityList *self,
                  TandemChange     *change,
                  TandemStore      *store)
{
  if (change->type != self->type)
    return;

  if (self->loading)
    {
      g_ptr_array_add (self->pending, tandem_change_ref (change));
      return;
    }
  if (self->loaded)
    apply_change (self, change);
}

static void
take_snapshot (TandemEntityList *self,
               Snapshot         *snapshot)
{
  guint removed = self->items->len;

  g_hash_table_remove_all (self->index);
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < snapshot->rows->len; i++)
    {
      TandemEntity *row = g_object_ref (snapshot->rows->pdata[i]);
      g_ptr_array_add (self->items, row);
      g_hash_table_insert (self->index, (gpointer) tandem_entity_get_id (row), row);
    }
  self->loaded = TRUE;
  self->loading = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);

  /* changes the snapshot did not see yet */
  for (guint i = 0; i < self->pending->len; i++)
    {
      TandemChange *change = self->pending->pdata[i];
      if (change->seq > snapshot->seq)
        apply_change (self, change);
    }
  g_ptr_array_set_size (self->pending, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static gpointer
load_func (TandemStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GType type = GPOINTER_TO_SIZE (data);
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  /* seq first: a change after it is replayed, one before it is in rows */
  snapshot->seq = tandem_store_get_last_seq (store);
  snapshot->rows = tandem_store_list (store, type, error);
  if (snapshot->rows == NULL)
    {
      snapshot_free (snapshot);
      return NULL;
    }
  return snapshot;
}

static GType
tandem_entity_list_get_item_type (GListModel *model)
{
  return TANDEM_ENTITY_LIST (model)->type;
}

static guint
tandem_entity_list_get_n_items (GListModel *model)
{
  return TANDEM_ENTITY_LIST (model)->items->len;
}

static gpointer
tandem_entity_list_get_item (GListModel *model,
                             guint       position)
{
  TandemEntityList *self = TANDEM_ENTITY_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_entity_list_get_item_type;
  iface->get_n_items = tandem_entity_list_get_n_items;
  iface->get_item = tandem_entity_list_get_item;
}

static void
tandem_entity_list_dispose (GObject *object)
{
  TandemEntityList *self = TANDEM_ENTITY_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_entity_list_parent_class)->dispose (object);
}

static void
tandem_entity_list_finalize (GObject *object)
{
  TandemEntityList *self = TANDEM_ENTITY_LIST (object);

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_entity_list_parent_class)->finalize (object);
}

static void
tandem_entity_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemEntityList *self = TANDEM_ENTITY_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_entity_list_class_init (TandemEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_entity_list_dispose;
  object_class->finalize = tandem_entity_list_finalize;
  object_class->get_property = tandem_entity_list_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_entity_list_init (TandemEntityList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_change_unref);
}

TandemEntityList *
tandem_entity_list_new (TandemStore *store,
                        GType        type)
{
  TandemEntityList *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);

  self = g_object_new (TANDEM_TYPE_ENTITY_LIST, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  return self;
}

/* Loads all live rows synchronously (CLI, tests, benchmarks). */
gboolean
tandem_entity_list_load (TandemEntityList  *self,
                         GError           **error)
{
  Snapshot *snapshot;

  g_return_val_if_fail (TANDEM_IS_ENTITY_LIST (self), FALSE);

  tandem_store_refresh (self->store);
  snapshot = load_func (self->store, GSIZE_TO_POINTER (self->type), NULL, error);
  if (snapshot == NULL)
    return FALSE;
  take_snapshot (self, snapshot);
  snapshot_free (snapshot);
  return TRUE;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TandemEntityList *self = g_task_get_source_object (task);
  GError *error = NULL;
  Snapshot *snapshot = tandem_store_run_finish (TANDEM_STORE (object), result, &error);

  if (snapshot == NULL)
    {
      self->loading = FALSE;
      g_ptr_array_set_size (self->pending, 0);
      g_task_return_error (task, error);
      return;
    }
  take_snapshot (self, snapshot);
  snapshot_free (snapshot);
  g_task_return_boolean (task, TRUE);
}

/* Loads all live rows on a worker thread. */
void
tandem_entity_list_load_async (TandemEntityList    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TANDEM_IS_ENTITY_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_entity_list_load_async);
  self->loading = TRUE;
  tandem_store_run_async (self->store, load_func, GSIZE_TO_POINTER (self->type), NULL,
                          (GDestroyNotify) snapshot_free, cancellable, load_done_cb, task);
}

gboolean
tandem_entity_list_load_finish (TandemEntityList  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tandem_entity_list_get_loaded (TandemEntityList *self)
{
  g_return_val_if_fail (TANDEM_IS_ENTITY_LIST (self), FALSE);
  return self->loaded;
}

TandemEntity *
tandem_entity_list_lookup (TandemEntityList *self,
                           const char       *id,
                           guint            *position)
{
  TandemEntity *item;

  g_return_val_if_fail (TANDEM_IS_ENTITY_LIST (self), NULL);

  item = g_hash_table_lookup (self->index, id);
  if (item != NULL && position != NULL)
    *position = find_position (self, item);
  return item;
}

TandemStore *
tandem_entity_list_get_store (TandemEntityList *self)
{
  g_return_val_if_fail (TANDEM_IS_ENTITY_LIST (self), NULL);
  return self->store;
}
