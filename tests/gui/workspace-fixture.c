/* workspace-fixture.c — workspaces with believable rows for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "workspace-fixture"

#include <glib/gstdio.h>

#include "tandem-asset.h"
#include "tandem-campaign.h"
#include "tandem-event.h"
#include "tandem-person.h"

#include "workspace-fixture.h"

static const char * const people[][2] = {
  { "Anna Becker", "marketing" },
  { "Jonas Weber", "sales" },
  { "Miriam Schulz", "marketing" },
  { "Tobias Krüger", "sales" },
  { "Leonie Hofmann", "admin" },
  { "Felix Wagner", "sales" },
};

static const char * const campaigns[] = {
  "Frühjahrsaktion Industriekunden",
  "Messe Hannover 2024",
  "Webinar-Reihe Instandhaltung",
  "Newsletter Relaunch",
  "Partnerprogramm Süd",
  "Kundenreferenzen Maschinenbau",
  "Herbst-Roadshow",
  "Produktlaunch Sensor X2",
};

static const char * const stages[] = { "idea", "planning", "production", "review", "live", "done" };

static const char * const events[][2] = {
  { "Abstimmung Marketing & Vertrieb", "meeting" },
  { "Launch Sensor X2", "launch" },
  { "Hannover Messe", "trade-show" },
  { "Abgabe Broschüre", "deadline" },
};

static const char * const assets[] = {
  "Broschüre Sensor X2",
  "Foliensatz Roadshow",
  "Anzeige Fachmagazin",
  "Produktdatenblatt",
};

static TandemEntity *
insert (TandemStore  *store,
        GType         type,
        JsonObject   *fields,
        GError      **error)
{
  g_autoptr(JsonObject) owned = fields;

  return tandem_store_insert (store, type, owned, TANDEM_WRITE_DEFAULT, error);
}

TandemEntity *
gui_test_insert_campaign (TandemStore  *store,
                          const char   *title,
                          GError      **error)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "title", title);
  return insert (store, TANDEM_TYPE_CAMPAIGN, fields, error);
}

gboolean
gui_test_fill_workspace (TandemStore              *store,
                         const WorkspaceContents  *contents,
                         GError                  **error)
{
  g_autofree char *first_campaign = NULL;

  if (!tandem_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < contents->n_people; i++)
    {
      JsonObject *fields = json_object_new ();
      g_autoptr(TandemEntity) row = NULL;
      g_autofree char *name = NULL;

      if (i < G_N_ELEMENTS (people))
        name = g_strdup (people[i][0]);
      else
        name = g_strdup_printf ("Person %u", i + 1);
      json_object_set_string_member (fields, "name", name);
      json_object_set_string_member (fields, "role", people[i % G_N_ELEMENTS (people)][1]);
      if ((row = insert (store, TANDEM_TYPE_PERSON, fields, error)) == NULL)
        goto failed;
    }

  for (guint i = 0; i < contents->n_campaigns; i++)
    {
      JsonObject *fields = json_object_new ();
      g_autoptr(TandemEntity) row = NULL;
      g_autofree char *title = NULL;

      if (i < G_N_ELEMENTS (campaigns))
        title = g_strdup (campaigns[i]);
      else
        title = g_strdup_printf ("Kampagne %u", i + 1);
      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "stage", stages[i % G_N_ELEMENTS (stages)]);
      if ((row = insert (store, TANDEM_TYPE_CAMPAIGN, fields, error)) == NULL)
        goto failed;
      if (first_campaign == NULL)
        first_campaign = g_strdup (tandem_entity_get_id (row));
    }

  for (guint i = 0; i < contents->n_events; i++)
    {
      JsonObject *fields = json_object_new ();
      g_autoptr(TandemEntity) row = NULL;
      g_autofree char *start = g_strdup_printf ("2024-06-%02uT09:00:00Z", 1 + i % 28);

      json_object_set_string_member (fields, "title", events[i % G_N_ELEMENTS (events)][0]);
      json_object_set_string_member (fields, "kind", events[i % G_N_ELEMENTS (events)][1]);
      json_object_set_string_member (fields, "start", start);
      if ((row = insert (store, TANDEM_TYPE_EVENT, fields, error)) == NULL)
        goto failed;
    }

  for (guint i = 0; i < contents->n_assets; i++)
    {
      JsonObject *fields = json_object_new ();
      g_autoptr(TandemEntity) row = NULL;

      g_assert (first_campaign != NULL);
      json_object_set_string_member (fields, "title", assets[i % G_N_ELEMENTS (assets)]);
      json_object_set_string_member (fields, "campaign", first_campaign);
      if ((row = insert (store, TANDEM_TYPE_ASSET, fields, error)) == NULL)
        goto failed;
    }

  return tandem_store_commit (store, error);

failed:
  tandem_store_rollback (store);
  return FALSE;
}

/* Creates @dir/@name.tandem with @contents; returns its path. */
char *
gui_test_make_workspace (const char              *dir,
                         const char              *name,
                         const WorkspaceContents *contents)
{
  g_autofree char *file_name = g_strconcat (name, ".tandem", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);
  if (contents != NULL)
    {
      gui_test_fill_workspace (store, contents, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&path);
}
