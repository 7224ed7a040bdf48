/* tandem-error.h — the error domain shared by store, CLI and server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_ERROR (tandem_error_quark ())

/* Each code maps to one tandemctl exit code and one HTTP status. */
typedef enum
{
  TANDEM_ERROR_FAILED,          /* exit 1: I/O and other failures */
  TANDEM_ERROR_NOT_WORKSPACE,   /* exit 1: foreign, empty or unknown file */
  TANDEM_ERROR_CORRUPT,         /* exit 1: damaged or truncated workspace */
  TANDEM_ERROR_TOO_NEW,         /* exit 1: written by a newer Tandem */
  TANDEM_ERROR_READ_ONLY,       /* exit 1: file or folder not writable */
  TANDEM_ERROR_EXISTS,          /* exit 1: refusing to overwrite */
  TANDEM_ERROR_INVALID,         /* exit 2: malformed value, unknown field */
  TANDEM_ERROR_AMBIGUOUS,       /* exit 2: a name fits several rows */
  TANDEM_ERROR_NOT_FOUND,       /* exit 3 */
  TANDEM_ERROR_CONFLICT,        /* exit 4: stale revision touching changed fields */
  TANDEM_ERROR_REFUSED,         /* exit 5: a rule or a role says no */
  TANDEM_ERROR_NO_FILE,         /* exit 1: the file or its folder does not exist */
  TANDEM_ERROR_BUSY,            /* exit 1: another process held the workspace locked too long */
  TANDEM_ERROR_NO_SPACE,        /* exit 1: the disk is full */
} TandemError;

GQuark tandem_error_quark     (void);
int    tandem_error_exit_code (const GError *error);
guint  tandem_error_http_status (const GError *error);

G_END_DECLS
