/* tandem-fs.c — what kind of filesystem a workspace lives on
 *
 * SQLite's documentation warns that file locking on network filesystems
 * is often broken (https://www.sqlite.org/faq.html#q5, "How To Corrupt An
 * SQLite Database File" §2.1): a shared workspace there may be damaged by
 * two writers at once. The app tells the user once; the server is the
 * safe way to share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-fs"

#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "tandem-fs.h"

/* statfs(2) magic numbers (linux/magic.h) */
#define NFS_SUPER_MAGIC   0x6969
#define SMB_SUPER_MAGIC   0x517b
#define SMB2_SUPER_MAGIC  0xfe534d42
#define CIFS_SUPER_MAGIC  0xff534d42
#define FUSE_SUPER_MAGIC  0x65735546
#define AFS_SUPER_MAGIC   0x5346414f
#define CODA_SUPER_MAGIC  0x73757245
#define NCP_SUPER_MAGIC   0x564c
#define CEPH_SUPER_MAGIC  0x00c36400
#define V9FS_MAGIC        0x01021997

/**
 * tandem_fs_network_kind:
 * @path: a file or folder
 *
 * Returns: (nullable): "NFS", "SMB/CIFS", "FUSE", … when @path is on a
 *   network or user-space filesystem whose locking SQLite cannot rely on;
 *   %NULL on a local filesystem or when it cannot be told.
 */
const char *
tandem_fs_network_kind (const char *path)
{
  struct statfs st;

  g_return_val_if_fail (path != NULL, NULL);

  if (statfs (path, &st) != 0)
    return NULL;
  switch ((unsigned long) st.f_type & 0xffffffffUL)
    {
    case NFS_SUPER_MAGIC:  return "NFS";
    case SMB_SUPER_MAGIC:
    case SMB2_SUPER_MAGIC:
    case CIFS_SUPER_MAGIC: return "SMB/CIFS";
    case FUSE_SUPER_MAGIC: return "FUSE";
    case AFS_SUPER_MAGIC:  return "AFS";
    case CODA_SUPER_MAGIC: return "Coda";
    case NCP_SUPER_MAGIC:  return "NetWare";
    case CEPH_SUPER_MAGIC: return "Ceph";
    case V9FS_MAGIC:       return "9P";
    default:               return NULL;
    }
}

/**
 * _tandem_describe_file_users:
 * @path: a workspace file
 *
 * Which other processes have @path (or its -wal/-journal) open, as
 * "tandemctl (pid 4242), sqlite3 (pid 4250)", read from /proc: SQLite
 * cannot say who holds a lock, and OFD locks carry no process id, so this
 * is the closest the user can be told. Only processes the user may look
 * into are seen.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL when none is seen
 */
char *
_tandem_describe_file_users (const char *path)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autofree char *real = realpath (path, NULL);
  const char *pid;
  guint n = 0;

  if (proc == NULL || real == NULL)
    return NULL;
  while ((pid = g_dir_read_name (proc)) != NULL && n < 5)
    {
      g_autofree char *fd_dir = NULL;
      g_autoptr(GDir) fds = NULL;
      const char *fd;
      gboolean uses = FALSE;

      if (!g_ascii_isdigit (pid[0]) || (pid_t) g_ascii_strtoll (pid, NULL, 10) == getpid ())
        continue;
      fd_dir = g_build_filename ("/proc", pid, "fd", NULL);
      if ((fds = g_dir_open (fd_dir, 0, NULL)) == NULL)
        continue;
      while (!uses && (fd = g_dir_read_name (fds)) != NULL)
        {
          g_autofree char *link = g_build_filename (fd_dir, fd, NULL);
          g_autofree char *target = g_file_read_link (link, NULL);
          uses = target != NULL && g_str_has_prefix (target, real) &&
                 (target[strlen (real)] == '\0' || target[strlen (real)] == '-');
        }
      if (uses)
        {
          g_autofree char *comm_path = g_build_filename ("/proc", pid, "comm", NULL);
          g_autofree char *comm = NULL;
          if (g_file_get_contents (comm_path, &comm, NULL, NULL))
            g_strchomp (comm);
          g_string_append_printf (found, "%s%s (pid %s)", found->len ? ", " : "", comm ? comm : "?", pid);
          n++;
        }
    }
  return found->len > 0 ? g_string_free (g_steal_pointer (&found), FALSE) : NULL;
}
