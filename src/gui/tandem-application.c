/* tandem-application.c — the Tandem application: command line, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-application.h"
#include "tandem-gui.h"
#include "tandem-preferences-window.h"
#include "tandem-window-private.h"

struct _TandemApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemApplication, tandem_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "workspace", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace PATH"), N_("PATH") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show VIEW first: board, calendar or reviews"), N_("VIEW") },
  { "asset", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the asset ID in the reviews view"), N_("ID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  /* For startup benchmarks and screenshots */
  { "exit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "exit-when-loaded", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, NULL, NULL },
  { NULL }
};

/* --exit-after-first-frame: quit once the window's first frame is painted */

typedef struct
{
  GApplication *app;
  gboolean      painted;
} FirstFrame;

static void
first_frame_free (gpointer data,
                  GClosure *closure)
{
  FirstFrame *state = data;

  g_clear_object (&state->app);
  g_free (state);
}

static void
frame_paint_cb (GdkFrameClock *clock,
                FirstFrame    *state)
{
  state->painted = TRUE;
}

static gboolean
quit_idle_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
frame_after_paint_cb (GdkFrameClock *clock,
                      FirstFrame    *state)
{
  if (!state->painted || state->app == NULL)
    return;
  g_idle_add_full (G_PRIORITY_HIGH, quit_idle_cb, g_object_ref (state->app), g_object_unref);
  g_clear_object (&state->app);
}

static void
window_realize_cb (GtkWidget    *window,
                   GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  FirstFrame *state = g_new0 (FirstFrame, 1);

  state->app = g_object_ref (app);
  /* Connected after the window's own paint handler: it has drawn by then. */
  g_signal_connect (clock, "paint", G_CALLBACK (frame_paint_cb), state);
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (frame_after_paint_cb), state,
                         first_frame_free, 0);
}

/* --screenshot FILE: once the workspace is loaded and drawn, save the
 * window as a PNG and quit (for the README, the metainfo and checks).
 * --exit-when-loaded: quit after the first frame drawn with the workspace
 * loaded, printing how long that took (for the startup benchmark). */

typedef struct
{
  GApplication *app;
  GtkWidget    *window;
  char         *path;          /* NULL: no screenshot, quit at once */
  gint64        ready_since;
  gulong        tick_id;
} Screenshot;

static void
screenshot_free (Screenshot *shot)
{
  g_clear_object (&shot->app);
  g_clear_object (&shot->window);
  g_free (shot->path);
  g_free (shot);
}

static void
screenshot_save (Screenshot *shot)
{
  int width = gtk_widget_get_width (shot->window);
  int height = gtk_widget_get_height (shot->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (shot->window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || renderer == NULL)
    {
      g_printerr ("tandem: nothing was drawn for the screenshot\n");
      return;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, shot->path))
    g_printerr ("tandem: cannot write %s\n", shot->path);
}

static gboolean
screenshot_tick_cb (GtkWidget     *window,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  Screenshot *shot = user_data;

  gint64 now = gdk_frame_clock_get_frame_time (clock);
  /* a startup timing ends when the window shows its view (the board with
   * its cards); a screenshot waits for everything */
  gboolean waiting = shot->path == NULL
    ? g_strcmp0 (_tandem_window_get_page (TANDEM_WINDOW (window)), "loading") == 0 ||
      tandem_window_get_store (TANDEM_WINDOW (window)) == NULL
    : tandem_window_get_busy (TANDEM_WINDOW (window));

  /* Wait until the workspace is loaded, then let list views fill in and
   * transitions end (one second of frames). */
  if (waiting || shot->ready_since == 0)
    {
      shot->ready_since = waiting ? 0 : now;
      return G_SOURCE_CONTINUE;
    }
  /* this frame is the first drawn loaded, the next tick comes after it */
  if (shot->path == NULL)
    g_print ("loaded frame after %.1f ms\n", (g_get_monotonic_time () - tandem_gui_get_start_time ()) / 1000.0);
  else if (now - shot->ready_since < G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  else
    screenshot_save (shot);
  g_idle_add_full (G_PRIORITY_HIGH, quit_idle_cb, g_object_ref (shot->app), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
take_screenshot (GApplication *app,
                 GtkWidget    *window,
                 const char   *path)
{
  Screenshot *shot = g_new0 (Screenshot, 1);

  shot->app = g_object_ref (app);
  shot->window = g_object_ref (window);
  shot->path = g_strdup (path);  /* may be NULL */
  gtk_widget_add_tick_callback (window, screenshot_tick_cb, shot, (GDestroyNotify) screenshot_free);
}

/* App actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing saves each window's size; the application ends with the last. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (TANDEM_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));
    else
      gtk_window_destroy (GTK_WINDOW (l->data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GListModel *people = NULL;
  GtkWidget *preferences;

  if (TANDEM_IS_WINDOW (active))
    people = tandem_window_get_people (TANDEM_WINDOW (active));
  preferences = tandem_preferences_window_new (active, people);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (user_data));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Tandem authors", NULL };
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *translators = _("translator-credits");
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", active,
                        "modal", active != NULL,
                        "application", user_data,
                        "application-name", _("Tandem"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Tandem authors"),
                        "developers", developers,
                        "comments", _("Marketing and sales plan campaigns together: "
                                      "one board, one calendar, reviews before anything is final."),
                        "copyright", "© 2024 The Tandem authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  if (!g_str_equal (translators, "translator-credits"))
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

/* GApplication */

static int
tandem_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  const char *view = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tandem %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "view", "&s", &view) && !_tandem_is_view (view))
    {
      g_printerr (_("tandem: unknown view “%s”: use board, calendar or reviews\n"), view);
      return 2;
    }
  return -1;
}

