/* tandem-editor-util.c — what the campaign and event editors share
 *
 * Both editors show a message under each input (what is wrong, or the
 * other side's value after a conflict, with a button to take it), make
 * their page insensitive while saving, pick dates from a calendar popover
 * and ask before discarding changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-editor-private.h"
#include "tandem-locale.h"
#include "tandem-util.h"

#define DONE_KEY "tandem-editor-done"

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *window)
{
  gboolean *done = g_object_get_data (G_OBJECT (dialog), DONE_KEY);

  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Not while the dialog, transient for the editor, is still answering */
  *done = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (window), g_object_unref);
}

/* The message under an input: an extra row right below its row (the
 * row it is, or the one it sits in), or else a box at the end of its
 * preferences group */
GtkWidget *
_tandem_editor_add_message (GtkWidget  *widget,
                            guint       input,
                            GtkLabel  **label_out,
                            GtkWidget **button_out)
{
  GtkWidget *list_row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use Theirs"));
  GtkWidget *holder;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_visible (button, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.use-theirs");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) input);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);

  if (list_row != NULL)
    {
      GtkWidget *list = gtk_widget_get_parent (list_row);

      holder = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                             "activatable", FALSE,
                             "selectable", FALSE,
                             "child", box,
                             NULL);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_insert (GTK_LIST_BOX (list), holder, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (list_row)) + 1);
    }
  else
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP));

      gtk_widget_set_margin_top (box, 6);
      adw_preferences_group_add (group, box);
      holder = box;
    }
  gtk_widget_set_visible (holder, FALSE);

  *label_out = GTK_LABEL (label);
  *button_out = button;
  return holder;
}

void
_tandem_editor_show_message (GtkWidget  *widget,
                             GtkWidget  *box,
                             GtkLabel   *label,
                             GtkWidget  *theirs_button,
                             const char *error,
                             const char *conflict)
{
  if (error != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_label_set_label (label, error ? error : conflict ? conflict : "");
  gtk_widget_remove_css_class (GTK_WIDGET (label), error ? "warning" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), error ? "error" : "warning");
  gtk_widget_set_visible (theirs_button, error == NULL && conflict != NULL);
  gtk_widget_set_visible (box, error != NULL || conflict != NULL);
}

/* What is typed while saving would be lost when the window closes. The
 * focus leaves first: a focused text made insensitive misses its
 * focus-out. */
void
_tandem_editor_set_saving (GtkWindow  *window,
                           GtkWidget  *page,
                           GtkWidget **saving_focus,
                           gboolean    saving)
{
  if (saving && gtk_widget_get_sensitive (page))
    {
      g_set_weak_pointer (saving_focus, gtk_root_get_focus (GTK_ROOT (window)));
      gtk_window_set_focus (window, NULL);
      gtk_widget_set_sensitive (page, FALSE);
    }
  else if (!saving && !gtk_widget_get_sensitive (page))
    {
      gtk_widget_set_sensitive (page, TRUE);
      if (*saving_focus != NULL)
        gtk_widget_grab_focus (*saving_focus);
      g_clear_weak_pointer (saving_focus);
    }
}

void
_tandem_editor_select_calendar_day (GtkCalendar *calendar,
                                    const char  *text)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date = NULL;
  GDate day;

  if (!tandem_locale_parse_date (text, &iso, NULL) || !tandem_parse_date (iso, &day))
    date = g_date_time_new_now_local ();
  else
    date = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

char *
_tandem_editor_first_line (const char *text)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\n"));

  if (g_utf8_strlen (line, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (line, 0, 60);
      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&line);
}

void
_tandem_editor_ask_discard (GtkWindow  *window,
                            const char *body,
                            gboolean   *done)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), DONE_KEY, done);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
