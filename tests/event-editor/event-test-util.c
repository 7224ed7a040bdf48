/* event-test-util.c — workspaces with people, campaigns and an event for the event editor's GUI tests
 *
 * Built on the campaign editor's workspaces (tests/editor/editor-test-util.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "event-test"

#include "config.h"

#include "event-test-util.h"

EventWorkspace *
event_workspace_new (void)
{
  g_autoptr(GError) error = NULL;
  EventWorkspace *workspace = g_new0 (EventWorkspace, 1);

  workspace->base = editor_workspace_new ();
  workspace->campaign = editor_workspace_add_campaign (workspace->base);
  workspace->campaigns = tandem_entity_list_new (workspace->base->store, TANDEM_TYPE_CAMPAIGN);
  tandem_entity_list_load (workspace->campaigns, &error);
  g_assert_no_error (error);
  return workspace;
}

/* A weekly joint meeting in Berlin, stored in UTC form as an import might
 * store it, with every field set */
TandemEntity *
event_workspace_add_event (EventWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) attendees = json_array_new ();
  TandemEntity *row;

  json_array_add_string_element (attendees, workspace->base->marketing[0]);
  json_array_add_string_element (attendees, workspace->base->sales[0]);
  json_object_set_string_member (fields, "title", "Messe-Abstimmung Marketing/Vertrieb");
  json_object_set_string_member (fields, "kind", "meeting");
  json_object_set_string_member (fields, "start", "2026-04-13T08:00:00Z");
  json_object_set_string_member (fields, "end", "2026-04-13T09:30:00Z");
  json_object_set_string_member (fields, "tzid", "Europe/Berlin");
  json_object_set_string_member (fields, "location", "Besprechungsraum Elbe, 3. OG");
  json_array_ref (attendees);
  json_object_set_array_member (fields, "attendees", attendees);
  json_object_set_string_member (fields, "campaign", tandem_entity_get_id (workspace->campaign));
  json_object_set_string_member (fields, "notes",
                                 "Standbesetzung, Terminplanung mit Bestandskunden, "
                                 "Leads aus dem Vorjahr nachfassen.");
  json_object_set_string_member (fields, "rrule", "FREQ=WEEKLY;BYDAY=MO");

  row = tandem_store_insert (workspace->base->store, TANDEM_TYPE_EVENT, fields, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return row;
}

void
event_workspace_free (EventWorkspace *workspace)
{
  g_clear_object (&workspace->campaigns);
  g_clear_object (&workspace->campaign);
  g_clear_pointer (&workspace->base, editor_workspace_free);
  g_free (workspace);
}
