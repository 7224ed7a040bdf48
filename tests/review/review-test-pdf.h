/* review-test-pdf.h — a damaged PDF shared by the review tests (core and GUI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

GBytes *review_test_pdf_with_missing_pages (void);
