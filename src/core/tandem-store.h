/* tandem-store.h — the workspace store: one SQLite file, one write API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tandem-entity.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_STORE  (tandem_store_get_type ())
#define TANDEM_TYPE_CHANGE (tandem_change_get_type ())

G_DECLARE_FINAL_TYPE (TandemStore, tandem_store, TANDEM, STORE, GObject)

typedef enum
{
  TANDEM_WORKSPACE_LOCAL,
  TANDEM_WORKSPACE_SHARED,
} TandemWorkspaceMode;

typedef enum
{
  TANDEM_WRITE_DEFAULT = 0,
  TANDEM_WRITE_MANAGED = 1 << 0, /* core rules may set managed fields */
} TandemWriteFlags;

/* One entry of the change log, with the row as it is now (NULL if gone). */
struct _TandemChange
{
  gint64        seq;
  GType         type;
  char         *id;
  gint64        rev;
  gboolean      deleted;
  TandemEntity *row;
};

GType         tandem_change_get_type          (void) G_GNUC_CONST;
TandemChange *tandem_change_ref               (TandemChange *change);
void          tandem_change_unref             (TandemChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemChange, tandem_change_unref)

typedef gpointer (*TandemStoreFunc) (TandemStore   *store,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

char               *tandem_store_default_path   (void);
TandemStore        *tandem_store_create         (const char           *path,
                                                 TandemWorkspaceMode   mode,
                                                 GError              **error);
TandemStore        *tandem_store_open           (const char           *path,
                                                 GError              **error);
void                tandem_store_open_async     (const char           *path,
                                                 gboolean              create,
                                                 TandemWorkspaceMode   mode,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
TandemStore        *tandem_store_open_finish    (GAsyncResult         *result,
                                                 GError              **error);
const char         *tandem_store_get_path       (TandemStore          *self);
TandemWorkspaceMode tandem_store_get_mode       (TandemStore          *self);
gint64              tandem_store_get_last_seq   (TandemStore          *self);
gboolean            tandem_store_is_read_only   (TandemStore          *self);
const char         *tandem_store_get_network_fs (TandemStore          *self);

/* Reads */
TandemEntity       *tandem_store_get            (TandemStore          *self,
                                                 GType                 type,
                                                 const char           *id,
                                                 GError              **error);
GPtrArray          *tandem_store_list           (TandemStore          *self,
                                                 GType                 type,
                                                 GError              **error);
GPtrArray          *tandem_store_list_by        (TandemStore          *self,
                                                 GType                 type,
                                                 const char           *field,
                                                 const char           *value,
                                                 GError              **error);
gint64              tandem_store_count          (TandemStore          *self,
                                                 GType                 type,
                                                 GError              **error);
TandemEntity       *tandem_store_find_person    (TandemStore          *self,
                                                 const char           *id_or_name,
                                                 GError              **error);
char               *tandem_store_get_meta       (TandemStore          *self,
                                                 const char           *key);
gboolean            tandem_store_set_meta       (TandemStore          *self,
                                                 const char           *key,
                                                 const char           *value,
                                                 GError              **error);

/* Writes: each is one transaction (or a savepoint inside tandem_store_begin) */
gboolean            tandem_store_begin          (TandemStore          *self,
                                                 GError              **error);
gboolean            tandem_store_commit         (TandemStore          *self,
                                                 GError              **error);
void                tandem_store_rollback       (TandemStore          *self);
TandemEntity       *tandem_store_insert         (TandemStore          *self,
                                                 GType                 type,
                                                 JsonObject           *fields,
                                                 TandemWriteFlags      flags,
                                                 GError              **error);
TandemEntity       *tandem_store_update         (TandemStore          *self,
                                                 GType                 type,
                                                 const char           *id,
                                                 gint64                base_rev,
                                                 JsonObject           *patch,
                                                 TandemWriteFlags      flags,
                                                 GError              **error);
gboolean            tandem_store_delete         (TandemStore          *self,
                                                 GType                 type,
                                                 const char           *id,
                                                 gint64                base_rev,
                                                 GError              **error);
TandemEntity       *tandem_store_restore        (TandemStore          *self,
                                                 GType                 type,
                                                 const char           *id,
                                                 GError              **error);

/* Blobs: content-addressed, streamed in and out in chunks */
char               *tandem_store_put_blob       (TandemStore          *self,
                                                 GInputStream         *stream,
                                                 gint64                size,
                                                 const char           *mime_type,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
char               *tandem_store_put_file       (TandemStore          *self,
                                                 GFile                *file,
                                                 gint64                max_size,
                                                 gint64               *out_size,
                                                 char                **out_mime_type,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
gboolean            tandem_store_read_blob      (TandemStore          *self,
                                                 const char           *sha256,
                                                 GOutputStream        *stream,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
gint64              tandem_store_blob_size      (TandemStore          *self,
                                                 const char           *sha256);

/* Maintenance */
gboolean            tandem_store_backup         (TandemStore          *self,
                                                 const char           *dest_path,
                                                 GError              **error);
gboolean            tandem_store_check          (TandemStore          *self,
                                                 GError              **error);

/* Changes: the change log is the one source of change signals */
GPtrArray          *tandem_store_read_changes   (TandemStore          *self,
                                                 gint64                since,
                                                 guint                 limit,
                                                 GError              **error);
void                tandem_store_refresh        (TandemStore          *self);
void                tandem_store_watch          (TandemStore          *self,
                                                 guint                 interval_ms);

/* Run blocking work on a worker thread; changes it made are emitted on the
 * store's main context before @callback runs. */
void                tandem_store_run_async      (TandemStore          *self,
                                                 TandemStoreFunc       func,
                                                 gpointer              data,
                                                 GDestroyNotify        data_destroy,
                                                 GDestroyNotify        result_destroy,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gpointer            tandem_store_run_finish     (TandemStore          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
