/* tandem-locale.c — numbers and money in the user's locale
 *
 * The separators come from localeconv() for the current LC_NUMERIC, so
 * a German session reads and writes "12.500,50"; dates follow the order
 * of LC_TIME's short date format, so it reads and writes "24.11.2026".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-locale"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "tandem-error.h"
#include "tandem-locale.h"
#include "tandem-util.h"

typedef struct
{
  char decimal[8];
  char group[8];
} Separators;

static void
get_separators (Separators *sep)
{
  struct lconv *lc = localeconv ();

  g_strlcpy (sep->decimal, lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".", sizeof sep->decimal);
  g_strlcpy (sep->group, lc->thousands_sep ? lc->thousands_sep : "", sizeof sep->group);
  if (sep->group[0] == '\0')
    g_strlcpy (sep->group, g_str_equal (sep->decimal, ",") ? "." : ",", sizeof sep->group);
}

static char *
group_digits (guint64     value,
              const char *group)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static const struct { const char *code; const char *symbol; } symbols[] = {
  { "EUR", "€" }, { "USD", "$" }, { "GBP", "£" }, { "JPY", "¥" },
  { "CHF", "CHF" }, { "PLN", "zł" }, { "SEK", "kr" }, { "DKK", "kr." },
};

/* Whether @word is a currency symbol or an ISO 4217 code */
static gboolean
is_currency_word (const char *word)
{
  if (strlen (word) == 3 && g_ascii_isupper (word[0]) && g_ascii_isupper (word[1]) && g_ascii_isupper (word[2]))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].symbol, word))
      return TRUE;
  return FALSE;
}

/* "12.500,50 €", "€12,500.50", "EUR 100": the amount without the currency,
 * which people copy along from what the app shows */
static char *
strip_currency (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char *start = copy;
  const char *end = copy + strlen (copy);
  const char *p;

  /* a leading run of anything but digits */
  for (p = start; p < end && !g_ascii_isdigit (*p) && *p != '-' && *p != ' '; p++)
    ;
  if (p > start && p < end)
    {
      g_autofree char *word = g_strndup (start, p - start);
      if (is_currency_word (word))
        start = p;
    }

  /* a trailing run of anything but digits, after a space or a digit */
  for (p = end; p > start && !g_ascii_isdigit (p[-1]) && p[-1] != ' '; p--)
    ;
  if (p < end && p > start)
    {
      g_autofree char *word = g_strndup (p, end - p);
      if (is_currency_word (word))
        end = p;
    }

  return g_strstrip (g_strndup (start, end - start));
}

const char *
tandem_locale_currency_symbol (const char *currency)
{
  if (currency == NULL)
    return "€";
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].code, currency))
      return symbols[i].symbol;
  return currency;
}

char *
tandem_locale_format_int (gint64 value)
{
  Separators sep;
  g_autofree char *grouped = NULL;

  get_separators (&sep);
  grouped = group_digits (value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value, sep.group);
  return value < 0 ? g_strconcat ("−", grouped, NULL) : g_steal_pointer (&grouped);
}

char *
tandem_locale_format_amount (gint64 cents)
{
  Separators sep;
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  g_autofree char *whole = NULL;

  get_separators (&sep);
  whole = group_digits (magnitude / 100, sep.group);
  return g_strdup_printf ("%s%s%s%02u", cents < 0 ? "−" : "", whole, sep.decimal, (guint) (magnitude % 100));
}

char *
tandem_locale_format_money (gint64      cents,
                            const char *currency)
{
  Separators sep;
  g_autofree char *number = tandem_locale_format_amount (cents);
  const char *symbol = tandem_locale_currency_symbol (currency);

  get_separators (&sep);
  /* Locales with a decimal comma put the symbol after the amount */
  if (g_str_equal (sep.decimal, ","))
    return g_strdup_printf ("%s %s", number, symbol);
  if (g_utf8_strlen (symbol, -1) > 1)
    return g_strdup_printf ("%s %s", symbol, number);
  return g_strconcat (symbol, number, NULL);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F;
}

/* Turns the number as typed into plain digits with '.' for decimals:
 * spaces around it are dropped; inside it, spaces (also no-break ones)
 * and the locale's group separator group digits by three, the first
 * group having one to three. Anything else is refused. */
static char *
normalize_number (const char  *text,
                  gboolean     allow_decimals,
                  GError     **error)
{
  Separators sep;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";
  const char *end;
  gboolean seen_decimal = FALSE;
  gboolean seen_group = FALSE;
  guint digits = 0;

  get_separators (&sep);
  while (*p != '\0' && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  end = p + strlen (p);
  while (end > p)
    {
      const char *prev = g_utf8_find_prev_char (p, end);
      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          g_string_append_c (out, (char) c);
          digits++;
        }
      else if (!seen_decimal && (is_space (c) || strncmp (p, sep.group, strlen (sep.group)) == 0))
        {
          if (out->len == 0 || (seen_group ? digits != 3 : digits > 3))
            goto bad;
          seen_group = TRUE;
          digits = 0;
          if (!is_space (c))
            p += strlen (sep.group) - 1;
        }
      else if (allow_decimals && !seen_decimal && strncmp (p, sep.decimal, strlen (sep.decimal)) == 0)
        {
          if (out->len == 0 || (seen_group && digits != 3))
            goto bad;
          seen_decimal = TRUE;
          g_string_append_c (out, '.');
          p += strlen (sep.decimal) - 1;
        }
      else
        goto bad;
    }
  if (out->len == 0 || (!seen_decimal && seen_group && digits != 3))
    goto bad;
  return g_string_free (g_steal_pointer (&out), FALSE);

bad:
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID,
               allow_decimals ? _("“%s” is not an amount") : _("“%s” is not a whole number"), text != NULL ? text : "");
  return NULL;
}

