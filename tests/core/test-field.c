/* test-field.c — value parsing of every field kind, the schema against
 * the field tables and CLI.md, person lookup by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-field"

#include "tandem-test-util.h"

static const TandemFieldInfo *
field (GType       type,
       const char *name)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);
  const TandemFieldInfo *info = tandem_entity_class_lookup_field (klass, name, NULL);

  g_assert_nonnull (info);
  return info;
}

/* @text parses; its text form is @expect (NULL: the same as @text) */
static void
assert_parses (const TandemFieldInfo *info,
               const char            *text,
               const char            *expect)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  tandem_field_value_init (info, &value);
  if (!tandem_field_value_from_text (info, text, &value, &error))
    g_error ("%s: “%s” was refused: %s", info->name, text, error->message);
  back = tandem_field_value_to_text (info, &value);
  g_assert_cmpstr (back, ==, expect ? expect : text);
}

static void
assert_refused (const TandemFieldInfo *info,
                const char            *text)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  tandem_field_value_init (info, &value);
  if (tandem_field_value_from_text (info, text, &value, &error))
    g_error ("%s: “%s” was accepted", info->name, text);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  /* the message names the field */
  test_assert_error_mentions (error, info->name);
}

static void
test_dates (void)
{
  const TandemFieldInfo *start = field (TANDEM_TYPE_CAMPAIGN, "start");
  const char * const bad[] = { "2026-02-30", "2023-02-29", "2026-2-3", "20260203", "2026-02-28x",
                               "2026-13-01", "0000-01-01", "28.02.2026", " 2026-02-28", "2026-02-28T10:00:00Z" };

  assert_parses (start, "2026-02-28", NULL);
  assert_parses (start, "2024-02-29", NULL);
  assert_parses (start, "", "");  /* nullable: empty clears */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (start, bad[i]);
}

static void
test_date_times (void)
{
  const TandemFieldInfo *start = field (TANDEM_TYPE_EVENT, "start");
  const char * const bad[] = {
    "2026-03-05T09:30:00",          /* no offset */
    "2026-03-05T09:30:00+0100x",    /* junk after the offset */
    "2026-03-05T09:30:00+01:00x",
    "2026-03-05T09:30:00 +01:00",
    "2026-03-05T25:00:00Z",
    "2026-02-30T09:00:00Z",
    "2026-03-05 09:30:00Z",
    "tomorrow",
    "",
  };

  assert_parses (start, "2026-03-05T09:30:00+01:00", NULL);
  assert_parses (start, "2026-03-05T09:30:00-05:30", NULL);
  assert_parses (start, "2026-03-05T09:30:00Z", NULL);
  assert_parses (start, "2026-03-05", NULL);  /* all-day */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (start, bad[i]);
}

static void
test_enums_colours_currencies (void)
{
  const TandemFieldInfo *stage = field (TANDEM_TYPE_CAMPAIGN, "stage");
  const TandemFieldInfo *kind = field (TANDEM_TYPE_EVENT, "kind");
  const TandemFieldInfo *color = field (TANDEM_TYPE_CAMPAIGN, "color");
  const TandemFieldInfo *currency = field (TANDEM_TYPE_CAMPAIGN, "currency");
  const char * const stages[] = { "idea", "planning", "production", "review", "live", "done" };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    assert_parses (stage, stages[i], NULL);
  assert_refused (stage, "Planning");
  assert_refused (stage, "planning ");
  assert_refused (stage, "");
  assert_parses (kind, "trade-show", NULL);
  assert_refused (kind, "trade_show");

  assert_parses (color, "#a1B2c3", NULL);
  assert_refused (color, "#abc");
  assert_refused (color, "red");
  assert_refused (color, "#gggggg");
  assert_refused (color, "a1b2c3d");

  assert_parses (currency, "EUR", NULL);
  assert_parses (currency, "CHF", NULL);
  assert_refused (currency, "eur");
  assert_refused (currency, "EURO");
  assert_refused (currency, "€");
}

