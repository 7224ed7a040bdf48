/* tandem-demo.c — the demo data set: a believable German/English team
 *
 * The marketing and sales team of a fictitious Mittelstand supplier of
 * drive technology ("Brenner Antriebstechnik GmbH", Bielefeld): seven
 * people, two dozen campaigns over all stages, about forty events around
 * today, a dozen assets whose versions are real PDFs and PNGs, with pinned
 * comments, threads and review decisions that agree with each asset's state.
 *
 * The content lives in the static tables below. Dates are days relative to
 * today (local time); the seed varies budgets, KPIs and the drawn files, so
 * the same seed on the same day gives the same data set.
 *
 * Files are drawn first, outside the transaction; then every row is written
 * in one transaction, rolled back on any error or cancellation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-demo"

#include <math.h>
#include <string.h>

#include "tandem-asset-version.h"
#include "tandem-asset.h"
#include "tandem-board.h"
#include "tandem-campaign.h"
#include "tandem-comment.h"
#include "tandem-decision.h"
#include "tandem-demo-files.h"
#include "tandem-demo-private.h"
#include "tandem-demo.h"
#include "tandem-error.h"
#include "tandem-event.h"
#include "tandem-person.h"
#include "tandem-util.h"

#define MAX_VERSIONS 3
#define BERLIN       "Europe/Berlin"
#define OPEN         (-1)
#define BIT(p)       (1u << (p))

/* People */

enum {
  P_KATRIN, P_JONAS, P_EMILY,   /* marketing */
  P_STEFAN, P_AYLIN, P_TOM,     /* sales */
  P_PETRA,                      /* admin */
  N_PEOPLE
};

#define MARKETING (BIT (P_KATRIN) | BIT (P_JONAS) | BIT (P_EMILY))
#define SALES     (BIT (P_STEFAN) | BIT (P_AYLIN) | BIT (P_TOM))
#define TEAM      (MARKETING | SALES)

typedef struct
{
  const char *name;
  const char *role;
  const char *email;
} DemoPerson;

static const DemoPerson people[N_PEOPLE] = {
  [P_KATRIN] = { "Katrin Bauer", "marketing", "katrin.bauer@brenner-antriebe.example" },
  [P_JONAS]  = { "Jonas Weber", "marketing", "jonas.weber@brenner-antriebe.example" },
  [P_EMILY]  = { "Emily Clarke", "marketing", "emily.clarke@brenner-antriebe.example" },
  [P_STEFAN] = { "Stefan Hoffmann", "sales", "stefan.hoffmann@brenner-antriebe.example" },
  [P_AYLIN]  = { "Aylin Yılmaz", "sales", "aylin.yilmaz@brenner-antriebe.example" },
  [P_TOM]    = { "Tom Becker", "sales", "tom.becker@brenner-antriebe.example" },
  [P_PETRA]  = { "Petra Schulz", "admin", "petra.schulz@brenner-antriebe.example" },
};

/* Campaigns */

enum {
  C_NONE,
  /* idea */
  C_EMO, C_MAGAZIN, C_STORIES, C_PARTNER,
  /* planning */
  C_HANNOVER, C_KEY_ACCOUNT, C_WEBINAR_PM, C_MOTEK,
  /* production */
  C_ERSATZTEILE, C_SX400, C_NEWSLETTER_NEXT, C_LINKEDIN,
  /* review */
  C_RETROFIT, C_SPS, C_VIDEO, C_PREISLISTE,
  /* live */
  C_WEBINAR_EE, C_ROADSHOW, C_ADS, C_ABM,
  /* done */
  C_NEWSLETTER_PREV, C_WARTUNG, C_WEBINAR_CM, C_CUSTOMER_DAY,
  N_CAMPAIGNS
};

typedef struct
{
  const char *title;          /* {Y}, {Y1}, {Q}, {S}: from its middle date */
  const char *description;
  const char *stage;
  int         start;          /* days from today */
  int         days;           /* 0: not scheduled yet */
  guint       marketing;      /* P_… */
  guint       sales;          /* P_… */
  const char *channels[5];
  const char *segment;
  guint       budget;         /* planned EUR, before the seed's variation */
  guint       leads;          /* leads target before variation; 0: no KPIs yet */
  guint       deal;           /* typical opportunity in EUR */
  const char *color;
  gboolean    over_budget;
} DemoCampaign;

