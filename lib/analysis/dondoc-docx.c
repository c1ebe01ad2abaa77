/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* .docx/.odt text extraction (see dondoc-docx.h). Trusts nothing in the
   archive: the central directory may lie about sizes (we count while
   inflating), the XML may be malformed or carry a DTD (refused: no entity
   expansion at all), the text may be endless (cut at the limit). An
   archive over a limit is read up to it: what was read is kept; so is
   an archive cut before its central directory (dondoc-zip-local.c). */

#include "lib.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-docx.h"
#include "dondoc-zip-local.h"

#include <time.h>
#include <zip.h>
#include <expat.h>

#define OFFICE_READ_CHUNK 16384
#define OFFICE_CUT_WARNING "office document: archive cut, read up to the cut"

struct office_ctx {
	enum dondoc_office_kind kind;
	XML_Parser parser;
	string_t *dest;
	size_t start, max_text;
	/* depth inside <w:t> (docx) or <text:p>/<text:h> (odt) */
	unsigned int text_depth;
	/* the table row being written, rewritten as one line of cells at
	   its end (dondoc_text_table_row); tables in tables are not */
	unsigned int table_depth, row_cells;
	size_t row_start, cell_starts[DONDOC_TEXT_ROW_MAX_CELLS];
	bool row_active;
	bool too_long, doctype;
};

static void office_table_start(struct office_ctx *ctx, const char *name)
{
	if (strcmp(name, "w:tbl") == 0 || strcmp(name, "table:table") == 0) {
		ctx->row_active = FALSE;
		ctx->table_depth++;
	} else if (strcmp(name, "w:tr") == 0 ||
		   strcmp(name, "table:table-row") == 0) {
		ctx->row_active = ctx->table_depth == 1;
		ctx->row_start = str_len(ctx->dest);
		ctx->row_cells = 0;
	} else if (ctx->row_active && (strcmp(name, "w:tc") == 0 ||
				       strcmp(name, "table:table-cell") == 0)) {
		if (ctx->row_cells < N_ELEMENTS(ctx->cell_starts))
			ctx->cell_starts[ctx->row_cells++] = str_len(ctx->dest);
		else
			ctx->row_active = FALSE;
	}
}

static void office_table_end(struct office_ctx *ctx, const char *name)
{
	if (strcmp(name, "w:tbl") == 0 || strcmp(name, "table:table") == 0) {
		if (ctx->table_depth > 0)
			ctx->table_depth--;
		ctx->row_active = FALSE;
	} else if (ctx->row_active && !ctx->too_long &&
		   (strcmp(name, "w:tr") == 0 ||
		    strcmp(name, "table:table-row") == 0)) {
		ctx->row_active = FALSE;
		dondoc_text_table_row(ctx->dest, ctx->row_start,
				      ctx->cell_starts, ctx->row_cells,
				      ctx->start + ctx->max_text);
	}
}

static void office_append(struct office_ctx *ctx, const char *data,
			  size_t len)
{
	if (ctx->too_long)
		return;
	if (str_len(ctx->dest) - ctx->start + len > ctx->max_text) {
		ctx->too_long = TRUE;
		XML_StopParser(ctx->parser, XML_FALSE);
		return;
	}
	str_append_data(ctx->dest, data, len);
}

static void XMLCALL office_start(void *context, const XML_Char *name,
				 const XML_Char **attrs ATTR_UNUSED)
{
	struct office_ctx *ctx = context;

	office_table_start(ctx, name);
	if (ctx->kind == DONDOC_OFFICE_DOCX) {
		if (strcmp(name, "w:t") == 0)
			ctx->text_depth++;
		else if (strcmp(name, "w:tab") == 0)
			office_append(ctx, "\t", 1);
		else if (strcmp(name, "w:br") == 0 ||
			 strcmp(name, "w:cr") == 0)
			office_append(ctx, "\n", 1);
	} else {
		if (strcmp(name, "text:p") == 0 ||
		    strcmp(name, "text:h") == 0)
			ctx->text_depth++;
		else if (strcmp(name, "text:tab") == 0)
			office_append(ctx, "\t", 1);
		else if (strcmp(name, "text:line-break") == 0)
			office_append(ctx, "\n", 1);
		else if (strcmp(name, "text:s") == 0)
			office_append(ctx, " ", 1);
	}
}

static void XMLCALL office_end(void *context, const XML_Char *name)
{
	struct office_ctx *ctx = context;

	office_table_end(ctx, name);
	if (ctx->kind == DONDOC_OFFICE_DOCX) {
		if (strcmp(name, "w:t") == 0 && ctx->text_depth > 0)
			ctx->text_depth--;
		else if (strcmp(name, "w:p") == 0)
			office_append(ctx, "\n", 1);
	} else if (strcmp(name, "text:p") == 0 ||
		   strcmp(name, "text:h") == 0) {
		if (ctx->text_depth > 0)
			ctx->text_depth--;
		office_append(ctx, "\n", 1);
	}
}

static void XMLCALL office_chars(void *context, const XML_Char *s, int len)
{
	struct office_ctx *ctx = context;

	if (ctx->text_depth > 0 && len > 0)
		office_append(ctx, s, len);
}

