/* tandem-demo-files.c — believable collateral files drawn with cairo + Pango
 *
 * A fictitious drive-technology supplier ("Brenner Antriebstechnik GmbH")
 * and its marketing material: covers with a gear illustration, two-column
 * German body text, coloured benefit boxes, technical data tables, bar and
 * line charts, contact pages; slides in landscape; social banners as PNG.
 * All choices come from a GRand seeded by the caller, so a document is
 * reproducible byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-demo"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "tandem-demo-files.h"

#define A4_SHORT   595.276
#define A4_LONG    841.890
#define MARGIN      48.0
#define MAX_PAGES  10000

#define COMPANY    "Brenner Antriebstechnik GmbH"
#define WEBSITE    "www.brenner-antriebe.example"

typedef struct
{
  cairo_t                  *cr;
  PangoLayout              *layout;
  GRand                    *rand;
  const TandemDemoDocument *doc;
  double                    width;
  double                    height;
  guint32                   accent;
  guint                     page;     /* 1-based */
} Painter;

typedef enum
{
  PAGE_COVER,
  PAGE_TEXT,
  PAGE_DATA,
  PAGE_KPI,
  PAGE_BACK,
  PAGE_DATASHEET_FRONT,
  SLIDE_TITLE,
  SLIDE_BULLETS,
  SLIDE_KPI,
  SLIDE_NEXT_STEPS,
} PageKind;

static const guint32 accents[] = {
  0x1a5fb4, 0x26a269, 0xc64600, 0x813d9c, 0x0e7c86, 0xa51d2d, 0x3d6a99, 0x986a44,
};

static const char * const headings[] = {
  "Weniger Stillstand, mehr Output",
  "So funktioniert es in Ihrer Anlage",
  "Ihr Nutzen auf einen Blick",
  "Aus der Praxis: Verpackungslinie im Drei-Schicht-Betrieb",
  "Service, der mitdenkt",
  "Technik, die sich rechnet",
  "Nachrüsten statt neu kaufen",
  "Von der Analyse bis zur Inbetriebnahme",
  "Made in Germany – weltweit im Einsatz",
  "Energieeffizienz nach IE4",
};

static const char * const paragraphs[] = {
  "Ungeplante Stillstände kosten in der Serienfertigung schnell mehrere tausend Euro pro Stunde. "
  "Mit der Zustandsüberwachung unserer Antriebe erkennen Sie Verschleiß an Lagern und Getrieben, "
  "bevor er zum Ausfall führt – und planen Wartung dann, wenn es in Ihre Produktion passt.",
  "Die Sensorik ist bereits im Motorgehäuse integriert. Schwingung, Temperatur und Stromaufnahme "
  "werden kontinuierlich erfasst und über OPC UA an Ihre Steuerung oder unser Service-Portal "
  "übertragen. Eine zusätzliche Verkabelung ist nicht erforderlich.",
  "Unsere Anwendungstechniker begleiten Sie von der ersten Analyse bis zur Inbetriebnahme. "
  "Gemeinsam mit Ihrer Instandhaltung legen wir Grenzwerte fest und schulen Ihr Team direkt "
  "an der Anlage – in Deutsch, Englisch, Polnisch oder Türkisch.",
  "Bestandsmaschinen lassen sich mit geringem Aufwand nachrüsten. Die Anschlussmaße entsprechen "
  "den gängigen Normmotoren, sodass Kupplungen und Fundamente in der Regel weiterverwendet "
  "werden können. Typische Umbauzeiten liegen unter einer Schicht.",
  "Originalersatzteile sind für alle Baureihen der letzten 25 Jahre ab Lager Bielefeld lieferbar. "
  "Bestellungen bis 14 Uhr verlassen noch am selben Tag das Haus; im Notfall organisieren wir "
  "einen Kurierdienst direkt an Ihr Werkstor.",
  "Durch den Einsatz von Synchronmotoren der Effizienzklasse IE4 sinkt der Energiebedarf gegenüber "
  "älteren Asynchronantrieben um bis zu 30 Prozent. Bei einem Betrieb im Drei-Schicht-System "
  "amortisiert sich die Investition häufig in weniger als zwei Jahren.",
  "Mit dem Service-Portal behalten Sie alle Antriebe Ihres Werks im Blick: Betriebsstunden, "
  "Meldungen, Wartungsintervalle und Ersatzteillisten stehen an einem Ort bereit – auf Wunsch "
  "auch als Schnittstelle zu Ihrem ERP-System.",
  "Ein Kunde aus der Lebensmittelindustrie konnte so die Verfügbarkeit seiner Abfülllinie von "
  "91 auf 97 Prozent steigern. Die ersten Warnungen kamen drei Wochen vor einem drohenden "
  "Lagerschaden – genug Zeit, um den Tausch in den Betriebsurlaub zu legen.",
  "Alle Komponenten werden in unserem Werk in Bielefeld gefertigt und vor der Auslieferung "
  "einzeln im Prüfstand vermessen. Das Prüfprotokoll erhalten Sie digital zu jeder Seriennummer.",
  "Sprechen Sie mit uns über Ihre Anwendung: Unser Außendienst ist in ganz Deutschland, "
  "Österreich und der Schweiz für Sie unterwegs, unterstützt von Vertriebspartnern in 30 Ländern.",
};

static const char * const benefits[] = {
  "• Bis zu 40 % weniger ungeplante Stillstände\n"
  "• Wartung planbar, Ersatzteile rechtzeitig vor Ort\n"
  "• Nachrüstbar ohne zusätzliche Verkabelung\n"
  "• Daten bleiben in Ihrem Netzwerk",
  "• Lieferung ab Lager innerhalb von 24 Stunden\n"
  "• Originalteile mit 24 Monaten Gewährleistung\n"
  "• Feste Ansprechpartner im Innendienst\n"
  "• Sonderkonditionen für Wartungsverträge",
  "• Energieeffizienzklasse IE4\n"
  "• Kompakte Bauform, 30 % kürzer als der Vorgänger\n"
  "• Schutzart IP65, optional IP67\n"
  "• Integrierte Zustandsüberwachung",
  "• Analyse Ihrer Anlage vor Ort\n"
  "• Umbau in weniger als einer Schicht\n"
  "• Schulung Ihres Instandhaltungsteams\n"
  "• Messbarer Nutzen nach 90 Tagen",
};

