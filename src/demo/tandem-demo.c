/* tandem-demo.c — placeholder until the demo generator lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-demo"

#include "tandem-error.h"
#include "tandem-demo.h"

gboolean
tandem_demo_populate (TandemStore   *store,
                      guint          seed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED, "the demo data set is not built yet");
  return FALSE;
}
