/* tandem-cli-asset.c — asset, comment and review commands
 *
 * Every rule comes from tandem-review.c; these commands only parse,
 * call the rules as the person given with --as, and print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <stdio.h>
#include <string.h>

#include "tandem-cli.h"

static const char * const list_columns[] = { "title", "state", "current_version", "due", NULL };

/* The person acting, if any; FALSE on an unknown or ambiguous name */
static gboolean
actor (TandemCli     *cli,
       gboolean       required,
       TandemEntity **out,
       GError       **error)
{
  GError *local = NULL;

  *out = tandem_cli_actor_person (cli, required, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static TandemEntity *
get_asset (TandemCli   *cli,
           const char  *id,
           GError     **error)
{
  TandemStore *store;

  if ((store = tandem_cli_store (cli, error)) == NULL)
    return NULL;
  return tandem_store_get (store, TANDEM_TYPE_ASSET, id, error);
}

static JsonArray *
rows_json (GPtrArray          *rows,
           const char * const *fields)
{
  JsonArray *array = json_array_sized_new (rows->len);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) all = tandem_entity_to_json (rows->pdata[i]);
      JsonObject *object = json_object_new ();

      for (guint f = 0; fields[f] != NULL; f++)
        if (json_object_has_member (all, fields[f]))
          json_object_set_member (object, fields[f], json_node_copy (json_object_get_member (all, fields[f])));
      json_array_add_object_element (array, object);
    }
  return array;
}

static int
compare_number_cb (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = tandem_entity_get_int (*(TandemEntity **) a, "number");
  gint64 y = tandem_entity_get_int (*(TandemEntity **) b, "number");

  return x < y ? -1 : x > y;
}

/* The asset with its versions, all comments and the decisions on the
 * current version, as CLI.md names them */
static JsonObject *
asset_json (TandemStore   *store,
            TandemEntity  *asset,
            GError       **error)
{
  static const char * const version_fields[] = {
    "number", "sha256", "file_name", "mime_type", "size", "uploaded_by", "note", "created_at", NULL
  };
  static const char * const comment_fields[] = {
    "id", "version", "author", "body", "page", "x", "y", "w", "h", "parent", "resolved", "resolved_by",
    "resolved_at", "created_at", NULL
  };
  static const char * const decision_fields[] = { "reviewer", "version", "decision", "note", "created_at", NULL };
  const char *id = tandem_entity_get_id (asset);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) current = g_ptr_array_new ();
  JsonObject *object;

  if ((versions = tandem_store_list_by (store, TANDEM_TYPE_ASSET_VERSION, "asset", id, error)) == NULL ||
      (comments = tandem_store_list_by (store, TANDEM_TYPE_COMMENT, "asset", id, error)) == NULL ||
      (decisions = tandem_store_list_by (store, TANDEM_TYPE_DECISION, "asset", id, error)) == NULL)
    return NULL;
  g_ptr_array_sort (versions, compare_number_cb);
  g_ptr_array_sort (comments, tandem_entity_compare_created);
  for (guint i = 0; i < decisions->len; i++)
    if (tandem_entity_get_int (decisions->pdata[i], "version") == tandem_entity_get_int (asset, "current_version"))
      g_ptr_array_add (current, decisions->pdata[i]);
  g_ptr_array_sort (current, tandem_entity_compare_created);

  object = tandem_entity_to_json (asset);
  json_object_set_array_member (object, "versions", rows_json (versions, version_fields));
  json_object_set_array_member (object, "comments", rows_json (comments, comment_fields));
  json_object_set_array_member (object, "decisions", rows_json (current, decision_fields));
  return object;
}

