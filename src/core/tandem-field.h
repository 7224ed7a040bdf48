/* tandem-field.h — field descriptors: the one schema rule for SQL, JSON and text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "tandem-types.h"

G_BEGIN_DECLS

typedef enum
{
  TANDEM_FIELD_STRING,       /* one line of text */
  TANDEM_FIELD_TEXT,         /* several lines of text */
  TANDEM_FIELD_INT,          /* gint64 */
  TANDEM_FIELD_MONEY,        /* gint64 cents; text form "12500.50" */
  TANDEM_FIELD_BOOL,
  TANDEM_FIELD_DOUBLE,       /* fractions such as comment anchors */
  TANDEM_FIELD_DATE,         /* "YYYY-MM-DD" */
  TANDEM_FIELD_DATE_TIME,    /* RFC 3339, or "YYYY-MM-DD" for all-day values */
  TANDEM_FIELD_ENUM,         /* one of choices */
  TANDEM_FIELD_REF,          /* id of a row of ref_table */
  TANDEM_FIELD_REF_LIST,     /* array of ids of ref_table */
  TANDEM_FIELD_STRING_LIST,  /* array of strings */
  TANDEM_FIELD_COLOR,        /* "#rrggbb" */
  TANDEM_FIELD_CURRENCY,     /* ISO 4217 code */
  TANDEM_FIELD_TIMESTAMP,    /* RFC 3339 UTC, set by the store */
} TandemFieldKind;

typedef enum
{
  TANDEM_FIELD_NULLABLE    = 1 << 0, /* null allowed (strings: NULL; ints: -1; doubles: NaN) */
  TANDEM_FIELD_REQUIRED    = 1 << 1, /* must not be empty */
  TANDEM_FIELD_NON_NEGATIVE = 1 << 2,
  TANDEM_FIELD_MANAGED     = 1 << 3, /* written by core rules, not by clients' patches */
} TandemFieldFlags;

struct _TandemFieldInfo
{
  const char          *name;          /* JSON and SQL name */
  TandemFieldKind      kind;
  TandemFieldFlags     flags;
  const char * const  *choices;       /* TANDEM_FIELD_ENUM */
  const char          *ref_table;     /* TANDEM_FIELD_REF, TANDEM_FIELD_REF_LIST */
  const char          *default_text;  /* default in text form, NULL for the kind's own */
};

GType     tandem_field_value_type      (const TandemFieldInfo  *info);
void      tandem_field_value_init      (const TandemFieldInfo  *info,
                                        GValue                 *value);
gboolean  tandem_field_value_is_null   (const TandemFieldInfo  *info,
                                        const GValue           *value);
gboolean  tandem_field_value_equal     (const TandemFieldInfo  *info,
                                        const GValue           *a,
                                        const GValue           *b);
gboolean  tandem_field_value_from_json (const TandemFieldInfo  *info,
                                        JsonNode               *node,
                                        GValue                 *value,
                                        GError                **error);
JsonNode *tandem_field_value_to_json   (const TandemFieldInfo  *info,
                                        const GValue           *value);
gboolean  tandem_field_value_from_text (const TandemFieldInfo  *info,
                                        const char             *text,
                                        GValue                 *value,
                                        GError                **error);
char     *tandem_field_value_to_text   (const TandemFieldInfo  *info,
                                        const GValue           *value);
void      tandem_field_value_bind      (const TandemFieldInfo  *info,
                                        sqlite3_stmt           *stmt,
                                        int                     index,
                                        const GValue           *value);
void      tandem_field_value_read      (const TandemFieldInfo  *info,
                                        sqlite3_stmt           *stmt,
                                        int                     column,
                                        GValue                 *value);
gboolean  tandem_field_check           (const TandemFieldInfo  *info,
                                        const GValue           *value,
                                        GError                **error);

G_END_DECLS
