/* tandem-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-util"

#include <string.h>

#include "tandem-error.h"
#include "tandem-util.h"

char *
tandem_now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return tandem_format_utc (now);
}

/* RFC 3339 in UTC, as the store keeps created_at and updated_at */
char *
tandem_format_utc (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
tandem_is_uuid (const char *text)
{
  return text != NULL && g_uuid_string_is_valid (text);
}

/* Strict YYYY-MM-DD naming a real day. */
gboolean
tandem_parse_date (const char *text,
                   GDate      *out)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1 || m < 1 || m > 12 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (out != NULL)
    g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* Whether a YYYY-MM-DDTHH:MM[:SS][.fff]… text names its offset: whatever
 * follows the time is one (Z, ±hh, ±hhmm, ±hh:mm; GLib checks its form). */
gboolean
tandem_time_text_has_offset (const char *text)
{
  const char *rest;

  if (text == NULL || strlen (text) < 16)
    return FALSE;
  rest = text + 16;
  if (rest[0] == ':' && g_ascii_isdigit (rest[1]) && g_ascii_isdigit (rest[2]))
    rest += 3;
  if (rest[0] == '.' || rest[0] == ',')
    for (rest++; g_ascii_isdigit (*rest); rest++)
      ;
  return *rest != '\0';
}

/* ISO 8601 date-time: YYYY-MM-DDTHH:MM[:SS][.fff][Z|±hh:mm]. Without an
 * offset the time is read in @default_zone (the local zone when NULL). */
GDateTime *
tandem_parse_date_time (const char *text,
                        GTimeZone  *default_zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *with_seconds = NULL;
  char day[11];
  const char *t;

  if (text == NULL || strlen (text) < 16 || text[10] != 'T')
    return NULL;
  memcpy (day, text, 10);
  day[10] = '\0';
  if (!tandem_parse_date (day, NULL))
    return NULL;

  t = text + 11;
  if (!(g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1]) && t[2] == ':' &&
        g_ascii_isdigit (t[3]) && g_ascii_isdigit (t[4])))
    return NULL;

  /* GLib wants seconds; add them when only HH:MM was given. */
  if (t[5] != ':')
    with_seconds = g_strdup_printf ("%.16s:00%s", text, t + 5);

  if (default_zone == NULL)
    default_zone = local = g_time_zone_new_local ();

  if (!tandem_time_text_has_offset (text))
    {
      /* a wall-clock time of the zone: the same rule as in iCalendar */
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) fields = g_date_time_new_from_iso8601 (with_seconds ? with_seconds : text, utc);

      if (fields == NULL)
        return NULL;
      return tandem_date_time_new_wall (default_zone, g_date_time_get_year (fields), g_date_time_get_month (fields),
                                        g_date_time_get_day_of_month (fields), g_date_time_get_hour (fields),
                                        g_date_time_get_minute (fields), g_date_time_get_seconds (fields));
    }
  return g_date_time_new_from_iso8601 (with_seconds ? with_seconds : text, default_zone);
}

/**
 * tandem_wall_to_unix:
 * @wall: a wall-clock time of the zone, counted as if it were UTC
 * @offset_at: the zone's offset at an instant
 *
 * The instant of a local time, by RFC 5545 §3.3.5 — in every place Tandem
 * reads one (iCalendar import, series expansion, the CLI, the editor): a
 * time that occurs twice (when clocks go back) is the first of the two; a
 * time that does not exist (when clocks go forward) is read with the
 * offset in force before the gap, so 02:30 on the day Berlin goes from
 * +01:00 to +02:00 is 03:30+02:00.
 */
gint64
tandem_wall_to_unix (gint64            wall,
                     TandemOffsetFunc  offset_at,
                     gpointer          zone)
{
  int before = offset_at (wall - 86400, zone);
  int after = offset_at (wall + 86400, zone);
  gint64 u1 = wall - before;
  gint64 u2 = wall - after;
  gboolean v1 = offset_at (u1, zone) == before;
  gboolean v2 = offset_at (u2, zone) == after;

  if (v1 && v2)
    return MIN (u1, u2);
  if (v2)
    return u2;
  return u1;  /* valid, or in the gap: the offset before it */
}

