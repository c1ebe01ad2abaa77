/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The header block of one document: the agency lines above the number
   line (issuer), place and date, secrecy and urgency marks, the type line
   and summary below it, and the "Kính gửi" recipients. Works on the
   document's lines as dondoc-document.c split them; trusts nothing else. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

void doc_parse_header(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	struct doc_cell cells[8];
	unsigned int i, c, n, agencies = 0;
	const char *agency[2] = { NULL, NULL };
	unsigned int lo = dp->number_idx > dp->first + DOC_HEADER_ABOVE ?
		dp->number_idx - DOC_HEADER_ABOVE : dp->first;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_HEADER_BELOW);
	bool have_date = FALSE;

	/* issuer: agency cells nearest above the number, left column first */
	for (i = dp->number_idx + 1; i-- > lo && agencies < 2; ) {
		n = doc_line_cells(&dp->lines[i], cells, N_ELEMENTS(cells));
		for (c = 0; c < n; c++) {
			const char *f;

			if (i == dp->number_idx) {
				/* Party style: "Số 198-BC/TU" row has none */
				break;
			}
			doc_cell_cut_motto(&cells[c]);
			if (!doc_cell_is_upper(cells[c].s, cells[c].len))
				continue;
			f = doc_fold_n(cells[c].s, cells[c].len);
			if (doc_cell_is_agency(cells[c].s, cells[c].len, f) &&
			    doc_type_by_line(cells[c].s, cells[c].len) == NULL &&
			    doc_level_lookup(f, doc_secrecy_levels, 3) == NULL &&
			    doc_level_lookup(f, doc_urgency_levels, 3) == NULL) {
				agency[agencies++] = t_strndup(cells[c].s,
							       cells[c].len);
				break;
			}
		}
	}
	if (agencies > 0)
		doc->issuer = p_strdup(dp->pool, agency[0]);
	if (agencies > 1)
		doc->issuer_parent = p_strdup(dp->pool, agency[1]);

	for (i = lo; i < hi; i++) {
		/* dates under the type line are the body's */
		if (i > dp->number_idx &&
		    doc_type_by_line(dp->lines[i].s, dp->lines[i].len) != NULL)
			break;
		n = doc_line_cells(&dp->lines[i], cells, N_ELEMENTS(cells));
		for (c = 0; c < n; c++) {
			const char *f, *date, *place, *cs = cells[c].s;
			size_t at, plen, clen = cells[c].len;

			if (clen > DOC_MAX_CELL)
				continue;
			/* secrecy and urgency marks are short cells */
			if (clen <= 24) {
				f = doc_fold_n(cs, clen);
				if (doc->secrecy == NULL)
					doc->secrecy = doc_level_lookup(f, doc_secrecy_levels, 3);
				if (doc->urgency == NULL)
					doc->urgency = doc_level_lookup(f, doc_urgency_levels, 3);
			}
			if (have_date)
				continue;
			if (i == dp->number_idx && (cs[0] == 'S' || cs[0] == 's')) {
				/* "Số: 52/GM-SNV Rạch Giá, 20/3/2023" when the
				   columns collapsed: the place follows the symbol */
				const char *copy = t_strndup(cs, clen), *sym;

				sym = doc->symbol == NULL ? NULL :
					strstr(copy, doc->symbol);
				if (sym == NULL)
					continue;
				at = (sym - copy) + strlen(doc->symbol);
				cs += at;
				clen -= at;
				dondoc_text_trim(&cs, &clen);
				if (clen == 0)
					continue;
			}
			if (!doc_parse_date(cs, clen, &date, &at))
				continue;
			have_date = TRUE;
			doc->date = p_strdup(dp->pool, date);
			place = cs;
			plen = at;
			while (plen > 0 && (place[plen-1] == ',' ||
					    place[plen-1] == ' '))
				plen--;
			dondoc_text_trim(&place, &plen);
			/* "Ngày ban hành: 12/3/2022" has a label, no place */
			if (plen > 0 && plen < 80 &&
			    memchr(place, ':', plen) == NULL)
				doc->place = p_strndup(dp->pool, place, plen);
		}
	}
}

/* Append a summary line, without the emphasis marks of text converted
   from Word or markdown ("**Ban hành ...**"). */
static void summary_append(string_t *summary, const char *s, size_t len)
{
	while (len > 0 && (s[0] == '*' || s[0] == '_')) {
		s++; len--;
	}
	while (len > 0 && (s[len-1] == '*' || s[len-1] == '_'))
		len--;
	dondoc_text_trim(&s, &len);
	if (len == 0)
		return;
	if (str_len(summary) > 0)
		str_append_c(summary, ' ');
	str_append_data(summary, s, len);
}

