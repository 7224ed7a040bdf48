/* tandem-cli-campaign.c — campaign add, list, show, set, move, duplicate, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <string.h>

#include "tandem-cli.h"

static const char * const list_columns[] = {
  "title", "stage", "start", "end", "marketing_owner", "sales_owner", NULL
};

/* Sets @field to the cents of @amount, given to @option. */
static gboolean
set_amount (JsonObject  *fields,
            const char  *field,
            const char  *option,
            const char  *amount,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  gint64 cents;

  if (amount == NULL)
    return TRUE;
  if (!tandem_parse_money (amount, &cents, &local))
    return tandem_cli_usage_error (error, "%s: %s", option, local->message);
  json_object_set_int_member (fields, field, cents);
  return TRUE;
}

/* Sets @field to the id of @person (an id or a name). */
static gboolean
set_person (TandemCli   *cli,
            JsonObject  *fields,
            const char  *field,
            const char  *person,
            GError     **error)
{
  g_autoptr(TandemEntity) found = NULL;

  if (person == NULL)
    return TRUE;
  if ((found = tandem_cli_find_person (cli, person, error)) == NULL)
    return FALSE;
  json_object_set_string_member (fields, field, tandem_entity_get_id (found));
  return TRUE;
}

static void
set_string (JsonObject *fields,
            const char *field,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (fields, field, value);
}

gboolean
tandem_cli_campaign_add (TandemCli  *cli,
                         GStrv      *args,
                         GError    **error)
{
  g_autofree char *stage = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *marketing_owner = NULL;
  g_autofree char *sales_owner = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *spent = NULL;
  g_autofree char *currency = NULL;
  g_auto(GStrv) channels = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_FILENAME, &stage, "idea, planning, production, review, live or done", "S" },
    { "start", 0, 0, G_OPTION_ARG_FILENAME, &start, "First day", "D" },
    { "end", 0, 0, G_OPTION_ARG_FILENAME, &end, "Last day", "D" },
    { "marketing-owner", 0, 0, G_OPTION_ARG_FILENAME, &marketing_owner, "Owner in marketing", "P" },
    { "sales-owner", 0, 0, G_OPTION_ARG_FILENAME, &sales_owner, "Owner in sales", "P" },
    { "budget", 0, 0, G_OPTION_ARG_FILENAME, &budget, "Planned budget", "AMOUNT" },
    { "spent", 0, 0, G_OPTION_ARG_FILENAME, &spent, "Budget spent", "AMOUNT" },
    { "currency", 0, 0, G_OPTION_ARG_FILENAME, &currency, "ISO 4217 code (default EUR)", "CUR" },
    { "channel", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &channels, "A channel (repeatable)", "C" },
    { "segment", 0, 0, G_OPTION_ARG_FILENAME, &segment, "Target segment", "TEXT" },
    { "description", 0, 0, G_OPTION_ARG_FILENAME, &description, "Description", "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) campaign = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *actor = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "campaign add", "TITLE", entries, 1, 1, args, error))
    return FALSE;

  json_object_set_string_member (fields, "title", (*args)[0]);
  set_string (fields, "stage", stage);
  set_string (fields, "start", start);
  set_string (fields, "end", end);
  set_string (fields, "currency", currency);
  set_string (fields, "segment", segment);
  set_string (fields, "description", description);
  if (channels != NULL)
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; channels[i] != NULL; i++)
        json_array_add_string_element (array, channels[i]);
      json_object_set_array_member (fields, "channels", array);
    }
  if (!set_amount (fields, "budget_planned_cents", "--budget", budget, error) ||
      !set_amount (fields, "budget_spent_cents", "--spent", spent, error))
    return FALSE;

  if ((store = tandem_cli_store (cli, error)) == NULL ||
      !set_person (cli, fields, "marketing_owner", marketing_owner, error) ||
      !set_person (cli, fields, "sales_owner", sales_owner, error) ||
      !tandem_cli_actor (cli, &actor, error))
    return FALSE;
  set_string (fields, "created_by", actor);

  if ((campaign = tandem_board_insert_campaign (store, fields, -1, error)) == NULL)
    return FALSE;
  object = tandem_entity_to_json (campaign);
  tandem_cli_print_new (cli, object);
  return TRUE;
}