gboolean
tandem_locale_parse_money (const char  *text,
                           gint64      *cents,
                           GError     **error)
{
  g_autofree char *amount = strip_currency (text);
  g_autofree char *plain = normalize_number (amount, TRUE, NULL);
  const char *dot;
  gint64 whole = 0;
  gint64 frac = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  dot = plain != NULL ? strchr (plain, '.') : NULL;
  if (plain == NULL ||
      (dot != NULL && strlen (dot + 1) > 2) || (dot != NULL && dot[1] == '\0') ||
      (dot != NULL ? dot - plain : (gssize) strlen (plain)) > 15)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("“%s” is not an amount"), text ? text : "");
      return FALSE;
    }
  whole = g_ascii_strtoll (plain, NULL, 10);
  if (dot != NULL)
    frac = g_ascii_strtoll (dot + 1, NULL, 10) * (strlen (dot + 1) == 1 ? 10 : 1);
  *cents = whole * 100 + frac;
  return TRUE;
}

gboolean
tandem_locale_parse_int (const char  *text,
                         gint64      *value,
                         GError     **error)
{
  g_autofree char *plain = normalize_number (text, FALSE, error);

  g_return_val_if_fail (value != NULL, FALSE);

  if (plain == NULL)
    return FALSE;
  if (strlen (plain) > 15)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("“%s” is too large"), text);
      return FALSE;
    }
  *value = g_ascii_strtoll (plain, NULL, 10);
  return TRUE;
}

/* Dates */

typedef struct
{
  char order[3];     /* 'd', 'm', 'y' in the locale's order */
  char separator;
  gboolean iso;      /* the C locale's "%m/%d/%y" is nobody's format: use ISO */
} DateFormat;

static void
get_date_format (DateFormat *fmt)
{
  const char *d_fmt = nl_langinfo (D_FMT);
  guint n = 0;

  memset (fmt, 0, sizeof *fmt);
  fmt->separator = '-';
  fmt->iso = TRUE;
  if (d_fmt == NULL || g_str_equal (d_fmt, "%m/%d/%y") || g_str_equal (d_fmt, "%Y-%m-%d"))
    return;

  for (const char *p = d_fmt; *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        {
          if (n > 0 && fmt->separator == '-' && (*p == '.' || *p == '/' || *p == '-'))
            fmt->separator = *p;
          continue;
        }
      p++;
      while (*p == '-' || *p == '_' || *p == '0' || *p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd': case 'e':
          fmt->order[n++] = 'd';
          break;
        case 'm':
          fmt->order[n++] = 'm';
          break;
        case 'y': case 'Y':
          fmt->order[n++] = 'y';
          break;
        case '\0':
          p--;
          break;
        default:
          break;
        }
    }
  /* Only a format naming day, month and year once each is understood */
  if (n == 3 && memchr (fmt->order, 'd', 3) && memchr (fmt->order, 'm', 3) && memchr (fmt->order, 'y', 3))
    fmt->iso = FALSE;
}

char *
tandem_locale_format_date (const char *iso_date)
{
  DateFormat fmt;
  GDate date;
  GString *out;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  get_date_format (&fmt);
  if (fmt.iso || !tandem_parse_date (iso_date, &date))
    return g_strdup (iso_date);

  out = g_string_new (NULL);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (out, fmt.separator);
      if (fmt.order[i] == 'd')
        g_string_append_printf (out, "%02u", (guint) g_date_get_day (&date));
      else if (fmt.order[i] == 'm')
        g_string_append_printf (out, "%02u", (guint) g_date_get_month (&date));
      else
        g_string_append_printf (out, "%04u", (guint) g_date_get_year (&date));
    }
  return g_string_free (out, FALSE);
}

gboolean
tandem_locale_parse_date (const char  *text,
                          char       **iso_date,
                          GError     **error)
{
  DateFormat fmt;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint day = 0, month = 0, year = 0;

  g_return_val_if_fail (iso_date != NULL, FALSE);

  if (tandem_parse_date (stripped, NULL))
    {
      *iso_date = g_steal_pointer (&stripped);
      return TRUE;
    }

  get_date_format (&fmt);
  parts = g_regex_split_simple ("[./-]", stripped, 0, 0);
  if (!fmt.iso && g_strv_length (parts) == 3)
    {
      gboolean digits = TRUE;

      for (guint i = 0; i < 3; i++)
        {
          gsize len = strlen (parts[i]);

          if (len == 0 || len > (fmt.order[i] == 'y' ? 4 : 2))
            digits = FALSE;
          for (gsize k = 0; k < len; k++)
            digits = digits && g_ascii_isdigit (parts[i][k]);
          if (!digits)
            break;
          if (fmt.order[i] == 'd')
            day = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          else if (fmt.order[i] == 'm')
            month = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          else
            {
              year = (guint) g_ascii_strtoull (parts[i], NULL, 10);
              if (len <= 2)
                year += 2000;
              else if (len != 4)
                digits = FALSE;
            }
        }
      if (digits && month >= 1 && month <= 12 && year >= 1 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        {
          *iso_date = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
          return TRUE;
        }
    }

  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, _("“%s” is not a date"), text ? text : "");
  return FALSE;
}
