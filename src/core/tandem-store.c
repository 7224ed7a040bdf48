/* tandem-store.c — the workspace store
 *
 * One SQLite connection guarded by a recursive mutex, so the store can be
 * used from worker threads (the GUI's GTasks, the server's handlers). Every
 * write runs in one BEGIN IMMEDIATE transaction (or a savepoint inside an
 * open one) that bumps rev, sets updated_at, records per-field revisions and
 * appends to change_log. Change signals are emitted only from the change
 * log, for our own writes and for other processes' alike.
 *
 * SQL text is built only from the compiled-in field tables (identifiers);
 * every value is bound to a prepared statement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-store"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-fs.h"
#include "tandem-person.h"
#include "tandem-schema.h"
#include "tandem-store-private.h"
#include "tandem-store.h"
#include "tandem-store-private.h"
#include "tandem-util.h"

#define BLOB_CHUNK (256 * 1024)
#define TANDEM_STORE_BUSY_TIMEOUT_MS 5000

struct _TandemStore
{
  GObject              parent_instance;

  char                *path;
  sqlite3             *db;
  GRecMutex            mutex;
  GHashTable          *statements;  /* SQL text → sqlite3_stmt */
  TandemWorkspaceMode  mode;
  guint                depth;       /* open transaction/savepoint levels */
  gboolean             failed;      /* a nested write failed: the batch must roll back */

  GMainContext        *context;     /* where signals are emitted */
  GThread             *owner;
  gint64               last_seen;   /* last change_log seq emitted */
  gint64               data_version;
  guint                watch_id;
  gboolean             refreshing;
  gboolean             read_only;
  gboolean             disk_full;    /* read-only because the disk is full */
  const char          *network_fs;  /* "NFS", "SMB/CIFS", … or NULL */
};

G_DEFINE_FINAL_TYPE (TandemStore, tandem_store, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (TandemChange, tandem_change, tandem_change_ref, tandem_change_unref)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef sqlite3_stmt CachedStmt;

static void
cached_stmt_release (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, cached_stmt_release)

typedef GRecMutex StoreLock;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreLock, g_rec_mutex_unlock)

static StoreLock *
store_lock (TandemStore *self)
{
  g_rec_mutex_lock (&self->mutex);
  return &self->mutex;
}

/* TandemChange */

static void
change_free (TandemChange *change)
{
  g_free (change->id);
  g_clear_object (&change->row);
}

TandemChange *
tandem_change_ref (TandemChange *change)
{
  return g_atomic_rc_box_acquire (change);
}

void
tandem_change_unref (TandemChange *change)
{
  g_atomic_rc_box_release_full (change, (GDestroyNotify) change_free);
}

/* Errors */

static gboolean
set_sqlite_error (TandemStore  *self,
                  int           rc,
                  GError      **error)
{
  const char *message = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  /* the system's errno is that of the last I/O error: only one says it */
  int sys = self->db && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_FULL)
    ? sqlite3_system_errno (self->db) : 0;

  /* An I/O error says little; the system's errno says what happened (a
   * full disk while the WAL or its index grows, a folder that became
   * read-only so the journal cannot be deleted) */
  if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN)
    {
      if (sys == ENOSPC || sys == EDQUOT)
        rc = SQLITE_FULL;
      else if (sys == EACCES || sys == EPERM || sys == EROFS || sys == EBADF || rc == SQLITE_IOERR_DELETE)
        {
          /* the file, or the journal beside it, could not be written, made
           * or removed */
          rc = SQLITE_READONLY;
          message = "the file or its folder cannot be written";
        }
    }

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT,
                   "the workspace %s is damaged or truncated (%s)", self->path, message);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      if (rc == SQLITE_READONLY_ROLLBACK)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                     "the last write to %s was interrupted and its folder cannot be written now: Tandem needs "
                     "write access once to finish it (nothing is lost)", self->path);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                     "the workspace %s cannot be written (%s)", self->path, message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      {
        g_autofree char *holders = _tandem_describe_file_users (self->path);
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_BUSY,
                     "the workspace %s is busy: another program has held it locked for more than %d s%s%s; "
                     "nothing was changed, try again",
                     self->path, TANDEM_STORE_BUSY_TIMEOUT_MS / 1000, holders ? " — open in " : "",
                     holders ? holders : "");
      }
      break;
    case SQLITE_FULL:
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_SPACE, "the disk is full (%s)", self->path);
      break;
    default:
      if (sys != 0)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "workspace error: %s (%s; SQLite code %d)", message,
                     g_strerror (sys), rc);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "workspace error: %s (SQLite code %d)", message, rc);
      break;
    }
  return FALSE;
}

static gboolean
exec_sql (TandemStore  *self,
          const char   *sql,
          GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || set_sqlite_error (self, rc, error);
}

static CachedStmt *
prepare (TandemStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static int
step (CachedStmt *stmt)
{
  return sqlite3_step (stmt);
}

/* SQL built from the compiled-in field tables */

static const char *
class_sql (TandemStore       *self,
           TandemEntityClass *klass,
           const char        *what)
{
  g_autofree char *key = g_strconcat (klass->name, ":", what, NULL);
  const char *cached = g_object_get_data (G_OBJECT (self), key);
  GString *sql;

  if (cached != NULL)
    return cached;

  sql = g_string_new (NULL);
  if (g_str_equal (what, "select"))
    {
      g_string_append (sql, "SELECT \"id\", \"rev\", \"created_at\", \"updated_at\", \"deleted\"");
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\"", klass->fields[i].name);
      g_string_append_printf (sql, " FROM \"%s\"", klass->name);
    }
  else if (g_str_equal (what, "insert"))
    {
      g_string_append_printf (sql, "INSERT INTO \"%s\" (\"id\", \"rev\", \"created_at\", \"updated_at\", \"deleted\"",
                              klass->name);
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\"", klass->fields[i].name);
      g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }
  else if (g_str_equal (what, "update"))
    {
      g_string_append_printf (sql, "UPDATE \"%s\" SET \"rev\" = ?2, \"updated_at\" = ?3, \"deleted\" = ?4", klass->name);
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\" = ?%u", klass->fields[i].name, i + 5);
      g_string_append (sql, " WHERE \"id\" = ?1");
    }
  else if (g_str_equal (what, "exists"))
    g_string_append_printf (sql, "SELECT 1 FROM \"%s\" WHERE \"id\" = ? AND \"deleted\" = 0", klass->name);
  else if (g_str_equal (what, "count"))
    g_string_append_printf (sql, "SELECT count(*) FROM \"%s\" WHERE \"deleted\" = 0", klass->name);
  else
    g_assert_not_reached ();

  g_object_set_data_full (G_OBJECT (self), key, sql->str, g_free);
  return g_string_free (sql, FALSE);
}

static TandemEntity *
read_row (TandemEntityClass *klass,
          sqlite3_stmt      *stmt)
{
  TandemEntity *entity = tandem_entity_new (G_TYPE_FROM_CLASS (klass));
  GValue *values = _tandem_entity_peek_values (entity);

  _tandem_entity_set_meta (entity,
                           (const char *) sqlite3_column_text (stmt, 0),
                           sqlite3_column_int64 (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2),
                           (const char *) sqlite3_column_text (stmt, 3),
                           sqlite3_column_int (stmt, 4));
  for (guint i = 0; i < klass->n_fields; i++)
    tandem_field_value_read (&klass->fields[i], stmt, i + 5, &values[i]);
  return entity;
}

