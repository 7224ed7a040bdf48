/* a11y-walk.h — finds interactive widgets without an accessible name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Walks the visible widgets under @root. Returns the number of
 * interactive widgets seen; each one without a name is described in
 * @unnamed (type, CSS name and the path of CSS names to it). */
guint gui_test_a11y_walk (GtkWidget *root,
                          GString   *unnamed);

/* Fails the test with the list when a widget under @root has no name */
void  gui_test_a11y_assert_named (GtkWidget  *root,
                                  guint       min_interactive,
                                  const char *what);

G_END_DECLS