static const DemoCampaign campaigns[N_CAMPAIGNS] = {
  [C_EMO] = {
    "Messeauftritt EMO Hannover {Y}",
    "Erste Überlegungen für die EMO: gemeinsamer Stand mit einem Werkzeugmaschinenpartner? "
    "Vertrieb sammelt bis zum Quartalsende, welche Kunden dort sicher hingehen.",
    "idea", 170, 45, P_KATRIN, P_STEFAN, { "Messe", "LinkedIn", "E-Mail" }, "Maschinenbau DACH",
    85000, 180, 40000, "#1c71d8",
  },
  [C_MAGAZIN] = {
    "Kundenmagazin „Antrieb“ – Relaunch",
    "Das gedruckte Kundenmagazin erscheint seit 2014 zweimal im Jahr. Idee: digital first, "
    "Print nur noch für Bestandskunden, Themen gemeinsam mit dem Außendienst festlegen.",
    "idea", 0, 0, P_JONAS, P_AYLIN, { "Print", "Website", "E-Mail" }, "Bestandskunden Service",
    24000, 0, 0, "#2ec27e",
  },
  [C_STORIES] = {
    "Customer Success Stories Food & Beverage",
    "Three to four short case studies from food and packaging customers, in English and German, "
    "for the website and as handouts for the sales team.",
    "idea", 0, 0, P_EMILY, P_TOM, { "Website", "LinkedIn", "Außendienst" }, "Lebensmittel & Verpackung",
    12000, 0, 0, "#f5c211",
  },
  [C_PARTNER] = {
    "Partnerprogramm Systemintegratoren",
    "Zertifizierungsprogramm für Systemintegratoren mit Schulungen, Demo-Koffer und "
    "Lead-Weitergabe. Offene Frage: Rabattstaffel vs. Bonus am Jahresende.",
    "idea", 120, 120, P_KATRIN, P_AYLIN, { "Außendienst", "Webinar", "E-Mail" }, "Systemintegratoren",
    38000, 60, 60000, "#e66100",
  },
  [C_HANNOVER] = {
    "Hannover Messe {Y}",
    "Unser wichtigster Messeauftritt: Halle 9, Stand D18, 120 m². Schwerpunkt Predictive "
    "Maintenance und der neue Servoantrieb SX-400. Terminvereinbarung mit Key Accounts durch den "
    "Vertrieb bis sechs Wochen vorher.",
    "planning", 45, 75, P_KATRIN, P_STEFAN, { "Messe", "LinkedIn", "E-Mail", "Außendienst" },
    "Maschinenbau DACH", 145000, 420, 45000, "#c01c28",
  },
  [C_KEY_ACCOUNT] = {
    "Key-Account-Programm Automotive",
    "Gemeinsames Programm für die 15 wichtigsten Tier-1-Zulieferer: Account-Pläne, "
    "Pitch-Deck, Werksbesuche und ein Testangebot für eine Pilotlinie.",
    "planning", 21, 150, P_KATRIN, P_TOM, { "Außendienst", "LinkedIn", "Event" }, "Automotive Tier 1",
    56000, 45, 180000, "#613583",
  },
  [C_WEBINAR_PM] = {
    "Webinar-Reihe Predictive Maintenance",
    "Drei Webinare à 45 Minuten für Instandhaltungsleiter: Grundlagen, Praxisbericht, "
    "Wirtschaftlichkeit. Leads gehen innerhalb von 48 Stunden an den Außendienst.",
    "planning", 14, 70, P_EMILY, P_STEFAN, { "Webinar", "E-Mail", "LinkedIn" }, "Maschinenbau DACH",
    18000, 260, 28000, "#1a5fb4",
  },
  [C_MOTEK] = {
    "Motek {Y}: Live-Demos Montageautomation",
    "Kleiner Stand (36 m²) mit zwei Live-Demos zur Montageautomation. Ziel: neue Kontakte im "
    "Bereich Handhabungstechnik.",
    "planning", 30, 60, P_EMILY, P_AYLIN, { "Messe", "E-Mail" }, "Maschinenbau DACH",
    42000, 150, 22000, "#c64600",
  },
  [C_ERSATZTEILE] = {
    "{S}aktion Ersatzteile",
    "15 % auf Wartungssets und Originalersatzteile für Bestandskunden, sechs Wochen lang. "
    "Mailing, Flyer für den Außendienst und Banner im Ersatzteil-Shop.",
    "production", 10, 56, P_EMILY, P_AYLIN, { "E-Mail", "Print", "Außendienst", "Website" },
    "Bestandskunden Service", 15000, 300, 2500, "#26a269",
  },
  [C_SX400] = {
    "Produktlaunch Servoantrieb SX-400",
    "Markteinführung der neuen SX-Baureihe: Datenblatt, Produktvideo, Pressemitteilung, "
    "Schulung des Vertriebs und Launch-Mailing an alle Konstrukteure im CRM.",
    "production", 5, 90, P_JONAS, P_TOM, { "E-Mail", "LinkedIn", "Website", "Außendienst" },
    "Maschinenbau DACH", 64000, 350, 30000, "#3584e4",
  },
  [C_NEWSLETTER_NEXT] = {
    "Händler-Newsletter {Q}",
    "Quartals-Newsletter für den Fachhandel: neue Preisliste, Aktionsartikel, Schulungstermine.",
    "production", 12, 80, P_EMILY, P_AYLIN, { "E-Mail", "Print" }, "Fachhändler",
    6000, 90, 8000, "#33d17a",
  },
  [C_LINKEDIN] = {
    "LinkedIn Thought Leadership Series",
    "Twelve posts by our engineers and sales managers on downtime, energy costs and retrofit, "
    "one every week, boosted to maintenance and production managers in DACH and Benelux.",
    "production", 3, 120, P_JONAS, P_STEFAN, { "LinkedIn" }, "Maschinenbau DACH",
    9500, 120, 25000, "#0b6e99",
  },
  [C_RETROFIT] = {
    "Retrofit-Kampagne Bestandsmaschinen",
    "Ansprache von Betreibern älterer Anlagen (Baujahr vor 2012) mit Retrofit-Checkliste, "
    "Einsparrechner und kostenlosem Anlagencheck durch den Außendienst.",
    "review", 7, 63, P_JONAS, P_STEFAN, { "E-Mail", "Außendienst", "Print" }, "Bestandskunden Service",
    27000, 200, 35000, "#a51d2d",
  },
  [C_SPS] = {
    "SPS {Y} Nürnberg: Messeauftritt",
    "Gemeinschaftsstand mit zwei Steuerungspartnern in Halle 3A. Thema: Antriebe mit OPC UA "
    "und Zustandsüberwachung ab Werk.",
    "review", 25, 50, P_KATRIN, P_TOM, { "Messe", "E-Mail", "LinkedIn" }, "Systemintegratoren",
    68000, 240, 30000, "#9141ac",
  },
  [C_VIDEO] = {
    "Anwendervideo Karosseriebau",
    "Video und Case Study zur Rohbaulinie eines Tier-1-Zulieferers (anonymisiert), "
    "Deutsch und Englisch, für Website, Messe und Key-Account-Termine.",
    "review", 4, 40, P_EMILY, P_STEFAN, { "Video", "Website", "LinkedIn" }, "Automotive Tier 1",
    21000, 40, 150000, "#865e3c",
  },
  [C_PREISLISTE] = {
    "Preisliste {Y1} & Konditionen Fachhandel",
    "Neue Preisliste und Rabattstaffeln für den Fachhandel, abgestimmt mit dem Vertrieb; "
    "Versand gedruckt und als PDF im Händlerportal.",
    "review", 2, 30, P_EMILY, P_AYLIN, { "Print", "E-Mail", "Außendienst" }, "Fachhändler",
    8000, 0, 0, "#5e5c64",
  },
  [C_WEBINAR_EE] = {
    "Webinar-Reihe Energieeffizienz",
    "Drei Webinare zu IE4-Antrieben und Energiekosten; Teil 1 lief mit über 100 Anmeldungen. "
    "Aufzeichnungen gehen danach als Nurturing-Mails raus.",
    "live", -21, 49, P_EMILY, P_TOM, { "Webinar", "E-Mail", "LinkedIn" }, "Lebensmittel & Verpackung",
    16000, 240, 26000, "#e5a50a",
  },
  [C_ROADSHOW] = {
    "Fachhandels-Roadshow Süd",
    "Vier Halbtage bei Fachhändlern in Bayern und Baden-Württemberg: Produktneuheiten, "
    "Schulung, Abendessen mit Endkunden der Händler.",
    "live", -9, 24, P_EMILY, P_AYLIN, { "Event", "Außendienst" }, "Fachhändler",
    22000, 80, 12000, "#ff7800",
  },
  [C_ADS] = {
    "Google Ads Ersatzteil-Shop",
    "Suchkampagne auf Ersatzteilnummern und Baureihen, Ziel: mehr Direktbestellungen im "
    "Ersatzteil-Shop statt telefonischer Anfragen.",
    "live", -50, 130, P_JONAS, P_AYLIN, { "Google Ads", "Website" }, "Bestandskunden Service",
    30000, 900, 1800, "#57e389",
  },
  [C_ABM] = {
    "ABM-Pilot: Top-20 OEM Accounts",
    "Account-based marketing pilot for the 20 OEMs with the largest potential: personalised "
    "landing pages, LinkedIn ads to buying centres, field sales follow-up within a week.",
    "live", -35, 100, P_KATRIN, P_STEFAN, { "LinkedIn", "E-Mail", "Außendienst" }, "OEM Key Accounts",
    48000, 60, 220000, "#813d9c",
  },
  [C_NEWSLETTER_PREV] = {
    "Händler-Newsletter {Q}",
    "Quartals-Newsletter für den Fachhandel mit Schwerpunkt Getriebemotoren G7.",
    "done", -130, 85, P_EMILY, P_AYLIN, { "E-Mail", "Print" }, "Fachhändler",
    5500, 90, 8000, "#8ff0a4",
  },
  [C_WARTUNG] = {
    "{S}aktion Wartungsverträge",
    "Aktion für Wartungsverträge mit 12 Monaten Laufzeit, Telefonaktion des Innendienstes "
    "und Mailing an Bestandskunden.",
    "done", -160, 50, P_JONAS, P_TOM, { "E-Mail", "Außendienst" }, "Bestandskunden Service",
    11000, 150, 9000, "#63452c",
  },
  [C_WEBINAR_CM] = {
    "Webinar-Reihe Condition Monitoring",
    "Drei Webinare mit insgesamt 310 Teilnehmenden; bestes Ergebnis bisher bei qualifizierten "
    "Leads für den Außendienst.",
    "done", -110, 60, P_EMILY, P_STEFAN, { "Webinar", "E-Mail", "LinkedIn" }, "Maschinenbau DACH",
    14000, 220, 24000, "#99c1f1",
  },
  [C_CUSTOMER_DAY] = {
    "Customer Day {Y} im Werk Bielefeld",
    "Kundentag mit Werksführung, Fachvorträgen und Grillabend für 140 Gäste. Budget überzogen "
    "(Shuttlebusse und zusätzliche Zelte wegen Regen).",
    "done", -80, 30, P_KATRIN, P_TOM, { "Event", "E-Mail", "Außendienst" }, "Maschinenbau DACH",
    35000, 120, 38000, "#f66151", TRUE,
  },
};

/* Events */

typedef struct
{
  const char   *title;        /* {Y}: the year of its date */
  const char   *kind;
  int           day;          /* days from today */
  GDateWeekday  align;        /* move forward to this weekday; 0: stay */
  guint         all_day;      /* days of an all-day event; 0: a timed event */
  guint         hour;
  guint         minute;
  guint         minutes;
  const char   *location;
  guint         campaign;     /* C_… */
  guint         attendees;    /* bits of P_… */
  const char   *notes;
} DemoEvent;

