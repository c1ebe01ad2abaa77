/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Finding Decree 30/2020 administrative documents in UTF-8 text.

   A document is anchored on its number line, "Số: 17/TTr-BCĐ-CAT": that
   is the one element every numbered document has. The type comes from the
   type line under it (BÁO CÁO, ...) when there is one, else from the
   symbol; a symbol whose first part is no type abbreviation (UBND-KT)
   is a công văn.

   Around the number line is the header block (Decree 30 layout, or what
   html tables, Word tables and hand-spaced plain text make of it): agency
   lines above (issuer), place and date, secrecy and urgency marks; below
   come the type line, the summary, "Kính gửi:", then the body, where
   cited documents and the difficulties/proposals sections are found.
   Lines are split into cells on tabs and runs of spaces. The text is
   trusted to be valid NFC UTF-8 (the analysis makes it so) and nothing
   else: every scan is linear, every kept value bounded.

   This file splits the text into lines and finds the documents; the
   vocabulary is in dondoc-document-words.c, the header block in
   dondoc-document-header.c, the body in dondoc-document-body.c. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

static void document_init(pool_t pool, const char *source,
			  struct dondoc_document *doc_r)
{
	i_zero(doc_r);
	doc_r->source = p_strdup(pool, source);
	p_array_init(&doc_r->recipients, pool, 2);
	p_array_init(&doc_r->references, pool, 2);
	p_array_init(&doc_r->assignments, pool, 1);
}

/* The number cell of a line, if it has one. */
static bool line_number(const struct doc_line *line, const char **number_r,
			const char **symbol_r)
{
	struct doc_cell cells[DOC_LINE_CELLS];
	struct doc_so_search ss;
	unsigned int k, n;
	size_t i;

	if (line->len < 4)
		return FALSE;
	/* cheap tests first: a '/' or '-', then "S" followed by "o", "ố"
	   (E1 ..), a space or ':' */
	if (memchr(line->s, '/', line->len) == NULL &&
	    memchr(line->s, '-', line->len) == NULL)
		return FALSE;
	/* "Số" begins a cell: the line, or after a tab or spaces; the S
	   and s before the last byte */
	doc_so_search_init(&ss, line->s, line->len - 1);
	for (i = 0; (i = doc_so_search_next(&ss, i)) != (size_t)-1; i++) {
		unsigned char c = line->s[i+1];

		if ((c == 'o' || c == 'O' || c == 0xE1 || c == ' ' ||
		     c == ':' || c == '0') &&
		    (i == 0 || line->s[i-1] == '\t' ||
		     (i >= 2 && line->s[i-1] == ' ' && line->s[i-2] == ' ')))
			break;
	}
	if (i == (size_t)-1)
		return FALSE;
	n = doc_line_cells_cached(line, cells);
	for (k = 0; k < n; k++) {
		if (cells[k].len < DOC_MAX_CELL &&
		    doc_parse_number_line(cells[k].s, cells[k].len,
				      number_r, symbol_r))
			return TRUE;
	}
	return FALSE;
}

static void split_lines(const char *text, size_t size,
			ARRAY_TYPE(doc_line) *lines)
{
	struct doc_line *line;
	const char *s;
	size_t pos = 0, len;

	while (dondoc_text_next_line(text, size, &pos, &s, &len)) {
		line = array_append_space(lines);
		/* "> > text": quoted in a reply */
		while (len > 0 && (s[0] == '>' || s[0] == ' ' || s[0] == '\t') &&
		       (s[0] != ' ' || line->quoted)) {
			if (s[0] == '>')
				line->quoted = TRUE;
			s++; len--;
		}
		dondoc_text_trim(&s, &len);
		line->s = s;
		line->len = len;
	}
}

/* Where the header block of the document numbered at line next begins:
   the agency, motto and blank lines just above it. */
static unsigned int header_start(const struct doc_line *all,
				 unsigned int prev_number, unsigned int next)
{
	struct doc_cell cells[DOC_LINE_CELLS];
	unsigned int e = next;

	while (e > prev_number + 1 && next - e < DOC_HEADER_ABOVE) {
		const struct doc_line *l = &all[e-1];

		if (!(l->len == 0 || doc_cell_is_separator(l->s, l->len) ||
		      doc_line_cells_cached(l, cells) > 1 ||
		      (l->len < DOC_MAX_CELL &&
		       (doc_cell_is_agency(l->s, l->len, doc_line_folded(l)) ||
			doc_cell_is_motto(doc_line_folded(l))))))
			break;
		e--;
	}
	return e;
}