static void
bind_row (TandemEntityClass *klass,
          sqlite3_stmt      *stmt,
          TandemEntity      *entity,
          int                first)
{
  for (guint i = 0; i < klass->n_fields; i++)
    tandem_field_value_bind (&klass->fields[i], stmt, first + i, tandem_entity_get_value (entity, i));
}

/* GObject */

static void
tandem_store_finalize (GObject *object)
{
  TandemStore *self = TANDEM_STORE (object);

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tandem_store_parent_class)->finalize (object);
}

static void
tandem_store_class_init (TandemStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_store_finalize;

  /* tandem-file-lock.c installs itself before main(); this also keeps it
   * linked into every program that uses the store. */
  if (!_tandem_file_locks_are_private ())
    g_debug ("SQLite's locks are classic POSIX locks here: other code must not open the workspace file");

  /**
   * TandemStore::changed:
   * @change: the change log entry with the row as it is now
   *
   * Emitted on the store's main context for every change, ours or another
   * process's, in change-log order.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  TANDEM_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tandem_store_init (TandemStore *self)
{
  g_rec_mutex_init (&self->mutex);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
}

/* Opening */

char *
tandem_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tandem", "default.tandem", NULL);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Reads the 100-byte SQLite header with plain file I/O: nothing is written
 * and SQLite never sees a file that is not ours. */
static void
set_too_new_error (GError     **error,
                   const char  *path,
                   guint32      version)
{
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_TOO_NEW,
               "%s was written by a newer version of Tandem (format %u; this version reads up to %d)",
               path, version, TANDEM_SCHEMA_VERSION);
}

static gboolean
validate_header (const char  *path,
                 gboolean    *out_wal,
                 GError     **error)
{
  guint8 header[100];
  GStatBuf st;
  FILE *fp;
  size_t n;
  guint32 page_size, app_id, user_version;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, TANDEM_ERROR, saved == ENOENT ? TANDEM_ERROR_NO_FILE : TANDEM_ERROR_FAILED,
                   "cannot open %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE, "%s is not a file", path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE,
                   "%s is empty: it is not a Tandem workspace", path);
      return FALSE;
    }

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot read %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, fp);
  fclose (fp);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE,
                   "%s is not a Tandem workspace", path);
      return FALSE;
    }

  app_id = read_be32 (header + 68);
  user_version = read_be32 (header + 60);
  if (app_id != TANDEM_APPLICATION_ID)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE,
                   "%s is an SQLite database of another program, not a Tandem workspace", path);
      return FALSE;
    }
  if (user_version > TANDEM_SCHEMA_VERSION)
    {
      set_too_new_error (error, path, user_version);
      return FALSE;
    }

  /* The page count in the header is not compared with the file size here:
   * without SQLite's lock a writer may have written page 1 and not yet
   * grown the file (a commit, a checkpoint), and a file whose writer died
   * in that moment is one that SQLite recovers from its journal. SQLite
   * itself checks the size against the header under its lock and reports
   * a truly truncated file as damaged. */
  /* file format read/write versions 2: WAL */
  if (out_wal != NULL)
    *out_wal = header[18] == 2;
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT, "%s is damaged (page size %u)", path, page_size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_FILE, "the folder %s does not exist", dir);
      return FALSE;
    }
  if (exists && g_access (path, W_OK) != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                   "%s is read-only: Tandem needs to write to its workspace", path);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                   "the folder %s is read-only: Tandem needs to write beside its workspace", dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (TandemStore  *self,
                      GError      **error)
{
  /* Shared: a rollback journal that is emptied, not deleted, at commit. A
   * commit then never needs to change the folder: when the folder turns
   * read-only in the middle of a write (a share remounted, permissions
   * changed), the write still commits or fails whole, and no hot journal
   * is left that only write access to the folder could play back. */
  const char *pragmas = self->mode == TANDEM_WORKSPACE_SHARED
    ? "PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = FULL;"
    : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

  sqlite3_busy_timeout (self->db, TANDEM_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  return (self->read_only || exec_sql (self, pragmas, error)) &&
         /* a 16 MB page cache at most: a large import in one transaction
          * does not spill pages again and again */
         exec_sql (self, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;", error);
}

/* One integer read; a failure (busy, damaged) is an error, never a value
 * that looks like an answer */
static gboolean
query_int_checked (TandemStore  *self,
                   const char   *sql,
                   gint64       *out,
                   GError      **error)
{
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = step (stmt)) != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* query_int_checked() where a failure may read as @fallback */
static gint64
query_int (TandemStore *self,
           const char  *sql,
           gint64       fallback)
{
  gint64 value;

  return query_int_checked (self, sql, &value, NULL) ? value : fallback;
}

/* Puts the finished file @tmp at @path unless something is there already */
static gboolean
publish_file (const char  *tmp,
              const char  *path,
              GError     **error)
{
  int saved;

  if (link (tmp, path) == 0)
    {
      g_unlink (tmp);
      return TRUE;
    }
  saved = errno;
  /* filesystems without hard links (FAT, some network shares) */
  if ((saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS) && !g_file_test (path, G_FILE_TEST_EXISTS) &&
      g_rename (tmp, path) == 0)
    return TRUE;
  if (saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS)
    saved = g_file_test (path, G_FILE_TEST_EXISTS) ? EEXIST : errno;
  g_unlink (tmp);
  if (saved == EEXIST)
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS, "%s already exists", path);
  else
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot create %s: %s", path, g_strerror (saved));
  return FALSE;
}

/* The workspace is made complete under a temporary name beside @path and
 * only then linked into place: nobody ever opens a half-made workspace, a
 * process killed while creating leaves nothing at @path, and of two
 * processes creating the same path one is told it exists. */
TandemStore *
tandem_store_create (const char           *path,
                     TandemWorkspaceMode   mode,
                     GError              **error)
{
  g_autoptr(TandemStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *tmp = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS, "%s already exists", path);
      return NULL;
    }
  if (!check_writable (path, FALSE, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  uuid = g_uuid_string_random ();
  uuid[8] = '\0';
  tmp = g_strdup_printf ("%s/.%s.%s.tmp", dir, base, uuid);

  self = g_object_new (TANDEM_TYPE_STORE, NULL);
  self->path = g_strdup (tmp);
  self->mode = mode;

  rc = sqlite3_open_v2 (tmp, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE |
                        SQLITE_OPEN_FULLMUTEX, NULL);
  /* The schema, application_id, user_version and mode in one rollback
   * journal transaction; WAL is switched on by the open below. */
  ok = rc == SQLITE_OK || set_sqlite_error (self, rc, error);
  ok = ok && exec_sql (self, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE", error) &&
       _tandem_schema_create (self->db, error) &&
       tandem_store_set_meta (self, "mode", mode == TANDEM_WORKSPACE_SHARED ? "shared" : "local", error) &&
       exec_sql (self, "COMMIT", error);
  g_hash_table_remove_all (self->statements);
  rc = sqlite3_close (self->db);
  self->db = NULL;
  if (!ok || rc != SQLITE_OK)
    {
      if (ok)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot create %s: %s", path, sqlite3_errstr (rc));
      g_unlink (tmp);
      {
        g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);
        g_unlink (journal);
      }
      return NULL;
    }
  if (!publish_file (tmp, path, error))
    return NULL;

  return tandem_store_open (path, error);
}

/* A workspace that cannot be written (mode 0444, a read-only folder or
 * medium) is opened read-only: it can be viewed, and every write says why
 * not. A read-only connection to a WAL file would leave a -wal and -shm
 * beside it (or fail where they cannot be made); when no WAL holds data
 * not yet in the main file, the file is read as immutable instead, which
 * needs neither. A shared (rollback journal) file is read normally: other
 * desktops may be writing it. */
static int
open_connection (TandemStore *self,
                 gboolean     read_only,
                 gboolean     wal)
{
  int flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_FULLMUTEX;
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  if (!read_only)
    return sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_READWRITE, NULL);
  if (wal && (g_stat (wal_path, &st) != 0 || st.st_size == 0))
    {
      g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      return sqlite3_open_v2 (immutable, &self->db, flags | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  return sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_READONLY, NULL);
}

TandemStore *
tandem_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(TandemStore) self = NULL;
  g_autoptr(GError) not_writable = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *mode = NULL;
  gboolean wal = FALSE;
  gint64 value;
  int rc;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  if (!validate_header (path, &wal, error))
    return NULL;
  if (!check_writable (path, TRUE, &not_writable))
    {
      if (!g_error_matches (not_writable, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY))
        {
          g_propagate_error (error, g_steal_pointer (&not_writable));
          return NULL;
        }
      g_debug ("%s: opening read-only", not_writable->message);
    }

  self = g_object_new (TANDEM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = not_writable != NULL;
  self->network_fs = tandem_fs_network_kind (path);

  if ((rc = open_connection (self, self->read_only, wal)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, TANDEM_STORE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  /* SQLite opens a file that stopped being writable since the check above
   * read-only, silently */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;

  /* The header check above reads the main file only; what SQLite sees
   * includes a WAL another process has not checkpointed yet. Reading
   * writes nothing (SQLite may roll back a journal that a writer killed
   * mid-commit left behind: that is recovery of our own file). A busy or
   * damaged file is said to be so, not "not a workspace". */
  if (!query_int_checked (self, "PRAGMA application_id", &value, &local))
    {
      /* A full disk leaves no room for the WAL's index (-shm) that even
       * reading needs: the workspace is then opened for viewing. */
      if (!g_error_matches (local, TANDEM_ERROR, TANDEM_ERROR_NO_SPACE) || self->read_only)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_debug ("%s: opening read-only", local->message);
      g_clear_error (&local);
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      self->read_only = self->disk_full = TRUE;
      if ((rc = open_connection (self, TRUE, wal)) != SQLITE_OK)
        {
          set_sqlite_error (self, rc, error);
          return NULL;
        }
      sqlite3_busy_timeout (self->db, TANDEM_STORE_BUSY_TIMEOUT_MS);
      sqlite3_extended_result_codes (self->db, 1);
      if (!query_int_checked (self, "PRAGMA application_id", &value, error))
        return NULL;
    }
  if (value != TANDEM_APPLICATION_ID)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE, "%s is not a Tandem workspace", path);
      return NULL;
    }
  if (!query_int_checked (self, "PRAGMA user_version", &value, error))
    return NULL;
  version = (int) value;
  if (version > TANDEM_SCHEMA_VERSION)
    {
      set_too_new_error (error, path, (guint32) version);
      return NULL;
    }

  /* Read the mode before choosing the journal: reading writes nothing. */
  mode = tandem_store_get_meta (self, "mode");
  if (mode == NULL)
    {
      if (!query_int_checked (self, "SELECT count(*) FROM sqlite_schema", &value, error))
        return NULL;
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT,
                     "%s is damaged: its workspace settings are missing", path);
      return NULL;
    }
  self->mode = g_str_equal (mode, "shared") ? TANDEM_WORKSPACE_SHARED : TANDEM_WORKSPACE_LOCAL;

  if (!configure_connection (self, error))
    return NULL;

  if (version < TANDEM_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                       "%s was saved by an older version of Tandem and is read-only: "
                       "it must be updated once, which needs write access", path);
          return NULL;
        }
      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (!_tandem_schema_migrate (self->db, version, error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return NULL;
        }
      if (!exec_sql (self, "COMMIT", error))
        return NULL;
    }

  if (!query_int_checked (self, "SELECT coalesce(max(seq), 0) FROM change_log", &self->last_seen, error) ||
      !query_int_checked (self, "PRAGMA data_version", &self->data_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char                *path;
  gboolean             create;
  TandemWorkspaceMode  mode;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  TandemStore *store = data->create
    ? tandem_store_create (data->path, data->mode, &error)
    : tandem_store_open (data->path, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Opens (or, with @create, creates) a workspace on a worker thread. The
 * store then belongs to the thread that called this: its signals are
 * emitted on that thread's main context. */
void
tandem_store_open_async (const char          *path,
                         gboolean             create,
                         TandemWorkspaceMode  mode,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_open_async);
  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->create = create;
  data->mode = mode;
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

TandemStore *
tandem_store_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  TandemStore *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL)
    {
      g_main_context_unref (self->context);
      self->context = g_main_context_ref_thread_default ();
      self->owner = g_thread_self ();
    }
  return self;
}

const char *
tandem_store_get_path (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->path;
}

TandemWorkspaceMode
tandem_store_get_mode (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), TANDEM_WORKSPACE_LOCAL);
  return self->mode;
}