static const DemoEvent events[] = {
  /* trade shows */
  { "Hannover Messe {Y}", "trade-show", 85, G_DATE_MONDAY, 5, .location = "Messe Hannover, Halle 9, Stand D18",
    .campaign = C_HANNOVER, .attendees = BIT (P_KATRIN) | BIT (P_JONAS) | SALES,
    .notes = "Standdienst-Plan folgt. Kundentermine bitte im CRM mit „HMI“ kennzeichnen." },
  { "SPS {Y} – smart production solutions", "trade-show", 62, G_DATE_TUESDAY, 3,
    .location = "Messe Nürnberg, Halle 3A, Stand 210", .campaign = C_SPS,
    .attendees = BIT (P_JONAS) | BIT (P_STEFAN) | BIT (P_TOM) },
  { "Motek {Y}", "trade-show", 55, G_DATE_TUESDAY, 4, .location = "Messe Stuttgart, Halle 5, Stand 5112",
    .campaign = C_MOTEK, .attendees = BIT (P_EMILY) | BIT (P_AYLIN) },
  { "EMO Hannover {Y}", "trade-show", 190, G_DATE_MONDAY, 6, .location = "Messe Hannover, Halle 17",
    .campaign = C_EMO, .attendees = BIT (P_KATRIN) | BIT (P_STEFAN) },
  { "LogiMAT {Y}", "trade-show", -70, G_DATE_TUESDAY, 3, .location = "Messe Stuttgart, Halle 1",
    .attendees = BIT (P_EMILY) | BIT (P_TOM), .notes = "Nur Besuch, kein eigener Stand." },

  /* launches */
  { "Launch Servoantrieb SX-400", "launch", 19, 0, 1, .campaign = C_SX400, .attendees = TEAM,
    .notes = "Pressemitteilung 9:00 Uhr, Launch-Mailing 10:00 Uhr, LinkedIn-Post 11:00 Uhr." },
  { "Versand Händler-Newsletter", "launch", 14, 0, 1, .campaign = C_NEWSLETTER_NEXT,
    .attendees = BIT (P_EMILY) | BIT (P_AYLIN) },
  { "Go-live Google Ads Ersatzteil-Shop", "launch", -50, 0, 1, .campaign = C_ADS,
    .attendees = BIT (P_JONAS) | BIT (P_AYLIN) },
  { "Start Ersatzteilaktion im Shop", "launch", 10, 0, 1, .campaign = C_ERSATZTEILE,
    .attendees = BIT (P_EMILY) | BIT (P_AYLIN) | BIT (P_TOM) },
  { "LinkedIn series: first post goes live", "launch", 3, 0, 0, 8, 30, 30, "LinkedIn", C_LINKEDIN,
    BIT (P_JONAS) | BIT (P_STEFAN) },

  /* deadlines */
  { "Druckdaten Messebroschüre an Druckerei", "deadline", 40, 0, 1, .campaign = C_HANNOVER,
    .attendees = BIT (P_KATRIN) | BIT (P_JONAS) },
  { "Anmeldeschluss Ausstellerservice Motek", "deadline", 12, 0, 1, .campaign = C_MOTEK,
    .attendees = BIT (P_EMILY) },
  { "Freigabe Preisliste Fachhandel", "deadline", 6, 0, 1, .campaign = C_PREISLISTE,
    .attendees = BIT (P_EMILY) | BIT (P_AYLIN) | BIT (P_TOM) },
  { "Budgetplanung Marketing & Vertrieb {Y1} abgeben", "deadline", 30, 0, 1,
    .attendees = BIT (P_KATRIN) | BIT (P_STEFAN) | BIT (P_PETRA) },
  { "Review-Frist Broschüre Predictive Maintenance", "deadline", 2, 0, 1, .campaign = C_WEBINAR_PM,
    .attendees = BIT (P_STEFAN) | BIT (P_AYLIN) },
  { "Redaktionsschluss Händler-Newsletter", "deadline", 8, 0, 0, 12, 0, 30, "", C_NEWSLETTER_NEXT,
    BIT (P_EMILY) | BIT (P_AYLIN) },

  /* milestones */
  { "100 Anmeldungen Webinar Energieeffizienz", "milestone", -6, 0, 1, .campaign = C_WEBINAR_EE,
    .attendees = BIT (P_EMILY) | BIT (P_TOM) },
  { "Halbzeit ABM-Pilot: Zwischenbilanz", "milestone", 15, 0, 1, .campaign = C_ABM,
    .attendees = BIT (P_KATRIN) | BIT (P_STEFAN) },
  { "Standkonzept Hannover final", "milestone", 20, 0, 1, .campaign = C_HANNOVER,
    .attendees = BIT (P_KATRIN) | BIT (P_STEFAN) },
  { "Abschlussbericht Customer Day", "milestone", -40, 0, 1, .campaign = C_CUSTOMER_DAY,
    .attendees = BIT (P_KATRIN) | BIT (P_TOM) | BIT (P_PETRA) },

  /* other */
  { "Webinar: Energieeffiziente Antriebe – Teil 2", "other", -7, 0, 0, 10, 0, 60, "Online (Teams-Webinar)",
    C_WEBINAR_EE, BIT (P_EMILY) | BIT (P_TOM), "Moderation Emily, Fachvortrag Tom. 142 Anmeldungen." },
  { "Webinar: Energieeffiziente Antriebe – Teil 3", "other", 7, 0, 0, 10, 0, 60, "Online (Teams-Webinar)",
    C_WEBINAR_EE, BIT (P_EMILY) | BIT (P_TOM) },
  { "Fotoshooting SX-400 in der Montage", "other", 4, 0, 0, 9, 0, 240, "Werk Bielefeld, Halle 2",
    C_SX400, BIT (P_JONAS), "Fotograf: Studio Lichtwerk. Sicherheitsschuhe für alle Beteiligten." },
  { "Roadshow-Stopp München", "other", -2, 0, 0, 13, 0, 300, "Hotel am Messesee, München", C_ROADSHOW,
    BIT (P_EMILY) | BIT (P_AYLIN) },
  { "Roadshow-Stopp Stuttgart", "other", 5, 0, 0, 13, 0, 300, "Fachhandel Wagner, Stuttgart-Feuerbach",
    C_ROADSHOW, BIT (P_EMILY) | BIT (P_AYLIN) },
  { "Vertriebstagung", "other", 23, 0, 2, .location = "Werk Bielefeld, Schulungszentrum",
    .attendees = TEAM | BIT (P_PETRA), .notes = "Marketing stellt am 1. Tag die Kampagnen des nächsten Halbjahrs vor." },

  /* one-off joint meetings */
  { "Kick-off Key-Account-Programm Automotive", "meeting", 1, 0, 0, 14, 0, 90, "Besprechungsraum 2",
    C_KEY_ACCOUNT, BIT (P_KATRIN) | BIT (P_STEFAN) | BIT (P_TOM),
    "Agenda: Zielaccounts, Rollen, Pitch-Deck-Feedback, nächste Werksbesuche." },
  { "Abstimmung Messestand Hannover mit Agentur", "meeting", 9, 0, 0, 10, 0, 120, "Teams", C_HANNOVER,
    BIT (P_KATRIN) | BIT (P_JONAS) | BIT (P_STEFAN) },
  { "Lead-Übergabe Webinar Energieeffizienz", "meeting", 2, 0, 0, 11, 0, 45, "Teams", C_WEBINAR_EE,
    BIT (P_EMILY) | BIT (P_TOM) | BIT (P_AYLIN),
    "Liste der 38 qualifizierten Leads aus Teil 2, Zuordnung nach PLZ-Gebiet." },
  { "Quartalsplanung Marketing & Vertrieb", "meeting", 16, 0, 0, 9, 0, 240, "Besprechungsraum 1 (Geschäftsführung)",
    C_NONE, TEAM | BIT (P_PETRA), "Budget und KPIs je Kampagne, Messeplanung, Prioritäten des Vertriebs." },
  { "Retrospektive Customer Day", "meeting", -35, 0, 0, 15, 0, 60, "Besprechungsraum 2", C_CUSTOMER_DAY,
    BIT (P_KATRIN) | BIT (P_JONAS) | BIT (P_TOM) },
  { "Account-Review Tier-1-Kunden Süd", "meeting", -1, 0, 0, 16, 0, 60, "Teams", C_KEY_ACCOUNT,
    BIT (P_KATRIN) | BIT (P_TOM) },
};

/* Regular joint meetings, stored as single events (no RRULE yet) */

typedef struct
{
  const char   *title;
  GDateWeekday  weekday;
  guint         interval;     /* weeks */
  int           first_week;   /* relative to this week */
  int           last_week;
  guint         hour;
  guint         minute;
  guint         minutes;
  const char   *locations[2]; /* alternating */
  guint         attendees;
  const char   *notes;
} DemoSeries;

static const DemoSeries series[] = {
  { "Marketing & Vertrieb Jour fixe", G_DATE_TUESDAY, 1, -3, 4, 9, 30, 60, { "Besprechungsraum 2", "Teams" }, TEAM,
    "1. Board: was ist neu, was hängt?\n2. Offene Reviews und Fristen\n3. Leads der Woche aus dem Vertrieb\n"
    "4. Termine und Messen" },
  { "Pipeline-Review Marketing/Vertrieb", G_DATE_THURSDAY, 2, -4, 4, 14, 0, 60, { "Teams", "Besprechungsraum 2" },
    BIT (P_KATRIN) | BIT (P_JONAS) | BIT (P_STEFAN) | BIT (P_AYLIN),
    "Leads aus Kampagnen → Opportunities → Aufträge; Abgleich CRM mit den KPIs im Board." },
};

/* Assets */

enum {
  A_BROSCHUERE_PM, A_DATENBLATT_SX400, A_FLYER_ERSATZTEILE, A_BANNER_HANNOVER,
  A_MESSEBROSCHUERE, A_PREISLISTE, A_PITCH_AUTOMOTIVE, A_NEWSLETTER,
  A_POST_WEBINAR, A_CHECKLISTE_RETROFIT, A_BANNER_SPS, A_CASE_STUDY,
  N_ASSETS
};

