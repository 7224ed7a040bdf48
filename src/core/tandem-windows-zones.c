/* tandem-windows-zones.c — Outlook's and Exchange's zone names
 *
 * Outlook and Exchange name zones the Windows way: by a Windows zone id
 * ("W. Europe Standard Time") or by its display name ("(UTC+01:00)
 * Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", older "(GMT+01:00) …"),
 * often without a VTIMEZONE. Windows ids map to IANA ids through CLDR's
 * windowsZones table, which ICU ships (ucal_getTimeZoneIDForWindowsID), as
 * Thunderbird and evolution-data-server map them. Display names are not in
 * CLDR: the common ones are listed here, and for the rest a city the name
 * lists is looked up among the IANA zones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-calendar"

#include <libical/ical.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "tandem-windows-zones.h"

/* Windows display names (without their "(UTC±hh:mm) " part) → Windows id */
static const struct { const char *display; const char *windows_id; } display_names[] = {
  { "Coordinated Universal Time", "UTC" },
  { "Dublin, Edinburgh, Lisbon, London", "GMT Standard Time" },
  { "Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "GMT Standard Time" },
  { "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time" },
  { "Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time" },
  { "Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time" },
  { "Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time" },
  { "West Central Africa", "W. Central Africa Standard Time" },
  { "Athens, Bucharest", "GTB Standard Time" },
  { "Athens, Bucharest, Istanbul", "GTB Standard Time" },
  { "Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time" },
  { "Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time" },
  { "Jerusalem", "Israel Standard Time" },
  { "Cairo", "Egypt Standard Time" },
  { "Istanbul", "Turkey Standard Time" },
  { "Moscow, St. Petersburg", "Russian Standard Time" },
  { "Moscow, St. Petersburg, Volgograd", "Russian Standard Time" },
  { "Abu Dhabi, Muscat", "Arabian Standard Time" },
  { "Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time" },
  { "Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time" },
  { "Kuala Lumpur, Singapore", "Singapore Standard Time" },
  { "Osaka, Sapporo, Tokyo", "Tokyo Standard Time" },
  { "Seoul", "Korea Standard Time" },
  { "Canberra, Melbourne, Sydney", "AUS Eastern Standard Time" },
  { "Auckland, Wellington", "New Zealand Standard Time" },
  { "Brasilia", "E. South America Standard Time" },
  { "Buenos Aires", "Argentina Standard Time" },
  { "Atlantic Time (Canada)", "Atlantic Standard Time" },
  { "Eastern Time (US & Canada)", "Eastern Standard Time" },
  { "Central Time (US & Canada)", "Central Standard Time" },
  { "Mountain Time (US & Canada)", "Mountain Standard Time" },
  { "Arizona", "US Mountain Standard Time" },
  { "Pacific Time (US & Canada)", "Pacific Standard Time" },
  { "Alaska", "Alaskan Standard Time" },
  { "Hawaii", "Hawaiian Standard Time" },
  { "Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)" },
};

static char *
iana_for_windows_id (const char *windows_id)
{
  UChar winid[128];
  UChar id[128];
  char out[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t len;

  if (g_str_equal (windows_id, "UTC"))
    return g_strdup ("UTC");
  u_uastrncpy (winid, windows_id, G_N_ELEMENTS (winid) - 1);
  winid[G_N_ELEMENTS (winid) - 1] = 0;
  len = ucal_getTimeZoneIDForWindowsID (winid, -1, NULL, id, G_N_ELEMENTS (id), &status);
  if (U_FAILURE (status) || len <= 0 || len >= (int32_t) G_N_ELEMENTS (id))
    return NULL;
  u_austrncpy (out, id, sizeof out - 1);
  out[sizeof out - 1] = '\0';
  return g_strdup (out);
}

/* "(UTC+01:00) Amsterdam, …" or "(GMT+01:00) …" without its offset part */
static const char *
display_rest (const char *tzid)
{
  const char *close;

  if (!(g_str_has_prefix (tzid, "(UTC") || g_str_has_prefix (tzid, "(GMT")) || (close = strchr (tzid, ')')) == NULL)
    return NULL;
  close++;
  while (*close == ' ')
    close++;
  return close;
}

/* A city of the display name that is the last part of an IANA id */
static char *
iana_for_cities (const char *cities)
{
  icalarray *zones = icaltimezone_get_builtin_timezones ();
  g_auto(GStrv) names = g_strsplit (cities, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *city = g_strdelimit (g_strstrip (g_strdup (names[i])), " ", '_');
      if (city[0] == '\0')
        continue;
      for (size_t z = 0; zones != NULL && z < zones->num_elements; z++)
        {
          icaltimezone *zone = icalarray_element_at (zones, z);
          const char *location = icaltimezone_get_location (zone);
          const char *slash = location ? strrchr (location, '/') : NULL;
          if (slash != NULL && g_ascii_strcasecmp (slash + 1, city) == 0)
            return g_strdup (location);
        }
    }
  return NULL;
}

/**
 * _tandem_windows_zone_to_iana:
 * @tzid: a TZID as Outlook or Exchange write it
 *
 * Returns: (transfer full) (nullable): the IANA zone id it stands for
 */
char *
_tandem_windows_zone_to_iana (const char *tzid)
{
  const char *rest;
  char *iana;

  g_return_val_if_fail (tzid != NULL, NULL);

  if ((iana = iana_for_windows_id (tzid)) != NULL)
    return iana;
  if ((rest = display_rest (tzid)) == NULL)
    return NULL;
  if (g_str_has_prefix (tzid, "(UTC) ") && rest[0] == '\0')
    return g_strdup ("UTC");
  for (guint i = 0; i < G_N_ELEMENTS (display_names); i++)
    if (g_ascii_strcasecmp (rest, display_names[i].display) == 0)
      return iana_for_windows_id (display_names[i].windows_id);
  return iana_for_cities (rest);
}
