/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The header block of one document: the agency lines above the number
   line (issuer), place and date, secrecy and urgency marks, the type line
   and summary below it, and the "Kính gửi" recipients. Works on the
   document's lines as dondoc-document.c split them; trusts nothing else. */

/* memmem */
#define _GNU_SOURCE
#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

/* Heads of agency names: a line under an agency line that begins with
   none of them continues it ("SỞ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG", "ỦY
   BAN NHÂN DÂN" / "TỈNH GIA LAI"). Folded. */
static const char *const agency_heads[] = {
	"UBND", "UY BAN", "SO ", "BAN ", "BO ", "CONG AN", "VAN PHONG",
	"HUYEN UY", "TINH UY", "THANH UY", "THI UY", "DANG UY", "DANG BO",
	"TRUNG TAM", "PHONG ", "CHI CUC", "CUC ", "TONG CUC", "HOI ",
	"MAT TRAN", "DOAN ", "TINH DOAN", "KHO BAC", "NGAN HANG", "BAO HIEM",
	"CONG TY", "VIEN ", "TOA AN", "THANH TRA", "TRUONG ", "BENH VIEN",
	"BQL", "BCH", "BCD", "DAI ", "BAO ", "CHINH PHU", "THU TUONG",
	"QUOC HOI", "LIEN ", "TO ", "CHI NHANH", "HOC VIEN", "HDND", "UB ",
	"HAI QUAN", "KIEM TOAN", "HIEP HOI", "QUY ", "CHI BO", "VKS", "TAND",
};

static bool folded_word_last(const char *f, const char *word)
{
	size_t flen = strlen(f), wlen = strlen(word);

	return flen > wlen && f[flen - wlen - 1] == ' ' &&
		strcmp(f + flen - wlen, word) == 0;
}

/* Does the agency line lower continue the agency line upper (both
   folded)? */
bool doc_agency_continues(const char *upper, const char *lower)
{
	size_t ulen = strlen(upper);
	unsigned int i;

	if (strchr(lower, ' ') == NULL)
		return TRUE;
	if (ulen > 0 && (upper[ulen-1] == '-' || upper[ulen-1] == ',' ||
			 folded_word_last(upper, "VA") ||
			 folded_word_last(upper, "CUA")))
		return TRUE;
	if (str_begins_with(lower, "VA ") || lower[0] == '-')
		return TRUE;
	for (i = 0; i < N_ELEMENTS(agency_heads); i++) {
		if (str_begins_with(lower, agency_heads[i]))
			return FALSE;
	}
	return TRUE;
}

/* A place name or its wrapped part: short, every word capitalised
   ("Bà Rịa - Vũng", "Thừa Thiên"), no digits. */
bool doc_cell_is_title_case(const char *s, size_t len)
{
	size_t i;
	bool word_start = TRUE, lower = FALSE;

	if (len == 0 || len > 40)
		return FALSE;
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c == ' ' || c == '-') {
			word_start = TRUE;
			continue;
		}
		if (i_isdigit(c) || c == ':' || c == ',' || c == '.' ||
		    c == '/' || c == '(')
			return FALSE;
		if (word_start) {
			if (doc_is_lower_start(s + i, len - i))
				return FALSE;
			word_start = FALSE;
		} else if (c >= 'a' && c <= 'z') {
			lower = TRUE;
		} else if (c >= 0xC3 && doc_is_lower_start(s + i, len - i)) {
			lower = TRUE;
		}
	}
	return lower;
}

/* Does the number line begin with the number's cell (no tab or run of
   spaces before its symbol)? */
static bool number_cell_first(const struct doc_line *line, const char *symbol)
{
	const char *p;
	size_t at;

	if (symbol == NULL || (line->s[0] != 'S' && line->s[0] != 's') ||
	    (p = memmem(line->s, line->len, symbol, strlen(symbol))) == NULL)
		return FALSE;
	at = p - line->s;
	return memchr(line->s, '\t', at) == NULL &&
		memmem(line->s, at, "   ", 3) == NULL;
}