static void
test_money_and_ints (void)
{
  const TandemFieldInfo *budget = field (TANDEM_TYPE_CAMPAIGN, "budget_planned_cents");
  const TandemFieldInfo *leads = field (TANDEM_TYPE_CAMPAIGN, "leads_target");
  const TandemFieldInfo *page = field (TANDEM_TYPE_COMMENT, "page");
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  /* *_cents fields: whole cents, as in JSON */
  assert_parses (budget, "100", NULL);
  assert_parses (budget, "1250050", NULL);
  assert_parses (budget, "0", NULL);
  assert_refused (budget, "100.00");
  assert_refused (budget, "12500.5");
  assert_refused (budget, "12,50");
  assert_refused (budget, "-5");
  assert_refused (budget, "12a");
  assert_refused (budget, "");

  assert_parses (leads, "40", NULL);
  assert_refused (leads, "-1");
  assert_refused (leads, "4.0");
  assert_refused (leads, "vierzig");

  /* a nullable int: empty is null (-1), shown as empty */
  assert_parses (page, "3", NULL);
  assert_parses (page, "", "");
  assert_refused (page, "three");
  {
    g_auto(GValue) value = G_VALUE_INIT;
    tandem_field_value_init (page, &value);
    g_assert_true (tandem_field_value_from_text (page, "", &value, NULL));
    g_assert_true (tandem_field_value_is_null (page, &value));
  }

  /* money amounts on the command line: a dot and at most two decimals */
  g_assert_true (tandem_parse_money ("12500.50", &cents, &error));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_parse_money ("12500.5", &cents, &error));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_parse_money ("12500", &cents, &error));
  g_assert_cmpint (cents, ==, 1250000);
  g_assert_no_error (error);
  {
    const char * const bad[] = { "1.234", ".5", "1.", "-1", "12,50", "1e3", "", " 1", "12 500" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        cents = 42;
        if (tandem_parse_money (bad[i], &cents, &error))
          g_error ("“%s” was accepted as money", bad[i]);
        g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
        g_assert_cmpint (cents, ==, 42);
        g_clear_error (&error);
      }
  }
  {
    g_autofree char *plain = tandem_format_money_plain (1250005);
    g_assert_cmpstr (plain, ==, "12500.05");
  }
}

/* Each of @bad (JSON objects) is refused by insert */
static void
assert_inserts_refused (TandemStore        *store,
                        GType               type,
                        const char * const *bad,
                        guint               n_bad)
{
  for (guint i = 0; i < n_bad; i++)
    {
      g_autoptr(JsonObject) fields = test_json (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemEntity) row = tandem_store_insert (store, type, fields, 0, &error);

      if (row != NULL)
        g_error ("%s was accepted", bad[i]);
      g_assert_true (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_INVALID) ||
                     g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND));
    }
}

/* Malformed values through the store are refused and write nothing */
static void
test_store_refuses_malformed (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, "fields.tandem", &path);
  const char * const bad[] = {
    "{\"title\": \"A\", \"start\": \"2026-02-30\"}",
    "{\"title\": \"A\", \"start\": \"2026-03-01\", \"end\": \"2026-02-01\"}",
    "{\"title\": \"A\", \"stage\": \"later\"}",
    "{\"title\": \"A\", \"color\": \"#12345\"}",
    "{\"title\": \"A\", \"currency\": \"euro\"}",
    "{\"title\": \"A\", \"budget_planned_cents\": \"100\"}",
    "{\"title\": \"A\", \"budget_planned_cents\": 12.5}",
    "{\"title\": \"A\", \"budget_planned_cents\": -1}",
    "{\"title\": \"A\", \"leads_target\": null}",
    "{\"title\": \"A\", \"channels\": \"Messe\"}",
    "{\"title\": \"A\", \"channels\": [\"Messe\", 3]}",
    "{\"title\": \"A\", \"marketing_owner\": \"nobody\"}",
    "{\"title\": \"A\", \"marketing_owner\": \"0b6c4b0e-3f7e-4d0b-9d3a-3f2b8f1c2a11\"}",
    "{\"title\": \"   \"}",
    "{\"stage\": \"idea\"}",
  };

  assert_inserts_refused (store, TANDEM_TYPE_CAMPAIGN, bad, G_N_ELEMENTS (bad));
  {
    g_autoptr(JsonObject) ev = test_json ("{\"title\": \"Messe\", \"start\": \"2026-03-05T09:30:00+0100x\"}");
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemEntity) row = tandem_store_insert (store, TANDEM_TYPE_EVENT, ev, 0, &error);
    g_assert_null (row);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  }
  g_assert_cmpint (tandem_store_get_last_seq (store), ==, 0);
  g_assert_cmpint (test_raw_count (path, "SELECT count(*) FROM campaign"), ==, 0);
  g_assert_cmpint (test_raw_count (path, "SELECT count(*) FROM event"), ==, 0);

  g_clear_object (&store);
  test_remove_dir (dir);
}

