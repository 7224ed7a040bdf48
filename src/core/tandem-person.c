/* tandem-person.c — the person row: its fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-person"

#include "tandem-entity-private.h"
#include "tandem-error.h"
#include "tandem-person.h"
#include "tandem-util.h"

struct _TandemPerson
{
  TandemEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemPerson, tandem_person, TANDEM_TYPE_ENTITY)

static const char * const role_choices[] = { "marketing", "sales", "admin", NULL };

static const TandemFieldInfo fields[] = {
  { "name", TANDEM_FIELD_STRING, TANDEM_FIELD_REQUIRED },
  { "role", TANDEM_FIELD_ENUM, 0, role_choices, NULL, "marketing" },
  { "email", TANDEM_FIELD_STRING, TANDEM_FIELD_NULLABLE },
  { "active", TANDEM_FIELD_BOOL, 0, NULL, NULL, "true" },
};

static void
tandem_person_class_init (TandemPersonClass *klass)
{
  TandemEntityClass *entity_class = TANDEM_ENTITY_CLASS (klass);

  _tandem_entity_class_install_fields (entity_class, "person", "people",
                                       "\"name\" COLLATE NOCASE, \"id\"",
                                       fields, G_N_ELEMENTS (fields));
}

static void
tandem_person_init (TandemPerson *self)
{
}
