/* tandem-schema.c — DDL of each schema version
 *
 * Each version's DDL stays as it was written; a newer version adds a
 * migration step from the one before. tests/test-schema.c checks that the
 * tables match the field tables of the entity classes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-schema"

#include "tandem-error.h"
#include "tandem-schema.h"

#define ROW_META \
  "id TEXT PRIMARY KEY NOT NULL, rev INTEGER NOT NULL, created_at TEXT NOT NULL, " \
  "updated_at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, "

static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,"
  "  id TEXT NOT NULL, rev INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX change_log_row ON change_log (entity, id);"
  "CREATE TABLE field_rev (entity TEXT NOT NULL, id TEXT NOT NULL, field TEXT NOT NULL,"
  "  rev INTEGER NOT NULL, PRIMARY KEY (entity, id, field)) WITHOUT ROWID;"
  "CREATE TABLE blob (sha256 TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL,"
  "  mime_type TEXT NOT NULL, bytes BLOB NOT NULL);"

  "CREATE TABLE person (" ROW_META
  "  name TEXT NOT NULL, role TEXT NOT NULL, email TEXT, active INTEGER NOT NULL);"

  "CREATE TABLE campaign (" ROW_META
  "  title TEXT NOT NULL, description TEXT NOT NULL, stage TEXT NOT NULL, start TEXT, \"end\" TEXT,"
  "  marketing_owner TEXT, sales_owner TEXT, channels TEXT NOT NULL, segment TEXT NOT NULL,"
  "  currency TEXT NOT NULL, budget_planned_cents INTEGER NOT NULL, budget_spent_cents INTEGER NOT NULL,"
  "  leads_target INTEGER NOT NULL, leads_actual INTEGER NOT NULL,"
  "  qualified_leads_target INTEGER NOT NULL, qualified_leads_actual INTEGER NOT NULL,"
  "  pipeline_target_cents INTEGER NOT NULL, pipeline_actual_cents INTEGER NOT NULL,"
  "  revenue_target_cents INTEGER NOT NULL, revenue_actual_cents INTEGER NOT NULL,"
  "  traffic_target INTEGER NOT NULL, traffic_actual INTEGER NOT NULL,"
  "  conversion_target_bp INTEGER NOT NULL, conversion_actual_bp INTEGER NOT NULL,"
  "  color TEXT NOT NULL, position INTEGER NOT NULL, created_by TEXT);"
  "CREATE INDEX campaign_stage ON campaign (deleted, stage, position);"

  "CREATE TABLE event (" ROW_META
  "  title TEXT NOT NULL, kind TEXT NOT NULL, all_day INTEGER NOT NULL, start TEXT NOT NULL,"
  "  \"end\" TEXT, tzid TEXT, location TEXT NOT NULL, attendees TEXT NOT NULL, notes TEXT NOT NULL,"
  "  campaign TEXT, rrule TEXT, exdates TEXT NOT NULL, uid TEXT NOT NULL, created_by TEXT,"
  "  start_ts INTEGER GENERATED ALWAYS AS (unixepoch(start)) STORED,"
  "  end_ts INTEGER GENERATED ALWAYS AS (unixepoch(coalesce(\"end\", start))) STORED);"
  "CREATE INDEX event_range ON event (deleted, start_ts, end_ts);"
  "CREATE INDEX event_uid ON event (uid);"
  "CREATE INDEX event_campaign ON event (campaign);"

  "CREATE TABLE asset (" ROW_META
  "  campaign TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,"
  "  due TEXT, reviewers TEXT NOT NULL, current_version INTEGER NOT NULL, created_by TEXT);"
  "CREATE INDEX asset_campaign ON asset (campaign);"

  "CREATE TABLE asset_version (" ROW_META
  "  asset TEXT NOT NULL, number INTEGER NOT NULL, sha256 TEXT NOT NULL, file_name TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL, size INTEGER NOT NULL, uploaded_by TEXT, note TEXT NOT NULL);"
  "CREATE INDEX asset_version_asset ON asset_version (asset, number);"

  "CREATE TABLE comment (" ROW_META
  "  asset TEXT NOT NULL, version INTEGER NOT NULL, author TEXT, body TEXT NOT NULL,"
  "  page INTEGER, x REAL, y REAL, w REAL, h REAL, parent TEXT,"
  "  resolved INTEGER NOT NULL, resolved_by TEXT, resolved_at TEXT);"
  "CREATE INDEX comment_asset ON comment (asset, version);"

  "CREATE TABLE decision (" ROW_META
  "  asset TEXT NOT NULL, version INTEGER NOT NULL, reviewer TEXT NOT NULL, decision TEXT NOT NULL,"
  "  note TEXT NOT NULL);"
  "CREATE INDEX decision_asset ON decision (asset, version);";

/* 1 → 2: the calendar. An overridden occurrence of a recurring event is an
 * event row of its own sharing the master's uid, with recurrence_id the
 * original start it replaces; vtimezone keeps an imported VTIMEZONE
 * definition for zones that are not IANA ones ("W. Europe Standard Time"),
 * on the row so it travels with the event through every sync path.
 * Range queries read event_range between from − 8 days and to; the few
 * events longer than 8 days have an index of their own, and so have the
 * masters of recurring events, whose occurrences start_ts/end_ts do not
 * bound. (tandem-calendar.c's queries repeat these conditions word for
 * word, so SQLite uses the partial indexes.) */
static const char migrate_v1_v2[] =
  "ALTER TABLE event ADD COLUMN recurrence_id TEXT;"
  "ALTER TABLE event ADD COLUMN vtimezone TEXT;"
  "CREATE INDEX event_long ON event (start_ts)"
  "  WHERE deleted = 0 AND rrule IS NULL AND end_ts - start_ts > 691200;"
  "CREATE INDEX event_recurring ON event (start_ts) WHERE deleted = 0 AND rrule IS NOT NULL;";

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "cannot write the workspace schema: %s",
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Runs inside the caller's transaction. */
gboolean
_tandem_schema_create (sqlite3  *db,
                       GError  **error)
{
  g_autofree char *pragmas =
    g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                     TANDEM_APPLICATION_ID, TANDEM_SCHEMA_VERSION);

  return exec (db, schema_v1, error) && exec (db, migrate_v1_v2, error) && exec (db, pragmas, error);
}

/* Brings a workspace of @from_version up to TANDEM_SCHEMA_VERSION, inside
 * the caller's transaction. Each step is the DDL of one version change. */
gboolean
_tandem_schema_migrate (sqlite3  *db,
                        int       from_version,
                        GError  **error)
{
  static const char * const steps[TANDEM_SCHEMA_VERSION] = {
    NULL, /* 0 → 1: a version-0 file has no tables; it is not a workspace */
    migrate_v1_v2,
  };
  g_autofree char *pragma = NULL;

  if (from_version < 1)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_WORKSPACE, "schema version %d is not a workspace", from_version);
      return FALSE;
    }

  for (int v = from_version; v < TANDEM_SCHEMA_VERSION; v++)
    if (steps[v] != NULL && !exec (db, steps[v], error))
      return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d;", TANDEM_SCHEMA_VERSION);
  return exec (db, pragma, error);
}