/* TRUE when the workspace could only be opened for reading: writes fail
 * with TANDEM_ERROR_READ_ONLY. */
gboolean
tandem_store_is_read_only (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  return self->read_only;
}

/* "NFS", "SMB/CIFS", "FUSE", … when the workspace is on a filesystem whose
 * locking SQLite cannot rely on (see tandem-fs.c), else NULL. */
const char *
tandem_store_get_network_fs (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->network_fs;
}

gint64
tandem_store_get_last_seq (TandemStore *self)
{
  g_autoptr(StoreLock) lock = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);
  lock = store_lock (self);
  return query_int (self, "SELECT coalesce(max(seq), 0) FROM change_log", 0);
}

/* Meta */

char *
tandem_store_get_meta (TandemStore *self,
                       const char  *key)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  lock = store_lock (self);
  stmt = prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Reads */

static TandemEntity *
get_row (TandemStore  *self,
         GType         type,
         const char   *id,
         gboolean      include_deleted,
         GError      **error)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autofree char *sql = g_strconcat (class_sql (self, klass, "select"), " WHERE \"id\" = ?", NULL);
  g_autoptr(CachedStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = step (stmt);
  if (rc == SQLITE_ROW && (include_deleted || sqlite3_column_int (stmt, 4) == 0))
    return read_row (klass, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  else
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "no %s with id %s", klass->name, id);
  return NULL;
}

TandemEntity *
tandem_store_get (TandemStore  *self,
                  GType         type,
                  const char   *id,
                  GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  lock = store_lock (self);
  return get_row (self, type, id, FALSE, error);
}

