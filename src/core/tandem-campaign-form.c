/* tandem-campaign-form.c — the campaign editor's inputs, checked and turned into a patch
 *
 * The editor keeps what the person typed as text, one string per input,
 * exactly as shown (amounts, counts and dates in the user's locale). This
 * file reads those texts back: it says per input what is wrong, in words
 * for the person, and builds the patch of the fields whose values really
 * changed against the row the editor was opened on. Sending only those
 * fields with that row's revision lets the store merge the save with other
 * people's edits of other fields (DESIGN.md, "Field revisions").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-campaign-form"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-campaign.h"
#include "tandem-campaign-form.h"
#include "tandem-error.h"
#include "tandem-locale.h"
#include "tandem-util.h"

#define MAX_LINE_BYTES 1000
#define MAX_TEXT_BYTES 100000
#define MAX_BASIS_POINTS 10000

struct _TandemCampaignForm
{
  TandemEntity *base;      /* the row as the editor knows it; defaults for a new one */
  gboolean      is_new;
  char         *initial[TANDEM_CAMPAIGN_N_INPUTS];  /* texts of @base */
  char         *text[TANDEM_CAMPAIGN_N_INPUTS];     /* texts as typed */
};

static const struct
{
  const char             *field;
  TandemCampaignTextKind  kind;
} inputs[TANDEM_CAMPAIGN_N_INPUTS] = {
  [TANDEM_CAMPAIGN_INPUT_TITLE] = { "title", TANDEM_CAMPAIGN_TEXT_LINE },
  [TANDEM_CAMPAIGN_INPUT_DESCRIPTION] = { "description", TANDEM_CAMPAIGN_TEXT_MULTILINE },
  [TANDEM_CAMPAIGN_INPUT_STAGE] = { "stage", TANDEM_CAMPAIGN_TEXT_CHOICE },
  [TANDEM_CAMPAIGN_INPUT_COLOR] = { "color", TANDEM_CAMPAIGN_TEXT_CHOICE },
  [TANDEM_CAMPAIGN_INPUT_START] = { "start", TANDEM_CAMPAIGN_TEXT_DATE },
  [TANDEM_CAMPAIGN_INPUT_END] = { "end", TANDEM_CAMPAIGN_TEXT_DATE },
  [TANDEM_CAMPAIGN_INPUT_MARKETING_OWNER] = { "marketing_owner", TANDEM_CAMPAIGN_TEXT_CHOICE },
  [TANDEM_CAMPAIGN_INPUT_SALES_OWNER] = { "sales_owner", TANDEM_CAMPAIGN_TEXT_CHOICE },
  [TANDEM_CAMPAIGN_INPUT_CHANNELS] = { "channels", TANDEM_CAMPAIGN_TEXT_LIST },
  [TANDEM_CAMPAIGN_INPUT_SEGMENT] = { "segment", TANDEM_CAMPAIGN_TEXT_LINE },
  [TANDEM_CAMPAIGN_INPUT_CURRENCY] = { "currency", TANDEM_CAMPAIGN_TEXT_CHOICE },
  [TANDEM_CAMPAIGN_INPUT_BUDGET_PLANNED] = { "budget_planned_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_BUDGET_SPENT] = { "budget_spent_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_LEADS_TARGET] = { "leads_target", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_LEADS_ACTUAL] = { "leads_actual", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_TARGET] = { "qualified_leads_target", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_QUALIFIED_LEADS_ACTUAL] = { "qualified_leads_actual", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_PIPELINE_TARGET] = { "pipeline_target_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_PIPELINE_ACTUAL] = { "pipeline_actual_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_REVENUE_TARGET] = { "revenue_target_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_REVENUE_ACTUAL] = { "revenue_actual_cents", TANDEM_CAMPAIGN_TEXT_MONEY },
  [TANDEM_CAMPAIGN_INPUT_TRAFFIC_TARGET] = { "traffic_target", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_TRAFFIC_ACTUAL] = { "traffic_actual", TANDEM_CAMPAIGN_TEXT_COUNT },
  [TANDEM_CAMPAIGN_INPUT_CONVERSION_TARGET] = { "conversion_target_bp", TANDEM_CAMPAIGN_TEXT_PERCENT },
  [TANDEM_CAMPAIGN_INPUT_CONVERSION_ACTUAL] = { "conversion_actual_bp", TANDEM_CAMPAIGN_TEXT_PERCENT },
};

/* Helpers */

static const TandemFieldInfo *
input_info (TandemCampaignInput  input,
            guint               *index)
{
  g_autoptr(TandemEntityClass) klass = g_type_class_ref (TANDEM_TYPE_CAMPAIGN);
  const TandemFieldInfo *info;

  /* static types are never finalized: the field table outlives the ref */
  info = tandem_entity_class_lookup_field (klass, inputs[input].field, index);
  g_assert (info != NULL);
  return info;
}

static const GValue *
entity_value (TandemEntity        *entity,
              TandemCampaignInput  input)
{
  guint index;

  input_info (input, &index);
  return tandem_entity_get_value (entity, index);
}

static gboolean
starts_negative (const char *text)
{
  return g_str_has_prefix (text, "-") || g_str_has_prefix (text, "−");
}

static char *
strip_percent (const char *text)
{
  char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);

  if (len > 0 && copy[len - 1] == '%')
    copy[len - 1] = '\0';
  return g_strstrip (copy);
}

