/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The body of one document: the period it reports on, the documents it
   cites, and its difficulties and proposals sections. Works on the
   document's lines as dondoc-document.c split them; every kept value is
   bounded (DOC_MAX_*). */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

static unsigned int roman_value(const char *w)
{
	static const char *const romans[] = { "I", "II", "III", "IV" };
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(romans); i++) {
		if (strcmp(w, romans[i]) == 0)
			return i + 1;
	}
	return 0;
}

/* The year after words[k]: "2023", "NAM 2023"; 0 if none. */
static unsigned int period_year(const char *const *w, unsigned int k)
{
	unsigned int year;

	if (w[k] == NULL)
		return 0;
	if (doc_word_is_year(w[k], &year))
		return year;
	if (strcmp(w[k], "NAM") == 0 && w[k+1] != NULL &&
	    doc_word_is_year(w[k+1], &year))
		return year;
	return 0;
}

/* A cited date in the summary ("Kế hoạch số 12/KH-BCĐ ngày 5 tháng 6
   năm 2023") names no period: the index of the word after it. */
static unsigned int skip_date(const char *const *w, unsigned int k)
{
	unsigned int i, num;

	if (w[k][0] != 'N' || strcmp(w[k], "NGAY") != 0 || w[k+1] == NULL ||
	    !doc_word_is_number(w[k+1], 1, 31, &num))
		return k;
	for (i = k + 2; w[i] != NULL && i < k + 6; i++) {
		if (doc_word_is_year(w[i], &num))
			return i + 1;
	}
	return k;
}

void doc_parse_period(struct dondoc_document *doc)
{
	struct dondoc_doc_period *period = &doc->period;
	const char *const *w;
	unsigned int k, n, year = 0;

	if (doc->summary == NULL)
		return;
	w = doc_fold_words(doc->summary, strlen(doc->summary));
	for (k = 0; w[k] != NULL && period->kind == NULL; k++) {
		k = skip_date(w, k);
		if (w[k] == NULL)
			break;
		if ((strcmp(w[k], "6") == 0 || strcmp(w[k], "SAU") == 0) &&
		    w[k+1] != NULL &&
		    strcmp(w[k+1], "THANG") == 0 && w[k+2] != NULL &&
		    (strcmp(w[k+2], "DAU") == 0 ||
		     strcmp(w[k+2], "CUOI") == 0)) {
			period->kind = "half-year";
			period->index = strcmp(w[k+2], "DAU") == 0 ? 1 : 2;
			period->year = period_year(w, k + 3);
		} else if ((strcmp(w[k], "9") == 0 ||
			    strcmp(w[k], "CHIN") == 0) && w[k+1] != NULL &&
			   strcmp(w[k+1], "THANG") == 0) {
			period->kind = "nine-months";
			period->year = period_year(w, k + 2);
			if (period->year == 0 && w[k+2] != NULL &&
			    strcmp(w[k+2], "DAU") == 0)
				period->year = period_year(w, k + 3);
		} else if (strcmp(w[k], "QUY") == 0 && w[k+1] != NULL &&
			   ((n = roman_value(w[k+1])) != 0 ||
			    doc_word_is_number(w[k+1], 1, 4, &n))) {
			period->kind = "quarter";
			period->index = n;
			period->year = period_year(w, k + 2);
		} else if (strcmp(w[k], "THANG") == 0 && w[k+1] != NULL &&
			   doc_word_is_number(w[k+1], 1, 12, &n) &&
			   /* "6 tháng" is a length; "Đề án 06 tháng 10/2023"
			      a month all the same, by its year */
			   (k == 0 || !i_isdigit(w[k-1][0]) ||
			    period_year(w, k + 2) != 0)) {
			period->kind = "month";
			period->index = n;
			period->year = period_year(w, k + 2);
		}
	}
	if (period->kind == NULL) {
		for (k = 0; w[k] != NULL; k++) {
			k = skip_date(w, k);
			if (w[k] == NULL)
				break;
			if (strcmp(w[k], "NAM") == 0 && w[k+1] != NULL &&
			    doc_word_is_year(w[k+1], &year)) {
				period->kind = "year";
				period->year = year;
				break;
			}
		}
	}
	if (period->kind != NULL && period->year == 0 && doc->date != NULL)
		period->year = atoi(t_strndup(doc->date, 4));
}

