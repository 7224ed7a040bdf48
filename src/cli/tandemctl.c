/* tandemctl.c — the command line: finds the command, runs it, reports
 *
 * `tandemctl [GLOBAL OPTIONS] COMMAND [ARGS]`, with the global options
 * accepted after the command as well (see /CLI.md). Results go to stdout,
 * one diagnostic line to stderr, and the exit code says what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandemctl"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tandem-cli.h"

typedef struct
{
  const char    *group;
  const char    *name;      /* NULL for a command of one word */
  TandemCliFunc  func;
  const char    *synopsis;
} Command;

static const Command commands[] = {
  { "init", NULL, tandem_cli_init, "init [--shared]" },
  { "demo", NULL, tandem_cli_demo, "demo [--seed N]" },
  { "person", "add", tandem_cli_person_add, "person add NAME --role marketing|sales|admin [--email E]" },
  { "person", "list", tandem_cli_person_list, "person list" },
  { "person", "show", tandem_cli_person_show, "person show PERSON" },
  { "person", "set", tandem_cli_person_set, "person set PERSON FIELD=VALUE... [--expect-rev N]" },
  { "campaign", "add", tandem_cli_campaign_add,
    "campaign add TITLE [--stage S] [--start D] [--end D] [--marketing-owner P] [--sales-owner P]\n"
    "                     [--budget AMOUNT] [--spent AMOUNT] [--currency CUR] [--channel C]...\n"
    "                     [--segment TEXT] [--description TEXT]" },
  { "campaign", "list", tandem_cli_campaign_list, "campaign list [--stage S] [--owner P] [--search TEXT]" },
  { "campaign", "show", tandem_cli_campaign_show, "campaign show ID" },
  { "campaign", "set", tandem_cli_campaign_set, "campaign set ID FIELD=VALUE... [--expect-rev N]" },
  { "campaign", "move", tandem_cli_campaign_move, "campaign move ID STAGE [--position N]" },
  { "campaign", "duplicate", tandem_cli_campaign_duplicate, "campaign duplicate ID" },
  { "campaign", "delete", tandem_cli_campaign_delete, "campaign delete ID [--expect-rev N]" },
  { "event", "add", tandem_cli_event_add,
    "event add TITLE --start T|D [--end T|D] [--all-day] [--kind K] [--campaign ID]\n"
    "                  [--location L] [--attendee P]... [--rrule RULE] [--notes TEXT]" },
  { "event", "list", tandem_cli_event_list, "event list [--from D] [--to D]" },
  { "event", "show", tandem_cli_event_show, "event show ID" },
  { "event", "set", tandem_cli_event_set, "event set ID FIELD=VALUE... [--expect-rev N]" },
  { "event", "delete", tandem_cli_event_delete, "event delete ID [--occurrence T|D] [--expect-rev N]" },
  { "calendar", "export", tandem_cli_calendar_export, "calendar export FILE.ics [--from D] [--to D]" },
  { "calendar", "import", tandem_cli_calendar_import, "calendar import FILE.ics" },
  { "asset", "add", tandem_cli_asset_add,
    "asset add CAMPAIGN_ID FILE [--title T] [--kind K] [--reviewer P]... [--due D]" },
  { "asset", "version", tandem_cli_asset_version, "asset version ASSET_ID FILE [--note TEXT]" },
  { "asset", "submit", tandem_cli_asset_submit, "asset submit ASSET_ID" },
  { "asset", "set", tandem_cli_asset_set, "asset set ASSET_ID FIELD=VALUE... [--expect-rev N]" },
  { "asset", "list", tandem_cli_asset_list, "asset list [--campaign ID] [--state S] [--waiting-for P]" },
  { "asset", "show", tandem_cli_asset_show, "asset show ASSET_ID" },
  { "asset", "export", tandem_cli_asset_export, "asset export ASSET_ID FILE [--version N]" },
  { "asset", "finalize", tandem_cli_asset_finalize, "asset finalize ASSET_ID" },
  { "comment", "add", tandem_cli_comment_add,
    "comment add ASSET_ID TEXT [--version N] [--page N --x F --y F [--w F --h F]] [--reply-to ID]" },
  { "comment", "resolve", tandem_cli_comment_resolve, "comment resolve COMMENT_ID" },
  { "comment", "reopen", tandem_cli_comment_reopen, "comment reopen COMMENT_ID" },
  { "review", "decide", tandem_cli_review_decide,
    "review decide ASSET_ID approved|approved_with_changes|changes_requested [--note TEXT]" },
  { "backup", NULL, tandem_cli_backup, "backup FILE" },
  { "check", NULL, tandem_cli_check, "check" },
};

/* Commands of the contract that later versions bring */
static const char * const later_groups[] = {
  "pack", "report", "brief", NULL
};

