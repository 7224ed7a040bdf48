/* tandem-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-field"

#include <math.h>
#include <string.h>

#include "tandem-error.h"
#include "tandem-field.h"
#include "tandem-util.h"

static gboolean
kind_is_string (TandemFieldKind kind)
{
  switch (kind)
    {
    case TANDEM_FIELD_STRING:
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_DATE_TIME:
    case TANDEM_FIELD_ENUM:
    case TANDEM_FIELD_REF:
    case TANDEM_FIELD_COLOR:
    case TANDEM_FIELD_CURRENCY:
    case TANDEM_FIELD_TIMESTAMP:
      return TRUE;
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
    case TANDEM_FIELD_BOOL:
    case TANDEM_FIELD_DOUBLE:
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
    default:
      return FALSE;
    }
}

GType
tandem_field_value_type (const TandemFieldInfo *info)
{
  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      return G_TYPE_INT64;
    case TANDEM_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case TANDEM_FIELD_DOUBLE:
      return G_TYPE_DOUBLE;
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      return G_TYPE_STRV;
    default:
      return G_TYPE_STRING;
    }
}

static void
set_null (const TandemFieldInfo *info,
          GValue                *value)
{
  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      g_value_set_int64 (value, (info->flags & TANDEM_FIELD_NULLABLE) ? -1 : 0);
      break;
    case TANDEM_FIELD_DOUBLE:
      g_value_set_double (value, (info->flags & TANDEM_FIELD_NULLABLE) ? NAN : 0.0);
      break;
    case TANDEM_FIELD_BOOL:
      g_value_set_boolean (value, FALSE);
      break;
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      g_value_take_boxed (value, g_new0 (char *, 1));
      break;
    default:
      g_value_set_string (value, (info->flags & TANDEM_FIELD_NULLABLE) ? NULL : "");
      break;
    }
}

/* Initializes @value to the field's type and its default. */
void
tandem_field_value_init (const TandemFieldInfo *info,
                         GValue                *value)
{
  g_value_init (value, tandem_field_value_type (info));
  if (info->default_text == NULL ||
      !tandem_field_value_from_text (info, info->default_text, value, NULL))
    set_null (info, value);
}

gboolean
tandem_field_value_is_null (const TandemFieldInfo *info,
                            const GValue          *value)
{
  if (!(info->flags & TANDEM_FIELD_NULLABLE))
    return FALSE;
  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      return g_value_get_int64 (value) < 0;
    case TANDEM_FIELD_DOUBLE:
      return isnan (g_value_get_double (value));
    case TANDEM_FIELD_BOOL:
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      return FALSE;
    default:
      return g_value_get_string (value) == NULL;
    }
}

gboolean
tandem_field_value_equal (const TandemFieldInfo *info,
                          const GValue          *a,
                          const GValue          *b)
{
  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case TANDEM_FIELD_BOOL:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    case TANDEM_FIELD_DOUBLE:
      {
        double x = g_value_get_double (a), y = g_value_get_double (b);
        return (isnan (x) && isnan (y)) || x == y;
      }
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        const char * const *x = g_value_get_boxed (a);
        const char * const *y = g_value_get_boxed (b);
        static const char * const empty[] = { NULL };
        return g_strv_equal (x ? x : empty, y ? y : empty);
      }
    default:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    }
}

