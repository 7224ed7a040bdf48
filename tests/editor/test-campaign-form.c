/* test-campaign-form.c — the campaign editor's form logic and locale parsing
 *
 * Runs every locale case in German (de_DE.UTF-8) and in C.UTF-8, and the
 * saves against a real workspace file in a temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-campaign-form"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tandem-core.h"

typedef struct
{
  char        *dir;
  char        *path;
  TandemStore *store;
} Fixture;

static void
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    g_error ("The locale %s is not installed; the editor's tests need it "
             "(build-aux/test generates it: locale-gen / localedef -i de_DE -f UTF-8 de_DE.UTF-8)", name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  use_locale ("C.UTF-8");
  fixture->dir = g_dir_make_tmp ("tandem-form-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.tandem", NULL);
  fixture->store = tandem_store_create (fixture->path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  use_locale ("C.UTF-8");
}

static TandemEntity *
insert_campaign (TandemStore *store,
                 const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  TandemEntity *row;

  g_assert_no_error (error);
  row = tandem_board_insert_campaign (store, json_node_get_object (node), -1, &error);
  g_assert_no_error (error);
  return row;
}

static TandemEntity *
update_campaign (TandemStore  *store,
                 TandemEntity *row,
                 gint64        base_rev,
                 const char   *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  TandemEntity *updated;

  g_assert_no_error (error);
  updated = tandem_board_update_campaign (store, tandem_entity_get_id (row), base_rev,
                                          json_node_get_object (node), &error);
  g_assert_no_error (error);
  return updated;
}

static char *
patch_to_string (JsonObject *patch)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, patch);
  return json_to_string (node, FALSE);
}

/* Locale */

