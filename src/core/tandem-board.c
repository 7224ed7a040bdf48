/* tandem-board.c — the order of campaigns in the board's columns
 *
 * A column is the set of live campaigns of one stage, ordered by their
 * sparse integer "position" (ties broken by id). Sparse positions make a
 * move ONE row write: appending takes the last position + STEP, any other
 * place takes the midpoint between its neighbours. Only when two
 * neighbours leave no gap is the column renumbered, in the same
 * transaction as the move. The GUI board and tandemctl both come here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-board"

#include <glib/gi18n-lib.h>

#include "tandem-board.h"
#include "tandem-store-private.h"
#include "tandem-campaign.h"
#include "tandem-error.h"

#define STEP ((gint64) TANDEM_BOARD_POSITION_STEP)

/* Helpers */

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return tandem_board_compare (*(TandemEntity * const *) a, *(TandemEntity * const *) b);
}

static const TandemFieldInfo *
stage_field (void)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (TANDEM_TYPE_CAMPAIGN);

  /* the class stays alive: static types are never finalized */
  return tandem_entity_class_lookup_field (klass, "stage", NULL);
}

/* The cards of @stage except @exclude_id, in board order. */
static GPtrArray *
list_column (TandemStore  *store,
             const char   *stage,
             const char   *exclude_id,
             GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) column = g_ptr_array_new_with_free_func (g_object_unref);

  if ((rows = tandem_store_list_by (store, TANDEM_TYPE_CAMPAIGN, "stage", stage, error)) == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      TandemEntity *row = rows->pdata[i];
      if (g_strcmp0 (tandem_entity_get_id (row), exclude_id) != 0)
        g_ptr_array_add (column, g_object_ref (row));
    }
  g_ptr_array_sort (column, compare_cb);
  return g_steal_pointer (&column);
}

/* The position for a card going to @index of @stage's column (inside the
 * caller's transaction). @keep is the card's present position when it is
 * already in that column (-1 otherwise): it stays when it still fits
 * there, so a card dropped where it was writes nothing new. When the
 * column has no gap at @index it is renumbered first. Returns -1 on error. */
static gint64
place_in_column (TandemStore  *store,
                 const char   *stage,
                 const char   *exclude_id,
                 gint          index,
                 gint64        keep,
                 GError      **error)
{
  g_autoptr(GArray) all = NULL;
  g_autofree gint64 *positions = NULL;
  g_autofree const char **ids = NULL;
  gboolean renumber = FALSE;
  gint64 position;
  guint n = 0;
  guint at;

  /* appending needs only the last place, not the column */
  if (index < 0 && keep < 0)
    {
      gint64 last = _tandem_store_column_last (store, stage, exclude_id, error);

      if (last == -2)
        return -1;
      if (last < G_MAXINT64 - STEP)
        return last < 0 ? STEP : last + STEP;
    }

  if ((all = _tandem_store_column (store, stage, error)) == NULL)
    return -1;

  positions = g_new (gint64, all->len + 1);
  ids = g_new (const char *, all->len + 1);
  for (guint i = 0; i < all->len; i++)
    {
      TandemColumnEntry *entry = &g_array_index (all, TandemColumnEntry, i);
      if (g_strcmp0 (entry->id, exclude_id) == 0)
        continue;
      ids[n] = entry->id;
      positions[n++] = entry->position;
    }
  at = index < 0 ? n : MIN ((guint) index, n);

  if (keep >= 0 &&
      (at == 0 || positions[at - 1] < keep) &&
      (at == n || keep < positions[at]))
    return keep;

  position = tandem_board_position_for_index (positions, n, at, &renumber);
  if (!renumber)
    return position;

  /* No gap left: spread the column out again, leaving room at @at. */
  g_debug ("renumbering column %s (%u cards)", stage, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 wanted = (gint64) (i < at ? i + 1 : i + 2) * STEP;

      if (positions[i] != wanted)
        {
          g_autoptr(JsonObject) patch = json_object_new ();
          g_autoptr(TandemEntity) updated = NULL;

          json_object_set_int_member (patch, "position", wanted);
          updated = tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, ids[i], 0,
                                         patch, TANDEM_WRITE_DEFAULT, error);
          if (updated == NULL)
            return -1;
        }
    }
  return (gint64) (at + 1) * STEP;
}

