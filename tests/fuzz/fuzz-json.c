/* fuzz-json.c — libFuzzer target for the JSON decoding of rows
 *
 * The bytes go through tandem_json_parse() (tandem-util.c: size, UTF-8 and
 * nesting checked before json-glib, which has no nesting limit of its own),
 * as everything from outside does: stored list fields
 * (tandem_field_value_read) now, request bodies of the server later. What
 * it accepts must really be nested no deeper than TANDEM_JSON_MAX_DEPTH
 * (else g_error). An object (or each object of an array) is then applied as
 * a patch to a new row of every entity type and validated; every member is
 * also decoded as a value of every field. A row that validates must survive
 * tandem_entity_to_json() and being applied and validated again (unless
 * TANDEM_FUZZ_STRICT=0).
 *
 *   build-aux/fuzz fuzz-json 600
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-fuzz"

#include <stdint.h>

#include "tandem-core.h"
#include "tandem-fuzz.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean strict = TRUE;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  tandem_fuzz_init ();
  strict = g_strcmp0 (g_getenv ("TANDEM_FUZZ_STRICT"), "0") != 0;
  return 0;
}

/* Levels of arrays and objects, as tandem_json_parse() counts them */
static guint
nesting (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint d = nesting (json_array_get_element (array, i));
          deepest = MAX (deepest, d);
        }
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint d = nesting (member);
          deepest = MAX (deepest, d);
        }
      return deepest + 1;
    }
  return 0;
}

static void
round_trip (TandemEntity *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = tandem_entity_to_json (row);
  g_autoptr(TandemEntity) again = tandem_entity_new (G_OBJECT_TYPE (row));

  if (!tandem_entity_apply_json (again, json, TRUE, &error) || !tandem_entity_validate (again, &error))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json);
      g_autofree char *text = json_to_string (node, FALSE);
      if (strict)
        g_error ("a valid %s does not read back from its JSON: %s\n%s",
                 tandem_entity_get_kind_name (row), error->message, text);
    }
}

static void
decode_members (JsonObject        *patch,
                TandemEntityClass *klass)
{
  g_autoptr(GList) members = json_object_get_members (patch);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (patch, l->data);
      for (guint f = 0; f < klass->n_fields; f++)
        {
          g_auto(GValue) value = G_VALUE_INIT;
          g_autoptr(GError) error = NULL;
          tandem_field_value_init (&klass->fields[f], &value);
          if (tandem_field_value_from_json (&klass->fields[f], node, &value, &error))
            {
              g_autoptr(JsonNode) out = tandem_field_value_to_json (&klass->fields[f], &value);
              g_free (tandem_field_value_to_text (&klass->fields[f], &value));
              g_assert (out != NULL);
            }
        }
    }
}

static void
apply_to_every_type (JsonObject *patch)
{
  guint n_types;
  const GType *types = tandem_entity_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(TandemEntityClass) klass = g_type_class_ref (types[t]);

      for (int managed = 0; managed <= 1; managed++)
        {
          g_autoptr(TandemEntity) row = tandem_entity_new (types[t]);
          g_autoptr(GError) error = NULL;
          if (tandem_entity_apply_json (row, patch, managed, &error) &&
              tandem_entity_validate (row, &error))
            round_trip (row);
        }
      decode_members (patch, klass);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  guint depth;

  root = tandem_json_parse ((const char *) data, size, 1024 * 1024, NULL);
  if (root == NULL)
    return 0;
  if ((depth = nesting (root)) > TANDEM_JSON_MAX_DEPTH)
    g_error ("tandem_json_parse() let JSON nested %u deep through (at most %d)", depth, TANDEM_JSON_MAX_DEPTH);

  if (JSON_NODE_HOLDS_OBJECT (root))
    apply_to_every_type (json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array) && i < 64; i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_OBJECT (el))
            apply_to_every_type (json_node_get_object (el));
        }
    }

  return 0;
}
