/* tandem-demo-private.h — hooks for the demo data set's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-demo.h"

G_BEGIN_DECLS

/* Called with the name of each step ("render", "people", "campaigns",
 * "events", "assets", "comments", "decisions", "commit") just before
 * tandem_demo_populate() checks its GCancellable, so a test can cancel at
 * a precise point inside the transaction. Not thread-safe: tests only. */
typedef void (*TandemDemoStepFunc) (const char *step,
                                    gpointer    user_data);

void _tandem_demo_set_step_func (TandemDemoStepFunc func,
                                 gpointer           user_data);

G_END_DECLS