/* asset add CAMPAIGN_ID FILE [--title T] [--kind K] [--reviewer P]... [--due D] */
gboolean
tandem_cli_asset_add (TandemCli  *cli,
                      GStrv      *args,
                      GError    **error)
{
  g_autofree char *title = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *due = NULL;
  g_auto(GStrv) reviewers = NULL;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Title (default: the file name)", "T" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "Kind, e.g. brochure", "K" },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &reviewers, "A required reviewer (repeat for more)", "P" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, "Review due date", "D" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) who = NULL;
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GFile) file = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "asset add", "CAMPAIGN_ID FILE", entries, 2, 2, args, error))
    return FALSE;
  if (due != NULL)
    {
      GDate date;
      if (!tandem_cli_parse_day ("--due", due, &date, error))
        return FALSE;
      json_object_set_string_member (fields, "due", due);
    }
  if ((store = tandem_cli_store (cli, error)) == NULL ||
      (campaign = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, (*args)[0], error)) == NULL ||
      !actor (cli, TRUE, &who, error))
    return FALSE;
  if (reviewers != NULL)
    {
      g_auto(GStrv) ids = tandem_cli_resolve_people (cli, (const char * const *) reviewers, error);
      JsonArray *array = json_array_new ();

      if (ids == NULL)
        {
          json_array_unref (array);
          return FALSE;
        }
      for (guint i = 0; ids[i] != NULL; i++)
        json_array_add_string_element (array, ids[i]);
      json_object_set_array_member (fields, "reviewers", array);
    }
  json_object_set_string_member (fields, "campaign", tandem_entity_get_id (campaign));
  if (title != NULL)
    json_object_set_string_member (fields, "title", title);
  if (kind != NULL)
    json_object_set_string_member (fields, "kind", kind);

  file = g_file_new_for_commandline_arg ((*args)[1]);
  if ((asset = tandem_review_add_asset (store, fields, file, NULL, who, 0, NULL, error)) == NULL)
    return FALSE;
  if ((object = asset_json (store, asset, error)) == NULL)
    return FALSE;
  tandem_cli_print_new (cli, object);
  return TRUE;
}