struct header_agency {
	const char *s;
	unsigned int line;
};

/* issuer: agency cells nearest above the number, left column first; a
   name wrapped over two lines is joined */
static void header_issuer(struct doc_parse *dp, unsigned int lo)
{
	struct dondoc_document *doc = dp->doc;
	struct doc_cell cells[DOC_LINE_CELLS];
	struct header_agency agency[4];
	const char *secrecy, *urgency;
	unsigned int i, c, n, k, agencies = 0;

	for (i = dp->number_idx + 1; i-- > lo && agencies < 4; ) {
		/* the number line beginning with the number has no agency
		   cell before it (nor has "Số 198-BC/TU" of the Party) */
		if (i == dp->number_idx && number_cell_first(&dp->lines[i],
							     dp->doc->symbol))
			continue;
		n = doc_line_cells_cached(&dp->lines[i], cells);
		for (c = 0; c < n; c++) {
			const char *f;

			/* on the number line only the cells before the
			   number's: "SỞ Y TẾ | Số: 3/BC-SYT | ..." of a
			   collapsed table row ("Số 198-BC/TU" has none) */
			if (i == dp->number_idx &&
			    (cells[c].len >= DOC_MAX_CELL ||
			     ((cells[c].s[0] == 'S' || cells[c].s[0] == 's') &&
			      dp->doc->symbol != NULL &&
			      memmem(cells[c].s, cells[c].len, dp->doc->symbol,
				     strlen(dp->doc->symbol)) != NULL)))
				break;

			doc_cell_cut_motto(&cells[c]);
			if (!doc_cell_is_upper(cells[c].s, cells[c].len))
				continue;
			f = doc_fold_n(cells[c].s, cells[c].len);
			if (doc_cell_is_agency(cells[c].s, cells[c].len, f) &&
			    doc_type_by_line(cells[c].s, cells[c].len) == NULL &&
			    !doc_marks_read(f, &secrecy, &urgency)) {
				agency[agencies].s = t_strndup(cells[c].s,
							       cells[c].len);
				agency[agencies++].line = i;
				break;
			}
		}
	}
	/* agency[0] is the lowest: join wrapped names from the bottom */
	for (k = 0; k + 1 < agencies; ) {
		if (agency[k+1].line + 1 == agency[k].line &&
		    doc_agency_continues(doc_fold_n(agency[k+1].s,
						    strlen(agency[k+1].s)),
					 doc_fold_n(agency[k].s,
						    strlen(agency[k].s)))) {
			agency[k].s = t_strconcat(agency[k+1].s, " ",
						  agency[k].s, NULL);
			agency[k].line = agency[k+1].line;
			memmove(&agency[k+1], &agency[k+2],
				(agencies - k - 2) * sizeof(agency[0]));
			agencies--;
		} else {
			k++;
		}
	}
	if (agencies > 0)
		doc->issuer = p_strdup(dp->pool, agency[0].s);
	if (agencies > 1)
		doc->issuer_parent = p_strdup(dp->pool, agency[1].s);
}

/* "Bà Rịa - Vũng" / "Tàu, ngày ...": the place wrapped; the part
   above is the last cell of the line above the date */
static const char *header_wrapped_place(struct doc_parse *dp, unsigned int i,
					const char *place, size_t plen)
{
	struct doc_cell cells[DOC_LINE_CELLS];
	unsigned int n;

	if (i == 0 || plen > 24)
		return NULL;
	n = doc_line_cells_cached(&dp->lines[i-1], cells);
	/* one word below, or the part above ends in the joiner */
	if (n == 0 || (memchr(place, ' ', plen) != NULL &&
		       cells[n-1].s[cells[n-1].len-1] != '-') ||
	    !doc_cell_is_title_case(cells[n-1].s, cells[n-1].len) ||
	    doc_cell_is_motto(doc_fold_n(cells[n-1].s, cells[n-1].len)))
		return NULL;
	return t_strdup_printf("%.*s %.*s", (int)cells[n-1].len, cells[n-1].s,
			       (int)plen, place);
}

