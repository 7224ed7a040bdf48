/* tandem-cli-workspace.c — init, demo, backup, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tandem-cli.h"
#include "tandem-demo.h"

/* Creates the workspace (and, for the default path only, its folder). */
static TandemStore *
create_workspace (TandemCli            *cli,
                  TandemWorkspaceMode   mode,
                  GError              **error)
{
  g_autofree char *path = NULL;
  TandemStore *store;
  GError *local = NULL;
  gboolean is_default;

  path = tandem_cli_workspace_path (cli, &is_default);
  if (is_default)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot create the folder %s: %s",
                       dir, g_strerror (saved));
          return NULL;
        }
    }

  if ((store = tandem_store_create (path, mode, &local)) == NULL)
    {
      if (g_error_matches (local, TANDEM_ERROR, TANDEM_ERROR_EXISTS))
        g_prefix_error (&local, "will not overwrite an existing file: ");
      g_propagate_error (error, local);
    }
  return store;
}

/* Removes a workspace this command created, with its side files. */
static void
remove_workspace (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static JsonObject *
counts (TandemStore *store)
{
  static const char * const names[] = { "person", "campaign", "event", "asset" };
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GType type = tandem_entity_type_from_name (names[i]);
      g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);

      json_object_set_int_member (object, klass->collection, tandem_store_count (store, type, NULL));
    }
  return object;
}

gboolean
tandem_cli_init (TandemCli  *cli,
                 GStrv      *args,
                 GError    **error)
{
  gboolean shared = FALSE;
  const GOptionEntry entries[] = {
    { "shared", 0, 0, G_OPTION_ARG_NONE, &shared,
      "A shared-file workspace, opened by several desktops at once", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;

  if (!tandem_cli_parse (cli, "init", NULL, entries, 0, 0, args, error))
    return FALSE;
  store = create_workspace (cli, shared ? TANDEM_WORKSPACE_SHARED : TANDEM_WORKSPACE_LOCAL, error);
  if (store == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "path", tandem_store_get_path (store));
      json_object_set_string_member (object, "mode", shared ? "shared" : "local");
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

/* Adds the demo data set; creates the workspace first when there is none
 * (and removes it again when the demo fails). */
gboolean
tandem_cli_demo (TandemCli  *cli,
                 GStrv      *args,
                 GError    **error)
{
  g_autofree char *seed_text = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed_text, "Seed of the data set (default 1)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *path = NULL;
  TandemStore *store;
  gint64 seed = 1;
  gboolean created = FALSE;

  if (!tandem_cli_parse (cli, "demo", NULL, entries, 0, 0, args, error))
    return FALSE;
  if (seed_text != NULL && !tandem_cli_parse_count ("--seed", seed_text, 0, &seed, error))
    return FALSE;
  if (seed > G_MAXUINT)
    return tandem_cli_usage_error (error, "--seed: %s is too large", seed_text);

  path = tandem_cli_workspace_path (cli, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if ((cli->store = create_workspace (cli, TANDEM_WORKSPACE_LOCAL, error)) == NULL)
        return FALSE;
      created = TRUE;
    }
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  if (!tandem_demo_populate (store, (guint) seed, NULL, error))
    {
      if (created)
        {
          g_clear_object (&cli->store);
          remove_workspace (path);
        }
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = counts (store);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

gboolean
tandem_cli_backup (TandemCli  *cli,
                   GStrv      *args,
                   GError    **error)
{
  TandemStore *store;
  GError *local = NULL;
  const char *file;

  if (!tandem_cli_parse (cli, "backup", "FILE", NULL, 1, 1, args, error))
    return FALSE;
  file = (*args)[0];
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (!tandem_store_backup (store, file, &local))
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      json_object_set_string_member (object, "path", file);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

gboolean
tandem_cli_check (TandemCli  *cli,
                  GStrv      *args,
                  GError    **error)
{
  TandemStore *store;

  if (!tandem_cli_parse (cli, "check", NULL, NULL, 0, 0, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (!tandem_store_check (store, error))
    {
      /* every failure of check is the workspace's, not the caller's */
      if (error != NULL && *error != NULL && tandem_error_exit_code (*error) != 1)
        (*error)->code = TANDEM_ERROR_CORRUPT;
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = counts (store);

      json_object_set_boolean_member (object, "ok", TRUE);
      json_object_set_string_member (object, "path", tandem_store_get_path (store));
      json_object_set_string_member (object, "mode",
                                     tandem_store_get_mode (store) == TANDEM_WORKSPACE_SHARED ? "shared" : "local");
      tandem_cli_print_json_object (object);
    }
  else
    fputs ("ok\n", stdout);
  return TRUE;
}