static void
test_locale_money_german (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *money = NULL;
  gint64 cents = 0;
  gint64 count = 0;

  use_locale ("de_DE.UTF-8");

  g_assert_true (tandem_locale_parse_money ("12.500,50", &cents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_locale_parse_money ("12500,5", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_locale_parse_money ("12.500", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250000);
  g_assert_true (tandem_locale_parse_money (" 1 000,05 ", &cents, NULL));
  g_assert_cmpint (cents, ==, 100005);

  /* the currency as the app shows it may come along */
  g_assert_true (tandem_locale_parse_money ("12.500,50 €", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_locale_parse_money ("€12.500,50", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_locale_parse_money ("CHF 99,90", &cents, NULL));
  g_assert_cmpint (cents, ==, 9990);
  g_assert_false (tandem_locale_parse_money ("12,50 Euro", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("€", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("-5 €", &cents, NULL));

  /* English grouping, three decimals, letters, signs and stray separators */
  g_assert_false (tandem_locale_parse_money ("12,500.50", &cents, &error));
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_locale_parse_money ("12,505", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("1,2345", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("12.50", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("12a", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("-5", &cents, NULL));
  g_assert_false (tandem_locale_parse_money ("", &cents, NULL));

  g_assert_true (tandem_locale_parse_int ("12.500", &count, NULL));
  g_assert_cmpint (count, ==, 12500);
  g_assert_false (tandem_locale_parse_int ("12,5", &count, NULL));

  amount = tandem_locale_format_amount (1250050);
  g_assert_cmpstr (amount, ==, "12.500,50");
  money = tandem_locale_format_money (1250050, "EUR");
  g_assert_cmpstr (money, ==, "12.500,50 €");
}

static void
test_locale_money_c (void)
{
  g_autofree char *amount = NULL;
  gint64 cents = 0;

  use_locale ("C.UTF-8");

  g_assert_false (tandem_locale_parse_money ("12.500,50", &cents, NULL));
  g_assert_true (tandem_locale_parse_money ("12,500.50", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250050);
  g_assert_true (tandem_locale_parse_money ("12500.5", &cents, NULL));
  g_assert_cmpint (cents, ==, 1250050);

  amount = tandem_locale_format_amount (1250050);
  g_assert_cmpstr (amount, ==, "12,500.50");
}

static void
assert_date (const char *text,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  gboolean ok = tandem_locale_parse_date (text, &iso, &error);

  if (expected == NULL)
    {
      g_assert_false (ok);
      g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
      g_assert_null (iso);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (iso, ==, expected);
    }
}

static void
test_locale_dates (void)
{
  g_autofree char *german = NULL;
  g_autofree char *c = NULL;
  g_autofree char *none = NULL;

  use_locale ("de_DE.UTF-8");
  german = tandem_locale_format_date ("2026-03-05");
  g_assert_cmpstr (german, ==, "05.03.2026");
  assert_date ("05.03.2026", "2026-03-05");
  assert_date ("5.3.2026", "2026-03-05");
  assert_date ("5.3.26", "2026-03-05");
  assert_date ("2026-03-05", "2026-03-05");
  assert_date ("31.02.2026", NULL);
  assert_date ("03/05", NULL);
  assert_date ("morgen", NULL);

  use_locale ("C.UTF-8");
  c = tandem_locale_format_date ("2026-03-05");
  g_assert_cmpstr (c, ==, "2026-03-05");
  assert_date ("2026-03-05", "2026-03-05");
  assert_date ("05.03.2026", NULL);
  none = tandem_locale_format_date (NULL);
  g_assert_cmpstr (none, ==, "");
}

/* Validation */

static gboolean
form_validate (TandemCampaignForm *form,
               char              **messages)
{
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    g_clear_pointer (&messages[i], g_free);
  return tandem_campaign_form_validate (form, messages);
}

static void
clear_messages (char **messages)
{
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    g_clear_pointer (&messages[i], g_free);
}

static void
test_validation (gconstpointer data)
{
  const char *locale = data;
  gboolean german = g_str_has_prefix (locale, "de");
  g_autoptr(TandemCampaignForm) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) patch = NULL;
  char *messages[TANDEM_CAMPAIGN_N_INPUTS] = { NULL, };

  use_locale (locale);
  form = tandem_campaign_form_new (NULL, "planning");
  g_assert_true (tandem_campaign_form_is_new (form));
  g_assert_false (tandem_campaign_form_is_modified (form));

  /* A new campaign needs a title, and nothing else */
  g_assert_false (form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_TITLE]);
  for (guint i = 1; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    g_assert_null (messages[i]);
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_assert_null (patch);
  g_clear_error (&error);

  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_TITLE, "   ");
  g_assert_false (form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_TITLE]);

  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_TITLE, "Hannover Messe");
  g_assert_true (tandem_campaign_form_is_modified (form));
  g_assert_true (form_validate (form, messages));

  /* The end before the start is marked on the end */
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_START, german ? "20.04.2026" : "2026-04-20");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_END, german ? "17.04.2026" : "2026-04-17");
  g_assert_false (form_validate (form, messages));
  g_assert_null (messages[TANDEM_CAMPAIGN_INPUT_START]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_END]);
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_END, german ? "24.4.26" : "2026-04-24");
  g_assert_true (form_validate (form, messages));
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_END, "next friday");
  g_assert_false (form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_END]);
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_END, "");
  g_assert_true (form_validate (form, messages));

  /* Negative and malformed amounts and counts */
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "-100");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT, "12x");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET, "−3");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL, german ? "1,5" : "1.5");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET, "120 %");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET, german ? "12,500.50" : "12.500,50");
  g_assert_false (form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_LEADS_TARGET]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET]);
  /* the hint shows the amount in the user's own format */
  g_assert_nonnull (strstr (messages[TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT], german ? "12.500,50" : "12,500.50"));
  g_assert_null (messages[TANDEM_CAMPAIGN_INPUT_TITLE]);

  /* The same amounts written right */
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, german ? "12.500,50" : "12,500.50");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT, "");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET, german ? "1.200" : "1,200");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL, "0");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET, german ? "2,5 %" : "2.5%");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET, german ? "250.000" : "250,000");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CURRENCY, "chf");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CHANNELS, "Messe, LinkedIn,, E-Mail, Messe");
  g_assert_true (form_validate (form, messages));

  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (patch, "title"), ==, "Hannover Messe");
  g_assert_cmpstr (json_object_get_string_member (patch, "stage"), ==, "planning");
  g_assert_cmpstr (json_object_get_string_member (patch, "start"), ==, "2026-04-20");
  g_assert_cmpstr (json_object_get_string_member (patch, "currency"), ==, "CHF");
  g_assert_cmpint (json_object_get_int_member (patch, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpint (json_object_get_int_member (patch, "leads_target"), ==, 1200);
  g_assert_cmpint (json_object_get_int_member (patch, "conversion_target_bp"), ==, 250);
  g_assert_cmpint (json_object_get_int_member (patch, "revenue_target_cents"), ==, 25000000);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (patch, "channels")), ==, 3);
  /* unchanged defaults stay out of the patch */
  g_assert_false (json_object_has_member (patch, "end"));
  g_assert_false (json_object_has_member (patch, "budget_spent_cents"));
  g_assert_false (json_object_has_member (patch, "leads_actual"));
  g_assert_false (json_object_has_member (patch, "color"));
  g_assert_false (json_object_has_member (patch, "marketing_owner"));

  /* A choice that is not one */
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_STAGE, "someday");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_COLOR, "blue");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_SALES_OWNER, "Tom");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CURRENCY, "Euro");
  g_assert_false (form_validate (form, messages));
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_STAGE]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_COLOR]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_SALES_OWNER]);
  g_assert_nonnull (messages[TANDEM_CAMPAIGN_INPUT_CURRENCY]);

  clear_messages (messages);
}

