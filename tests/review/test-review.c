/* test-review.c — the review rules on real workspace files with real PDFs
 *
 * The state machine is checked exhaustively: every state × every action,
 * each from a fresh asset brought into that state through the rules
 * themselves, with the expected outcome written out as a table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "review-test-pdf.h"
#include "tandem-core.h"
#include "tandem-demo-files.h"

typedef struct
{
  char         *dir;
  char         *pdf;       /* a real 3-page PDF */
  char         *pdf2;      /* another one, for new versions */
  TandemStore  *store;
  TandemEntity *anna;      /* marketing */
  TandemEntity *stefan;    /* sales, reviewer */
  TandemEntity *aylin;     /* sales, reviewer */
  TandemEntity *tom;       /* sales, not a reviewer */
  TandemEntity *admin;
  char         *campaign;
} Fixture;

static char *
write_pdf (const char *dir,
           const char *name,
           const char *title,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = tandem_demo_render_pdf (title, 3, seed, &error);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static TandemEntity *
add_person (TandemStore *store,
            const char  *name,
            const char  *role)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  TandemEntity *person;

  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "role", role);
  person = tandem_store_insert (store, TANDEM_TYPE_PERSON, fields, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  return person;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) campaign = json_object_new ();
  g_autoptr(TandemEntity) row = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tandem-review-XXXXXX", &error);
  g_assert_no_error (error);
  f->pdf = write_pdf (f->dir, "Broschüre.pdf", "Broschüre", 1);
  f->pdf2 = write_pdf (f->dir, "Broschüre v2.pdf", "Broschüre zwei", 2);
  path = g_build_filename (f->dir, "ws.tandem", NULL);
  f->store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error);
  g_assert_no_error (error);

  f->anna = add_person (f->store, "Anna Schulz", "marketing");
  f->stefan = add_person (f->store, "Stefan Braun", "sales");
  f->aylin = add_person (f->store, "Aylin Demir", "sales");
  f->tom = add_person (f->store, "Tom Becker", "sales");
  f->admin = add_person (f->store, "Admin", "admin");

  json_object_set_string_member (campaign, "title", "Messe");
  row = tandem_store_insert (f->store, TANDEM_TYPE_CAMPAIGN, campaign, TANDEM_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  f->campaign = g_strdup (tandem_entity_get_id (row));
}

static void
remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->anna);
  g_clear_object (&f->stefan);
  g_clear_object (&f->aylin);
  g_clear_object (&f->tom);
  g_clear_object (&f->admin);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
  g_free (f->pdf2);
  g_free (f->campaign);
}

static TandemEntity *
new_asset (Fixture *f)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) reviewers = json_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (f->pdf);
  g_autoptr(GError) error = NULL;
  TandemEntity *asset;

  json_array_add_string_element (reviewers, tandem_entity_get_id (f->stefan));
  json_array_add_string_element (reviewers, tandem_entity_get_id (f->aylin));
  json_object_set_string_member (fields, "campaign", f->campaign);
  json_object_set_array_member (fields, "reviewers", json_array_ref (reviewers));
  asset = tandem_review_add_asset (f->store, fields, file, NULL, f->anna, 0, NULL, &error);
  g_assert_no_error (error);
  return asset;
}

static TandemEntity *
reload (Fixture    *f,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  TandemEntity *row = tandem_store_get (f->store, TANDEM_TYPE_ASSET, id, &error);

  g_assert_no_error (error);
  return row;
}

static const char *
state_of (Fixture    *f,
          const char *id)
{
  static char state[32];
  g_autoptr(TandemEntity) asset = reload (f, id);

  g_strlcpy (state, tandem_entity_get_string (asset, "state"), sizeof state);
  return state;
}

static void
decide (Fixture      *f,
        const char   *id,
        TandemEntity *who,
        const char   *decision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemEntity) row = tandem_review_decide (f->store, id, decision, "", who, &error);

  g_assert_no_error (error);
  g_assert_nonnull (row);
}