static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ",;\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item == '\0' || g_ptr_array_find_with_equal_func (seen, item, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, item);
      g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static char *
example_amount (void)
{
  return tandem_locale_format_amount (1250050);
}

/* Reads @text of @input into @value (of the field's type). On failure
 * returns FALSE and, with @message, what the person should do. */
static gboolean
parse_input (TandemCampaignInput   input,
             const char           *text,
             GValue               *value,
             char                **message)
{
  const TandemFieldInfo *info = input_info (input, NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *msg = NULL;

  tandem_field_value_init (info, value);

  switch (inputs[input].kind)
    {
    case TANDEM_CAMPAIGN_TEXT_LINE:
      if ((info->flags & TANDEM_FIELD_REQUIRED) && *stripped == '\0')
        msg = g_strdup (_("Enter a title"));
      else if (strlen (stripped) > MAX_LINE_BYTES)
        msg = g_strdup (_("This is too long"));
      else
        g_value_set_string (value, stripped);
      break;

    case TANDEM_CAMPAIGN_TEXT_MULTILINE:
      if (text != NULL && strlen (text) > MAX_TEXT_BYTES)
        msg = g_strdup (_("This is too long"));
      else
        g_value_set_string (value, text ? text : "");
      break;

    case TANDEM_CAMPAIGN_TEXT_CHOICE:
      if (info->kind == TANDEM_FIELD_CURRENCY)
        {
          char *upper = g_ascii_strup (stripped, -1);
          g_free (stripped);
          stripped = upper;
        }
      if (*stripped == '\0' && (info->flags & TANDEM_FIELD_NULLABLE))
        g_value_set_string (value, NULL);
      else if (info->kind == TANDEM_FIELD_ENUM && !g_strv_contains (info->choices, stripped))
        msg = g_strdup (_("Choose a phase"));
      else if (info->kind == TANDEM_FIELD_REF && !tandem_is_uuid (stripped))
        msg = g_strdup (_("Choose a person"));
      else if (info->kind == TANDEM_FIELD_COLOR && !tandem_is_color (stripped))
        msg = g_strdup (_("Choose a colour"));
      else if (info->kind == TANDEM_FIELD_CURRENCY && !tandem_is_currency (stripped))
        msg = g_strdup (_("Enter a three-letter currency code such as EUR"));
      else
        g_value_set_string (value, stripped);
      break;

    case TANDEM_CAMPAIGN_TEXT_DATE:
      {
        g_autofree char *iso = NULL;

        if (*stripped == '\0')
          g_value_set_string (value, NULL);
        else if (tandem_locale_parse_date (stripped, &iso, NULL))
          g_value_set_string (value, iso);
        else
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();
            g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
            g_autofree char *example = tandem_locale_format_date (today);

            /* Translators: %s is today's date in the short form of the
             * user's language, such as 24.11.2026 */
            msg = g_strdup_printf (_("Enter a date such as %s"), example);
          }
        break;
      }

    case TANDEM_CAMPAIGN_TEXT_LIST:
      {
        g_auto(GStrv) items = split_list (stripped);

        for (guint i = 0; items[i] != NULL && msg == NULL; i++)
          if (strlen (items[i]) > MAX_LINE_BYTES)
            msg = g_strdup (_("This is too long"));
        if (msg == NULL)
          g_value_set_boxed (value, items);
        break;
      }

    case TANDEM_CAMPAIGN_TEXT_MONEY:
      {
        gint64 cents = 0;

        if (starts_negative (stripped))
          msg = g_strdup (_("The amount cannot be negative"));
        else if (*stripped != '\0' && !tandem_locale_parse_money (stripped, &cents, NULL))
          {
            g_autofree char *example = example_amount ();
            /* Translators: %s is an amount in the user's format, such as 12.500,50 */
            msg = g_strdup_printf (_("Enter an amount such as %s"), example);
          }
        else
          g_value_set_int64 (value, cents);
        break;
      }

    case TANDEM_CAMPAIGN_TEXT_COUNT:
      {
        gint64 count = 0;

        if (starts_negative (stripped))
          msg = g_strdup (_("The number cannot be negative"));
        else if (*stripped != '\0' && !tandem_locale_parse_int (stripped, &count, NULL))
          {
            g_autofree char *example = tandem_locale_format_int (12500);
            /* Translators: %s is a number in the user's format, such as 12.500 */
            msg = g_strdup_printf (_("Enter a whole number such as %s"), example);
          }
        else
          g_value_set_int64 (value, count);
        break;
      }

    case TANDEM_CAMPAIGN_TEXT_PERCENT:
      {
        g_autofree char *number = strip_percent (stripped);
        gint64 basis_points = 0;

        if (*number != '\0' &&
            (starts_negative (number) ||
             !tandem_locale_parse_money (number, &basis_points, NULL) ||
             basis_points > MAX_BASIS_POINTS))
          msg = g_strdup (_("Enter a percentage from 0 to 100"));
        else
          g_value_set_int64 (value, basis_points);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  if (msg != NULL)
    {
      g_value_unset (value);
      if (message != NULL)
        *message = g_steal_pointer (&msg);
      return FALSE;
    }
  return TRUE;
}

static void
reset_texts (TandemCampaignForm *self)
{
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      g_free (self->initial[i]);
      self->initial[i] = tandem_campaign_form_text_of (i, self->base);
    }
}

/* Public API */

/**
 * tandem_campaign_input_field:
 *
 * Returns: the name of the campaign field @input edits
 */
const char *
tandem_campaign_input_field (TandemCampaignInput input)
{
  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, NULL);
  return inputs[input].field;
}