/* Public API */

/**
 * tandem_board_position_for_index:
 * @column_positions: (array length=n): positions of the column's other
 *   cards, ascending
 * @n: how many
 * @index: where the card goes, 0 = top; past the end = append
 * @needs_renumber: (out) (optional): set when there is no gap at @index
 *
 * Pure: the sparse position for a card placed at @index. Appending takes
 * the last position + %TANDEM_BOARD_POSITION_STEP, any other place the
 * midpoint between its neighbours (the one before the top being -1, so
 * positions stay non-negative). Equal neighbours, neighbours one apart,
 * negative or unordered positions and overflow leave no gap: then
 * *@needs_renumber is set and -1 returned.
 */
gint64
tandem_board_position_for_index (const gint64 *column_positions,
                                 guint         n,
                                 guint         index,
                                 gboolean     *needs_renumber)
{
  gint64 prev, next;
  guint64 gap;

  g_return_val_if_fail (n == 0 || column_positions != NULL, -1);

  if (needs_renumber != NULL)
    *needs_renumber = FALSE;
  index = MIN (index, n);

  if (index == n)
    {
      prev = n > 0 ? column_positions[n - 1] : 0;
      if (prev >= 0 && prev <= G_MAXINT64 - STEP)
        return prev + STEP;
    }
  else
    {
      prev = index > 0 ? column_positions[index - 1] : -1;
      next = column_positions[index];
      if (prev >= -1 && next > prev)
        {
          gap = (guint64) next - (guint64) prev;
          if (gap >= 2)
            return prev + (gint64) (gap / 2);
        }
    }

  if (needs_renumber != NULL)
    *needs_renumber = TRUE;
  return -1;
}

/**
 * tandem_board_stage_index:
 * @stage: a stage name
 *
 * Returns: the column of @stage, left to right from 0, or -1.
 */
gint
tandem_board_stage_index (const char *stage)
{
  const TandemFieldInfo *info = stage_field ();

  for (gint i = 0; stage != NULL && info->choices[i] != NULL; i++)
    if (g_str_equal (info->choices[i], stage))
      return i;
  return -1;
}

/**
 * tandem_board_compare:
 *
 * Board order of two campaigns: by column (stage), then position, then id.
 */
gint
tandem_board_compare (TandemEntity *a,
                      TandemEntity *b)
{
  gint sa = tandem_board_stage_index (tandem_entity_get_string (a, "stage"));
  gint sb = tandem_board_stage_index (tandem_entity_get_string (b, "stage"));
  gint64 pa, pb;

  if (sa != sb)
    return sa < sb ? -1 : 1;
  pa = tandem_entity_get_int (a, "position");
  pb = tandem_entity_get_int (b, "position");
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (tandem_entity_get_id (a), tandem_entity_get_id (b));
}

/**
 * tandem_board_column_index:
 * @campaigns: every campaign (any order), e.g. a TandemEntityList
 * @anchor: a campaign of the column
 * @exclude_id: (nullable): a campaign to leave out, usually the one moving
 *
 * Pure: the index of @anchor in its column without @exclude_id, i.e. the
 * @index for tandem_board_move_campaign() that puts a card right before
 * @anchor (+ 1: right after it). The board shows filtered columns; this
 * maps a place next to a visible card to a place in the whole column.
 */
guint
tandem_board_column_index (GListModel   *campaigns,
                           TandemEntity *anchor,
                           const char   *exclude_id)
{
  const char *stage;
  guint n, index = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (campaigns), 0);
  g_return_val_if_fail (TANDEM_IS_ENTITY (anchor), 0);

  stage = tandem_entity_get_string (anchor, "stage");
  n = g_list_model_get_n_items (campaigns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemEntity) row = g_list_model_get_item (campaigns, i);

      if (row != anchor && g_strcmp0 (tandem_entity_get_id (row), exclude_id) != 0 &&
          g_strcmp0 (tandem_entity_get_string (row, "stage"), stage) == 0 &&
          tandem_board_compare (row, anchor) < 0)
        index++;
    }
  return index;
}

