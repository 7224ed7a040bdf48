/* tandem-review.h — the review rules: the one place that says what may
 * happen to an asset, used by the app, tandemctl and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* Uploads larger than this are refused before they are read */
#define TANDEM_REVIEW_MAX_SIZE_DEFAULT (256 * (gint64) 1024 * 1024)

typedef enum
{
  TANDEM_REVIEW_ADD_VERSION,
  TANDEM_REVIEW_SUBMIT,
  TANDEM_REVIEW_SET,          /* title, kind, due, reviewers */
  TANDEM_REVIEW_COMMENT,
  TANDEM_REVIEW_RESOLVE,      /* resolve or reopen a comment */
  TANDEM_REVIEW_DECIDE,
  TANDEM_REVIEW_FINALIZE,
} TandemReviewAction;

/* Where a comment points: a page (1-based) and fractions 0–1 of it; w and
 * h are 0 for a pin, more for a region. */
typedef struct
{
  gint64 page;
  double x;
  double y;
  double w;
  double h;
} TandemAnchor;

/* A required reviewer and their decision on the current version */
typedef struct
{
  char *reviewer;   /* person id */
  char *name;       /* the person's name, or the id when they are gone */
  char *decision;   /* NULL: not decided yet */
  char *note;
} TandemReviewerStatus;

void          tandem_reviewer_status_free     (TandemReviewerStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemReviewerStatus, tandem_reviewer_status_free)

/* Pure rules */
const char   *tandem_review_state_for         (const char * const  *decisions);
gboolean      tandem_review_allows            (const char          *state,
                                               TandemReviewAction   action,
                                               GError             **error);
gboolean      tandem_review_role_may          (TandemEntity        *actor,
                                               TandemReviewAction   action,
                                               GError             **error);
char         *tandem_review_display_name      (const char          *file_name);

/* Reading */
GPtrArray    *tandem_review_reviewers         (TandemStore         *store,
                                               TandemEntity        *asset,
                                               GError             **error);
GPtrArray    *tandem_review_open_comments     (TandemStore         *store,
                                               TandemEntity        *asset,
                                               GError             **error);
char         *tandem_review_finalize_blockers (TandemStore         *store,
                                               TandemEntity        *asset,
                                               GError             **error);
gboolean      tandem_review_is_waiting_for    (TandemStore         *store,
                                               TandemEntity        *asset,
                                               const char          *person_id);

/* Writes: each is one transaction; @actor is the person acting (may be
 * NULL in local workspaces where no one is chosen, except for decisions) */
TandemEntity *tandem_review_add_asset         (TandemStore         *store,
                                               JsonObject          *fields,
                                               GFile               *file,
                                               const char          *file_name,
                                               TandemEntity        *actor,
                                               gint64               max_size,
                                               GCancellable        *cancellable,
                                               GError             **error);
TandemEntity *tandem_review_add_version       (TandemStore         *store,
                                               const char          *asset_id,
                                               GFile               *file,
                                               const char          *file_name,
                                               const char          *note,
                                               TandemEntity        *actor,
                                               gint64               max_size,
                                               GCancellable        *cancellable,
                                               GError             **error);
TandemEntity *tandem_review_submit            (TandemStore         *store,
                                               const char          *asset_id,
                                               TandemEntity        *actor,
                                               GError             **error);
TandemEntity *tandem_review_set               (TandemStore         *store,
                                               const char          *asset_id,
                                               gint64               base_rev,
                                               JsonObject          *patch,
                                               TandemEntity        *actor,
                                               GError             **error);
TandemEntity *tandem_review_comment           (TandemStore         *store,
                                               const char          *asset_id,
                                               gint64               version,
                                               const char          *body,
                                               const TandemAnchor  *anchor,
                                               const char          *parent_id,
                                               TandemEntity        *actor,
                                               GError             **error);
TandemEntity *tandem_review_resolve           (TandemStore         *store,
                                               const char          *comment_id,
                                               gboolean             resolved,
                                               TandemEntity        *actor,
                                               GError             **error);
TandemEntity *tandem_review_decide            (TandemStore         *store,
                                               const char          *asset_id,
                                               const char          *decision,
                                               const char          *note,
                                               TandemEntity        *actor,
                                               GError             **error);
TandemEntity *tandem_review_finalize          (TandemStore         *store,
                                               const char          *asset_id,
                                               TandemEntity        *actor,
                                               GError             **error);

G_END_DECLS
