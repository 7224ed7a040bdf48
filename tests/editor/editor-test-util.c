/* editor-test-util.c — workspaces with people and a campaign for the editor's GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "editor-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tandem-gui.h"

#include "editor-test-util.h"

static const char * const people[][2] = {
  { "Katrin Vogel", "marketing" },
  { "Jonas Brandt", "marketing" },
  { "Stefan Kühn", "sales" },
  { "Aylin Demir", "sales" },
  { "Petra Admin", "admin" },
};

/* In-process GTK under Xvfb: no GL, GTK's test accessibility backend */
void
editor_test_init_display (void)
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  tandem_gui_init ();
  gtk_init ();
  adw_init ();
}

EditorWorkspace *
editor_workspace_new (void)
{
  g_autoptr(GError) error = NULL;
  EditorWorkspace *workspace = g_new0 (EditorWorkspace, 1);
  guint n_marketing = 0, n_sales = 0;

  workspace->dir = g_dir_make_tmp ("tandem-editor-XXXXXX", &error);
  g_assert_no_error (error);
  workspace->path = g_build_filename (workspace->dir, "editor.tandem", NULL);
  workspace->store = tandem_store_create (workspace->path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(TandemEntity) person = NULL;

      json_object_set_string_member (fields, "name", people[i][0]);
      json_object_set_string_member (fields, "role", people[i][1]);
      person = tandem_store_insert (workspace->store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
      g_assert_no_error (error);
      if (g_str_equal (people[i][1], "marketing"))
        workspace->marketing[n_marketing++] = g_strdup (tandem_entity_get_id (person));
      else if (g_str_equal (people[i][1], "sales"))
        workspace->sales[n_sales++] = g_strdup (tandem_entity_get_id (person));
    }

  /* Closed and opened again, so the header is checkpointed into the main
   * file: a second connection made while a freshly created WAL workspace
   * is open is refused as foreign: validate_header() in tandem-store.c
   * reads only the main file, not the WAL */
  g_clear_object (&workspace->store);
  workspace->store = tandem_store_open (workspace->path, &error);
  g_assert_no_error (error);

  workspace->people = tandem_entity_list_new (workspace->store, TANDEM_TYPE_PERSON);
  tandem_entity_list_load (workspace->people, &error);
  g_assert_no_error (error);
  return workspace;
}

/* A campaign with every field set, owned by the first of each side */
TandemEntity *
editor_workspace_add_campaign (EditorWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) channels = json_array_new ();
  TandemEntity *row;

  json_array_add_string_element (channels, "Messe");
  json_array_add_string_element (channels, "LinkedIn");
  json_array_add_string_element (channels, "E-Mail");
  json_object_set_string_member (fields, "title", "Hannover Messe 2026");
  json_object_set_string_member (fields, "description",
                                 "Unser wichtigster Messeauftritt: Halle 9, Stand D18. "
                                 "Schwerpunkt Predictive Maintenance, gemeinsame Termine mit dem Außendienst.");
  json_object_set_string_member (fields, "stage", "production");
  json_object_set_string_member (fields, "start", "2026-04-20");
  json_object_set_string_member (fields, "end", "2026-04-24");
  json_object_set_string_member (fields, "marketing_owner", workspace->marketing[0]);
  json_object_set_string_member (fields, "sales_owner", workspace->sales[0]);
  json_object_set_array_member (fields, "channels", g_steal_pointer (&channels));
  json_object_set_string_member (fields, "segment", "Maschinenbau DACH");
  json_object_set_int_member (fields, "budget_planned_cents", 8500000);
  json_object_set_int_member (fields, "budget_spent_cents", 3120050);
  json_object_set_int_member (fields, "leads_target", 1200);
  json_object_set_int_member (fields, "leads_actual", 310);
  json_object_set_int_member (fields, "qualified_leads_target", 300);
  json_object_set_int_member (fields, "qualified_leads_actual", 64);
  json_object_set_int_member (fields, "pipeline_target_cents", 240000000);
  json_object_set_int_member (fields, "pipeline_actual_cents", 51000000);
  json_object_set_int_member (fields, "revenue_target_cents", 60000000);
  json_object_set_int_member (fields, "traffic_target", 25000);
  json_object_set_int_member (fields, "traffic_actual", 8150);
  json_object_set_int_member (fields, "conversion_target_bp", 480);
  json_object_set_int_member (fields, "conversion_actual_bp", 380);
  json_object_set_string_member (fields, "color", "#1c71d8");

  row = tandem_board_insert_campaign (workspace->store, fields, -1, &error);
  g_assert_no_error (error);
  return row;
}

/* A write through a connection of its own, as another process would
 * make it: the workspace's store learns of it only when it looks. */
TandemEntity *
editor_workspace_update_elsewhere (EditorWorkspace *workspace,
                                   TandemEntity    *campaign,
                                   JsonObject      *patch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) other = tandem_store_open (workspace->path, &error);
  TandemEntity *row;

  g_assert_no_error (error);
  row = tandem_board_update_campaign (other, tandem_entity_get_id (campaign),
                                      tandem_entity_get_rev (campaign), patch, &error);
  g_assert_no_error (error);
  return row;
}

void
editor_workspace_free (EditorWorkspace *workspace)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&workspace->people);
  g_clear_object (&workspace->store);
  dir = g_dir_open (workspace->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (workspace->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (workspace->dir);
  for (guint i = 0; i < 2; i++)
    {
      g_free (workspace->marketing[i]);
      g_free (workspace->sales[i]);
    }
  g_free (workspace->path);
  g_free (workspace->dir);
  g_free (workspace);
}
