/* gui-test-util.h — waiting for and finding windows in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-window.h"
#include "workspace-fixture.h"

G_BEGIN_DECLS

void          gui_test_iterate           (void);
gboolean      gui_test_wait              (gboolean                (*condition) (gpointer data),
                                          gpointer                  data,
                                          guint                     timeout_ms);
GtkWidget    *gui_test_find_toplevel     (GType                     type);
GtkWidget    *gui_test_find_descendant   (GtkWidget                *root,
                                          GType                     type);
void          gui_test_destroy_toplevels (void);
char         *gui_test_isolate           (void);
void          gui_test_remove_tree       (const char               *path);
void          gui_test_reset_settings    (void);
gboolean      gui_test_window_loaded     (TandemWindow             *window);

/* Iterates the main context until @expr holds, failing after @ms */
#define GUI_TEST_WAIT_UNTIL(expr, ms) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + (gint64) (ms) * 1000; \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () > _end) \
          g_error ("timed out after %d ms waiting for: %s", (int) (ms), #expr); \
        gui_test_iterate (); \
      } \
  } G_STMT_END

G_END_DECLS