static void XMLCALL
office_doctype(void *context, const XML_Char *name ATTR_UNUSED,
	       const XML_Char *sysid ATTR_UNUSED,
	       const XML_Char *pubid ATTR_UNUSED,
	       int has_internal_subset ATTR_UNUSED)
{
	struct office_ctx *ctx = context;

	/* office XML never has one; a DTD only brings entity bombs */
	ctx->doctype = TRUE;
	XML_StopParser(ctx->parser, XML_FALSE);
}

static uint64_t office_cpu_nsecs(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The bytes of the entry read so far, against its budget: every reader
   (libzip, or the local headers of a cut archive) feeds expat here. */
struct office_reader {
	struct office_ctx *ctx;
	uint64_t cpu_deadline_nsecs;
	size_t budget, total;
	const char *budget_warning;
	/* why the reading stopped, NULL while it goes on */
	const char *warning;
};

/* Feed size inflated bytes (0: the end of the entry). Past the budget
   the reading stops where it is, the bytes up to it still parsed: the
   text read so far stays in dest. Returns 0 to go on, -1 when stopped
   (reader->warning says why). */
static int office_feed(void *context, const void *data, size_t size)
{
	struct office_reader *reader = context;
	struct office_ctx *ctx = reader->ctx;

	if (reader->cpu_deadline_nsecs != 0 &&
	    office_cpu_nsecs() > reader->cpu_deadline_nsecs) {
		reader->warning = "time limit reached";
		return -1;
	}
	if (size > reader->budget - reader->total) {
		size = reader->budget - reader->total;
		(void)XML_Parse(ctx->parser, data, (int)size, XML_FALSE);
		reader->warning = ctx->too_long ? "text limit reached" :
			reader->budget_warning;
		return -1;
	}
	reader->total += size;
	if (XML_Parse(ctx->parser, data, (int)size, size == 0) ==
	    XML_STATUS_ERROR) {
		if (ctx->too_long)
			reader->warning = "text limit reached";
		else if (ctx->doctype)
			reader->warning = "office document: DTD refused";
		else
			reader->warning = "office document: XML error";
		return -1;
	}
	return 0;
}

/* Inflate the entry through libzip, counting the bytes actually
   produced (the directory may lie). */
static int office_read_entry(struct office_reader *reader, zip_t *zip,
			     zip_uint64_t index, const char **warning_r)
{
	char buf[OFFICE_READ_CHUNK];
	zip_file_t *file;
	zip_int64_t n;
	int ret = 0;

	file = zip_fopen_index(zip, index, 0);
	if (file == NULL) {
		*warning_r = "office document: cannot open entry";
		return -1;
	}
	do {
		n = zip_fread(file, buf, sizeof(buf));
		if (n < 0) {
			*warning_r = "office document: corrupt archive";
			ret = -1;
		} else if (office_feed(reader, buf, n) < 0) {
			*warning_r = reader->warning;
			ret = -1;
		}
	} while (ret == 0 && n > 0);
	zip_fclose(file);
	return ret;
}

/* An archive libzip cannot open, as an attachment cut at its size limit
   is (its central directory was at the end): the entry is found by the
   local file headers and read up to the cut, what was read kept. With no
   trustworthy size, the ratio budget counts the whole archive as the
   entry's compressed size. */
static int office_read_cut(struct office_reader *reader, const void *data,
			   size_t size, const char *entry,
			   const struct dondoc_zip_limits *limits,
			   const char **warning_r)
{
	const struct dondoc_zip_local_limits local_limits = {
		.max_entries = limits->max_entries,
		.max_skip_bytes = limits->max_uncompressed_bytes,
	};
	const char *error;
	int ret;

	ret = dondoc_zip_local_read(data, size, entry, &local_limits,
				    office_feed, reader, &error);
	if (reader->warning != NULL) {
		*warning_r = reader->warning;
		return -1;
	}
	if (ret < 0) {
		*warning_r = error;
		return -1;
	}
	if (ret > 0) {
		/* the entry ended before the cut: read whole */
		if (office_feed(reader, "", 0) == 0)
			return 0;
		*warning_r = reader->warning;
		return -1;
	}
	*warning_r = OFFICE_CUT_WARNING;
	return -1;
}

/* Returns 1 with *zip_r, 0 when libzip cannot open it (no central
   directory: cut, or not a zip), -1 when it is refused. */
static int office_open(const void *data, size_t size,
		       const struct dondoc_zip_limits *limits, zip_t **zip_r,
		       const char **warning_r)
{
	zip_source_t *src;
	zip_error_t error;

	if (size > limits->max_archive_bytes) {
		*warning_r = "office document: archive size limit reached";
		return -1;
	}
	zip_error_init(&error);
	src = zip_source_buffer_create(data, size, 0, &error);
	if (src == NULL) {
		zip_error_fini(&error);
		*warning_r = "office document: cannot read archive";
		return -1;
	}
	*zip_r = zip_open_from_source(src, ZIP_RDONLY, &error);
	zip_error_fini(&error);
	if (*zip_r == NULL) {
		zip_source_free(src);
		return 0;
	}
	return 1;
}

/* The central directory's word on the entry. An entry declared larger
   than the uncompressed limit, or compressed more than max_ratio, is not
   refused: its first *budget_r bytes are read (a document's header is at
   its start), the rest never inflated. The budget counts bytes actually
   inflated, so a directory that lies gains nothing. */
static int office_check_entry(zip_t *zip, const char *entry,
			      const struct dondoc_zip_limits *limits,
			      zip_uint64_t *index_r, size_t *budget_r,
			      const char **budget_warning_r,
			      const char **warning_r)
{
	zip_int64_t entries, index;
	zip_uint64_t by_ratio;
	zip_stat_t st;

	entries = zip_get_num_entries(zip, 0);
	if (entries < 0 || (zip_uint64_t)entries > limits->max_entries) {
		*warning_r = "office document: entry count limit reached";
		return -1;
	}
	index = zip_name_locate(zip, entry, 0);
	if (index < 0 || zip_stat_index(zip, index, 0, &st) < 0) {
		*warning_r = "office document: no document text in archive";
		return -1;
	}
	*budget_r = limits->max_uncompressed_bytes;
	*budget_warning_r = "office document: uncompressed size limit reached";
	if ((st.valid & ZIP_STAT_COMP_SIZE) != 0) {
		by_ratio = (zip_uint64_t)limits->max_ratio * (st.comp_size + 1);
		if (by_ratio < *budget_r) {
			*budget_r = by_ratio;
			*budget_warning_r = "office document: compression "
				"ratio limit reached";
		}
	}
	/* The limit the declared size passes is the one to report, even
	   when the text limit then stops the reading first. */
	if ((st.valid & ZIP_STAT_SIZE) == 0 ||
	    st.size > limits->max_uncompressed_bytes)
		*warning_r = "office document: uncompressed size limit reached";
	else if (st.size > *budget_r)
		*warning_r = *budget_warning_r;
	*index_r = index;
	return 0;
}

static void office_parser_init(struct office_ctx *ctx,
			       enum dondoc_office_kind kind,
			       const struct dondoc_zip_limits *limits,
			       string_t *dest)
{
	i_zero(ctx);
	ctx->kind = kind;
	ctx->dest = dest;
	ctx->start = str_len(dest);
	ctx->max_text = limits->max_text_bytes;
	ctx->parser = XML_ParserCreate("UTF-8");
	if (ctx->parser == NULL)
		i_fatal_status(FATAL_OUTOFMEM, "XML_ParserCreate() failed");
	XML_SetUserData(ctx->parser, ctx);
	XML_SetElementHandler(ctx->parser, office_start, office_end);
	XML_SetCharacterDataHandler(ctx->parser, office_chars);
	XML_SetStartDoctypeDeclHandler(ctx->parser, office_doctype);
}

static int office_extract_zip(struct office_reader *reader, zip_t *zip,
			      const char *entry,
			      const struct dondoc_zip_limits *limits,
			      const char **warning_r)
{
	const char *declared_warning = NULL;
	zip_uint64_t index;
	int ret;

	if (office_check_entry(zip, entry, limits, &index, &reader->budget,
			       &reader->budget_warning,
			       &declared_warning) < 0) {
		*warning_r = declared_warning;
		return -1;
	}
	ret = office_read_entry(reader, zip, index, warning_r);
	if (ret < 0 && declared_warning != NULL) {
		/* declared over a limit and cut: that limit is the news */
		*warning_r = declared_warning;
	}
	return ret;
}

/* The budget of a cut archive's entry: no size to trust but the bytes
   there are. */
static void office_cut_budget(struct office_reader *reader, size_t size,
			      const struct dondoc_zip_limits *limits)
{
	uint64_t by_ratio = (uint64_t)limits->max_ratio * (size + 1);

	reader->budget = limits->max_uncompressed_bytes;
	reader->budget_warning =
		"office document: uncompressed size limit reached";
	if (by_ratio < reader->budget) {
		reader->budget = by_ratio;
		reader->budget_warning =
			"office document: compression ratio limit reached";
	}
}

int dondoc_office_extract(enum dondoc_office_kind kind, const void *data,
			  size_t size, const struct dondoc_zip_limits *limits,
			  string_t *dest, const char **warning_r)
{
	const char *entry = kind == DONDOC_OFFICE_DOCX ?
		"word/document.xml" : "content.xml";
	struct office_ctx ctx;
	struct office_reader reader = {
		.ctx = &ctx,
		.cpu_deadline_nsecs = limits->cpu_deadline_nsecs,
	};
	zip_t *zip = NULL;
	int ret;

	ret = office_open(data, size, limits, &zip, warning_r);
	if (ret < 0)
		return -1;
	office_parser_init(&ctx, kind, limits, dest);
	if (ret > 0) {
		ret = office_extract_zip(&reader, zip, entry, limits,
					 warning_r);
		zip_discard(zip);
	} else {
		office_cut_budget(&reader, size, limits);
		ret = office_read_cut(&reader, data, size, entry, limits,
				      warning_r);
	}
	XML_ParserFree(ctx.parser);
	return ret;
}