/* The last Decree 30 type named in folded text before a "số". */
static const struct doc_type *ref_type_before(const char *s, size_t len)
{
	const char *f = doc_fold_n(s, len);
	const struct doc_type *best = NULL;
	size_t flen = strlen(f), best_end = 0;
	unsigned int i;

	for (i = 0; i < doc_types_count; i++) {
		const char *name = doc_types[i].folded_name, *p, *hit;
		size_t nlen = strlen(name);

		/* a name ending 16 bytes or more before the end is not
		   taken: search only where one can start */
		p = f + (flen > nlen + 16 ? flen - nlen - 16 : 0);
		while ((hit = strstr(p, name)) != NULL) {
			size_t end = hit - f + nlen;

			if ((hit == f || hit[-1] == ' ') && end > best_end &&
			    flen - end <= 16) {
				best = &doc_types[i];
				best_end = end;
			}
			p = hit + 1;
		}
	}
	return best;
}

static void doc_parse_references_line(struct doc_parse *dp,
				      const struct doc_line *line,
				      const struct doc_line *next)
{
	struct dondoc_document *doc = dp->doc;
	const char *s = line->s;
	struct doc_so_search ss;
	size_t len = line->len, i;

	if (len <= 3)
		return;
	/* "số" in NFC: s + U+1ED1 (E1 BB 91) or S + U+1ED0 */
	doc_so_search_init(&ss, s, len - 3);
	for (i = 0; (i = doc_so_search_next(&ss, i)) != (size_t)-1; i++) {
		const char *number, *symbol, *date;
		const struct doc_type *type;
		struct dondoc_reference *ref;
		size_t j, num_start, at;

		if (memcmp(s + i + 1, "\xe1\xbb", 2) != 0 ||
		    (s[i+3] != '\x91' && s[i+3] != '\x90') ||
		    (i > 0 && i_isalnum(s[i-1])))
			continue;
		j = i + 4;
		while (j < len && (s[j] == ' ' || s[j] == ':'))
			j++;
		num_start = j;
		while (j < len && i_isdigit(s[j]))
			j++;
		if (j == num_start || j - num_start > 8)
			continue;
		number = t_strndup(s + num_start, j - num_start);
		while (j < len && s[j] == ' ')
			j++;
		if (j >= len || (s[j] != '/' && s[j] != '-'))
			continue;
		j++;
		/* "30/2020/NĐ-CP": the year is part of the number */
		if (j + 5 < len && i_isdigit(s[j]) && i_isdigit(s[j+3]) &&
		    s[j+4] == '/' && strspn(s + j, "0123456789") == 4)
			j += 5;
		while (j < len && s[j] == ' ')
			j++;
		symbol = doc_parse_symbol(s, len, &j);
		if (symbol == NULL || strlen(symbol) < 2 ||
		    strspn(symbol, "0123456789-/") == strlen(symbol))
			continue;
		if (doc->symbol != NULL && strcmp(symbol, doc->symbol) == 0 &&
		    null_strcmp(number, doc->number) == 0)
			continue;
		if (array_count(&doc->references) >= DOC_MAX_REFERENCES)
			return;
		type = ref_type_before(s + (i > 48 ? i - 48 : 0),
				       i > 48 ? 48 : i);
		if (type == NULL)
			type = doc_type_by_symbol(symbol);
		date = NULL;
		if (j < len && doc_parse_date(s + j, I_MIN(len - j, 60), &date,
					  &at) && at > 12)
			date = NULL;
		/* the citation wrapped before its date: "ngày 2/1/2023 ..."
		   begins the next line */
		if (j == len && next != NULL && next->len > 5 &&
		    (next->s[0] == 'n' || next->s[0] == 'N') &&
		    doc_parse_date(next->s, I_MIN(next->len, 60), &date,
				   &at) && at > 0)
			date = NULL;
		ref = array_append_space(&doc->references);
		ref->type = type->abbrev;
		ref->number = p_strdup(dp->pool, number);
		ref->symbol = p_strdup(dp->pool, symbol);
		ref->date = p_strdup(dp->pool, date);
		i = j - 1;
	}
}

