/* tandem-util.h — small value helpers: clocks, dates, money, ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char      *tandem_now_rfc3339        (void);
gboolean   tandem_is_uuid            (const char   *text);
gboolean   tandem_parse_date         (const char   *text,
                                      GDate        *out);
GDateTime *tandem_parse_date_time    (const char   *text,
                                      GTimeZone    *default_zone);
char      *tandem_format_date_time   (GDateTime    *dt);

/* The UTC offset (seconds east) of a zone at a UTC instant */
typedef int (*TandemOffsetFunc)          (gint64        unix_time,
                                          gpointer      zone);
gint64     tandem_wall_to_unix       (gint64            wall,
                                      TandemOffsetFunc  offset_at,
                                      gpointer          zone);
GTimeZone *tandem_time_zone_new_identifier (const char *identifier);
gboolean   tandem_time_text_has_offset (const char *text);

#define TANDEM_JSON_MAX_DEPTH 32
JsonNode  *tandem_json_parse         (const char   *text,
                                      gssize        length,
                                      gsize         max_bytes,
                                      GError      **error);
GDateTime *tandem_date_time_new_wall (GTimeZone    *tz,
                                      int           year,
                                      int           month,
                                      int           day,
                                      int           hour,
                                      int           minute,
                                      double        seconds);
gboolean   tandem_has_utc_offset     (const char   *text);
char      *tandem_format_utc         (GDateTime    *dt);
char      *tandem_name_key           (const char   *name);
gboolean   tandem_parse_money        (const char   *text,
                                      gint64       *cents,
                                      GError      **error);
char      *tandem_format_money_plain (gint64        cents);
gboolean   tandem_parse_int          (const char   *text,
                                      gint64       *out);
gboolean   tandem_is_color           (const char   *text);
gboolean   tandem_is_currency        (const char   *text);
char      *tandem_local_zone_id      (void);

G_END_DECLS