TandemCampaignTextKind
tandem_campaign_input_text_kind (TandemCampaignInput input)
{
  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, TANDEM_CAMPAIGN_TEXT_LINE);
  return inputs[input].kind;
}

/**
 * tandem_campaign_form_text_of:
 * @campaign: a campaign row
 *
 * Returns: (transfer full): the text the editor shows for @input of
 *   @campaign, in the user's locale. Amounts and counts of zero are
 *   shown as an empty text, which reads back as zero.
 */
char *
tandem_campaign_form_text_of (TandemCampaignInput  input,
                              TandemEntity        *campaign)
{
  const GValue *value;

  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, NULL);
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN (campaign), NULL);

  value = entity_value (campaign, input);
  switch (inputs[input].kind)
    {
    case TANDEM_CAMPAIGN_TEXT_LINE:
    case TANDEM_CAMPAIGN_TEXT_MULTILINE:
    case TANDEM_CAMPAIGN_TEXT_CHOICE:
      return g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");

    case TANDEM_CAMPAIGN_TEXT_DATE:
      return tandem_locale_format_date (g_value_get_string (value));

    case TANDEM_CAMPAIGN_TEXT_LIST:
      {
        char **items = g_value_get_boxed (value);
        return items ? g_strjoinv (", ", items) : g_strdup ("");
      }

    case TANDEM_CAMPAIGN_TEXT_MONEY:
    case TANDEM_CAMPAIGN_TEXT_PERCENT:
      if (g_value_get_int64 (value) <= 0)
        return g_strdup ("");
      return tandem_locale_format_amount (g_value_get_int64 (value));

    case TANDEM_CAMPAIGN_TEXT_COUNT:
      if (g_value_get_int64 (value) <= 0)
        return g_strdup ("");
      return tandem_locale_format_int (g_value_get_int64 (value));

    default:
      g_assert_not_reached ();
    }
}

