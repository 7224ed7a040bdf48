/* tandem-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-error"

#include "tandem-error.h"

G_DEFINE_QUARK (tandem-error-quark, tandem_error)

int
tandem_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != TANDEM_ERROR)
    return 1;

  switch ((TandemError) error->code)
    {
    case TANDEM_ERROR_INVALID:
    case TANDEM_ERROR_AMBIGUOUS:
      return 2;
    case TANDEM_ERROR_NOT_FOUND:
      return 3;
    case TANDEM_ERROR_CONFLICT:
      return 4;
    case TANDEM_ERROR_REFUSED:
      return 5;
    case TANDEM_ERROR_FAILED:
    case TANDEM_ERROR_NOT_WORKSPACE:
    case TANDEM_ERROR_CORRUPT:
    case TANDEM_ERROR_TOO_NEW:
    case TANDEM_ERROR_READ_ONLY:
    case TANDEM_ERROR_EXISTS:
    case TANDEM_ERROR_NO_FILE:
    case TANDEM_ERROR_BUSY:
    case TANDEM_ERROR_NO_SPACE:
    default:
      return 1;
    }
}

guint
tandem_error_http_status (const GError *error)
{
  if (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_BUSY))
    return 503;
  if (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_NO_SPACE))
    return 507;
  switch (tandem_error_exit_code (error))
    {
    case 0: return 200;
    case 2: return 400;
    case 3: return 404;
    case 4: return 412;
    case 5: return 403;
    default: return 500;
    }
}
