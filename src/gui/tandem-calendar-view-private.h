/* tandem-calendar-view-private.h — what the tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-calendar-view.h"

G_BEGIN_DECLS

typedef enum
{
  TANDEM_CALENDAR_MODE_MONTH,
  TANDEM_CALENDAR_MODE_WEEK,
  TANDEM_CALENDAR_MODE_AGENDA,
} TandemCalendarMode;

typedef enum
{
  TANDEM_CALENDAR_DELETE_EVENT,
  TANDEM_CALENDAR_DELETE_OCCURRENCE,
} TandemCalendarDeleteScope;

void        _tandem_calendar_view_set_mode      (TandemCalendarView  *self,
                                                 TandemCalendarMode   mode);
void        _tandem_calendar_view_set_date      (TandemCalendarView  *self,
                                                 const GDate         *day);
void        _tandem_calendar_view_get_date      (TandemCalendarView  *self,
                                                 GDate               *day);
void        _tandem_calendar_view_get_range     (TandemCalendarView  *self,
                                                 guint32             *start,
                                                 guint32             *end);
gboolean    _tandem_calendar_view_get_loading   (TandemCalendarView  *self);
guint       _tandem_calendar_view_get_n_writes  (TandemCalendarView  *self);
GtkWidget  *_tandem_calendar_view_find_day      (TandemCalendarView  *self,
                                                 guint32              julian,
                                                 int                  hour);
GtkWidget  *_tandem_calendar_view_find_item     (TandemCalendarView  *self,
                                                 const char          *id,
                                                 guint32              julian);
guint       _tandem_calendar_view_count_items_on (TandemCalendarView *self,
                                                 guint32              julian);
void        _tandem_calendar_view_delete_item   (TandemCalendarView  *self,
                                                 GtkWidget           *item,
                                                 TandemCalendarDeleteScope scope);
void        _tandem_calendar_view_import_file   (TandemCalendarView  *self,
                                                 GFile               *file);
void        _tandem_calendar_view_export_file   (TandemCalendarView  *self,
                                                 GFile               *file);
AdwToast   *_tandem_calendar_view_get_last_toast (TandemCalendarView *self);
void        _tandem_calendar_view_set_filter    (TandemCalendarView  *self,
                                                 guint                kinds,
                                                 const char          *campaign,
                                                 const char          *person,
                                                 gboolean             only_joint);
gint64      _tandem_calendar_view_get_last_built (TandemCalendarView *self);
void        _tandem_calendar_view_show_occurrences (TandemCalendarView *self,
                                                    GPtrArray          *occurrences);

G_END_DECLS
