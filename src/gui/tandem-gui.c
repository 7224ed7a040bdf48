/* tandem-gui.c — process-wide setup of the GUI
 *
 * Tandem runs straight from the build directory: when its GSettings schema
 * is not installed (or the program itself lives in the build tree), the
 * schema compiled into _build/data and the catalogs built into _build/po
 * are used instead of the installed ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-gui"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "tandem-error.h"
#include "tandem-gui.h"
#include "tandem-gui-private.h"
#include "tandem-resources.h"

static gboolean uninstalled;

/* Looks the schema up the way GLib's default source would, but without
 * creating that source: it is built once per process and would not see a
 * GSETTINGS_SCHEMA_DIR set afterwards. */
static gboolean
schema_is_installed (void)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system_dirs = g_get_system_data_dirs ();
  const char *env = g_getenv ("GSETTINGS_SCHEMA_DIR");

  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (dirs, g_build_filename (system_dirs[i], "glib-2.0", "schemas", NULL));
  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "glib-2.0", "schemas", NULL));
  if (env != NULL)
    {
      g_auto(GStrv) env_dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, 0);
      for (guint i = 0; env_dirs[i] != NULL; i++)
        if (*env_dirs[i] != '\0')
          g_ptr_array_add (dirs, g_strdup (env_dirs[i]));
    }

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GSettingsSchemaSource) source = NULL;
      g_autoptr(GSettingsSchema) schema = NULL;

      source = g_settings_schema_source_new_from_directory (dirs->pdata[i], NULL, FALSE, NULL);
      if (source == NULL)
        continue;
      schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
      if (schema != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
runs_from_build_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (BUILD_SCHEMADIR);
  g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

  return exe != NULL && g_str_has_prefix (exe, prefix);
}

static void
setup_schemas (void)
{
  const char *env = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *value = NULL;

  if (env != NULL && *env != '\0')
    value = g_strconcat (BUILD_SCHEMADIR, G_SEARCHPATH_SEPARATOR_S, env, NULL);
  else
    value = g_strdup (BUILD_SCHEMADIR);
  g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
}

static const char *
locale_dir (void)
{
  g_autofree char *catalog = NULL;

  if (!uninstalled)
    return LOCALEDIR;

  /* i18n.gettext() builds _build/po/<lang>/LC_MESSAGES/tandem.mo */
  catalog = g_build_filename (BUILD_LOCALEDIR, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

/* Once per process, before GTK or GSettings is used. */
static gint64 start_time;

/* When the process began its GUI setup (monotonic µs), for startup timings */
gint64
tandem_gui_get_start_time (void)
{
  return start_time;
}

void
tandem_gui_init (void)
{
  static gsize initialized;

  if (start_time == 0)
    start_time = g_get_monotonic_time ();

  if (!g_once_init_enter (&initialized))
    return;

  uninstalled = runs_from_build_dir () || !schema_is_installed ();
  if (uninstalled)
    setup_schemas ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tandem_register_resource ();

  g_once_init_leave (&initialized, 1);
}

gboolean
tandem_gui_is_uninstalled (void)
{
  return uninstalled;
}

/* Package-private API */

/**
 * _tandem_write_error_reason:
 * @error: why a write to the workspace failed
 *
 * Why, in plain words, to follow "… could not be saved: ". A busy or
 * read-only workspace is explained; the core's own message follows in
 * parentheses, since it names the file and, when busy, how long and
 * which programs have it open. Nothing was written in either case.
 *
 * Returns: (transfer full): the reason
 */
char *
_tandem_write_error_reason (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_BUSY))
    /* Translators: %s is the detail, e.g. which programs have the file open */
    return g_strdup_printf (_("the workspace is busy: another program is holding it locked. "
                              "Nothing was lost: wait until it is done, then try again (%s)"),
                            error->message);
  if (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_READ_ONLY))
    return g_strdup_printf (_("the workspace cannot be written: the file, its folder or its drive "
                              "is read-only (%s)"), error->message);
  if (g_error_matches (error, TANDEM_ERROR, TANDEM_ERROR_NO_SPACE))
    return g_strdup_printf (_("the disk is full. Nothing was lost: free some space, then try again (%s)"),
                            error->message);
  return g_strdup (error->message);
}