/* Patches and saves */

static void
test_patch_only_changes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(TandemCampaignForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  use_locale ("de_DE.UTF-8");
  row = insert_campaign (fixture->store,
                         "{\"title\": \"Webinar\", \"stage\": \"review\", \"start\": \"2026-03-01\","
                         " \"end\": \"2026-03-31\", \"channels\": [\"Webinar\", \"E-Mail\"],"
                         " \"segment\": \"OEM\", \"budget_planned_cents\": 500000,"
                         " \"leads_target\": 1200, \"conversion_target_bp\": 250, \"color\": \"#e01b24\"}");
  form = tandem_campaign_form_new (row, NULL);
  g_assert_false (tandem_campaign_form_is_new (form));

  /* the texts are the row's, in German */
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_START), ==, "01.03.2026");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), ==, "5.000,00");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_LEADS_TARGET), ==, "1.200");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET), ==, "2,50");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_CHANNELS), ==, "Webinar, E-Mail");

  /* Nothing changed: an empty patch, also when retyped in another form */
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "5000");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_START, "2026-03-01");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_CHANNELS, "Webinar,E-Mail");
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (patch), ==, 0);
  g_clear_pointer (&patch, json_object_unref);

  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12.500,50");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_DESCRIPTION, "Zweiter Termin im Mai");
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);
  json = patch_to_string (patch);
  g_assert_cmpuint (json_object_get_size (patch), ==, 2);
  g_assert_cmpint (json_object_get_int_member (patch, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpstr (json_object_get_string_member (patch, "description"), ==, "Zweiter Termin im Mai");

  saved = tandem_board_update_campaign (fixture->store, tandem_entity_get_id (row),
                                        tandem_entity_get_rev (row), patch, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_int (saved, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpstr (tandem_entity_get_string (saved, "segment"), ==, "OEM");
  g_assert_cmpint (tandem_entity_get_rev (saved), ==, tandem_entity_get_rev (row) + 1);
}

static void
test_new_campaign_saved (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TandemCampaignForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(TandemEntity) stored = NULL;
  g_autoptr(GError) error = NULL;

  use_locale ("de_DE.UTF-8");
  form = tandem_campaign_form_new (NULL, "live");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_STAGE), ==, "live");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_CURRENCY), ==, "EUR");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_TITLE, "  Roadshow Süd  ");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_START, "1.6.2026");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT, "99,9");
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);

  saved = tandem_board_insert_campaign (fixture->store, patch, -1, &error);
  g_assert_no_error (error);
  stored = tandem_store_get (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (stored, "title"), ==, "Roadshow Süd");
  g_assert_cmpstr (tandem_entity_get_string (stored, "stage"), ==, "live");
  g_assert_cmpstr (tandem_entity_get_string (stored, "start"), ==, "2026-06-01");
  g_assert_null (tandem_entity_get_string (stored, "end"));
  g_assert_cmpint (tandem_entity_get_int (stored, "budget_spent_cents"), ==, 9990);
  g_assert_cmpstr (tandem_entity_get_string (stored, "currency"), ==, "EUR");
}

