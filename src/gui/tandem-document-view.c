/* tandem-document-view.c — one version of an asset
 *
 * The version's bytes are streamed from the store into memory on a worker
 * thread, where poppler-glib (PDF) or GdkTexture (PNG, JPEG, SVG) parses
 * them. PDF pages are rendered on worker threads too: only the page shown
 * and the thumbnails near it, with a few rendered pages cached. Anything
 * else, or a PDF poppler cannot read, gets an honest "No preview" page
 * that offers to open the file with another application.
 *
 * Pins are stored as fractions of the page, so they are drawn at the same
 * spot at every zoom. A click places a pin, a drag marks a region; the
 * "document.place-pin" action pins the centre of the page and the arrow
 * keys then move it, so pinning works without a mouse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tandem-document-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "tandem-document-view-private.h"
#include "tandem-review-util.h"

#define PX_PER_PT     (96.0 / 72.0)
#define ZOOM_STEP     1.25
#define ZOOM_MIN      0.1
#define ZOOM_MAX      8.0
#define PAGE_MARGIN   16
#define CACHE_SIZE    6
#define THUMB_WIDTH   96
#define THUMB_AHEAD   12
#define PIN_RADIUS    11.0
#define DRAG_SLOP     6.0
#define KEY_STEP      0.02
#define MAX_RENDER_WIDTH  4000.0
#define MAX_RENDER_PIXELS (16.0 * 1024 * 1024)   /* 64 MB of pixels */

/* A parsed document, shared with the worker threads */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;      /* poppler documents are not thread-safe */
  PopplerDocument *pdf;
  GdkTexture      *image;
  GBytes          *bytes;
  guint            n_pages;
  double          *widths;    /* points */
  double          *heights;
  gboolean        *unreadable; /* pages poppler cannot load: drawn as a message */
} Doc;

static Doc *
doc_ref (Doc *doc)
{
  g_atomic_ref_count_inc (&doc->ref);
  return doc;
}

static void
doc_unref (Doc *doc)
{
  if (doc == NULL || !g_atomic_ref_count_dec (&doc->ref))
    return;
  g_clear_object (&doc->pdf);
  g_clear_object (&doc->image);
  g_clear_pointer (&doc->bytes, g_bytes_unref);
  g_free (doc->widths);
  g_free (doc->heights);
  g_free (doc->unreadable);
  g_mutex_clear (&doc->lock);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_unref)

/* The page canvas: one page, its pins, the gestures */

#define TANDEM_TYPE_PAGE_CANVAS (tandem_page_canvas_get_type ())
G_DECLARE_FINAL_TYPE (TandemPageCanvas, tandem_page_canvas, TANDEM, PAGE_CANVAS, GtkWidget)

struct _TandemPageCanvas
{
  GtkWidget           parent_instance;
  TandemDocumentView *view;       /* unowned */
  GdkTexture         *texture;
  double              page_width; /* pixels at the current zoom */
  double              page_height;
  double              drag_x;
  double              drag_y;
  double              drag_dx;
  double              drag_dy;
  gboolean            dragging;
};

G_DEFINE_FINAL_TYPE (TandemPageCanvas, tandem_page_canvas, GTK_TYPE_WIDGET)

struct _TandemDocumentView
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkWidget         *toolbar;
  GtkWidget         *prev_button;
  GtkWidget         *next_button;
  GtkWidget         *page_label;
  GtkWidget         *zoom_label;
  GtkWidget         *pin_button;
  GtkWidget         *stack;
  GtkWidget         *thumbs_scroller;
  GtkWidget         *thumbs;
  GtkWidget         *scroller;
  TandemPageCanvas  *canvas;
  GtkWidget         *no_preview;

  GCancellable      *cancellable;
  TandemStore       *store;
  Doc               *doc;
  char              *status;
  char              *file_name;
  guint              page;       /* 1-based */
  double             zoom;       /* 1.0 = 100 % */
  gboolean           fit_width;
  gboolean           can_pin;
  gboolean           show_thumbnails;

  GHashTable        *cache;      /* "page:width" → GdkTexture */
  GQueue             cache_order;
  gboolean           rendering;  /* a page render is in flight */
  guint              fit_idle;
  guint              scroll_idle;
  guint              shown_page; /* whose rendering the canvas shows */
  gboolean           thumbs_busy;
  gboolean          *thumb_done;
  GtkStringList     *thumb_pages;    /* "1" … "n": the rows of the thumbnail list */
  GtkSingleSelection *thumb_selection;
  GPtrArray         *thumb_textures; /* GdkTexture or NULL, by page - 1 */
  GHashTable        *thumb_pictures; /* page → the GtkPicture bound to it */

  GArray            *pins;       /* TandemDocumentPin */
  gboolean           has_draft;
  TandemAnchor       draft;
  guint              highlight;
};

G_DEFINE_FINAL_TYPE (TandemDocumentView, tandem_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  PROP_ZOOM,
  PROP_FIT_WIDTH,
  PROP_STATUS,
  N_PROPS
};