/**
 * tandem_board_insert_campaign:
 * @fields: the new campaign's fields (its "position" is chosen here)
 * @index: where in its stage's column, 0 = top, -1 = end
 *
 * Inserts a campaign at a place of its column, in one transaction.
 *
 * Returns: (transfer full): the new campaign
 */
TandemEntity *
tandem_board_insert_campaign (TandemStore  *store,
                              JsonObject   *fields,
                              gint          index,
                              GError      **error)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(TandemEntity) entity = NULL;
  g_autoptr(GList) members = NULL;
  GError *local = NULL;
  const char *stage = stage_field ()->default_text;
  gint64 position;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  members = json_object_get_members (fields);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (fields, l->data)));
  if (json_object_has_member (fields, "stage"))
    {
      JsonNode *node = json_object_get_member (fields, "stage");
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        stage = json_node_get_string (node);
    }

  if (!tandem_store_begin (store, error))
    return NULL;
  position = place_in_column (store, stage, NULL, index, -1, &local);
  if (position >= 0)
    {
      json_object_set_int_member (copy, "position", position);
      entity = tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, copy, TANDEM_WRITE_DEFAULT, &local);
    }
  if (entity == NULL)
    {
      tandem_store_rollback (store);
      g_propagate_error (error, local);
      return NULL;
    }
  if (!tandem_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&entity);
}

/**
 * tandem_board_move_campaign:
 * @id: the campaign
 * @stage: its new stage (column)
 * @index: place in that column without the campaign, 0 = top, -1 = end
 * @base_rev: the revision the move is based on (0: the current one)
 *
 * Moves a campaign to a place of a column: one row write, or a renumbering
 * of that column in the same transaction when no gap is left. A stale
 * @base_rev fails only when stage or position changed since.
 *
 * Returns: (transfer full): the campaign as it is now
 */
TandemEntity *
tandem_board_move_campaign (TandemStore  *store,
                            const char   *id,
                            const char   *stage,
                            gint          index,
                            gint64        base_rev,
                            GError      **error)
{
  g_autoptr(TandemEntity) current = NULL;
  g_autoptr(TandemEntity) moved = NULL;
  g_autoptr(JsonObject) patch = json_object_new ();
  GError *local = NULL;
  gint64 position = -1;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (stage != NULL, NULL);

  if (!tandem_store_begin (store, error))
    return NULL;

  current = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, id, &local);
  if (current != NULL && tandem_board_stage_index (stage) < 0)
    {
      g_autofree char *choices = g_strjoinv ("/", (char **) stage_field ()->choices);
      g_set_error (&local, TANDEM_ERROR, TANDEM_ERROR_INVALID, "stage: “%s” is not one of %s", stage, choices);
    }
  else if (current != NULL)
    {
      gboolean same_column = g_strcmp0 (tandem_entity_get_string (current, "stage"), stage) == 0;
      position = place_in_column (store, stage, tandem_entity_get_id (current), index,
                                  same_column ? tandem_entity_get_int (current, "position") : -1, &local);
    }
  if (position >= 0)
    {
      json_object_set_string_member (patch, "stage", stage);
      json_object_set_int_member (patch, "position", position);
      moved = tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, tandem_entity_get_id (current), base_rev,
                                   patch, TANDEM_WRITE_DEFAULT, &local);
    }
  if (moved == NULL)
    {
      tandem_store_rollback (store);
      g_propagate_error (error, local);
      return NULL;
    }
  if (!tandem_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&moved);
}

/**
 * tandem_board_update_campaign:
 * @id: the campaign
 * @base_rev: the revision the change is based on (0: the current one)
 * @patch: the fields to change
 *
 * tandem_store_update() for campaigns, keeping the board in order: a new
 * stage without a position puts the campaign at the end of that column.
 *
 * Returns: (transfer full): the campaign as it is now
 */