typedef struct
{
  guint             campaign;
  const char       *title;        /* placeholders from its campaign's date */
  const char       *kind;
  const char       *state;
  int               due;          /* days from today */
  guint             reviewers;    /* bits of P_… */
  guint             author;       /* the marketing person who uploads */
  const char       *file_stem;
  const char       *doc_title;
  const char       *doc_subtitle;
  TandemDemoLayout  layout;
  guint             pages;        /* PDF pages; 0 for a PNG */
  int               width;        /* PNG size */
  int               height;
  guint             n_versions;
  const char       *notes[MAX_VERSIONS];
} DemoAsset;

static const DemoAsset assets[N_ASSETS] = {
  [A_BROSCHUERE_PM] = {
    C_WEBINAR_PM, "Broschüre Predictive Maintenance", "brochure", "changes_requested", 2,
    BIT (P_STEFAN) | BIT (P_AYLIN), P_KATRIN, "Broschuere_Predictive_Maintenance",
    "Predictive Maintenance", "Weniger Stillstand. Mehr Output.", TANDEM_DEMO_LAYOUT_BROCHURE, 6, .n_versions = 2,
    .notes = { "Erster Entwurf mit den Texten der Agentur.",
               "Kundennutzen nach vorne gezogen, Titel umformuliert, Foto SX-400 statt SX-200." },
  },
  [A_DATENBLATT_SX400] = {
    C_SX400, "Datenblatt Servoantrieb SX-400", "datasheet", "approved", -1,
    BIT (P_TOM) | BIT (P_STEFAN), P_JONAS, "Datenblatt_SX-400",
    "Servoantrieb SX-400", "Kompakt, effizient (IE4), mit integrierter Zustandsüberwachung",
    TANDEM_DEMO_LAYOUT_DATASHEET, 2, .n_versions = 3,
    .notes = { "Erste Fassung aus den Daten des Produktmanagements.",
               "Nenndrehmoment korrigiert.",
               "Bestellnummern ergänzt, neues Produktfoto." },
  },
  [A_FLYER_ERSATZTEILE] = {
    C_ERSATZTEILE, "Flyer {S}aktion Ersatzteile", "flyer", "in_review", 3,
    BIT (P_AYLIN) | BIT (P_TOM), P_EMILY, "Flyer_Ersatzteilaktion",
    "{S}aktion Ersatzteile", "15 % auf Wartungssets und Originalersatzteile – nur für kurze Zeit",
    TANDEM_DEMO_LAYOUT_BROCHURE, 2, .n_versions = 1,
    .notes = { "Zur Prüfung – bitte besonders die Aktionspreise gegenchecken." },
  },
  [A_BANNER_HANNOVER] = {
    C_HANNOVER, "LinkedIn-Banner Hannover Messe", "social", "in_review", 5,
    BIT (P_STEFAN), P_JONAS, "LinkedIn_Banner_Hannover_Messe",
    "Besuchen Sie uns auf der Hannover Messe {Y}", "Halle 9, Stand D18 · Live-Demo Predictive Maintenance",
    .width = 1200, .height = 628, .n_versions = 2,
    .notes = { "Erster Entwurf im Linkformat 1200 × 628.", "Claim gekürzt, Standnummer ergänzt." },
  },
  [A_MESSEBROSCHUERE] = {
    C_HANNOVER, "Messebroschüre Hannover Messe", "brochure", "draft", 20,
    BIT (P_STEFAN) | BIT (P_AYLIN), P_KATRIN, "Messebroschuere_Hannover_Messe",
    "Hannover Messe {Y}", "Antriebstechnik für die Fabrik von morgen", TANDEM_DEMO_LAYOUT_BROCHURE, 4,
    .n_versions = 1, .notes = { "Arbeitsstand, noch nicht zur Prüfung." },
  },
  [A_PREISLISTE] = {
    C_PREISLISTE, "Preisliste Fachhandel {Y1}", "price-list", "final", -3,
    BIT (P_TOM) | BIT (P_AYLIN), P_EMILY, "Preisliste_Fachhandel",
    "Preisliste {Y1} Fachhandel", "Alle Preise netto zzgl. MwSt., gültig ab 1. Januar {Y1}",
    TANDEM_DEMO_LAYOUT_DATASHEET, 3, .n_versions = 2,
    .notes = { "Entwurf mit den neuen Rabattstaffeln.", "Rabattstaffel B korrigiert, Preise netto." },
  },
  [A_PITCH_AUTOMOTIVE] = {
    C_KEY_ACCOUNT, "Pitch-Deck Automotive Tier 1", "presentation", "changes_requested", 1,
    BIT (P_STEFAN) | BIT (P_TOM), P_KATRIN, "Pitch_Deck_Automotive_Tier1",
    "Antriebspakete für den Karosseriebau", "Key-Account-Programm Automotive Tier 1",
    TANDEM_DEMO_LAYOUT_SLIDES, 5, .n_versions = 2,
    .notes = { "Erste Fassung aus PowerPoint exportiert.", "Weniger Text, Business Case ergänzt." },
  },
  [A_NEWSLETTER] = {
    C_NEWSLETTER_NEXT, "Händler-Newsletter – Layout", "newsletter", "approved", 4,
    BIT (P_AYLIN), P_EMILY, "Haendler_Newsletter",
    "Händler-News {Q}", "Neuheiten, Aktionen und Termine für unsere Fachhandelspartner",
    TANDEM_DEMO_LAYOUT_BROCHURE, 2, .n_versions = 1,
    .notes = { "Layout für Mailing und Druckversion." },
  },
  [A_POST_WEBINAR] = {
    C_WEBINAR_EE, "LinkedIn-Post Webinar Energieeffizienz", "social", "final", -25,
    BIT (P_TOM), P_EMILY, "LinkedIn_Post_Webinar_Energieeffizienz",
    "Webinar: Energieeffiziente Antriebe", "Teil 3 · Dienstag, 10:00 Uhr · live mit Q&A",
    .width = 1200, .height = 1200, .n_versions = 1, .notes = { "Quadratisches Format für den Feed." },
  },
  [A_CHECKLISTE_RETROFIT] = {
    C_RETROFIT, "Retrofit-Checkliste für Instandhalter", "flyer", "in_review", 0,
    BIT (P_STEFAN) | BIT (P_TOM), P_JONAS, "Retrofit_Checkliste",
    "Retrofit-Checkliste", "In 10 Schritten zur modernisierten Bestandsmaschine",
    TANDEM_DEMO_LAYOUT_BROCHURE, 3, .n_versions = 2,
    .notes = { "Erste Fassung.", "Punkt 4 verständlicher formuliert, Grafik zum Einsparpotenzial." },
  },
  [A_BANNER_SPS] = {
    C_SPS, "E-Mail-Banner SPS Einladung", "banner", "draft", 12,
    BIT (P_AYLIN), P_JONAS, "E-Mail_Banner_SPS",
    "SPS {Y} Nürnberg – wir sind dabei", "Halle 3A, Stand 210 · Jetzt Termin reservieren",
    .width = 1200, .height = 400, .n_versions = 1, .notes = { "Banner für die Einladungsmail." },
  },
  [A_CASE_STUDY] = {
    C_VIDEO, "Case Study: Body-in-White Line", "case-study", "approved", -2,
    BIT (P_STEFAN) | BIT (P_AYLIN) | BIT (P_TOM), P_EMILY, "Case_Study_Body-in-White",
    "Case Study: Body-in-White Line", "How a German Tier 1 supplier cut unplanned downtime by 38 %",
    TANDEM_DEMO_LAYOUT_BROCHURE, 4, .n_versions = 3,
    .notes = { "First draft for review.", "Customer name removed (NDA), cycle time corrected.",
               "Final layout with the plant photos." },
  },
};

/* Accent colours of the drawn files, one per asset (stable across versions) */
static const guint32 asset_accents[N_ASSETS] = {
  0x1a5fb4, 0x26a269, 0xc64600, 0xa51d2d, 0x1a5fb4, 0x3d6a99,
  0x613583, 0x26a269, 0xc64600, 0x0e7c86, 0x813d9c, 0x3d6a99,
};

/* Comments: replies answer the last comment that is not a reply */

typedef struct
{
  guint       asset;
  guint       version;
  guint       author;
  gboolean    reply;
  guint       page;          /* 0: not pinned */
  double      x, y, w, h;    /* fractions of the page; w = h = 0: a point */
  int         resolved_by;   /* P_…, or OPEN; replies follow their thread */
  const char *body;
} DemoComment;

