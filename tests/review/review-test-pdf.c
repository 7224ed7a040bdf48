/* review-test-pdf.c — a damaged PDF shared by the review tests (core and GUI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "review-test-pdf.h"

/* A PDF whose page tree promises 3 pages and holds 1: poppler opens it,
 * counts 3 and has no page 2 (xref offsets are exact) */
GBytes *
review_test_pdf_with_missing_pages (void)
{
  const char *objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 3 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    "<< /Length 16 >>\nstream\n0 0 1 rg 0 0 m S\nendstream",
    "<< /Producer (Tandem tests) >>",
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}
