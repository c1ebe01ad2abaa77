/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* A small, bounded HTML-to-text converter (see dondoc-html.h). It trusts
   nothing: tags may be unterminated, entities invalid, nesting absurd.
   Tag names longer than HTML_TAG_MAX and entity names longer than
   HTML_ENTITY_MAX are not recognised, blockquote depth is capped. */

#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-html.h"

#define HTML_TAG_MAX 16
#define HTML_ENTITY_MAX 10
#define HTML_QUOTE_MAX 8

struct html_ctx {
	string_t *dest;
	/* bytes to skip: inside <script>, <style>, <head> (by name) */
	const char *skip_until;
	unsigned int quote_depth;
	/* the table row being written, rewritten as one line of cells at
	   its end (dondoc_text_table_row); tables in tables are not */
	unsigned int table_depth, row_cells;
	size_t row_start, cell_starts[DONDOC_TEXT_ROW_MAX_CELLS];
	bool row_active;
	bool at_line_start;
	bool pending_space;
};

static const struct {
	const char *name;
	unichar_t chr;
} html_entities[] = {
	{ "nbsp", 0xA0 }, { "amp", '&' }, { "lt", '<' }, { "gt", '>' },
	{ "quot", '"' }, { "apos", '\'' }, { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "laquo", 0xAB },
	{ "raquo", 0xBB }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bull", 0x2022 },
	{ "Agrave", 0xC0 }, { "Aacute", 0xC1 }, { "Acirc", 0xC2 },
	{ "Atilde", 0xC3 }, { "Egrave", 0xC8 }, { "Eacute", 0xC9 },
	{ "Ecirc", 0xCA }, { "Igrave", 0xCC }, { "Iacute", 0xCD },
	{ "Ograve", 0xD2 }, { "Oacute", 0xD3 }, { "Ocirc", 0xD4 },
	{ "Otilde", 0xD5 }, { "Ugrave", 0xD9 }, { "Uacute", 0xDA },
	{ "Yacute", 0xDD }, { "agrave", 0xE0 }, { "aacute", 0xE1 },
	{ "acirc", 0xE2 }, { "atilde", 0xE3 }, { "egrave", 0xE8 },
	{ "eacute", 0xE9 }, { "ecirc", 0xEA }, { "igrave", 0xEC },
	{ "iacute", 0xED }, { "ograve", 0xF2 }, { "oacute", 0xF3 },
	{ "ocirc", 0xF4 }, { "otilde", 0xF5 }, { "ugrave", 0xF9 },
	{ "uacute", 0xFA }, { "yacute", 0xFD },
};

/* Tags that end a line; cells become tabs. */
static const char *const html_block_tags[] = {
	"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
	"table", "ul", "ol", "hr", "title", "dt", "dd", "pre", "section",
	"article", "header", "footer", "center", "address", "tbody",
	"thead",
};

static void html_newline(struct html_ctx *ctx)
{
	str_append_c(ctx->dest, '\n');
	ctx->at_line_start = TRUE;
	ctx->pending_space = FALSE;
}

/* Before a character that is no blank: the line's quote marks, the
   space pending before it. */
static void html_text_start(struct html_ctx *ctx)
{
	unsigned int i;

	if (ctx->at_line_start) {
		ctx->at_line_start = FALSE;
		for (i = 0; i < ctx->quote_depth; i++)
			str_append(ctx->dest, "> ");
	}
	if (ctx->pending_space) {
		str_append_c(ctx->dest, ' ');
		ctx->pending_space = FALSE;
	}
}

static void html_char(struct html_ctx *ctx, unichar_t chr)
{
	if (chr == ' ' || chr == '\t' || chr == '\n' || chr == '\r' ||
	    chr == '\f') {
		if (!ctx->at_line_start)
			ctx->pending_space = TRUE;
		return;
	}
	html_text_start(ctx);
	if (chr < 0x80)
		str_append_c(ctx->dest, (char)chr);
	else
		uni_ucs4_to_utf8_c(chr, ctx->dest);
}

/* A valid UTF-8 character of the input, not a blank: html_char() of it,
   its bytes copied as they are (they are its encoding). */
static void html_utf8(struct html_ctx *ctx, const char *p, size_t n)
{
	html_text_start(ctx);
	str_append_data(ctx->dest, p, n);
}

static void html_row_end(struct html_ctx *ctx)
{
	if (!ctx->row_active)
		return;
	ctx->row_active = FALSE;
	if (!ctx->at_line_start)
		html_newline(ctx);
	dondoc_text_table_row(ctx->dest, ctx->row_start, ctx->cell_starts,
			      ctx->row_cells, SIZE_MAX);
}