static const DemoComment comments[] = {
  { A_BROSCHUERE_PM, 1, P_STEFAN, FALSE, 1, 0.06, 0.45, 0.88, 0.13, P_KATRIN,
    "Titel ist zu technisch – unsere Instandhaltungsleiter suchen „weniger Stillstand“, nicht „Predictive Analytics“." },
  { A_BROSCHUERE_PM, 1, P_KATRIN, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Guter Punkt, Titel wird in Version 2 umformuliert." },
  { A_BROSCHUERE_PM, 1, P_AYLIN, FALSE, 1, 0.62, 0.22, 0, 0, P_KATRIN,
    "Das Foto zeigt die alte Baureihe (SX-200)." },
  { A_BROSCHUERE_PM, 2, P_STEFAN, FALSE, 4, 0.07, 0.20, 0.44, 0.23, OPEN,
    "Technische Daten bitte für Baugröße 3 – die verkaufen wir am häufigsten." },
  { A_BROSCHUERE_PM, 2, P_KATRIN, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Machen wir – Tom, hast du die aktuellen Werte?" },
  { A_BROSCHUERE_PM, 2, P_TOM, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Das Datenblatt SX-300 liegt im Vertriebsordner, ich schicke es dir." },
  { A_BROSCHUERE_PM, 2, P_STEFAN, FALSE, 2, 0.50, 0.47, 0, 0, OPEN,
    "Hier fehlt die Referenz aus der Verpackungstechnik – die zieht bei unseren Kunden viel mehr als das Beispiel Papierindustrie." },
  { A_BROSCHUERE_PM, 2, P_AYLIN, FALSE, 3, 0.08, 0.62, 0.84, 0.30, OPEN,
    "Diagramm: Achsenbeschriftung fehlt (Stunden pro Jahr?)." },
  { A_BROSCHUERE_PM, 2, P_AYLIN, FALSE, 0, 0, 0, 0, 0, P_KATRIN,
    "Kontaktseite passt so. Bitte meine Durchwahl statt der Zentrale angeben." },

  { A_DATENBLATT_SX400, 1, P_TOM, FALSE, 1, 0.07, 0.472, 0.86, 0.026, P_JONAS,
    "Nenndrehmoment ist falsch: 12 Nm, nicht 21 Nm." },
  { A_DATENBLATT_SX400, 2, P_STEFAN, FALSE, 2, 0.10, 0.15, 0, 0, P_JONAS,
    "Bestellnummern fehlen – ohne die kann der Innendienst nichts anfangen." },
  { A_DATENBLATT_SX400, 3, P_STEFAN, FALSE, 1, 0.88, 0.57, 0, 0, OPEN,
    "Fußnote zu Schutzart IP65 noch ergänzen (nur mit Wellendichtring)." },
  { A_DATENBLATT_SX400, 3, P_JONAS, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Kommt in die Druckversion, danke!" },

  { A_FLYER_ERSATZTEILE, 1, P_AYLIN, FALSE, 1, 0.06, 0.45, 0.88, 0.15, OPEN,
    "Aktionspreise bitte mit Gültigkeit bis Ende der Aktion versehen." },
  { A_FLYER_ERSATZTEILE, 1, P_TOM, FALSE, 1, 0.86, 0.81, 0, 0, OPEN,
    "QR-Code führt noch auf die Testseite." },
  { A_FLYER_ERSATZTEILE, 1, P_EMILY, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Danke, wird im Druck-PDF umgestellt." },

  { A_BANNER_HANNOVER, 1, P_STEFAN, FALSE, 1, 0.03, 0.28, 0.55, 0.32, P_JONAS,
    "Claim zu lang – auf dem Handy wird er abgeschnitten." },
  { A_BANNER_HANNOVER, 1, P_STEFAN, FALSE, 1, 0.03, 0.76, 0.24, 0.13, P_JONAS,
    "Button bitte „Standtermin vereinbaren“ – wir wollen feste Termine am Stand." },
  { A_BANNER_HANNOVER, 2, P_AYLIN, FALSE, 1, 0.70, 0.45, 0, 0, OPEN,
    "Gefällt mir! Gibt es das auch im Format für die E-Mail-Signatur?" },

  { A_MESSEBROSCHUERE, 1, P_KATRIN, FALSE, 2, 0.08, 0.08, 0, 0, OPEN,
    "Texte für Kapitel 2 kommen noch aus der Produktentwicklung." },
  { A_MESSEBROSCHUERE, 1, P_JONAS, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Die Fotos vom Shooting in der Montage kommen nächste Woche." },

  { A_PREISLISTE, 1, P_TOM, FALSE, 2, 0.08, 0.34, 0.40, 0.30, P_EMILY,
    "Rabattstaffel B stimmt nicht mit den Händlerverträgen überein." },
  { A_PREISLISTE, 2, P_AYLIN, FALSE, 1, 0.50, 0.12, 0, 0, P_EMILY,
    "Bitte Preisangaben netto ausweisen." },
  { A_PREISLISTE, 2, P_EMILY, TRUE, 0, 0, 0, 0, 0, P_EMILY,
    "Erledigt, steht jetzt im Kopf jeder Seite." },
  { A_PREISLISTE, 2, P_TOM, FALSE, 3, 0.08, 0.84, 0.50, 0.06, P_EMILY,
    "Gültigkeitsdatum ergänzen." },

  { A_PITCH_AUTOMOTIVE, 1, P_STEFAN, FALSE, 2, 0.06, 0.18, 0.45, 0.60, P_KATRIN,
    "Zu viel Text auf der Folie – im Termin haben wir 20 Minuten." },
  { A_PITCH_AUTOMOTIVE, 2, P_TOM, FALSE, 4, 0.55, 0.20, 0.40, 0.60, OPEN,
    "Die Zahlen in der Grafik können wir so nicht belegen – bitte Quelle nennen oder raus." },
  { A_PITCH_AUTOMOTIVE, 2, P_KATRIN, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Stammt aus dem Pilotprojekt bei Kunde C (anonymisiert), ich hänge den Bericht an." },
  { A_PITCH_AUTOMOTIVE, 2, P_TOM, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Dann bitte als Fußnote mit Quelle." },
  { A_PITCH_AUTOMOTIVE, 2, P_TOM, FALSE, 5, 0.12, 0.22, 0, 0, OPEN,
    "Nächste Schritte: Testinstallation statt „Workshop“ anbieten – das zieht bei Einkäufern besser." },
  { A_PITCH_AUTOMOTIVE, 2, P_STEFAN, FALSE, 0, 0, 0, 0, 0, OPEN,
    "Sehr gut gelungen, von mir freigegeben." },

  { A_NEWSLETTER, 1, P_AYLIN, FALSE, 1, 0.06, 0.45, 0.88, 0.13, OPEN,
    "Betreffzeile bitte kürzer, maximal 50 Zeichen." },

  { A_POST_WEBINAR, 1, P_TOM, FALSE, 1, 0.06, 0.55, 0.60, 0.08, P_EMILY,
    "Datum im Bild prüfen – Teil 3 ist am Dienstag, nicht am Mittwoch." },

  { A_CHECKLISTE_RETROFIT, 1, P_STEFAN, FALSE, 2, 0.08, 0.50, 0.84, 0.20, P_JONAS,
    "Punkt 4 (Getriebeöl) ist für Kunden so nicht verständlich." },
  { A_CHECKLISTE_RETROFIT, 1, P_TOM, FALSE, 3, 0.60, 0.10, 0, 0, OPEN,
    "Logo des Servicepartners fehlt noch." },
  { A_CHECKLISTE_RETROFIT, 2, P_STEFAN, FALSE, 0, 0, 0, 0, 0, OPEN,
    "Schaue ich mir heute Nachmittag an." },

  { A_CASE_STUDY, 1, P_AYLIN, FALSE, 1, 0.06, 0.45, 0.88, 0.13, P_EMILY,
    "Customer name must not appear – the NDA only allows “a German Tier 1 supplier”." },
  { A_CASE_STUDY, 2, P_STEFAN, FALSE, 3, 0.55, 0.50, 0, 0, P_EMILY,
    "Zykluszeit 58 s statt 62 s laut Abnahmeprotokoll." },
  { A_CASE_STUDY, 3, P_AYLIN, FALSE, 2, 0.06, 0.445, 0.88, 0.09, OPEN,
    "Zitat klingt auf Englisch etwas steif – kurz glätten, dann passt es." },
  { A_CASE_STUDY, 3, P_TOM, FALSE, 4, 0.50, 0.90, 0, 0, OPEN,
    "Top. Bitte auch als deutsche Version für die Roadshow." },
  { A_CASE_STUDY, 3, P_EMILY, TRUE, 0, 0, 0, 0, 0, OPEN,
    "Übersetzung ist beauftragt, kommt nächste Woche." },
};

/* Decisions: those on the current version agree with the asset's state */

typedef struct
{
  guint       asset;
  guint       version;
  guint       reviewer;
  const char *decision;
  const char *note;
} DemoDecision;

static const DemoDecision decisions[] = {
  { A_BROSCHUERE_PM, 1, P_STEFAN, "changes_requested", "Zu technisch für unsere Zielgruppe." },
  { A_BROSCHUERE_PM, 2, P_STEFAN, "changes_requested", "Nettopreise und Referenz Verpackungstechnik fehlen noch." },
  { A_BROSCHUERE_PM, 2, P_AYLIN, "approved_with_changes", "Bis auf das Diagramm in Ordnung." },
  { A_DATENBLATT_SX400, 1, P_TOM, "changes_requested", "Technische Daten prüfen." },
  { A_DATENBLATT_SX400, 2, P_STEFAN, "changes_requested", "Bestellnummern fehlen." },
  { A_DATENBLATT_SX400, 3, P_TOM, "approved", "" },
  { A_DATENBLATT_SX400, 3, P_STEFAN, "approved_with_changes", "Fußnote IP65 bitte noch ergänzen." },
  { A_BANNER_HANNOVER, 1, P_STEFAN, "changes_requested", "Claim kürzen, Standnummer rein." },
  { A_PREISLISTE, 1, P_TOM, "changes_requested", "Rabattstaffel B falsch." },
  { A_PREISLISTE, 2, P_TOM, "approved", "" },
  { A_PREISLISTE, 2, P_AYLIN, "approved", "Danke, so geht sie an die Händler." },
  { A_PITCH_AUTOMOTIVE, 1, P_STEFAN, "changes_requested", "Zu textlastig." },
  { A_PITCH_AUTOMOTIVE, 2, P_STEFAN, "approved", "" },
  { A_PITCH_AUTOMOTIVE, 2, P_TOM, "changes_requested", "Einsparung belegen, nächste Schritte konkreter." },
  { A_NEWSLETTER, 1, P_AYLIN, "approved_with_changes", "Betreff kürzen." },
  { A_POST_WEBINAR, 1, P_TOM, "approved", "" },
  { A_CHECKLISTE_RETROFIT, 1, P_STEFAN, "changes_requested", "Punkt 4 umformulieren." },
  { A_CASE_STUDY, 1, P_AYLIN, "changes_requested", "NDA beachten." },
  { A_CASE_STUDY, 2, P_STEFAN, "changes_requested", "Zahlen prüfen." },
  { A_CASE_STUDY, 3, P_STEFAN, "approved", "" },
  { A_CASE_STUDY, 3, P_AYLIN, "approved_with_changes", "Zitat glätten." },
  { A_CASE_STUDY, 3, P_TOM, "approved", "Sehr stark für die Key-Account-Termine." },
};

/* State of one run */

typedef struct
{
  TandemStore  *store;
  GCancellable *cancellable;
  GRand        *rand;
  guint         seed;
  GDate         today;
  GTimeZone    *berlin;
  GStringChunk *ids;
  const char   *people[N_PEOPLE];
  const char   *campaigns[N_CAMPAIGNS];
  GDate         campaign_dates[N_CAMPAIGNS];   /* middle of each campaign, or today */
  const char   *assets[N_ASSETS];
  GBytes       *files[N_ASSETS][MAX_VERSIONS];
} Demo;

static TandemDemoStepFunc step_func;
static gpointer step_data;

static void
demo_clear (Demo *demo)
{
  for (guint a = 0; a < N_ASSETS; a++)
    for (guint v = 0; v < MAX_VERSIONS; v++)
      g_clear_pointer (&demo->files[a][v], g_bytes_unref);
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->berlin, g_time_zone_unref);
  g_clear_pointer (&demo->ids, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static gboolean
demo_step (Demo        *demo,
           const char  *step,
           GError     **error)
{
  if (step_func != NULL)
    step_func (step, step_data);
  return !g_cancellable_set_error_if_cancelled (demo->cancellable, error);
}

/* Dates and text */

static GDate
day_from_today (Demo *demo,
                int   offset)
{
  GDate day = demo->today;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);
  return day;
}

static char *
format_day (const GDate *day)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

/* Fills {Y} (year), {Y1} (next year), {Q} ("Q3/2026") and {S} (the
 * season as the first part of a compound: "Frühjahrs", "Sommer", …). */
static char *
expand (const char  *pattern,
        const GDate *date)
{
  static const char * const seasons[] = {
    "Winter", "Winter", "Frühjahrs", "Frühjahrs", "Frühjahrs", "Sommer",
    "Sommer", "Sommer", "Herbst", "Herbst", "Herbst", "Winter",
  };
  GString *out = g_string_new (NULL);
  guint year = g_date_get_year (date);
  guint month = g_date_get_month (date);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "{Y1}"))
        g_string_append_printf (out, "%u", year + 1);
      else if (g_str_has_prefix (p, "{Y}"))
        g_string_append_printf (out, "%u", year);
      else if (g_str_has_prefix (p, "{Q}"))
        g_string_append_printf (out, "Q%u/%u", (month - 1) / 3 + 1, year);
      else if (g_str_has_prefix (p, "{S}"))
        g_string_append (out, seasons[month - 1]);
      else
        {
          g_string_append_c (out, *p);
          continue;
        }
      p = strchr (p, '}');
    }
  return g_string_free (out, FALSE);
}

/* Weekend dates move to the nearest workday. */
static void
to_workday (GDate *day)
{
  if (g_date_get_weekday (day) == G_DATE_SATURDAY)
    g_date_subtract_days (day, 1);
  else if (g_date_get_weekday (day) == G_DATE_SUNDAY)
    g_date_add_days (day, 1);
}

/* Christmas to New Year: the office is closed (Betriebsferien). */
static gboolean
is_holiday (const GDate *day)
{
  return (g_date_get_month (day) == G_DATE_DECEMBER && g_date_get_day (day) >= 24) ||
         (g_date_get_month (day) == G_DATE_JANUARY && g_date_get_day (day) == 1);
}

static GDateTime *
berlin_time (Demo        *demo,
             const GDate *day,
             guint        hour,
             guint        minute)
{
  return g_date_time_new (demo->berlin, (int) g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), (int) hour, (int) minute, 0);
}

/* Random numbers */

static double
vary (Demo   *demo,
      double  low,
      double  high)
{
  return g_rand_double_range (demo->rand, low, high);
}

static gint64
round_to (double value,
          double step)
{
  return (gint64) (round (value / step) * step);
}

/* JSON members */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
set_strv (JsonObject         *object,
          const char         *member,
          const char * const *values,
          guint               n_values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n_values && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

static void
set_people (Demo       *demo,
            JsonObject *object,
            const char *member,
            guint       bits)
{
  const char *ids[N_PEOPLE];
  guint n = 0;

  for (guint p = 0; p < N_PEOPLE; p++)
    if (bits & BIT (p))
      ids[n++] = demo->people[p];
  set_strv (object, member, ids, n);
}

static void
set_day (Demo       *demo,
         JsonObject *object,
         const char *member,
         int         offset)
{
  GDate day = day_from_today (demo, offset);
  g_autofree char *text = format_day (&day);

  json_object_set_string_member (object, member, text);
}

/* Writes one row of @type from @fields (consumed); returns its id, owned by
 * @demo. @label names the row in an error message. */
static const char *
insert_row (Demo        *demo,
            GType        type,
            JsonObject  *fields,
            const char  *label,
            GError     **error)
{
  g_autoptr(JsonObject) owned = fields;
  g_autoptr(TandemEntity) row = NULL;
  GError *local = NULL;

  row = tandem_store_insert (demo->store, type, owned, TANDEM_WRITE_MANAGED, &local);
  if (row == NULL)
    {
      g_propagate_prefixed_error (error, local, "demo data, %s: ", label);
      return NULL;
    }
  return g_string_chunk_insert (demo->ids, tandem_entity_get_id (row));
}

/* Steps */

static gboolean
check_not_loaded (Demo    *demo,
                  GError **error)
{
  g_autoptr(GPtrArray) existing = tandem_store_list (demo->store, TANDEM_TYPE_PERSON, error);

  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      const char *name = tandem_entity_get_string (existing->pdata[i], "name");

      for (guint p = 0; p < N_PEOPLE; p++)
        if (g_strcmp0 (name, people[p].name) == 0)
          {
            g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_EXISTS,
                         "this workspace already has the demo team (%s is there); "
                         "load the demo data into a new workspace", name);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
render_files (Demo    *demo,
              GError **error)
{
  for (guint a = 0; a < N_ASSETS; a++)
    {
      const DemoAsset *asset = &assets[a];
      const GDate *date = &demo->campaign_dates[asset->campaign];
      g_autofree char *title = expand (asset->doc_title, date);
      g_autofree char *subtitle = expand (asset->doc_subtitle, date);

      for (guint v = 1; v <= asset->n_versions; v++)
        {
          guint32 seed = demo->seed * 7919u + a * 131u + v;
          gboolean released = g_str_equal (asset->state, "final") && v == asset->n_versions;
          g_autofree char *footer = g_strdup_printf (released ? "Version %u" : "Entwurf · Version %u", v);
          GBytes *bytes;

          if (!demo_step (demo, "render", error))
            return FALSE;

          if (asset->pages > 0)
            {
              TandemDemoDocument doc = {
                .title = title,
                .subtitle = subtitle,
                .footer = footer,
                .layout = asset->layout,
                .n_pages = asset->pages,
                .seed = seed,
                .accent = asset_accents[a],
              };
              bytes = tandem_demo_render_document (&doc, error);
            }
          else
            bytes = tandem_demo_render_png (title, subtitle, asset->width, asset->height, seed, error);

          if (bytes == NULL)
            return FALSE;
          demo->files[a][v - 1] = bytes;
        }
    }
  return TRUE;
}

static gboolean
add_people (Demo    *demo,
            GError **error)
{
  for (guint p = 0; p < N_PEOPLE; p++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", people[p].name);
      json_object_set_string_member (o, "role", people[p].role);
      json_object_set_string_member (o, "email", people[p].email);
      if ((demo->people[p] = insert_row (demo, TANDEM_TYPE_PERSON, o, people[p].name, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Budget and KPIs that fit the stage: nothing spent on ideas, actuals
 * growing with the progress of live campaigns, final numbers when done. */
static void
set_campaign_numbers (Demo               *demo,
                      const DemoCampaign *c,
                      JsonObject         *o)
{
  const char *stage = c->stage;
  gboolean live = g_str_equal (stage, "live");
  gboolean done = g_str_equal (stage, "done");
  gint64 planned = round_to (c->budget * vary (demo, 0.85, 1.2), 500) * 100;
  double spent_share;
  gint64 leads, qualified, pipeline, revenue, traffic;
  gint64 leads_actual = 0, qualified_actual = 0, pipeline_actual = 0, revenue_actual = 0, traffic_actual = 0;

  if (g_str_equal (stage, "idea"))
    spent_share = 0;
  else if (g_str_equal (stage, "planning"))
    spent_share = vary (demo, 0.02, 0.12);
  else if (g_str_equal (stage, "production"))
    spent_share = vary (demo, 0.25, 0.5);
  else if (g_str_equal (stage, "review"))
    spent_share = vary (demo, 0.4, 0.65);
  else if (live)
    spent_share = vary (demo, 0.55, 0.9);
  else
    spent_share = c->over_budget ? vary (demo, 1.08, 1.18) : vary (demo, 0.86, 0.99);

  leads = c->leads > 0 ? round_to (c->leads * vary (demo, 0.9, 1.15), 5) : 0;
  qualified = round_to (leads * vary (demo, 0.25, 0.4), 1);
  pipeline = round_to (qualified * c->deal * vary (demo, 0.8, 1.2), 1000) * 100;
  revenue = round_to (pipeline / 100 * vary (demo, 0.2, 0.35), 1000) * 100;
  traffic = round_to (leads * vary (demo, 15, 40), 100);

  if (live || done)
    {
      /* how far the campaign got, and how well it did */
      double progress = live ? CLAMP ((double) -c->start / c->days, 0.1, 0.95) : 1.0;
      double result = progress * vary (demo, 0.7, 1.3);

      leads_actual = round_to (leads * result, 1);
      qualified_actual = round_to (leads_actual * vary (demo, 0.22, 0.42), 1);
      pipeline_actual = round_to (qualified_actual * c->deal * vary (demo, 0.7, 1.2), 100) * 100;
      revenue_actual = round_to (pipeline_actual / 100 * (live ? vary (demo, 0.04, 0.12) : vary (demo, 0.2, 0.35)),
                                 100) * 100;
      traffic_actual = round_to (traffic * result * vary (demo, 0.85, 1.15), 1);
    }

  json_object_set_string_member (o, "currency", "EUR");
  json_object_set_int_member (o, "budget_planned_cents", planned);
  json_object_set_int_member (o, "budget_spent_cents", round_to (planned * spent_share, 1));
  json_object_set_int_member (o, "leads_target", leads);
  json_object_set_int_member (o, "leads_actual", leads_actual);
  json_object_set_int_member (o, "qualified_leads_target", qualified);
  json_object_set_int_member (o, "qualified_leads_actual", qualified_actual);
  json_object_set_int_member (o, "pipeline_target_cents", pipeline);
  json_object_set_int_member (o, "pipeline_actual_cents", pipeline_actual);
  json_object_set_int_member (o, "revenue_target_cents", revenue);
  json_object_set_int_member (o, "revenue_actual_cents", revenue_actual);
  json_object_set_int_member (o, "traffic_target", traffic);
  json_object_set_int_member (o, "traffic_actual", traffic_actual);
  json_object_set_int_member (o, "conversion_target_bp", traffic > 0 ? leads * 10000 / traffic : 0);
  json_object_set_int_member (o, "conversion_actual_bp",
                              traffic_actual > 0 ? leads_actual * 10000 / traffic_actual : 0);
}

static gboolean
add_campaigns (Demo    *demo,
               GError **error)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = C_NONE + 1; i < N_CAMPAIGNS; i++)
    {
      const DemoCampaign *c = &campaigns[i];
      JsonObject *o = json_object_new ();
      g_autofree char *title = NULL;
      gint64 position;

      position = GPOINTER_TO_INT (g_hash_table_lookup (positions, c->stage)) + 1;
      g_hash_table_insert (positions, (gpointer) c->stage, GINT_TO_POINTER (position));

      if (c->days > 0)
        {
          set_day (demo, o, "start", c->start);
          set_day (demo, o, "end", c->start + c->days);
        }
      title = expand (c->title, &demo->campaign_dates[i]);
      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "description", c->description);
      json_object_set_string_member (o, "stage", c->stage);
      json_object_set_string_member (o, "marketing_owner", demo->people[c->marketing]);
      json_object_set_string_member (o, "sales_owner", demo->people[c->sales]);
      set_strv (o, "channels", c->channels, G_N_ELEMENTS (c->channels));
      json_object_set_string_member (o, "segment", c->segment);
      json_object_set_string_member (o, "color", c->color);
      json_object_set_int_member (o, "position", position * TANDEM_BOARD_POSITION_STEP);
      json_object_set_string_member (o, "created_by", demo->people[i % 2 ? c->marketing : c->sales]);
      set_campaign_numbers (demo, c, o);

      if ((demo->campaigns[i] = insert_row (demo, TANDEM_TYPE_CAMPAIGN, o, title, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* One event on @day: all-day for @all_day days, else timed in Berlin. */
static gboolean
add_event (Demo         *demo,
           const GDate  *day,
           const char   *title,
           const char   *kind,
           guint         all_day,
           guint         hour,
           guint         minute,
           guint         minutes,
           const char   *location,
           guint         campaign,
           guint         attendees,
           const char   *notes,
           GError      **error)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "title", title);
  json_object_set_string_member (o, "kind", kind);
  json_object_set_boolean_member (o, "all_day", all_day > 0);
  if (all_day > 0)
    {
      GDate end = *day;
      g_autofree char *start_text = format_day (day);
      g_autofree char *end_text = NULL;

      g_date_add_days (&end, all_day);
      end_text = format_day (&end);
      json_object_set_string_member (o, "start", start_text);
      json_object_set_string_member (o, "end", end_text);
      json_object_set_null_member (o, "tzid");
    }
  else
    {
      g_autoptr(GDateTime) start = berlin_time (demo, day, hour, minute);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, (int) minutes);
      g_autofree char *start_text = tandem_format_date_time (start);
      g_autofree char *end_text = tandem_format_date_time (end);

      json_object_set_string_member (o, "start", start_text);
      json_object_set_string_member (o, "end", end_text);
      json_object_set_string_member (o, "tzid", BERLIN);
    }
  json_object_set_string_member (o, "location", location ? location : "");
  json_object_set_string_member (o, "notes", notes ? notes : "");
  set_people (demo, o, "attendees", attendees);
  set_string (o, "campaign", campaign != C_NONE ? demo->campaigns[campaign] : NULL);
  json_object_set_string_member (o, "created_by",
                                 demo->people[campaign != C_NONE ? campaigns[campaign].marketing : P_KATRIN]);

  return insert_row (demo, TANDEM_TYPE_EVENT, o, title, error) != NULL;
}

static gboolean
add_events (Demo    *demo,
            GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      const DemoEvent *e = &events[i];
      GDate day = day_from_today (demo, e->day);
      g_autofree char *title = NULL;

      if (e->align == G_DATE_BAD_WEEKDAY)
        to_workday (&day);
      while (e->align != G_DATE_BAD_WEEKDAY && g_date_get_weekday (&day) != e->align)
        g_date_add_days (&day, 1);
      title = expand (e->title, &day);
      if (!add_event (demo, &day, title, e->kind, e->all_day, e->hour, e->minute, e->minutes,
                      e->location, e->campaign, e->attendees, e->notes, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      const DemoSeries *s = &series[i];
      GDate monday = demo->today;

      g_date_subtract_days (&monday, (guint) (g_date_get_weekday (&monday) - G_DATE_MONDAY));
      for (int week = s->first_week; week <= s->last_week; week += (int) s->interval)
        {
          GDate day = monday;
          int offset = week * 7 + (int) (s->weekday - G_DATE_MONDAY);

          if (offset >= 0)
            g_date_add_days (&day, (guint) offset);
          else
            g_date_subtract_days (&day, (guint) -offset);
          if (is_holiday (&day))
            continue;
          if (!add_event (demo, &day, s->title, "meeting", 0, s->hour, s->minute, s->minutes,
                          s->locations[((week % 2) + 2) % 2], C_NONE, s->attendees, s->notes, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_assets (Demo    *demo,
            GError **error)
{
  for (guint a = 0; a < N_ASSETS; a++)
    {
      const DemoAsset *asset = &assets[a];
      const GDate *date = &demo->campaign_dates[asset->campaign];
      g_autofree char *title = expand (asset->title, date);
      g_autofree char *stem = expand (asset->file_stem, date);
      const char *mime = asset->pages > 0 ? "application/pdf" : "image/png";
      JsonObject *o;

      if (!demo_step (demo, "assets", error))
        return FALSE;

      o = json_object_new ();
      json_object_set_string_member (o, "campaign", demo->campaigns[asset->campaign]);
      json_object_set_string_member (o, "title", title);
      json_object_set_string_member (o, "kind", asset->kind);
      json_object_set_string_member (o, "state", asset->state);
      set_day (demo, o, "due", asset->due);
      set_people (demo, o, "reviewers", asset->reviewers);
      json_object_set_int_member (o, "current_version", asset->n_versions);
      json_object_set_string_member (o, "created_by", demo->people[asset->author]);
      if ((demo->assets[a] = insert_row (demo, TANDEM_TYPE_ASSET, o, title, error)) == NULL)
        return FALSE;

      for (guint v = 1; v <= asset->n_versions; v++)
        {
          GBytes *bytes = demo->files[a][v - 1];
          g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
          g_autofree char *sha = NULL;
          g_autofree char *file_name = NULL;
          g_autofree char *label = NULL;

          sha = tandem_store_put_blob (demo->store, stream, (gint64) g_bytes_get_size (bytes), mime,
                                       demo->cancellable, error);
          if (sha == NULL)
            return FALSE;

          file_name = g_strdup_printf ("%s_v%u.%s", stem, v, asset->pages > 0 ? "pdf" : "png");
          label = g_strdup_printf ("%s, version %u", title, v);
          o = json_object_new ();
          json_object_set_string_member (o, "asset", demo->assets[a]);
          json_object_set_int_member (o, "number", v);
          json_object_set_string_member (o, "sha256", sha);
          json_object_set_string_member (o, "file_name", file_name);
          json_object_set_string_member (o, "mime_type", mime);
          json_object_set_int_member (o, "size", (gint64) g_bytes_get_size (bytes));
          json_object_set_string_member (o, "uploaded_by", demo->people[asset->author]);
          json_object_set_string_member (o, "note", asset->notes[v - 1] ? asset->notes[v - 1] : "");
          if (insert_row (demo, TANDEM_TYPE_ASSET_VERSION, o, label, error) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_comments (Demo    *demo,
              GError **error)
{
  g_autofree char *now = tandem_now_rfc3339 ();
  g_autoptr(GDateTime) clock = g_date_time_new_now_utc ();
  const char *thread = NULL;
  guint thread_index = 0;
  int thread_resolved_by = OPEN;

  for (guint i = 0; i < G_N_ELEMENTS (comments); i++)
    {
      const DemoComment *c = &comments[i];
      int resolved_by = c->reply ? thread_resolved_by : c->resolved_by;
      JsonObject *o = json_object_new ();
      const char *id;

      g_assert (c->version >= 1 && c->version <= assets[c->asset].n_versions);
      g_assert (!c->reply || (thread != NULL && comments[thread_index].asset == c->asset &&
                              comments[thread_index].version == c->version));

      json_object_set_string_member (o, "asset", demo->assets[c->asset]);
      json_object_set_int_member (o, "version", c->version);
      json_object_set_string_member (o, "author", demo->people[c->author]);
      json_object_set_string_member (o, "body", c->body);
      /* written one after another over the last days, so every list shows
       * them in the same order (and numbers their pins the same) */
      {
        g_autoptr(GDateTime) written = g_date_time_add_minutes (clock, -17 * (int) (G_N_ELEMENTS (comments) - i));
        g_autofree char *created_at = tandem_format_utc (written);
        json_object_set_string_member (o, "created_at", created_at);
      }
      if (c->page > 0)
        {
          json_object_set_int_member (o, "page", c->page);
          json_object_set_double_member (o, "x", c->x);
          json_object_set_double_member (o, "y", c->y);
          if (c->w > 0 && c->h > 0)
            {
              json_object_set_double_member (o, "w", c->w);
              json_object_set_double_member (o, "h", c->h);
            }
        }
      set_string (o, "parent", c->reply ? thread : NULL);
      json_object_set_boolean_member (o, "resolved", resolved_by != OPEN);
      set_string (o, "resolved_by", resolved_by != OPEN ? demo->people[resolved_by] : NULL);
      /* rows are created now, so they were resolved now too */
      set_string (o, "resolved_at", resolved_by != OPEN ? now : NULL);

      if ((id = insert_row (demo, TANDEM_TYPE_COMMENT, o, "comment", error)) == NULL)
        return FALSE;
      if (!c->reply)
        {
          thread = id;
          thread_index = i;
          thread_resolved_by = c->resolved_by;
        }
    }
  return TRUE;
}

static gboolean
add_decisions (Demo    *demo,
               GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      const DemoDecision *d = &decisions[i];
      JsonObject *o = json_object_new ();

      g_assert (assets[d->asset].reviewers & BIT (d->reviewer));
      json_object_set_string_member (o, "asset", demo->assets[d->asset]);
      json_object_set_int_member (o, "version", d->version);
      json_object_set_string_member (o, "reviewer", demo->people[d->reviewer]);
      json_object_set_string_member (o, "decision", d->decision);
      json_object_set_string_member (o, "note", d->note);
      if (insert_row (demo, TANDEM_TYPE_DECISION, o, "decision", error) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (Demo    *demo,
           GError **error)
{
  return check_not_loaded (demo, error) &&
         demo_step (demo, "people", error) && add_people (demo, error) &&
         demo_step (demo, "campaigns", error) && add_campaigns (demo, error) &&
         demo_step (demo, "events", error) && add_events (demo, error) &&
         add_assets (demo, error) &&
         demo_step (demo, "comments", error) && add_comments (demo, error) &&
         demo_step (demo, "decisions", error) && add_decisions (demo, error) &&
         demo_step (demo, "commit", error);
}

/* Private API */

void
_tandem_demo_set_step_func (TandemDemoStepFunc func,
                            gpointer           user_data)
{
  step_func = func;
  step_data = user_data;
}

/* Public API */

/**
 * tandem_demo_populate:
 * @store: an open workspace
 * @seed: varies budgets, KPIs and the drawn files
 * @cancellable: (nullable): checked between steps
 * @error: return location for an error
 *
 * Adds the demo data set to @store in one transaction: all of it, or
 * nothing when it fails or is cancelled. Dates are relative to today.
 *
 * The demo team is added once per workspace: when a person of the demo
 * team is already there, it refuses with %TANDEM_ERROR_EXISTS and changes
 * nothing (a second team of the same names would make names ambiguous).
 *
 * Returns: %TRUE when the data set was added
 */
gboolean
tandem_demo_populate (TandemStore   *store,
                      guint          seed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(GDateTime) now = NULL;
  GError *local = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = g_date_time_new_now_local ();
  demo.store = store;
  demo.cancellable = cancellable;
  demo.seed = seed;
  demo.rand = g_rand_new_with_seed (seed);
  demo.berlin = g_time_zone_new_identifier (BERLIN);
  demo.ids = g_string_chunk_new (4096);
  g_date_clear (&demo.today, 1);
  g_date_set_dmy (&demo.today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  if (demo.berlin == NULL)
    {
      g_set_error (error, TANDEM_ERROR, TANDEM_ERROR_FAILED,
                   "the time zone %s is not installed (tzdata)", BERLIN);
      return FALSE;
    }

  for (guint i = 0; i < N_CAMPAIGNS; i++)
    demo.campaign_dates[i] = day_from_today (&demo, campaigns[i].days > 0
                                                      ? campaigns[i].start + campaigns[i].days / 2
                                                      : 0);

  /* drawing takes most of the time: do it before taking the write lock,
   * and refuse before drawing when the demo team is there already (the
   * transaction checks again) */
  if (!check_not_loaded (&demo, error) || !render_files (&demo, error))
    return FALSE;

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!write_all (&demo, &local))
    {
      tandem_store_rollback (store);
      g_propagate_error (error, local);
      return FALSE;
    }
  return tandem_store_commit (store, error);
}
