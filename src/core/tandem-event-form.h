/* tandem-event-form.h — the event editor's inputs, checked and turned into a patch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tandem-entity.h"

G_BEGIN_DECLS

/* Every input a person edits, in the editor's order. Several inputs make
 * one field: the start is made of its date, its time, the time zone and
 * whether the event lasts all day; the RRULE of the recurrence choice,
 * the weekdays of a weekly one and the text of a custom one. */
typedef enum
{
  TANDEM_EVENT_INPUT_TITLE,
  TANDEM_EVENT_INPUT_KIND,        /* meeting, launch, deadline, trade-show, milestone, other */
  TANDEM_EVENT_INPUT_LOCATION,
  TANDEM_EVENT_INPUT_ALL_DAY,     /* "true" or "false" */
  TANDEM_EVENT_INPUT_START_DATE,  /* the locale's short date or ISO */
  TANDEM_EVENT_INPUT_START_TIME,  /* the locale's time: "14:30", "9:05", "2:30 PM" */
  TANDEM_EVENT_INPUT_END_DATE,    /* all-day: the last day, inclusive */
  TANDEM_EVENT_INPUT_END_TIME,
  TANDEM_EVENT_INPUT_TZID,        /* an IANA zone id (or the event's own imported zone) */
  TANDEM_EVENT_INPUT_RECURRENCE,  /* none, daily, weekly, monthly, yearly, custom */
  TANDEM_EVENT_INPUT_WEEKDAYS,    /* weekly: "MO,WE,FR"; "" for the start's weekday */
  TANDEM_EVENT_INPUT_RRULE,       /* custom: an iCalendar RRULE */
  TANDEM_EVENT_INPUT_ATTENDEES,   /* person ids, comma-separated */
  TANDEM_EVENT_INPUT_CAMPAIGN,    /* a campaign id, "" for none */
  TANDEM_EVENT_INPUT_NOTES,       /* kept as typed */
  TANDEM_EVENT_N_INPUTS
} TandemEventInput;

typedef struct _TandemEventForm TandemEventForm;

const char      *tandem_event_input_field          (TandemEventInput   input);

TandemEventForm *tandem_event_form_new             (TandemEntity      *event,
                                                    GDateTime         *day);
void             tandem_event_form_free            (TandemEventForm   *self);
TandemEntity    *tandem_event_form_get_base        (TandemEventForm   *self);
gboolean         tandem_event_form_is_new          (TandemEventForm   *self);
const char      *tandem_event_form_get_text        (TandemEventForm   *self,
                                                    TandemEventInput   input);
void             tandem_event_form_set_text        (TandemEventForm   *self,
                                                    TandemEventInput   input,
                                                    const char        *text);
gboolean         tandem_event_form_is_modified     (TandemEventForm   *self);
gboolean         tandem_event_form_validate        (TandemEventForm   *self,
                                                    char             **messages);
JsonObject      *tandem_event_form_build_patch     (TandemEventForm   *self,
                                                    GError           **error);
guint            tandem_event_form_rebase          (TandemEventForm   *self,
                                                    TandemEntity      *current,
                                                    gboolean          *conflicts);
char            *tandem_event_form_text_of         (TandemEventInput   input,
                                                    TandemEntity      *event);
gboolean         tandem_event_form_is_joint_meeting (TandemEventForm  *self,
                                                    GListModel        *people);

/* Times of day in the user's locale */
gboolean         tandem_event_form_parse_time      (const char        *text,
                                                    guint             *hour,
                                                    guint             *minute);
char            *tandem_event_form_format_time     (guint              hour,
                                                    guint              minute);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemEventForm, tandem_event_form_free)

G_END_DECLS