/* Every row @stmt yields */
static GPtrArray *
read_rows (TandemStore        *self,
           TandemEntityClass  *klass,
           sqlite3_stmt       *stmt,
           GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (klass, stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
list_rows (TandemStore  *self,
           GType         type,
           const char   *field,
           const char   *value,
           GError      **error)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autoptr(StoreLock) lock = store_lock (self);
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (field != NULL && tandem_entity_class_lookup_field (klass, field, NULL) == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s has no field “%s”", klass->name, field);
      return NULL;
    }

  /* The rows with one value of @field are few: the index on @field finds
   * them and they are sorted after. "+" keeps the ORDER BY from choosing
   * an index that serves the order instead (event_range: deleted,
   * start_ts), with which SQLite walked every row of the table for each
   * lookup (a calendar import slowed down quadratically). */
  if (field != NULL)
    {
      g_auto(GStrv) terms = g_strsplit (klass->order_by, ",", -1);
      g_autoptr(GString) order = g_string_new (NULL);

      for (guint i = 0; terms[i] != NULL; i++)
        g_string_append_printf (order, "%s+%s", i ? ", " : "", g_strstrip (terms[i]));
      sql = g_strdup_printf ("%s WHERE \"deleted\" = 0 AND \"%s\" = ? ORDER BY %s",
                             class_sql (self, klass, "select"), field, order->str);
    }
  else
    /* "+deleted": a whole listing scans the table and sorts once, faster
     * than walking an index with a row lookup for each entry */
    sql = g_strdup_printf ("%s WHERE +\"deleted\" = 0 ORDER BY %s", class_sql (self, klass, "select"), klass->order_by);

  if ((stmt = prepare (self, sql, error)) == NULL)
    return NULL;
  if (field != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  return read_rows (self, klass, stmt, error);
}

GPtrArray *
tandem_store_list (TandemStore  *self,
                   GType         type,
                   GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);

  return list_rows (self, type, NULL, NULL, error);
}

/* Live rows whose @field equals @value (compared as text). */
GPtrArray *
tandem_store_list_by (TandemStore  *self,
                      GType         type,
                      const char   *field,
                      const char   *value,
                      GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return list_rows (self, type, field, value, error);
}

gint64
tandem_store_count (TandemStore  *self,
                    GType         type,
                    GError      **error)
{
  g_autoptr(TandemEntityClass) klass = NULL;
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), -1);

  klass = g_type_class_ref (type);
  lock = store_lock (self);
  if ((stmt = prepare (self, class_sql (self, klass, "count"), error)) == NULL)
    return -1;
  if ((rc = step (stmt)) != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Live rows matching @where, a condition written in core (never user
 * text), with @params bound in order (gint64 or string GValues), through
 * the index @indexed_by if not NULL. For the calendar's range queries. */
GPtrArray *
_tandem_store_list_where (TandemStore   *self,
                          GType          type,
                          const char    *indexed_by,
                          const char    *where,
                          const GValue  *params,
                          guint          n_params,
                          GError       **error)
{
  g_autoptr(TandemEntityClass) klass = NULL;
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (where != NULL, NULL);

  klass = g_type_class_ref (type);
  lock = store_lock (self);
  sql = g_strdup_printf ("%s%s%s WHERE \"deleted\" = 0 AND %s ORDER BY %s",
                         class_sql (self, klass, "select"), indexed_by ? " INDEXED BY " : "",
                         indexed_by ? indexed_by : "", where, klass->order_by);
  if ((stmt = prepare (self, sql, error)) == NULL)
    return NULL;
  for (guint i = 0; i < n_params; i++)
    {
      if (G_VALUE_HOLDS_INT64 (&params[i]))
        sqlite3_bind_int64 (stmt, i + 1, g_value_get_int64 (&params[i]));
      else
        sqlite3_bind_text (stmt, i + 1, g_value_get_string (&params[i]), -1, SQLITE_TRANSIENT);
    }
  return read_rows (self, klass, stmt, error);
}

/* A person by id, or by name matched exactly but case-insensitively. */
TandemEntity *
tandem_store_find_person (TandemStore  *self,
                          const char   *id_or_name,
                          GError      **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  if (tandem_is_uuid (id_or_name))
    return tandem_store_get (self, TANDEM_TYPE_PERSON, id_or_name, error);

  if ((people = tandem_store_list (self, TANDEM_TYPE_PERSON, error)) == NULL)
    return NULL;

  wanted = tandem_name_key (id_or_name);
  for (guint i = 0; i < people->len; i++)
    {
      g_autofree char *name = tandem_name_key (tandem_entity_get_string (people->pdata[i], "name"));
      if (g_str_equal (name, wanted))
        g_ptr_array_add (matches, g_object_ref (people->pdata[i]));
    }

  if (matches->len == 1)
    return g_object_ref (matches->pdata[0]);

  if (matches->len == 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "no person named “%s”", id_or_name);
      return NULL;
    }

  {
    g_autoptr(GString) list = g_string_new (NULL);
    for (guint i = 0; i < matches->len; i++)
      g_string_append_printf (list, "%s%s (%s, %s)", i ? "; " : "",
                              tandem_entity_get_string (matches->pdata[i], "name"),
                              tandem_entity_get_string (matches->pdata[i], "role"),
                              tandem_entity_get_id (matches->pdata[i]));
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_AMBIGUOUS,
                 "“%s” fits several people: %s", id_or_name, list->str);
  }
  return NULL;
}

static void
column_entry_clear (gpointer data)
{
  g_free (((TandemColumnEntry *) data)->id);
}

/* The (id, position) pairs of the live campaigns of @stage in board order,
 * without building whole rows: a move needs no more. */
GArray *
_tandem_store_column (TandemStore  *self,
                      const char   *stage,
                      GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GArray) column = g_array_new (FALSE, FALSE, sizeof (TandemColumnEntry));
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  g_array_set_clear_func (column, column_entry_clear);
  lock = store_lock (self);
  stmt = prepare (self, "SELECT \"id\", \"position\" FROM campaign WHERE \"deleted\" = 0 AND \"stage\" = ?"
                        " ORDER BY \"position\", \"id\"", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_TRANSIENT);
  while ((rc = step (stmt)) == SQLITE_ROW)
    {
      TandemColumnEntry entry = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (column, entry);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&column);
}

