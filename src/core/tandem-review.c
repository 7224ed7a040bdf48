/* tandem-review.c — the review rules of DESIGN.md, once
 *
 * An asset moves draft → in_review → changes_requested | approved → final.
 * A new version moves it back to in_review; decisions belong to a version,
 * so the decisions of older versions stop counting (they stay readable).
 * Old versions are locked: no new comments or decisions, though their
 * comments can still be resolved. The state follows the most negative
 * decision of the current reviewers on the current version, where
 * approved_with_changes counts as an approval. Final needs every
 * reviewer's approval of the current version and no open comment on it.
 *
 * Uploads are what the asset page can show, judged from their content
 * (never the file name): PDFs that poppler opens page by page, PNG, JPEG
 * and SVG images; a pin must point at a page the version has.
 *
 * Every write here is one store transaction; refusals are
 * TANDEM_ERROR_REFUSED with a message that names what and who.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "tandem-asset.h"
#include "tandem-asset-version.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-error.h"
#include "tandem-person.h"
#include "tandem-review.h"
#include "tandem-util.h"

void
tandem_reviewer_status_free (TandemReviewerStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->reviewer);
  g_free (status->name);
  g_free (status->decision);
  g_free (status->note);
  g_free (status);
}

/* Pure rules */

static gboolean
is_approval (const char *decision)
{
  return g_strcmp0 (decision, "approved") == 0 || g_strcmp0 (decision, "approved_with_changes") == 0;
}

/* The state that the current decisions give an asset under review */
const char *
tandem_review_state_for (const char * const *decisions)
{
  gboolean any = FALSE;

  for (guint i = 0; decisions != NULL && decisions[i] != NULL; i++)
    {
      if (g_str_equal (decisions[i], "changes_requested"))
        return "changes_requested";
      any = TRUE;
    }
  return any ? "approved" : "in_review";
}

static gboolean
in_review (const char *state)
{
  return g_strcmp0 (state, "in_review") == 0 || g_strcmp0 (state, "changes_requested") == 0 ||
         g_strcmp0 (state, "approved") == 0;
}

/* What the state of an asset allows */
gboolean
tandem_review_allows (const char          *state,
                      TandemReviewAction   action,
                      GError             **error)
{
  if (g_strcmp0 (state, "final") == 0)
    {
      if (action == TANDEM_REVIEW_RESOLVE)
        return TRUE;
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED, _("it is final and can no longer change"));
      return FALSE;
    }
  if (g_strcmp0 (state, "draft") == 0)
    {
      if (action == TANDEM_REVIEW_DECIDE)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED, _("it has not been submitted for review yet"));
          return FALSE;
        }
      return TRUE;
    }
  if (in_review (state))
    {
      if (action == TANDEM_REVIEW_SUBMIT)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED, _("it is already in review"));
          return FALSE;
        }
      return TRUE;
    }
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("unknown review state “%s”"), state);
  return FALSE;
}

/* DESIGN.md "Who may do what", for the person acting. Anyone may
 * comment; deciding is a matter of being a reviewer, not of a role. */
gboolean
tandem_review_role_may (TandemEntity        *actor,
                        TandemReviewAction   action,
                        GError             **error)
{
  const char *role;

  if (actor == NULL)
    return TRUE;
  if (!tandem_entity_get_bool (actor, "active"))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED, _("%s is no longer active"),
                   tandem_entity_get_string (actor, "name"));
      return FALSE;
    }
  role = tandem_entity_get_string (actor, "role");
  switch (action)
    {
    case TANDEM_REVIEW_ADD_VERSION:
    case TANDEM_REVIEW_SUBMIT:
    case TANDEM_REVIEW_SET:
    case TANDEM_REVIEW_FINALIZE:
      if (g_strcmp0 (role, "sales") == 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED,
                       _("%s works in sales: only marketing and admins manage assets"),
                       tandem_entity_get_string (actor, "name"));
          return FALSE;
        }
      return TRUE;
    case TANDEM_REVIEW_COMMENT:
    case TANDEM_REVIEW_RESOLVE:
    case TANDEM_REVIEW_DECIDE:
    default:
      return TRUE;
    }
}

/* A file name as it may be shown: valid UTF-8 without control or
 * direction-override characters, never used as a path. */
char *
tandem_review_display_name (const char *file_name)
{
  g_autofree char *valid = g_utf8_make_valid (file_name != NULL ? file_name : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200E || c == 0x200F)
        continue;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_assign (out, _("Unnamed file"));
  /* the store keeps one-line strings up to 1000 bytes */
  if (out->len > 1000)
    {
      const char *end = g_utf8_find_prev_char (out->str, out->str + 1000);
      g_string_truncate (out, end - out->str);
    }
  return g_string_free (out, FALSE);
}

