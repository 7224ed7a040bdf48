/* tandem-cli.c — what the tandemctl command groups share: option parsing,
 * the workspace, people, FIELD=VALUE and output driven by the field tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <stdio.h>
#include <string.h>

#include "tandem-cli.h"

void
tandem_cli_clear (TandemCli *cli)
{
  g_clear_pointer (&cli->workspace, g_free);
  g_clear_pointer (&cli->server, g_free);
  g_clear_pointer (&cli->as, g_free);
  g_clear_pointer (&cli->person_names, g_hash_table_unref);
  g_clear_object (&cli->store);
}

/* The global options, bound to @cli; free with g_free(). */
GOptionEntry *
tandem_cli_global_entries (TandemCli *cli)
{
  const GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &cli->workspace,
      "The workspace file (default: $TANDEM_WORKSPACE, else ~/.local/share/tandem/default.tandem)", "PATH" },
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &cli->server, "Work on a Tandem server", "URL" },
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &cli->as, "Who acts (default: $TANDEM_USER)", "PERSON" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, "Print JSON", NULL },
    G_OPTION_ENTRY_NULL
  };

  return g_memdup2 (entries, sizeof entries);
}

/* Arguments */

gboolean
tandem_cli_usage_error (GError     **error,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (TANDEM_ERROR, TANDEM_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

/* Parses the options of @command (the global ones too, wherever they
 * stand) out of @args, leaving its positional arguments there, between
 * @min_args and @max_args of them (G_MAXUINT: any number). */
gboolean
tandem_cli_parse (TandemCli           *cli,
                  const char          *command,
                  const char          *params,
                  const GOptionEntry  *entries,
                  guint                min_args,
                  guint                max_args,
                  GStrv               *args,
                  GError             **error)
{
  g_autofree GOptionEntry *globals = tandem_cli_global_entries (cli);
  g_autofree char *usage = g_strconcat (command, params ? " " : NULL, params, NULL);
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  guint first = 1;
  guint n;

  g_strv_builder_add (builder, "tandemctl");
  g_strv_builder_addv (builder, (const char **) *args);
  argv = g_strv_builder_end (builder);

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, globals, NULL);
  if (!g_option_context_parse_strv (context, &argv, error))
    return FALSE;

  if (argv[first] != NULL && g_str_equal (argv[first], "--"))
    first++;
  n = g_strv_length (argv + first);

  if (cli->server != NULL)
    {
      g_set_error_literal (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "server mode is not available in this version");
      return FALSE;
    }
  if (n < min_args)
    return tandem_cli_usage_error (error, "%s: missing %s", command, params);
  if (n > max_args)
    return tandem_cli_usage_error (error, "%s: unexpected argument “%s”", command, argv[first + max_args]);

  g_strfreev (*args);
  *args = g_strdupv (argv + first);
  return TRUE;
}

/* A whole number of at least @min, given to @option. */
gboolean
tandem_cli_parse_count (const char  *option,
                        const char  *text,
                        gint64       min,
                        gint64      *out,
                        GError     **error)
{
  gint64 value;

  if (!tandem_parse_int (text, &value) || value < min)
    return tandem_cli_usage_error (error, "%s: “%s” is not a whole number of at least %" G_GINT64_FORMAT,
                                   option, text, min);
  *out = value;
  return TRUE;
}

gboolean
tandem_cli_parse_day (const char  *option,
                      const char  *text,
                      GDate       *out,
                      GError     **error)
{
  if (!tandem_parse_date (text, out))
    return tandem_cli_usage_error (error, "%s: “%s” is not a date (YYYY-MM-DD)", option, text);
  return TRUE;
}

/* @value is one of the choices of the enum @field of @type. */
gboolean
tandem_cli_check_choice (GType        type,
                         const char  *field,
                         const char  *value,
                         GError     **error)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  const TandemFieldInfo *info = tandem_entity_class_lookup_field (klass, field, NULL);
  g_auto(GValue) v = G_VALUE_INIT;

  g_assert (info != NULL && info->kind == TANDEM_FIELD_ENUM);

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  return tandem_field_check (info, &v, error);
}

/* The workspace */

char *
tandem_cli_workspace_path (TandemCli *cli,
                           gboolean  *is_default)
{
  const char *env = g_getenv ("TANDEM_WORKSPACE");

  if (is_default != NULL)
    *is_default = FALSE;
  if (cli->workspace != NULL && cli->workspace[0] != '\0')
    return g_strdup (cli->workspace);
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (is_default != NULL)
    *is_default = TRUE;
  return tandem_store_default_path ();
}