gint64
_tandem_store_column_last (TandemStore  *self,
                           const char   *stage,
                           const char   *exclude_id,
                           GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), -2);

  lock = store_lock (self);
  stmt = prepare (self, "SELECT coalesce(max(\"position\"), -1) FROM campaign"
                        " WHERE \"deleted\" = 0 AND \"stage\" = ? AND \"id\" != ?", error);
  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, exclude_id != NULL ? exclude_id : "", -1, SQLITE_TRANSIENT);
  if ((rc = step (stmt)) != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return -2;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Transactions */

gboolean
tandem_store_begin (TandemStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      if (self->disk_full)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NO_SPACE,
                     "the disk is full (%s): the workspace can be viewed, not changed, until there is room again",
                     self->path);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY,
                     "%s is read-only: it can be viewed, not changed", self->path);
      return FALSE;
    }
  g_rec_mutex_lock (&self->mutex);
  /* SQLite rolls a whole transaction back by itself on some errors (a full
   * disk, an I/O error): a savepoint now would start a new transaction of
   * its own and commit part of the batch. The batch has failed. */
  if (self->depth > 0 && sqlite3_get_autocommit (self->db))
    {
      self->failed = TRUE;
      g_rec_mutex_unlock (&self->mutex);
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "a write in this transaction failed; nothing was saved");
      return FALSE;
    }
  if (!exec_sql (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT tandem", error))
    {
      g_rec_mutex_unlock (&self->mutex);
      return FALSE;
    }
  if (self->depth == 0)
    self->failed = FALSE;
  self->depth++;
  return TRUE;
}

static void emit_pending (TandemStore *self);

gboolean
tandem_store_commit (TandemStore  *self,
                     GError      **error)
{
  gboolean ok;
  gboolean top;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  top = self->depth == 1;
  if (top && self->failed)
    {
      tandem_store_rollback (self);
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "a write in this transaction failed; nothing was saved");
      return FALSE;
    }

  ok = exec_sql (self, top ? "COMMIT" : "RELEASE tandem", error);
  if (!ok)
    {
      tandem_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  g_rec_mutex_unlock (&self->mutex);

  if (top && g_thread_self () == self->owner)
    emit_pending (self);
  return TRUE;
}

void
tandem_store_rollback (TandemStore *self)
{
  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* after an error SQLite may have rolled back the whole transaction
   * already; then there is nothing left to roll back at any level */
  if (sqlite3_get_autocommit (self->db))
    {
      if (self->depth > 1)
        self->failed = TRUE;
    }
  else if (self->depth == 1)
    exec_sql (self, "ROLLBACK", NULL);
  else
    exec_sql (self, "ROLLBACK TO tandem; RELEASE tandem", NULL);
  if (self->depth == 1)
    {
      /* A rollback that could not finish (a full disk) leaves a hot journal;
       * reading lets SQLite play it back now instead of at the next open. */
      gint64 ignored;
      query_int_checked (self, "SELECT count(*) FROM sqlite_schema", &ignored, NULL);
    }
  self->depth--;
  g_rec_mutex_unlock (&self->mutex);
}

/* Ends a write that began with tandem_store_begin(): commit on success,
 * roll back (this level only) on failure. */
static gboolean
finish_write (TandemStore  *self,
              gboolean      ok,
              GError      **error)
{
  if (ok)
    return tandem_store_commit (self, error);
  /* Inside a caller's batch a failed write poisons the whole batch, so a
   * caller that ignores the error cannot commit half of its work. */
  if (self->depth > 1)
    self->failed = TRUE;
  tandem_store_rollback (self);
  return FALSE;
}

/* Write helpers */

static gboolean
append_change (TandemStore  *self,
               const char   *entity,
               const char   *id,
               gint64        rev,
               gboolean      deleted,
               GError      **error)
{
  g_autoptr(CachedStmt) stmt =
    prepare (self, "INSERT INTO change_log (entity, id, rev, deleted) VALUES (?, ?, ?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, rev);
  sqlite3_bind_int (stmt, 4, deleted ? 1 : 0);
  rc = step (stmt);
  return rc == SQLITE_DONE || set_sqlite_error (self, rc, error);
}

static gboolean
ref_exists (TandemStore  *self,
            const char   *table,
            const char   *id)
{
  GType type = tandem_entity_type_from_name (table);
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autoptr(CachedStmt) stmt = prepare (self, class_sql (self, klass, "exists"), NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return step (stmt) == SQLITE_ROW;
}

/* Every reference names a live row of its table. */
static gboolean
check_refs (TandemStore   *self,
            TandemEntity  *entity,
            const guint   *fields,
            guint          n_fields,
            GError       **error)
{
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (entity);

  for (guint k = 0; k < n_fields; k++)
    {
      const TandemFieldInfo *info = &klass->fields[fields[k]];
      const GValue *value = tandem_entity_get_value (entity, fields[k]);

      if (info->kind == TANDEM_FIELD_REF && !tandem_field_value_is_null (info, value))
        {
          const char *id = g_value_get_string (value);
          if (!ref_exists (self, info->ref_table, id))
            {
              g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "%s: no %s with id %s",
                           info->name, info->ref_table, id);
              return FALSE;
            }
        }
      else if (info->kind == TANDEM_FIELD_REF_LIST)
        {
          const char * const *ids = g_value_get_boxed (value);
          for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
            if (!ref_exists (self, info->ref_table, ids[i]))
              {
                g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "%s: no %s with id %s",
                             info->name, info->ref_table, ids[i]);
                return FALSE;
              }
        }
    }
  return TRUE;
}

static gboolean
write_row (TandemStore   *self,
           TandemEntity  *entity,
           gboolean       insert,
           GError       **error)
{
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (entity);
  g_autoptr(CachedStmt) stmt = prepare (self, class_sql (self, klass, insert ? "insert" : "update"), error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tandem_entity_get_id (entity), -1, SQLITE_TRANSIENT);
  if (insert)
    {
      sqlite3_bind_int64 (stmt, 2, tandem_entity_get_rev (entity));
      sqlite3_bind_text (stmt, 3, tandem_entity_get_created_at (entity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, tandem_entity_get_updated_at (entity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, tandem_entity_get_deleted (entity));
      bind_row (klass, stmt, entity, 6);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 2, tandem_entity_get_rev (entity));
      sqlite3_bind_text (stmt, 3, tandem_entity_get_updated_at (entity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, tandem_entity_get_deleted (entity));
      bind_row (klass, stmt, entity, 5);
    }

  rc = step (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  return append_change (self, klass->name, tandem_entity_get_id (entity),
                        tandem_entity_get_rev (entity), tandem_entity_get_deleted (entity), error);
}

static gboolean
write_field_revs (TandemStore   *self,
                  TandemEntity  *entity,
                  const guint   *fields,
                  guint          n_fields,
                  GError       **error)
{
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (entity);

  for (guint k = 0; k < n_fields; k++)
    {
      g_autoptr(CachedStmt) stmt =
        prepare (self, "INSERT OR REPLACE INTO field_rev (entity, id, field, rev) VALUES (?, ?, ?, ?)", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, klass->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, tandem_entity_get_id (entity), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, klass->fields[fields[k]].name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, tandem_entity_get_rev (entity));
      if ((rc = step (stmt)) != SQLITE_DONE)
        return set_sqlite_error (self, rc, error);
    }
  return TRUE;
}

static gint64
field_rev (TandemStore *self,
           const char  *entity,
           const char  *id,
           const char  *field)
{
  g_autoptr(CachedStmt) stmt =
    prepare (self, "SELECT rev FROM field_rev WHERE entity = ? AND id = ? AND field = ?", NULL);

  if (stmt == NULL)
    return G_MAXINT64;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  return step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 1;
}

/* Inserts */

static TandemEntity *
insert_locked (TandemStore       *self,
               GType              type,
               JsonObject        *fields,
               TandemWriteFlags   flags,
               GError           **error)
{
  g_autoptr(TandemEntity) entity = tandem_entity_new (type);
  TandemEntityClass *klass = TANDEM_ENTITY_GET_CLASS (entity);
  g_autofree char *now = tandem_now_rfc3339 ();
  g_autofree char *created_utc = NULL;
  g_autoptr(GDateTime) created = NULL;
  const char *created_at;
  g_autofree char *id = NULL;
  g_autofree guint *all = g_new (guint, klass->n_fields + 1);

  if (fields != NULL && json_object_has_member (fields, "id"))
    {
      JsonNode *node = json_object_get_member (fields, "id");
      const char *given = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? json_node_get_string (node) : NULL;
      if (!tandem_is_uuid (given))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "id must be a UUID");
          return NULL;
        }
      id = g_ascii_strdown (given, -1);
      {
        g_autoptr(TandemEntity) existing = get_row (self, type, id, TRUE, NULL);
        if (existing != NULL)
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS, "a %s with id %s exists already", klass->name, id);
            return NULL;
          }
      }
    }
  else
    id = g_uuid_string_random ();

  if (fields != NULL && !tandem_entity_apply_json (entity, fields, (flags & TANDEM_WRITE_MANAGED) != 0, error))
    return NULL;

  /* events get an iCalendar UID of their own unless one came along */
  if (type == TANDEM_TYPE_EVENT && g_strcmp0 (tandem_entity_get_string (entity, "uid"), "") == 0)
    {
      g_autofree char *uid = g_strconcat (id, "@tandem", NULL);
      g_object_set (entity, "uid", uid, NULL);
    }

  /* Imports and sync keep the creation time a row had elsewhere */
  created_at = now;
  if ((flags & TANDEM_WRITE_MANAGED) && fields != NULL && json_object_has_member (fields, "created_at"))
    {
      created_at = json_object_get_string_member_with_default (fields, "created_at", "");
      if (!tandem_has_utc_offset (created_at) || (created = tandem_parse_date_time (created_at, NULL)) == NULL)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "created_at: “%s” is not an RFC 3339 time with offset", created_at);
          return NULL;
        }
      created_at = created_utc = tandem_format_utc (created);
    }
  _tandem_entity_set_meta (entity, id, 1, created_at, now, FALSE);

  for (guint i = 0; i < klass->n_fields; i++)
    all[i] = i;

  if (!tandem_entity_validate (entity, error) ||
      !check_refs (self, entity, all, klass->n_fields, error) ||
      !write_row (self, entity, TRUE, error))
    return NULL;

  return g_steal_pointer (&entity);
}