TandemEntity *
tandem_board_update_campaign (TandemStore  *store,
                              const char   *id,
                              gint64        base_rev,
                              JsonObject   *patch,
                              GError      **error)
{
  g_autoptr(TandemEntity) current = NULL;
  g_autoptr(TandemEntity) updated = NULL;
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(GList) members = NULL;
  JsonNode *stage;
  GError *local = NULL;
  gint64 position = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);

  members = json_object_get_members (patch);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (patch, l->data)));

  if (!tandem_store_begin (store, error))
    return NULL;

  current = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, id, &local);
  stage = json_object_get_member (patch, "stage");
  if (current != NULL && stage != NULL && !json_object_has_member (patch, "position") &&
      JSON_NODE_HOLDS_VALUE (stage) && json_node_get_value_type (stage) == G_TYPE_STRING &&
      tandem_board_stage_index (json_node_get_string (stage)) >= 0 &&
      g_strcmp0 (json_node_get_string (stage), tandem_entity_get_string (current, "stage")) != 0)
    {
      position = place_in_column (store, json_node_get_string (stage), id, -1, -1, &local);
      if (position < 0)
        current = (g_object_unref (current), NULL);
    }
  if (current != NULL)
    updated = tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, id, base_rev, copy, TANDEM_WRITE_DEFAULT, &local);
  /* The place in the new column is the board's own choice, not part of
   * what the writer based on @base_rev: a card moved meanwhile must not
   * turn a change of stage into a conflict. */
  if (updated != NULL && position > 0)
    {
      g_autoptr(JsonObject) place = json_object_new ();

      json_object_set_int_member (place, "position", position);
      g_clear_object (&updated);
      updated = tandem_store_update (store, TANDEM_TYPE_CAMPAIGN, id, 0, place, TANDEM_WRITE_DEFAULT, &local);
    }

  if (updated == NULL)
    {
      tandem_store_rollback (store);
      g_propagate_error (error, local);
      return NULL;
    }
  if (!tandem_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&updated);
}

/**
 * tandem_board_duplicate_campaign:
 * @id: the campaign to copy
 * @created_by: (nullable): the person who copies it
 *
 * Copies a campaign: every field, the title with a " (copy)" suffix, placed
 * right after the original in its column; in one transaction.
 *
 * Returns: (transfer full): the copy
 */
TandemEntity *
tandem_board_duplicate_campaign (TandemStore  *store,
                                 const char   *id,
                                 const char   *created_by,
                                 GError      **error)
{
  static const char * const meta[] = { "id", "rev", "created_at", "updated_at" };
  g_autoptr(TandemEntity) original = NULL;
  g_autoptr(TandemEntity) copy = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GPtrArray) column = NULL;
  g_autofree char *title = NULL;
  GError *local = NULL;
  const char *stage;
  gint64 position = -1;
  guint at = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!tandem_store_begin (store, error))
    return NULL;

  if ((original = tandem_store_get (store, TANDEM_TYPE_CAMPAIGN, id, &local)) != NULL)
    {
      stage = tandem_entity_get_string (original, "stage");
      if ((column = list_column (store, stage, NULL, &local)) != NULL)
        {
          while (at < column->len && g_strcmp0 (tandem_entity_get_id (column->pdata[at]), id) != 0)
            at++;
          position = place_in_column (store, stage, NULL, (gint) at + 1, -1, &local);
        }
    }
  if (position >= 0)
    {
      fields = tandem_entity_to_json (original);
      for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
        json_object_remove_member (fields, meta[i]);
      /* Translators: the title of a duplicated campaign; %s is the original title */
      title = g_strdup_printf (_("%s (copy)"), tandem_entity_get_string (original, "title"));
      json_object_set_string_member (fields, "title", title);
      json_object_set_int_member (fields, "position", position);
      if (created_by != NULL)
        json_object_set_string_member (fields, "created_by", created_by);
      else
        json_object_set_null_member (fields, "created_by");
      copy = tandem_store_insert (store, TANDEM_TYPE_CAMPAIGN, fields, TANDEM_WRITE_DEFAULT, &local);
    }
  if (copy == NULL)
    {
      tandem_store_rollback (store);
      g_propagate_error (error, local);
      return NULL;
    }
  if (!tandem_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&copy);
}
