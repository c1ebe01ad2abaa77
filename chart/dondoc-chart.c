/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* An agency's chart for the digest: one horizontal bar per state (on
   time, late, overdue, not yet due) scaled to the tasks owed, with its
   count, drawn with cairo into a PNG in memory. Built into its own
   library (libdondoc-digest-chart.la) that only the dondoc command
   links, so that no Dovecot process loads cairo. Trusts the digest's
   counts; draws no text from mail. */

#include "lib.h"
#include "buffer.h"
#include "dondoc-digest-private.h"

#include <cairo.h>

struct chart_bar {
	const char *label;
	unsigned int value;
	double r, g, b;
};

static cairo_status_t chart_write(void *context, const unsigned char *data,
				  unsigned int length)
{
	buffer_append(context, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void chart_draw(cairo_t *cr, const struct dondoc_digest_counts *c)
{
	const struct chart_bar bars[] = {
		{ "Đúng hạn", c->on_time, 0.16, 0.65, 0.27 },
		{ "Muộn", c->late, 0.95, 0.69, 0.10 },
		{ "Quá hạn", c->overdue, 0.84, 0.19, 0.19 },
		{ "Chưa đến hạn", c->open, 0.60, 0.60, 0.60 },
	};
	const double w = DONDOC_DIGEST_CHART_WIDTH;
	const double label_w = 120, count_w = 40, top = 16, bar_h = 26;
	const double bar_gap = 10, scale_w = w - label_w - count_w - 16;
	unsigned int i, max = c->owed > 0 ? c->owed : 1;
	char count[16];

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 13);
	for (i = 0; i < N_ELEMENTS(bars); i++) {
		double y = top + i * (bar_h + bar_gap);
		double len = scale_w * bars[i].value / max;

		cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
		cairo_move_to(cr, 8, y + bar_h * 0.7);
		cairo_show_text(cr, bars[i].label);
		/* the scale's track, then the bar */
		cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
		cairo_rectangle(cr, label_w, y, scale_w, bar_h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, bars[i].r, bars[i].g, bars[i].b);
		cairo_rectangle(cr, label_w, y, len, bar_h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
		i_snprintf(count, sizeof(count), "%u", bars[i].value);
		cairo_move_to(cr, label_w + scale_w + 8, y + bar_h * 0.7);
		cairo_show_text(cr, count);
	}
}

int dondoc_digest_chart_png(const struct dondoc_digest_agency *agency,
			    buffer_t *dest, const char **error_r)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	cairo_t *cr;

	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					     DONDOC_DIGEST_CHART_WIDTH,
					     DONDOC_DIGEST_CHART_HEIGHT);
	cr = cairo_create(surface);
	chart_draw(cr, &agency->counts);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(surface);
		status = cairo_surface_write_to_png_stream(surface,
							   chart_write, dest);
	}
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		*error_r = t_strdup_printf("chart: %s",
					   cairo_status_to_string(status));
		return -1;
	}
	return 0;
}