TandemEntity *
tandem_store_insert (TandemStore       *self,
                     GType              type,
                     JsonObject        *fields,
                     TandemWriteFlags   flags,
                     GError           **error)
{
  g_autoptr(TandemEntity) entity = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY) && type != TANDEM_TYPE_ENTITY, NULL);

  if (!tandem_store_begin (self, error))
    return NULL;
  entity = insert_locked (self, type, fields, flags, &local);
  if (!finish_write (self, entity != NULL, local ? NULL : &local))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&entity);
}

/* Updates, with per-field revisions */

static TandemEntity *
update_locked (TandemStore       *self,
               GType              type,
               const char        *id,
               gint64             base_rev,
               JsonObject        *patch,
               TandemWriteFlags   flags,
               GError           **error)
{
  g_autoptr(TandemEntity) current = NULL;
  g_autoptr(TandemEntity) next = NULL;
  g_autofree guint *changed = NULL;
  g_autofree char *now = NULL;
  TandemEntityClass *klass;
  guint n_changed = 0;

  if ((current = get_row (self, type, id, FALSE, error)) == NULL)
    return NULL;

  klass = TANDEM_ENTITY_GET_CLASS (current);
  if (base_rev > tandem_entity_get_rev (current))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "revision %" G_GINT64_FORMAT " of %s %s does not exist (it is at %" G_GINT64_FORMAT ")",
                   base_rev, klass->name, id, tandem_entity_get_rev (current));
      return NULL;
    }

  next = tandem_entity_copy (current);
  if (!tandem_entity_apply_json (next, patch, (flags & TANDEM_WRITE_MANAGED) != 0, error) ||
      !tandem_entity_validate (next, error))
    return NULL;

  /* Based on an older revision: a field the patch names conflicts when
   * someone changed it after that revision — whatever value either side
   * wrote (two people who both read 0 and write 1 must not both succeed).
   * Fields nobody changed since then merge. This comes before the
   * "nothing changed" shortcut below, which would otherwise acknowledge a
   * stale write whose value happens to equal the stored one. */
  if (base_rev > 0 && base_rev < tandem_entity_get_rev (current))
    {
      g_autoptr(GString) conflicts = g_string_new (NULL);
      g_autoptr(GList) members = json_object_get_members (patch);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          const TandemFieldInfo *info = tandem_entity_class_lookup_field (klass, l->data, NULL);
          if (info != NULL && field_rev (self, klass->name, id, info->name) > base_rev)
            g_string_append_printf (conflicts, "%s%s", conflicts->len ? ", " : "", info->name);
        }
      if (conflicts->len > 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT,
                       "%s “%s” was changed by someone else since revision %" G_GINT64_FORMAT
                       " (now %" G_GINT64_FORMAT "): %s",
                       klass->name, id, base_rev, tandem_entity_get_rev (current), conflicts->str);
          return NULL;
        }
    }

  changed = g_new (guint, klass->n_fields + 1);
  for (guint i = 0; i < klass->n_fields; i++)
    if (!tandem_field_value_equal (&klass->fields[i], tandem_entity_get_value (current, i),
                                   tandem_entity_get_value (next, i)))
      changed[n_changed++] = i;

  if (n_changed == 0)
    return g_steal_pointer (&current);

  now = tandem_now_rfc3339 ();
  _tandem_entity_set_meta (next, id, tandem_entity_get_rev (current) + 1,
                           tandem_entity_get_created_at (current), now, FALSE);

  if (!check_refs (self, next, changed, n_changed, error) ||
      !write_row (self, next, FALSE, error) ||
      !write_field_revs (self, next, changed, n_changed, error))
    return NULL;

  return g_steal_pointer (&next);
}

TandemEntity *
tandem_store_update (TandemStore       *self,
                     GType              type,
                     const char        *id,
                     gint64             base_rev,
                     JsonObject        *patch,
                     TandemWriteFlags   flags,
                     GError           **error)
{
  g_autoptr(TandemEntity) entity = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_ENTITY), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  if (!tandem_store_begin (self, error))
    return NULL;
  entity = update_locked (self, type, id, base_rev, patch, flags, &local);
  if (!finish_write (self, entity != NULL, local ? NULL : &local))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&entity);
}

static TandemEntity *
set_deleted_locked (TandemStore  *self,
                    GType         type,
                    const char   *id,
                    gint64        base_rev,
                    gboolean      deleted,
                    GError      **error)
{
  g_autoptr(TandemEntity) row = get_row (self, type, id, TRUE, error);
  g_autofree char *now = NULL;
  TandemEntityClass *klass;

  if (row == NULL)
    return NULL;
  klass = TANDEM_ENTITY_GET_CLASS (row);
  if (tandem_entity_get_deleted (row) == deleted)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND,
                   deleted ? "no %s with id %s" : "%s %s is not deleted", klass->name, id);
      return NULL;
    }
  if (base_rev > 0 && base_rev != tandem_entity_get_rev (row))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT,
                   "%s “%s” was changed by someone else since revision %" G_GINT64_FORMAT " (now %" G_GINT64_FORMAT ")",
                   klass->name, id, base_rev, tandem_entity_get_rev (row));
      return NULL;
    }

  now = tandem_now_rfc3339 ();
  _tandem_entity_set_meta (row, id, tandem_entity_get_rev (row) + 1,
                           tandem_entity_get_created_at (row), now, deleted);
  if (!write_row (self, row, FALSE, error))
    return NULL;
  return g_steal_pointer (&row);
}

/* Tombstones the row; tandem_store_restore() brings it back (undo). */
gboolean
tandem_store_delete (TandemStore  *self,
                     GType         type,
                     const char   *id,
                     gint64        base_rev,
                     GError      **error)
{
  g_autoptr(TandemEntity) row = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!tandem_store_begin (self, error))
    return FALSE;
  row = set_deleted_locked (self, type, id, base_rev, TRUE, &local);
  if (!finish_write (self, row != NULL, local ? NULL : &local))
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

TandemEntity *
tandem_store_restore (TandemStore  *self,
                      GType         type,
                      const char   *id,
                      GError      **error)
{
  g_autoptr(TandemEntity) row = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!tandem_store_begin (self, error))
    return NULL;
  row = set_deleted_locked (self, type, id, 0, FALSE, &local);
  if (!finish_write (self, row != NULL, local ? NULL : &local))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&row);
}

gboolean
tandem_store_set_meta (TandemStore  *self,
                       const char   *key,
                       const char   *value,
                       GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  lock = store_lock (self);
  if (value != NULL)
    stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  else
    stmt = prepare (self, "DELETE FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = step (stmt);
  return rc == SQLITE_DONE || set_sqlite_error (self, rc, error);
}

/* Blobs */

/* Reads @stream to its end, at most @size bytes, into @checksum */
static gboolean
hash_stream (GInputStream  *stream,
             gint64         size,
             GChecksum     *checksum,
             guint8        *buffer,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 offset = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, BLOB_CHUNK, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (offset + n > size)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "the data is longer than the announced %" G_GINT64_FORMAT " bytes", size);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
      offset += n;
    }
  if (offset != size)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "the data ended after %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bytes", offset, size);
      return FALSE;
    }
  return TRUE;
}

/* A stream that can be read twice: @stream itself when it can seek, else a
 * copy in a temporary file. */