/* Reading */

static const char *
title_of (TandemEntity *asset)
{
  return tandem_entity_get_string (asset, "title");
}

static gint64
current_version (TandemEntity *asset)
{
  return tandem_entity_get_int (asset, "current_version");
}

static char *
person_name (TandemStore *store,
             const char  *id)
{
  g_autoptr(TandemEntity) person = tandem_store_get (store, TANDEM_TYPE_PERSON, id, NULL);

  return g_strdup (person != NULL ? tandem_entity_get_string (person, "name") : id);
}

/* The rows of @type that belong to @asset with version @version (0: all) */
static GPtrArray *
rows_of (TandemStore   *store,
         GType          type,
         TandemEntity  *asset,
         gint64         version,
         GError       **error)
{
  g_autoptr(GPtrArray) all = tandem_store_list_by (store, type, "asset", tandem_entity_get_id (asset), error);
  GPtrArray *rows;

  if (all == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      TandemEntity *row = all->pdata[i];
      gint64 v = tandem_entity_get_int (row, type == TANDEM_TYPE_ASSET_VERSION ? "number" : "version");

      if (version == 0 || v == version)
        g_ptr_array_add (rows, g_object_ref (row));
    }
  return rows;
}

static TandemEntity *
decision_of (GPtrArray  *decisions,
             const char *reviewer)
{
  for (guint i = 0; i < decisions->len; i++)
    if (g_strcmp0 (tandem_entity_get_string (decisions->pdata[i], "reviewer"), reviewer) == 0)
      return decisions->pdata[i];
  return NULL;
}

/* Every required reviewer with their decision on the current version */
GPtrArray *
tandem_review_reviewers (TandemStore   *store,
                         TandemEntity  *asset,
                         GError       **error)
{
  g_autoptr(GPtrArray) decisions = NULL;
  const char * const *reviewers;
  GPtrArray *result;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_ENTITY (asset), NULL);

  if ((decisions = rows_of (store, TANDEM_TYPE_DECISION, asset, current_version (asset), error)) == NULL)
    return NULL;

  reviewers = (const char * const *) tandem_entity_get_strv (asset, "reviewers");
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_reviewer_status_free);
  for (guint i = 0; reviewers != NULL && reviewers[i] != NULL; i++)
    {
      TandemReviewerStatus *status = g_new0 (TandemReviewerStatus, 1);
      TandemEntity *decision = decision_of (decisions, reviewers[i]);

      status->reviewer = g_strdup (reviewers[i]);
      status->name = person_name (store, reviewers[i]);
      if (decision != NULL)
        {
          status->decision = g_strdup (tandem_entity_get_string (decision, "decision"));
          status->note = g_strdup (tandem_entity_get_string (decision, "note"));
        }
      g_ptr_array_add (result, status);
    }
  return result;
}

/* The comments shown with the current version: its own, and the open
 * ones of older versions ("open from version N"), oldest first */
GPtrArray *
tandem_review_open_comments (TandemStore   *store,
                             TandemEntity  *asset,
                             GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *shown;
  gint64 current;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_ENTITY (asset), NULL);

  if ((all = rows_of (store, TANDEM_TYPE_COMMENT, asset, 0, error)) == NULL)
    return NULL;
  current = current_version (asset);
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      TandemEntity *comment = all->pdata[i];

      if (tandem_entity_get_int (comment, "version") == current || !tandem_entity_get_bool (comment, "resolved"))
        g_ptr_array_add (shown, g_object_ref (comment));
    }
  g_ptr_array_sort (shown, tandem_entity_compare_created);
  return shown;
}

/* Why the asset cannot be final now, naming what and who is missing;
 * NULL with no error when it can. */
