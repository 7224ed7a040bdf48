/* tandem-cli-calendar.c — calendar export and import (iCalendar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include "tandem-calendar.h"
#include "tandem-cli.h"

gboolean
tandem_cli_calendar_export (TandemCli  *cli,
                            GStrv      *args,
                            GError    **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, "What happens from this day on (local time)", "D" },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, "Up to and including this day", "D" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GDateTime) range_start = NULL;
  g_autoptr(GDateTime) range_end = NULL;
  g_autoptr(GFile) file = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "calendar export", "FILE.ics", entries, 1, 1, args, error))
    return FALSE;
  if (!tandem_cli_parse_range (from, to, &range_start, &range_end, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg ((*args)[0]);
  if (!tandem_calendar_export_file (store, file, range_start, range_end, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autofree char *path = g_file_get_path (file);
      json_object_set_string_member (object, "file", path);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

gboolean
tandem_cli_calendar_import (TandemCli  *cli,
                            GStrv      *args,
                            GError    **error)
{
  g_autoptr(GFile) file = NULL;
  TandemStore *store;
  guint added = 0;
  guint updated = 0;
  g_auto(GStrv) warnings = NULL;

  if (!tandem_cli_parse (cli, "calendar import", "FILE.ics", NULL, 1, 1, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg ((*args)[0]);
  if (!tandem_calendar_import_file (store, file, &added, &updated, &warnings, error))
    return FALSE;
  /* what was left out, on stderr: the import itself succeeded */
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr ("tandemctl: warning: %s\n", warnings[i]);

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      json_object_set_int_member (object, "added", added);
      json_object_set_int_member (object, "updated", updated);
      tandem_cli_print_json_object (object);
    }
  else
    g_print ("%u added, %u updated\n", added, updated);
  return TRUE;
}