/* Checks the value against the rules of its kind (format, range, choices). */
gboolean
tandem_field_check (const TandemFieldInfo  *info,
                    const GValue           *value,
                    GError                **error)
{
  const char *s = NULL;

  if (tandem_field_value_is_null (info, value))
    return TRUE;

  if (kind_is_string (info->kind))
    {
      s = g_value_get_string (value);
      if (s == NULL)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s may not be empty", info->name);
          return FALSE;
        }
      if (!g_utf8_validate (s, -1, NULL))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is not valid UTF-8", info->name);
          return FALSE;
        }
      if (info->flags & TANDEM_FIELD_REQUIRED)
        {
          const char *p = s;
          while (*p != '\0' && g_ascii_isspace (*p))
            p++;
          if (*p == '\0')
            {
              g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s may not be empty", info->name);
              return FALSE;
            }
        }
    }

  switch (info->kind)
    {
    case TANDEM_FIELD_STRING:
      if (strchr (s, '\n') != NULL || strlen (s) > 1000)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s must be one line of at most 1000 bytes", info->name);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_TEXT:
      if (strlen (s) > 100000)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is too long", info->name);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_DATE:
      if (!tandem_parse_date (s, NULL))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s: “%s” is not a date (YYYY-MM-DD)", info->name, s);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_DATE_TIME:
    case TANDEM_FIELD_TIMESTAMP:
      {
        g_autoptr(GDateTime) dt = NULL;
        if (info->kind == TANDEM_FIELD_DATE_TIME && tandem_parse_date (s, NULL))
          return TRUE;
        dt = tandem_parse_date_time (s, NULL);
        if (dt == NULL || !tandem_has_utc_offset (s))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                         "%s: “%s” is not an RFC 3339 time with offset", info->name, s);
            return FALSE;
          }
        return TRUE;
      }

    case TANDEM_FIELD_ENUM:
      if (!g_strv_contains (info->choices, s))
        {
          g_autofree char *list = g_strjoinv ("/", (char **) info->choices);
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s: “%s” is not one of %s", info->name, s, list);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_REF:
      if (!tandem_is_uuid (s))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not an id", info->name, s);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_COLOR:
      if (!tandem_is_color (s))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not a colour (#rrggbb)", info->name, s);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_CURRENCY:
      if (!tandem_is_currency (s))
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                       "%s: “%s” is not an ISO 4217 currency code (e.g. EUR)", info->name, s);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      if ((info->flags & TANDEM_FIELD_NON_NEGATIVE) && g_value_get_int64 (value) < 0)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s may not be negative", info->name);
          return FALSE;
        }
      return TRUE;

    case TANDEM_FIELD_DOUBLE:
      {
        double d = g_value_get_double (value);
        if (!isfinite (d) || ((info->flags & TANDEM_FIELD_NON_NEGATIVE) && d < 0))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s is out of range", info->name);
            return FALSE;
          }
        return TRUE;
      }

    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        const char * const *v = g_value_get_boxed (value);
        for (guint i = 0; v != NULL && v[i] != NULL; i++)
          {
            if (!g_utf8_validate (v[i], -1, NULL) || v[i][0] == '\0' || strlen (v[i]) > 1000)
              {
                g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s has an invalid entry", info->name);
                return FALSE;
              }
            if (info->kind == TANDEM_FIELD_REF_LIST && !tandem_is_uuid (v[i]))
              {
                g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not an id", info->name, v[i]);
                return FALSE;
              }
          }
        return TRUE;
      }

    case TANDEM_FIELD_BOOL:
    default:
      return TRUE;
    }
}

gboolean
tandem_field_value_from_json (const TandemFieldInfo  *info,
                              JsonNode               *node,
                              GValue                 *value,
                              GError                **error)
{
  GType want = tandem_field_value_type (info);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!(info->flags & TANDEM_FIELD_NULLABLE) && want != G_TYPE_STRV)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s may not be null", info->name);
          return FALSE;
        }
      set_null (info, value);
      return TRUE;
    }

  if (want == G_TYPE_STRV)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto wrong_type;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
            goto wrong_type;
          g_strv_builder_add (builder, json_node_get_string (el));
        }
      g_value_take_boxed (value, g_strv_builder_end (builder));
      return tandem_field_check (info, value, error);
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  if (want == G_TYPE_STRING)
    {
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        goto wrong_type;
      g_value_set_string (value, json_node_get_string (node));
    }
  else if (want == G_TYPE_INT64)
    {
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        goto wrong_type;
      g_value_set_int64 (value, json_node_get_int (node));
    }
  else if (want == G_TYPE_BOOLEAN)
    {
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto wrong_type;
      g_value_set_boolean (value, json_node_get_boolean (node));
    }
  else if (want == G_TYPE_DOUBLE)
    {
      GType t = json_node_get_value_type (node);
      if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
        goto wrong_type;
      g_value_set_double (value, json_node_get_double (node));
    }

  return tandem_field_check (info, value, error);

wrong_type:
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s has the wrong JSON type", info->name);
  return FALSE;
}

JsonNode *
tandem_field_value_to_json (const TandemFieldInfo *info,
                            const GValue          *value)
{
  JsonNode *node;

  if (tandem_field_value_is_null (info, value))
    return json_node_new (JSON_NODE_NULL);

  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, g_value_get_int64 (value));
      return node;
    case TANDEM_FIELD_BOOL:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_value_get_boolean (value));
      return node;
    case TANDEM_FIELD_DOUBLE:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (node, g_value_get_double (value));
      return node;
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        JsonArray *array = json_array_new ();
        const char * const *v = g_value_get_boxed (value);
        for (guint i = 0; v != NULL && v[i] != NULL; i++)
          json_array_add_string_element (array, v[i]);
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }
    default:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_value_get_string (value) ? g_value_get_string (value) : "");
      return node;
    }
}

/* The text form used by `tandemctl … set FIELD=VALUE`: lists are
 * comma-separated, money is a decimal amount, an empty value clears a
 * nullable field. */