char *
tandem_review_finalize_blockers (TandemStore   *store,
                                 TandemEntity  *asset,
                                 GError       **error)
{
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  const char *state = tandem_entity_get_string (asset, "state");
  gint64 version = current_version (asset);
  guint n_open = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_ENTITY (asset), NULL);

  if (g_strcmp0 (state, "final") == 0)
    return g_strdup (_("it is already final"));
  if (g_strcmp0 (state, "draft") == 0)
    return g_strdup (_("it has not been submitted for review yet"));

  if ((reviewers = tandem_review_reviewers (store, asset, error)) == NULL ||
      (comments = rows_of (store, TANDEM_TYPE_COMMENT, asset, version, error)) == NULL)
    return NULL;

  if (reviewers->len == 0)
    g_string_append (why, _("it has no reviewers"));
  for (guint i = 0; i < reviewers->len; i++)
    {
      TandemReviewerStatus *status = reviewers->pdata[i];

      if (is_approval (status->decision))
        continue;
      if (why->len > 0)
        g_string_append (why, "; ");
      if (status->decision != NULL)
        g_string_append_printf (why, _("%s requested changes to version %d"), status->name, (int) version);
      else
        g_string_append_printf (why, _("%s has not approved version %d"), status->name, (int) version);
    }

  for (guint i = 0; i < comments->len; i++)
    if (!tandem_entity_get_bool (comments->pdata[i], "resolved"))
      n_open++;
  if (n_open > 0)
    {
      if (why->len > 0)
        g_string_append (why, "; ");
      g_string_append_printf (why,
                              g_dngettext (GETTEXT_PACKAGE, "%u comment on version %d is open",
                                           "%u comments on version %d are open", n_open),
                              n_open, (int) version);
    }

  return why->len > 0 ? g_string_free (g_steal_pointer (&why), FALSE) : NULL;
}

/* Whether @person_id must still decide on the current version */
gboolean
tandem_review_is_waiting_for (TandemStore  *store,
                              TandemEntity *asset,
                              const char   *person_id)
{
  const char * const *reviewers;
  g_autoptr(GPtrArray) decisions = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (TANDEM_IS_ENTITY (asset), FALSE);

  if (person_id == NULL || !in_review (tandem_entity_get_string (asset, "state")))
    return FALSE;
  reviewers = (const char * const *) tandem_entity_get_strv (asset, "reviewers");
  if (reviewers == NULL || !g_strv_contains (reviewers, person_id))
    return FALSE;
  decisions = rows_of (store, TANDEM_TYPE_DECISION, asset, current_version (asset), NULL);
  return decisions != NULL && decision_of (decisions, person_id) == NULL;
}

/* Writes */

/* "cannot <do what> "<title>": <why>", translatable as whole sentences */
static void
refuse (GError             **error,
        const GError        *reason,
        TandemReviewAction   action,
        const char          *title)
{
  const char *why = reason->message;

  switch (action)
    {
    case TANDEM_REVIEW_ADD_VERSION:
      g_set_error (error, reason->domain, reason->code, _("cannot add a version to \"%s\": %s"), title, why);
      break;
    case TANDEM_REVIEW_SUBMIT:
      g_set_error (error, reason->domain, reason->code, _("cannot submit \"%s\": %s"), title, why);
      break;
    case TANDEM_REVIEW_SET:
      g_set_error (error, reason->domain, reason->code, _("cannot change \"%s\": %s"), title, why);
      break;
    case TANDEM_REVIEW_COMMENT:
      g_set_error (error, reason->domain, reason->code, _("cannot comment on \"%s\": %s"), title, why);
      break;
    case TANDEM_REVIEW_RESOLVE:
      g_set_error (error, reason->domain, reason->code, _("cannot resolve or reopen a comment on \"%s\": %s"),
                   title, why);
      break;
    case TANDEM_REVIEW_DECIDE:
      g_set_error (error, reason->domain, reason->code, _("cannot decide on \"%s\": %s"), title, why);
      break;
    case TANDEM_REVIEW_FINALIZE:
    default:
      g_set_error (error, reason->domain, reason->code, _("cannot finalize \"%s\": %s"), title, why);
      break;
    }
}

/* Loads the asset inside the transaction and checks the role and state
 * rules for @action; the error names the asset. */
static TandemEntity *
load_for (TandemStore         *store,
          const char          *asset_id,
          TandemEntity        *actor,
          TandemReviewAction   action,
          GError             **error)
{
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(GError) local = NULL;

  if ((asset = tandem_store_get (store, TANDEM_TYPE_ASSET, asset_id, error)) == NULL)
    return NULL;
  if (!tandem_review_role_may (actor, action, &local) ||
      !tandem_review_allows (tandem_entity_get_string (asset, "state"), action, &local))
    {
      refuse (error, local, action, title_of (asset));
      return NULL;
    }
  return g_steal_pointer (&asset);
}

static gboolean
set_state (TandemStore   *store,
           TandemEntity **asset,
           const char    *state,
           JsonObject    *more,
           GError       **error)
{
  g_autoptr(JsonObject) patch = more != NULL ? json_object_ref (more) : json_object_new ();
  TandemEntity *updated;

  json_object_set_string_member (patch, "state", state);
  updated = tandem_store_update (store, TANDEM_TYPE_ASSET, tandem_entity_get_id (*asset), 0, patch,
                                 TANDEM_WRITE_MANAGED, error);
  if (updated == NULL)
    return FALSE;
  g_object_unref (*asset);
  *asset = updated;
  return TRUE;
}

