/* gui-test-app.h — the real application in-process, for GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-application.h"
#include "tandem-window.h"

G_BEGIN_DECLS

/* Sets up a private HOME and XDG folders, GTK's test accessibility
 * backend and the cairo renderer, then g_test_init() and GTK. */
void               gui_test_app_init    (int          *argc,
                                         char       ***argv);
/* Runs the tests with one registered, held application */
int                gui_test_app_run     (void);
TandemApplication *gui_test_app         (void);
/* A new window on @path, loaded */
TandemWindow      *gui_test_app_open    (const char   *path);

G_END_DECLS
