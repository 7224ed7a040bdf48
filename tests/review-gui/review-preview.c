/* review-preview.c — the reviews view and an asset page of a demo
 * workspace in a window, for screenshots and trying things out
 *
 * review-preview [reviews|asset|compare|versions|image] [WORKSPACE]
 * Without a workspace path, a demo workspace is made in a temporary
 * folder; "me" is Stefan Hoffmann (sales, a reviewer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "review-preview"

#include "config.h"

#include <adwaita.h>

#include "tandem-asset.h"
#include "tandem-asset-page-private.h"
#include "tandem-demo.h"
#include "tandem-entity-list.h"
#include "tandem-gui.h"
#include "tandem-person.h"
#include "tandem-reviews-view-private.h"

static const char *what = "reviews";
static char *path;

/* Shows the first pinned comment's page, as "Show Pin" would */
static gboolean
show_pin_cb (gpointer user_data)
{
  TandemDocumentView *doc = user_data;

  for (guint number = 10; number >= 1; number--)
    tandem_document_view_show_pin (doc, number);
  return G_SOURCE_REMOVE;
}

/* The "Compare" button (@labelled), or the toggle of the version drop-down */
static GtkWidget *
find_toggle (GtkWidget *root,
             gboolean   labelled)
{
  if (GTK_IS_TOGGLE_BUTTON (root) && (gtk_button_get_label (GTK_BUTTON (root)) != NULL) == labelled)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, labelled);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemEntityList) people = NULL;
  g_autoptr(TandemEntity) me = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) assets = NULL;
  GtkWidget *window, *overlay, *box;
  TandemReviewsView *view;

  if ((store = tandem_store_open (path, &error)) == NULL)
    g_error ("%s", error->message);
  people = tandem_entity_list_new (store, TANDEM_TYPE_PERSON);
  if (!tandem_entity_list_load (people, &error))
    g_error ("%s", error->message);
  if ((me = tandem_store_find_person (store, "Stefan Hoffmann", NULL)) != NULL)
    g_settings_set_string (settings, "me", tandem_entity_get_id (me));

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_title (GTK_WINDOW (window), "Tandem");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  view = tandem_reviews_view_new (store, G_LIST_MODEL (people));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));

  if (!g_str_equal (what, "reviews"))
    {
      /* the brochure with comments and a requested change */
      assets = tandem_store_list (store, TANDEM_TYPE_ASSET, &error);
      for (guint i = 0; assets != NULL && i < assets->len; i++)
        if (g_str_has_prefix (tandem_entity_get_string (assets->pdata[i], "title"),
                              g_str_equal (what, "image") ? "LinkedIn-Banner" : "Broschüre Predictive"))
          {
            TandemAssetPage *page = _tandem_reviews_view_get_asset_page (view);

            tandem_reviews_view_open_asset (view, tandem_entity_get_id (assets->pdata[i]));
            g_timeout_add (2000, show_pin_cb, _tandem_asset_page_get_document_view (page));
            if (g_str_equal (what, "compare") || g_str_equal (what, "versions"))
              gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_toggle (GTK_WIDGET (page),
                                                                            g_str_equal (what, "compare"))),
                                            TRUE);
          }
    }
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autofree char *dir = NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  tandem_gui_init ();
  if (argc > 1)
    what = argv[1];
  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemStore) store = NULL;

      dir = g_dir_make_tmp ("review-preview-XXXXXX", NULL);
      path = g_build_filename (dir, "demo.tandem", NULL);
      if ((store = tandem_store_create (path, TANDEM_WORKSPACE_LOCAL, &error)) == NULL ||
          !tandem_demo_populate (store, 7, NULL, &error))
        g_error ("%s", error->message);
    }

  app = adw_application_new ("de.tandem.Tandem.ReviewPreview", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