/* Recomputes the state of an asset in review from its current decisions */
static gboolean
follow_decisions (TandemStore   *store,
                  TandemEntity **asset,
                  GError       **error)
{
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GPtrArray) decisions = g_ptr_array_new ();
  const char *state;

  if (!in_review (tandem_entity_get_string (*asset, "state")))
    return TRUE;
  if ((reviewers = tandem_review_reviewers (store, *asset, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < reviewers->len; i++)
    {
      TandemReviewerStatus *status = reviewers->pdata[i];
      if (status->decision != NULL)
        g_ptr_array_add (decisions, status->decision);
    }
  g_ptr_array_add (decisions, NULL);
  state = tandem_review_state_for ((const char * const *) decisions->pdata);
  if (g_str_equal (state, tandem_entity_get_string (*asset, "state")))
    return TRUE;
  return set_state (store, asset, state, NULL, error);
}

/* Ends a rule's transaction: commit when @result is set, else roll back */
static TandemEntity *
finish (TandemStore   *store,
        TandemEntity  *result,
        GError       **error)
{
  if (result == NULL)
    {
      tandem_store_rollback (store);
      return NULL;
    }
  if (!tandem_store_commit (store, error))
    {
      g_object_unref (result);
      return NULL;
    }
  return result;
}

/* What the asset page can show (tandem-document-view.c): anything else is
 * refused when it is uploaded. The type comes from the bytes, never from
 * the file's name. */
static const char * const reviewable_types[] = {
  "application/pdf", "image/png", "image/jpeg", "image/svg+xml", NULL
};

#define SNIFF_SIZE 4096

/* Whether poppler opens the PDF in @stream and every page of it */
static gboolean
check_pdf (GInputStream  *stream,
           gint64         size,
           const char    *display,
           GCancellable  *cancellable,
           GError       **error)
{
  PopplerDocument *pdf;
  GError *local = NULL;
  int n_pages;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return FALSE;
  if ((pdf = poppler_document_new_from_stream (stream, size, NULL, cancellable, &local)) == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                     _("%s is a PDF protected by a password: Tandem cannot show it"), display);
      else if (local->domain == POPPLER_ERROR)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                     _("%s is a damaged PDF that Tandem cannot show (%s)"), display, local->message);
      else
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_error_free (local);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (pdf);
  if (n_pages < 1)
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("%s is a PDF without pages"), display);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);

      if (page == NULL)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       _("%s is a damaged PDF: page %d cannot be read"), display, i + 1);
          n_pages = 0;
          break;
        }
      g_object_unref (page);
    }
  g_object_unref (pdf);
  return n_pages >= 1;
}

/* The MIME type of the file in @stream, from its content; an error naming
 * the file and what it really is when the review cannot show it */
static char *
reviewable_type (GInputStream  *stream,
                 gint64         size,
                 const char    *display,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree guint8 *head = g_malloc (SNIFF_SIZE);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  gsize n = 0;

  if (size == 0)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("%s is empty: there is nothing to review"), display);
      return NULL;
    }
  if (!g_input_stream_read_all (stream, head, MIN (size, SNIFF_SIZE), &n, cancellable, error))
    return NULL;
  content_type = g_content_type_guess (NULL, head, n, NULL);
  mime = g_content_type_get_mime_type (content_type);
  if (mime == NULL || !g_strv_contains (reviewable_types, mime))
    {
      g_autofree char *what = g_content_type_get_description (content_type);

      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   _("%s is neither a PDF nor an image that Tandem can show: its content is “%s” (%s)"),
                   display, what, mime != NULL ? mime : content_type);
      return NULL;
    }
  if (g_str_equal (mime, "application/pdf") && !check_pdf (stream, size, display, cancellable, error))
    return NULL;
  return g_steal_pointer (&mime);
}

/* Stores the file (size-checked before reading, its type checked from its
 * content, then streamed) and returns the version fields that describe it */
