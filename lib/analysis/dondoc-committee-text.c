/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Text helpers of the committee readers (dondoc-committee-private.h):
   the folded view that maps back to the text as written, bounded fields,
   list marks, times and dates. Trusts the text to be NFC UTF-8 (the
   analysis makes it so); every scan is linear in its input. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "unichar.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-committee-private.h"

void cmt_fold_init(struct cmt_fold *fv, const char *s, size_t len)
{
	unsigned int *map;
	char *f;

	if (len > CMT_MAX_TEXT)
		len = CMT_MAX_TEXT;
	/* No byte folds to more than 3; neither array is zeroed: every
	   entry up to flen is written, and no reader goes past it. */
	f = t_malloc_no0(len * 3 + 1);
	map = t_malloc_no0(sizeof(*map) * (len * 3 + 1));
	fv->s = s;
	fv->len = len;
	fv->f = f;
	fv->flen = dondoc_text_fold_map(s, len, f, map);
	fv->map = map;
}

bool cmt_fold_word_at_rest(const struct cmt_fold *fv, size_t at,
			   const char *word)
{
	size_t n = strlen(word);

	if (at > fv->flen || fv->flen - at < n ||
	    memcmp(fv->f + at, word, n) != 0)
		return FALSE;
	if (at > 0 && cmt_fold_is_word(fv->f[at-1]) && cmt_fold_is_word(word[0]))
		return FALSE;
	return at + n == fv->flen || !cmt_fold_is_word(fv->f[at + n]) ||
		!cmt_fold_is_word(word[n-1]);
}

size_t cmt_fold_find(const struct cmt_fold *fv, size_t from,
		     const char *word)
{
	const char *p;

	while (from < fv->flen &&
	       (p = strstr(fv->f + from, word)) != NULL) {
		size_t at = p - fv->f;

		if (cmt_fold_word_at(fv, at, word))
			return at;
		from = at + 1;
	}
	return (size_t)-1;
}

size_t cmt_fold_skip_spaces(const struct cmt_fold *fv, size_t at)
{
	while (at < fv->flen && (fv->f[at] == ' ' || fv->f[at] == '\t'))
		at++;
	return at;
}

void cmt_field_init(struct cmt_field *field)
{
	field->str = t_str_new(128);
	field->cut = FALSE;
}

void cmt_field_append(struct cmt_field *field, const char *s, size_t len)
{
	size_t room;

	dondoc_text_trim(&s, &len);
	if (len == 0)
		return;
	if (str_len(field->str) > 0)
		str_append_c(field->str, ' ');
	room = DONDOC_MAX_FIELD_BYTES + 1 > str_len(field->str) ?
		DONDOC_MAX_FIELD_BYTES + 1 - str_len(field->str) : 0;
	if (len > room) {
		len = room;
		field->cut = TRUE;
	}
	str_append_data(field->str, s, len);
}

static void trim_marks(const char **s, size_t *len)
{
	dondoc_text_trim(s, len);
	while (*len > 0 && strchr(",;:.", (*s)[0]) != NULL) {
		(*s)++; (*len)--;
		dondoc_text_trim(s, len);
	}
	while (*len > 0 && strchr(",;:.", (*s)[*len - 1]) != NULL) {
		(*len)--;
		dondoc_text_trim(s, len);
	}
}

const char *cmt_field_finish(struct doc_parse *dp, struct cmt_field *field)
{
	const char *s = str_c(field->str);
	size_t len = str_len(field->str);

	trim_marks(&s, &len);
	if (len > DONDOC_MAX_FIELD_BYTES || field->cut)
		dp->doc->committee_field_cut = TRUE;
	if (len == 0)
		return NULL;
	return doc_pool_line(dp->pool, s, len, DONDOC_MAX_FIELD_BYTES);
}

const char *cmt_field_value(struct doc_parse *dp, const char *s, size_t len)
{
	struct cmt_field field;

	cmt_field_init(&field);
	cmt_field_append(&field, s, len);
	return cmt_field_finish(dp, &field);
}

