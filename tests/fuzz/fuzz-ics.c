/* fuzz-ics.c — libFuzzer target for the iCalendar import
 *
 * Feeds each input to tandem_calendar_import() on a real workspace (one per
 * process, in $TMPDIR). A successful import is exported, the export imported
 * again, and the occurrences of a few windows are listed (recurrence
 * expansion is where hangs live). Everything happens inside one outer
 * transaction that is rolled back, so every input sees the same empty
 * workspace (with one person, for ATTENDEE/ORGANIZER e-mail matching).
 *
 * Criticals are fatal, as in the tests, and so is an export that does not
 * import again (unless TANDEM_FUZZ_STRICT=0 in the environment).
 *
 *   build-aux/fuzz fuzz-ics 600
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-fuzz"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tandem-calendar.h"
#include "tandem-core.h"
#include "tandem-fuzz.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TandemStore *store;
static gboolean strict = TRUE;

static void
remove_workspace (void)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (store == NULL)
    return;
  path = tandem_store_get_path (store);
  dir = g_path_get_dirname (path);
  g_clear_object (&store);
  if ((listing = g_dir_open (dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(TandemEntity) row = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  tandem_fuzz_init ();
  strict = g_strcmp0 (g_getenv ("TANDEM_FUZZ_STRICT"), "0") != 0;

  dir = g_dir_make_tmp ("tandem-fuzz-ics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.tandem", NULL);
  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (person, "name", "Anna Schmidt");
  json_object_set_string_member (person, "email", "anna@example.com");
  row = tandem_store_insert (store, TANDEM_TYPE_PERSON, person, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);

  atexit (remove_workspace);
  return 0;
}

static void
list_window (GDateTime *from,
             GDateTime *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = tandem_calendar_list_range (store, from, to, &error);

  for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
    {
      g_autoptr(JsonObject) object = tandem_occurrence_to_json (occurrences->pdata[i]);
      g_assert (object != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GDateTime) y2024 = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) y2027 = g_date_time_new_utc (2027, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) march = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) april = g_date_time_new_utc (2026, 4, 1, 0, 0, 0);
  guint added = 0, updated = 0;

  if (!tandem_store_begin (store, &error))
    g_error ("begin: %s", error->message);

  if (tandem_calendar_import (store, (const char *) data, size, &added, &updated, &error))
    {
      list_window (march, april);      /* the DST change of Europe */
      list_window (y2024, y2027);
      list_window (NULL, y2024);
      list_window (y2027, NULL);       /* open: up to 730 days past the later of from and now */

      exported = tandem_calendar_export (store, NULL, NULL, &error);
      if (exported != NULL)
        {
          g_autoptr(GError) again = NULL;
          if (!tandem_calendar_import (store, exported, strlen (exported), NULL, NULL, &again) && strict)
            g_error ("the export does not import again: %s\n%s", again->message, exported);
        }
      g_clear_error (&error);
      list_window (y2024, y2027);
    }

  tandem_store_rollback (store);
  return 0;
}