/* Folded text begins with one of keys, after any numbering. */
static bool starts_with_key(const char *folded, const char *const *keys)
{
	unsigned int i;

	while (*folded != '\0' && !i_isalpha(*folded))
		folded++;
	while (strchr("IVX", *folded) != NULL && *folded != '\0' &&
	       (folded[1] == '.' || folded[1] == ')' ||
		strchr("IVX", folded[1]) != NULL)) {
		folded++;
		while (*folded != '\0' && !i_isalpha(*folded))
			folded++;
	}
	for (i = 0; keys[i] != NULL; i++) {
		if (str_begins_with(folded, keys[i]))
			return TRUE;
	}
	return FALSE;
}

static bool line_is_heading(const struct doc_line *line, const char *folded)
{
	unsigned int depth;

	if (line->len > 150)
		return FALSE;
	return doc_heading_prefix(line->s, line->len, &depth) != 0 ||
		line->s[line->len-1] == ':' ||
		doc_cell_is_agency(line->s, line->len, folded);
}

/* A section: a heading naming it, then its lines up to the next heading
   of the same or a higher level. Without a heading, the text after the
   colon of a line naming it before the colon ("Một số khó khăn: ..."). */
static const char *doc_section(struct doc_parse *dp, const char *const *keys,
			       const char *const *other_keys)
{
	unsigned int i, k, depth, depth2;
	string_t *text = t_str_new(256);
	const char *sentence = NULL;

	for (i = dp->body_idx; i < dp->end; i++) {
		const struct doc_line *line = &dp->lines[i];
		const char *f, *colon;
		char kind;
		bool hit = FALSE;

		if (line->len == 0)
			continue;
		/* a long line (a paragraph) can only name a section before an
		   early colon: do not fold the others */
		if (line->len > 150 &&
		    memchr(line->s, ':', I_MIN(line->len, 100)) == NULL)
			continue;
		f = doc_line_folded(line);
		for (k = 0; keys[k] != NULL && !hit; k++)
			hit = strstr(f, keys[k]) != NULL;
		if (!hit)
			continue;
		if ((!line_is_heading(line, f) &&
		     !starts_with_key(f, keys)) || strlen(f) > 120) {
			/* "Một số khó khăn, vướng mắc: ..." in running text;
			   a key anywhere else is no report of one */
			colon = memchr(line->s, ':', line->len);
			if (sentence == NULL && colon != NULL &&
			    colon - line->s < 100 && colon + 1 < line->s + line->len) {
				const char *pf = doc_fold_n(line->s, colon - line->s);

				for (k = 0; keys[k] != NULL; k++) {
					if (strstr(pf, keys[k]) != NULL) {
						const char *c = colon + 1;
						size_t clen = line->s + line->len - c;

						dondoc_text_trim(&c, &clen);
						sentence = t_strndup(c, clen);
						break;
					}
				}
			}
			continue;
		}
		kind = doc_heading_prefix(line->s, line->len, &depth);
		colon = memchr(line->s, ':', line->len);
		if (colon != NULL && colon + 1 < line->s + line->len) {
			const char *c = colon + 1;
			size_t clen = line->s + line->len - c;

			dondoc_text_trim(&c, &clen);
			str_append_data(text, c, clen);
		}
		for (i++; i < dp->end && str_len(text) < DOC_MAX_SECTION_BYTES;
		     i++) {
			const struct doc_line *l = &dp->lines[i];
			const char *lf;
			char kind2;
			bool other = FALSE;

			if (l->len == 0)
				continue;
			lf = doc_line_folded(l);
			kind2 = doc_heading_prefix(l->s, l->len, &depth2);
			for (k = 0; other_keys[k] != NULL && !other; k++)
				other = strstr(lf, other_keys[k]) != NULL;
			if (doc_folded_starts(lf, "NOI NHAN") ||
			    (other && (line_is_heading(l, lf) ||
				       starts_with_key(lf, other_keys))) ||
			    kind2 == 'R' ||
			    (kind != 0 && kind2 == kind && depth2 <= depth) ||
			    (kind == 'L' && kind2 == 'N'))
				break;
			if (str_len(text) > 0)
				str_append_c(text, '\n');
			str_append_data(text, l->s, l->len);
		}
		if (str_len(text) == 0)
			continue;
		return doc_pool_line(dp->pool, str_c(text), str_len(text),
				 DOC_MAX_SECTION_BYTES);
	}
	return sentence == NULL ? NULL :
		doc_pool_line(dp->pool, sentence, strlen(sentence),
			  DOC_MAX_SECTION_BYTES);
}