enum {
  PIN_PLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void queue_render     (TandemDocumentView *self);
static void queue_thumbnails (TandemDocumentView *self);
static void update_controls  (TandemDocumentView *self);

/* Geometry */

static double
page_width_pt (TandemDocumentView *self)
{
  return self->doc != NULL && self->page >= 1 ? self->doc->widths[self->page - 1] : 0;
}

static double
page_height_pt (TandemDocumentView *self)
{
  return self->doc != NULL && self->page >= 1 ? self->doc->heights[self->page - 1] : 0;
}

static double
effective_zoom (TandemDocumentView *self)
{
  if (self->fit_width && self->doc != NULL)
    {
      int available = gtk_widget_get_width (self->scroller) - 2 * PAGE_MARGIN - 16;

      if (available > 0)
        return tandem_page_fit_width_scale (available, page_width_pt (self) * PX_PER_PT);
    }
  return self->zoom;
}

static TandemPageRect
canvas_page_rect (TandemPageCanvas *canvas)
{
  return tandem_page_rect_centered (gtk_widget_get_width (GTK_WIDGET (canvas)),
                                    gtk_widget_get_height (GTK_WIDGET (canvas)),
                                    canvas->page_width, canvas->page_height);
}

static void
canvas_update_size (TandemDocumentView *self)
{
  double zoom = effective_zoom (self);
  double w = page_width_pt (self) * PX_PER_PT * zoom;
  double h = page_height_pt (self) * PX_PER_PT * zoom;

  if (w != self->canvas->page_width || h != self->canvas->page_height)
    {
      self->canvas->page_width = w;
      self->canvas->page_height = h;
      gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Canvas */

static void
tandem_page_canvas_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  TandemPageCanvas *self = TANDEM_PAGE_CANVAS (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->page_width : self->page_height;

  *minimum = *natural = (int) ceil (size) + 2 * PAGE_MARGIN;
}

static void
append_pin (GtkSnapshot    *snapshot,
            GtkWidget      *widget,
            double          cx,
            double          cy,
            const char     *text,
            const GdkRGBA  *color)
{
  GskRoundedRect circle;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - PIN_RADIUS, cy - PIN_RADIUS, 2 * PIN_RADIUS, 2 * PIN_RADIUS);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA whites[4] = { white, white, white, white };
  const float widths[4] = { 2, 2, 2, 2 };
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int lw, lh;

  gsk_rounded_rect_init_from_rect (&circle, &bounds, PIN_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, color, &bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &circle, widths, whites);

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (cx - lw / 2.0, cy - lh / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
append_anchor (GtkSnapshot          *snapshot,
               GtkWidget            *widget,
               const TandemPageRect *rect,
               const TandemAnchor   *anchor,
               const char           *text,
               const GdkRGBA        *color)
{
  double x, y;

  tandem_page_from_fraction (rect, anchor->x, anchor->y, &x, &y);
  if (anchor->w > 0 || anchor->h > 0)
    {
      GskRoundedRect outline;
      graphene_rect_t area = GRAPHENE_RECT_INIT (x, y, anchor->w * rect->width, anchor->h * rect->height);
      GdkRGBA fill = *color;
      const GdkRGBA colors[4] = { *color, *color, *color, *color };
      const float widths[4] = { 2, 2, 2, 2 };

      fill.alpha = 0.15f;
      gtk_snapshot_append_color (snapshot, &fill, &area);
      gsk_rounded_rect_init_from_rect (&outline, &area, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
  append_pin (snapshot, widget, x, y, text, color);
}

static void
tandem_page_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  TandemPageCanvas *self = TANDEM_PAGE_CANVAS (widget);
  TandemDocumentView *view = self->view;
  TandemPageRect rect = canvas_page_rect (self);
  graphene_rect_t page = GRAPHENE_RECT_INIT (rect.x, rect.y, rect.width, rect.height);
  const GdkRGBA paper = { 1, 1, 1, 1 };
  const GdkRGBA shade = { 0, 0, 0, 0.25f };
  const GdkRGBA open_color = { 0.88f, 0.11f, 0.14f, 1 };     /* red */
  const GdkRGBA resolved_color = { 0.47f, 0.47f, 0.47f, 0.8f };
  const GdkRGBA highlight_color = { 0.21f, 0.52f, 0.89f, 1 }; /* blue */
  const GdkRGBA draft_color = { 0.15f, 0.64f, 0.41f, 1 };     /* green */

  if (rect.width <= 0 || rect.height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (rect.x + 1, rect.y + 2, rect.width, rect.height));
  gtk_snapshot_append_color (snapshot, &paper, &page);
  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &page);

  for (guint i = 0; view->pins != NULL && i < view->pins->len; i++)
    {
      const TandemDocumentPin *pin = &g_array_index (view->pins, TandemDocumentPin, i);
      g_autofree char *text = g_strdup_printf ("%u", pin->number);

      if (pin->anchor.page != view->page)
        continue;
      append_anchor (snapshot, widget, &rect, &pin->anchor, text,
                     pin->number == view->highlight ? &highlight_color
                     : pin->resolved ? &resolved_color : &open_color);
    }
  if (view->has_draft && view->draft.page == view->page)
    append_anchor (snapshot, widget, &rect, &view->draft, "+", &draft_color);

  if (self->dragging && hypot (self->drag_dx, self->drag_dy) >= DRAG_SLOP)
    {
      GskRoundedRect outline;
      graphene_rect_t area = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->drag_x + self->drag_dx),
                                                 MIN (self->drag_y, self->drag_y + self->drag_dy),
                                                 fabs (self->drag_dx), fabs (self->drag_dy));
      const GdkRGBA colors[4] = { draft_color, draft_color, draft_color, draft_color };
      const float widths[4] = { 2, 2, 2, 2 };

      gsk_rounded_rect_init_from_rect (&outline, &area, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
emit_pin (TandemDocumentView *self,
          const TandemAnchor *anchor)
{
  self->has_draft = TRUE;
  self->draft = *anchor;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  g_signal_emit (self, signals[PIN_PLACED], 0, (int) anchor->page, anchor->x, anchor->y, anchor->w, anchor->h);
}

static void
drag_begin_cb (TandemPageCanvas *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  if (!self->view->can_pin || self->page_width <= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (TandemPageCanvas *self,
                double            dx,
                double            dy,
                GtkGestureDrag   *gesture)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (TandemPageCanvas *self,
             double            dx,
             double            dy,
             GtkGestureDrag   *gesture)
{
  TandemPageRect rect = canvas_page_rect (self);
  TandemAnchor anchor = { .page = self->view->page };
  double x = self->drag_x, y = self->drag_y;

  if (!self->dragging)
    return;
  self->dragging = FALSE;
  /* only clicks on the page itself */
  if (x < rect.x || y < rect.y || x > rect.x + rect.width || y > rect.y + rect.height)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  tandem_page_drag_to_anchor (&rect, x, y, x + dx, y + dy, DRAG_SLOP,
                              &anchor.x, &anchor.y, &anchor.w, &anchor.h);
  emit_pin (self->view, &anchor);
}

/* Arrow keys move the pin just placed */
static gboolean
canvas_key_cb (TandemPageCanvas      *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  TandemDocumentView *view = self->view;
  double step = (state & GDK_SHIFT_MASK) ? KEY_STEP * 5 : KEY_STEP;
  TandemAnchor anchor = view->draft;

  if (!view->has_draft || view->draft.page != view->page || !view->can_pin)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      anchor.x -= step;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      anchor.x += step;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      anchor.y -= step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      anchor.y += step;
      break;
    default:
      return FALSE;
    }
  anchor.x = CLAMP (anchor.x, 0.0, 1.0 - anchor.w);
  anchor.y = CLAMP (anchor.y, 0.0, 1.0 - anchor.h);
  emit_pin (view, &anchor);
  return TRUE;
}

static void
tandem_page_canvas_dispose (GObject *object)
{
  TandemPageCanvas *self = TANDEM_PAGE_CANVAS (object);

  g_clear_object (&self->texture);
  G_OBJECT_CLASS (tandem_page_canvas_parent_class)->dispose (object);
}

static void
tandem_page_canvas_class_init (TandemPageCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_page_canvas_dispose;
  widget_class->measure = tandem_page_canvas_measure;
  widget_class->snapshot = tandem_page_canvas_snapshot;
  gtk_widget_class_set_css_name (widget_class, "pagecanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tandem_page_canvas_init (TandemPageCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (canvas_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* Loading: on a worker thread */

typedef struct
{
  char *sha256;
  char *mime_type;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->sha256);
  g_free (data->mime_type);
  g_free (data);
}

static gboolean
looks_like_pdf (GBytes     *bytes,
                const char *mime_type)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strcmp0 (mime_type, "application/pdf") == 0 || (size >= 5 && memcmp (data, "%PDF-", 5) == 0);
}

static gboolean
looks_like_image (const char *mime_type)
{
  return g_strcmp0 (mime_type, "image/png") == 0 || g_strcmp0 (mime_type, "image/jpeg") == 0 ||
         g_strcmp0 (mime_type, "image/svg+xml") == 0;
}

/* Returns a Doc; one without pages or image when it cannot be shown */
static gpointer
load_func (TandemStore   *store,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadData *data = user_data;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(Doc) doc = g_new0 (Doc, 1);

  g_atomic_ref_count_init (&doc->ref);
  g_mutex_init (&doc->lock);

  if (!tandem_store_read_blob (store, data->sha256, out, cancellable, error) ||
      !g_output_stream_close (out, cancellable, error))
    return NULL;
  doc->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  if (g_bytes_get_size (doc->bytes) == 0)
    return g_steal_pointer (&doc);

  if (looks_like_pdf (doc->bytes, data->mime_type))
    {
      g_autoptr(GError) local = NULL;

      doc->pdf = poppler_document_new_from_bytes (doc->bytes, NULL, &local);
      if (doc->pdf == NULL || poppler_document_get_n_pages (doc->pdf) < 1)
        {
          g_debug ("No preview: %s", local != NULL ? local->message : "no pages");
          g_clear_object (&doc->pdf);
          return g_steal_pointer (&doc);
        }
      doc->n_pages = poppler_document_get_n_pages (doc->pdf);
      doc->widths = g_new (double, doc->n_pages);
      doc->heights = g_new (double, doc->n_pages);
      doc->unreadable = g_new0 (gboolean, doc->n_pages);
      for (guint i = 0; i < doc->n_pages; i++)
        {
          PopplerPage *page = poppler_document_get_page (doc->pdf, i);

          /* a damaged page tree: the page count promises more than there is */
          if (page == NULL)
            doc->unreadable[i] = TRUE, doc->widths[i] = doc->heights[i] = 0;
          else
            {
              poppler_page_get_size (page, &doc->widths[i], &doc->heights[i]);
              g_object_unref (page);
            }
          if (doc->widths[i] <= 0 || doc->heights[i] <= 0)
            doc->widths[i] = 595, doc->heights[i] = 842;
        }
    }
  else if (looks_like_image (data->mime_type))
    {
      g_autoptr(GError) local = NULL;

      if ((doc->image = gdk_texture_new_from_bytes (doc->bytes, &local)) == NULL)
        {
          g_debug ("No preview: %s", local->message);
          return g_steal_pointer (&doc);
        }
      doc->n_pages = 1;
      doc->widths = g_new (double, 1);
      doc->heights = g_new (double, 1);
      doc->widths[0] = gdk_texture_get_width (doc->image) / PX_PER_PT;
      doc->heights[0] = gdk_texture_get_height (doc->image) / PX_PER_PT;
    }
  return g_steal_pointer (&doc);
}

static void
set_status (TandemDocumentView *self,
            const char         *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    g_str_equal (status, "image") ? "pages" : status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The thumbnail list recycles its rows: a 300-page document keeps a few
 * dozen widgets, and its textures come from thumb_textures */
static void
add_thumbnail_rows (TandemDocumentView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) numbers = NULL;

  for (guint i = 0; i < self->doc->n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_strv_builder_add (builder, number);
      g_ptr_array_add (self->thumb_textures, NULL);
    }
  numbers = g_strv_builder_end (builder);
  gtk_string_list_splice (self->thumb_pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->thumb_pages)),
                          (const char * const *) numbers);
}

static void
thumb_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TandemDocumentView       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
thumb_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TandemDocumentView       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *row = gtk_widget_get_parent (box);
  guint index = gtk_list_item_get_position (item);
  g_autofree char *name = g_strdup_printf (_("Page %u"), index + 1);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);

  if (self->doc == NULL || index >= self->doc->n_pages)
    return;
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), number);
  gtk_widget_set_size_request (picture, THUMB_WIDTH,
                               (int) (THUMB_WIDTH * self->doc->heights[index] / self->doc->widths[index]));
  gtk_picture_set_paintable (GTK_PICTURE (picture),
                             index < self->thumb_textures->len ? self->thumb_textures->pdata[index] : NULL);
  g_hash_table_insert (self->thumb_pictures, GUINT_TO_POINTER (index + 1), picture);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
thumb_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TandemDocumentView       *self)
{
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint page = gtk_list_item_get_position (item) + 1;

  if (g_hash_table_lookup (self->thumb_pictures, GUINT_TO_POINTER (page)) == picture)
    g_hash_table_remove (self->thumb_pictures, GUINT_TO_POINTER (page));
  gtk_picture_set_paintable (GTK_PICTURE (picture), NULL);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemDocumentView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Doc) doc = tandem_store_run_finish (TANDEM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->box == NULL)
    return;
  if (doc == NULL)
    {
      g_warning ("Cannot read the file: %s", error->message);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->no_preview), error->message);
      set_status (self, "no-preview");
      return;
    }

  self->doc = g_steal_pointer (&doc);
  g_clear_pointer (&self->thumb_done, g_free);
  if (self->doc->n_pages == 0)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->no_preview),
                                       g_bytes_get_size (self->doc->bytes) == 0
                                       ? _("The file is empty.")
                                       : _("Tandem cannot show this file, but it is stored and can be opened with another application."));
      set_status (self, "no-preview");
    }
  else
    {
      self->thumb_done = g_new0 (gboolean, self->doc->n_pages);
      if (self->doc->pdf != NULL)
        add_thumbnail_rows (self);
      gtk_widget_set_visible (self->thumbs_scroller, self->doc->n_pages > 1 && self->show_thumbnails);
      set_status (self, self->doc->pdf != NULL ? "pages" : "image");
    }
  self->page = 0;
  tandem_document_view_set_page (self, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  update_controls (self);
}

