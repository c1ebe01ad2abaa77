/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* dondoc-chart: draws the digest's per-agency charts, one horizontal bar
   per state (on time, late, overdue, not yet due) scaled to the tasks
   owed, with its count, as PNG (cairo). A program of its own so that
   only a digest that has pictures loads cairo and its dozen libraries:
   the dondoc command runs it (cli/cli-digest.c), every other command
   starts without them (7M instructions of dynamic linking each).

     dondoc-chart OWED ON_TIME LATE OVERDUE OPEN [OWED ON_TIME ...]

   Five decimal counts per chart, any number of charts. Output, for each
   chart in order: "<length>\n" and that many bytes of PNG. Exits 0 when
   every chart was written, 1 (with a message on stderr) otherwise.
   Trusts its argv (the digest's counts, from the store) and nothing
   else; draws no text from mail. Links cairo only, never libdovecot or
   dondoc's code. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

/* as DONDOC_DIGEST_CHART_WIDTH/HEIGHT (lib/tracking/dondoc-digest.h),
   which the docx writer announces: the caller checks the PNG's size */
#define CHART_WIDTH 480
#define CHART_HEIGHT 160
#define N_ELEMENTS(arr) (sizeof(arr) / sizeof((arr)[0]))

struct chart_counts {
	unsigned int owed, on_time, late, overdue, open;
};

struct chart_bar {
	const char *label;
	unsigned int value;
	double r, g, b;
};

struct chart_png {
	unsigned char *data;
	size_t size, alloc;
};

static cairo_status_t chart_write(void *context, const unsigned char *data,
				  unsigned int length)
{
	struct chart_png *png = context;
	unsigned char *grown;

	if (png->size + length > png->alloc) {
		png->alloc = (png->size + length) * 2;
		if ((grown = realloc(png->data, png->alloc)) == NULL)
			return CAIRO_STATUS_NO_MEMORY;
		png->data = grown;
	}
	memcpy(png->data + png->size, data, length);
	png->size += length;
	return CAIRO_STATUS_SUCCESS;
}

static void chart_draw(cairo_t *cr, const struct chart_counts *c)
{
	const struct chart_bar bars[] = {
		{ "Đúng hạn", c->on_time, 0.16, 0.65, 0.27 },
		{ "Muộn", c->late, 0.95, 0.69, 0.10 },
		{ "Quá hạn", c->overdue, 0.84, 0.19, 0.19 },
		{ "Chưa đến hạn", c->open, 0.60, 0.60, 0.60 },
	};
	const double w = CHART_WIDTH;
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
		snprintf(count, sizeof(count), "%u", bars[i].value);
		cairo_move_to(cr, label_w + scale_w + 8, y + bar_h * 0.7);
		cairo_show_text(cr, count);
	}
}

/* One chart onto stdout: 0, or -1 with the reason on stderr. */
static int chart_png(const struct chart_counts *c, struct chart_png *png)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	cairo_t *cr;

	png->size = 0;
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					     CHART_WIDTH, CHART_HEIGHT);
	cr = cairo_create(surface);
	chart_draw(cr, c);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(surface);
		status = cairo_surface_write_to_png_stream(surface,
							   chart_write, png);
	}
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "dondoc-chart: %s\n",
			cairo_status_to_string(status));
		return -1;
	}
	if (printf("%zu\n", png->size) < 0 ||
	    fwrite(png->data, 1, png->size, stdout) != png->size) {
		fprintf(stderr, "dondoc-chart: write: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static int parse_count(const char *arg, unsigned int *value_r)
{
	unsigned long value;
	char *end;

	if (arg[0] < '0' || arg[0] > '9')
		return -1;
	errno = 0;
	value = strtoul(arg, &end, 10);
	if (errno != 0 || *end != '\0' || value > 0x7fffffff)
		return -1;
	*value_r = (unsigned int)value;
	return 0;
}

int main(int argc, char *argv[])
{
	struct chart_png png = { NULL, 0, 0 };
	struct chart_counts c;
	int i;

	if (argc < 2 || (argc - 1) % 5 != 0) {
		fprintf(stderr, "usage: dondoc-chart OWED ON_TIME LATE "
			"OVERDUE OPEN [...]\n");
		return 1;
	}
	for (i = 1; i < argc; i += 5) {
		if (parse_count(argv[i], &c.owed) < 0 ||
		    parse_count(argv[i + 1], &c.on_time) < 0 ||
		    parse_count(argv[i + 2], &c.late) < 0 ||
		    parse_count(argv[i + 3], &c.overdue) < 0 ||
		    parse_count(argv[i + 4], &c.open) < 0) {
			fprintf(stderr, "dondoc-chart: not a count in "
				"argument %d..%d\n", i, i + 4);
			return 1;
		}
		if (chart_png(&c, &png) < 0)
			return 1;
	}
	free(png.data);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dondoc-chart: write: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