/* asset version ASSET_ID FILE [--note TEXT]: prints the new number */
gboolean
tandem_cli_asset_version (TandemCli  *cli,
                          GStrv      *args,
                          GError    **error)
{
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "What changed in this version", "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemEntity) who = NULL;
  g_autoptr(TandemEntity) version = NULL;
  g_autoptr(GFile) file = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "asset version", "ASSET_ID FILE", entries, 2, 2, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL || !actor (cli, TRUE, &who, error))
    return FALSE;
  file = g_file_new_for_commandline_arg ((*args)[1]);
  if ((version = tandem_review_add_version (store, (*args)[0], file, NULL, note, who, 0, NULL, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = tandem_entity_to_json (version);
      tandem_cli_print_json_object (object);
    }
  else
    printf ("%" G_GINT64_FORMAT "\n", tandem_entity_get_int (version, "number"));
  return TRUE;
}

/* The commands that take one id and apply one rule as the actor; CLI.md
 * names those that refuse without one (exit 2) */
typedef TandemEntity *(*RuleFunc) (TandemStore   *store,
                                   const char    *id,
                                   TandemEntity  *actor,
                                   GError       **error);

static gboolean
run_rule (TandemCli   *cli,
          const char  *command,
          const char  *param,
          RuleFunc     rule,
          gboolean     need_actor,
          gboolean     print_asset,
          GStrv       *args,
          GError     **error)
{
  g_autoptr(TandemEntity) who = NULL;
  g_autoptr(TandemEntity) row = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, command, param, NULL, 1, 1, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL || !actor (cli, need_actor, &who, error))
    return FALSE;
  if ((row = rule (store, (*args)[0], who, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonObject) object = print_asset ? asset_json (store, row, error) : tandem_entity_to_json (row);
      if (object == NULL)
        return FALSE;
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

gboolean
tandem_cli_asset_submit (TandemCli  *cli,
                         GStrv      *args,
                         GError    **error)
{
  return run_rule (cli, "asset submit", "ASSET_ID", tandem_review_submit, TRUE, TRUE, args, error);
}

gboolean
tandem_cli_asset_finalize (TandemCli  *cli,
                           GStrv      *args,
                           GError    **error)
{
  return run_rule (cli, "asset finalize", "ASSET_ID", tandem_review_finalize, TRUE, TRUE, args, error);
}

static TandemEntity *
resolve_rule (TandemStore   *store,
              const char    *id,
              TandemEntity  *who,
              GError       **error)
{
  return tandem_review_resolve (store, id, TRUE, who, error);
}

static TandemEntity *
reopen_rule (TandemStore   *store,
             const char    *id,
             TandemEntity  *who,
             GError       **error)
{
  return tandem_review_resolve (store, id, FALSE, who, error);
}

gboolean
tandem_cli_comment_resolve (TandemCli  *cli,
                            GStrv      *args,
                            GError    **error)
{
  return run_rule (cli, "comment resolve", "COMMENT_ID", resolve_rule, FALSE, FALSE, args, error);
}

gboolean
tandem_cli_comment_reopen (TandemCli  *cli,
                           GStrv      *args,
                           GError    **error)
{
  return run_rule (cli, "comment reopen", "COMMENT_ID", reopen_rule, FALSE, FALSE, args, error);
}

/* asset set ASSET_ID FIELD=VALUE…: title, kind, due, reviewers */
static TandemEntity *
update_asset (TandemCli    *cli,
              const char   *id,
              gint64        base_rev,
              JsonObject   *patch,
              GError      **error)
{
  g_autoptr(TandemEntity) who = NULL;

  if (!actor (cli, FALSE, &who, error))
    return NULL;
  return tandem_review_set (cli->store, id, base_rev, patch, who, error);
}

static JsonObject *
asset_to_json (TandemEntity *asset)
{
  return tandem_entity_to_json (asset);
}

static const TandemCliKind asset_kind = {
  .get_type = tandem_asset_get_type,
  .command_show = "asset show",
  .command_set = "asset set",
  .id_param = "ASSET_ID",
  .update = update_asset,
  .to_json = asset_to_json,
};

gboolean
tandem_cli_asset_set (TandemCli  *cli,
                      GStrv      *args,
                      GError    **error)
{
  return tandem_cli_set (cli, &asset_kind, args, error);
}

static void
print_rows (TandemCli  *cli,
            const char *heading,
            JsonArray  *rows,
            const char * const *columns)
{
  printf ("%s:\n", heading);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autoptr(GString) line = g_string_new ("  ");

      for (guint c = 0; columns[c] != NULL; c++)
        {
          JsonNode *node = json_object_get_member (row, columns[c]);
          g_autofree char *text = NULL;

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            text = g_strdup ("");
          else if (json_node_get_value_type (node) == G_TYPE_STRING)
            text = g_strdup (json_node_get_string (node));
          else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (node) ? "resolved" : "open");
          else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
            text = g_strdup_printf ("%.3f", json_node_get_double (node));
          else
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          if (g_str_equal (columns[c], "author") || g_str_equal (columns[c], "reviewer") ||
              g_str_equal (columns[c], "uploaded_by"))
            {
              const char *name = tandem_cli_person_name (cli, text);
              g_free (text);
              text = g_strdup (name);
            }
          g_strdelimit (text, "\t\n", ' ');
          g_string_append_printf (line, "%s%s", c > 0 ? "\t" : "", text);
        }
      puts (line->str);
    }
}

gboolean
tandem_cli_asset_show (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  static const char * const version_columns[] = { "number", "file_name", "mime_type", "size", "uploaded_by", "note", NULL };
  static const char * const comment_columns[] = { "id", "version", "author", "resolved", "page", "body", NULL };
  static const char * const decision_columns[] = { "reviewer", "decision", "note", NULL };
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (!tandem_cli_parse (cli, "asset show", "ASSET_ID", NULL, 1, 1, args, error))
    return FALSE;
  if ((asset = get_asset (cli, (*args)[0], error)) == NULL ||
      (object = asset_json (cli->store, asset, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      tandem_cli_print_json_object (object);
      return TRUE;
    }
  {
    g_autoptr(JsonObject) plain = tandem_entity_to_json (asset);
    tandem_cli_print_object (cli, TANDEM_TYPE_ASSET, plain);
  }
  print_rows (cli, "versions", json_object_get_array_member (object, "versions"), version_columns);
  print_rows (cli, "comments", json_object_get_array_member (object, "comments"), comment_columns);
  print_rows (cli, "decisions", json_object_get_array_member (object, "decisions"), decision_columns);
  return TRUE;
}

/* asset list [--campaign ID] [--state S] [--waiting-for P] */
gboolean
tandem_cli_asset_list (TandemCli  *cli,
                       GStrv      *args,
                       GError    **error)
{
  g_autofree char *campaign = NULL;
  g_autofree char *state = NULL;
  g_autofree char *waiting_for = NULL;
  const GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign, "Only the assets of this campaign", "ID" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, "Only assets in this state", "S" },
    { "waiting-for", 0, 0, G_OPTION_ARG_STRING, &waiting_for, "Only assets this reviewer must still decide on", "P" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(TandemEntity) reviewer = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "asset list", NULL, entries, 0, 0, args, error))
    return FALSE;
  if (state != NULL && !tandem_cli_check_choice (TANDEM_TYPE_ASSET, "state", state, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (waiting_for != NULL && (reviewer = tandem_cli_find_person (cli, waiting_for, error)) == NULL)
    return FALSE;
  if (campaign != NULL)
    {
      g_autoptr(TandemEntity) row = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, campaign, error);
      if (row == NULL)
        return FALSE;
      assets = tandem_store_list_by (store, TANDEM_TYPE_ASSET, "campaign", campaign, error);
    }
  else
    assets = tandem_store_list (store, TANDEM_TYPE_ASSET, error);
  if (assets == NULL)
    return FALSE;
  g_ptr_array_sort (assets, tandem_entity_compare_created);

  for (guint i = 0; i < assets->len; i++)
    {
      TandemEntity *asset = assets->pdata[i];

      if (state != NULL && g_strcmp0 (tandem_entity_get_string (asset, "state"), state) != 0)
        continue;
      if (reviewer != NULL && !tandem_review_is_waiting_for (store, asset, tandem_entity_get_id (reviewer)))
        continue;
      g_ptr_array_add (objects, tandem_entity_to_json (asset));
    }
  tandem_cli_print_list (cli, TANDEM_TYPE_ASSET, objects, list_columns);
  return TRUE;
}

/* asset export ASSET_ID FILE [--version N]: never overwrites a file */
gboolean
tandem_cli_asset_export (TandemCli  *cli,
                         GStrv      *args,
                         GError    **error)
{
  g_autofree char *version_text = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_STRING, &version_text, "Which version (default: the current one)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  GError *local = NULL;
  TandemEntity *version = NULL;
  gint64 number = 0;

  if (!tandem_cli_parse (cli, "asset export", "ASSET_ID FILE", entries, 2, 2, args, error))
    return FALSE;
  if (version_text != NULL && !tandem_cli_parse_count ("--version", version_text, 1, &number, error))
    return FALSE;
  if ((asset = get_asset (cli, (*args)[0], error)) == NULL)
    return FALSE;
  if (number == 0)
    number = tandem_entity_get_int (asset, "current_version");
  if ((versions = tandem_store_list_by (cli->store, TANDEM_TYPE_ASSET_VERSION, "asset", (*args)[0], error)) == NULL)
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    if (tandem_entity_get_int (versions->pdata[i], "number") == number)
      version = versions->pdata[i];
  if (version == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND, "\"%s\" has no version %" G_GINT64_FORMAT,
                   tandem_entity_get_string (asset, "title"), number);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg ((*args)[1]);
  if ((out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local)) == NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS,
                     "%s exists already: tandemctl never overwrites a file", path);
      else
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot write %s: %s", path, local->message);
      g_error_free (local);
      return FALSE;
    }
  if (!tandem_store_read_blob (cli->store, tandem_entity_get_string (version, "sha256"), G_OUTPUT_STREAM (out),
                               NULL, &local) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
    {
      g_file_delete (file, NULL, NULL);
      g_propagate_error (error, local);
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = tandem_entity_to_json (version);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}

static gboolean
parse_fraction (const char  *option,
                const char  *text,
                double      *out,
                GError     **error)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= 0.0 && value <= 1.0))
    return tandem_cli_usage_error (error, "%s: “%s” is not a fraction of the page between 0 and 1", option, text);
  *out = value;
  return TRUE;
}