/* Rendering: on worker threads, one page at a time */

typedef struct
{
  Doc   *doc;
  guint  page;
  int    width;   /* pixels */
  char  *key;
} RenderData;

static void
render_data_free (RenderData *data)
{
  doc_unref (data->doc);
  g_free (data->key);
  g_free (data);
}

/* In place of a page poppler cannot load, on a page of @width × @height points */
static void
draw_unreadable (cairo_t *cr,
                 double   width,
                 double   height)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 16");
  int text_height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * 0.8 * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, _("This page of the PDF is damaged and cannot be shown."), -1);
  pango_layout_get_size (layout, NULL, &text_height);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, width * 0.1, (height - (double) text_height / PANGO_SCALE) / 2);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static GdkTexture *
render_page (Doc   *doc,
             guint  page_number,
             int    width)
{
  double scale = width / doc->widths[page_number - 1];
  int height = MAX (1, (int) ceil (doc->heights[page_number - 1] * scale));
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  g_mutex_lock (&doc->lock);
  {
    PopplerPage *page = poppler_document_get_page (doc->pdf, page_number - 1);

    if (page != NULL)
      {
        poppler_page_render (page, cr);
        g_object_unref (page);
      }
    else
      draw_unreadable (cr, doc->widths[page_number - 1], doc->heights[page_number - 1]);
  }
  g_mutex_unlock (&doc->lock);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * height);
  {
    GdkTexture *texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels,
                                                  cairo_image_surface_get_stride (surface));
    cairo_surface_destroy (surface);
    return texture;
  }
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, render_page (data->doc, data->page, data->width), g_object_unref);
}