TandemStore *
tandem_cli_store (TandemCli  *cli,
                  GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = tandem_cli_workspace_path (cli, NULL);
  dir = g_path_get_dirname (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED,
                     "there is no workspace %s (“tandemctl init” creates one)", path);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED,
                     "cannot open the workspace %s: the folder %s does not exist", path, dir);
      return NULL;
    }

  cli->store = tandem_store_open (path, error);
  return cli->store;
}

/* People */

TandemEntity *
tandem_cli_find_person (TandemCli   *cli,
                        const char  *person,
                        GError     **error)
{
  TandemStore *store;

  if (!g_utf8_validate (person, -1, NULL))
    {
      tandem_cli_usage_error (error, "a person’s name or id must be UTF-8 text");
      return NULL;
    }
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return NULL;
  return tandem_store_find_person (store, person, error);
}

/* Ids of @people (ids or names), in order, each once. */
GStrv
tandem_cli_resolve_people (TandemCli           *cli,
                           const char * const  *people,
                           GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; people != NULL && people[i] != NULL; i++)
    {
      g_autoptr(TandemEntity) person = tandem_cli_find_person (cli, people[i], error);
      const char *id;

      if (person == NULL)
        return NULL;
      id = tandem_entity_get_id (person);
      if (!g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, g_strdup (id));
          g_strv_builder_add (builder, id);
        }
    }
  return g_strv_builder_end (builder);
}

/* Who acts: --as, else $TANDEM_USER; *@out_id stays NULL without either. */
gboolean
tandem_cli_actor (TandemCli  *cli,
                  char      **out_id,
                  GError    **error)
{
  const char *who = cli->as != NULL ? cli->as : g_getenv ("TANDEM_USER");
  g_autoptr(TandemEntity) person = NULL;

  *out_id = NULL;
  if (who == NULL || who[0] == '\0')
    return TRUE;
  if ((person = tandem_cli_find_person (cli, who, error)) == NULL)
    return FALSE;
  *out_id = g_strdup (tandem_entity_get_id (person));
  return TRUE;
}

/* The person acting (--as or $TANDEM_USER), or NULL without one: an
 * error then only when @required. */
TandemEntity *
tandem_cli_actor_person (TandemCli  *cli,
                         gboolean    required,
                         GError    **error)
{
  const char *who = cli->as != NULL ? cli->as : g_getenv ("TANDEM_USER");

  if (who == NULL || who[0] == '\0')
    {
      if (required)
        tandem_cli_usage_error (error, "say who you are with --as PERSON");
      return NULL;
    }
  return tandem_cli_find_person (cli, who, error);
}

/* The name of person @id for output; the id itself when it is gone. */
const char *
tandem_cli_person_name (TandemCli  *cli,
                        const char *id)
{
  const char *name;

  if (cli->person_names == NULL)
    {
      g_autoptr(GPtrArray) people = NULL;

      cli->person_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (cli->store != NULL && (people = tandem_store_list (cli->store, TANDEM_TYPE_PERSON, NULL)) != NULL)
        for (guint i = 0; i < people->len; i++)
          g_hash_table_insert (cli->person_names,
                               g_strdup (tandem_entity_get_id (people->pdata[i])),
                               g_strdup (tandem_entity_get_string (people->pdata[i], "name")));
    }
  name = g_hash_table_lookup (cli->person_names, id);
  return name != NULL ? name : id;
}

/* FIELD=VALUE */

static gboolean
is_person_ref (const TandemFieldInfo *info)
{
  return (info->kind == TANDEM_FIELD_REF || info->kind == TANDEM_FIELD_REF_LIST) &&
         g_strcmp0 (info->ref_table, "person") == 0;
}

static char *
field_names (TandemEntityClass *klass)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", klass->fields[i].name);
  return g_string_free (names, FALSE);
}

/* The text a person field gets: names resolved to ids. */
static char *
resolve_person_text (TandemCli              *cli,
                     const TandemFieldInfo  *info,
                     const char             *text,
                     GError                **error)
{
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (info->kind == TANDEM_FIELD_REF)
    {
      g_autoptr(TandemEntity) person = NULL;

      if (text[0] == '\0')
        return g_strdup (text);
      if ((person = tandem_cli_find_person (cli, text, error)) == NULL)
        return NULL;
      return g_strdup (tandem_entity_get_id (person));
    }

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (names, parts[i]);
    }
  {
    g_auto(GStrv) list = g_strv_builder_end (names);
    if ((ids = tandem_cli_resolve_people (cli, (const char * const *) list, error)) == NULL)
      return NULL;
  }
  return g_strjoinv (",", ids);
}

/* A patch from FIELD=VALUE texts, each checked by its field's rules;
 * person fields take names too, times without an offset are local. */
