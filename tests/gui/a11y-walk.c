/* a11y-walk.c — finds interactive widgets without an accessible name
 *
 * GTK 4.8 exposes no computed accessible name, so the walk applies its
 * own rule: a widget is named by an accessible label property, a
 * labelled-by relation, its own label (buttons, check buttons, rows,
 * entry rows), or a visible text child. A tooltip is not a name.
 * The text field inside an entry is named by the entry around it, the
 * toggle inside a menu button by the menu button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "gui-test"

#include <adwaita.h>

#include <string.h>

#include "a11y-walk.h"

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
is_interactive (GtkWidget *widget)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_TAB:
      return TRUE;
    default:
      /* focusable list rows and cards too */
      return gtk_widget_get_focusable (widget) &&
             (GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_FLOW_BOX_CHILD (widget) ||
              g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget"));
    }
}

static gboolean
has_visible_text_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && has_text (gtk_label_get_text (GTK_LABEL (child))))
        return TRUE;
      if (GTK_IS_INSCRIPTION (child) && has_text (gtk_inscription_get_text (GTK_INSCRIPTION (child))))
        return TRUE;
      if (has_visible_text_inside (child))
        return TRUE;
    }
  return FALSE;
}

/* GTK makes a button "labelled by" its child even when that is an icon:
 * only a relation to something other than an image names it. */
static gboolean
is_labelled_by_text (GtkWidget *widget)
{
  g_autofree char *value = NULL;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  /* the value as text: "GtkLabel<0x…>", several separated by spaces; NULL when empty */
  value = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  if (value == NULL)
    return FALSE;
  for (char *p = value; (p = strchr (p, '<')) != NULL; p++)
    {
      const char *start = p;

      while (start > value && start[-1] != ' ' && start[-1] != ',')
        start--;
      if (!g_str_has_prefix (start, "GtkImage<"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      is_labelled_by_text (widget))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_label (GTK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget) && has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) && has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))))
    return TRUE;
  if (has_visible_text_inside (widget))
    return TRUE;

  /* parts named by the widget around them */
  for (GtkWidget *up = parent; up != NULL; up = gtk_widget_get_parent (up))
    {
      if (GTK_IS_MENU_BUTTON (up) || GTK_IS_ENTRY (up) || GTK_IS_SEARCH_ENTRY (up) ||
          GTK_IS_PASSWORD_ENTRY (up) || GTK_IS_SPIN_BUTTON (up) || GTK_IS_DROP_DOWN (up) ||
          ADW_IS_ENTRY_ROW (up) || ADW_IS_COMBO_ROW (up) || ADW_IS_SPLIT_BUTTON (up))
        return is_named (up);
      if (is_interactive (up))
        break;
    }
  return FALSE;
}

static void
describe (GtkWidget *widget,
          GString   *out)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      const char *name = gtk_widget_get_name (up);
      g_string_prepend (path, name != NULL && !g_str_equal (name, G_OBJECT_TYPE_NAME (up)) ? name
                                                                                         : gtk_widget_get_css_name (up));
      g_string_prepend_c (path, '/');
    }
  g_string_append_printf (out, "\n  %s (%s) at %s", G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_css_name (widget), path->str);
}

guint
gui_test_a11y_walk (GtkWidget *root,
                    GString   *unnamed)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return 0;

  if (is_interactive (root))
    {
      n++;
      if (!is_named (root))
        describe (root, unnamed);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gui_test_a11y_walk (child, unnamed);
  return n;
}

void
gui_test_a11y_assert_named (GtkWidget  *root,
                            guint       min_interactive,
                            const char *what)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n = gui_test_a11y_walk (root, unnamed);

  g_test_message ("%s: %u interactive widgets", what, n);
  if (unnamed->len > 0)
    g_error ("%s: interactive widgets without an accessible name:%s", what, unnamed->str);
  g_assert_cmpuint (n, >=, min_interactive);
}
