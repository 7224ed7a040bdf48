/* tandem-cli-person.c — person add, list, show, set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include "tandem-cli.h"

static const char * const list_columns[] = { "name", "role", "email", "active", NULL };

gboolean
tandem_cli_person_add (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  g_autofree char *role = NULL;
  g_autofree char *email = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_FILENAME, &role, "marketing, sales or admin", "ROLE" },
    { "email", 0, 0, G_OPTION_ARG_FILENAME, &email, "E-mail address", "E" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) person = NULL;
  g_autoptr(JsonObject) object = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "person add", "NAME", entries, 1, 1, args, error))
    return FALSE;
  if (role == NULL)
    return tandem_cli_usage_error (error, "person add: --role is required (marketing, sales or admin)");
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  json_object_set_string_member (fields, "name", (*args)[0]);
  json_object_set_string_member (fields, "role", role);
  if (email != NULL)
    json_object_set_string_member (fields, "email", email);

  if ((person = tandem_store_insert (store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, error)) == NULL)
    return FALSE;
  object = tandem_entity_to_json (person);
  tandem_cli_print_new (cli, object);
  return TRUE;
}

gboolean
tandem_cli_person_list (TandemCli  *cli,
                        GStrv      *args,
                        GError    **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  TandemStore *store;

  if (!tandem_cli_parse (cli, "person list", NULL, NULL, 0, 0, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if ((people = tandem_store_list (store, TANDEM_TYPE_PERSON, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < people->len; i++)
    g_ptr_array_add (objects, tandem_entity_to_json (people->pdata[i]));
  tandem_cli_print_list (cli, TANDEM_TYPE_PERSON, objects, list_columns);
  return TRUE;
}

static const TandemCliKind person_kind = {
  .get_type = tandem_person_get_type,
  .command_show = "person show",
  .command_set = "person set",
  .id_param = "PERSON",
  .find = tandem_cli_find_person,
};

gboolean
tandem_cli_person_show (TandemCli  *cli,
                        GStrv      *args,
                        GError    **error)
{
  return tandem_cli_show (cli, &person_kind, args, error);
}

gboolean
tandem_cli_person_set (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  return tandem_cli_set (cli, &person_kind, args, error);
}
