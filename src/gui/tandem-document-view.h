/* tandem-document-view.h — one version of an asset: PDF pages, images,
 * numbered pins, placing pins and regions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-review.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_DOCUMENT_VIEW (tandem_document_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemDocumentView, tandem_document_view, TANDEM, DOCUMENT_VIEW, GtkWidget)

typedef struct
{
  TandemAnchor anchor;
  guint        number;    /* shown on the pin */
  gboolean     resolved;  /* drawn dimmed */
} TandemDocumentPin;

TandemDocumentView *tandem_document_view_new         (void);
/* Streams the blob off the main thread and shows it */
void                tandem_document_view_load        (TandemDocumentView      *self,
                                                      TandemStore             *store,
                                                      const char              *sha256,
                                                      const char              *mime_type,
                                                      const char              *file_name);
void                tandem_document_view_clear       (TandemDocumentView      *self);
/* "empty", "loading", "pages" (PDF), "image" or "no-preview" */
const char         *tandem_document_view_get_status  (TandemDocumentView      *self);
guint               tandem_document_view_get_n_pages (TandemDocumentView      *self);
guint               tandem_document_view_get_page    (TandemDocumentView      *self);
void                tandem_document_view_set_page    (TandemDocumentView      *self,
                                                      guint                    page);
double              tandem_document_view_get_zoom    (TandemDocumentView      *self);
void                tandem_document_view_set_zoom    (TandemDocumentView      *self,
                                                      double                   zoom);
gboolean            tandem_document_view_get_fit_width (TandemDocumentView    *self);
void                tandem_document_view_set_fit_width (TandemDocumentView    *self,
                                                      gboolean                 fit_width);
/* Pins of the comments, and the one placed but not commented yet */
void                tandem_document_view_set_pins    (TandemDocumentView      *self,
                                                      const TandemDocumentPin *pins,
                                                      guint                    n_pins);
void                tandem_document_view_set_draft   (TandemDocumentView      *self,
                                                      const TandemAnchor      *anchor);
void                tandem_document_view_show_pin    (TandemDocumentView      *self,
                                                      guint                    number);
/* Whether placing pins is allowed (old versions are read-only) */
void                tandem_document_view_set_can_pin (TandemDocumentView      *self,
                                                      gboolean                 can_pin);

void                tandem_document_view_set_show_thumbnails (TandemDocumentView *self,
                                                              gboolean            show_thumbnails);

G_END_DECLS