static void
cache_insert (TandemDocumentView *self,
              const char         *key,
              GdkTexture         *texture)
{
  if (g_hash_table_contains (self->cache, key))
    return;
  g_hash_table_insert (self->cache, g_strdup (key), g_object_ref (texture));
  g_queue_push_tail (&self->cache_order, g_strdup (key));
  while (g_queue_get_length (&self->cache_order) > CACHE_SIZE)
    {
      g_autofree char *old = g_queue_pop_head (&self->cache_order);
      g_hash_table_remove (self->cache, old);
    }
}

static void
canvas_set_texture (TandemDocumentView *self,
                    GdkTexture         *texture)
{
  if (g_set_object (&self->canvas->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);
  RenderData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  /* disposed meanwhile: the canvas is gone */
  if (self->box == NULL)
    return;
  self->rendering = FALSE;
  if (texture == NULL || data->doc != self->doc)
    {
      /* cancelled, or a file no longer shown: start what is wished now */
      queue_render (self);
      return;
    }
  cache_insert (self, data->key, texture);
  /* the wish may have changed meanwhile: the cache answers or a new render starts */
  queue_render (self);
}

/* Pixels across for the page shown; zoomed far in, a smaller render is
 * scaled up rather than holding hundreds of megabytes */
static int
render_width (TandemDocumentView *self)
{
  double width = self->canvas->page_width * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double aspect = page_height_pt (self) / page_width_pt (self);

  width = MIN (width, MAX_RENDER_WIDTH);
  if (width * width * aspect > MAX_RENDER_PIXELS)
    width = sqrt (MAX_RENDER_PIXELS / aspect);
  return MAX (1, (int) ceil (width));
}

/* Renders the page shown at the current zoom, one render at a time; a
 * wish that comes while one is in flight waits for it and replaces any
 * older wish. */
static void
queue_render (TandemDocumentView *self)
{
  g_autofree char *key = NULL;
  GdkTexture *cached;
  RenderData *data;
  GTask *task;
  int width;

  canvas_update_size (self);
  if (self->doc == NULL || self->page < 1)
    return;
  if (self->doc->image != NULL)
    {
      canvas_set_texture (self, self->doc->image);
      self->shown_page = self->page;
      return;
    }
  if (self->doc->pdf == NULL)
    return;

  width = render_width (self);
  key = g_strdup_printf ("%u:%d", self->page, width);
  if ((cached = g_hash_table_lookup (self->cache, key)) != NULL)
    {
      canvas_set_texture (self, cached);
      self->shown_page = self->page;
      return;
    }
  /* another zoom of the same page is scaled meanwhile, another page is not shown */
  if (self->shown_page != self->page)
    {
      canvas_set_texture (self, NULL);
      self->shown_page = 0;
    }
  if (self->rendering)
    return;
  self->rendering = TRUE;

  data = g_new0 (RenderData, 1);
  data->doc = doc_ref (self->doc);
  data->page = self->page;
  data->width = width;
  data->key = g_steal_pointer (&key);
  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
  g_object_unref (task);
}


static void
thumb_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);
  RenderData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkWidget *picture;

  if (self->box == NULL)
    return;
  self->thumbs_busy = FALSE;
  if (texture == NULL || self->doc != data->doc)
    return;
  if (data->page - 1 < self->thumb_textures->len)
    {
      g_clear_object ((GdkTexture **) &g_ptr_array_index (self->thumb_textures, data->page - 1));
      g_ptr_array_index (self->thumb_textures, data->page - 1) = g_object_ref (texture);
    }
  if ((picture = g_hash_table_lookup (self->thumb_pictures, GUINT_TO_POINTER (data->page))) != NULL)
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  queue_thumbnails (self);
}