static const char * const quotes[] = {
  "„Seit der Umstellung hatten wir an der Linie 3 keinen einzigen ungeplanten Stillstand mehr.“\n"
  "— Leiter Instandhaltung, Verpackungsmaschinenhersteller aus Westfalen",
  "„Die Nachrüstung lief am Wochenende, am Montag lief die Anlage wieder mit voller Taktzahl.“\n"
  "— Produktionsleiter, Automobilzulieferer (Tier 1)",
  "“The retrofit paid for itself within 14 months – mostly through energy savings.”\n"
  "— Plant Manager, Food & Beverage, Netherlands",
  "„Ersatzteile am nächsten Morgen am Werkstor – so stellen wir uns Service vor.“\n"
  "— Einkaufsleiter, Fachhändler für Antriebstechnik",
};

static const char * const slide_bullets[] = {
  "Ausgangslage: steigende Stückzahlen, knappe Instandhaltungskapazität\n"
  "Ziel: Verfügbarkeit der Karosseriebaulinien auf über 98 %\n"
  "Ansatz: Zustandsüberwachung für 120 Antriebe pro Linie\n"
  "Pilot in einem Werk, Rollout in drei Stufen",
  "Standardisierte Antriebspakete für Rohbau und Montage\n"
  "Rahmenvertrag mit festen Preisen über 36 Monate\n"
  "Ersatzteilkonsignationslager direkt im Werk\n"
  "24/7-Hotline mit Reaktionszeit unter 4 Stunden",
  "Energieverbrauch der Antriebe −28 % im Pilotbereich\n"
  "MTBF von 9.800 h auf 14.200 h gesteigert\n"
  "Rüstzeiten durch Schnellwechselflansche halbiert\n"
  "Amortisation nach 19 Monaten",
};

static const char * const chart_labels[] = { "2021", "2022", "2023", "2024", "2025", "Ziel" };

typedef struct
{
  const char *label;
  const char *unit;
  int         min;
  int         max;
} TechRow;

static const TechRow tech_rows[] = {
  { "Nennleistung", "kW", 2, 45 },
  { "Nenndrehmoment", "Nm", 8, 290 },
  { "Nenndrehzahl", "min⁻¹", 1500, 3000 },
  { "Maximaldrehzahl", "min⁻¹", 4000, 6000 },
  { "Wirkungsgrad", "%", 93, 97 },
  { "Schutzart", "IP", 65, 67 },
  { "Gewicht", "kg", 9, 140 },
  { "Geräuschpegel", "dB(A)", 58, 72 },
  { "Umgebungstemperatur max.", "°C", 40, 55 },
};

/* Colours and shapes */

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

