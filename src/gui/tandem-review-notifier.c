/* tandem-review-notifier.c — desktop notifications of review requests and decisions
 *
 * A GNotification goes out when a review is requested from me (an asset
 * I review enters in_review or gets a new version under review) and when
 * someone else's decision lands on an asset I created. It remembers each
 * asset's state and version, read once on a worker thread, to tell what
 * a change did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-review-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-asset.h"
#include "tandem-decision.h"
#include "tandem-person.h"
#include "tandem-review-notifier.h"
#include "tandem-review-util.h"

struct _TandemReviewNotifier
{
  GObject        parent_instance;

  GApplication  *application;  /* weak */
  TandemStore   *store;
  GSettings     *settings;
  GCancellable  *cancellable;
  GHashTable    *assets;       /* id → TandemEntity as last seen */
  GHashTable    *names;        /* person id → name */
  gboolean       loaded;
  char          *last_id;
};

G_DEFINE_FINAL_TYPE (TandemReviewNotifier, tandem_review_notifier, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *assets;
  GPtrArray *people;
} Known;

static void
known_free (Known *known)
{
  g_clear_pointer (&known->assets, g_ptr_array_unref);
  g_clear_pointer (&known->people, g_ptr_array_unref);
  g_free (known);
}

static gpointer
load_func (TandemStore   *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Known *known = g_new0 (Known, 1);

  if ((known->assets = tandem_store_list (store, TANDEM_TYPE_ASSET, error)) == NULL ||
      (known->people = tandem_store_list (store, TANDEM_TYPE_PERSON, error)) == NULL)
    {
      known_free (known);
      return NULL;
    }
  return known;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemReviewNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  Known *known = tandem_store_run_finish (TANDEM_STORE (object), result, &error);

  if (known == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the assets to notify about: %s", error->message);
      return;
    }
  for (guint i = 0; i < known->assets->len; i++)
    {
      TandemEntity *asset = known->assets->pdata[i];
      /* changes seen before the list came are newer */
      if (!g_hash_table_contains (self->assets, tandem_entity_get_id (asset)))
        g_hash_table_insert (self->assets, g_strdup (tandem_entity_get_id (asset)), g_object_ref (asset));
    }
  for (guint i = 0; i < known->people->len; i++)
    {
      TandemEntity *person = known->people->pdata[i];
      g_hash_table_insert (self->names, g_strdup (tandem_entity_get_id (person)),
                           g_strdup (tandem_entity_get_string (person, "name")));
    }
  known_free (known);
  self->loaded = TRUE;
}

static void
send (TandemReviewNotifier *self,
      const char           *id,
      const char           *title,
      const char           *body)
{
  g_autoptr(GNotification) notification = g_notification_new (title);

  /* without a default action, clicking it brings the application up */
  g_notification_set_body (notification, body);
  g_free (self->last_id);
  self->last_id = g_strdup (id);
  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);
}

static const char *
name_of (TandemReviewNotifier *self,
         const char           *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->names, id) : NULL;
  return name != NULL ? name : _("Someone");
}

static void
asset_changed (TandemReviewNotifier *self,
               TandemEntity         *asset,
               const char           *me)
{
  TandemEntity *old = g_hash_table_lookup (self->assets, tandem_entity_get_id (asset));
  TandemReviewNotice notice;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;

  notice = tandem_review_notice_for (old != NULL ? tandem_entity_get_string (old, "state") : NULL,
                                     old != NULL ? tandem_entity_get_int (old, "current_version") : 0,
                                     tandem_entity_get_string (asset, "state"),
                                     tandem_entity_get_int (asset, "current_version"),
                                     (const char * const *) tandem_entity_get_strv (asset, "reviewers"), me);
  g_hash_table_insert (self->assets, g_strdup (tandem_entity_get_id (asset)), g_object_ref (asset));
  if (notice == TANDEM_REVIEW_NOTICE_NONE)
    return;

  id = g_strdup_printf ("review-%s", tandem_entity_get_id (asset));
  if (notice == TANDEM_REVIEW_NOTICE_NEW_VERSION)
    body = g_strdup_printf (_("Version %d of “%s” waits for your review."),
                            (int) tandem_entity_get_int (asset, "current_version"),
                            tandem_entity_get_string (asset, "title"));
  else
    body = g_strdup_printf (_("“%s” waits for your review."), tandem_entity_get_string (asset, "title"));
  send (self, id, _("Review Requested"), body);
}

