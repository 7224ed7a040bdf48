/* tandem-document-view-private.h — hooks for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-document-view.h"

G_BEGIN_DECLS

/* Whether the page shown (or the image) is rendered on screen */
gboolean _tandem_document_view_get_page_shown      (TandemDocumentView *self);
/* Whether the page shown is one poppler cannot load (a message instead) */
gboolean _tandem_document_view_get_page_unreadable (TandemDocumentView *self);

G_END_DECLS