static JsonObject *
store_file (TandemStore   *store,
            GFile         *file,
            const char    *file_name,
            TandemEntity  *actor,
            gint64         max_size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  JsonObject *fields;
  gint64 size;

  if (max_size <= 0)
    max_size = TANDEM_REVIEW_MAX_SIZE_DEFAULT;
  if (file_name == NULL)
    file_name = base = g_file_get_basename (file);
  display = tandem_review_display_name (file_name);

  /* asked before opening: a FIFO would block, a huge file is not read */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("%s is not a regular file"), display);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > max_size)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   _("%s is too large (%d MB; the limit is %d MB)"),
                   display, (int) (size / (1024 * 1024)), (int) (max_size / (1024 * 1024)));
      return NULL;
    }

  /* one stream for the check and the copy: what is stored is what was checked */
  if ((stream = g_file_read (file, cancellable, error)) == NULL ||
      (mime_type = reviewable_type (G_INPUT_STREAM (stream), size, display, cancellable, error)) == NULL ||
      !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return NULL;
  sha256 = tandem_store_put_blob (store, G_INPUT_STREAM (stream), size, mime_type, cancellable, error);
  if (sha256 == NULL)
    return NULL;

  fields = json_object_new ();
  json_object_set_string_member (fields, "sha256", sha256);
  json_object_set_string_member (fields, "file_name", display);
  json_object_set_string_member (fields, "mime_type", mime_type);
  json_object_set_int_member (fields, "size", size);
  if (actor != NULL)
    json_object_set_string_member (fields, "uploaded_by", tandem_entity_get_id (actor));
  return fields;
}

static char *
title_from_file_name (const char *display)
{
  const char *dot = strrchr (display, '.');

  return dot != NULL && dot != display ? g_strndup (display, dot - display) : g_strdup (display);
}

TandemEntity *
tandem_review_add_asset (TandemStore   *store,
                         JsonObject    *fields,
                         GFile         *file,
                         const char    *file_name,
                         TandemEntity  *actor,
                         gint64         max_size,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(JsonObject) version = NULL;
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) first = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!tandem_review_role_may (actor, TANDEM_REVIEW_ADD_VERSION, &local))
    {
      g_set_error (error, local->domain, local->code, _("cannot add an asset: %s"), local->message);
      return NULL;
    }

  members = json_object_get_members (fields);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      static const char * const allowed[] = { "campaign", "title", "kind", "due", "reviewers", NULL };

      if (!g_strv_contains (allowed, l->data))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       _("a new asset takes campaign, title, kind, due and reviewers, not “%s”"),
                       (const char *) l->data);
          return NULL;
        }
      json_object_set_member (row, l->data, json_node_copy (json_object_get_member (fields, l->data)));
    }

  /* the bytes and the rows that reference them in one transaction: a
   * process killed in between leaves neither */
  if (!tandem_store_begin (store, error))
    return NULL;
  if ((version = store_file (store, file, file_name, actor, max_size, cancellable, error)) == NULL)
    return finish (store, NULL, error);

  if (g_strcmp0 (json_object_get_string_member_with_default (row, "title", ""), "") == 0)
    {
      g_autofree char *title = title_from_file_name (json_object_get_string_member (version, "file_name"));
      json_object_set_string_member (row, "title", title);
    }
  json_object_set_string_member (row, "state", "draft");
  json_object_set_int_member (row, "current_version", 1);
  if (actor != NULL)
    json_object_set_string_member (row, "created_by", tandem_entity_get_id (actor));

  asset = tandem_store_insert (store, TANDEM_TYPE_ASSET, row, TANDEM_WRITE_MANAGED, error);
  if (asset != NULL)
    {
      json_object_set_string_member (version, "asset", tandem_entity_get_id (asset));
      json_object_set_int_member (version, "number", 1);
      first = tandem_store_insert (store, TANDEM_TYPE_ASSET_VERSION, version, TANDEM_WRITE_DEFAULT, error);
    }
  return finish (store, first != NULL ? g_steal_pointer (&asset) : NULL, error);
}

/* A new version: the next number, back to in_review (a draft stays a
 * draft); the decisions of the old version stop counting */