gboolean
tandem_field_value_from_text (const TandemFieldInfo  *info,
                              const char             *text,
                              GValue                 *value,
                              GError                **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] == '\0' && (info->flags & TANDEM_FIELD_NULLABLE))
    {
      set_null (info, value);
      return TRUE;
    }

  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
      {
        gint64 v;
        if (!tandem_parse_int (text, &v))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not a whole number", info->name, text);
            return FALSE;
          }
        g_value_set_int64 (value, v);
        break;
      }
    case TANDEM_FIELD_MONEY:
      {
        gint64 v;
        /* The text form is the JSON form: whole cents, so "100" is 1.00
         * and "100.00" is refused rather than guessed at. */
        if (!tandem_parse_int (text, &v))
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
                         "%s: “%s” is not a whole number of cents (12500.50 is written 1250050)",
                         info->name, text);
            return FALSE;
          }
        g_value_set_int64 (value, v);
        break;
      }
    case TANDEM_FIELD_BOOL:
      if (g_str_equal (text, "true") || g_str_equal (text, "1") || g_str_equal (text, "yes"))
        g_value_set_boolean (value, TRUE);
      else if (g_str_equal (text, "false") || g_str_equal (text, "0") || g_str_equal (text, "no"))
        g_value_set_boolean (value, FALSE);
      else
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not true or false", info->name, text);
          return FALSE;
        }
      break;
    case TANDEM_FIELD_DOUBLE:
      {
        char *end = NULL;
        double d = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0')
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: “%s” is not a number", info->name, text);
            return FALSE;
          }
        g_value_set_double (value, d);
        break;
      }
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        g_auto(GStrv) parts = g_strsplit (text, ",", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        for (guint i = 0; parts[i] != NULL; i++)
          {
            g_strstrip (parts[i]);
            if (parts[i][0] != '\0')
              g_strv_builder_add (builder, parts[i]);
          }
        g_value_take_boxed (value, g_strv_builder_end (builder));
        break;
      }
    default:
      g_value_set_string (value, text);
      break;
    }

  return tandem_field_check (info, value, error);
}

char *
tandem_field_value_to_text (const TandemFieldInfo *info,
                            const GValue          *value)
{
  if (tandem_field_value_is_null (info, value))
    return g_strdup ("");

  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
    case TANDEM_FIELD_BOOL:
      return g_strdup (g_value_get_boolean (value) ? "true" : "false");
    case TANDEM_FIELD_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, g_value_get_double (value)));
      }
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        char **v = g_value_get_boxed (value);
        return v ? g_strjoinv (",", v) : g_strdup ("");
      }
    default:
      return g_strdup (g_value_get_string (value));
    }
}

void
tandem_field_value_bind (const TandemFieldInfo *info,
                         sqlite3_stmt          *stmt,
                         int                    index,
                         const GValue          *value)
{
  if (tandem_field_value_is_null (info, value))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
      break;
    case TANDEM_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
      break;
    case TANDEM_FIELD_DOUBLE:
      sqlite3_bind_double (stmt, index, g_value_get_double (value));
      break;
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        g_autoptr(JsonNode) node = tandem_field_value_to_json (info, value);
        char *text = json_to_string (node, FALSE);
        sqlite3_bind_text (stmt, index, text, -1, g_free);
        break;
      }
    default:
      sqlite3_bind_text (stmt, index, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    }
}

/* The common case of a stored list, ["a","b"] without escapes, parsed
 * without a JSON parser: reading rows spends most of its time there.
 * Returns FALSE for anything else (the caller falls back to json-glib). */
static gboolean
read_plain_string_array (const char *text,
                         GValue     *value)
{
  GPtrArray *items;
  const char *p = text;

  if (text == NULL || *p++ != '[')
    return FALSE;
  if (strchr (text, '\\') != NULL)
    return FALSE;
  items = g_ptr_array_new ();
  while (*p == '"')
    {
      const char *end = strchr (p + 1, '"');
      if (end == NULL)
        break;
      g_ptr_array_add (items, g_strndup (p + 1, end - p - 1));
      p = end + 1;
      if (*p == ',')
        p++;
    }
  if (p[0] != ']' || p[1] != '\0')
    {
      g_ptr_array_set_free_func (items, g_free);
      g_ptr_array_unref (items);
      return FALSE;
    }
  g_ptr_array_add (items, NULL);
  g_value_take_boxed (value, g_ptr_array_free (items, FALSE));
  return TRUE;
}

void
tandem_field_value_read (const TandemFieldInfo *info,
                         sqlite3_stmt          *stmt,
                         int                    column,
                         GValue                *value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      set_null (info, value);
      return;
    }

  switch (info->kind)
    {
    case TANDEM_FIELD_INT:
    case TANDEM_FIELD_MONEY:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
      break;
    case TANDEM_FIELD_BOOL:
      g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
      break;
    case TANDEM_FIELD_DOUBLE:
      g_value_set_double (value, sqlite3_column_double (stmt, column));
      break;
    case TANDEM_FIELD_REF_LIST:
    case TANDEM_FIELD_STRING_LIST:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);
        g_autoptr(JsonNode) node = NULL;
        if (read_plain_string_array (text, value))
          break;
        /* a stored list is read with the same guard as any outside JSON:
         * the file may come from anywhere */
        node = text != NULL ? tandem_json_parse (text, -1, G_MAXINT32, NULL) : NULL;
        if (node == NULL || !tandem_field_value_from_json (info, node, value, NULL))
          set_null (info, value);
        break;
      }
    default:
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}