size_t cmt_bullet_len(const char *s, size_t len, bool *numbered_r)
{
	unsigned int depth;
	size_t i = 0;

	*numbered_r = FALSE;
	if (len >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') &&
	    s[1] == ' ')
		i = 2;
	else if (len >= 4 && memcmp(s, "\xe2\x80\xa2", 3) == 0) /* • */
		i = 3;
	else if (len >= 4 && (memcmp(s, "\xe2\x80\x93", 3) == 0 ||
			      memcmp(s, "\xe2\x80\x94", 3) == 0)) /* – — */
		i = 3;
	else if (doc_heading_prefix(s, len, &depth) != 0) {
		while (i < len && s[i] != ' ')
			i++;
		*numbered_r = TRUE;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* digits at folded offset *at: 1 or 2 of them */
static bool fold_number(const struct cmt_fold *fv, size_t *at,
			unsigned int max_digits, unsigned int *num_r)
{
	size_t i = *at;
	unsigned int n = 0;

	while (i < fv->flen && i_isdigit(fv->f[i]) && i - *at < max_digits)
		n = n * 10 + (fv->f[i++] - '0');
	if (i == *at || (i < fv->flen && i_isdigit(fv->f[i])))
		return FALSE;
	*at = i;
	*num_r = n;
	return TRUE;
}

/* the hour mark after the hour: "GIO", "H", "G", ":" */
static bool time_mark(const struct cmt_fold *fv, size_t *at, bool *colon_r)
{
	size_t i = cmt_fold_skip_spaces(fv, *at);

	*colon_r = FALSE;
	if (cmt_fold_word_at(fv, i, "GIO")) {
		*at = i + 3;
		return TRUE;
	}
	if (i == *at && i < fv->flen &&
	    (fv->f[i] == 'H' || fv->f[i] == 'G') &&
	    (i + 1 == fv->flen || !i_isalpha(fv->f[i+1]))) {
		*at = i + 1;
		return TRUE;
	}
	if (i == *at && i + 2 < fv->flen && fv->f[i] == ':' &&
	    i_isdigit(fv->f[i+1]) && i_isdigit(fv->f[i+2])) {
		*colon_r = TRUE;
		*at = i + 1;
		return TRUE;
	}
	return FALSE;
}

bool cmt_parse_time(const struct cmt_fold *fv, size_t at, size_t end,
		    unsigned int *hour_r, unsigned int *min_r,
		    size_t *at_r, size_t *end_r)
{
	size_t i, j;
	unsigned int h, m;
	bool colon;

	if (end > fv->flen)
		end = fv->flen;
	for (i = at; i < end; i++) {
		if (!i_isdigit(fv->f[i]) ||
		    (i > 0 && (cmt_fold_is_word(fv->f[i-1]) ||
		     fv->f[i-1] == '/' || fv->f[i-1] == '.' ||
		     fv->f[i-1] == ':')))
			continue;
		j = i;
		if (!fold_number(fv, &j, 2, &h) || h > 24 ||
		    !time_mark(fv, &j, &colon))
			continue;
		m = 0;
		{
			size_t k = colon ? j : cmt_fold_skip_spaces(fv, j);
			unsigned int mm;

			if (k < fv->flen && i_isdigit(fv->f[k]) &&
			    fold_number(fv, &k, 2, &mm) && mm < 60) {
				m = mm;
				j = k;
				k = cmt_fold_skip_spaces(fv, j);
				if (cmt_fold_word_at(fv, k, "PHUT"))
					j = k + 4;
				else if (k < fv->flen && fv->f[k] == '\'')
					j = k + 1;
			} else if (colon) {
				continue;
			}
		}
		{
			size_t k = cmt_fold_skip_spaces(fv, j);

			if (h < 12 && (cmt_fold_word_at(fv, k, "CHIEU") ||
				       cmt_fold_word_at(fv, k, "TOI")))
				h += 12;
		}
		if (h == 24)
			h = 0;
		*hour_r = h;
		*min_r = m;
		*at_r = i;
		*end_r = j;
		return TRUE;
	}
	return FALSE;
}

unsigned int cmt_doc_year(const struct dondoc_document *doc)
{
	unsigned int y = 0;
	int i;

	if (doc->date == NULL || strlen(doc->date) < 4)
		return 0;
	for (i = 0; i < 4; i++)
		y = y * 10 + (doc->date[i] - '0');
	return y;
}

/* "ngày 24/3", "ngày 24-3" without a year */
static const char *date_without_year(const char *s, size_t len,
				     unsigned int year)
{
	struct cmt_fold fv;
	size_t at = 0, i;
	unsigned int d, m;

	if (year == 0)
		return NULL;
	cmt_fold_init(&fv, s, len);
	while ((at = cmt_fold_find(&fv, at, "NGAY")) != (size_t)-1) {
		i = cmt_fold_skip_spaces(&fv, at + 4);
		at += 4;
		if (!fold_number(&fv, &i, 2, &d) || d < 1 || d > 31 ||
		    i >= fv.flen || (fv.f[i] != '/' && fv.f[i] != '-'))
			continue;
		i++;
		if (!fold_number(&fv, &i, 2, &m) ||
		    !doc_date_is_valid(year, m, d) ||
		    (i < fv.flen && (fv.f[i] == '/' || fv.f[i] == '-')))
			continue;
		return t_strdup_printf("%04u-%02u-%02u", year, m, d);
	}
	return NULL;
}

const char *cmt_parse_date(const char *s, size_t len, unsigned int year)
{
	const char *date;
	size_t at, from = 0;

	/* the first complete date: "ngày   tháng   năm" blanks are none */
	while (from < len && doc_parse_date(s + from, len - from, &date, &at)) {
		if (date != NULL)
			return date;
		from += at + 4;
	}
	return date_without_year(s, len, year);
}

bool cmt_line_is_closing(const char *folded)
{
	static const char *const starts[] = {
		"RAT MONG", "TRAN TRONG", "KINH MONG", "NOI NHAN", "LUU:",
		"LUU VT", "KT.", "KT ", "TM.", "TM ", "TL.", "TUQ.", "Q.",
		"DE NGHI CAC", "KINH DE NGHI", "YEU CAU CAC DONG CHI",
		"DE NGHI DONG CHI", "DE NGHI QUY",
	};
	/* the signer's title: a short line of its own */
	static const char *const titles[] = {
		"TRUONG BAN", "PHO TRUONG BAN", "CHANH VAN PHONG", "GIAM DOC",
		"CHU TICH", "PHO CHU TICH", "THU TRUONG", "THU KY",
	};
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(starts); i++) {
		if (str_begins_with(folded, starts[i]))
			return TRUE;
	}
	for (i = 0; i < N_ELEMENTS(titles) && strlen(folded) <= 40; i++) {
		if (str_begins_with(folded, titles[i]))
			return TRUE;
	}
	return FALSE;
}

void cmt_fold_lines(struct doc_parse *dp, unsigned int first)
{
	unsigned int i;

	for (i = first; i < dp->end; i++)
		(void)doc_line_folded(&dp->lines[i]);
}

/* "... wrote:" or "... đã viết:" (folded), ending an attribution line. */
static bool cmt_ends_attribution(const char *f)
{
	size_t flen = strlen(f);

	return (flen >= 6 && strcmp(f + flen - 6, "WROTE:") == 0) ||
		(flen >= 8 && strcmp(f + flen - 8, "DA VIET:") == 0);
}

/* A separator line before a forwarded or answered mail, folded: a run
   of dashes, then what it announces. Outlook's "-----Original
   Message-----" ("-----Thư gốc-----"), Gmail's "---------- Forwarded
   message ---------" (ten dashes; "Thư đã chuyển tiếp"), Thunderbird's
   "-------- Forwarded Message --------" ("Thư chuyển tiếp"), Zimbra's
   and Yahoo's "----- Forwarded Message -----". The words after the
   dashes are what tells it from a rule or a signature's "--". */
static bool cmt_dashed_separator(const char *f)
{
	static const char *const words[] = {
		"ORIGINAL MESSAGE", "FORWARDED", "THU GOC", "THU CHUYEN TIEP",
		"THU DA CHUYEN TIEP", "THU DUOC CHUYEN TIEP",
	};
	size_t dashes = strspn(f, "-");
	unsigned int i;

	if (dashes < 2)
		return FALSE;
	f += dashes;
	while (*f == ' ')
		f++;
	for (i = 0; i < N_ELEMENTS(words); i++) {
		if (str_begins_with(f, words[i]))
			return TRUE;
	}
	return FALSE;
}

/* A line that begins the mail answered or forwarded: the separators
   above, Apple Mail's "Begin forwarded message:" ("Bắt đầu thư được
   chuyển tiếp:"), Outlook's header block, Thunderbird's and Gmail's
   attribution lines. */
bool cmt_line_starts_quote(const char *s, size_t len,
			   const char *next, size_t next_len)
{
	const char *f;

	while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len-1] == ' ' || s[len-1] == '\t' ||
			   s[len-1] == '\r'))
		len--;
	if (len >= 10 && strspn(s, "_") >= 10)
		return TRUE;
	if (len < 4)
		return FALSE;
	/* Cheap first: every form below folds to start with '-', 'V', 'O',
	   'F' or 'T', or to end with ':' (attribution lines, Apple Mail's),
	   and an ASCII byte folds to itself, upper-cased. Most lines are
	   neither. */
	if ((unsigned char)s[0] < 0x80 &&
	    strchr("-VvOoFfTt", s[0]) == NULL &&
	    (unsigned char)s[I_MIN(len, 200) - 1] < 0x80 &&
	    s[I_MIN(len, 200) - 1] != ':')
		return FALSE;
	f = doc_fold_n(s, I_MIN(len, 200));
	if (cmt_dashed_separator(f) ||
	    strcmp(f, "BEGIN FORWARDED MESSAGE:") == 0 ||
	    (str_begins_with(f, "BAT DAU THU") && strlen(f) >= 12 &&
	     strcmp(f + strlen(f) - 12, "CHUYEN TIEP:") == 0))
		return TRUE;
	if (cmt_ends_attribution(f))
		return TRUE;
	if ((str_begins_with(f, "VAO ") || str_begins_with(f, "ON ")) &&
	    next != NULL && next_len > 0 && next_len <= 200 &&
	    cmt_ends_attribution(doc_fold_n(next, next_len)))
		return TRUE; /* Gmail's line wrapped before "<address> đã viết:" */
	if (str_begins_with(f, "FROM:") || str_begins_with(f, "TU:")) {
		/* the header block of the mail answered: "Sent:" or "Gửi:"
		   (or "Date:") on the next line */
		const char *nf = next == NULL ? "" :
			doc_fold_n(next, I_MIN(next_len, 40));

		return str_begins_with(f, "FROM:") ||
			str_begins_with(nf, "SENT:") || str_begins_with(nf, "GUI:") ||
			str_begins_with(nf, "DA GUI:") || str_begins_with(nf, "DATE:") ||
			str_begins_with(nf, "NGAY:") || str_begins_with(nf, "TO:");
	}
	return FALSE;
}