/* Rules across fields of an event */
static void
test_event_rules (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, "events.tandem", &path);
  const char * const good[] = {
    "{\"title\": \"Messe\", \"all_day\": true, \"start\": \"2026-03-05\", \"end\": \"2026-03-08\"}",
    "{\"title\": \"Call\", \"start\": \"2026-03-05T09:30:00+01:00\", \"end\": \"2026-03-05T10:00:00+01:00\", \"tzid\": \"Europe/Berlin\"}",
  };
  const char * const bad[] = {
    /* all-day with times */
    "{\"title\": \"A\", \"all_day\": true, \"start\": \"2026-03-05T09:30:00Z\"}",
    /* all-day end is exclusive: the same day is empty */
    "{\"title\": \"A\", \"all_day\": true, \"start\": \"2026-03-05\", \"end\": \"2026-03-05\"}",
    /* timed with a date */
    "{\"title\": \"A\", \"start\": \"2026-03-05\"}",
    /* end before start */
    "{\"title\": \"A\", \"start\": \"2026-03-05T10:00:00+01:00\", \"end\": \"2026-03-05T09:00:00+01:00\"}",
    /* unknown zone */
    "{\"title\": \"A\", \"start\": \"2026-03-05T10:00:00+01:00\", \"tzid\": \"Mars/Olympus\"}",
    /* unknown kind */
    "{\"title\": \"A\", \"start\": \"2026-03-05T10:00:00+01:00\", \"kind\": \"party\"}",
    /* attendees must be people who exist */
    "{\"title\": \"A\", \"start\": \"2026-03-05T10:00:00+01:00\", \"attendees\": [\"0b6c4b0e-3f7e-4d0b-9d3a-3f2b8f1c2a11\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonObject) fields = test_json (good[i]);
      g_autoptr(TandemEntity) row = test_insert (store, TANDEM_TYPE_EVENT, fields);
      /* each event gets an iCalendar UID */
      g_assert_true (g_str_has_suffix (tandem_entity_get_string (row, "uid"), "@tandem"));
    }
  assert_inserts_refused (store, TANDEM_TYPE_EVENT, bad, G_N_ELEMENTS (bad));
  g_assert_cmpint (test_raw_count (path, "SELECT count(*) FROM event"), ==, G_N_ELEMENTS (good));
  g_assert_cmpint (tandem_store_get_last_seq (store), ==, G_N_ELEMENTS (good));

  g_clear_object (&store);
  test_remove_dir (dir);
}

/* CLI.md's JSON table: the contract shared by the app, the CLI and the server */
static const char * const cli_campaign[] = {
  "title", "description", "stage", "start", "end", "marketing_owner", "sales_owner", "channels",
  "segment", "currency", "budget_planned_cents", "budget_spent_cents", "leads_target", "leads_actual",
  "revenue_target_cents", "revenue_actual_cents", "color", "position", NULL
};
static const char * const cli_event[] = {
  "title", "kind", "all_day", "start", "end", "tzid", "location", "attendees", "notes", "campaign",
  "rrule", "exdates", "uid", NULL
};
static const char * const cli_asset[] = {
  "campaign", "title", "kind", "state", "due", "reviewers", "current_version", NULL
};
static const char * const cli_person[] = { "name", "role", "email", "active", NULL };