/* Case-insensitive, normalized form for searching. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return tandem_board_compare (*(TandemEntity * const *) a, *(TandemEntity * const *) b);
}

gboolean
tandem_cli_campaign_list (TandemCli  *cli,
                          GStrv      *args,
                          GError    **error)
{
  g_autofree char *stage = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *search = NULL;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_FILENAME, &stage, "Only campaigns in this stage", "S" },
    { "owner", 0, 0, G_OPTION_ARG_FILENAME, &owner, "Only campaigns this person owns (either side)", "P" },
    { "search", 0, 0, G_OPTION_ARG_FILENAME, &search, "Only campaigns with TEXT in title, description or segment",
      "TEXT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(TandemEntity) person = NULL;
  g_autofree char *needle = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "campaign list", NULL, entries, 0, 0, args, error))
    return FALSE;
  if (stage != NULL && !tandem_cli_check_choice (TANDEM_TYPE_CAMPAIGN, "stage", stage, error))
    return FALSE;
  if (search != NULL && !g_utf8_validate (search, -1, NULL))
    return tandem_cli_usage_error (error, "--search: the text is not valid UTF-8");
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;
  if (owner != NULL && (person = tandem_cli_find_person (cli, owner, error)) == NULL)
    return FALSE;

  campaigns = stage != NULL ? tandem_store_list_by (store, TANDEM_TYPE_CAMPAIGN, "stage", stage, error)
                            : tandem_store_list (store, TANDEM_TYPE_CAMPAIGN, error);
  if (campaigns == NULL)
    return FALSE;
  g_ptr_array_sort (campaigns, compare_cb);

  needle = search != NULL ? fold (search) : NULL;
  for (guint i = 0; i < campaigns->len; i++)
    {
      TandemEntity *campaign = campaigns->pdata[i];

      if (person != NULL &&
          g_strcmp0 (tandem_entity_get_string (campaign, "marketing_owner"), tandem_entity_get_id (person)) != 0 &&
          g_strcmp0 (tandem_entity_get_string (campaign, "sales_owner"), tandem_entity_get_id (person)) != 0)
        continue;

      if (needle != NULL)
        {
          static const char * const searched[] = { "title", "description", "segment" };
          gboolean found = FALSE;

          for (guint f = 0; f < G_N_ELEMENTS (searched) && !found; f++)
            {
              g_autofree char *hay = fold (tandem_entity_get_string (campaign, searched[f]));
              found = strstr (hay, needle) != NULL;
            }
          if (!found)
            continue;
        }

      g_ptr_array_add (objects, tandem_entity_to_json (campaign));
    }

  tandem_cli_print_list (cli, TANDEM_TYPE_CAMPAIGN, objects, list_columns);
  return TRUE;
}

/* a new stage puts it at the end of that column */
static TandemEntity *
update_campaign (TandemCli    *cli,
                 const char   *id,
                 gint64        base_rev,
                 JsonObject   *patch,
                 GError      **error)
{
  return tandem_board_update_campaign (cli->store, id, base_rev, patch, error);
}

static const TandemCliKind campaign_kind = {
  .get_type = tandem_campaign_get_type,
  .command_show = "campaign show",
  .command_set = "campaign set",
  .id_param = "ID",
  .update = update_campaign,
};

gboolean
tandem_cli_campaign_show (TandemCli  *cli,
                          GStrv      *args,
                          GError    **error)
{
  return tandem_cli_show (cli, &campaign_kind, args, error);
}

/* move: the campaign as it is now, with --json */
static void
print_updated (TandemCli    *cli,
               TandemEntity *campaign)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) object = tandem_entity_to_json (campaign);
      tandem_cli_print_json_object (object);
    }
}

gboolean
tandem_cli_campaign_set (TandemCli  *cli,
                         GStrv      *args,
                         GError    **error)
{
  return tandem_cli_set (cli, &campaign_kind, args, error);
}

gboolean
tandem_cli_campaign_move (TandemCli  *cli,
                          GStrv      *args,
                          GError    **error)
{
  g_autofree char *position_text = NULL;
  g_autofree char *expect_rev = NULL;
  const GOptionEntry entries[] = {
    { "position", 0, 0, G_OPTION_ARG_FILENAME, &position_text, "Place in the column, 0 = top (default: the end)", "N" },
    { "expect-rev", 0, 0, G_OPTION_ARG_FILENAME, &expect_rev, "Fail if stage or position changed since revision N",
      "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemEntity) moved = NULL;
  gint64 position = -1;
  gint64 base_rev = 0;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "campaign move", "ID STAGE", entries, 2, 2, args, error))
    return FALSE;
  if (position_text != NULL && !tandem_cli_parse_count ("--position", position_text, 0, &position, error))
    return FALSE;
  if (expect_rev != NULL && !tandem_cli_parse_count ("--expect-rev", expect_rev, 1, &base_rev, error))
    return FALSE;
  if (!tandem_cli_check_choice (TANDEM_TYPE_CAMPAIGN, "stage", (*args)[1], error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL)
    return FALSE;

  moved = tandem_board_move_campaign (store, (*args)[0], (*args)[1], (gint) MIN (position, G_MAXINT),
                                      base_rev, error);
  if (moved == NULL)
    return FALSE;
  print_updated (cli, moved);
  return TRUE;
}

gboolean
tandem_cli_campaign_duplicate (TandemCli  *cli,
                               GStrv      *args,
                               GError    **error)
{
  g_autoptr(TandemEntity) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *actor = NULL;
  TandemStore *store;

  if (!tandem_cli_parse (cli, "campaign duplicate", "ID", NULL, 1, 1, args, error))
    return FALSE;
  if ((store = tandem_cli_store (cli, error)) == NULL || !tandem_cli_actor (cli, &actor, error))
    return FALSE;
  if ((copy = tandem_board_duplicate_campaign (store, (*args)[0], actor, error)) == NULL)
    return FALSE;

  object = tandem_entity_to_json (copy);
  tandem_cli_print_new (cli, object);
  return TRUE;
}

gboolean
tandem_cli_campaign_delete (TandemCli  *cli,
                            GStrv      *args,
                            GError    **error)
{
  g_autofree char *expect_rev = NULL;
  const GOptionEntry entries[] = {
    { "expect-rev", 0, 0, G_OPTION_ARG_FILENAME, &expect_rev, "Fail if it changed since revision N", "N" },
    G_OPTION_ENTRY_NULL
  };

  if (!tandem_cli_parse (cli, "campaign delete", "ID", entries, 1, 1, args, error))
    return FALSE;
  return tandem_cli_delete (cli, TANDEM_TYPE_CAMPAIGN, (*args)[0], expect_rev, error);
}