/* An asset brought into @state through the rules */
static char *
asset_in_state (Fixture    *f,
                const char *state)
{
  g_autoptr(TandemEntity) asset = new_asset (f);
  g_autoptr(GError) error = NULL;
  char *id = g_strdup (tandem_entity_get_id (asset));

  if (g_str_equal (state, "draft"))
    return id;
  g_clear_object (&asset);
  asset = tandem_review_submit (f->store, id, f->anna, &error);
  g_assert_no_error (error);
  if (g_str_equal (state, "changes_requested"))
    decide (f, id, f->stefan, "changes_requested");
  else if (g_str_equal (state, "approved") || g_str_equal (state, "final"))
    {
      decide (f, id, f->stefan, "approved");
      decide (f, id, f->aylin, "approved_with_changes");
    }
  if (g_str_equal (state, "final"))
    {
      g_clear_object (&asset);
      asset = tandem_review_finalize (f->store, id, f->anna, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpstr (state_of (f, id), ==, state);
  return id;
}

/* Every state × every action */

typedef enum { A_VERSION, A_SUBMIT, A_SET, A_COMMENT, A_RESOLVE, A_APPROVE, A_REQUEST, A_FINALIZE, N_ACTIONS } Act;

static const char * const states[] = { "draft", "in_review", "changes_requested", "approved", "final" };

/* The state after the action, or NULL when it is refused (exit 5) */
static const char * const expected[G_N_ELEMENTS (states)][N_ACTIONS] = {
  /*                 version      submit       set          comment      resolve      approve     request              finalize */
  /* draft */      { "draft",     "in_review", "draft",     "draft",     "draft",     NULL,       NULL,                NULL },
  /* in_review */  { "in_review", NULL,        "in_review", "in_review", "in_review", "approved", "changes_requested", NULL },
  /* changes_r. */ { "in_review", NULL,        "changes_requested", "changes_requested", "changes_requested",
                     "approved",  "changes_requested", NULL },
  /* approved */   { "in_review", NULL,        "approved",  "approved",  "approved",  "approved", "changes_requested", "final" },
  /* final */      { NULL,        NULL,        NULL,        NULL,        "final",     NULL,       NULL,                NULL },
};

static TandemEntity *
act (Fixture     *f,
     const char  *id,
     Act          action,
     const char  *comment_id,
     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->pdf2);
  g_autoptr(JsonObject) patch = json_object_new ();

  switch (action)
    {
    case A_VERSION:
      return tandem_review_add_version (f->store, id, file, NULL, "Texte gekürzt", f->anna, 0, NULL, error);
    case A_SUBMIT:
      return tandem_review_submit (f->store, id, f->anna, error);
    case A_SET:
      json_object_set_string_member (patch, "title", "Broschüre (neu)");
      return tandem_review_set (f->store, id, 0, patch, f->anna, error);
    case A_COMMENT:
      return tandem_review_comment (f->store, id, 0, "Bitte Preise prüfen", NULL, NULL, f->stefan, error);
    case A_RESOLVE:
      return tandem_review_resolve (f->store, comment_id, TRUE, f->anna, error);
    case A_APPROVE:
      return tandem_review_decide (f->store, id, "approved", "passt", f->stefan, error);
    case A_REQUEST:
      return tandem_review_decide (f->store, id, "changes_requested", "Preise fehlen", f->stefan, error);
    case A_FINALIZE:
    case N_ACTIONS:
    default:
      return tandem_review_finalize (f->store, id, f->anna, error);
    }
}

static void
test_state_machine (Fixture       *f,
                    gconstpointer  data)
{
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    for (guint a = 0; a < N_ACTIONS; a++)
      {
        g_autofree char *id = NULL;
        g_autofree char *comment_id = NULL;
        g_autoptr(TandemEntity) result = NULL;
        g_autoptr(GError) error = NULL;
        gint64 seq_before;

        /* a comment to resolve is made before the asset reaches its state */
        if (a == A_RESOLVE)
          {
            g_autoptr(TandemEntity) asset = new_asset (f);
            g_autoptr(TandemEntity) comment = NULL;
            g_autoptr(GError) local = NULL;

            comment = tandem_review_comment (f->store, tandem_entity_get_id (asset), 0, "Tippfehler S. 2",
                                             NULL, NULL, f->stefan, &local);
            g_assert_no_error (local);
            comment_id = g_strdup (tandem_entity_get_id (comment));
            /* reuse that asset: bring it to the state by hand through the rules */
            id = g_strdup (tandem_entity_get_id (asset));
            if (!g_str_equal (states[s], "draft"))
              {
                g_autoptr(TandemEntity) submitted = tandem_review_submit (f->store, id, f->anna, &local);
                g_assert_no_error (local);
                if (g_str_equal (states[s], "changes_requested"))
                  decide (f, id, f->stefan, "changes_requested");
                else if (g_str_equal (states[s], "approved") || g_str_equal (states[s], "final"))
                  {
                    decide (f, id, f->stefan, "approved");
                    decide (f, id, f->aylin, "approved");
                  }
                if (g_str_equal (states[s], "final"))
                  {
                    /* an open comment blocks finalizing: resolve, finalize, reopen
                     * (resolving stays allowed on final assets) */
                    g_autoptr(TandemEntity) resolved = tandem_review_resolve (f->store, comment_id, TRUE, f->anna, &local);
                    g_autoptr(TandemEntity) done = NULL;
                    g_autoptr(TandemEntity) reopened = NULL;
                    g_assert_no_error (local);
                    done = tandem_review_finalize (f->store, id, f->anna, &local);
                    g_assert_no_error (local);
                    reopened = tandem_review_resolve (f->store, comment_id, FALSE, f->anna, &local);
                    g_assert_no_error (local);
                  }
              }
            g_assert_cmpstr (state_of (f, id), ==, states[s]);
          }
        else
          id = asset_in_state (f, states[s]);

        seq_before = tandem_store_get_last_seq (f->store);
        result = act (f, id, a, comment_id, &error);
        if (expected[s][a] == NULL)
          {
            g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
            g_assert_null (result);
            /* a refusal writes nothing */
            g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq_before);
            g_assert_cmpstr (state_of (f, id), ==, states[s]);
          }
        else
          {
            if (error != NULL)
              g_error ("%s × action %u: %s", states[s], a, error->message);
            g_assert_nonnull (result);
            if (g_strcmp0 (state_of (f, id), expected[s][a]) != 0)
              g_error ("%s × action %u: state %s, expected %s", states[s], a, state_of (f, id), expected[s][a]);
          }
      }
}

