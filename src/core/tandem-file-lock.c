/* tandem-file-lock.c — SQLite's file locks, kept however the process
 * touches the workspace file
 *
 * Why this exists: SQLite's unix VFS locks with POSIX record locks
 * (fcntl F_SETLK), and POSIX drops *all* locks a process holds on a file
 * as soon as *any* descriptor of that file is closed in that process. A
 * file chooser that sniffs the workspace's content type, a thumbnailer, a
 * g_file_load_contents() — any code of ours or of a library opening and
 * closing the file — silently removes the store's locks. Another process
 * then believes it is alone: it checkpoints and deletes the WAL under us,
 * or writes into a shared file in the middle of our transaction, and
 * writes get lost while PRAGMA integrity_check still says "ok" ("How To
 * Corrupt An SQLite Database File", §2.2).
 *
 * The fix: SQLite's system calls open/close/fcntl are replaced
 * (sqlite3_vfs.xSetSystemCall) so that every lock SQLite takes on a file
 * is taken as a Linux open-file-description lock (F_OFD_SETLK) on one
 * private descriptor per file (inode) and process, opened here and closed
 * only when SQLite has closed its last descriptor of that file. An OFD
 * lock belongs to that descriptor, so closing other descriptors of the
 * file never touches it. Because all of SQLite's descriptors of one file
 * share that one lock descriptor, locks within the process still behave
 * exactly as POSIX locks do (no conflicts between two connections of one
 * process: SQLite's own in-process lock bookkeeping stays right), and OFD
 * locks conflict with other processes' POSIX locks, so the plain sqlite3
 * shell and older builds keep excluding us and being excluded.
 *
 * Where OFD locks are unavailable (not Linux, or a filesystem that refuses
 * them) the calls fall through to SQLite's own classic locks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-store"
#define _GNU_SOURCE  /* F_OFD_SETLK */

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tandem-store-private.h"

#ifdef F_OFD_SETLK

typedef int (*OpenFunc)  (const char *, int, int);
typedef int (*CloseFunc) (int);
typedef int (*FcntlFunc) (int, int, ...);

typedef struct
{
  dev_t  dev;
  ino_t  ino;
  int    lock_fd;   /* the descriptor that holds this process's locks */
  int    retired;   /* an earlier read-only lock descriptor, or -1 */
  int    writable;  /* lock_fd can take write locks */
  int    wanted;    /* …and a writer has opened the file since */
  guint  n_open;    /* SQLite's descriptors of the file */
} LockFile;

static OpenFunc   real_open;
static CloseFunc  real_close;
static FcntlFunc  real_fcntl;
static GMutex     lock_mutex;
static GHashTable *by_fd;     /* SQLite's fd → LockFile */
static GPtrArray  *files;     /* LockFile, few: one per open workspace file */

static LockFile *
find_file (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; i < files->len; i++)
    {
      LockFile *f = files->pdata[i];
      if (f->dev == dev && f->ino == ino)
        return f;
    }
  return NULL;
}

/* A new open file description of the file behind @fd, for its locks */
static int
reopen (int fd,
        int flags)
{
  char proc[64];

  g_snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
  return real_open (proc, flags | O_CLOEXEC, 0);
}

/* The lock descriptor was opened read-only (the file was not writable
 * then) and a writer of the file has come since: a read-write descriptor
 * takes over, once nobody holds a lock on the file (a lock cannot move
 * from one descriptor to another, and SQLite takes the next one only when
 * it needs it). The old one stays open, unused. Called with the mutex. */
static void
upgrade (LockFile *f,
         int       fd)
{
  struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0, .l_pid = 0 };
  int rw = reopen (fd, O_RDWR);

  if (rw < 0)
    return;
  if (f->retired < 0 && real_fcntl (rw, F_OFD_GETLK, &probe) == 0 && probe.l_type == F_UNLCK)
    {
      f->retired = f->lock_fd;
      f->lock_fd = rw;
      f->writable = TRUE;
      f->wanted = FALSE;
    }
  else
    real_close (rw);
}