/* Fields the core has beyond CLI.md's table. DESIGN.md names the KPIs
 * (qualified leads, pipeline, traffic, conversion); CLI.md does not list
 * them yet. A field added to a field table must be added here or to
 * CLI.md, so the contract is never extended silently. */
static const char * const beyond_cli[] = {
  "campaign.qualified_leads_target", "campaign.qualified_leads_actual",
  "campaign.pipeline_target_cents", "campaign.pipeline_actual_cents",
  "campaign.traffic_target", "campaign.traffic_actual",
  "campaign.conversion_target_bp", "campaign.conversion_actual_bp",
  "campaign.created_by", "event.created_by", "asset.created_by",
  "event.recurrence_id", "event.vtimezone",
  NULL
};

static void
assert_matches_cli (GType               type,
                    const char * const *cli)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (type);

  for (guint i = 0; cli[i] != NULL; i++)
    if (tandem_entity_class_lookup_field (klass, cli[i], NULL) == NULL)
      g_error ("%s lacks the field %s of CLI.md", klass->name, cli[i]);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *qualified = g_strconcat (klass->name, ".", klass->fields[i].name, NULL);
      if (!g_strv_contains (cli, klass->fields[i].name) && !g_strv_contains (beyond_cli, qualified))
        g_error ("%s is neither in CLI.md's JSON table nor a known extension", qualified);
    }
}

static void
test_schema_matches_fields (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, "schema.tandem", &path);
  const char * const meta[] = { "id", "rev", "created_at", "updated_at", "deleted" };
  guint n_types;
  const GType *types = tandem_entity_types (&n_types);
  sqlite3 *db;

  g_assert_cmpuint (n_types, ==, 7);
  g_clear_object (&store);
  db = test_open_raw (path);

  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(TandemEntityClass) klass = g_type_class_ref (types[t]);
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_xinfo(\"%s\")", klass->name);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      g_assert_cmpuint (g_hash_table_size (columns), >, 0);
      for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
        if (!g_hash_table_contains (columns, meta[i]))
          g_error ("table %s lacks the column %s", klass->name, meta[i]);
      for (guint i = 0; i < klass->n_fields; i++)
        if (!g_hash_table_contains (columns, klass->fields[i].name))
          g_error ("table %s lacks the column %s of its field table", klass->name, klass->fields[i].name);
      g_assert_true (tandem_entity_type_from_name (klass->name) == types[t]);
      g_assert_true (tandem_entity_type_from_name (klass->collection) == types[t]);
    }
  sqlite3_close (db);

  assert_matches_cli (TANDEM_TYPE_CAMPAIGN, cli_campaign);
  assert_matches_cli (TANDEM_TYPE_EVENT, cli_event);
  assert_matches_cli (TANDEM_TYPE_ASSET, cli_asset);
  assert_matches_cli (TANDEM_TYPE_PERSON, cli_person);

  test_remove_dir (dir);
}

static TandemEntity *
add_person (TandemStore *store,
            const char  *name)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "name", name);
  return test_insert (store, TANDEM_TYPE_PERSON, fields);
}

static void
assert_finds (TandemStore  *store,
              const char   *query,
              TandemEntity *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) found = tandem_store_find_person (store, query, &error);

  if (found == NULL)
    g_error ("“%s” found nobody: %s", query, error->message);
  g_assert_cmpstr (tandem_entity_get_id (found), ==, tandem_entity_get_id (expect));
}