/* comment add ASSET_ID TEXT [--version N] [--page N --x F --y F [--w F --h F]] [--reply-to ID] */
gboolean
tandem_cli_comment_add (TandemCli  *cli,
                        GStrv      *args,
                        GError    **error)
{
  g_autofree char *version_text = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *x = NULL, *y = NULL, *w = NULL, *h = NULL;
  g_autofree char *reply_to = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_STRING, &version_text, "Version (default: the current one)", "N" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page_text, "Pin the comment to page N (from 1)", "N" },
    { "x", 0, 0, G_OPTION_ARG_STRING, &x, "Left of the pin, as a fraction of the page width", "F" },
    { "y", 0, 0, G_OPTION_ARG_STRING, &y, "Top of the pin, as a fraction of the page height", "F" },
    { "w", 0, 0, G_OPTION_ARG_STRING, &w, "Width of a marked region, as a fraction", "F" },
    { "h", 0, 0, G_OPTION_ARG_STRING, &h, "Height of a marked region, as a fraction", "F" },
    { "reply-to", 0, 0, G_OPTION_ARG_STRING, &reply_to, "Answer this comment", "ID" },
    G_OPTION_ENTRY_NULL
  };
  TandemAnchor anchor = { 0, 0, 0, 0, 0 };
  g_autoptr(TandemEntity) who = NULL;
  g_autoptr(TandemEntity) comment = NULL;
  gint64 version = 0;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "comment add", "ASSET_ID TEXT", entries, 2, 2, args, error))
    return FALSE;
  if (version_text != NULL && !tandem_cli_parse_count ("--version", version_text, 1, &version, error))
    return FALSE;
  if (page_text != NULL && !tandem_cli_parse_count ("--page", page_text, 1, &anchor.page, error))
    return FALSE;
  if ((page_text == NULL) != (x == NULL) || (x == NULL) != (y == NULL) || (w == NULL) != (h == NULL) ||
      (w != NULL && page_text == NULL))
    return tandem_cli_usage_error (error, "a pin needs --page, --x and --y together (and --w with --h for a region)");
  if (!parse_fraction ("--x", x, &anchor.x, error) || !parse_fraction ("--y", y, &anchor.y, error) ||
      !parse_fraction ("--w", w, &anchor.w, error) || !parse_fraction ("--h", h, &anchor.h, error))
    return FALSE;
  {
    g_autofree char *body = g_strstrip (g_strdup ((*args)[1]));
    if (body[0] == '\0')
      return tandem_cli_usage_error (error, "the comment is empty");
  }

  if ((store = tandem_cli_store (cli, error)) == NULL || !actor (cli, TRUE, &who, error))
    return FALSE;
  comment = tandem_review_comment (store, (*args)[0], version, (*args)[1], page_text != NULL ? &anchor : NULL,
                                   reply_to, who, error);
  if (comment == NULL)
    return FALSE;
  {
    g_autoptr(JsonObject) object = tandem_entity_to_json (comment);
    tandem_cli_print_new (cli, object);
  }
  return TRUE;
}

/* review decide ASSET_ID approved|approved_with_changes|changes_requested [--note TEXT] */
gboolean
tandem_cli_review_decide (TandemCli  *cli,
                          GStrv      *args,
                          GError    **error)
{
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "Why", "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemEntity) who = NULL;
  g_autoptr(TandemEntity) decision = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "review decide", "ASSET_ID DECISION", entries, 2, 2, args, error))
    return FALSE;
  if (!tandem_cli_check_choice (TANDEM_TYPE_DECISION, "decision", (*args)[1], error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL || !actor (cli, TRUE, &who, error))
    return FALSE;
  if ((decision = tandem_review_decide (store, (*args)[0], (*args)[1], note, who, error)) == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonObject) object = tandem_entity_to_json (decision);
      tandem_cli_print_json_object (object);
    }
  return TRUE;
}