/* State follows the most negative current decision */

static void
test_state_for (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "approved", NULL };
  const char *with_changes[] = { "approved_with_changes", "approved", NULL };
  const char *mixed[] = { "approved", "changes_requested", NULL };

  g_assert_cmpstr (tandem_review_state_for (none), ==, "in_review");
  g_assert_cmpstr (tandem_review_state_for (NULL), ==, "in_review");
  g_assert_cmpstr (tandem_review_state_for (one), ==, "approved");
  g_assert_cmpstr (tandem_review_state_for (with_changes), ==, "approved");
  g_assert_cmpstr (tandem_review_state_for (mixed), ==, "changes_requested");
}

/* A new version resets decisions and locks the old version */

static void
test_new_version_locks_old (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = asset_in_state (f, "changes_requested");
  g_autoptr(GFile) file = g_file_new_for_path (f->pdf2);
  g_autoptr(TandemEntity) old_comment = NULL;
  g_autoptr(TandemEntity) version = NULL;
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) refused = NULL;
  g_autoptr(TandemEntity) resolved = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  TandemAnchor pin = { 2, 0.25, 0.5, 0, 0 };

  old_comment = tandem_review_comment (f->store, id, 0, "Preisliste fehlt", &pin, NULL, f->stefan, &error);
  g_assert_no_error (error);

  version = tandem_review_add_version (f->store, id, file, NULL, "Preise ergänzt", f->anna, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_entity_get_int (version, "number"), ==, 2);
  g_assert_cmpstr (tandem_entity_get_string (version, "mime_type"), ==, "application/pdf");
  g_assert_cmpstr (tandem_entity_get_string (version, "file_name"), ==, "Broschüre v2.pdf");
  g_assert_cmpstr (tandem_entity_get_string (version, "note"), ==, "Preise ergänzt");

  asset = reload (f, id);
  g_assert_cmpint (tandem_entity_get_int (asset, "current_version"), ==, 2);
  g_assert_cmpstr (tandem_entity_get_string (asset, "state"), ==, "in_review");

  /* the decisions of version 1 no longer count */
  reviewers = tandem_review_reviewers (f->store, asset, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviewers->len, ==, 2);
  for (guint i = 0; i < reviewers->len; i++)
    g_assert_null (((TandemReviewerStatus *) reviewers->pdata[i])->decision);
  g_assert_true (tandem_review_is_waiting_for (f->store, asset, tandem_entity_get_id (f->stefan)));

  /* no new comments on version 1, but its comments can be resolved */
  refused = tandem_review_comment (f->store, id, 1, "noch was", NULL, NULL, f->stefan, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "version 1 is locked"));
  g_clear_error (&error);
  refused = tandem_review_comment (f->store, id, 0, "Antwort", NULL, tandem_entity_get_id (old_comment),
                                   f->anna, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_clear_error (&error);

  /* the open comment of version 1 shows with version 2 */
  shown = tandem_review_open_comments (f->store, asset, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpint (tandem_entity_get_int (shown->pdata[0], "version"), ==, 1);
  g_assert_cmpint (tandem_entity_get_int (shown->pdata[0], "page"), ==, 2);

  resolved = tandem_review_resolve (f->store, tandem_entity_get_id (old_comment), TRUE, f->anna, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_entity_get_bool (resolved, "resolved"));
  g_assert_cmpstr (tandem_entity_get_string (resolved, "resolved_by"), ==, tandem_entity_get_id (f->anna));
  g_assert_nonnull (tandem_entity_get_string (resolved, "resolved_at"));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = tandem_review_open_comments (f->store, asset, &error);
  g_assert_cmpuint (shown->len, ==, 0);

  /* no decision on an old version either: decisions go to the current one */
  decide (f, id, f->stefan, "approved");
  g_clear_pointer (&reviewers, g_ptr_array_unref);
  g_clear_object (&asset);
  asset = reload (f, id);
  reviewers = tandem_review_reviewers (f->store, asset, &error);
  g_assert_cmpstr (((TandemReviewerStatus *) reviewers->pdata[0])->decision, ==, "approved");
}

/* Finalize names what and who is missing */

static void
test_finalize_names_the_missing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = asset_in_state (f, "in_review");
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(TandemEntity) result = NULL;
  g_autoptr(GError) error = NULL;

  decide (f, id, f->stefan, "approved");
  comment = tandem_review_comment (f->store, id, 0, "Logo zu klein", NULL, NULL, f->stefan, &error);
  g_assert_no_error (error);

  result = tandem_review_finalize (f->store, id, f->anna, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "cannot finalize \"Broschüre\": Aylin Demir has not approved version 1; "
                   "1 comment on version 1 is open");
  g_clear_error (&error);

  decide (f, id, f->aylin, "changes_requested");
  result = tandem_review_finalize (f->store, id, f->anna, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Aylin Demir requested changes to version 1"));
  g_clear_error (&error);

  /* sales may not finalize even when everything is approved */
  decide (f, id, f->aylin, "approved");
  {
    g_autoptr(TandemEntity) resolved = tandem_review_resolve (f->store, tandem_entity_get_id (comment), TRUE,
                                                              f->stefan, &error);
    g_assert_no_error (error);
  }
  result = tandem_review_finalize (f->store, id, f->stefan, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Stefan Braun works in sales"));
  g_clear_error (&error);

  result = tandem_review_finalize (f->store, id, f->admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_entity_get_string (result, "state"), ==, "final");
}

/* Who may do what */

static void
test_roles_and_reviewers (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = asset_in_state (f, "in_review");
  g_autoptr(GFile) file = g_file_new_for_path (f->pdf2);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(TandemEntity) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = tandem_store_get_last_seq (f->store);

  /* a decision by someone who is not a reviewer */
  result = tandem_review_decide (f->store, id, "approved", NULL, f->tom, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "cannot decide on \"Broschüre\": Tom Becker is not one of its reviewers");
  g_clear_error (&error);
  result = tandem_review_decide (f->store, id, "approved", NULL, NULL, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_clear_error (&error);
  result = tandem_review_decide (f->store, id, "maybe", NULL, f->stefan, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);

  /* sales do not upload versions or add assets */
  result = tandem_review_add_version (f->store, id, file, NULL, NULL, f->stefan, 0, NULL, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_clear_error (&error);
  json_object_set_string_member (fields, "campaign", f->campaign);
  result = tandem_review_add_asset (f->store, fields, file, NULL, f->aylin, 0, NULL, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);

  /* anyone comments; a reviewer deciding twice replaces the decision */
  result = tandem_review_comment (f->store, id, 0, "Gefällt mir", NULL, NULL, f->tom, &error);
  g_assert_no_error (error);
  decide (f, id, f->stefan, "changes_requested");
  g_assert_cmpstr (state_of (f, id), ==, "changes_requested");
  decide (f, id, f->stefan, "approved");
  g_assert_cmpstr (state_of (f, id), ==, "approved");
  {
    g_autoptr(GPtrArray) decisions = tandem_store_list_by (f->store, TANDEM_TYPE_DECISION, "asset", id, NULL);
    g_assert_cmpuint (decisions->len, ==, 1);
  }

  /* removing the reviewer who requested changes changes the state */
  decide (f, id, f->aylin, "changes_requested");
  g_assert_cmpstr (state_of (f, id), ==, "changes_requested");
  {
    g_autoptr(JsonObject) patch = json_object_new ();
    g_autoptr(JsonArray) reviewers = json_array_new ();

    json_array_add_string_element (reviewers, tandem_entity_get_id (f->stefan));
    json_object_set_array_member (patch, "reviewers", json_array_ref (reviewers));
    g_clear_object (&result);
    result = tandem_review_set (f->store, id, 0, patch, f->anna, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_entity_get_string (result, "state"), ==, "approved");
  }

  /* fields the rules own cannot be set */
  {
    g_autoptr(JsonObject) patch = json_object_new ();

    json_object_set_string_member (patch, "state", "final");
    g_clear_object (&result);
    result = tandem_review_set (f->store, id, 0, patch, f->anna, &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* Bad uploads: too large, hostile names, bad pins */

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "gross.bin", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) pdf = g_file_new_for_path (f->pdf);
  g_autoptr(TandemEntity) asset = new_asset (f);
  g_autoptr(TandemEntity) version = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *given; const char *shown; } names[] = {
    { "../../etc/passwd", "../../etc/passwd" },
    { "Bro\u202Efdp.exe", "Brofdp.exe" },
    { "zeile\neins\tzwei.pdf", "zeileeinszwei.pdf" },
    { "", "Unnamed file" },
  };
  gint64 seq;
  int fd;

  /* over the limit: refused before reading (a sparse file of 300 MB) */
  fd = g_open (big, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 300 * 1024 * 1024), ==, 0);
  close (fd);
  seq = tandem_store_get_last_seq (f->store);
  g_clear_object (&version);
  version = tandem_review_add_version (f->store, tandem_entity_get_id (asset), big_file, NULL, NULL, f->anna,
                                       0, NULL, &error);
  g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);

  /* hostile names are display text only */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_clear_object (&version);
      version = tandem_review_add_version (f->store, tandem_entity_get_id (asset), pdf, names[i].given, NULL,
                                           f->anna, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tandem_entity_get_string (version, "file_name"), ==, names[i].shown);
    }
  {
    g_autoptr(GString) longname = g_string_new (NULL);
    g_autofree char *shown = NULL;

    for (guint i = 0; i < 300; i++)
      g_string_append (longname, "ä");
    shown = tandem_review_display_name (longname->str);
    g_assert_true (g_utf8_validate (shown, -1, NULL));
    g_assert_cmpuint (strlen (shown), <=, 1000);
    g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, 300);
  }

  /* bad pins */
  {
    const TandemAnchor bad[] = {
      { 0, 0.5, 0.5, 0, 0 }, { 1, -0.1, 0.5, 0, 0 }, { 1, 0.5, 1.5, 0, 0 }, { 1, 0.8, 0.5, 0.3, 0 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TandemEntity) comment = tandem_review_comment (f->store, tandem_entity_get_id (asset), 0, "x",
                                                                 &bad[i], NULL, f->stefan, &error);
        g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
        g_assert_null (comment);
        g_clear_error (&error);
      }
  }
}

