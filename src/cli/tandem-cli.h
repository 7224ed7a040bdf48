/* tandem-cli.h — what the tandemctl command groups share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-core.h"

G_BEGIN_DECLS

typedef struct
{
  /* global options */
  char        *workspace;
  char        *server;
  char        *as;
  gboolean     json;

  TandemStore *store;         /* opened on first use */
  GHashTable  *person_names;  /* id → name, loaded on first use for output */
} TandemCli;

/* A command: @args are its arguments after the command words, options of
 * any kind included; it parses them with tandem_cli_parse(). */
typedef gboolean (*TandemCliFunc) (TandemCli  *cli,
                                   GStrv      *args,
                                   GError    **error);

void          tandem_cli_clear               (TandemCli           *cli);
GOptionEntry *tandem_cli_global_entries      (TandemCli           *cli);

/* Arguments */
gboolean      tandem_cli_parse               (TandemCli           *cli,
                                              const char          *command,
                                              const char          *params,
                                              const GOptionEntry  *entries,
                                              guint                min_args,
                                              guint                max_args,
                                              GStrv               *args,
                                              GError             **error);
gboolean      tandem_cli_usage_error         (GError             **error,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (2, 3);
gboolean      tandem_cli_parse_count         (const char          *option,
                                              const char          *text,
                                              gint64               min,
                                              gint64              *out,
                                              GError             **error);
gboolean      tandem_cli_parse_day           (const char          *option,
                                              const char          *text,
                                              GDate               *out,
                                              GError             **error);
gboolean      tandem_cli_check_choice        (GType                type,
                                              const char          *field,
                                              const char          *value,
                                              GError             **error);

/* The workspace */
char         *tandem_cli_workspace_path      (TandemCli           *cli,
                                              gboolean            *is_default);
TandemStore  *tandem_cli_store               (TandemCli           *cli,
                                              GError             **error);

/* People */
TandemEntity *tandem_cli_find_person         (TandemCli           *cli,
                                              const char          *person,
                                              GError             **error);
GStrv         tandem_cli_resolve_people      (TandemCli           *cli,
                                              const char * const  *people,
                                              GError             **error);
gboolean      tandem_cli_actor               (TandemCli           *cli,
                                              char               **out_id,
                                              GError             **error);
TandemEntity *tandem_cli_actor_person        (TandemCli           *cli,
                                              gboolean             required,
                                              GError             **error);
const char   *tandem_cli_person_name         (TandemCli           *cli,
                                              const char          *id);

/* FIELD=VALUE */
JsonObject   *tandem_cli_parse_assignments   (TandemCli           *cli,
                                              GType                type,
                                              const char * const  *assignments,
                                              GError             **error);
JsonObject   *tandem_cli_parse_set           (TandemCli           *cli,
                                              GType                type,
                                              const char * const  *assignments,
                                              const char          *expect_rev,
                                              gint64              *base_rev,
                                              GError             **error);
gboolean      tandem_cli_delete              (TandemCli           *cli,
                                              GType                type,
                                              const char          *id,
                                              const char          *expect_rev,
                                              GError             **error);

/* What `show` and `set` need to know of a row type */
typedef struct
{
  GType        (*get_type)  (void);
  const char    *command_show;    /* "campaign show" */
  const char    *command_set;     /* "campaign set" */
  const char    *id_param;        /* "ID" or "PERSON" */
  /* finds the row named on the command line; NULL: by id */
  TandemEntity *(*find)      (TandemCli *cli, const char *name, GError **error);
  /* refuses assignments this type does not take yet; may be NULL */
  gboolean      (*check_set) (const char * const *assignments, GError **error);
  /* the write; NULL: tandem_store_update() */
  TandemEntity *(*update)    (TandemCli *cli, const char *id, gint64 base_rev,
                              JsonObject *patch, GError **error);
  /* the JSON of a row; NULL: tandem_entity_to_json() */
  JsonObject   *(*to_json)   (TandemEntity *row);
} TandemCliKind;

gboolean      tandem_cli_show                (TandemCli           *cli,
                                              const TandemCliKind *kind,
                                              GStrv               *args,
                                              GError             **error);
gboolean      tandem_cli_set                 (TandemCli           *cli,
                                              const TandemCliKind *kind,
                                              GStrv               *args,
                                              GError             **error);

/* Output: stdout carries results only */
void          tandem_cli_print_json          (JsonNode            *node);
void          tandem_cli_print_json_object   (JsonObject          *object);
void          tandem_cli_print_new           (TandemCli           *cli,
                                              JsonObject          *object);
void          tandem_cli_print_object        (TandemCli           *cli,
                                              GType                type,
                                              JsonObject          *object);
void          tandem_cli_print_list          (TandemCli           *cli,
                                              GType                type,
                                              GPtrArray           *objects,
                                              const char * const  *columns);

/* Command groups */
gboolean      tandem_cli_init                (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_demo                (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_backup              (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_check               (TandemCli *cli, GStrv *args, GError **error);

gboolean      tandem_cli_person_add          (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_person_list         (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_person_show         (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_person_set          (TandemCli *cli, GStrv *args, GError **error);

gboolean      tandem_cli_campaign_add        (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_list       (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_show       (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_set        (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_move       (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_duplicate  (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_campaign_delete     (TandemCli *cli, GStrv *args, GError **error);

gboolean      tandem_cli_event_add           (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_event_list          (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_event_show          (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_event_set           (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_event_delete        (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_parse_range         (const char *from, const char *to, GDateTime **range_start,
                                              GDateTime **range_end, GError **error);
gboolean      tandem_cli_calendar_export     (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_calendar_import     (TandemCli *cli, GStrv *args, GError **error);

gboolean      tandem_cli_asset_add           (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_version       (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_submit        (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_set           (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_list          (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_show          (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_export        (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_asset_finalize      (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_comment_add         (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_comment_resolve     (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_comment_reopen      (TandemCli *cli, GStrv *args, GError **error);
gboolean      tandem_cli_review_decide       (TandemCli *cli, GStrv *args, GError **error);

G_END_DECLS
