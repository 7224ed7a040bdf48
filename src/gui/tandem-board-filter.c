/* tandem-board-filter.c — which campaigns the board shows (no GTK)
 *
 * The filter bar's criteria as plain data, the test one campaign passes,
 * and a compact string form (“text=…&owner=…”, URI-escaped) in which the
 * filters of each workspace are kept in GSettings. Text search ignores case
 * and accents: “fruh” finds “Frühjahrsaktion”, “STRASSE” finds “Straße”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-board-filter"

#include <string.h>

#include "tandem-board-filter.h"
#include "tandem-error.h"

static const char * const side_names[] = { "any", "marketing", "sales" };

/* Helpers */

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

static void
set_string (char       **field,
            const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = is_set (value) ? g_strdup (value) : NULL;
    }
}

static gboolean
folded_contains (const char *folded_word,
                 const char *text)
{
  g_autofree char *folded = NULL;

  if (!is_set (text))
    return FALSE;
  folded = tandem_board_fold (text);
  return strstr (folded, folded_word) != NULL;
}

static gboolean
owned_by (TandemEntity    *campaign,
          TandemBoardSide  side,
          const char      *person)
{
  const char *marketing = tandem_entity_get_string (campaign, "marketing_owner");
  const char *sales = tandem_entity_get_string (campaign, "sales_owner");

  switch (side)
    {
    case TANDEM_BOARD_SIDE_MARKETING:
      return g_strcmp0 (marketing, person) == 0;
    case TANDEM_BOARD_SIDE_SALES:
      return g_strcmp0 (sales, person) == 0;
    case TANDEM_BOARD_SIDE_ANY:
    default:
      return g_strcmp0 (marketing, person) == 0 || g_strcmp0 (sales, person) == 0;
    }
}

static gboolean
words_match (const TandemBoardFilter *self,
             TandemEntity            *campaign)
{
  static const char * const fields[] = { "title", "description", "segment" };

  for (guint w = 0; self->folded_words[w] != NULL; w++)
    {
      gboolean found = FALSE;

      for (guint f = 0; f < G_N_ELEMENTS (fields) && !found; f++)
        found = folded_contains (self->folded_words[w], tandem_entity_get_string (campaign, fields[f]));
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Public API */

/**
 * tandem_board_fold:
 *
 * @text without accents and case, for comparing what people type with
 * what is stored: decomposes (NFKD), drops the combining marks, casefolds.
 *
 * Returns: (transfer full): the folded text
 */
char *
tandem_board_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)  /* not UTF-8 */
    return g_strdup ("");
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, -1);
}

TandemBoardFilter *
tandem_board_filter_new (void)
{
  TandemBoardFilter *self = g_new0 (TandemBoardFilter, 1);

  self->folded_words = g_new0 (char *, 1);
  return self;
}

TandemBoardFilter *
tandem_board_filter_copy (const TandemBoardFilter *self)
{
  TandemBoardFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = tandem_board_filter_new ();
  tandem_board_filter_set_text (copy, self->text);
  copy->owner = g_strdup (self->owner);
  copy->side = self->side;
  copy->channel = g_strdup (self->channel);
  copy->segment = g_strdup (self->segment);
  copy->mine = self->mine;
  copy->me = g_strdup (self->me);
  return copy;
}

/* Back to “show everything”; @me stays. */
void
tandem_board_filter_clear (TandemBoardFilter *self)
{
  g_return_if_fail (self != NULL);

  tandem_board_filter_set_text (self, NULL);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->segment, g_free);
  self->side = TANDEM_BOARD_SIDE_ANY;
  self->mine = FALSE;
}

void
tandem_board_filter_free (TandemBoardFilter *self)
{
  if (self == NULL)
    return;
  tandem_board_filter_clear (self);
  g_free (self->me);
  g_strfreev (self->folded_words);
  g_free (self);
}

void
tandem_board_filter_set_text (TandemBoardFilter *self,
                              const char        *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  g_return_if_fail (self != NULL);

  set_string (&self->text, text);
  folded = tandem_board_fold (self->text ? self->text : "");
  words = g_strsplit_set (g_strstrip (folded), " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  g_strfreev (self->folded_words);
  self->folded_words = g_strv_builder_end (builder);
}

gboolean
tandem_board_filter_is_empty (const TandemBoardFilter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->folded_words[0] == NULL && !is_set (self->owner) && self->side == TANDEM_BOARD_SIDE_ANY &&
         !is_set (self->channel) && !is_set (self->segment) && !self->mine;
}

/* Same criteria (@me is not compared). */
gboolean
tandem_board_filter_equal (const TandemBoardFilter *a,
                           const TandemBoardFilter *b)
{
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  sa = tandem_board_filter_serialize (a);
  sb = tandem_board_filter_serialize (b);
  return g_str_equal (sa, sb);
}

/**
 * tandem_board_filter_match:
 * @campaign: a campaign
 *
 * Whether @campaign passes every criterion set in @self. “My campaigns”
 * with nobody chosen as me matches nothing.
 */
gboolean
tandem_board_filter_match (const TandemBoardFilter *self,
                           TandemEntity            *campaign)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_ENTITY (campaign), FALSE);

  if (self->folded_words[0] != NULL && !words_match (self, campaign))
    return FALSE;

  if (is_set (self->owner) && !owned_by (campaign, self->side, self->owner))
    return FALSE;
  if (self->mine && (!is_set (self->me) || !owned_by (campaign, self->side, self->me)))
    return FALSE;
  if (!is_set (self->owner) && !self->mine)
    {
      if (self->side == TANDEM_BOARD_SIDE_MARKETING &&
          !is_set (tandem_entity_get_string (campaign, "marketing_owner")))
        return FALSE;
      if (self->side == TANDEM_BOARD_SIDE_SALES &&
          !is_set (tandem_entity_get_string (campaign, "sales_owner")))
        return FALSE;
    }

  if (is_set (self->channel))
    {
      const char * const *channels = tandem_entity_get_strv (campaign, "channels");
      g_autofree char *wanted = tandem_board_fold (self->channel);
      gboolean found = FALSE;

      for (guint i = 0; channels != NULL && channels[i] != NULL && !found; i++)
        {
          g_autofree char *folded = tandem_board_fold (channels[i]);
          found = g_str_equal (folded, wanted);
        }
      if (!found)
        return FALSE;
    }

  if (is_set (self->segment))
    {
      const char *segment = tandem_entity_get_string (campaign, "segment");
      g_autofree char *wanted = tandem_board_fold (self->segment);
      g_autofree char *folded = tandem_board_fold (segment ? segment : "");

      if (!g_str_equal (folded, wanted))
        return FALSE;
    }

  return TRUE;
}