/**
 * tandem_campaign_form_new:
 * @campaign: (nullable): the campaign to edit, %NULL for a new one
 * @stage: (nullable): the stage of a new campaign
 *
 * Returns: (transfer full): a form whose texts are those of @campaign, or
 *   of a new campaign's defaults
 */
TandemCampaignForm *
tandem_campaign_form_new (TandemEntity *campaign,
                          const char   *stage)
{
  TandemCampaignForm *self;

  g_return_val_if_fail (campaign == NULL || TANDEM_IS_CAMPAIGN (campaign), NULL);

  self = g_new0 (TandemCampaignForm, 1);
  self->is_new = campaign == NULL;
  if (campaign != NULL)
    self->base = g_object_ref (campaign);
  else
    {
      self->base = tandem_entity_new (TANDEM_TYPE_CAMPAIGN);
      if (stage != NULL)
        {
          g_autoptr(JsonObject) patch = json_object_new ();
          g_autoptr(GError) error = NULL;

          json_object_set_string_member (patch, "stage", stage);
          if (!tandem_entity_apply_json (self->base, patch, FALSE, &error))
            g_warning ("Ignoring the stage of the new campaign: %s", error->message);
        }
    }

  reset_texts (self);
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    self->text[i] = g_strdup (self->initial[i]);
  return self;
}

void
tandem_campaign_form_free (TandemCampaignForm *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      g_free (self->initial[i]);
      g_free (self->text[i]);
    }
  g_clear_object (&self->base);
  g_free (self);
}

/**
 * tandem_campaign_form_get_base:
 *
 * Returns: (transfer none): the row the form compares with: the campaign
 *   it was opened on (or last rebased on), or the new campaign's defaults
 */
TandemEntity *
tandem_campaign_form_get_base (TandemCampaignForm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base;
}

gboolean
tandem_campaign_form_is_new (TandemCampaignForm *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_new;
}

const char *
tandem_campaign_form_get_text (TandemCampaignForm  *self,
                               TandemCampaignInput  input)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS, NULL);
  return self->text[input];
}

void
tandem_campaign_form_set_text (TandemCampaignForm  *self,
                               TandemCampaignInput  input,
                               const char          *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (input < TANDEM_CAMPAIGN_N_INPUTS);

  g_free (self->text[input]);
  self->text[input] = g_strdup (text ? text : "");
}

/**
 * tandem_campaign_form_is_modified:
 *
 * Returns: whether any text differs from the one the form started with
 *   (typing something and taking it back again is no change)
 */
gboolean
tandem_campaign_form_is_modified (TandemCampaignForm *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    if (!g_str_equal (self->text[i], self->initial[i]))
      return TRUE;
  return FALSE;
}

/**
 * tandem_campaign_form_validate:
 * @messages: (out caller-allocates) (array fixed-size=TANDEM_CAMPAIGN_N_INPUTS) (optional):
 *   for each input, a newly allocated message saying what is wrong, or %NULL
 *
 * Checks every input and the rules across them (the end not before the
 * start).
 *
 * Returns: %TRUE when the form can be saved
 */