/* Thumbnails near the page shown, one after another */
static void
queue_thumbnails (TandemDocumentView *self)
{
  guint first, last;

  if (self->thumbs_busy || self->doc == NULL || self->doc->pdf == NULL || self->doc->n_pages < 2)
    return;
  first = self->page > 3 ? self->page - 3 : 1;
  last = MIN (self->doc->n_pages, self->page + THUMB_AHEAD);
  for (guint p = first; p <= last; p++)
    if (!self->thumb_done[p - 1])
      {
        RenderData *data = g_new0 (RenderData, 1);
        GTask *task;

        self->thumb_done[p - 1] = TRUE;
        self->thumbs_busy = TRUE;
        data->doc = doc_ref (self->doc);
        data->page = p;
        data->width = THUMB_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self));
        task = g_task_new (self, self->cancellable, thumb_done_cb, NULL);
        g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
        g_task_run_in_thread (task, render_thread);
        g_object_unref (task);
        return;
      }
}

/* Controls */

static void
update_controls (TandemDocumentView *self)
{
  guint n = self->doc != NULL ? self->doc->n_pages : 0;
  g_autofree char *page_text = NULL;
  g_autofree char *zoom_text = NULL;
  gboolean shown = n > 0;

  page_text = n > 0 ? g_strdup_printf (_("Page %u of %u"), self->page, n) : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->page_label), page_text);
  zoom_text = g_strdup_printf ("%d %%", (int) round (effective_zoom (self) * 100));
  gtk_label_set_text (GTK_LABEL (self->zoom_label), shown ? zoom_text : "");

  gtk_widget_set_sensitive (self->toolbar, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.previous-page", shown && self->page > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.next-page", shown && self->page < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.zoom-in", shown && effective_zoom (self) < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.zoom-out", shown && effective_zoom (self) > ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.place-pin", shown && self->can_pin);
  gtk_widget_set_visible (self->pin_button, self->can_pin);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (widget);

  if (g_str_equal (action_name, "document.previous-page"))
    tandem_document_view_set_page (self, self->page > 1 ? self->page - 1 : 1);
  else
    tandem_document_view_set_page (self, self->page + 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (widget);
  double zoom = effective_zoom (self);

  if (g_str_equal (action_name, "document.zoom-in"))
    tandem_document_view_set_zoom (self, zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "document.zoom-out"))
    tandem_document_view_set_zoom (self, zoom / ZOOM_STEP);
  else if (g_str_equal (action_name, "document.zoom-100"))
    tandem_document_view_set_zoom (self, 1.0);
  else
    tandem_document_view_set_fit_width (self, TRUE);
}