/* A date cell that cites another document: "V/v thực hiện Công văn số
   45/UBND-VX ngày 2/3/2023" is no place and date. */
static bool header_cell_cites(const char *s, size_t at)
{
	if (at >= 3 && strncasecmp(s, "V/v", 3) == 0)
		return TRUE;
	return memchr(s, '/', at) != NULL ||
		memmem(s, at, "s\xe1\xbb\x91 ", 5) != NULL;
}

void doc_parse_header(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	struct doc_cell cells[DOC_LINE_CELLS];
	unsigned int i, c, n;
	unsigned int lo = dp->number_idx > dp->first + DOC_HEADER_ABOVE ?
		dp->number_idx - DOC_HEADER_ABOVE : dp->first;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_HEADER_BELOW);
	const char *secrecy, *urgency;
	bool have_date = FALSE;

	header_issuer(dp, lo);
	for (i = lo; i < hi; i++) {
		/* dates under the type line or "Kính gửi" are the body's */
		if (i > dp->number_idx &&
		    (doc_type_by_line(dp->lines[i].s, dp->lines[i].len) != NULL ||
		     (dp->lines[i].len > 8 &&
		      str_begins_with(doc_line_folded(&dp->lines[i]), "KINH GUI"))))
			break;
		n = doc_line_cells_cached(&dp->lines[i], cells);
		for (c = 0; c < n; c++) {
			const char *date, *place, *cs = cells[c].s;
			size_t at, plen, clen = cells[c].len;

			if (clen > DOC_MAX_CELL)
				continue;
			/* secrecy and urgency marks are short cells */
			if (clen <= 40 &&
			    doc_marks_read(doc_fold_n(cs, clen), &secrecy,
					   &urgency)) {
				if (doc->secrecy == NULL)
					doc->secrecy = secrecy;
				if (doc->urgency == NULL)
					doc->urgency = urgency;
			}
			if (have_date)
				continue;
			if (i == dp->number_idx && doc->symbol != NULL &&
			    (cs[0] == 'S' || cs[0] == 's')) {
				/* "Số: 52/GM-SNV Rạch Giá, 20/3/2023" when the
				   columns collapsed: the place follows the symbol */
				const char *copy = t_strndup(cs, clen), *sym;

				sym = strstr(copy, doc->symbol);
				if (sym != NULL) {
					at = (sym - copy) + strlen(doc->symbol);
					cs += at;
					clen -= at;
					dondoc_text_trim(&cs, &clen);
					if (clen == 0)
						continue;
				}
			}
			if (!doc_parse_date(cs, clen, &date, &at) ||
			    header_cell_cites(cs, at))
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
			    memchr(place, ':', plen) == NULL) {
				const char *wrapped =
					header_wrapped_place(dp, i, place, plen);

				doc->place = wrapped != NULL ?
					p_strdup(dp->pool, wrapped) :
					p_strndup(dp->pool, place, plen);
			}
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

/* Does a line continue a V/v summary ended by sum? Lower case does; so
   does what follows a word that needs more ("... Công văn số" /
   "1120/UBND-KTN ngày ... của" / "UBND tỉnh"), in PDF text of a narrow
   column. */
static bool vv_continues(const char *sum, size_t len, const char *s,
			 size_t slen)
{
	static const char *const needs_more[] = {
		" s\xe1\xbb\x91", " c\xe1\xbb\xa7" "a", " ng\xc3\xa0y",
		" v\xc3\xa0", " v\xe1\xbb\x81", " t\xe1\xba\xa1i",
		" theo", " c\xe1\xbb\xa7" "a",
	};
	unsigned int i;

	if (doc_is_lower_start(s, slen))
		return TRUE;
	if (slen > 0 && (s[0] == '(' || doc_cell_is_upper(s, slen) ||
			 doc_cell_is_motto(doc_fold_n(s, slen))))
		return FALSE;
	for (i = 0; i < N_ELEMENTS(needs_more); i++) {
		size_t n = strlen(needs_more[i]);

		if (len >= n && memcmp(sum + len - n, needs_more[i], n) == 0)
			return TRUE;
	}
	return FALSE;
}

/* upper case: no ASCII lower case letter, some upper case ("TỜ") */
static bool title_upper(const struct doc_line *line)
{
	size_t i;
	bool upper = FALSE;

	for (i = 0; i < line->len; i++) {
		if (line->s[i] >= 'a' && line->s[i] <= 'z')
			return FALSE;
		if (line->s[i] >= 'A' && line->s[i] <= 'Z')
			upper = TRUE;
	}
	return upper;
}

/* The type named by line i, or by it and the next line when the type
   line wrapped (two short upper case lines). */
static const struct doc_type *title_type(struct doc_parse *dp, unsigned int i,
					 unsigned int hi, bool *wrapped_r)
{
	const struct doc_line *line = &dp->lines[i], *next;
	const struct doc_type *type;

	*wrapped_r = FALSE;
	if ((type = doc_type_by_line(line->s, line->len)) != NULL)
		return type;
	if (i + 1 >= hi || line->len > 16 || !title_upper(line) ||
	    memchr(line->s, ' ', line->len) != NULL)
		return NULL;
	next = &dp->lines[i+1];
	if (next->len == 0 || next->len > 32 || !title_upper(next))
		return NULL;
	type = doc_type_by_line(t_strdup_printf("%.*s %.*s", (int)line->len,
						line->s, (int)next->len,
						next->s),
				line->len + 1 + next->len);
	*wrapped_r = type != NULL;
	return type;
}

/* The type line, the summary under it (or "V/v ..."), "Kính gửi:". */
void doc_parse_title(struct doc_parse *dp)
{
	struct dondoc_document *doc = dp->doc;
	const struct doc_type *type;
	struct doc_cell cells[DOC_LINE_CELLS];
	unsigned int i, c, k, n, seen = 0, summary_lines = 0;
	unsigned int hi = I_MIN(dp->end, dp->number_idx + DOC_TYPE_LINE_WINDOW);
	string_t *summary = t_str_new(128);
	bool in_summary = FALSE, wrapped;

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
		if (seen == 0 &&
		    (type = title_type(dp, i, hi, &wrapped)) != NULL) {
			doc->type = type->abbrev;
			doc->type_name = type->name;
			seen++;
			in_summary = TRUE;
			/* a type line wrapped in two ("TỜ" / "TRÌNH") */
			if (wrapped)
				i++;
			dp->body_idx = i + 1;
			continue;
		}
		/* công văn: "V/v ..." in the left column */
		n = doc_line_cells_cached(line, cells);
		for (c = 0; c < n && str_len(summary) == 0; c++) {
			const char *cs = cells[c].s;
			size_t clen = cells[c].len;

			if (clen >= 4 && strncasecmp(cs, "V/v", 3) == 0) {
				cs += 3; clen -= 3;
			} else if (clen > 13 && c == 0 && seen == 0 &&
				   doc->type != NULL &&
				   strcmp(doc->type, "CV") == 0 &&
				   memcmp(cs, "V\xe1\xbb\x81 vi\xe1\xbb\x87" "c ",
					  12) == 0) {
				/* a công văn's "Về việc ..." without V/v */
				cs += 12; clen -= 12;
			} else {
				continue;
			}
			while (clen > 0 && (*cs == ':' || *cs == ' ' ||
					    *cs == '.')) {
				cs++; clen--;
			}
			str_append_data(summary, cs, clen);
			dp->body_idx = i + 1;
			/* wrapped continuations in the same column */
			for (k = i + 1; k < hi && k <= i + 3; k++) {
				struct doc_cell next[8];
				unsigned int nn = doc_line_cells_cached(
					&dp->lines[k], next);

				if (nn == 0 || next[0].len >= 120 ||
				    !vv_continues(str_c(summary), str_len(summary),
						  next[0].s, next[0].len))
					break;
				str_append_c(summary, ' ');
				str_append_data(summary, next[0].s,
						next[0].len);
				dp->body_idx = k + 1;
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