static char *
overview (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %s\n", commands[i].synopsis);
  g_string_append (text,
                   "\nPERSON is a person id or a name (exact, any case); D is YYYY-MM-DD, T is\n"
                   "YYYY-MM-DDTHH:MM[:SS][±hh:mm] (local time without an offset); AMOUNT is\n"
                   "a decimal amount with a dot. Exit codes: 0 done, 1 failed, 2 usage,\n"
                   "3 not found, 4 conflict, 5 refused.");
  return g_string_free (text, FALSE);
}

/* The index of the first argument from @start that is neither a global
 * option nor its value: a command word. -1 at the end, at "--", or at any
 * other option (which the option parser then reports). */
static int
find_word (TandemCli  *cli,
           GPtrArray  *argv,
           guint       start)
{
  g_autofree GOptionEntry *globals = tandem_cli_global_entries (cli);

  for (guint i = start; i < argv->len; i++)
    {
      const char *arg = argv->pdata[i];
      gboolean global = FALSE;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        return (int) i;
      if (!g_str_has_prefix (arg, "--"))
        return -1;

      for (const GOptionEntry *e = globals; e->long_name != NULL && !global; e++)
        {
          gsize len = strlen (e->long_name);

          if (strncmp (arg + 2, e->long_name, len) != 0)
            continue;
          if (arg[2 + len] == '=')
            global = TRUE;
          else if (arg[2 + len] == '\0')
            {
              global = TRUE;
              if (e->arg != G_OPTION_ARG_NONE)
                i++;
            }
        }
      if (!global)
        return -1;
    }
  return -1;
}

/* No command: --help, an option error or "no command". */
static gboolean
run_without_command (TandemCli  *cli,
                     GPtrArray  *argv,
                     GError    **error)
{
  g_autofree GOptionEntry *globals = tandem_cli_global_entries (cli);
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND [ARGS…]");
  g_autofree char *description = overview ();
  g_auto(GStrv) strv = NULL;

  g_ptr_array_add (argv, NULL);
  strv = g_strdupv ((char **) argv->pdata);
  g_ptr_array_remove_index (argv, argv->len - 1);

  g_option_context_set_summary (context, "Plan campaigns, events and reviews of a Tandem workspace.");
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, globals, NULL);
  if (!g_option_context_parse_strv (context, &strv, error))
    return FALSE;
  return tandem_cli_usage_error (error, "no command given (try “tandemctl --help”)");
}

static gboolean
run (TandemCli  *cli,
     char      **argv,
     GError    **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) args = NULL;
  const Command *command = NULL;
  const char *group;
  int at;

  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (words, g_strdup (argv[i]));

  if ((at = find_word (cli, words, 1)) < 0)
    return run_without_command (cli, words, error);
  group = words->pdata[at];

  if (g_strv_contains (later_groups, group))
    return tandem_cli_usage_error (error, "%s is not available in this version yet", group);

  for (guint i = 0; i < G_N_ELEMENTS (commands) && command == NULL; i++)
    if (g_str_equal (commands[i].group, group) && commands[i].name == NULL)
      command = &commands[i];

  if (command == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      int sub = find_word (cli, words, at + 1);

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (commands[i].group, group))
          {
            g_string_append_printf (names, "%s%s", names->len ? ", " : "", commands[i].name);
            if (sub > 0 && g_str_equal (commands[i].name, words->pdata[sub]))
              command = &commands[i];
          }
      if (names->len == 0)
        return tandem_cli_usage_error (error, "unknown command “%s” (try “tandemctl --help”)", group);
      if (sub < 0)
        return tandem_cli_usage_error (error, "%s needs a command: %s", group, names->str);
      if (command == NULL)
        return tandem_cli_usage_error (error, "unknown command “%s %s” (%s has: %s)",
                                       group, (char *) words->pdata[sub], group, names->str);
      g_ptr_array_remove_index (words, sub);
    }
  g_ptr_array_remove_index (words, at);

  /* what remains after the program name: options and arguments */
  g_ptr_array_remove_index (words, 0);
  g_ptr_array_add (words, NULL);
  args = g_strdupv ((char **) words->pdata);

  return command->func (cli, &args, error);
}

static int
exit_code (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return 2;
  return tandem_error_exit_code (error);
}

int
main (int    argc,
      char **argv)
{
  TandemCli cli = { 0 };
  g_autoptr(GError) error = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  g_set_prgname ("tandemctl");

  if (!run (&cli, argv, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "failed");
      g_autofree char *message = g_strdup (error->message);

      /* one line, always */
      g_strdelimit (message, "\r\n", ' ');
      status = exit_code (error);
      fprintf (stderr, "tandemctl: %s\n", message);
    }
  tandem_cli_clear (&cli);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "tandemctl: cannot write the output\n");
      if (status == 0)
        status = 1;
    }
  return status;
}