/* Mixes @rgb with white (amount > 0) or black (amount < 0). */
static guint32
shade (guint32 rgb,
       double  amount)
{
  guint32 out = 0;

  for (int shift = 16; shift >= 0; shift -= 8)
    {
      double c = (rgb >> shift) & 0xff;

      c = amount >= 0 ? c + (255.0 - c) * amount : c * (1.0 + amount);
      out |= ((guint32) CLAMP (c + 0.5, 0, 255)) << shift;
    }
  return out;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
fill_rect (cairo_t *cr,
           double   x,
           double   y,
           double   w,
           double   h,
           guint32  rgb,
           double   alpha)
{
  set_color (cr, rgb, alpha);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
}

/* A gear wheel with @teeth teeth and a hub, the supplier's visual motif. */
static void
draw_gear (cairo_t *cr,
           double   cx,
           double   cy,
           double   radius,
           guint    teeth,
           guint32  rgb,
           double   alpha)
{
  double inner = radius * 0.82;
  double step = 2 * G_PI / teeth;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < teeth; i++)
    {
      double a = i * step;

      cairo_line_to (cr, cx + inner * cos (a), cy + inner * sin (a));
      cairo_line_to (cr, cx + radius * cos (a + step * 0.15), cy + radius * sin (a + step * 0.15));
      cairo_line_to (cr, cx + radius * cos (a + step * 0.45), cy + radius * sin (a + step * 0.45));
      cairo_line_to (cr, cx + inner * cos (a + step * 0.6), cy + inner * sin (a + step * 0.6));
    }
  cairo_close_path (cr);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, cx, cy, radius * 0.35, 2 * G_PI, 0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_color (cr, rgb, alpha);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* A stylised servo motor: housing with cooling fins, flange and shaft. */
static void
draw_motor (cairo_t *cr,
            double   x,
            double   y,
            double   w,
            double   h,
            guint32  rgb)
{
  double body_w = w * 0.7;

  rounded_rect (cr, x, y, body_w, h, h * 0.12);
  set_color (cr, shade (rgb, -0.2), 1.0);
  cairo_fill (cr);
  for (guint i = 1; i < 9; i++)
    fill_rect (cr, x + i * body_w / 9.0, y + h * 0.06, body_w * 0.03, h * 0.88, shade (rgb, -0.45), 1.0);
  fill_rect (cr, x + body_w, y - h * 0.08, w * 0.08, h * 1.16, shade (rgb, 0.35), 1.0);
  fill_rect (cr, x + body_w + w * 0.08, y + h * 0.42, w * 0.22, h * 0.16, 0x9a9996, 1.0);
  rounded_rect (cr, x + body_w * 0.3, y - h * 0.25, body_w * 0.35, h * 0.25, 4);
  set_color (cr, shade (rgb, -0.35), 1.0);
  cairo_fill (cr);
}

/* Something that looks like a QR code: finder squares and seeded modules. */
static void
draw_qr (Painter *p,
         double   x,
         double   y,
         double   size)
{
  const guint n = 25;
  double m = size / n;

  fill_rect (p->cr, x, y, size, size, 0xffffff, 1.0);
  set_color (p->cr, 0x241f31, 1.0);
  for (guint row = 0; row < n; row++)
    for (guint col = 0; col < n; col++)
      {
        gboolean finder = (row < 8 && col < 8) || (row < 8 && col >= n - 8) || (row >= n - 8 && col < 8);

        if (!finder && g_rand_boolean (p->rand))
          cairo_rectangle (p->cr, x + col * m, y + row * m, m, m);
      }
  cairo_fill (p->cr);

  for (guint i = 0; i < 3; i++)
    {
      double fx = x + (i == 1 ? (n - 7) * m : 0);
      double fy = y + (i == 2 ? (n - 7) * m : 0);

      fill_rect (p->cr, fx, fy, 7 * m, 7 * m, 0x241f31, 1.0);
      fill_rect (p->cr, fx + m, fy + m, 5 * m, 5 * m, 0xffffff, 1.0);
      fill_rect (p->cr, fx + 2 * m, fy + 2 * m, 3 * m, 3 * m, 0x241f31, 1.0);
    }
}

/* Text */

/* Lays @text out at @size points, @width wide (no wrapping when ≤ 0);
 * returns its height. */
static double
set_text (Painter        *p,
          double          width,
          const char     *font,
          double          size,
          PangoAlignment  align,
          const char     *text)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (p->layout, desc);
  pango_layout_set_width (p->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (p->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (p->layout, align);
  pango_layout_set_spacing (p->layout, (int) (size * 0.25 * PANGO_SCALE));
  pango_layout_set_text (p->layout, text, -1);

  pango_layout_get_size (p->layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
show_text (Painter        *p,
           double          x,
           double          y,
           double          width,
           const char     *font,
           double          size,
           guint32         rgb,
           double          alpha,
           PangoAlignment  align,
           const char     *text)
{
  double h = set_text (p, width, font, size, align, text);

  cairo_move_to (p->cr, x, y);
  set_color (p->cr, rgb, alpha);
  pango_cairo_show_layout (p->cr, p->layout);
  return h;
}

static double
text_width (Painter    *p,
            const char *font,
            double      size,
            const char *text)
{
  PangoRectangle logical;

  set_text (p, -1, font, size, PANGO_ALIGN_LEFT, text);
  pango_layout_get_extents (p->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static const char *
pick (Painter            *p,
      const char * const *pool,
      guint               n)
{
  return pool[g_rand_int_range (p->rand, 0, (gint32) n)];
}

/* Page furniture */

/* Height left between @y and the footer, at most @max. */
static double
room (Painter *p,
      double   y,
      double   max)
{
  return CLAMP (p->height - MARGIN * 1.5 - y, 40, max);
}

static void
draw_footer (Painter *p)
{
  g_autofree char *left = NULL;
  g_autofree char *right = g_strdup_printf ("Seite %u von %u", p->page, p->doc->n_pages);
  double y = p->height - MARGIN * 0.6;

  left = p->doc->footer ? g_strdup_printf ("%s · %s", COMPANY, p->doc->footer) : g_strdup (COMPANY);
  set_color (p->cr, 0xc0bfbc, 1.0);
  cairo_set_line_width (p->cr, 0.6);
  cairo_move_to (p->cr, MARGIN, y - 6);
  cairo_line_to (p->cr, p->width - MARGIN, y - 6);
  cairo_stroke (p->cr);
  show_text (p, MARGIN, y, p->width - 2 * MARGIN, "Sans", 7.5, 0x5e5c64, 1.0, PANGO_ALIGN_LEFT, left);
  show_text (p, MARGIN, y, p->width - 2 * MARGIN, "Sans", 7.5, 0x5e5c64, 1.0, PANGO_ALIGN_RIGHT, right);
}

static double
draw_header (Painter *p)
{
  fill_rect (p->cr, 0, 0, p->width, 34, p->accent, 1.0);
  show_text (p, MARGIN, 10, p->width * 0.6, "Sans Bold", 10, 0xffffff, 1.0, PANGO_ALIGN_LEFT, p->doc->title);
  show_text (p, MARGIN, 11, p->width - 2 * MARGIN, "Sans", 8.5, 0xffffff, 0.85, PANGO_ALIGN_RIGHT, "BRENNER");
  return 34 + MARGIN * 0.7;
}

/* Charts and tables */

static void
draw_bar_chart (Painter    *p,
                double      x,
                double      y,
                double      w,
                double      h,
                const char *title)
{
  cairo_t *cr = p->cr;
  guint n = G_N_ELEMENTS (chart_labels);
  double values[G_N_ELEMENTS (chart_labels)];
  double top = 0;
  double plot_y, plot_h, slot;
  double title_h;

  values[0] = g_rand_double_range (p->rand, 120, 220);
  for (guint i = 1; i < n; i++)
    values[i] = MAX (10, values[i - 1] * g_rand_double_range (p->rand, 0.62, 0.95));
  for (guint i = 0; i < n; i++)
    top = MAX (top, values[i]);
  top = ceil (top / 50.0) * 50.0;

  title_h = show_text (p, x, y, w, "Sans Bold", 10, 0x241f31, 1.0, PANGO_ALIGN_LEFT, title);
  plot_y = y + title_h + 10;
  plot_h = h - title_h - 30;
  slot = (w - 34) / n;

  /* grid and axis labels */
  cairo_set_line_width (cr, 0.5);
  for (guint g = 0; g <= 4; g++)
    {
      double gy = plot_y + plot_h - plot_h * g / 4.0;
      g_autofree char *label = g_strdup_printf ("%.0f", top * g / 4.0);

      set_color (cr, 0xdeddda, 1.0);
      cairo_move_to (cr, x + 30, gy);
      cairo_line_to (cr, x + w, gy);
      cairo_stroke (cr);
      show_text (p, x, gy - 5, 26, "Sans", 6.5, 0x77767b, 1.0, PANGO_ALIGN_RIGHT, label);
    }

  for (guint i = 0; i < n; i++)
    {
      double bh = plot_h * values[i] / top;
      double bx = x + 34 + i * slot + slot * 0.18;
      gboolean goal = i == n - 1;

      rounded_rect (cr, bx, plot_y + plot_h - bh, slot * 0.64, bh, 2.5);
      set_color (cr, goal ? shade (p->accent, 0.55) : p->accent, 1.0);
      cairo_fill (cr);
      show_text (p, bx - 6, plot_y + plot_h + 3, slot * 0.64 + 12, "Sans", 6.5, 0x5e5c64, 1.0,
                 PANGO_ALIGN_CENTER, chart_labels[i]);
    }
}

static void
draw_line_chart (Painter    *p,
                 double      x,
                 double      y,
                 double      w,
                 double      h,
                 const char *title)
{
  cairo_t *cr = p->cr;
  double title_h = show_text (p, x, y, w, "Sans Bold", 10, 0x241f31, 1.0, PANGO_ALIGN_LEFT, title);
  double plot_x = x + 8;
  double plot_y = y + title_h + 8;
  double plot_w = w - 16;
  double plot_h = h - title_h - 24;
  double knee = g_rand_double_range (p->rand, 0.45, 0.7);
  double level = g_rand_double_range (p->rand, 0.7, 0.9);

  set_color (cr, 0xf6f5f4, 1.0);
  cairo_rectangle (cr, plot_x, plot_y, plot_w, plot_h);
  cairo_fill (cr);
  set_color (cr, 0x9a9996, 1.0);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y);
  cairo_line_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);

  /* torque over speed: flat, then falling in the field-weakening range */
  cairo_set_line_width (cr, 2.0);
  set_color (cr, p->accent, 1.0);
  for (guint i = 0; i <= 40; i++)
    {
      double t = i / 40.0;
      double v = t < knee ? level : level * knee / t;
      double px = plot_x + t * plot_w;
      double py = plot_y + plot_h - v * plot_h;

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);

  /* the dashed peak torque curve above it */
  {
    static const double dashes[] = { 4.0, 3.0 };
    cairo_set_dash (cr, dashes, 2, 0);
    set_color (cr, shade (p->accent, 0.4), 1.0);
    cairo_set_line_width (cr, 1.2);
    cairo_move_to (cr, plot_x, plot_y + plot_h * (1 - MIN (0.98, level * 1.15)));
    cairo_line_to (cr, plot_x + plot_w * knee * 0.9, plot_y + plot_h * (1 - MIN (0.98, level * 1.15)));
    cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h * (1 - level * knee * 0.95));
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  show_text (p, plot_x, plot_y + plot_h + 3, plot_w, "Sans", 6.5, 0x5e5c64, 1.0, PANGO_ALIGN_RIGHT,
             "Drehzahl n [min⁻¹] →");
  show_text (p, plot_x + 4, plot_y + 2, plot_w, "Sans", 6.5, 0x5e5c64, 1.0, PANGO_ALIGN_LEFT,
             "M [Nm] — Dauer   - - Spitze");
}

static double
draw_table (Painter *p,
            double   x,
            double   y,
            double   w,
            guint    n_rows)
{
  double row_h = 17;
  g_autofree char *model = g_strdup_printf ("SX-%u", 100 * (guint) g_rand_int_range (p->rand, 1, 9));

  fill_rect (p->cr, x, y, w, row_h + 2, shade (p->accent, -0.15), 1.0);
  show_text (p, x + 6, y + 4, w * 0.55, "Sans Bold", 8, 0xffffff, 1.0, PANGO_ALIGN_LEFT, "Technische Daten");
  show_text (p, x + w * 0.55, y + 4, w * 0.45 - 6, "Sans Bold", 8, 0xffffff, 1.0, PANGO_ALIGN_RIGHT, model);
  y += row_h + 2;

  n_rows = MIN (n_rows, G_N_ELEMENTS (tech_rows));
  for (guint i = 0; i < n_rows; i++)
    {
      const TechRow *row = &tech_rows[i];
      int v = g_rand_int_range (p->rand, row->min, row->max + 1);
      g_autofree char *value = g_str_equal (row->unit, "IP")
        ? g_strdup_printf ("IP%d", v)
        : g_strdup_printf ("%d %s", v, row->unit);

      if (i % 2 == 0)
        fill_rect (p->cr, x, y, w, row_h, 0xf6f5f4, 1.0);
      show_text (p, x + 6, y + 4, w * 0.6, "Sans", 8, 0x3d3846, 1.0, PANGO_ALIGN_LEFT, row->label);
      show_text (p, x + w * 0.6, y + 4, w * 0.4 - 6, "Sans Bold", 8, 0x241f31, 1.0, PANGO_ALIGN_RIGHT, value);
      y += row_h;
    }
  return (n_rows + 1) * row_h + 2;
}

static double
draw_box (Painter    *p,
          double      x,
          double      y,
          double      w,
          const char *heading,
          const char *body,
          gboolean    filled)
{
  cairo_t *cr = p->cr;
  double pad = 12;
  double body_h;
  double h;

  /* measure first: the box is drawn below the text */
  body_h = set_text (p, w - 2 * pad, "Sans", 8.5, PANGO_ALIGN_LEFT, body);
  h = pad + 20 + body_h + pad;
  rounded_rect (cr, x, y, w, h, 6);
  set_color (cr, filled ? p->accent : shade (p->accent, 0.88), 1.0);
  cairo_fill (cr);
  if (!filled)
    fill_rect (cr, x, y + 6, 3.5, h - 12, p->accent, 1.0);

  show_text (p, x + pad, y + pad, w - 2 * pad, "Sans Bold", 10.5, filled ? 0xffffff : p->accent, 1.0,
             PANGO_ALIGN_LEFT, heading);
  show_text (p, x + pad, y + pad + 20, w - 2 * pad, "Sans", 8.5, filled ? 0xffffff : 0x3d3846, 1.0,
             PANGO_ALIGN_LEFT, body);
  return h;
}

static double
draw_columns (Painter *p,
              double   x,
              double   y,
              double   w,
              guint    n_paragraphs)
{
  double col_w = (w - 18) / 2;
  double hl = 0, hr = 0;

  for (guint i = 0; i < n_paragraphs; i++)
    {
      const char *text = pick (p, paragraphs, G_N_ELEMENTS (paragraphs));

      if (i % 2 == 0)
        hl += show_text (p, x, y + hl, col_w, "Serif", 9, 0x3d3846, 1.0, PANGO_ALIGN_LEFT, text) + 8;
      else
        hr += show_text (p, x + col_w + 18, y + hr, col_w, "Serif", 9, 0x3d3846, 1.0, PANGO_ALIGN_LEFT, text) + 8;
    }
  return MAX (hl, hr);
}

/* Portrait pages */

static void
draw_cover (Painter *p)
{
  cairo_t *cr = p->cr;
  double band = p->height * 0.62;
  double title_h, subtitle_h;
  double y;

  fill_rect (cr, 0, 0, p->width, band, p->accent, 1.0);
  draw_gear (cr, p->width * 0.78, band * 0.36, p->width * 0.3, 14, 0xffffff, 0.12);
  draw_gear (cr, p->width * 0.48, band * 0.62, p->width * 0.14, 10, 0xffffff, 0.18);
  draw_motor (cr, p->width * 0.5, band * 0.28, p->width * 0.34, p->width * 0.16, shade (p->accent, 0.5));

  show_text (p, MARGIN, MARGIN, p->width, "Sans Bold", 13, 0xffffff, 1.0, PANGO_ALIGN_LEFT, "BRENNER");
  show_text (p, MARGIN, MARGIN + 16, p->width, "Sans", 8, 0xffffff, 0.8, PANGO_ALIGN_LEFT, "Antriebstechnik");

  /* title and subtitle sit on the lower edge of the band */
  title_h = set_text (p, p->width - 2 * MARGIN, "Sans Bold", 30, PANGO_ALIGN_LEFT, p->doc->title);
  subtitle_h = p->doc->subtitle
    ? set_text (p, p->width - 2 * MARGIN, "Sans", 14, PANGO_ALIGN_LEFT, p->doc->subtitle) + 8
    : 0;
  y = band - 28 - subtitle_h - title_h;
  y += show_text (p, MARGIN, y, p->width - 2 * MARGIN, "Sans Bold", 30, 0xffffff, 1.0, PANGO_ALIGN_LEFT,
                  p->doc->title) + 8;
  if (p->doc->subtitle != NULL)
    show_text (p, MARGIN, y, p->width - 2 * MARGIN, "Sans", 14, 0xffffff, 0.9, PANGO_ALIGN_LEFT, p->doc->subtitle);

  y = band + 34;
  show_text (p, MARGIN, y, p->width - 2 * MARGIN, "Serif Italic", 12, 0x3d3846, 1.0, PANGO_ALIGN_LEFT,
             pick (p, quotes, G_N_ELEMENTS (quotes)));
  draw_box (p, MARGIN, y + 90, p->width - 2 * MARGIN - 100, "Auf einen Blick",
            pick (p, benefits, G_N_ELEMENTS (benefits)), FALSE);
  draw_qr (p, p->width - MARGIN - 76, y + 90, 76);
  show_text (p, p->width - MARGIN - 76, y + 172, 76, "Sans", 7, 0x5e5c64, 1.0, PANGO_ALIGN_CENTER,
             "Mehr online");

  if (p->doc->footer != NULL)
    {
      /* a review stamp in the corner */
      double stamp_w = text_width (p, "Sans Bold", 9, p->doc->footer) + 20;

      cairo_save (cr);
      cairo_translate (cr, p->width - MARGIN - stamp_w, 40);
      cairo_rotate (cr, 0.08);
      cairo_set_line_width (cr, 1.5);
      rounded_rect (cr, 0, 0, stamp_w, 26, 4);
      set_color (cr, 0xffffff, 0.9);
      cairo_stroke (cr);
      show_text (p, 10, 7, -1, "Sans Bold", 9, 0xffffff, 0.9, PANGO_ALIGN_LEFT, p->doc->footer);
      cairo_restore (cr);
    }
  draw_footer (p);
}

static void
draw_text_page (Painter *p)
{
  double y = draw_header (p);
  double w = p->width - 2 * MARGIN;

  y += show_text (p, MARGIN, y, w, "Sans Bold", 20, p->accent, 1.0, PANGO_ALIGN_LEFT,
                  pick (p, headings, G_N_ELEMENTS (headings))) + 14;
  y += draw_columns (p, MARGIN, y, w, 6) + 10;
  y += draw_box (p, MARGIN, y, w, "Ihre Vorteile", pick (p, benefits, G_N_ELEMENTS (benefits)), TRUE) + 22;
  draw_bar_chart (p, MARGIN, y, w, room (p, y, 320), "Ungeplante Stillstandszeit pro Linie [h/Jahr]");
  draw_footer (p);
}

static void
draw_data_page (Painter *p)
{
  double y = draw_header (p);
  double w = p->width - 2 * MARGIN;
  double half = (w - 18) / 2;
  double th;

  y += show_text (p, MARGIN, y, w, "Sans Bold", 20, p->accent, 1.0, PANGO_ALIGN_LEFT,
                  pick (p, headings, G_N_ELEMENTS (headings))) + 14;
  y += show_text (p, MARGIN, y, w, "Serif", 9.5, 0x3d3846, 1.0, PANGO_ALIGN_LEFT,
                  pick (p, paragraphs, G_N_ELEMENTS (paragraphs))) + 16;
  th = draw_table (p, MARGIN, y, half, G_N_ELEMENTS (tech_rows));
  draw_box (p, MARGIN + half + 18, y, half, "Praxisbeispiel", pick (p, quotes, G_N_ELEMENTS (quotes)), FALSE);
  y += th + 24;
  y += draw_columns (p, MARGIN, y, w, 2) + 14;
  draw_line_chart (p, MARGIN, y, w, room (p, y, 300), "Drehmoment-Kennlinie");
  draw_footer (p);
}

static void
draw_kpi_page (Painter *p)
{
  static const char * const kpi_labels[] = {
    "weniger Stillstand", "Energieeinsparung", "Amortisation", "Verfügbarkeit",
  };
  double y = draw_header (p);
  double w = p->width - 2 * MARGIN;
  double tile_w = (w - 3 * 12) / 4;

  y += show_text (p, MARGIN, y, w, "Sans Bold", 20, p->accent, 1.0, PANGO_ALIGN_LEFT,
                  "Ergebnisse aus Kundenprojekten") + 16;
  for (guint i = 0; i < 4; i++)
    {
      double x = MARGIN + i * (tile_w + 12);
      g_autofree char *number = NULL;

      switch (i)
        {
        case 0: number = g_strdup_printf ("−%d %%", g_rand_int_range (p->rand, 25, 45)); break;
        case 1: number = g_strdup_printf ("−%d %%", g_rand_int_range (p->rand, 12, 31)); break;
        case 2: number = g_strdup_printf ("%d Mon.", g_rand_int_range (p->rand, 11, 25)); break;
        default: number = g_strdup_printf ("%d,%d %%", g_rand_int_range (p->rand, 96, 99), g_rand_int_range (p->rand, 0, 10)); break;
        }
      rounded_rect (p->cr, x, y, tile_w, 78, 6);
      set_color (p->cr, i % 2 ? shade (p->accent, 0.85) : p->accent, 1.0);
      cairo_fill (p->cr);
      show_text (p, x, y + 14, tile_w, "Sans Bold", 19, i % 2 ? p->accent : 0xffffff, 1.0, PANGO_ALIGN_CENTER, number);
      show_text (p, x + 4, y + 48, tile_w - 8, "Sans", 8, i % 2 ? 0x3d3846 : 0xffffff, 1.0, PANGO_ALIGN_CENTER,
                 kpi_labels[i]);
    }
  y += 78 + 22;
  y += draw_columns (p, MARGIN, y, w, 4) + 10;
  y += draw_box (p, MARGIN, y, w, "Praxisbeispiel", pick (p, quotes, G_N_ELEMENTS (quotes)), FALSE) + 22;
  draw_bar_chart (p, MARGIN, y, w, room (p, y, 320), "Energiebedarf je Linie [MWh/Jahr]");
  draw_footer (p);
}

static void
draw_back_page (Painter *p)
{
  double w = p->width - 2 * MARGIN;
  double y = MARGIN * 2;

  y += show_text (p, MARGIN, y, w, "Sans Bold", 24, p->accent, 1.0, PANGO_ALIGN_LEFT,
                  "Sprechen Sie mit uns") + 12;
  y += show_text (p, MARGIN, y, w, "Serif", 10, 0x3d3846, 1.0, PANGO_ALIGN_LEFT,
                  paragraphs[G_N_ELEMENTS (paragraphs) - 1]) + 24;
  y += draw_box (p, MARGIN, y, w * 0.55, "Ihr Kontakt im Vertrieb",
                 "Vertriebsinnendienst\nTelefon +49 521 555 010-0\nvertrieb@brenner-antriebe.example\n\n"
                 "Service-Hotline (24/7)\nTelefon +49 521 555 010-99",
                 FALSE) + 24;
  show_text (p, MARGIN, y, w, "Sans", 9, 0x5e5c64, 1.0, PANGO_ALIGN_LEFT,
             COMPANY "\nIndustriestraße 12 · 33609 Bielefeld · Deutschland\n" WEBSITE);

  fill_rect (p->cr, 0, p->height * 0.78, p->width, p->height * 0.22 - MARGIN * 1.3, p->accent, 1.0);
  draw_gear (p->cr, p->width * 0.85, p->height * 0.84, 56, 12, 0xffffff, 0.15);
  show_text (p, MARGIN, p->height * 0.78 + 36, w, "Sans Bold", 16, 0xffffff, 1.0, PANGO_ALIGN_LEFT,
             "Jetzt Beratungstermin vereinbaren");
  show_text (p, MARGIN, p->height * 0.78 + 62, w, "Sans", 10, 0xffffff, 0.85, PANGO_ALIGN_LEFT,
             WEBSITE "/termin");
  draw_footer (p);
}

static void
draw_datasheet_front (Painter *p)
{
  double w = p->width - 2 * MARGIN;
  double half = (w - 18) / 2;
  double y;

  fill_rect (p->cr, 0, 0, p->width, 150, p->accent, 1.0);
  draw_gear (p->cr, p->width - 70, 40, 90, 12, 0xffffff, 0.12);
  show_text (p, MARGIN, 28, w, "Sans", 9, 0xffffff, 0.85, PANGO_ALIGN_LEFT, "DATENBLATT · BRENNER");
  y = 44 + show_text (p, MARGIN, 44, w * 0.8, "Sans Bold", 24, 0xffffff, 1.0, PANGO_ALIGN_LEFT, p->doc->title);
  if (p->doc->subtitle != NULL)
    show_text (p, MARGIN, y + 4, w * 0.8, "Sans", 11, 0xffffff, 0.9, PANGO_ALIGN_LEFT, p->doc->subtitle);

  y = 150 + 28;
  rounded_rect (p->cr, MARGIN, y, half, 170, 8);
  set_color (p->cr, 0xf6f5f4, 1.0);
  cairo_fill (p->cr);
  draw_motor (p->cr, MARGIN + 24, y + 60, half - 48, 70, p->accent);
  draw_box (p, MARGIN + half + 18, y, half, "Merkmale", pick (p, benefits, G_N_ELEMENTS (benefits)), FALSE);
  y += 170 + 24;
  y += draw_table (p, MARGIN, y, w, G_N_ELEMENTS (tech_rows)) + 20;
  y += show_text (p, MARGIN, y, w, "Serif", 9, 0x3d3846, 1.0, PANGO_ALIGN_LEFT,
                  pick (p, paragraphs, G_N_ELEMENTS (paragraphs))) + 18;
  draw_line_chart (p, MARGIN, y, w, room (p, y, 260), "Drehmoment-Kennlinie");
  draw_footer (p);
}

/* Landscape slides */

static void
draw_slide_frame (Painter    *p,
                  const char *heading)
{
  fill_rect (p->cr, 0, 0, 14, p->height, p->accent, 1.0);
  show_text (p, MARGIN, 34, p->width - 2 * MARGIN, "Sans Bold", 24, 0x241f31, 1.0, PANGO_ALIGN_LEFT, heading);
  fill_rect (p->cr, MARGIN, 74, 60, 4, p->accent, 1.0);
  draw_footer (p);
}

static void
draw_slide_title (Painter *p)
{
  fill_rect (p->cr, 0, 0, p->width, p->height, p->accent, 1.0);
  draw_gear (p->cr, p->width * 0.82, p->height * 0.5, p->height * 0.42, 16, 0xffffff, 0.12);
  draw_gear (p->cr, p->width * 0.6, p->height * 0.8, p->height * 0.15, 10, 0xffffff, 0.16);
  show_text (p, MARGIN * 1.5, p->height * 0.32, p->width * 0.6, "Sans Bold", 34, 0xffffff, 1.0,
             PANGO_ALIGN_LEFT, p->doc->title);
  if (p->doc->subtitle != NULL)
    show_text (p, MARGIN * 1.5, p->height * 0.58, p->width * 0.55, "Sans", 15, 0xffffff, 0.9,
               PANGO_ALIGN_LEFT, p->doc->subtitle);
  show_text (p, MARGIN * 1.5, p->height - MARGIN * 1.6, p->width, "Sans Bold", 11, 0xffffff, 0.9,
             PANGO_ALIGN_LEFT, COMPANY);
  if (p->doc->footer != NULL)
    show_text (p, MARGIN * 1.5, p->height - MARGIN * 1.2, p->width, "Sans", 9, 0xffffff, 0.8,
               PANGO_ALIGN_LEFT, p->doc->footer);
}

static void
draw_slide_bullets (Painter *p)
{
  double w = p->width - 2 * MARGIN;

  draw_slide_frame (p, pick (p, headings, G_N_ELEMENTS (headings)));
  {
    g_auto(GStrv) lines = g_strsplit (pick (p, slide_bullets, G_N_ELEMENTS (slide_bullets)), "\n", -1);
    double y = 104;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        fill_rect (p->cr, MARGIN, y + 6, 7, 7, p->accent, 1.0);
        y += show_text (p, MARGIN + 18, y, w * 0.46, "Sans", 14, 0x3d3846, 1.0, PANGO_ALIGN_LEFT, lines[i]) + 16;
      }
  }
  draw_bar_chart (p, MARGIN + w * 0.54, 100, w * 0.46, p->height - 100 - MARGIN * 1.6,
                  "Stillstandszeit Pilotlinie [h/Jahr]");
}

static void
draw_slide_kpi (Painter *p)
{
  double w = p->width - 2 * MARGIN;

  draw_slide_frame (p, "Business Case");
  draw_box (p, MARGIN, 100, w * 0.42, "Annahmen", pick (p, slide_bullets, G_N_ELEMENTS (slide_bullets)), TRUE);
  draw_line_chart (p, MARGIN + w * 0.48, 100, w * 0.52, p->height - 100 - MARGIN * 1.6,
                   "Antriebsauslegung Rohbaulinie");
}

static void
draw_slide_next_steps (Painter *p)
{
  double w = p->width - 2 * MARGIN;
  static const char * const steps[] = {
    "1  Technischer Workshop im Werk",
    "2  Testinstallation an einer Linie (8 Wochen)",
    "3  Auswertung gemeinsam mit Instandhaltung und Einkauf",
    "4  Rahmenvertrag und Rollout",
  };

  draw_slide_frame (p, "Nächste Schritte");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double y = 104 + i * 62;

      rounded_rect (p->cr, MARGIN, y, w, 50, 8);
      set_color (p->cr, i == 0 ? p->accent : shade (p->accent, 0.85), 1.0);
      cairo_fill (p->cr);
      show_text (p, MARGIN + 20, y + 15, w - 40, "Sans Bold", 15, i == 0 ? 0xffffff : 0x241f31, 1.0,
                 PANGO_ALIGN_LEFT, steps[i]);
    }
}

static PageKind
page_kind (const TandemDemoDocument *doc,
           guint                     page)
{
  guint n = doc->n_pages;
  guint middle = page % 3;  /* the same sequence for every seed */

  switch (doc->layout)
    {
    case TANDEM_DEMO_LAYOUT_SLIDES:
      if (page == 1)
        return SLIDE_TITLE;
      if (page == n && n >= 3)
        return SLIDE_NEXT_STEPS;
      return middle == 0 ? SLIDE_KPI : SLIDE_BULLETS;

    case TANDEM_DEMO_LAYOUT_DATASHEET:
      if (page == 1)
        return PAGE_DATASHEET_FRONT;
      return middle == 0 ? PAGE_KPI : middle == 1 ? PAGE_DATA : PAGE_TEXT;

    case TANDEM_DEMO_LAYOUT_BROCHURE:
    default:
      if (page == 1)
        return PAGE_COVER;
      if (page == n && n >= 3)
        return PAGE_BACK;
      return middle == 0 ? PAGE_TEXT : middle == 1 ? PAGE_DATA : PAGE_KPI;
    }
}

static void
draw_page (Painter  *p,
           PageKind  kind)
{
  switch (kind)
    {
    case PAGE_COVER: draw_cover (p); break;
    case PAGE_TEXT: draw_text_page (p); break;
    case PAGE_DATA: draw_data_page (p); break;
    case PAGE_KPI: draw_kpi_page (p); break;
    case PAGE_BACK: draw_back_page (p); break;
    case PAGE_DATASHEET_FRONT: draw_datasheet_front (p); break;
    case SLIDE_TITLE: draw_slide_title (p); break;
    case SLIDE_BULLETS: draw_slide_bullets (p); break;
    case SLIDE_KPI: draw_slide_kpi (p); break;
    case SLIDE_NEXT_STEPS: draw_slide_next_steps (p); break;
    default: g_assert_not_reached ();
    }
}

/* Output */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *what,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot draw the %s: %s", what,
               cairo_status_to_string (status));
  return FALSE;
}