static void
place_pin_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (widget);
  TandemAnchor anchor = { .page = self->page, .x = 0.5, .y = 0.5 };

  if (self->doc == NULL || self->doc->n_pages == 0 || !self->can_pin)
    return;
  emit_pin (self, &anchor);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* Saves the bytes under $XDG_CACHE_HOME and hands them to the system */
static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TandemDocumentView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      GtkWidget *overlay = self->box != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) : NULL;
      g_autofree char *text = g_markup_printf_escaped (_("Cannot save a copy to open: %s"), error->message);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
      else
        g_warning ("%s", text);
      return;
    }
  uri = g_file_get_uri (G_FILE (object));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (widget);
  g_autofree char *name = tandem_review_display_name (self->file_name);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  char *p;

  if (self->doc == NULL || self->doc->bytes == NULL)
    return;
  /* a display name, never a path */
  for (p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      *p = '_';
  if (name[0] == '.')
    name[0] = '_';
  /* file systems allow 255 bytes: keep the start and the extension */
  if (strlen (name) > 200)
    {
      const char *dot = strrchr (name, '.');
      g_autofree char *ext = g_strdup (dot != NULL && strlen (dot) <= 16 ? dot : "");
      const char *cut = g_utf8_find_prev_char (name, name + 150);

      name[cut - name] = '\0';
      path = g_strconcat (name, ext, NULL);
      g_free (name);
      name = g_steal_pointer (&path);
    }
  dir = g_build_filename (g_get_user_cache_dir (), "tandem", "open", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  g_file_replace_contents_bytes_async (file, self->doc->bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, saved_cb, g_object_ref (self));
}

static void
thumb_selected_cb (TandemDocumentView *self)
{
  guint selected = gtk_single_selection_get_selected (self->thumb_selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    tandem_document_view_set_page (self, selected + 1);
}

static gboolean
fit_idle_cb (gpointer user_data)
{
  TandemDocumentView *self = user_data;

  self->fit_idle = 0;
  queue_render (self);
  update_controls (self);
  return G_SOURCE_REMOVE;
}

/* Never resize during the size allocation that told us the width */
static void
scroller_width_cb (TandemDocumentView *self)
{
  if (self->fit_width && self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_idle_cb, self);
}

/* Construction */

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build (TandemDocumentView *self)
{
  GtkWidget *pages_box, *button, *spinner, *fit;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->toolbar, "toolbar");
  self->prev_button = icon_button ("go-up-symbolic", _("Previous Page"), "document.previous-page");
  self->next_button = icon_button ("go-down-symbolic", _("Next Page"), "document.next-page");
  self->page_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->page_label), 12);
  gtk_box_append (GTK_BOX (self->toolbar), self->prev_button);
  gtk_box_append (GTK_BOX (self->toolbar), self->page_label);
  gtk_box_append (GTK_BOX (self->toolbar), self->next_button);
  gtk_box_append (GTK_BOX (self->toolbar), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (self->toolbar), icon_button ("zoom-out-symbolic", _("Zoom Out"), "document.zoom-out"));
  self->zoom_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->zoom_label), 6);
  gtk_box_append (GTK_BOX (self->toolbar), self->zoom_label);
  gtk_box_append (GTK_BOX (self->toolbar), icon_button ("zoom-in-symbolic", _("Zoom In"), "document.zoom-in"));
  fit = icon_button ("zoom-fit-best-symbolic", _("Fit Width"), "document.zoom-fit");
  gtk_box_append (GTK_BOX (self->toolbar), fit);
  button = gtk_button_new_with_label (_("100 %"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "document.zoom-100");
  gtk_widget_set_tooltip_text (button, _("Actual Size"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (self->toolbar), button);
  self->pin_button = gtk_button_new_with_label (_("Place Pin"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pin_button), "document.place-pin");
  gtk_widget_set_tooltip_text (self->pin_button,
                               _("Pin the middle of the page, then move the pin with the arrow keys (Ctrl+M). "
                                 "Or click the page, or drag to mark an area."));
  gtk_widget_set_margin_start (self->pin_button, 12);
  gtk_box_append (GTK_BOX (self->toolbar), self->pin_button);
  gtk_box_append (GTK_BOX (self->box), self->toolbar);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  gtk_stack_add_named (GTK_STACK (self->stack), adw_bin_new (), "empty");

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading the file"), -1);
  gtk_stack_add_named (GTK_STACK (self->stack), spinner, "loading");

  pages_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (thumb_setup_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (thumb_bind_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (thumb_unbind_cb), self);
    self->thumb_pages = gtk_string_list_new (NULL);
    self->thumb_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->thumb_pages)));
    gtk_single_selection_set_autoselect (self->thumb_selection, FALSE);
    g_signal_connect_swapped (self->thumb_selection, "notify::selected", G_CALLBACK (thumb_selected_cb), self);
    self->thumbs = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->thumb_selection)), factory);
    self->thumb_textures = g_ptr_array_new_with_free_func (unref_if_set);
    self->thumb_pictures = g_hash_table_new (NULL, NULL);
  }
  gtk_widget_add_css_class (self->thumbs, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->thumbs), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);
  self->thumbs_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->thumbs_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->thumbs_scroller), self->thumbs);
  gtk_box_append (GTK_BOX (pages_box), self->thumbs_scroller);
  gtk_box_append (GTK_BOX (pages_box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  self->canvas = g_object_new (TANDEM_TYPE_PAGE_CANVAS, NULL);
  self->canvas->view = self;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page"), -1);
  gtk_widget_set_halign (GTK_WIDGET (self->canvas), GTK_ALIGN_CENTER);
  self->scroller = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_add_css_class (self->scroller, "view");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->canvas));
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                            "notify::page-size", G_CALLBACK (scroller_width_cb), self);
  gtk_box_append (GTK_BOX (pages_box), self->scroller);
  gtk_stack_add_named (GTK_STACK (self->stack), pages_box, "pages");

  self->no_preview = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_preview), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->no_preview), _("No Preview"));
  button = gtk_button_new_with_label (_("Open With…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "document.open-with");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  adw_status_page_set_child (ADW_STATUS_PAGE (self->no_preview), button);
  gtk_stack_add_named (GTK_STACK (self->stack), self->no_preview, "no-preview");
}

/* GObject */

static void
tandem_document_view_dispose (GObject *object)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  /* the children went with the box */
  self->canvas = NULL;
  self->thumbs = self->thumbs_scroller = self->scroller = self->stack = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->doc, doc_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_queue_clear_full (&self->cache_order, g_free);
  g_clear_object (&self->thumb_selection);
  g_clear_object (&self->thumb_pages);
  g_clear_pointer (&self->thumb_textures, g_ptr_array_unref);
  g_clear_pointer (&self->thumb_pictures, g_hash_table_unref);

  G_OBJECT_CLASS (tandem_document_view_parent_class)->dispose (object);
}