/* A tag name (lower-cased by html_skip_tag) is lit, a lower-case name:
   the first byte first, most names differ there. */
static inline bool tag_is(const char *name, const char *lit)
{
	return name[0] == lit[0] && strcmp(name, lit) == 0;
}

/* <table>, <tr>: the rows of a table that is no cell of another */
static void html_table_tag(struct html_ctx *ctx, const char *name,
			   bool closing)
{
	if (tag_is(name, "table")) {
		html_row_end(ctx);
		if (!closing && ctx->table_depth < 64)
			ctx->table_depth++;
		else if (closing && ctx->table_depth > 0)
			ctx->table_depth--;
		return;
	}
	html_row_end(ctx);
	if (!closing && ctx->table_depth <= 1 && ctx->quote_depth == 0) {
		if (!ctx->at_line_start)
			html_newline(ctx);
		ctx->row_active = TRUE;
		ctx->row_start = str_len(ctx->dest);
		ctx->row_cells = 0;
	}
}

static bool html_name_in(const char *name, const char *const *names,
			 unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (tag_is(name, names[i]))
			return TRUE;
	}
	return FALSE;
}

static void html_tag(struct html_ctx *ctx, const char *name, bool closing)
{
	if (!closing && (tag_is(name, "script") ||
			 tag_is(name, "style") ||
			 tag_is(name, "head"))) {
		ctx->skip_until = tag_is(name, "script") ?
			"</script" : tag_is(name, "style") ?
			"</style" : "</head";
		return;
	}
	if (tag_is(name, "td") || tag_is(name, "th")) {
		/* a tab between cells, none before the first */
		if (!closing && !ctx->at_line_start) {
			str_append_c(ctx->dest, '\t');
			ctx->pending_space = FALSE;
		}
		if (!closing && ctx->row_active) {
			if (ctx->row_cells < N_ELEMENTS(ctx->cell_starts))
				ctx->cell_starts[ctx->row_cells++] =
					str_len(ctx->dest);
			else
				ctx->row_active = FALSE;
		}
		return;
	}
	if (tag_is(name, "table") || tag_is(name, "tr"))
		html_table_tag(ctx, name, closing);
	if (tag_is(name, "blockquote")) {
		ctx->row_active = FALSE;
		if (!ctx->at_line_start)
			html_newline(ctx);
		if (closing && ctx->quote_depth > 0)
			ctx->quote_depth--;
		else if (!closing && ctx->quote_depth < HTML_QUOTE_MAX)
			ctx->quote_depth++;
		return;
	}
	/* inline tags (span, b, i, font, a, ...) are the common case */
	if (strchr("pdbtlhuoscafPDBTLHUOSCAF", name[0]) == NULL)
		return;
	if (html_name_in(name, html_block_tags, N_ELEMENTS(html_block_tags))) {
		if (!ctx->at_line_start || tag_is(name, "br"))
			html_newline(ctx);
	}
}

