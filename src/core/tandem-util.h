/* tandem-util.h — small value helpers: clocks, dates, money, ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *tandem_now_rfc3339        (void);
gboolean   tandem_is_uuid            (const char   *text);
gboolean   tandem_parse_date         (const char   *text,
                                      GDate        *out);
GDateTime *tandem_parse_date_time    (const char   *text,
                                      GTimeZone    *default_zone);
char      *tandem_format_date_time   (GDateTime    *dt);
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