static guint32
pick_accent (GRand   *rand,
             guint32  wanted)
{
  guint32 chosen = accents[g_rand_int_range (rand, 0, G_N_ELEMENTS (accents))];

  return wanted != 0 ? wanted : chosen;
}

/* Public API */

/* Draws @doc as a PDF with doc->n_pages pages and returns its bytes. */
GBytes *
tandem_demo_render_document (const TandemDemoDocument  *doc,
                             GError                   **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *created = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  Painter p = { 0 };
  gboolean landscape;
  cairo_status_t status;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (doc->title != NULL, NULL);
  g_return_val_if_fail (doc->n_pages >= 1 && doc->n_pages <= MAX_PAGES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  now = g_date_time_new_now_local ();
  created = g_date_time_format (now, "%Y-%m-%dT08:00:00");
  landscape = doc->layout == TANDEM_DEMO_LAYOUT_SLIDES;
  bytes = g_byte_array_sized_new (64 * 1024);
  rand = g_rand_new_with_seed (doc->seed);

  p.doc = doc;
  p.rand = rand;
  p.width = landscape ? A4_LONG : A4_SHORT;
  p.height = landscape ? A4_SHORT : A4_LONG;
  p.accent = pick_accent (rand, doc->accent);

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, p.width, p.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, COMPANY ", Marketing");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tandem demo data");
  /* cairo would stamp the current second: a day keeps the bytes reproducible */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  if (doc->subtitle != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, doc->subtitle);

  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  p.cr = cr;
  p.layout = layout;

  for (guint page = 1; page <= doc->n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      p.page = page;
      cairo_save (cr);
      draw_page (&p, page_kind (doc, page));
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, "PDF", error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* A brochure of @n_pages A4 pages titled @title. */
GBytes *
tandem_demo_render_pdf (const char  *title,
                        guint        n_pages,
                        guint32      seed,
                        GError     **error)
{
  TandemDemoDocument doc = {
    .title = title,
    .layout = TANDEM_DEMO_LAYOUT_BROCHURE,
    .n_pages = n_pages,
    .seed = seed,
  };

  return tandem_demo_render_document (&doc, error);
}

/* A social-media image (e.g. 1200×628 link banner, 1200×1200 post) as PNG. */
GBytes *
tandem_demo_render_png (const char  *title,
                        const char  *subtitle,
                        int          width,
                        int          height,
                        guint32      seed,
                        GError     **error)
{
  static const char * const calls[] = {
    "Jetzt anmelden", "Termin vereinbaren", "Mehr erfahren", "Besuchen Sie uns",
  };
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  Painter p = { 0 };
  TandemDemoDocument doc = { .title = title, .subtitle = subtitle, .n_pages = 1, .seed = seed };
  gboolean square;
  double unit, text_w, title_size, top, scale, y;
  const char *call;
  cairo_status_t status;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (width >= 64 && width <= 8192, NULL);
  g_return_val_if_fail (height >= 64 && height <= 8192, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rand = g_rand_new_with_seed (seed);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  p = (Painter) {
    .cr = cr, .layout = layout, .rand = rand, .doc = &doc,
    .width = width, .height = height, .accent = pick_accent (rand, 0), .page = 1,
  };

  square = height >= width * 0.8;
  unit = MIN (width, height) / 100.0;
  text_w = square ? width * 0.84 : width * 0.6;
  title_size = (square ? 6.8 : width > 2.5 * height ? 11.0 : 8.5) * unit;

  gradient = cairo_pattern_create_linear (0, 0, width, height);
  cairo_pattern_add_color_stop_rgb (gradient, 0,
                                    ((p.accent >> 16) & 0xff) / 255.0, ((p.accent >> 8) & 0xff) / 255.0,
                                    (p.accent & 0xff) / 255.0);
  {
    guint32 dark = shade (p.accent, -0.45);
    cairo_pattern_add_color_stop_rgb (gradient, 1,
                                      ((dark >> 16) & 0xff) / 255.0, ((dark >> 8) & 0xff) / 255.0,
                                      (dark & 0xff) / 255.0);
  }
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  /* decoration: gears and a few translucent circles placed by the seed */
  for (guint i = 0; i < 5; i++)
    {
      cairo_arc (cr, g_rand_double_range (rand, 0, width), g_rand_double_range (rand, 0, height),
                 g_rand_double_range (rand, 4, 18) * unit, 0, 2 * G_PI);
      set_color (cr, 0xffffff, 0.05);
      cairo_fill (cr);
    }
  if (square)
    draw_gear (cr, width * 0.8, height * 0.82, width * 0.3, 14, 0xffffff, 0.13);
  else
    {
      draw_gear (cr, width * 0.84, height * 0.46, height * 0.5, 16, 0xffffff, 0.13);
      draw_motor (cr, width * 0.66, height * 0.38, width * 0.26, height * 0.2, shade (p.accent, 0.55));
    }

  show_text (&p, 6 * unit, 6 * unit, width, "Sans Bold", 4.6 * unit, 0xffffff, 1.0, PANGO_ALIGN_LEFT, "BRENNER");
  show_text (&p, 6 * unit, 11.5 * unit, width, "Sans", 2.4 * unit, 0xffffff, 0.8, PANGO_ALIGN_LEFT,
             "Antriebstechnik");

  /* title, subtitle and the call to action, smaller until they fit */
  call = calls[g_rand_int_range (rand, 0, G_N_ELEMENTS (calls))];
  top = height * 0.24;
  for (scale = 1.0; scale > 0.5; scale -= 0.05)
    {
      double needed = set_text (&p, text_w, "Sans Bold", title_size * scale, PANGO_ALIGN_LEFT, title) + 3 * unit;

      if (subtitle != NULL)
        needed += set_text (&p, text_w, "Sans", 4.2 * unit * scale, PANGO_ALIGN_LEFT, subtitle) + 5 * unit;
      if (top + needed + 10 * unit <= height - 10 * unit)
        break;
    }

  y = top + show_text (&p, 6 * unit, top, text_w, "Sans Bold", title_size * scale, 0xffffff, 1.0,
                       PANGO_ALIGN_LEFT, title) + 3 * unit;
  if (subtitle != NULL)
    y += show_text (&p, 6 * unit, y, text_w, "Sans", 4.2 * unit * scale, 0xffffff, 0.9, PANGO_ALIGN_LEFT, subtitle)
         + 5 * unit;

  {
    double button_w = text_width (&p, "Sans Bold", 4 * unit, call) + 10 * unit;
    double button_h = 10 * unit;

    rounded_rect (cr, 6 * unit, y, button_w, button_h, button_h / 2);
    set_color (cr, 0xffffff, 1.0);
    cairo_fill (cr);
    show_text (&p, 6 * unit, y + 2.6 * unit, button_w, "Sans Bold", 4 * unit, p.accent, 1.0,
               PANGO_ALIGN_CENTER, call);
  }
  show_text (&p, 6 * unit, height - 6 * unit, width - 12 * unit, "Sans", 2.6 * unit, 0xffffff, 0.8,
             PANGO_ALIGN_RIGHT, WEBSITE);

  status = cairo_status (cr);
  cairo_destroy (cr);

  bytes = g_byte_array_sized_new (128 * 1024);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_destroy (surface);

  if (!check_status (status, "PNG", error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