static GInputStream *
rereadable_stream (GInputStream  *stream,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) tmp = NULL;
  GInputStream *copy;
  GOutputStream *out;

  if (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)))
    return g_object_ref (stream);
  if ((tmp = g_file_new_tmp ("tandem-blob-XXXXXX", &io, error)) == NULL)
    return NULL;
  out = g_io_stream_get_output_stream (G_IO_STREAM (io));
  if (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_NONE, cancellable, error) < 0 ||
      !g_output_stream_flush (out, cancellable, error))
    {
      g_file_delete (tmp, NULL, NULL);
      return NULL;
    }
  /* a stream of its own (the I/O stream's halves close with it); the
   * file is gone with its last descriptor */
  copy = G_INPUT_STREAM (g_file_read (tmp, cancellable, error));
  g_file_delete (tmp, NULL, NULL);
  return copy;
}

/* The bytes are read twice: once to learn their sha256, so that a blob the
 * workspace has already is not written at all and a new one is inserted
 * under its final key (an UPDATE of the key would rewrite the whole row,
 * leaving the file twice the blob's size), and once to write them,
 * checked against the first reading. */
static char *
put_blob_locked (TandemStore    *self,
                 GInputStream   *source,
                 gint64          size,
                 const char     *mime_type,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (BLOB_CHUNK);
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *sha = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_int64 rowid;
  goffset start;
  gint64 offset = 0;
  int rc;

  if ((stream = rereadable_stream (source, cancellable, error)) == NULL)
    return NULL;
  start = stream == source ? g_seekable_tell (G_SEEKABLE (stream)) : 0;
  if (stream != source && !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return NULL;
  if (!hash_stream (stream, size, checksum, buffer, cancellable, error))
    return NULL;
  sha = g_strdup (g_checksum_get_string (checksum));

  {
    g_autoptr(CachedStmt) stmt = prepare (self, "SELECT 1 FROM blob WHERE sha256 = ?", error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
    if (step (stmt) == SQLITE_ROW)
      return g_steal_pointer (&sha);
  }

  if (!g_seekable_seek (G_SEEKABLE (stream), start, G_SEEK_SET, cancellable, error))
    return NULL;
  {
    g_autoptr(CachedStmt) stmt =
      prepare (self, "INSERT INTO blob (sha256, size, mime_type, bytes) VALUES (?, ?, ?, zeroblob(?))", error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, size);
    sqlite3_bind_text (stmt, 3, mime_type ? mime_type : "application/octet-stream", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, size);
    if ((rc = step (stmt)) != SQLITE_DONE)
      {
        set_sqlite_error (self, rc, error);
        return NULL;
      }
    rowid = sqlite3_last_insert_rowid (self->db);
  }

  if (size > 0 && (rc = sqlite3_blob_open (self->db, "main", "blob", "bytes", rowid, 1, &blob)) != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_checksum_reset (checksum);
  while (offset < size)
    {
      gssize n = g_input_stream_read (stream, buffer, MIN (BLOB_CHUNK, size - offset), cancellable, error);
      if (n < 0)
        goto fail;
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      if ((rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset)) != SQLITE_OK)
        {
          set_sqlite_error (self, rc, error);
          goto fail;
        }
      offset += n;
    }
  g_clear_pointer (&blob, sqlite3_blob_close);
  if (offset != size || !g_str_equal (g_checksum_get_string (checksum), sha))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "the file changed while it was being stored");
      return NULL;
    }
  return g_steal_pointer (&sha);

fail:
  g_clear_pointer (&blob, sqlite3_blob_close);
  return NULL;
}

/* Stores exactly @size bytes read from @stream; returns their sha256. */
char *
tandem_store_put_blob (TandemStore    *self,
                       GInputStream   *stream,
                       gint64          size,
                       const char     *mime_type,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *sha = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (size >= 0, NULL);

  if (size > G_MAXINT32)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "files over 2 GB cannot be stored");
      return NULL;
    }
  if (!tandem_store_begin (self, error))
    return NULL;
  sha = put_blob_locked (self, stream, size, mime_type, cancellable, &local);
  if (!finish_write (self, sha != NULL, local ? NULL : &local))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&sha);
}

/* Stores a file, refusing it before reading when it is over @max_size. */
char *
tandem_store_put_file (TandemStore    *self,
                       GFile          *file,
                       gint64          max_size,
                       gint64         *out_size,
                       char          **out_mime_type,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *path = g_file_get_path (file);
  const char *content_type;
  g_autofree char *mime = NULL;
  char *sha;
  gint64 size;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is not a regular file", path);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (max_size > 0 && size > max_size)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   "%s is too large (%" G_GINT64_FORMAT " MB; the limit is %" G_GINT64_FORMAT " MB)",
                   path, size / (1024 * 1024), max_size / (1024 * 1024));
      return NULL;
    }

  content_type = g_file_info_get_content_type (info);
  mime = content_type ? g_content_type_get_mime_type (content_type) : NULL;
  if (mime == NULL)
    mime = g_strdup ("application/octet-stream");

  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    return NULL;
  sha = tandem_store_put_blob (self, G_INPUT_STREAM (stream), size, mime, cancellable, error);
  if (sha != NULL)
    {
      if (out_size != NULL)
        *out_size = size;
      if (out_mime_type != NULL)
        *out_mime_type = g_steal_pointer (&mime);
    }
  return sha;
}

gint64
tandem_store_blob_size (TandemStore *self,
                        const char  *sha256)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(CachedStmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), -1);

  lock = store_lock (self);
  if ((stmt = prepare (self, "SELECT size FROM blob WHERE sha256 = ?", NULL)) == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  return step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* Writes the blob to @stream chunk by chunk. */
gboolean
tandem_store_read_blob (TandemStore    *self,
                        const char     *sha256,
                        GOutputStream  *stream,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autofree guint8 *buffer = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_int64 rowid;
  gint64 size;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  lock = store_lock (self);
  {
    g_autoptr(CachedStmt) stmt = prepare (self, "SELECT rowid, size FROM blob WHERE sha256 = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
    if (step (stmt) != SQLITE_ROW)
      {
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "no file with sha256 %s", sha256);
        return FALSE;
      }
    rowid = sqlite3_column_int64 (stmt, 0);
    size = sqlite3_column_int64 (stmt, 1);
  }
  if (size == 0)
    return TRUE;

  if ((rc = sqlite3_blob_open (self->db, "main", "blob", "bytes", rowid, 0, &blob)) != SQLITE_OK)
    return set_sqlite_error (self, rc, error);

  buffer = g_malloc (BLOB_CHUNK);
  for (gint64 offset = 0; offset < size;)
    {
      int n = (int) MIN (BLOB_CHUNK, size - offset);
      if ((rc = sqlite3_blob_read (blob, buffer, n, (int) offset)) != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          return set_sqlite_error (self, rc, error);
        }
      if (!g_output_stream_write_all (stream, buffer, n, NULL, cancellable, error))
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
      offset += n;
    }
  sqlite3_blob_close (blob);
  return TRUE;
}

/* Maintenance */

gboolean
tandem_store_backup (TandemStore  *self,
                     const char   *dest_path,
                     GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS, "%s already exists", dest_path);
      return FALSE;
    }
  if (!check_writable (dest_path, FALSE, error))
    return FALSE;

  lock = store_lock (self);
  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }
  /* A backup of a local (WAL) workspace is a plain single file. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "backup to %s failed: %s",
                   dest_path, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  return TRUE;
}

/* Integrity of the file and of the schema (every field has its column). */
gboolean
tandem_store_check (TandemStore  *self,
                    GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  guint n_types;
  const GType *types = tandem_entity_types (&n_types);

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  lock = store_lock (self);
  {
    g_autoptr(CachedStmt) stmt = prepare (self, "PRAGMA integrity_check", error);
    const char *result;
    int rc;
    if (stmt == NULL)
      return FALSE;
    if ((rc = step (stmt)) != SQLITE_ROW)
      return set_sqlite_error (self, rc, error);
    result = (const char *) sqlite3_column_text (stmt, 0);
    if (g_strcmp0 (result, "ok") != 0)
      {
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT, "%s is damaged: %s", self->path, result);
        return FALSE;
      }
  }

  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(TandemEntityClass) klass = g_type_class_ref (types[t]);
      g_autoptr(CachedStmt) stmt = prepare (self, "SELECT name FROM pragma_table_info(?)", error);
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, klass->name, -1, SQLITE_STATIC);
      while (step (stmt) == SQLITE_ROW)
        g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      for (guint i = 0; i < klass->n_fields; i++)
        if (!g_hash_table_contains (columns, klass->fields[i].name))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_CORRUPT,
                         "%s is damaged: table %s lacks the column %s", self->path, klass->name,
                         klass->fields[i].name);
            return FALSE;
          }
    }
  return TRUE;
}