static int
tandem_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *command_line)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GFile) workspace = NULL;
  const char *path = NULL;
  const char *view = NULL;
  gboolean exit_after_first_frame = FALSE;
  const char *screenshot = NULL;
  gboolean exit_when_loaded = FALSE;
  const char *asset = NULL;
  TandemWindow *window;

  if (g_variant_dict_lookup (options, "workspace", "^&ay", &path))
    workspace = g_application_command_line_create_file_for_arg (command_line, path);
  if (g_variant_dict_lookup (options, "view", "&s", &view) && !_tandem_is_view (view))
    {
      g_application_command_line_printerr (command_line,
                                           _("tandem: unknown view “%s”: use board, calendar or reviews\n"),
                                           view);
      return 2;
    }
  g_variant_dict_lookup (options, "exit-after-first-frame", "b", &exit_after_first_frame);
  g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot);
  g_variant_dict_lookup (options, "exit-when-loaded", "b", &exit_when_loaded);
  g_variant_dict_lookup (options, "asset", "&s", &asset);

  window = tandem_application_open_window (self, workspace, view);
  if (asset != NULL)
    tandem_window_show_asset (window, asset);

  if (exit_after_first_frame)
    {
      if (gtk_widget_get_realized (GTK_WIDGET (window)))
        window_realize_cb (GTK_WIDGET (window), app);
      else
        g_signal_connect_object (window, "realize", G_CALLBACK (window_realize_cb), app, 0);
    }
  if (exit_when_loaded)
    take_screenshot (app, GTK_WIDGET (window), NULL);
  if (screenshot != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, screenshot);
      g_autofree char *screenshot_path = g_file_get_path (file);

      take_screenshot (app, GTK_WIDGET (window), screenshot_path);
    }

  return 0;
}

static void
tandem_application_activate (GApplication *app)
{
  tandem_application_open_window (TANDEM_APPLICATION (app), NULL, NULL);
}

static void
tandem_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
    { "win.open-workspace", { "<Primary>o", NULL } },
    { "win.new-workspace", { "<Primary><Shift>n", NULL } },
    { "win.view::board", { "<Alt>1", NULL } },
    { "win.view::calendar", { "<Alt>2", NULL } },
    { "win.view::reviews", { "<Alt>3", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (tandem_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

/* GTK 4.8's shortcuts window has an icon-only search toggle without an
 * accessible name; give it one. */
static void
name_unnamed_toggles (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Shortcuts"),
                                        -1);
      name_unnamed_toggles (child);
    }
}

static void
tandem_application_window_added (GtkApplication *app,
                                 GtkWindow      *window)
{
  GtkShortcutsWindow *overlay;

  GTK_APPLICATION_CLASS (tandem_application_parent_class)->window_added (app, window);

  if (GTK_IS_APPLICATION_WINDOW (window) &&
      (overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) != NULL)
    {
      GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (overlay));

      if (titlebar != NULL)
        name_unnamed_toggles (titlebar);
    }
}

static void
tandem_application_class_init (TandemApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  gtk_app_class->window_added = tandem_application_window_added;

  app_class->handle_local_options = tandem_application_handle_local_options;
  app_class->command_line = tandem_application_command_line;
  app_class->activate = tandem_application_activate;
  app_class->startup = tandem_application_startup;
}

static void
tandem_application_init (TandemApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Marketing and sales plan campaigns together."));
}

TandemApplication *
tandem_application_new (void)
{
  return g_object_new (TANDEM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/de/tandem/Tandem",
                       NULL);
}

/* Shows @workspace (or, without one, the last workspace) in the active
 * window, or in a new window when there is none; @view may be %NULL. */
TandemWindow *
tandem_application_open_window (TandemApplication *self,
                                GFile             *workspace,
                                const char        *view)
{
  GtkWindow *active;
  TandemWindow *window;

  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (workspace == NULL || G_IS_FILE (workspace), NULL);

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (TANDEM_IS_WINDOW (active))
    {
      window = TANDEM_WINDOW (active);
      if (workspace != NULL)
        tandem_window_open (window, workspace);
    }
  else
    {
      window = tandem_window_new (GTK_APPLICATION (self));
      if (workspace != NULL)
        tandem_window_open (window, workspace);
      else
        tandem_window_open_last (window);
    }

  if (view != NULL && _tandem_is_view (view))
    tandem_window_set_view (window, view);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}