gboolean
tandem_campaign_form_validate (TandemCampaignForm  *self,
                               char               **messages)
{
  g_auto(GValue) start = G_VALUE_INIT;
  g_auto(GValue) end = G_VALUE_INIT;
  gboolean valid = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      char *message = NULL;

      if (!parse_input (i, self->text[i], &value, &message))
        valid = FALSE;
      if (messages != NULL)
        messages[i] = message;
      else
        g_free (message);
    }

  if (parse_input (TANDEM_CAMPAIGN_INPUT_START, self->text[TANDEM_CAMPAIGN_INPUT_START], &start, NULL) &&
      parse_input (TANDEM_CAMPAIGN_INPUT_END, self->text[TANDEM_CAMPAIGN_INPUT_END], &end, NULL) &&
      g_value_get_string (&start) != NULL && g_value_get_string (&end) != NULL &&
      strcmp (g_value_get_string (&end), g_value_get_string (&start)) < 0)
    {
      valid = FALSE;
      if (messages != NULL)
        messages[TANDEM_CAMPAIGN_INPUT_END] = g_strdup (_("The end is before the start"));
    }

  return valid;
}

/**
 * tandem_campaign_form_build_patch:
 *
 * The fields whose values differ from the base row's, in JSON form. A new
 * campaign's patch also always names its stage, so it lands in the column
 * it was made in.
 *
 * Returns: (transfer full): the patch, or %NULL with %TANDEM_ERROR_INVALID
 *   when the form does not validate
 */
JsonObject *
tandem_campaign_form_build_patch (TandemCampaignForm  *self,
                                  GError             **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  char *messages[TANDEM_CAMPAIGN_N_INPUTS] = { NULL, };
  gboolean valid;

  g_return_val_if_fail (self != NULL, NULL);

  valid = tandem_campaign_form_validate (self, messages);
  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      if (messages[i] != NULL && valid == FALSE && error != NULL && *error == NULL)
        g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_INVALID, "%s: %s", inputs[i].field, messages[i]);
      g_free (messages[i]);
    }
  if (!valid)
    return NULL;

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      const TandemFieldInfo *info = input_info (i, NULL);
      g_auto(GValue) value = G_VALUE_INIT;

      parse_input (i, self->text[i], &value, NULL);
      if (!tandem_field_value_equal (info, &value, entity_value (self->base, i)) ||
          (self->is_new && i == TANDEM_CAMPAIGN_INPUT_STAGE))
        json_object_set_member (patch, info->name, tandem_field_value_to_json (info, &value));
    }
  return g_steal_pointer (&patch);
}

/**
 * tandem_campaign_form_rebase:
 * @current: the campaign as it is in the store now
 * @conflicts: (out caller-allocates) (array fixed-size=TANDEM_CAMPAIGN_N_INPUTS) (optional):
 *   set for each input that both sides changed to different values
 *
 * After a save was refused because someone else changed the same fields:
 * the form now compares with @current. Inputs the person left alone take
 * the other side's new values; inputs both changed keep what the person
 * typed, so saving again keeps it (after they have seen the other value).
 *
 * Returns: the number of conflicting inputs
 */
guint
tandem_campaign_form_rebase (TandemCampaignForm *self,
                             TandemEntity       *current,
                             gboolean           *conflicts)
{
  guint n_conflicts = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (TANDEM_IS_CAMPAIGN (current), 0);

  for (guint i = 0; i < TANDEM_CAMPAIGN_N_INPUTS; i++)
    {
      const TandemFieldInfo *info = input_info (i, NULL);
      const GValue *theirs = entity_value (current, i);
      gboolean conflict = FALSE;

      if (!tandem_field_value_equal (info, theirs, entity_value (self->base, i)))
        {
          g_auto(GValue) mine = G_VALUE_INIT;

          if (g_str_equal (self->text[i], self->initial[i]))
            {
              g_free (self->text[i]);
              self->text[i] = tandem_campaign_form_text_of (i, current);
            }
          else if (!parse_input (i, self->text[i], &mine, NULL) ||
                   !tandem_field_value_equal (info, &mine, theirs))
            conflict = TRUE;
        }
      if (conflicts != NULL)
        conflicts[i] = conflict;
      n_conflicts += conflict;
    }

  g_set_object (&self->base, current);
  self->is_new = FALSE;
  reset_texts (self);
  return n_conflicts;
}
