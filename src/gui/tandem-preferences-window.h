/* tandem-preferences-window.h — who am I, paper size, sync interval
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_PREFERENCES_WINDOW (tandem_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemPreferencesWindow, tandem_preferences_window, TANDEM, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget  *tandem_preferences_window_new        (GtkWindow               *parent,
                                                  GListModel              *people);
GListModel *tandem_preferences_window_get_people (TandemPreferencesWindow *self);
void        tandem_preferences_window_set_people (TandemPreferencesWindow *self,
                                                  GListModel              *people);

G_END_DECLS