static int
gtimezone_offset_at (gint64   unix_time,
                     gpointer zone)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_time);

  return interval < 0 ? 0 : g_time_zone_get_offset (zone, interval);
}

/* g_date_time_new() for a wall-clock time, by tandem_wall_to_unix()'s rule */
GDateTime *
tandem_date_time_new_wall (GTimeZone *tz,
                           int        year,
                           int        month,
                           int        day,
                           int        hour,
                           int        minute,
                           double     seconds)
{
  g_autoptr(GDateTime) as_utc = g_date_time_new_utc (year, month, day, hour, minute, seconds);
  g_autoptr(GDateTime) instant = NULL;
  gint64 wall;

  if (as_utc == NULL)
    return NULL;
  wall = g_date_time_to_unix (as_utc);
  instant = g_date_time_new_from_unix_utc (tandem_wall_to_unix (wall, gtimezone_offset_at, tz));
  if (instant == NULL)
    return NULL;
  /* keep the fraction of a second */
  {
    g_autoptr(GDateTime) exact = g_date_time_add (instant, g_date_time_get_microsecond (as_utc));
    return g_date_time_to_timezone (exact, tz);
  }
}

/* The form names are compared in: composed, then case-folded, so
 * "JÜRGEN" and "jürgen" (in either Unicode form) are the same name. */
char *
tandem_name_key (const char *name)
{
  g_autofree char *composed = g_utf8_normalize (name != NULL ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (composed != NULL ? composed : "", -1);
}

/* Whether an RFC 3339 time ends in an explicit offset: "Z" or "±hh:mm" */
gboolean
tandem_has_utc_offset (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;
  const char *o;

  if (len > 19 && (text[len - 1] == 'Z' || text[len - 1] == 'z'))
    return TRUE;
  if (len < 6 + 16)
    return FALSE;
  o = text + len - 6;
  return (o[0] == '+' || o[0] == '-') && g_ascii_isdigit (o[1]) && g_ascii_isdigit (o[2]) &&
         o[3] == ':' && g_ascii_isdigit (o[4]) && g_ascii_isdigit (o[5]);
}

/* RFC 3339 with the offset that holds at that instant in the zone of @dt. */
char *
tandem_format_date_time (GDateTime *dt)
{
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  gint64 offset = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  char sign = offset < 0 ? '-' : '+';

  if (offset < 0)
    offset = -offset;
  return g_strdup_printf ("%s%c%02d:%02d", base, sign, (int) (offset / 60), (int) (offset % 60));
}

/* A decimal amount with a dot and at most two decimals: 12500, 12500.5, 12500.50 */
gboolean
tandem_parse_money (const char  *text,
                    gint64      *cents,
                    GError     **error)
{
  const char *p = text;
  gint64 whole = 0;
  gint64 frac = 0;
  guint n_int = 0, n_frac = 0;

  if (text == NULL || *text == '\0')
    goto bad;

  for (; g_ascii_isdigit (*p); p++, n_int++)
    {
      if (whole > (G_MAXINT64 / 100 - 9) / 10)
        goto bad;
      whole = whole * 10 + (*p - '0');
    }
  if (n_int == 0)
    goto bad;
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, n_frac++)
        {
          if (n_frac >= 2)
            goto bad;
          frac = frac * 10 + (*p - '0');
        }
      if (n_frac == 0)
        goto bad;
      if (n_frac == 1)
        frac *= 10;
    }
  if (*p != '\0')
    goto bad;

  *cents = whole * 100 + frac;
  return TRUE;

bad:
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
               "“%s” is not an amount (use digits with an optional dot and two decimals, e.g. 12500.50)",
               text ? text : "");
  return FALSE;
}

char *
tandem_format_money_plain (gint64 cents)
{
  const char *sign = cents < 0 ? "-" : "";
  guint64 abs_cents = cents < 0 ? (guint64) -cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, abs_cents / 100, (guint) (abs_cents % 100));
}

gboolean
tandem_parse_int (const char *text,
                  gint64     *out)
{
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
tandem_is_color (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
tandem_is_currency (const char *text)
{
  return text != NULL && strlen (text) == 3 &&
         g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]) && g_ascii_isupper (text[2]);
}