/* Notification mail of e-office systems lists the document's metadata
   as "Label: value" lines: use them where the layout gave nothing. */
static void doc_parse_metadata(struct doc_parse *dp)
{
	static const char *const labels[] = {
		"TRICH YEU", "NGAY BAN HANH", "NGAY VAN BAN",
		"CO QUAN BAN HANH", "NOI BAN HANH", "DON VI BAN HANH",
		"LOAI VAN BAN", "LOAI VB", "NGAY KY",
	};
	struct dondoc_document *doc = dp->doc;
	unsigned int i, k, lo, hi = I_MIN(dp->end, dp->number_idx + 12);

	lo = dp->number_idx > dp->first + 8 ? dp->number_idx - 8 : dp->first;
	for (i = lo; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *colon, *v, *f, *date;
		size_t vlen, at;

		if (line->len > 400 ||
		    (colon = memchr(line->s, ':', I_MIN(line->len, 40))) == NULL)
			continue;
		f = doc_line_folded(line);
		for (k = 0; k < N_ELEMENTS(labels); k++) {
			if (str_begins_with(f, labels[k]))
				break;
		}
		if (k == N_ELEMENTS(labels))
			continue;
		v = colon + 1;
		vlen = line->s + line->len - v;
		dondoc_text_trim(&v, &vlen);
		if (vlen == 0)
			continue;
		if (k == 0 && doc->summary == NULL) {
			if (vlen > 4 && strncasecmp(v, "V/v", 3) == 0) {
				v += 3; vlen -= 3;
				dondoc_text_trim(&v, &vlen);
			}
			doc->summary = doc_pool_line(dp->pool, v, vlen,
						 DOC_MAX_SECTION_BYTES);
			doc->folded_summary = p_strdup(dp->pool,
				dondoc_text_fold_str(doc->summary));
		} else if ((k == 1 || k == 2 || k == 8) && doc->date == NULL &&
			   doc_parse_date(v, vlen, &date, &at)) {
			doc->date = p_strdup(dp->pool, date);
		} else if (k >= 3 && k <= 5 && doc->issuer == NULL) {
			doc->issuer = doc_pool_line(dp->pool, v, vlen, 200);
		} else if (k == 6 || k == 7) {
			const struct doc_type *type =
				doc_type_by_line(v, vlen);

			if (type != NULL) {
				doc->type = type->abbrev;
				doc->type_name = type->name;
			}
		}
	}
}

/* A document without a number line: a type line with the place and
   date above it and an agency line above that. The anchor is the place
   and date line, which stands where the number line would. */
static bool numberless_anchor(const struct doc_line *all, unsigned int n,
			      unsigned int *anchor_r,
			      const struct doc_type **type_r)
{
	struct doc_cell cells[DOC_LINE_CELLS];
	unsigned int t, i, k, c, cn;

	for (t = 1; t < n; t++) {
		if (all[t].len == 0 || all[t].len > 64 ||
		    (*type_r = doc_type_by_line(all[t].s, all[t].len)) == NULL)
			continue;
		for (i = t; i-- > 0 && t - i <= 6; ) {
			const char *date;
			size_t at;
			bool dated = FALSE;

			cn = doc_line_cells_cached(&all[i], cells);
			for (c = 0; c < cn && !dated; c++) {
				dated = cells[c].len < DOC_MAX_CELL &&
					doc_parse_date(cells[c].s, cells[c].len,
						       &date, &at) &&
					at > 0 && at < 60 &&
					memchr(cells[c].s, ':', at) == NULL;
			}
			if (!dated)
				continue;
			/* an agency above, or in the left column beside it */
			for (k = i + 1; k-- > 0 && i - k <= 8; ) {
				cn = doc_line_cells_cached(&all[k], cells);
				for (c = 0; c < cn; c++) {
					if (cells[c].len < DOC_MAX_CELL &&
					    doc_cell_is_agency(cells[c].s,
						cells[c].len,
						doc_fold_n(cells[c].s,
							   cells[c].len)) &&
					    doc_type_by_line(cells[c].s,
						cells[c].len) == NULL) {
						*anchor_r = i;
						return TRUE;
					}
				}
			}
			break;
		}
	}
	return FALSE;
}