/* The type line, the summary under it (or "V/v ..."), "Kính gửi:". */
void doc_parse_title(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	const struct doc_type *type;
	struct doc_cell cells[8];
	unsigned int i, c, n, seen = 0, summary_lines = 0;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_TYPE_LINE_WINDOW);
	string_t *summary = t_str_new(128);
	bool in_summary = FALSE;

	dp->body_idx = dp->number_idx + 1;
	for (i = dp->number_idx + 1; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *f;

		if (line->len == 0 || doc_cell_is_separator(line->s, line->len)) {
			/* a blank line ends a summary, once it has begun */
			if (in_summary && line->len == 0 && summary_lines > 0)
				in_summary = FALSE, hi = i;
			continue;
		}
		f = doc_line_folded(line);
		if (in_summary) {
			/* a table row or a line that announces what follows
			   ("... như sau:") is the body's */
			if (doc_line_starts_body(f) || summary_lines >=
			    DOC_MAX_SUMMARY_LINES || line->len > 250 ||
			    doc_heading_prefix(line->s, line->len, &n) != 0 ||
			    memchr(line->s, '\t', line->len) != NULL ||
			    line->s[line->len-1] == ':' ||
			    memchr(line->s, ':', I_MIN(line->len, 25)) != NULL) {
				break;
			}
			summary_append(summary, line->s, line->len);
			summary_lines++;
			dp->body_idx = i + 1;
			if (line->s[line->len-1] == '.')
				break;
			continue;
		}
		if ((type = doc_type_by_line(line->s, line->len)) != NULL &&
		    seen == 0) {
			doc->type = type->abbrev;
			doc->type_name = type->name;
			seen++;
			in_summary = TRUE;
			dp->body_idx = i + 1;
			continue;
		}
		/* công văn: "V/v ..." in the left column */
		n = doc_line_cells(line, cells, N_ELEMENTS(cells));
		for (c = 0; c < n && str_len(summary) == 0; c++) {
			const char *cs = cells[c].s;
			size_t clen = cells[c].len;

			if (clen < 4 || strncasecmp(cs, "V/v", 3) != 0)
				continue;
			cs += 3; clen -= 3;
			while (clen > 0 && (*cs == ':' || *cs == ' ' ||
					    *cs == '.')) {
				cs++; clen--;
			}
			str_append_data(summary, cs, clen);
			dp->body_idx = i + 1;
			/* a wrapped continuation in the same column */
			if (i + 1 < hi) {
				struct doc_cell next[8];
				unsigned int nn = doc_line_cells(&dp->lines[i+1],
							     next, 8);
				if (nn > 0 && next[0].len < 120 &&
				    doc_is_lower_start(next[0].s, next[0].len)) {
					str_append_c(summary, ' ');
					str_append_data(summary, next[0].s,
							next[0].len);
					dp->body_idx = i + 2;
				}
			}
		}
		if (str_len(summary) > 0 && !in_summary && seen == 0 &&
		    doc->summary == NULL)
			break;
	}
	if (str_len(summary) > 0) {
		const char *s = str_c(summary);
		size_t len = str_len(summary);

		dondoc_text_trim(&s, &len);
		doc->summary = doc_pool_line(dp->pool, s, len,
					 DOC_MAX_SECTION_BYTES);
		doc->folded_summary = p_strdup(dp->pool,
					       dondoc_text_fold_str(doc->summary));
	}
}

static void recipient_add(struct doc_parse *dp, const char *s, size_t len)
{
	struct dondoc_document *doc = dp->doc;
	const char *value;

	while (len > 0 && strchr("-+*•.;, ", s[0]) != NULL) {
		s++; len--;
	}
	/* "•" is 3 bytes: drop its leftovers too */
	if (len >= 3 && memcmp(s, "\xe2\x80\xa2", 3) == 0) {
		s += 3; len -= 3;
	}
	dondoc_text_trim(&s, &len);
	while (len > 0 && strchr(".;,", s[len-1]) != NULL)
		len--;
	dondoc_text_trim(&s, &len);
	if (len == 0 || array_count(&doc->recipients) >= DOC_MAX_RECIPIENTS)
		return;
	value = doc_pool_line(dp->pool, s, len, 200);
	array_push_back(&doc->recipients, &value);
}

static bool line_is_bullet(const struct doc_line *line)
{
	return line->len > 1 && (line->s[0] == '-' || line->s[0] == '+' ||
				 line->s[0] == '*' ||
				 (line->len > 3 &&
				  memcmp(line->s, "\xe2\x80\xa2", 3) == 0));
}

void doc_parse_recipients(struct doc_parse *dp)
{
	unsigned int i, hi = I_MIN(dp->end, dp->number_idx + 30);

	for (i = dp->number_idx + 1; i < hi; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *s, *semi;
		size_t len;

		if (line->len < 8 || !str_begins_with(doc_line_folded(line), "KINH GUI"))
			continue;
		s = memchr(line->s, ':', line->len);
		if (s != NULL) {
			s++;
			len = line->s + line->len - s;
			while (len > 0 && (semi = memchr(s, ';', len)) != NULL) {
				recipient_add(dp, s, semi - s);
				len -= semi - s + 1;
				s = semi + 1;
			}
			recipient_add(dp, s, len);
		}
		for (i++; i < dp->end && line_is_bullet(&dp->lines[i]); i++)
			recipient_add(dp, dp->lines[i].s, dp->lines[i].len);
		if (i > dp->body_idx)
			dp->body_idx = i;
		return;
	}
}