/* The IANA id of the local zone ("Europe/Berlin"), "UTC" when unknown. */
char *
tandem_local_zone_id (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (tz);
  g_autofree char *link = NULL;
  const char *p;

  /* TZ=":Europe/Berlin" and TZ="/usr/share/zoneinfo/Europe/Berlin" name a zone too */
  if (id != NULL && id[0] == ':')
    id++;
  if (id != NULL && id[0] == '/' && (p = strstr (id, "zoneinfo/")) != NULL)
    return g_strdup (p + strlen ("zoneinfo/"));
  if (id == NULL || *id == '\0' || id[0] == '/')
    {
      link = g_file_read_link ("/etc/localtime", NULL);
      if (link != NULL && (p = strstr (link, "zoneinfo/")) != NULL)
        return g_strdup (p + strlen ("zoneinfo/"));
      return g_strdup ("UTC");
    }
  return g_strdup (id);
}

/**
 * tandem_time_zone_new_identifier:
 * @identifier: an IANA zone id ("Europe/Berlin") or "UTC"
 *
 * g_time_zone_new_identifier(), kept for the process: GLib reads and parses
 * the zone file on every call, which made it most of the time of a
 * calendar import.
 *
 * Returns: (transfer full) (nullable): the zone, %NULL when unknown
 */
GTimeZone *
tandem_time_zone_new_identifier (const char *identifier)
{
  static GMutex lock;
  static GHashTable *zones;  /* identifier → GTimeZone, or a missing value for unknown ones */
  GTimeZone *tz;
  gpointer found;

  g_return_val_if_fail (identifier != NULL, NULL);

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  if (!g_hash_table_lookup_extended (zones, identifier, NULL, &found))
    {
      found = g_time_zone_new_identifier (identifier);
      /* only a bounded number of names: known zones, and few unknown ones */
      if (found != NULL || g_hash_table_size (zones) < 1024)
        g_hash_table_insert (zones, g_strdup (identifier), found);
    }
  tz = found != NULL ? g_time_zone_ref (found) : NULL;
  g_mutex_unlock (&lock);
  return tz;
}

/**
 * tandem_json_parse:
 * @text: JSON from outside (a request, a stored list, a file)
 * @length: its length, or -1 when NUL-terminated
 * @max_bytes: the most it may hold
 * @error: TANDEM_ERROR_INVALID when it is too large, not UTF-8, nested too
 *   deep or not JSON
 *
 * json-glib 1.6 parses recursively with no limit on nesting: tens of
 * thousands of "[" overflow the stack. Size, UTF-8 and depth are checked
 * here, on the bytes, before json-glib sees them.
 *
 * Returns: (transfer full) (nullable): the parsed value
 */
JsonNode *
tandem_json_parse (const char  *text,
                   gssize       length,
                   gsize        max_bytes,
                   GError     **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  guint depth = 0;
  gboolean in_string = FALSE;
  g_autoptr(GError) local = NULL;
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  if (len > max_bytes)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "the JSON is too large (%" G_GSIZE_FORMAT
                   " bytes; at most %" G_GSIZE_FORMAT ")", len, max_bytes);
      return NULL;
    }
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error_literal (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "the JSON is not UTF-8 text");
      return NULL;
    }
  /* JSON has only "strings". json-glib's scanner (GScanner) also reads
   * 'strings' (without escapes) and skips comments of its own kinds, in
   * which a quote would hide the brackets after it from this count: such
   * text is no JSON, and is refused before json-glib sees it. */
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '\'' || c == '/' || c == '#')
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "not valid JSON: “%c” outside a string", c);
          return NULL;
        }
      else if ((c == '[' || c == '{') && ++depth > TANDEM_JSON_MAX_DEPTH)
        {
          g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "the JSON is nested more than %d deep",
                       TANDEM_JSON_MAX_DEPTH);
          return NULL;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    if (!json_parser_load_from_data (parser, text, (gssize) len, &local))
      {
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "not valid JSON: %s", local->message);
        return NULL;
      }
    node = json_parser_steal_root (parser);
  }
  if (node == NULL)
    g_set_error_literal (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "the JSON is empty");
  return node;
}