/* Words a "there is none" sentence may hold after its negation; any
   other word ("Không có kinh phí", "Chưa có hướng dẫn") makes it a
   difficulty. Folded. */
static const char *const none_words[] = {
	"CO", "PHAT", "SINH", "KHO", "KHAN", "VUONG", "MAC", "HAN", "CHE",
	"KIEN", "NGHI", "DE", "XUAT", "GI", "NAO", "TRONG", "KY", "BAO",
	"CAO", "NAY", "Y", "VA", "CAN", "THEM", "GHI", "NHAN", "VAN",
};

bool doc_section_is_none(const char *text)
{
	const char *const *w;
	unsigned int k, i;

	const char *f;
	size_t len = strlen(text);

	if (len > 200)
		return FALSE;
	/* cheap first: after any numbering, "Không" or "Chưa" */
	f = doc_fold_n(text, I_MIN(len, 24));
	while (*f != '\0' && !i_isalpha(*f))
		f++;
	if (!str_begins_with(f, "KHONG") && !str_begins_with(f, "CHUA"))
		return FALSE;
	w = doc_fold_words(text, len);
	/* the numbering of a list item */
	for (k = 0; w[k] != NULL && i_isdigit(w[k][0]); k++) ;
	if (w[k] == NULL || (strcmp(w[k], "KHONG") != 0 &&
			     strcmp(w[k], "CHUA") != 0))
		return FALSE;
	for (k++; w[k] != NULL; k++) {
		for (i = 0; i < N_ELEMENTS(none_words); i++) {
			if (strcmp(w[k], none_words[i]) == 0)
				break;
		}
		if (i == N_ELEMENTS(none_words))
			return FALSE;
	}
	return TRUE;
}

void doc_parse_body(struct doc_parse *dp)
{
	static const char *const difficulty_keys[] = {
		"KHO KHAN", "VUONG MAC", "HAN CHE", NULL };
	static const char *const proposal_keys[] = {
		"KIEN NGHI", "DE XUAT", NULL };
	unsigned int i;

	for (i = dp->number_idx + 1; i < dp->end; i++) {
		const struct doc_line *line = &dp->lines[i];

		if (line->len >= 5 && i + 1 < dp->end &&
		    memcmp(line->s + line->len - 4, "s\xe1\xbb\x91", 4) == 0 &&
		    line->s[line->len - 5] == ' ' &&
		    dp->lines[i+1].len > 0 && i_isdigit(dp->lines[i+1].s[0])) {
			/* "Công văn số" / "2345/UBND-KGVX ngày ...": the
			   citation wrapped after "số" */
			struct doc_line joined;
			size_t tail = I_MIN(line->len, 64);

			i_zero(&joined);
			joined.s = t_strdup_printf("%.*s %.*s", (int)tail,
				line->s + line->len - tail,
				(int)dp->lines[i+1].len, dp->lines[i+1].s);
			joined.len = strlen(joined.s);
			doc_parse_references_line(dp, &joined,
				i + 2 < dp->end ? &dp->lines[i+2] : NULL);
			i++;
			continue;
		}
		doc_parse_references_line(dp, line,
			i + 1 < dp->end ? &dp->lines[i+1] : NULL);
	}
	dp->doc->difficulties = doc_section(dp, difficulty_keys,
					    proposal_keys);
	dp->doc->proposals = doc_section(dp, proposal_keys, difficulty_keys);
	/* "Không có.", "Không có khó khăn, vướng mắc", "Chưa có đề xuất":
	   a section that says there is none is no difficulty */
	if (dp->doc->difficulties != NULL &&
	    doc_section_is_none(dp->doc->difficulties))
		dp->doc->difficulties = NULL;
	if (dp->doc->proposals != NULL &&
	    doc_section_is_none(dp->doc->proposals))
		dp->doc->proposals = NULL;
}
