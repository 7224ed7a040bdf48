/* tandem-test-util.h — shared helpers of the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "tandem-core.h"

G_BEGIN_DECLS

/* What must stay the same when an open is refused */
typedef struct
{
  char   *sha256;
  gint64  size;
  gint64  mtime_usec;
} TestFingerprint;

typedef struct
{
  const char *path;
  GTestFunc   func;
} TestFunc;

void          test_init                    (int               *argc,
                                            char            ***argv);
int           test_run_funcs               (int               *argc,
                                            char            ***argv,
                                            const TestFunc    *funcs,
                                            guint              n_funcs);
char         *test_make_dir                (void);
void          test_remove_dir              (const char        *dir);
TandemStore  *test_create_store            (const char        *dir,
                                            const char        *name,
                                            char             **out_path);
void          test_fingerprint             (const char        *path,
                                            TestFingerprint   *out);
void          test_assert_unchanged        (const char        *path,
                                            TestFingerprint   *before);
void          test_fingerprint_clear       (TestFingerprint   *fp);
void          test_assert_no_side_files    (const char        *path);
JsonObject   *test_json                    (const char        *json);
TandemEntity *test_insert                  (TandemStore       *store,
                                            GType              type,
                                            JsonObject        *fields);
TandemEntity *test_add_campaign            (TandemStore       *store,
                                            const char        *title);
TandemEntity *test_update                  (TandemStore       *store,
                                            GType              type,
                                            const char        *id,
                                            gint64             base_rev,
                                            JsonObject        *patch);
sqlite3      *test_open_raw                (const char        *path);
gint64        test_raw_count               (const char        *path,
                                            const char        *sql);
char         *test_sha256_file             (const char        *path);
void          test_assert_error_mentions   (const GError      *error,
                                            const char        *needle);

G_END_DECLS