/* Someone else changed another field since the editor opened: both stay */
static void
test_save_merges (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(TandemCampaignForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(GError) error = NULL;

  use_locale ("de_DE.UTF-8");
  row = insert_campaign (fixture->store, "{\"title\": \"Messe\", \"segment\": \"OEM\", \"budget_planned_cents\": 100}");
  form = tandem_campaign_form_new (row, NULL);

  theirs = update_campaign (fixture->store, row, tandem_entity_get_rev (row), "{\"segment\": \"Handel\"}");
  g_assert_cmpint (tandem_entity_get_rev (theirs), >, tandem_entity_get_rev (row));

  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12.500,50");
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (patch, "segment"));

  saved = tandem_board_update_campaign (fixture->store, tandem_entity_get_id (row),
                                        tandem_entity_get_rev (row), patch, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_int (saved, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpstr (tandem_entity_get_string (saved, "segment"), ==, "Handel");
}

/* Someone else changed the same field: a conflict, then the person sees
 * their value kept, the other side's untouched fields taken over, and a
 * second save keeps what they typed. */
static void
test_save_conflicts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(TandemEntity) theirs = NULL;
  g_autoptr(TandemEntity) saved = NULL;
  g_autoptr(TandemEntity) current = NULL;
  g_autoptr(TandemCampaignForm) form = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean conflicts[TANDEM_CAMPAIGN_N_INPUTS] = { FALSE, };

  use_locale ("de_DE.UTF-8");
  row = insert_campaign (fixture->store, "{\"title\": \"Messe\", \"segment\": \"OEM\", \"budget_planned_cents\": 100}");
  form = tandem_campaign_form_new (row, NULL);

  theirs = update_campaign (fixture->store, row, tandem_entity_get_rev (row),
                            "{\"budget_planned_cents\": 900000, \"segment\": \"Handel\"}");

  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED, "12.500,50");
  tandem_campaign_form_set_text (form, TANDEM_CAMPAIGN_INPUT_TITLE, "Messe 2026");
  patch = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);

  saved = tandem_board_update_campaign (fixture->store, tandem_entity_get_id (row),
                                        tandem_entity_get_rev (row), patch, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_CONFLICT);
  g_assert_null (saved);
  g_clear_error (&error);

  /* nothing of the refused save was written */
  current = tandem_store_get (fixture->store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (row), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (current, "title"), ==, "Messe");
  g_assert_cmpint (tandem_entity_get_int (current, "budget_planned_cents"), ==, 900000);

  g_assert_cmpuint (tandem_campaign_form_rebase (form, current, conflicts), ==, 1);
  g_assert_true (conflicts[TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED]);
  g_assert_false (conflicts[TANDEM_CAMPAIGN_INPUT_SEGMENT]);
  g_assert_false (conflicts[TANDEM_CAMPAIGN_INPUT_TITLE]);
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED), ==, "12.500,50");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_TITLE), ==, "Messe 2026");
  g_assert_cmpstr (tandem_campaign_form_get_text (form, TANDEM_CAMPAIGN_INPUT_SEGMENT), ==, "Handel");
  g_assert_true (tandem_campaign_form_get_base (form) == current);
  g_assert_true (tandem_campaign_form_is_modified (form));

  again = tandem_campaign_form_build_patch (form, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (again), ==, 2);
  saved = tandem_board_update_campaign (fixture->store, tandem_entity_get_id (row),
                                        tandem_entity_get_rev (current), again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_int (saved, "budget_planned_cents"), ==, 1250050);
  g_assert_cmpstr (tandem_entity_get_string (saved, "title"), ==, "Messe 2026");
  g_assert_cmpstr (tandem_entity_get_string (saved, "segment"), ==, "Handel");
  g_assert_null (tandem_entity_get_string (saved, "start"));
  (void) theirs;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/editor/locale/money-german", test_locale_money_german);
  g_test_add_func ("/editor/locale/money-c", test_locale_money_c);
  g_test_add_func ("/editor/locale/dates", test_locale_dates);
  g_test_add_data_func ("/editor/form/validation-german", "de_DE.UTF-8", test_validation);
  g_test_add_data_func ("/editor/form/validation-c", "C.UTF-8", test_validation);
  g_test_add ("/editor/form/patch-only-changes", Fixture, NULL,
              fixture_setup, test_patch_only_changes, fixture_teardown);
  g_test_add ("/editor/form/new-campaign", Fixture, NULL,
              fixture_setup, test_new_campaign_saved, fixture_teardown);
  g_test_add ("/editor/form/save-merges", Fixture, NULL,
              fixture_setup, test_save_merges, fixture_teardown);
  g_test_add ("/editor/form/save-conflicts", Fixture, NULL,
              fixture_setup, test_save_conflicts, fixture_teardown);

  return g_test_run ();
}
