/* tandem-demo-files.h — believable collateral files drawn with cairo + Pango
 *
 * Multi-page PDFs (brochures, datasheets, slide decks) and PNG banners for
 * the demo data set, tests and benchmarks. Everything is drawn in memory;
 * the same arguments on the same day give the same bytes (PDFs carry the
 * day as their creation date).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TANDEM_DEMO_LAYOUT_BROCHURE,  /* A4 portrait: cover, text/chart/table pages, back page */
  TANDEM_DEMO_LAYOUT_DATASHEET, /* A4 portrait: product header, technical data, curves */
  TANDEM_DEMO_LAYOUT_SLIDES,    /* A4 landscape: a slide deck exported to PDF */
} TandemDemoLayout;

typedef struct
{
  const char       *title;     /* cover or header title */
  const char       *subtitle;  /* nullable */
  const char       *footer;    /* nullable: e.g. "Entwurf · Version 2" */
  TandemDemoLayout  layout;
  guint             n_pages;   /* at least 1 */
  guint32           seed;      /* picks texts, numbers and the accent colour */
  guint32           accent;    /* 0xrrggbb, or 0 to let the seed choose */
} TandemDemoDocument;

GBytes *tandem_demo_render_document (const TandemDemoDocument  *doc,
                                     GError                   **error);
GBytes *tandem_demo_render_pdf      (const char                *title,
                                     guint                      n_pages,
                                     guint32                    seed,
                                     GError                   **error);
GBytes *tandem_demo_render_png      (const char                *title,
                                     const char                *subtitle,
                                     int                        width,
                                     int                        height,
                                     guint32                    seed,
                                     GError                   **error);

G_END_DECLS