TandemEntity *
tandem_review_add_version (TandemStore   *store,
                           const char    *asset_id,
                           GFile         *file,
                           const char    *file_name,
                           const char    *note,
                           TandemEntity  *actor,
                           gint64         max_size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) version = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  gint64 number;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* refuse before reading the file when the rules say no */
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_ADD_VERSION, error)) == NULL)
    return NULL;
  g_clear_object (&asset);

  /* the bytes and the rows that reference them in one transaction */
  if (!tandem_store_begin (store, error))
    return NULL;
  if ((fields = store_file (store, file, file_name, actor, max_size, cancellable, error)) == NULL)
    return finish (store, NULL, error);
  /* again inside the transaction: someone may have added one meanwhile */
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_ADD_VERSION, error)) == NULL)
    return finish (store, NULL, error);

  number = current_version (asset) + 1;
  json_object_set_string_member (fields, "asset", asset_id);
  json_object_set_int_member (fields, "number", number);
  if (note != NULL)
    json_object_set_string_member (fields, "note", note);
  json_object_set_int_member (patch, "current_version", number);

  if ((version = tandem_store_insert (store, TANDEM_TYPE_ASSET_VERSION, fields, TANDEM_WRITE_DEFAULT, error)) == NULL ||
      !set_state (store, &asset,
                  g_str_equal (tandem_entity_get_string (asset, "state"), "draft") ? "draft" : "in_review",
                  patch, error))
    return finish (store, NULL, error);
  return finish (store, g_steal_pointer (&version), error);
}

TandemEntity *
tandem_review_submit (TandemStore   *store,
                      const char    *asset_id,
                      TandemEntity  *actor,
                      GError       **error)
{
  g_autoptr(TandemEntity) asset = NULL;
  const char * const *reviewers;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_SUBMIT, error)) == NULL)
    return finish (store, NULL, error);
  reviewers = (const char * const *) tandem_entity_get_strv (asset, "reviewers");
  if (reviewers == NULL || reviewers[0] == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED,
                   _("cannot submit \"%s\": it has no reviewers"), title_of (asset));
      return finish (store, NULL, error);
    }
  if (!set_state (store, &asset, "in_review", NULL, error))
    return finish (store, NULL, error);
  return finish (store, g_steal_pointer (&asset), error);
}

/* title, kind, due and reviewers; new reviewers can change the state */
TandemEntity *
tandem_review_set (TandemStore   *store,
                   const char    *asset_id,
                   gint64         base_rev,
                   JsonObject    *patch,
                   TandemEntity  *actor,
                   GError       **error)
{
  static const char * const allowed[] = { "title", "kind", "due", "reviewers", NULL };
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  members = json_object_get_members (patch);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                     _("an asset's %s is set by the review rules: set title, kind, due or reviewers"),
                     (const char *) l->data);
        return NULL;
      }

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_SET, error)) == NULL)
    return finish (store, NULL, error);
  g_clear_object (&asset);
  if ((asset = tandem_store_update (store, TANDEM_TYPE_ASSET, asset_id, base_rev, patch,
                                    TANDEM_WRITE_DEFAULT, error)) == NULL ||
      !follow_decisions (store, &asset, error))
    return finish (store, NULL, error);
  return finish (store, g_steal_pointer (&asset), error);
}

static gboolean
check_anchor (const TandemAnchor  *anchor,
              GError             **error)
{
  gboolean ok = anchor->page >= 1 &&
                isfinite (anchor->x) && isfinite (anchor->y) && isfinite (anchor->w) && isfinite (anchor->h) &&
                anchor->x >= 0 && anchor->y >= 0 && anchor->w >= 0 && anchor->h >= 0 &&
                anchor->x + anchor->w <= 1.0 && anchor->y + anchor->h <= 1.0;

  if (!ok)
    g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                 _("a pin needs a page from 1 on and x, y, w, h as fractions of the page between 0 and 1"));
  return ok;
}

/* The pages of a stored version: 1 for an image, poppler's count for a
 * PDF, 0 when it is not known (a file stored before uploads were checked).
 * Blobs never change, so a count is kept for the process by sha256: the
 * bytes are read once per version, and only for pinned comments. */
static gint64
page_count (TandemStore   *store,
            TandemEntity  *version,
            GError       **error)
{
  static GMutex lock;
  static GHashTable *counts;
  const char *sha256 = tandem_entity_get_string (version, "sha256");
  const char *mime_type = tandem_entity_get_string (version, "mime_type");
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *pdf;
  gpointer cached;
  gint64 n_pages = 0;

  if (g_str_has_prefix (mime_type, "image/"))
    return 1;
  if (g_strcmp0 (mime_type, "application/pdf") != 0 || sha256 == NULL)
    return 0;

  g_mutex_lock (&lock);
  if (counts == NULL)
    counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cached = g_hash_table_lookup (counts, sha256);
  g_mutex_unlock (&lock);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached);

  out = g_memory_output_stream_new_resizable ();
  if (!tandem_store_read_blob (store, sha256, out, NULL, error) || !g_output_stream_close (out, NULL, error))
    return -1;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  if (g_bytes_get_size (bytes) > 0 && (pdf = poppler_document_new_from_bytes (bytes, NULL, NULL)) != NULL)
    {
      n_pages = MAX (poppler_document_get_n_pages (pdf), 0);
      g_object_unref (pdf);
    }
  if (n_pages > 0)
    {
      g_mutex_lock (&lock);
      g_hash_table_insert (counts, g_strdup (sha256), GINT_TO_POINTER ((int) n_pages));
      g_mutex_unlock (&lock);
    }
  return n_pages;
}