static int
tandem_open (const char *path,
             int         flags,
             int         mode)
{
  int fd = real_open (path, flags, mode);
  struct stat st;

  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return fd;

  g_mutex_lock (&lock_mutex);
  {
    LockFile *f = find_file (st.st_dev, st.st_ino);

    if (f == NULL)
      {
        /* read-write where the file allows it, so that a read-only first
         * connection does not leave later writers without write locks */
        int lock_fd = reopen (fd, O_RDWR);
        int writable = lock_fd >= 0;
        if (lock_fd < 0)
          lock_fd = reopen (fd, O_RDONLY);
        if (lock_fd >= 0)
          {
            f = g_new0 (LockFile, 1);
            f->dev = st.st_dev;
            f->ino = st.st_ino;
            f->lock_fd = lock_fd;
            f->retired = -1;
            f->writable = writable;
            g_ptr_array_add (files, f);
          }
      }
    if (f != NULL)
      {
        f->n_open++;
        g_hash_table_insert (by_fd, GINT_TO_POINTER (fd), f);
        if (!f->writable && (flags & O_ACCMODE) != O_RDONLY)
          {
            f->wanted = TRUE;
            upgrade (f, fd);
          }
      }
  }
  g_mutex_unlock (&lock_mutex);
  return fd;
}

static int
tandem_close (int fd)
{
  LockFile *f;

  g_mutex_lock (&lock_mutex);
  if ((f = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd))) != NULL)
    {
      g_hash_table_remove (by_fd, GINT_TO_POINTER (fd));
      /* SQLite closes a file's last descriptor only once it holds no lock
       * on it: the lock descriptor can go, releasing nothing still held. */
      if (--f->n_open == 0)
        {
          real_close (f->lock_fd);
          if (f->retired >= 0)
            real_close (f->retired);
          g_ptr_array_remove_fast (files, f);
        }
    }
  g_mutex_unlock (&lock_mutex);
  return real_close (fd);
}

static int
tandem_fcntl (int fd,
              int cmd,
              ...)
{
  va_list ap;
  void *arg;
  int ofd_cmd;
  int lock_fd = -1;

  va_start (ap, cmd);
  arg = va_arg (ap, void *);
  va_end (ap);

  switch (cmd)
    {
    case F_SETLK:  ofd_cmd = F_OFD_SETLK;  break;
    case F_SETLKW: ofd_cmd = F_OFD_SETLKW; break;
    case F_GETLK:  ofd_cmd = F_OFD_GETLK;  break;
    default:       return real_fcntl (fd, cmd, arg);
    }

  g_mutex_lock (&lock_mutex);
  {
    LockFile *f = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd));

    if (f != NULL && f->wanted && cmd != F_GETLK)
      upgrade (f, fd);
    if (f != NULL)
      lock_fd = f->lock_fd;
  }
  g_mutex_unlock (&lock_mutex);

  if (lock_fd >= 0)
    {
      struct flock *lock = arg;
      int rc;

      lock->l_pid = 0;  /* required for OFD locks */
      rc = real_fcntl (lock_fd, ofd_cmd, lock);
      if (rc == 0 || errno != EINVAL)
        return rc;
    }
  return real_fcntl (fd, cmd, arg);
}

static void
install (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return;
  real_open = (OpenFunc) vfs->xGetSystemCall (vfs, "open");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  if (real_open == NULL || real_close == NULL || real_fcntl == NULL)
    return;
  by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new_with_free_func (g_free);
  /* The table of system calls is shared by all unix VFSes of the process */
  vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) tandem_open);
  vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) tandem_close);
  vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) tandem_fcntl);
}

/* Before any SQLite file of the process is opened: a descriptor opened
 * with classic locks would conflict with the OFD locks of the same file. */
__attribute__((constructor)) static void
tandem_file_lock_init (void)
{
  install ();
}

#endif /* F_OFD_SETLK */

gboolean
_tandem_file_locks_are_private (void)
{
#ifdef F_OFD_SETLK
  return files != NULL;
#else
  return FALSE;
#endif
}