static void doc_parse_one(struct doc_parse *dp)
{
	const struct doc_type *type;
	struct dondoc_document *doc = dp->doc;

	if (doc->symbol != NULL) {
		type = doc_type_by_symbol(doc->symbol);
		doc->type = type->abbrev;
		doc->type_name = type->name;
	}
	doc_parse_header(dp);
	doc_parse_title(dp);
	doc_parse_metadata(dp);
	doc_parse_recipients(dp);
	doc_parse_period(doc);
	doc_parse_body(dp);
	doc_parse_meeting(dp);
	doc_parse_assignments(dp);
	doc_parse_attendance(dp);
}

unsigned int dondoc_document_parse(pool_t pool, const char *source,
				   const char *text, size_t size,
				   unsigned int max_docs,
				   ARRAY_TYPE(dondoc_document) *docs)
{
	/* Scratch memory comes from the caller's data stack frame, with no
	   T_BEGIN of our own: docs may live in that frame too, and it may
	   only be grown from the frame it was made in. The caller wraps the
	   call in T_BEGIN (the analysis does, per MIME part). */
	ARRAY_TYPE(doc_line) raw, lines;
	ARRAY(unsigned int) numbers;
	const struct doc_line *all;
	const struct doc_type *type;
	unsigned int i, n, count = 0, prev_end = 0;

	t_array_init(&raw, 16 + size / 40);
	t_array_init(&lines, 4);
	t_array_init(&numbers, 4);
	split_lines(text, size, &raw);
	all = array_get(doc_repair_lines(text, size, &raw, &lines), &n);
	for (i = 0; i < n && array_count(&numbers) < max_docs; i++) {
		const char *number, *symbol;

		if (line_number(&all[i], &number, &symbol))
			array_push_back(&numbers, &i);
	}
	if (array_count(&numbers) == 0 && max_docs > 0 &&
	    numberless_anchor(all, n, &i, &type)) {
		/* a report without a number line is still a document */
		struct dondoc_document *doc = array_append_space(docs);
		struct doc_parse dp = {
			.pool = pool, .lines = all, .count = n,
			.number_idx = i, .first = 0, .end = n, .doc = doc,
		};

		document_init(pool, source, doc);
		doc->type = type->abbrev;
		doc->type_name = type->name;
		doc->quoted = all[i].quoted;
		doc_parse_one(&dp);
		return 1;
	}
	for (i = 0; i < array_count(&numbers); i++) {
		struct dondoc_document *doc = array_append_space(docs);

		document_init(pool, source, doc);
		{
			struct doc_parse dp;
			const char *number, *symbol;

			i_zero(&dp);
			dp.pool = pool;
			dp.lines = all;
			dp.count = n;
			dp.number_idx = *array_idx(&numbers, i);
			dp.first = prev_end;
			dp.end = i + 1 < array_count(&numbers) ?
				*array_idx(&numbers, i + 1) : n;
			/* the next document's header belongs to it */
			if (i + 1 < array_count(&numbers))
				dp.end = header_start(all, dp.number_idx,
						      dp.end);
			(void)line_number(&all[dp.number_idx], &number,
					  &symbol);
			doc->number = p_strdup(pool, number);
			doc->symbol = p_strdup(pool, symbol);
			doc->quoted = all[dp.number_idx].quoted;
			dp.doc = doc;
			doc_parse_one(&dp);
			prev_end = dp.end;
		}
		count++;
	}
	return count;
}

unsigned int dondoc_documents_score(const struct dondoc_document *docs,
				    unsigned int count)
{
	unsigned int i, score = 0;

	for (i = 0; i < count; i++) {
		const struct dondoc_document *d = &docs[i];

		score += 2 + (d->issuer != NULL) + (d->place != NULL) +
			(d->date != NULL) + (d->summary != NULL) +
			(d->period.kind != NULL) +
			array_count(&d->recipients) +
			array_count(&d->references) +
			(d->difficulties != NULL) + (d->proposals != NULL);
	}
	return score;
}
