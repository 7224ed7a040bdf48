/* tandem-calendar-private.h — the calendar's rules the event row uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libical/ical.h>

#include "tandem-entity.h"

G_BEGIN_DECLS

/* libical computes times of the Gregorian calendar up to 2582 only */
#define TANDEM_CALENDAR_FIRST_YEAR 1583
#define TANDEM_CALENDAR_LAST_YEAR  2499

icaltimezone *_tandem_calendar_zone             (const char    *tzid,
                                                 const char    *vtimezone,
                                                 GError       **error);
gboolean      _tandem_calendar_check_recurrence (TandemEntity  *event,
                                                 GError       **error);
gint64        _tandem_calendar_wall_to_unix     (struct icaltimetype wall,
                                                 icaltimezone  *zone);
const char   *_tandem_calendar_range_sql        (guint          which,
                                                 const char   **index);

G_END_DECLS