/* Uploads: the content decides what a file is, never its name */

static char *
write_file (Fixture    *f,
            const char *name,
            const void *data,
            gsize       size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* A real ZIP archive with one stored member (CRC-32 computed) */
static GBytes *
make_zip (void)
{
  static const char name[] = "text.txt";
  static const char body[] = "Hallo Messe\n";
  GByteArray *zip = g_byte_array_new ();
  guint32 crc = 0xFFFFFFFF;
  guint32 central;

#define U16(v) do { guint16 x_ = GUINT16_TO_LE (v); g_byte_array_append (zip, (guint8 *) &x_, 2); } while (0)
#define U32(v) do { guint32 x_ = GUINT32_TO_LE (v); g_byte_array_append (zip, (guint8 *) &x_, 4); } while (0)
  for (gsize i = 0; i < sizeof body - 1; i++)
    {
      crc ^= (guint8) body[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & -(crc & 1));
    }
  crc ^= 0xFFFFFFFF;
  U32 (0x04034b50); U16 (10); U16 (0); U16 (0); U16 (0); U16 (0x21);
  U32 (crc); U32 (sizeof body - 1); U32 (sizeof body - 1); U16 (sizeof name - 1); U16 (0);
  g_byte_array_append (zip, (guint8 *) name, sizeof name - 1);
  g_byte_array_append (zip, (guint8 *) body, sizeof body - 1);
  central = zip->len;
  U32 (0x02014b50); U16 (20); U16 (10); U16 (0); U16 (0); U16 (0); U16 (0x21);
  U32 (crc); U32 (sizeof body - 1); U32 (sizeof body - 1); U16 (sizeof name - 1); U16 (0); U16 (0);
  U16 (0); U16 (0); U32 (0); U32 (0);
  g_byte_array_append (zip, (guint8 *) name, sizeof name - 1);
  U32 (0x06054b50); U16 (0); U16 (0); U16 (1); U16 (1);
  U32 (zip->len - central - 0); U32 (central); U16 (0);
#undef U16
#undef U32
  return g_byte_array_free_to_bytes (zip);
}

static void
test_upload_by_content (Fixture       *f,
                        gconstpointer  data)
{
  static const char exe[] =
    "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x80\0\0\0"
    "\x0e\x1f\xba\x0e\0\xb4\t\xcd!\xb8\x01L\xcd!This program cannot be run in DOS mode.\r\r\n$\0\0\0\0\0\0\0";
  g_autoptr(GBytes) zip = make_zip ();
  g_autoptr(GBytes) missing = review_test_pdf_with_missing_pages ();
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elf_bytes = NULL;
  gsize elf_size = 0;
  g_autoptr(TandemEntity) asset = new_asset (f);
  const char *id = tandem_entity_get_id (asset);
  struct { char *path; const char *says; } bad[8];
  guint n = 0;

  g_assert_true (g_file_get_contents ("/bin/true", &elf_bytes, &elf_size, &error));
  bad[n].path = write_file (f, "Programm.pdf", elf_bytes, elf_size), bad[n++].says = "application/x-";
  bad[n].path = write_file (f, "Archiv.pdf", g_bytes_get_data (zip, NULL), g_bytes_get_size (zip));
  bad[n++].says = "application/zip";
  bad[n].path = write_file (f, "Setup.pdf", exe, sizeof exe - 1), bad[n++].says = "application/x-ms";
  bad[n].path = write_file (f, "kaputt.pdf", "%PDF-1.7\n garbage", 17), bad[n++].says = "damaged PDF";
  good = tandem_demo_render_pdf ("Gekürzt", 3, 5, &error);
  g_assert_no_error (error);
  bad[n].path = write_file (f, "gekürzt.pdf", g_bytes_get_data (good, NULL), g_bytes_get_size (good) / 3);
  bad[n++].says = "damaged PDF";
  bad[n].path = write_file (f, "Lücke.pdf", g_bytes_get_data (missing, NULL), g_bytes_get_size (missing));
  bad[n++].says = "page 2 cannot be read";
  bad[n].path = write_file (f, "leer.pdf", "", 0), bad[n++].says = "empty";
  bad[n].path = write_file (f, "Notiz.pdf", "Preise fehlen noch\n", 19), bad[n++].says = "text/plain";
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (bad[i].path);
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(TandemEntity) added = NULL;
      g_autoptr(TandemEntity) version = NULL;
      g_autoptr(TandemEntity) after = NULL;
      g_autofree char *base = g_path_get_basename (bad[i].path);
      g_autofree char *contents = NULL;
      g_autofree char *sha = NULL;
      gsize size;
      gint64 seq = tandem_store_get_last_seq (f->store);

      json_object_set_string_member (fields, "campaign", f->campaign);
      added = tandem_review_add_asset (f->store, fields, file, NULL, f->anna, 0, NULL, &error);
      if (error == NULL)
        g_error ("%s was accepted", base);
      g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
      g_assert_null (added);
      g_test_message ("%s: %s", base, error->message);
      /* one line naming the file and what it really is */
      g_assert_nonnull (strstr (error->message, base));
      if (strstr (error->message, bad[i].says) == NULL)
        g_error ("%s: “%s” does not say “%s”", base, error->message, bad[i].says);
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);

      version = tandem_review_add_version (f->store, id, file, NULL, NULL, f->anna, 0, NULL, &error);
      g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
      g_assert_null (version);
      g_clear_error (&error);

      /* nothing stored: no rows, no bytes */
      g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);
      after = reload (f, id);
      g_assert_cmpint (tandem_entity_get_int (after, "current_version"), ==, 1);
      g_assert_true (g_file_get_contents (bad[i].path, &contents, &size, NULL));
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, size);
      g_assert_cmpint (tandem_store_blob_size (f->store, sha), ==, -1);
      g_free (bad[i].path);
    }

  /* what the review shows is stored with the type its content has, whatever
   * the name says */
  {
    g_autoptr(GBytes) png = tandem_demo_render_png ("Logo", NULL, 96, 64, 3, &error);
    static const guint8 jpeg[] = {
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
      0x00, 0x00, 0xff, 0xd9,
    };
    static const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
                              "height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";
    struct { char *path; const char *mime; } ok[] = {
      { g_strdup (f->pdf2), "application/pdf" },
      { write_file (f, "Logo.pdf", g_bytes_get_data (png, NULL), g_bytes_get_size (png)), "image/png" },
      { write_file (f, "Foto", jpeg, sizeof jpeg), "image/jpeg" },
      { write_file (f, "Logo.txt", svg, sizeof svg - 1), "image/svg+xml" },
    };

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (ok[i].path);
        g_autoptr(TandemEntity) version = tandem_review_add_version (f->store, id, file, NULL, NULL, f->anna, 0,
                                                                     NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (tandem_entity_get_string (version, "mime_type"), ==, ok[i].mime);
        g_free (ok[i].path);
      }
  }
}