/* Whether the current version @number of @asset has the page @anchor names */
static gboolean
check_page (TandemStore         *store,
            TandemEntity        *asset,
            gint64               number,
            const TandemAnchor  *anchor,
            GError             **error)
{
  g_autoptr(GPtrArray) versions = rows_of (store, TANDEM_TYPE_ASSET_VERSION, asset, number, error);
  gint64 n_pages;

  if (versions == NULL)
    return FALSE;
  if (versions->len == 0)
    return TRUE;
  if ((n_pages = page_count (store, versions->pdata[0], error)) < 0)
    return FALSE;
  if (n_pages > 0 && anchor->page > n_pages)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   ngettext ("cannot pin a comment to page %d of \"%s\": version %d has %d page",
                             "cannot pin a comment to page %d of \"%s\": version %d has %d pages",
                             (gulong) n_pages),
                   (int) anchor->page, title_of (asset), (int) number, (int) n_pages);
      return FALSE;
    }
  return TRUE;
}

/* A comment on @version (0: the current one), optionally pinned to a spot
 * and optionally a reply; old versions are locked */
TandemEntity *
tandem_review_comment (TandemStore         *store,
                       const char          *asset_id,
                       gint64               version,
                       const char          *body,
                       const TandemAnchor  *anchor,
                       const char          *parent_id,
                       TandemEntity        *actor,
                       GError             **error)
{
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  gint64 current;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);

  if (anchor != NULL && !check_anchor (anchor, error))
    return NULL;

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_COMMENT, error)) == NULL)
    return finish (store, NULL, error);
  current = current_version (asset);

  if (parent_id != NULL)
    {
      g_autoptr(TandemEntity) parent = tandem_store_get (store, TANDEM_TYPE_COMMENT, parent_id, error);

      if (parent == NULL)
        return finish (store, NULL, error);
      if (g_strcmp0 (tandem_entity_get_string (parent, "asset"), asset_id) != 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       _("comment %s belongs to another asset"), parent_id);
          return finish (store, NULL, error);
        }
      if (version == 0)
        version = tandem_entity_get_int (parent, "version");
      json_object_set_string_member (fields, "parent", parent_id);
    }
  if (version == 0)
    version = current;
  if (version < 1 || version > current)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_NOT_FOUND,
                   _("\"%s\" has no version %d"), title_of (asset), (int) version);
      return finish (store, NULL, error);
    }
  if (version < current)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED,
                   _("cannot comment on \"%s\": version %d is locked since version %d came"),
                   title_of (asset), (int) version, (int) current);
      return finish (store, NULL, error);
    }

  if (anchor != NULL && !check_page (store, asset, version, anchor, error))
    return finish (store, NULL, error);

  json_object_set_string_member (fields, "asset", asset_id);
  json_object_set_int_member (fields, "version", version);
  json_object_set_string_member (fields, "body", body != NULL ? body : "");
  if (actor != NULL)
    json_object_set_string_member (fields, "author", tandem_entity_get_id (actor));
  if (anchor != NULL)
    {
      json_object_set_int_member (fields, "page", anchor->page);
      json_object_set_double_member (fields, "x", anchor->x);
      json_object_set_double_member (fields, "y", anchor->y);
      json_object_set_double_member (fields, "w", anchor->w);
      json_object_set_double_member (fields, "h", anchor->h);
    }
  comment = tandem_store_insert (store, TANDEM_TYPE_COMMENT, fields, TANDEM_WRITE_DEFAULT, error);
  return finish (store, g_steal_pointer (&comment), error);
}

