/* test-locale.c — money and whole numbers in the user's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-locale"

#include <locale.h>

#include "tandem-test-util.h"

static void
assert_money (const char *text,
              gint64      expect)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = -1;

  if (!tandem_locale_parse_money (text, &cents, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpint (cents, ==, expect);
}

static void
assert_int (const char *text,
            gint64      expect)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  if (!tandem_locale_parse_int (text, &value, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpint (value, ==, expect);
}

static void
assert_refused (const char * const *texts,
                gboolean            money)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 42;
      gboolean ok = money ? tandem_locale_parse_money (texts[i], &value, &error)
                          : tandem_locale_parse_int (texts[i], &value, &error);
      if (ok)
        g_error ("“%s” was accepted as %" G_GINT64_FORMAT, texts[i], value);
      g_assert_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID);
      test_assert_error_mentions (error, texts[i]);
      g_assert_cmpint (value, ==, 42);
    }
}

static void
assert_format_money (gint64      cents,
                     const char *currency,
                     const char *expect)
{
  g_autofree char *text = tandem_locale_format_money (cents, currency);

  g_assert_cmpstr (text, ==, expect);
}

static void
assert_format_int (gint64      value,
                   const char *expect)
{
  g_autofree char *text = tandem_locale_format_int (value);

  g_assert_cmpstr (text, ==, expect);
}

static void
test_c_locale (void)
{
  const char * const bad_money[] = { "12.345", "1,2345", "12,50", "-5", "abc", "12 apples", "", "1.2.3", "12.500,50", NULL };
  const char * const bad_int[] = { "12.5", "1,23", "-3", "x", "", "1e3", NULL };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_format_money (1250050, "EUR", "€12,500.50");
  assert_format_money (5, "EUR", "€0.05");
  assert_format_money (-150, "EUR", "€\u22121.50");
  assert_format_money (1250050, "CHF", "CHF 12,500.50");
  assert_format_int (12500, "12,500");
  assert_format_int (999, "999");
  assert_format_int (1234567, "1,234,567");
  assert_format_int (-1234567, "\u22121,234,567");

  assert_money ("12,500.50", 1250050);
  assert_money ("12500.5", 1250050);
  /* a currency sign or code typed along is fine */
  assert_money ("12€", 1200);
  assert_money ("EUR 1,200.50", 120050);
  assert_money ("12500", 1250000);
  assert_money ("12 500", 1250000);
  assert_money ("0.05", 5);
  assert_refused (bad_money, TRUE);

  assert_int ("12,500", 12500);
  assert_int ("12500", 12500);
  assert_int ("1 234 567", 1234567);
  assert_refused (bad_int, FALSE);
}

static void
test_german_locale (void)
{
  /* spaces group digits like the separator: by three, first group 1–3 */
  const char * const bad_money[] = { "12,345", "1.23", "12500.50", "12.500.50", "-5", "zwölf", "12 50", "1 5",
                                     "12345.678", "1 2345", ",50", "12,5 0", NULL };
  const char * const bad_int[] = { "12,5", "1.23", "-3", NULL };

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (build-aux/german-locale installs it)");
      return;
    }

  assert_format_money (1250050, "EUR", "12.500,50 €");
  assert_format_money (5, "EUR", "0,05 €");
  assert_format_money (-150, "EUR", "\u22121,50 €");
  assert_format_int (12500, "12.500");
  assert_format_int (1234567, "1.234.567");

  assert_money ("12.500,50", 1250050);
  assert_money ("12500,5", 1250050);
  assert_money ("12500,50", 1250050);
  assert_money ("12 500", 1250000);
  assert_money ("12\u00a0500,50", 1250050);
  assert_money ("12.500", 1250000);
  assert_money ("  1 250 000,00 ", 125000000);
  assert_money ("1\u202f250,5", 125050);
  assert_refused (bad_money, TRUE);

  assert_int ("12.500", 12500);
  assert_int ("12500", 12500);
  assert_refused (bad_int, FALSE);

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  static const TestFunc funcs[] = {
    { "/locale/c", test_c_locale },
    { "/locale/german", test_german_locale },
  };

  return test_run_funcs (&argc, &argv, funcs, G_N_ELEMENTS (funcs));
}