JsonObject *
tandem_cli_parse_assignments (TandemCli           *cli,
                              GType                type,
                              const char * const  *assignments,
                              GError             **error)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autoptr(JsonObject) patch = json_object_new ();

  if (assignments == NULL || assignments[0] == NULL)
    {
      tandem_cli_usage_error (error, "nothing to set: give FIELD=VALUE");
      return NULL;
    }

  for (guint i = 0; assignments[i] != NULL; i++)
    {
      const char *eq = strchr (assignments[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      const TandemFieldInfo *info;
      g_auto(GValue) value = G_VALUE_INIT;

      if (eq == NULL || eq == assignments[i])
        {
          tandem_cli_usage_error (error, "“%s” is not FIELD=VALUE", assignments[i]);
          return NULL;
        }
      name = g_strndup (assignments[i], eq - assignments[i]);
      text = g_strdup (eq + 1);

      if ((info = tandem_entity_class_lookup_field (klass, name, NULL)) == NULL)
        {
          g_autofree char *names = field_names (klass);
          tandem_cli_usage_error (error, "%s has no field “%s” (its fields: %s)", klass->name, name, names);
          return NULL;
        }

      if (is_person_ref (info))
        {
          char *ids = resolve_person_text (cli, info, text, error);
          if (ids == NULL)
            return NULL;
          g_free (text);
          text = ids;
        }
      else if (info->kind == TANDEM_FIELD_DATE_TIME && !tandem_parse_date (text, NULL))
        {
          g_autoptr(GDateTime) dt = tandem_parse_date_time (text, NULL);
          if (dt != NULL)
            {
              g_free (text);
              text = tandem_format_date_time (dt);
            }
        }

      g_value_init (&value, tandem_field_value_type (info));
      if (!tandem_field_value_from_text (info, text, &value, error))
        return NULL;
      json_object_set_member (patch, info->name, tandem_field_value_to_json (info, &value));
    }

  return g_steal_pointer (&patch);
}

/* The patch and base revision of `… set ID FIELD=VALUE… [--expect-rev N]`
 * for any type (the store is open afterwards). */
JsonObject *
tandem_cli_parse_set (TandemCli           *cli,
                      GType                type,
                      const char * const  *assignments,
                      const char          *expect_rev,
                      gint64              *base_rev,
                      GError             **error)
{
  *base_rev = 0;
  if (expect_rev != NULL && !tandem_cli_parse_count ("--expect-rev", expect_rev, 1, base_rev, error))
    return NULL;
  if (tandem_cli_store (cli, error) == NULL)
    return NULL;
  return tandem_cli_parse_assignments (cli, type, assignments, error);
}

static TandemEntity *
find_row (TandemCli           *cli,
          const TandemCliKind *kind,
          const char          *name,
          GError             **error)
{
  TandemStore *store;

  if (kind->find != NULL)
    return kind->find (cli, name, error);
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return NULL;
  return tandem_store_get (store, kind->get_type (), name, error);
}

static JsonObject *
row_to_json (const TandemCliKind *kind,
             TandemEntity        *row)
{
  return kind->to_json != NULL ? kind->to_json (row) : tandem_entity_to_json (row);
}

/* `… show ID` for any type */
gboolean
tandem_cli_show (TandemCli           *cli,
                 const TandemCliKind *kind,
                 GStrv               *args,
                 GError             **error)
{
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (!tandem_cli_parse (cli, kind->command_show, kind->id_param, NULL, 1, 1, args, error))
    return FALSE;
  if ((row = find_row (cli, kind, (*args)[0], error)) == NULL)
    return FALSE;

  object = row_to_json (kind, row);
  tandem_cli_print_object (cli, kind->get_type (), object);
  return TRUE;
}

/* `… set ID FIELD=VALUE… [--expect-rev N]` for any type: prints nothing,
 * or the row as it is now with --json */
gboolean
tandem_cli_set (TandemCli           *cli,
                const TandemCliKind *kind,
                GStrv               *args,
                GError             **error)
{
  g_autofree char *expect_rev = NULL;
  g_autofree char *params = g_strdup_printf ("%s FIELD=VALUE...", kind->id_param);
  const GOptionEntry entries[] = {
    { "expect-rev", 0, 0, G_OPTION_ARG_FILENAME, &expect_rev, "Fail if a changed field changed since revision N", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(JsonObject) patch = NULL;
  const char * const *assignments;
  gint64 base_rev;

  if (!tandem_cli_parse (cli, kind->command_set, params, entries, 2, G_MAXUINT, args, error))
    return FALSE;
  assignments = (const char * const *) *args + 1;
  if (kind->check_set != NULL && !kind->check_set (assignments, error))
    return FALSE;
  if ((row = find_row (cli, kind, (*args)[0], error)) == NULL)
    return FALSE;
  if ((patch = tandem_cli_parse_set (cli, kind->get_type (), assignments, expect_rev, &base_rev, error)) == NULL)
    return FALSE;
  if (kind->update != NULL)
    updated = kind->update (cli, tandem_entity_get_id (row), base_rev, patch, error);
  else
    updated = tandem_store_update (cli->store, kind->get_type (), tandem_entity_get_id (row), base_rev, patch,
                                   TANDEM_WRITE_DEFAULT, error);
  if (updated == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = row_to_json (kind, updated);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

/* `… delete ID [--expect-rev N]` for any type. */
gboolean
tandem_cli_delete (TandemCli   *cli,
                   GType        type,
                   const char  *id,
                   const char  *expect_rev,
                   GError     **error)
{
  TandemStore *store;
  gint64 base_rev = 0;

  if (expect_rev != NULL && !tandem_cli_parse_count ("--expect-rev", expect_rev, 1, &base_rev, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (!tandem_store_delete (store, type, id, base_rev, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      json_object_set_boolean_member (object, "deleted", TRUE);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

/* Output */

static void
print_line (const char *text)
{
  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
tandem_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  print_line (text);
}

void
tandem_cli_print_json_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  tandem_cli_print_json (node);
}

/* What `add` prints: the new id alone, or with --json the whole object. */
void
tandem_cli_print_new (TandemCli  *cli,
                      JsonObject *object)
{
  if (cli->json)
    tandem_cli_print_json_object (object);
  else
    print_line (json_object_get_string_member (object, "id"));
}

static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return g_strdup ("");
    }
}

/* The text of a member; person ids become "id (Name)" when @with_ids,
 * else just the names. Lists are joined with ", ". */
static char *
member_text (TandemCli             *cli,
             const TandemFieldInfo *info,
             JsonNode              *node,
             gboolean               with_ids)
{
  gboolean person = info != NULL && is_person_ref (info);
  GString *text;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *value = scalar_text (node);

      if (person && value[0] != '\0')
        return with_ids ? g_strdup_printf ("%s (%s)", value, tandem_cli_person_name (cli, value))
                        : g_strdup (tandem_cli_person_name (cli, value));
      return g_steal_pointer (&value);
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      g_autofree char *value = scalar_text (json_array_get_element (json_node_get_array (node), i));

      if (i > 0)
        g_string_append (text, ", ");
      if (person && with_ids)
        g_string_append_printf (text, "%s (%s)", value, tandem_cli_person_name (cli, value));
      else
        g_string_append (text, person ? tandem_cli_person_name (cli, value) : value);
    }
  return g_string_free (text, FALSE);
}

/* `show`: "field: value" lines in the order of the field table (lines of
 * long texts after the first are indented), or one JSON object. */
void
tandem_cli_print_object (TandemCli  *cli,
                         GType       type,
                         JsonObject *object)
{
  static const char * const meta[] = { "id", "rev", "created_at", "updated_at" };
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autoptr(GString) out = g_string_new (NULL);

  if (cli->json)
    {
      tandem_cli_print_json_object (object);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (meta) + klass->n_fields; i++)
    {
      const TandemFieldInfo *info = i < G_N_ELEMENTS (meta) ? NULL : &klass->fields[i - G_N_ELEMENTS (meta)];
      const char *name = info != NULL ? info->name : meta[i];
      g_autofree char *value = member_text (cli, info, json_object_get_member (object, name), TRUE);
      g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

      g_string_append_printf (out, "%s: %s\n", name, lines[0] != NULL ? lines[0] : "");
      for (guint l = 1; lines[0] != NULL && lines[l] != NULL; l++)
        g_string_append_printf (out, "  %s\n", lines[l]);
    }
  fputs (out->str, stdout);
}

/* `list`: one tab-separated row per object, id first, then @columns (person
 * fields as names); or one JSON array. */
void
tandem_cli_print_list (TandemCli           *cli,
                       GType                type,
                       GPtrArray           *objects,
                       const char * const  *columns)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  g_autoptr(GString) out = g_string_new (NULL);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (objects->len);

      for (guint i = 0; i < objects->len; i++)
        json_array_add_object_element (array, json_object_ref (objects->pdata[i]));
      json_node_take_array (node, array);
      tandem_cli_print_json (node);
      return;
    }

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = objects->pdata[i];

      g_string_append (out, json_object_get_string_member (object, "id"));
      for (guint c = 0; columns[c] != NULL; c++)
        {
          const TandemFieldInfo *info = tandem_entity_class_lookup_field (klass, columns[c], NULL);
          g_autofree char *value = member_text (cli, info, json_object_get_member (object, columns[c]), FALSE);

          /* one row per line, one cell per tab */
          g_strdelimit (value, "\t\n\r", ' ');
          g_string_append_c (out, '\t');
          g_string_append (out, value);
        }
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
}
