/* tandem-locale.h — numbers and money in the user's locale (LC_NUMERIC/LC_MONETARY)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Formats @cents of @currency (ISO 4217) for display: "12.500,50 €" in
 * German, "€12,500.50" in English. */
char     *tandem_locale_format_money   (gint64       cents,
                                        const char  *currency);
/* A whole number with the locale's grouping: "12.500" / "12,500" */
char     *tandem_locale_format_int     (gint64       value);
/* Parses an amount as the user typed it in their locale ("12.500,50",
 * "12500,5", "12 500" …) into cents; FALSE with TANDEM_ERROR_INVALID
 * for anything else (negative, more than two decimals, letters). */
gboolean  tandem_locale_parse_money    (const char  *text,
                                        gint64      *cents,
                                        GError     **error);
/* Parses a whole non-negative number with optional locale grouping */
gboolean  tandem_locale_parse_int      (const char  *text,
                                        gint64      *value,
                                        GError     **error);
const char *tandem_locale_currency_symbol (const char *currency);

/* @cents as a bare amount with two decimals, no symbol: "12.500,50" */
char     *tandem_locale_format_amount  (gint64       cents);
/* An ISO date ("2026-11-24") in the locale's short form with a four-digit
 * year: "24.11.2026" in German, "11/24/2026" in US English; ISO itself in
 * the C locale. NULL or "" gives "". */
char     *tandem_locale_format_date    (const char  *iso_date);
/* Reads a date typed in the locale's short form (two- or four-digit year,
 * any of . / - as separator) or as ISO "YYYY-MM-DD" into ISO form;
 * FALSE with TANDEM_ERROR_INVALID otherwise. */
gboolean  tandem_locale_parse_date     (const char  *text,
                                        char       **iso_date,
                                        GError     **error);

G_END_DECLS
