/* tandem-event-editor-private.h — hooks for the editor's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-event-editor.h"
#include "tandem-event-form.h"

G_BEGIN_DECLS

/* The widget of @input: an AdwEntryRow or, for dates and times, a
 * GtkEntry (both GtkEditable), an AdwComboRow, the all-day row, the
 * weekdays row, the attendees group or the notes' GtkTextView */
GtkWidget       *_tandem_event_editor_get_input_widget  (TandemEventEditor *self,
                                                         TandemEventInput   input);
/* The message shown under @input, or NULL when none is shown */
const char      *_tandem_event_editor_get_message       (TandemEventEditor *self,
                                                         TandemEventInput   input);
/* The warning above the fields (save failed, conflict), or NULL */
const char      *_tandem_event_editor_get_problem       (TandemEventEditor *self);
/* What a combo row offers (kind, zone, recurrence, campaign), as values */
GPtrArray       *_tandem_event_editor_get_choice_ids    (TandemEventEditor *self,
                                                         TandemEventInput   input);
GtkSwitch       *_tandem_event_editor_get_all_day_switch (TandemEventEditor *self);
/* The check button of @person_id in the attendees, or NULL */
GtkCheckButton  *_tandem_event_editor_get_attendee_check (TandemEventEditor *self,
                                                          const char        *person_id);
/* The toggle of a weekday, 0 = Monday */
GtkToggleButton *_tandem_event_editor_get_weekday_toggle (TandemEventEditor *self,
                                                          guint              weekday);
gboolean         _tandem_event_editor_shows_joint_hint   (TandemEventEditor *self);
TandemEventForm *_tandem_event_editor_get_form          (TandemEventEditor *self);
GtkWidget       *_tandem_event_editor_get_save_button   (TandemEventEditor *self);

G_END_DECLS