/**
 * tandem_board_filter_serialize:
 *
 * The criteria as “key=value&…”, values URI-escaped, unset ones left out,
 * in a fixed order: "" for the empty filter. @me is not included.
 *
 * Returns: (transfer full): the string
 */
char *
tandem_board_filter_serialize (const TandemBoardFilter *self)
{
  const struct { const char *key; const char *value; } pairs[] = {
    { "text", self->text },
    { "owner", self->owner },
    { "side", self->side != TANDEM_BOARD_SIDE_ANY ? side_names[self->side] : NULL },
    { "channel", self->channel },
    { "segment", self->segment },
    { "mine", self->mine ? "1" : NULL },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (is_set (pairs[i].value))
      {
        g_autofree char *escaped = g_uri_escape_string (pairs[i].value, NULL, TRUE);

        if (out->len > 0)
          g_string_append_c (out, '&');
        g_string_append_printf (out, "%s=%s", pairs[i].key, escaped);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * tandem_board_filter_parse:
 * @text: what tandem_board_filter_serialize() made
 *
 * Reads a filter back. Unknown keys are skipped (a newer Tandem may have
 * written them); broken escapes, a missing “=”, repeated keys, invalid
 * UTF-8 and unknown values of “side” or “mine” are refused.
 *
 * Returns: (transfer full): the filter, or %NULL with %TANDEM_ERROR_INVALID
 */
TandemBoardFilter *
tandem_board_filter_parse (const char  *text,
                           GError     **error)
{
  g_autoptr(TandemBoardFilter) filter = tandem_board_filter_new ();
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) local = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (text != NULL, NULL);

  if (*text == '\0')
    return g_steal_pointer (&filter);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "board filter: not UTF-8");
      return NULL;
    }
  /* g_uri_parse_params() accepts a pair without “=” nowhere, but keeps
   * the last of repeated keys silently: check those here. */
  {
    g_auto(GStrv) pairs = g_strsplit (text, "&", -1);
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; pairs[i] != NULL; i++)
      {
        char *eq = strchr (pairs[i], '=');

        if (eq == NULL || eq == pairs[i])
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "board filter: “%s” is not key=value",
                         pairs[i]);
            return NULL;
          }
        *eq = '\0';
        if (!g_hash_table_add (seen, pairs[i]))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "board filter: “%s” given twice", pairs[i]);
            return NULL;
          }
      }
  }

  params = g_uri_parse_params (text, -1, "&", G_URI_PARAMS_NONE, &local);
  if (params == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "board filter: %s", local->message);
      return NULL;
    }

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "board filter: %s is not UTF-8",
                       (const char *) key);
          return NULL;
        }
      if (g_str_equal (key, "text"))
        tandem_board_filter_set_text (filter, value);
      else if (g_str_equal (key, "owner"))
        set_string (&filter->owner, value);
      else if (g_str_equal (key, "channel"))
        set_string (&filter->channel, value);
      else if (g_str_equal (key, "segment"))
        set_string (&filter->segment, value);
      else if (g_str_equal (key, "side"))
        {
          guint i;

          for (i = 0; i < G_N_ELEMENTS (side_names); i++)
            if (g_str_equal (side_names[i], value))
              break;
          if (i == G_N_ELEMENTS (side_names))
            {
              g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                           "board filter: side “%s” is not any, marketing or sales", (const char *) value);
              return NULL;
            }
          filter->side = (TandemBoardSide) i;
        }
      else if (g_str_equal (key, "mine"))
        {
          if (!g_str_equal (value, "1") && !g_str_equal (value, "0"))
            {
              g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                           "board filter: mine “%s” is not 0 or 1", (const char *) value);
              return NULL;
            }
          filter->mine = g_str_equal (value, "1");
        }
      else
        g_debug ("board filter: skipping unknown key %s", (const char *) key);
    }

  return g_steal_pointer (&filter);
}
