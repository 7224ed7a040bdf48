/* tandem-person.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-entity.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PERSON (tandem_person_get_type ())

G_DECLARE_FINAL_TYPE (TandemPerson, tandem_person, TANDEM, PERSON, TandemEntity)

G_END_DECLS
