/* tandem-decision.c — the decision row: its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-decision"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-decision.h"
#include "tandem-util.h"

struct _TandemDecision
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemDecision, tandem_decision, TANDEM_TYPE_ENTITY)

static const char * const decision_choices[] = { "approved", "approved_with_changes", "changes_requested", NULL };

static const TandemFieldInfo fields[] = {
  { "asset", TANDEM_FIELD_REF, 0, NULL, "asset" },
  { "version", TANDEM_FIELD_INT, TANDEM_FIELD_NON_NEGATIVE, NULL, NULL, "1" },
  { "reviewer", TANDEM_FIELD_REF, 0, NULL, "person" },
  { "decision", TANDEM_FIELD_ENUM, 0, decision_choices, NULL, "approved" },
  { "note", TANDEM_FIELD_TEXT },
};

static void
tandem_decision_class_init (TandemDecisionClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "decision", "decisions",
                                       "\"created_at\", \"rowid\"",
                                       fields, G_N_ELEMENTS (fields));
}

static void
tandem_decision_init (TandemDecision *self)
{
}
