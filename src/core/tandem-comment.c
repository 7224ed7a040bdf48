/* tandem-comment.c — the comment row: its fields and the rules across them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-comment"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-comment.h"
#include "tandem-util.h"

struct _TandemComment
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemComment, tandem_comment, TANDEM_TYPE_ENTITY)



static const TandemFieldInfo fields[] = {
  { "asset", TANDEM_FIELD_REF, 0, NULL, "asset" },
  { "version", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE, NULL, NULL, "1" },
  { "author", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  { "body", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED },
  { "page", TANDEM_FIELD_INT, TANDEM_FIELD_NULLABLE },
  { "x", TANDEM_FIELD_DOUBLE, TANDEM_FIELD_NULLABLE | TANDEM_FIELD_NON_NEGATIVE },
  { "y", TANDEM_FIELD_DOUBLE, TANDEM_FIELD_NULLABLE | TANDEM_FIELD_NON_NEGATIVE },
  { "w", TANDEM_FIELD_DOUBLE, TANDEM_FIELD_NULLABLE | TANDEM_FIELD_NON_NEGATIVE },
  { "h", TANDEM_FIELD_DOUBLE, TANDEM_FIELD_NULLABLE | TANDEM_FIELD_NON_NEGATIVE },
  { "parent", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "comment" },
  { "resolved", TANDEM_FIELD_BOOL },
  { "resolved_by", TANDEM_FIELD_REF, TANDEM_FIELD_NULLABLE, NULL, "person" },
  { "resolved_at", TANDEM_FIELD_TIMESTAMP, TANDEM_FIELD_NULLABLE },
};

static gboolean
tandem_comment_validate (TandemEntity  *entity,
                         GError       **error)
{
  static const char * const coords[] = { "x", "y", "w", "h" };
  gboolean anchored = tandem_entity_get_int (entity, "page") >= 0;

  if (anchored && tandem_entity_get_int (entity, "page") < 1)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "page numbers start at 1");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (coords); i++)
    {
      double v = tandem_entity_get_double (entity, coords[i]);
      gboolean set = v == v; /* not NaN */

      if (set && !anchored)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s needs a page", coords[i]);
          return FALSE;
        }
      if (set && (v < 0.0 || v > 1.0))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s must be a fraction of the page between 0 and 1", coords[i]);
          return FALSE;
        }
    }
  if (anchored && tandem_entity_get_double (entity, "x") != tandem_entity_get_double (entity, "x"))
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "a pinned comment needs x and y");
      return FALSE;
    }
  return TRUE;
}

static void
tandem_comment_class_init (TandemCommentClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "comment", "comments",
                                       "\"created_at\", \"rowid\"",
                                       fields, G_N_ELEMENTS (fields));
  entity_class->validate = tandem_comment_validate;
}

static void
tandem_comment_init (TandemComment *self)
{
}
