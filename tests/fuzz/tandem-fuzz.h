/* tandem-fuzz.h — what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>

#include <glib.h>

/* GLib ends a fatal message with a breakpoint (SIGTRAP), which libFuzzer
 * takes for an interruption, not a crash: criticals and errors abort()
 * here instead, so they are saved as crash reproducers. */
static GLogWriterOutput
tandem_fuzz_log_writer (GLogLevelFlags   log_level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    abort ();
  return out;
}

static inline void
tandem_fuzz_init (void)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_log_set_writer_func (tandem_fuzz_log_writer, NULL, NULL);
}