static void
tandem_document_view_finalize (GObject *object)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);

  g_free (self->status);
  g_free (self->file_name);
  g_free (self->thumb_done);
  g_clear_pointer (&self->pins, g_array_unref);

  G_OBJECT_CLASS (tandem_document_view_parent_class)->finalize (object);
}

static void
tandem_document_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, tandem_document_view_get_n_pages (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->fit_width);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_document_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TandemDocumentView *self = TANDEM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      tandem_document_view_set_page (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      tandem_document_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_WIDTH:
      tandem_document_view_set_fit_width (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_document_view_class_init (TandemDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_document_view_dispose;
  object_class->finalize = tandem_document_view_finalize;
  object_class->get_property = tandem_document_view_get_property;
  object_class->set_property = tandem_document_view_set_property;

  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "empty",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemDocumentView::pin-placed:
   * @page: 1-based page
   * @x, @y, @w, @h: fractions of the page; w and h are 0 for a pin
   */
  signals[PIN_PLACED] =
    g_signal_new ("pin-placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "document.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "document.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-100", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.place-pin", NULL, place_pin_action);
  gtk_widget_class_install_action (widget_class, "document.open-with", NULL, open_with_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "document.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "document.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "document.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "document.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "document.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "document.zoom-100", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "document.place-pin", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "documentview");
}

static void
tandem_document_view_init (TandemDocumentView *self)
{
  self->zoom = 1.0;
  self->fit_width = TRUE;
  self->can_pin = TRUE;
  self->show_thumbnails = TRUE;
  self->status = g_strdup ("empty");
  self->cancellable = g_cancellable_new ();
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->cache_order);
  build (self);
  update_controls (self);
}

/* Public API */

TandemDocumentView *
tandem_document_view_new (void)
{
  return g_object_new (TANDEM_TYPE_DOCUMENT_VIEW, NULL);
}

void
tandem_document_view_clear (TandemDocumentView *self)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->doc, doc_unref);
  self->rendering = FALSE;
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->cache_order, g_free);
  self->thumbs_busy = FALSE;
  gtk_string_list_splice (self->thumb_pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->thumb_pages)), NULL);
  g_ptr_array_set_size (self->thumb_textures, 0);
  g_hash_table_remove_all (self->thumb_pictures);
  canvas_set_texture (self, NULL);
  self->shown_page = 0;
  self->has_draft = FALSE;
  self->page = 0;
  canvas_update_size (self);
  set_status (self, "empty");
  update_controls (self);
}

void
tandem_document_view_load (TandemDocumentView *self,
                           TandemStore        *store,
                           const char         *sha256,
                           const char         *mime_type,
                           const char         *file_name)
{
  LoadData *data;

  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (TANDEM_IS_STORE (store));
  g_return_if_fail (sha256 != NULL);

  tandem_document_view_clear (self);
  g_set_object (&self->store, store);
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  set_status (self, "loading");

  data = g_new0 (LoadData, 1);
  data->sha256 = g_strdup (sha256);
  data->mime_type = g_strdup (mime_type);
  tandem_store_run_async (store, load_func, data, (GDestroyNotify) load_data_free, (GDestroyNotify) doc_unref,
                          self->cancellable, load_done_cb, g_object_ref (self));
}

