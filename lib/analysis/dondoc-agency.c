/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Agency names in comparable forms (see dondoc-agency.h): the folded key
   the store's aliases are kept in, and the acronym key that lets an
   abbreviation ("Sở TT&TT", "STTTT") meet the full name. Trusts nothing
   of the input but that it is a byte string: invalid UTF-8 is folded to
   replacement characters by dondoc_text_fold. Linear, and bounded by
   DONDOC_AGENCY_MAX_BYTES of input. */

#include "lib.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-agency.h"

/* Longer names are folded on their first bytes only. */
#define DONDOC_AGENCY_MAX_BYTES 512
/* dondoc_text_fold_buf writes at most 3 bytes per input byte */
#define AGENCY_FOLD_BUF (3 * DONDOC_AGENCY_MAX_BYTES + 1)
#define AGENCY_MAX_WORDS 64

struct agency_word {
	const char *s;
	size_t len;
};

static bool fold_is_word_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool word_equals(const struct agency_word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

/* Split folded text into words, "&" as the word "VA". Returns the
   count; the words point into folded (or at the constant "VA"). */
static unsigned int agency_words(const char *f, size_t len,
				 struct agency_word *words)
{
	unsigned int n = 0;
	size_t i, start;

	for (i = 0; i < len && n < AGENCY_MAX_WORDS; ) {
		if (f[i] == '&') {
			words[n].s = "VA";
			words[n++].len = 2;
			i++;
			continue;
		}
		if (!fold_is_word_char(f[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && fold_is_word_char(f[i]))
			i++;
		words[n].s = f + start;
		words[n++].len = i - start;
	}
	return n;
}

void dondoc_agency_fold(const char *name, size_t size, string_t *dest)
{
	/* on the C stack: callers may append to a string of an outer data
	   stack frame, so nothing here touches the data stack */
	char folded[AGENCY_FOLD_BUF];
	struct agency_word words[AGENCY_MAX_WORDS];
	unsigned int i, first = 0, n;
	size_t len;

	len = dondoc_text_fold_buf(name, I_MIN(size, DONDOC_AGENCY_MAX_BYTES),
				   folded);
	n = agency_words(folded, len, words);
	/* "Đ/c", "đồng chí" in front; "(chủ trì)" behind */
	if (n > 2 && ((word_equals(&words[0], "D") &&
		       word_equals(&words[1], "C")) ||
		      (word_equals(&words[0], "DONG") &&
		       word_equals(&words[1], "CHI"))))
		first = 2;
	if (n > first + 2 && word_equals(&words[n-2], "CHU") &&
	    word_equals(&words[n-1], "TRI"))
		n -= 2;
	for (i = first; i < n; i++) {
		if (i > first)
			str_append_c(dest, ' ');
		str_append_data(dest, words[i].s, words[i].len);
	}
}

const char *dondoc_agency_fold_str(const char *name)
{
	string_t *dest = t_str_new(strlen(name) + 8);

	dondoc_agency_fold(name, strlen(name), dest);
	return str_c(dest);
}

/* An abbreviation as written: two capitals or more, or an & between
   capitals ("TT&TT"); judged on the unfolded bytes, ASCII and Đ. */
static unsigned int written_capitals(const char *s, size_t len)
{
	unsigned int caps = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			caps++;
		else if ((unsigned char)s[i] == 0xC4 && i + 1 < len &&
			 (unsigned char)s[i+1] == 0x90)
			caps++, i++;
	}
	return caps;
}

static bool starts_with(const char *s, size_t len, const char *prefix,
			size_t *at)
{
	size_t plen = strlen(prefix);

	if (len - *at < plen || memcmp(s + *at, prefix, plen) != 0)
		return FALSE;
	*at += plen;
	return TRUE;
}

/* Whether a folded word is one Vietnamese syllable: initial consonant(s),
   one to three vowels, a final consonant ("CONG", "TINH", "NGHIEP"). An
   abbreviation ("TT", "UBND", "KHDT") is not. */
static bool folded_is_syllable(const char *f, size_t len)
{
	static const char *const initials[] = {
		"NGH", "NG", "GH", "GI", "KH", "NH", "PH", "QU", "TH", "TR",
		"CH", "B", "C", "D", "G", "H", "K", "L", "M", "N", "P", "R",
		"S", "T", "V", "X",
	};
	static const char *const finals[] = {
		"NG", "NH", "CH", "C", "M", "N", "P", "T", "",
	};
	size_t at = 0, vowels_at;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(initials); i++) {
		if (starts_with(f, len, initials[i], &at))
			break;
	}
	vowels_at = at;
	while (at < len && strchr("AEIOUY", f[at]) != NULL && f[at] != '\0')
		at++;
	if (at == vowels_at || at - vowels_at > 3)
		return FALSE;
	for (i = 0; i < N_ELEMENTS(finals); i++) {
		if (len - at == strlen(finals[i]) &&
		    memcmp(f + at, finals[i], len - at) == 0)
			return TRUE;
	}
	return FALSE;
}

/* A written word that is an abbreviation: two capitals or more and not a
   syllable ("TT", "KH", "ĐT", "UBND"; not "CÔNG" of an upper-case name);
   a name of one word only needs the capitals ("CAT", "STTTT"). */
static bool word_is_abbreviation(const char *w, size_t len,
				 const char *folded, size_t flen,
				 bool only_word)
{
	if (len < 2 || written_capitals(w, len) < 2)
		return FALSE;
	return only_word || !folded_is_syllable(folded, flen);
}

static bool is_name_separator(char c)
{
	return c == ' ' || c == '\t' || c == '&' || c == ',' || c == '.' ||
		c == '-' || c == '(' || c == ')' || c == '/' || c == ';' ||
		c == ':' || c == '"';
}

/* The next written word of name[*i, n): FALSE at the end. */
static bool next_written_word(const char *name, size_t n, size_t *i,
			      const char **word_r, size_t *len_r)
{
	size_t start;

	while (*i < n && is_name_separator(name[*i]))
		(*i)++;
	start = *i;
	while (*i < n && !is_name_separator(name[*i]))
		(*i)++;
	*word_r = name + start;
	*len_r = *i - start;
	return *len_r > 0;
}

static bool name_is_one_word(const char *name, size_t n)
{
	size_t i = 0, wlen;
	const char *w;
	unsigned int words = 0;

	while (words < 2 && next_written_word(name, n, &i, &w, &wlen))
		words++;
	return words == 1;
}

void dondoc_agency_acronym(const char *name, size_t size, string_t *dest)
{
	char folded[AGENCY_FOLD_BUF];
	size_t i = 0, n = I_MIN(size, DONDOC_AGENCY_MAX_BYTES), wlen, flen;
	const char *w;

	/* an abbreviation is kept whole, another word gives its folded
	   initial, "và" and "&" nothing */
	while (next_written_word(name, n, &i, &w, &wlen)) {
		flen = dondoc_text_fold_buf(w, wlen, folded);
		if (flen == 2 && memcmp(folded, "VA", 2) == 0)
			continue;
		if (word_is_abbreviation(w, wlen, folded, flen,
					 name_is_one_word(name, n)))
			str_append_data(dest, folded, flen);
		else if (fold_is_word_char(folded[0]))
			str_append_c(dest, folded[0]);
	}
}

bool dondoc_agency_is_abbreviated(const char *name, size_t size)
{
	size_t i = 0, n = I_MIN(size, DONDOC_AGENCY_MAX_BYTES), wlen;
	unsigned int words = 0, abbrevs = 0;
	const char *w;

	char folded[AGENCY_FOLD_BUF];
	bool one = name_is_one_word(name, n);
	size_t flen;

	while (next_written_word(name, n, &i, &w, &wlen)) {
		words++;
		flen = dondoc_text_fold_buf(w, wlen, folded);
		if (word_is_abbreviation(w, wlen, folded, flen, one))
			abbrevs++;
	}
	return abbrevs > 0 && words > 0;
}

bool dondoc_agency_names_match(const char *a, const char *b)
{
	bool match;

	T_BEGIN {
		string_t *ka = t_str_new(64), *kb = t_str_new(64);

		dondoc_agency_fold(a, strlen(a), ka);
		dondoc_agency_fold(b, strlen(b), kb);
		match = str_len(ka) > 0 && str_equals(ka, kb);
		if (!match && (dondoc_agency_is_abbreviated(a, strlen(a)) ||
			       dondoc_agency_is_abbreviated(b, strlen(b)))) {
			str_truncate(ka, 0);
			str_truncate(kb, 0);
			dondoc_agency_acronym(a, strlen(a), ka);
			dondoc_agency_acronym(b, strlen(b), kb);
			match = str_len(ka) > 1 && str_equals(ka, kb);
		}
	} T_END;
	return match;
}