/* Parse an entity at html[*pos] == '&'; returns FALSE if it is none. */
static bool html_entity(const char *html, size_t size, size_t *pos,
			unichar_t *chr_r)
{
	size_t i = *pos + 1, start;
	unichar_t chr = 0;
	unsigned int n;

	if (i < size && html[i] == '#') {
		bool hex = FALSE;

		i++;
		if (i < size && (html[i] == 'x' || html[i] == 'X')) {
			hex = TRUE;
			i++;
		}
		start = i;
		for (; i < size; i++) {
			char c = html[i];

			/* past U+10FFFF: keep it there, it is replaced */
			if (chr > 0x10FFFF)
				chr = 0x110000;
			if (c >= '0' && c <= '9')
				chr = chr * (hex ? 16 : 10) + (c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				chr = chr * 16 + (c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				chr = chr * 16 + (c - 'A' + 10);
			else
				break;
		}
		if (i == start)
			return FALSE;
		if (i < size && html[i] == ';')
			i++;
		if (chr == 0 || chr > 0x10FFFF ||
		    (chr >= 0xD800 && chr <= 0xDFFF))
			chr = UNICODE_REPLACEMENT_CHAR;
		*chr_r = chr;
		*pos = i;
		return TRUE;
	}
	start = i;
	while (i < size && i - start <= HTML_ENTITY_MAX && i_isalnum(html[i]))
		i++;
	if (i == start || i - start > HTML_ENTITY_MAX)
		return FALSE;
	for (n = 0; n < N_ELEMENTS(html_entities); n++) {
		if (strlen(html_entities[n].name) == i - start &&
		    memcmp(html_entities[n].name, html + start, i - start) == 0) {
			if (i < size && html[i] == ';')
				i++;
			*chr_r = html_entities[n].chr;
			*pos = i;
			return TRUE;
		}
	}
	return FALSE;
}

/* Skip a tag starting at html[*pos] == '<', handling it. */
static void html_skip_tag(struct html_ctx *ctx, const char *html, size_t size,
			  size_t *pos)
{
	size_t i = *pos + 1, start, k;
	char name[HTML_TAG_MAX + 1];
	bool closing = FALSE;
	char quote = '\0';

	if (size - i >= 3 && memcmp(html + i, "!--", 3) == 0) {
		for (i += 3; i + 3 <= size; i++) {
			if (html[i] == '-' && html[i+1] == '-' &&
			    html[i+2] == '>')
				break;
		}
		*pos = i + 3 <= size ? i + 3 : size;
		return;
	}
	if (i < size && html[i] == '/') {
		closing = TRUE;
		i++;
	}
	start = i;
	while (i < size && (i_isalnum(html[i])))
		i++;
	if (i - start > 0 && i - start <= HTML_TAG_MAX) {
		/* lower-cased once: html_tag() compares it as it is */
		for (k = 0; k < i - start; k++)
			name[k] = i_tolower(html[start + k]);
		name[i - start] = '\0';
	} else {
		name[0] = '\0';
	}
	/* find the end of the tag, honouring quoted attribute values */
	for (; i < size; i++) {
		if (quote != '\0') {
			if (html[i] == quote)
				quote = '\0';
		} else if (html[i] == '"' || html[i] == '\'') {
			quote = html[i];
		} else if (html[i] == '>') {
			break;
		}
	}
	*pos = i < size ? i + 1 : size;
	if (name[0] != '\0')
		html_tag(ctx, name, closing);
}

void dondoc_html_to_text(const char *html, size_t size, string_t *dest)
{
	struct html_ctx ctx;
	size_t pos = 0;
	unichar_t chr;
	int n;

	i_zero(&ctx);
	ctx.dest = dest;
	ctx.at_line_start = TRUE;
	while (pos < size) {
		unsigned char c = html[pos];

		if (ctx.skip_until != NULL) {
			size_t len = strlen(ctx.skip_until);
			const char *p = html + pos;

			/* case-insensitive search for the end tag */
			while ((size_t)(p - html) + len <= size &&
			       strncasecmp(p, ctx.skip_until, len) != 0) {
				p = memchr(p + 1, '<', size - (p + 1 - html));
				if (p == NULL)
					break;
			}
			if (p == NULL || (size_t)(p - html) + len > size) {
				pos = size;
				break;
			}
			pos = p - html;
			ctx.skip_until = NULL;
			html_skip_tag(&ctx, html, size, &pos);
			continue;
		}
		if (c == '<') {
			html_skip_tag(&ctx, html, size, &pos);
		} else if (c == '&' && html_entity(html, size, &pos, &chr)) {
			html_char(&ctx, chr == 0xA0 ? ' ' : chr);
		} else if (c > ' ' && c < 0x80) {
			/* a run of plain ASCII text at once */
			size_t end = pos + 1;

			while (end < size && (unsigned char)html[end] > ' ' &&
			       (unsigned char)html[end] < 0x80 &&
			       html[end] != '<' && html[end] != '&')
				end++;
			html_char(&ctx, c);
			str_append_data(ctx.dest, html + pos + 1, end - pos - 1);
			pos = end;
		} else if (c < 0x80) {
			html_char(&ctx, c);
			pos++;
		} else {
			n = uni_utf8_get_char_n(html + pos, size - pos, &chr);
			if (n <= 0) {
				html_char(&ctx, UNICODE_REPLACEMENT_CHAR);
				n = 1;
			} else {
				html_utf8(&ctx, html + pos, n);
			}
			pos += n;
		}
	}
	html_row_end(&ctx);
	if (!ctx.at_line_start)
		html_newline(&ctx);
}

const char *dondoc_html_meta_charset(const char *html, size_t size)
{
	const char *p, *end;
	size_t len = I_MIN(size, 4096), i;

	for (p = html; p != NULL && (size_t)(p - html) + 8 < len;
	     p = memchr(p + 1, 'c', len - (p + 1 - html))) {
		if (strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		if (*p == '"' || *p == '\'')
			p++;
		end = html + len;
		for (i = 0; p + i < end && i < 40 &&
		     (i_isalnum(p[i]) || p[i] == '-' || p[i] == '_' ||
		      p[i] == ':'); i++) ;
		return i == 0 ? NULL : t_strndup(p, i);
	}
	return NULL;
}
