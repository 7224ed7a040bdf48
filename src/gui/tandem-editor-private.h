/* tandem-editor-private.h — what the campaign and event editors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The message under an input: returns the row (or box) that holds it,
 * hidden; @label and @theirs_button (a "Use Theirs" button for the
 * window's editor.use-theirs action with @input) are filled in */
GtkWidget *_tandem_editor_add_message       (GtkWidget    *widget,
                                             guint         input,
                                             GtkLabel    **label,
                                             GtkWidget   **theirs_button);
/* Shows @error (in the error style, also on @widget) or else @conflict
 * (as a warning with the "Use Theirs" button) or nothing */
void       _tandem_editor_show_message      (GtkWidget    *widget,
                                             GtkWidget    *box,
                                             GtkLabel     *label,
                                             GtkWidget    *theirs_button,
                                             const char   *error,
                                             const char   *conflict);
/* While saving the page is insensitive; the focus comes back after */
void       _tandem_editor_set_saving        (GtkWindow    *window,
                                             GtkWidget    *page,
                                             GtkWidget   **saving_focus,
                                             gboolean      saving);
void       _tandem_editor_select_calendar_day (GtkCalendar *calendar,
                                               const char  *text);
/* The first line of @text, at most 60 characters */
char      *_tandem_editor_first_line        (const char   *text);
/* Asks whether to discard the changes; on "Discard" sets *@done and
 * closes @window */
void       _tandem_editor_ask_discard       (GtkWindow    *window,
                                             const char   *body,
                                             gboolean     *done);

G_END_DECLS
