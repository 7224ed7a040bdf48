/* tandem-locale.c — numbers and money in the user's locale
 *
 * The separators come from localeconv() for the current LC_NUMERIC, so
 * a German session reads and writes "12.500,50".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-locale"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tandem-error.h"
#include "tandem-locale.h"

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

const char *
tandem_locale_currency_symbol (const char *currency)
{
  static const struct { const char *code; const char *symbol; } symbols[] = {
    { "EUR", "€" }, { "USD", "$" }, { "GBP", "£" }, { "JPY", "¥" },
    { "CHF", "CHF" }, { "PLN", "zł" }, { "SEK", "kr" }, { "DKK", "kr." },
  };

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
tandem_locale_format_money (gint64      cents,
                            const char *currency)
{
  Separators sep;
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  g_autofree char *whole = NULL;
  g_autofree char *number = NULL;
  const char *symbol = tandem_locale_currency_symbol (currency);

  get_separators (&sep);
  whole = group_digits (magnitude / 100, sep.group);
  number = g_strdup_printf ("%s%s%s%02u", cents < 0 ? "−" : "", whole, sep.decimal, (guint) (magnitude % 100));

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
               allow_decimals ? "“%s” is not an amount" : "“%s” is not a whole number", text != NULL ? text : "");
  return NULL;
}

gboolean
tandem_locale_parse_money (const char  *text,
                           gint64      *cents,
                           GError     **error)
{
  g_autofree char *plain = normalize_number (text, TRUE, error);
  const char *dot;
  gint64 whole = 0;
  gint64 frac = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  if (plain == NULL)
    return FALSE;
  dot = strchr (plain, '.');
  if ((dot != NULL && strlen (dot + 1) > 2) || (dot != NULL && dot[1] == '\0') ||
      (dot != NULL ? dot - plain : (gssize) strlen (plain)) > 15)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "“%s” is not an amount", text);
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
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "“%s” is too large", text);
      return FALSE;
    }
  *value = g_ascii_strtoll (plain, NULL, 10);
  return TRUE;
}