static void
decision_changed (TandemReviewNotifier *self,
                  TandemEntity         *decision,
                  const char           *me)
{
  TandemEntity *asset = g_hash_table_lookup (self->assets, tandem_entity_get_string (decision, "asset"));
  const char *reviewer = tandem_entity_get_string (decision, "reviewer");
  const char *what = tandem_entity_get_string (decision, "decision");
  const char *note = tandem_entity_get_string (decision, "note");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  const char *name, *asset_title;

  if (asset == NULL || g_strcmp0 (tandem_entity_get_string (asset, "created_by"), me) != 0 ||
      g_strcmp0 (reviewer, me) == 0)
    return;
  name = name_of (self, reviewer);
  asset_title = tandem_entity_get_string (asset, "title");
  if (g_strcmp0 (what, "approved") == 0)
    title = g_strdup_printf (_("%s approved “%s”"), name, asset_title);
  else if (g_strcmp0 (what, "approved_with_changes") == 0)
    title = g_strdup_printf (_("%s approved “%s” with changes"), name, asset_title);
  else
    title = g_strdup_printf (_("%s requested changes to “%s”"), name, asset_title);
  id = g_strdup_printf ("decision-%s", tandem_entity_get_id (asset));
  send (self, id, title, note != NULL && note[0] != '\0' ? note : _("No note."));
}

static void
store_changed_cb (TandemReviewNotifier *self,
                  TandemChange         *change)
{
  g_autofree char *me = NULL;

  if (change->row == NULL)
    return;
  if (change->type == TANDEM_TYPE_PERSON)
    {
      g_hash_table_insert (self->names, g_strdup (change->id),
                           g_strdup (tandem_entity_get_string (change->row, "name")));
      return;
    }
  me = g_settings_get_string (self->settings, "me");
  if (change->type == TANDEM_TYPE_ASSET)
    {
      if (self->loaded)
        asset_changed (self, change->row, me);
      else
        g_hash_table_insert (self->assets, g_strdup (change->id), g_object_ref (change->row));
    }
  else if (change->type == TANDEM_TYPE_DECISION && self->loaded && me[0] != '\0')
    decision_changed (self, change->row, me);
}

static void
tandem_review_notifier_dispose (GObject *object)
{
  TandemReviewNotifier *self = TANDEM_REVIEW_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->assets, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (tandem_review_notifier_parent_class)->dispose (object);
}

static void
tandem_review_notifier_finalize (GObject *object)
{
  g_free (TANDEM_REVIEW_NOTIFIER (object)->last_id);
  G_OBJECT_CLASS (tandem_review_notifier_parent_class)->finalize (object);
}

static void
tandem_review_notifier_class_init (TandemReviewNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_review_notifier_dispose;
  object_class->finalize = tandem_review_notifier_finalize;
}

static void
tandem_review_notifier_init (TandemReviewNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->assets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->settings = g_settings_new (APP_ID);
}

TandemReviewNotifier *
tandem_review_notifier_new (GApplication *application,
                            TandemStore  *store)
{
  TandemReviewNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  self = g_object_new (TANDEM_TYPE_REVIEW_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  tandem_store_run_async (store, load_func, NULL, NULL, (GDestroyNotify) known_free, self->cancellable,
                          load_done_cb, g_object_ref (self));
  return self;
}

const char *
tandem_review_notifier_get_last_id (TandemReviewNotifier *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEW_NOTIFIER (self), NULL);
  return self->last_id;
}