const char *
tandem_document_view_get_status (TandemDocumentView *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT_VIEW (self), NULL);
  return self->status;
}

guint
tandem_document_view_get_n_pages (TandemDocumentView *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT_VIEW (self), 0);
  return self->doc != NULL ? self->doc->n_pages : 0;
}

guint
tandem_document_view_get_page (TandemDocumentView *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT_VIEW (self), 0);
  return self->page;
}

void
tandem_document_view_set_page (TandemDocumentView *self,
                               guint               page)
{
  guint n;

  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  n = tandem_document_view_get_n_pages (self);
  /* a synced view may have fewer pages: it shows its last */
  page = n == 0 ? 0 : CLAMP (page, 1, n);
  if (page == self->page)
    return;
  self->page = page;
  if (page >= 1 && self->doc->pdf != NULL)
    {
      gtk_single_selection_set_selected (self->thumb_selection, page - 1);
      gtk_widget_activate_action (self->thumbs, "list.scroll-to-item", "u", page - 1);
    }
  queue_render (self);
  queue_thumbnails (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

double
tandem_document_view_get_zoom (TandemDocumentView *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT_VIEW (self), 1.0);
  return effective_zoom (self);
}

void
tandem_document_view_set_zoom (TandemDocumentView *self,
                               double              zoom)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  tandem_document_view_set_fit_width (self, FALSE);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  queue_render (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
tandem_document_view_get_fit_width (TandemDocumentView *self)
{
  g_return_val_if_fail (TANDEM_IS_DOCUMENT_VIEW (self), FALSE);
  return self->fit_width;
}

void
tandem_document_view_set_fit_width (TandemDocumentView *self,
                                    gboolean            fit_width)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  fit_width = !!fit_width;
  if (fit_width == self->fit_width)
    return;
  /* leaving fit-width keeps the size the page had */
  if (!fit_width)
    self->zoom = effective_zoom (self);
  self->fit_width = fit_width;
  queue_render (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
}

void
tandem_document_view_set_pins (TandemDocumentView      *self,
                               const TandemDocumentPin *pins,
                               guint                    n_pins)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->pins, g_array_unref);
  self->pins = g_array_sized_new (FALSE, FALSE, sizeof (TandemDocumentPin), n_pins);
  g_array_append_vals (self->pins, pins, n_pins);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
tandem_document_view_set_draft (TandemDocumentView *self,
                                const TandemAnchor *anchor)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  self->has_draft = anchor != NULL;
  if (anchor != NULL)
    self->draft = *anchor;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static gboolean
scroll_to_highlight_cb (gpointer user_data)
{
  TandemDocumentView *self = user_data;
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  TandemPageRect rect = canvas_page_rect (self->canvas);

  self->scroll_idle = 0;
  for (guint i = 0; self->pins != NULL && i < self->pins->len; i++)
    {
      const TandemDocumentPin *pin = &g_array_index (self->pins, TandemDocumentPin, i);
      double x, y;

      if (pin->number != self->highlight)
        continue;
      tandem_page_from_fraction (&rect, pin->anchor.x, pin->anchor.y, &x, &y);
      /* the pin a third down the visible part */
      gtk_adjustment_set_value (vadj, y - gtk_adjustment_get_page_size (vadj) / 3);
    }
  return G_SOURCE_REMOVE;
}

/* Goes to the page of pin @number, marks it and scrolls it into view */
void
tandem_document_view_show_pin (TandemDocumentView *self,
                               guint               number)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  for (guint i = 0; self->pins != NULL && i < self->pins->len; i++)
    {
      const TandemDocumentPin *pin = &g_array_index (self->pins, TandemDocumentPin, i);

      if (pin->number == number)
        {
          self->highlight = number;
          tandem_document_view_set_page (self, (guint) pin->anchor.page);
          gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
          /* after the page got its size */
          if (self->scroll_idle == 0)
            self->scroll_idle = g_timeout_add (50, scroll_to_highlight_cb, self);
          return;
        }
    }
}

void
tandem_document_view_set_can_pin (TandemDocumentView *self,
                                  gboolean            can_pin)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  self->can_pin = !!can_pin;
  if (!self->can_pin)
    self->has_draft = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), self->can_pin ? "crosshair" : NULL);
  update_controls (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Side by side, two views have no room for thumbnails */
void
tandem_document_view_set_show_thumbnails (TandemDocumentView *self,
                                          gboolean            show_thumbnails)
{
  g_return_if_fail (TANDEM_IS_DOCUMENT_VIEW (self));

  self->show_thumbnails = !!show_thumbnails;
  gtk_widget_set_visible (self->thumbs_scroller,
                          self->show_thumbnails && self->doc != NULL && self->doc->pdf != NULL && self->doc->n_pages > 1);
}

/* Package-private API */

gboolean
_tandem_document_view_get_page_shown (TandemDocumentView *self)
{
  return self->canvas->texture != NULL && self->shown_page == self->page;
}

gboolean
_tandem_document_view_get_page_unreadable (TandemDocumentView *self)
{
  return self->doc != NULL && self->doc->unreadable != NULL && self->page >= 1 &&
         self->page <= self->doc->n_pages && self->doc->unreadable[self->page - 1];
}