/* Resolve or reopen: allowed on old versions too */
TandemEntity *
tandem_review_resolve (TandemStore   *store,
                       const char    *comment_id,
                       gboolean       resolved,
                       TandemEntity  *actor,
                       GError       **error)
{
  g_autoptr(TandemEntity) comment = NULL;
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (comment_id != NULL, NULL);

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((comment = tandem_store_get (store, TANDEM_TYPE_COMMENT, comment_id, error)) == NULL ||
      (asset = load_for (store, tandem_entity_get_string (comment, "asset"), actor, TANDEM_REVIEW_RESOLVE, error)) == NULL)
    return finish (store, NULL, error);
  if (!tandem_entity_get_bool (comment, "resolved") == !resolved)
    return finish (store, g_steal_pointer (&comment), error);

  json_object_set_boolean_member (patch, "resolved", resolved);
  if (resolved)
    {
      g_autofree char *now = tandem_now_rfc3339 ();
      json_object_set_string_member (patch, "resolved_at", now);
      if (actor != NULL)
        json_object_set_string_member (patch, "resolved_by", tandem_entity_get_id (actor));
      else
        json_object_set_null_member (patch, "resolved_by");
    }
  else
    {
      json_object_set_null_member (patch, "resolved_at");
      json_object_set_null_member (patch, "resolved_by");
    }
  g_clear_object (&comment);
  comment = tandem_store_update (store, TANDEM_TYPE_COMMENT, comment_id, 0, patch, TANDEM_WRITE_DEFAULT, error);
  return finish (store, g_steal_pointer (&comment), error);
}

/* A reviewer's decision on the current version; deciding again replaces
 * their earlier decision on that version */
TandemEntity *
tandem_review_decide (TandemStore   *store,
                      const char    *asset_id,
                      const char    *decision,
                      const char    *note,
                      TandemEntity  *actor,
                      GError       **error)
{
  static const char * const decisions[] = { "approved", "approved_with_changes", "changes_requested", NULL };
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(TandemEntity) row = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  const char * const *reviewers;
  TandemEntity *earlier;
  const char *reviewer;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);

  if (decision == NULL || !g_strv_contains (decisions, decision))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                   _("“%s” is not a decision: use approved, approved_with_changes or changes_requested"),
                   decision != NULL ? decision : "");
      return NULL;
    }

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((asset = load_for (store, asset_id, actor, TANDEM_REVIEW_DECIDE, error)) == NULL)
    return finish (store, NULL, error);

  reviewers = (const char * const *) tandem_entity_get_strv (asset, "reviewers");
  reviewer = actor != NULL ? tandem_entity_get_id (actor) : NULL;
  if (reviewer == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED,
                   _("cannot decide on \"%s\": say who is deciding"), title_of (asset));
      return finish (store, NULL, error);
    }
  if (reviewers == NULL || !g_strv_contains (reviewers, reviewer))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED,
                   _("cannot decide on \"%s\": %s is not one of its reviewers"),
                   title_of (asset), tandem_entity_get_string (actor, "name"));
      return finish (store, NULL, error);
    }

  if ((current = rows_of (store, TANDEM_TYPE_DECISION, asset, current_version (asset), error)) == NULL)
    return finish (store, NULL, error);
  json_object_set_string_member (fields, "decision", decision);
  json_object_set_string_member (fields, "note", note != NULL ? note : "");
  if ((earlier = decision_of (current, reviewer)) != NULL)
    row = tandem_store_update (store, TANDEM_TYPE_DECISION, tandem_entity_get_id (earlier), 0, fields,
                               TANDEM_WRITE_DEFAULT, error);
  else
    {
      json_object_set_string_member (fields, "asset", asset_id);
      json_object_set_int_member (fields, "version", current_version (asset));
      json_object_set_string_member (fields, "reviewer", reviewer);
      row = tandem_store_insert (store, TANDEM_TYPE_DECISION, fields, TANDEM_WRITE_DEFAULT, error);
    }
  if (row == NULL || !follow_decisions (store, &asset, error))
    return finish (store, NULL, error);
  return finish (store, g_steal_pointer (&row), error);
}

TandemEntity *
tandem_review_finalize (TandemStore   *store,
                        const char    *asset_id,
                        TandemEntity  *actor,
                        GError       **error)
{
  g_autoptr(TandemEntity) asset = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *why = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (asset_id != NULL, NULL);

  if (!tandem_store_begin (store, error))
    return NULL;
  if ((asset = tandem_store_get (store, TANDEM_TYPE_ASSET, asset_id, error)) == NULL)
    return finish (store, NULL, error);
  if (!tandem_review_role_may (actor, TANDEM_REVIEW_FINALIZE, &local))
    {
      refuse (error, local, TANDEM_REVIEW_FINALIZE, title_of (asset));
      return finish (store, NULL, error);
    }
  if ((why = tandem_review_finalize_blockers (store, asset, &local)) != NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_REFUSED, _("cannot finalize \"%s\": %s"), title_of (asset), why);
      return finish (store, NULL, error);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return finish (store, NULL, error);
    }
  if (!set_state (store, &asset, "final", NULL, error))
    return finish (store, NULL, error);
  return finish (store, g_steal_pointer (&asset), error);
}
