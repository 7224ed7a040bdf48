/* test-entity-list.c — TandemEntityList turns each store change into one
 * exact items-changed, for its own handle's writes and another handle's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-entity-list"

#include "tandem-test-util.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

typedef struct
{
  char             *dir;
  char             *path;
  TandemStore      *store;
  TandemStore      *other;   /* a second handle on the same file */
  TandemEntityList *list;
  GArray           *events;  /* ItemsChanged */
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  ItemsChanged ev = { position, removed, added };

  g_array_append_val (fixture->events, ev);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) a = NULL;
  g_autoptr(TandemEntity) b = NULL;

  fixture->dir = test_make_dir ();
  fixture->store = test_create_store (fixture->dir, "list.tandem", &fixture->path);
  a = test_add_campaign (fixture->store, "Alpha");
  b = test_add_campaign (fixture->store, "Beta");

  /* reopen, so the second handle below finds a checkpointed file */
  g_clear_object (&fixture->store);
  fixture->store = tandem_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->other = tandem_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->events = g_array_new (FALSE, TRUE, sizeof (ItemsChanged));
  fixture->list = tandem_entity_list_new (fixture->store, TANDEM_TYPE_CAMPAIGN);
  g_assert_false (tandem_entity_list_get_loaded (fixture->list));
  g_assert_true (tandem_entity_list_load (fixture->list, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_entity_list_get_loaded (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 2);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->events, g_array_unref);
  test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Exactly one items-changed (@position, @removed, @added) since the last call */
static void
assert_one_event (Fixture *fixture,
                  guint    position,
                  guint    removed,
                  guint    added)
{
  ItemsChanged *ev;

  g_assert_cmpuint (fixture->events->len, ==, 1);
  ev = &g_array_index (fixture->events, ItemsChanged, 0);
  g_assert_cmpuint (ev->position, ==, position);
  g_assert_cmpuint (ev->removed, ==, removed);
  g_assert_cmpuint (ev->added, ==, added);
  g_array_set_size (fixture->events, 0);
}

static guint
position_of (Fixture    *fixture,
             const char *id)
{
  guint position = G_MAXUINT;

  g_assert_nonnull (tandem_entity_list_lookup (fixture->list, id, &position));
  return position;
}

static TandemEntity *
item_at (Fixture *fixture,
         guint    position)
{
  /* the list keeps its own reference: borrow it */
  g_autoptr(TandemEntity) item = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

  g_assert_nonnull (item);
  return item;
}

static void
exercise (Fixture     *fixture,
          TandemStore *writer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) patch = test_json ("{\"title\": \"Alpha II\", \"stage\": \"live\"}");
  g_autoptr(TandemEntity) added = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(TandemEntity) person = NULL;
  g_autoptr(JsonObject) someone = test_json ("{\"name\": \"Eva\"}");
  g_autofree char *next_id = NULL;
  TandemEntity *before;
  TandemEntity *alpha;
  gboolean remote = writer != fixture->store;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  guint pos;

  /* insert: appended */
  added = test_add_campaign (writer, "Gamma");
  if (remote)
    {
      g_assert_cmpuint (fixture->events->len, ==, 0);
      tandem_store_refresh (fixture->store);
    }
  assert_one_event (fixture, n, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n + 1);
  g_assert_cmpstr (tandem_entity_get_id (item_at (fixture, n)), ==, tandem_entity_get_id (added));

  /* update: the same object, changed in place */
  alpha = item_at (fixture, 0);
  pos = position_of (fixture, tandem_entity_get_id (alpha));
  g_assert_cmpuint (pos, ==, 0);
  before = alpha;
  updated = tandem_store_update (writer, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (alpha),
                                 tandem_entity_get_rev (alpha), patch, 0, &error);
  g_assert_no_error (error);
  if (remote)
    {
      g_assert_cmpuint (fixture->events->len, ==, 0);
      tandem_store_refresh (fixture->store);
    }
  assert_one_event (fixture, pos, 1, 1);
  g_assert_true (item_at (fixture, pos) == before);
  g_assert_cmpstr (tandem_entity_get_string (before, "title"), ==, tandem_entity_get_string (updated, "title"));
  g_assert_cmpstr (tandem_entity_get_string (before, "stage"), ==, "live");
  g_assert_cmpint (tandem_entity_get_rev (before), ==, tandem_entity_get_rev (updated));

  /* another type's change is not this list's business */
  person = test_insert (writer, TANDEM_TYPE_PERSON, someone);
  if (remote)
    tandem_store_refresh (fixture->store);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* nothing new: a refresh emits nothing */
  tandem_store_refresh (fixture->store);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  /* delete: removed at its position */
  pos = position_of (fixture, tandem_entity_get_id (added));
  g_assert_true (tandem_store_delete (writer, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (added), 0, &error));
  g_assert_no_error (error);
  if (remote)
    {
      g_assert_cmpuint (fixture->events->len, ==, 0);
      tandem_store_refresh (fixture->store);
    }
  assert_one_event (fixture, pos, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n);
  g_assert_null (tandem_entity_list_lookup (fixture->list, tandem_entity_get_id (added), NULL));

  /* deleting the first row shifts the rest */
  next_id = g_strdup (tandem_entity_get_id (item_at (fixture, 1)));
  g_assert_true (tandem_store_delete (writer, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (before), 0, &error));
  g_assert_no_error (error);
  if (remote)
    tandem_store_refresh (fixture->store);
  assert_one_event (fixture, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, n - 1);
  g_assert_cmpstr (tandem_entity_get_id (item_at (fixture, 0)), ==, next_id);
}

static void
test_own_writes (Fixture       *fixture,
                 gconstpointer  data)
{
  exercise (fixture, fixture->store);
}

static void
test_other_handle (Fixture       *fixture,
                   gconstpointer  data)
{
  exercise (fixture, fixture->other);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_entity_list_load_finish (TANDEM_ENTITY_LIST (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TandemEntityList) list = tandem_entity_list_new (fixture->store, TANDEM_TYPE_CAMPAIGN);
  g_autoptr(TandemEntityList) people = tandem_entity_list_new (fixture->store, TANDEM_TYPE_PERSON);
  gboolean done = FALSE;

  tandem_entity_list_load_async (list, NULL, load_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tandem_entity_list_get_loaded (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TANDEM_TYPE_CAMPAIGN);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  g_assert_true (tandem_entity_list_load (people, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/entity-list/own-writes", test_own_writes);
  ADD ("/entity-list/other-handle", test_other_handle);
  ADD ("/entity-list/load-async", test_load_async);
#undef ADD

  return g_test_run ();
}
