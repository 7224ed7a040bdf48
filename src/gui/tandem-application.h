/* tandem-application.h — the Tandem application: command line, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-window.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_APPLICATION (tandem_application_get_type ())

G_DECLARE_FINAL_TYPE (TandemApplication, tandem_application, TANDEM, APPLICATION, AdwApplication)

TandemApplication *tandem_application_new         (void);
TandemWindow      *tandem_application_open_window (TandemApplication *self,
                                                   GFile             *workspace,
                                                   const char        *view);

G_END_DECLS