/* Changes */

/* Change-log entries after @since (at most @limit, 0 for all), one per row:
 * the latest entry of each row, with the row as it is now. */
GPtrArray *
tandem_store_read_changes (TandemStore  *self,
                           gint64        since,
                           guint         limit,
                           GError      **error)
{
  g_autoptr(StoreLock) lock = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_change_unref);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  lock = store_lock (self);
  if (!exec_sql (self, self->depth == 0 ? "BEGIN" : "SAVEPOINT readchanges", error))
    return NULL;
  {
    g_autoptr(CachedStmt) stmt =
      prepare (self, "SELECT seq, entity, id, rev, deleted FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?", error);
    if (stmt == NULL)
      goto out;
    sqlite3_bind_int64 (stmt, 1, since);
    sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
    while ((rc = step (stmt)) == SQLITE_ROW)
      {
        TandemChange *change = g_atomic_rc_box_new0 (TandemChange);
        change->seq = sqlite3_column_int64 (stmt, 0);
        change->type = tandem_entity_type_from_name ((const char *) sqlite3_column_text (stmt, 1));
        change->id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        change->rev = sqlite3_column_int64 (stmt, 3);
        change->deleted = sqlite3_column_int (stmt, 4);
        if (change->type == G_TYPE_INVALID)
          {
            tandem_change_unref (change);
            continue;
          }
        g_ptr_array_add (changes, change);
      }
    if (rc != SQLITE_DONE)
      {
        set_sqlite_error (self, rc, error);
        goto out;
      }
  }

  /* keep the last entry of each row (type and id), in seq order */
  for (guint i = 0; i < changes->len; i++)
    {
      TandemChange *change = changes->pdata[i];
      g_hash_table_insert (latest, g_strconcat (g_type_name (change->type), ":", change->id, NULL), change);
    }
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_change_unref);
  for (guint i = 0; i < changes->len; i++)
    {
      TandemChange *change = changes->pdata[i];
      g_autofree char *key = g_strconcat (g_type_name (change->type), ":", change->id, NULL);

      if (g_hash_table_lookup (latest, key) != change)
        continue;
      change->row = get_row (self, change->type, change->id, TRUE, NULL);
      g_ptr_array_add (result, tandem_change_ref (change));
    }

out:
  exec_sql (self, self->depth == 0 ? "COMMIT" : "RELEASE readchanges", NULL);
  return g_steal_pointer (&result);
}

static void
emit_changes (TandemStore *self,
              GPtrArray   *changes)
{
  g_assert (g_thread_self () == self->owner);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      TandemChange *change = changes->pdata[i];
      if (change->seq <= self->last_seen)
        continue;
      self->last_seen = change->seq;
      g_signal_emit (self, signals[CHANGED], 0, change);
    }
}

static void
emit_pending (TandemStore *self)
{
  g_autoptr(GPtrArray) changes = tandem_store_read_changes (self, self->last_seen, 0, NULL);

  emit_changes (self, changes);
}

/* Emits what the change log has beyond what was emitted (synchronously). */
void
tandem_store_refresh (TandemStore *self)
{
  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (g_thread_self () == self->owner);

  emit_pending (self);
}

typedef struct
{
  TandemStoreFunc  func;
  gpointer         data;
  GDestroyNotify   data_destroy;
  GDestroyNotify   result_destroy;
  gpointer         result;
  GPtrArray       *changes;
  gint64           since;
} RunData;

static void
run_data_free (RunData *run)
{
  if (run->data_destroy != NULL && run->data != NULL)
    run->data_destroy (run->data);
  if (run->result_destroy != NULL && run->result != NULL)
    run->result_destroy (run->result);
  g_clear_pointer (&run->changes, g_ptr_array_unref);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TandemStore *self = source_object;
  RunData *run = task_data;
  GError *error = NULL;

  if (run->func != NULL)
    run->result = run->func (self, run->data, cancellable, &error);
  run->changes = tandem_store_read_changes (self, run->since, 0, NULL);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TandemStore *self = TANDEM_STORE (object);
  GTask *outer = user_data;
  RunData *run = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  emit_changes (self, run->changes);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    {
      g_task_return_pointer (outer, g_steal_pointer (&run->result), run->result_destroy);
    }
  g_object_unref (outer);
}

void
tandem_store_run_async (TandemStore         *self,
                        TandemStoreFunc      func,
                        gpointer             data,
                        GDestroyNotify       data_destroy,
                        GDestroyNotify       result_destroy,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  RunData *run;

  g_return_if_fail (TANDEM_IS_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tandem_store_run_async);

  run = g_new0 (RunData, 1);
  run->func = func;
  run->data = data;
  run->data_destroy = data_destroy;
  run->result_destroy = result_destroy;
  run->since = self->last_seen;

  inner = g_task_new (self, cancellable, run_done_cb, outer);
  g_task_set_task_data (inner, run, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (inner, run_thread);
}

gpointer
tandem_store_run_finish (TandemStore   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Polling for other processes' writes */

static gpointer
poll_func (TandemStore   *self,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  /* data_version moves when another connection commits; reading the
   * change log itself happens in run_thread. */
  return NULL;
}

static void
poll_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TandemStore *self = TANDEM_STORE (object);

  tandem_store_run_finish (self, result, NULL);
  self->refreshing = FALSE;
  g_object_unref (self);
}

static gboolean
watch_cb (gpointer user_data)
{
  TandemStore *self = user_data;
  gint64 version;

  if (self->refreshing)
    return G_SOURCE_CONTINUE;

  /* PRAGMA data_version reads only the connection's own state: no I/O
   * unless another process committed. */
  {
    g_autoptr(StoreLock) lock = NULL;
    if (!g_rec_mutex_trylock (&self->mutex))
      return G_SOURCE_CONTINUE;
    lock = &self->mutex;
    version = query_int (self, "PRAGMA data_version", self->data_version);
  }
  if (version == self->data_version)
    return G_SOURCE_CONTINUE;

  self->data_version = version;
  self->refreshing = TRUE;
  tandem_store_run_async (self, poll_func, NULL, NULL, NULL, NULL, poll_done_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

/* Notices other processes' writes every @interval_ms (0 stops). */
void
tandem_store_watch (TandemStore *self,
                    guint        interval_ms)
{
  g_return_if_fail (TANDEM_IS_STORE (self));

  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (interval_ms > 0)
    self->watch_id = g_timeout_add (interval_ms, watch_cb, self);
}