/* A pin points at a page the current version has */

static void
test_pin_within_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) one = tandem_demo_render_pdf ("Eine Seite", 1, 9, &error);
  g_autofree char *id = asset_in_state (f, "in_review");
  TandemAnchor pin = { 3, 0.5, 0.5, 0, 0 };

  g_assert_no_error (error);
  {
    /* the fixture's PDF has 3 pages */
    g_autoptr(TandemEntity) comment = tandem_review_comment (f->store, id, 0, "S. 3", &pin, NULL, f->stefan,
                                                             &error);
    g_assert_no_error (error);
  }
  pin.page = 4;
  {
    gint64 seq = tandem_store_get_last_seq (f->store);
    g_autoptr(TandemEntity) comment = tandem_review_comment (f->store, id, 0, "S. 4", &pin, NULL, f->stefan,
                                                             &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "has 3 pages"));
    g_assert_null (comment);
    g_assert_cmpint (tandem_store_get_last_seq (f->store), ==, seq);
    g_clear_error (&error);
  }
  pin.page = 9999;
  {
    g_autoptr(TandemEntity) comment = tandem_review_comment (f->store, id, 0, "weit weg", &pin, NULL, f->stefan,
                                                             &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* a new version of one page: the count is that version's */
  {
    g_autofree char *path = write_file (f, "Eine Seite.pdf", g_bytes_get_data (one, NULL), g_bytes_get_size (one));
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(TandemEntity) version = tandem_review_add_version (f->store, id, file, NULL, NULL, f->anna, 0, NULL,
                                                                 &error);
    g_autoptr(TandemEntity) refused = NULL;
    g_autoptr(TandemEntity) comment = NULL;

    g_assert_no_error (error);
    pin.page = 2;
    refused = tandem_review_comment (f->store, id, 0, "S. 2", &pin, NULL, f->stefan, &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "has 1 page"));
    g_clear_error (&error);
    pin.page = 1;
    comment = tandem_review_comment (f->store, id, 0, "S. 1", &pin, NULL, f->stefan, &error);
    g_assert_no_error (error);
  }

  /* an image is one page */
  {
    g_autoptr(GBytes) png = tandem_demo_render_png ("Logo", NULL, 96, 64, 3, &error);
    g_autofree char *path = write_file (f, "Logo.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(TandemEntity) version = tandem_review_add_version (f->store, id, file, NULL, NULL, f->anna, 0, NULL,
                                                                 &error);
    g_autoptr(TandemEntity) refused = NULL;
    g_autoptr(TandemEntity) comment = NULL;

    g_assert_no_error (error);
    pin.page = 2;
    refused = tandem_review_comment (f->store, id, 0, "S. 2", &pin, NULL, f->stefan, &error);
    g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
    g_clear_error (&error);
    pin.page = 1;
    comment = tandem_review_comment (f->store, id, 0, "Logo", &pin, NULL, f->stefan, &error);
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/state-for", test_state_for);
  g_test_add ("/review/state-machine", Fixture, NULL, fixture_setup, test_state_machine, fixture_teardown);
  g_test_add ("/review/new-version-locks-old", Fixture, NULL, fixture_setup, test_new_version_locks_old,
              fixture_teardown);
  g_test_add ("/review/finalize-names-the-missing", Fixture, NULL, fixture_setup, test_finalize_names_the_missing,
              fixture_teardown);
  g_test_add ("/review/roles-and-reviewers", Fixture, NULL, fixture_setup, test_roles_and_reviewers,
              fixture_teardown);
  g_test_add ("/review/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/review/upload-by-content", Fixture, NULL, fixture_setup, test_upload_by_content, fixture_teardown);
  g_test_add ("/review/pin-within-pages", Fixture, NULL, fixture_setup, test_pin_within_pages, fixture_teardown);

  return g_test_run ();
}
