/* tandem-calendar-view.h — the shared calendar: month, week and agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-entity-list.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CALENDAR_VIEW (tandem_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemCalendarView, tandem_calendar_view, TANDEM, CALENDAR_VIEW, GtkWidget)

GtkWidget *tandem_calendar_view_new           (void);
void       tandem_calendar_view_set_workspace (TandemCalendarView *self,
                                               TandemStore        *store,
                                               TandemEntityList   *campaigns,
                                               TandemEntityList   *people,
                                               TandemEntityList   *assets);
void       tandem_calendar_view_new_event     (TandemCalendarView *self);
void       tandem_calendar_view_import        (TandemCalendarView *self);
void       tandem_calendar_view_export        (TandemCalendarView *self);
gint64     tandem_calendar_view_get_n_events  (TandemCalendarView *self);

G_END_DECLS