static void
test_find_person (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autoptr(TandemStore) store = test_create_store (dir, "people.tandem", NULL);
  g_autoptr(TandemEntity) juergen = add_person (store, "Jürgen Müller");
  g_autoptr(TandemEntity) aerger = add_person (store, "ärger");
  g_autoptr(TandemEntity) anna1 = add_person (store, "Anna Schmidt");
  g_autoptr(TandemEntity) anna2 = add_person (store, "anna schmidt");
  g_autoptr(TandemEntity) strasse = add_person (store, "Straße");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) none = NULL;

  assert_finds (store, "jürgen müller", juergen);
  assert_finds (store, "JÜRGEN MÜLLER", juergen);
  assert_finds (store, "Ju\xcc\x88rgen Mu\xcc\x88ller", juergen);  /* decomposed ü */
  assert_finds (store, "ÄRGER", aerger);
  assert_finds (store, tandem_entity_get_id (anna1), anna1);
  assert_finds (store, "STRASSE", strasse);

  none = tandem_store_find_person (store, "Anna Schmidt", &error);
  g_assert_null (none);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_AMBIGUOUS);
  test_assert_error_mentions (error, tandem_entity_get_id (anna1));
  test_assert_error_mentions (error, tandem_entity_get_id (anna2));
  g_clear_error (&error);

  /* exact names only: no prefixes */
  none = tandem_store_find_person (store, "Jürgen", &error);
  g_assert_null (none);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&store);
  test_remove_dir (dir);
}

/* JSON from outside is checked on its bytes first: json-glib 1.6 would
 * overflow its stack on deep nesting. A workspace whose stored list holds
 * such a thing still opens, and the row reads with an empty list. */
static void
test_json_guard (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TandemStore) store = test_create_store (dir, "json.tandem", &path);
  g_autoptr(TandemEntity) row = test_add_campaign (store, "Kanäle");
  g_autoptr(TandemEntity) again = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;
  const char * const *channels;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (tandem_json_parse (deep->str, -1, G_MAXINT32, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  test_assert_error_mentions (error, "nested");
  g_clear_error (&error);
  g_assert_null (tandem_json_parse ("[\"\xff\"]", -1, 100, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tandem_json_parse ("[1, 2, 3]", -1, 4, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  /* nor do quotes of the kinds json-glib also reads hide brackets */
  {
    static const char * const hiding[] = { "['\"', ", "[/* \" */ ", "['\\', ", "[1, /\"/ ", NULL };
    for (guint h = 0; hiding[h] != NULL; h++)
      {
        g_autoptr(GString) sneaky = g_string_new (hiding[h]);
        /* deep enough to overflow json-glib's stack, were it let through */
        for (guint i = 0; i < 100000; i++)
          g_string_append_c (sneaky, '[');
        g_assert_null (tandem_json_parse (sneaky->str, -1, G_MAXINT32, &error));
        g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
  /* brackets inside strings are text, not nesting */
  g_string_prepend_c (deep, '"');
  g_string_append (deep, "\"");
  ok = tandem_json_parse (deep->str, -1, G_MAXINT32, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_VALUE (ok));

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE campaign SET channels = ? WHERE id = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_string_erase (deep, 0, 1);
  g_string_truncate (deep, deep->len - 1);
  sqlite3_bind_text (stmt, 1, deep->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tandem_entity_get_id (row), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  again = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_no_error (error);
  channels = tandem_entity_get_strv (again, "channels");
  g_assert_true (channels == NULL || channels[0] == NULL);
  g_clear_object (&store);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const TestFunc funcs[] = {
    { "/field/dates", test_dates },
    { "/field/date-times", test_date_times },
    { "/field/enums-colours-currencies", test_enums_colours_currencies },
    { "/field/money-and-ints", test_money_and_ints },
    { "/field/store-refuses-malformed", test_store_refuses_malformed },
    { "/field/event-rules", test_event_rules },
    { "/field/schema-matches-fields", test_schema_matches_fields },
    { "/field/find-person", test_find_person },
    { "/field/json-guard", test_json_guard },
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
