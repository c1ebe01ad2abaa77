/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* The number line of a Decree 30 document ("Số: 17/TTr-BCĐ-CAT") and the
   symbol after a number, there and in citations. Reads one line of
   decoded text (NFC UTF-8, not NUL-terminated), trusting nothing else. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

static bool is_symbol_byte(unsigned char c)
{
	/* ASCII letters and digits, and any UTF-8 byte (Đ, Ư, ...). */
	return i_isalnum(c) || c >= 0x80;
}

static void skip_spaces(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
}

/* The joiner at j: '-', '/', or an en dash or minus sign written for a
   hyphen; its length, 0 if none. */
static size_t symbol_joiner(const char *s, size_t len, size_t j)
{
	if (j < len && (s[j] == '-' || s[j] == '/'))
		return 1;
	if (j + 3 <= len && ((memcmp(s + j, "\xe2\x80\x93", 3) == 0) ||
			     memcmp(s + j, "\xe2\x88\x92", 3) == 0))
		return 3;
	return 0;
}

/* The end of the symbol part at i. */
static size_t symbol_part_end(const char *s, size_t len, size_t i)
{
	size_t j = i;

	/* "BC-UBNDNgày 10 ...": the date glued to the symbol; an en dash
	   is a joiner, though a UTF-8 byte */
	while (j < len && is_symbol_byte((unsigned char)s[j]) &&
	       (j == i || (s[j] != 'N' && s[j] != 'n') ||
		!doc_is_ngay(s + j, len - j)) &&
	       ((unsigned char)s[j] != 0xE2 || symbol_joiner(s, len, j) == 0))
		j++;
	return j;
}

/* A part after a joiner is a code: capitals and digits, one small letter
   at most, ASCII and last ("TTr", "TTg"). A word is not ("45/STTTT-VP
   - V/v ...", "- Về việc ...": the subject written on the number line). */
static bool symbol_part_is_code(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	unichar_t chr;
	int n;

	for (i = 0; i < len; i += n) {
		n = 1;
		if (p[i] >= 'a' && p[i] <= 'z') {
			if (i == 0 || i + 1 != len)
				return FALSE;
		} else if (p[i] >= 0x80) {
			n = uni_utf8_get_char_n(p + i, len - i, &chr);
			if (n <= 0 || uni_ucs4_to_titlecase(chr) != chr)
				return FALSE;
		}
	}
	return TRUE;
}

/* Parse the symbol after the number: parts joined by '-' or '/', with
   stray spaces around the joiners ("TTr - BCĐ"). */
const char *doc_parse_symbol(const char *s, size_t len, size_t *i)
{
	string_t *sym = t_str_new(32);
	const char *repaired;
	size_t j, k, n, end;

	for (;;) {
		j = symbol_part_end(s, len, *i);
		if (j == *i)
			break;
		str_append_data(sym, s + *i, j - *i);
		*i = j;
		skip_spaces(s, len, &j);
		if ((n = symbol_joiner(s, len, j)) > 0) {
			k = j + n;
			skip_spaces(s, len, &k);
			end = symbol_part_end(s, len, k);
			/* across spaces, one letter is a word: "- V/v ..." */
			if (end > k && symbol_part_is_code(s + k, end - k) &&
			    (end - k > 1 || (*i == j && k == j + n))) {
				str_append_c(sym, n == 1 ? s[j] : '-');
				*i = k;
				continue;
			}
		}
		break;
	}
	if (str_len(sym) == 0)
		return NULL;
	return doc_symbol_split_type(str_c(sym), &repaired) ? repaired :
		str_c(sym);
}

/* Issuer parts that follow a type abbreviation whose hyphen was lost
   ("QĐUBND"): the commonest first parts of the issuing body's code. */
static const char *const symbol_issuer_starts[] = {
	"UBND", "\xc4\x90U", "BCĐ", "VP", "S", "CA", "B", "TU", "HU", "TTg",
	"CP", "UB", "TW", "TT", "PC", "PV",
};

bool doc_symbol_split_type(const char *symbol, const char **repaired_r)
{
	size_t len = strlen(symbol), plen, k;
	unsigned int i, best = 0;
	size_t best_len = 0;

	if (len < 5 || len > 16 || strpbrk(symbol, "-/") != NULL)
		return FALSE;
	for (i = 0; i < doc_types_count; i++) {
		plen = strlen(doc_types[i].abbrev);
		if (plen > best_len && plen + 3 <= len &&
		    dondoc_text_abbrev_equals(symbol, plen, doc_types[i].abbrev)) {
			best = i;
			best_len = plen;
		}
	}
	if (best_len == 0 || strcmp(doc_types[best].abbrev, "CV") == 0)
		return FALSE;
	for (k = best_len; k < len; k++) {
		if (symbol[k] >= 'a' && symbol[k] <= 'z' && symbol[k] != 'g')
			return FALSE;
	}
	for (i = 0; i < N_ELEMENTS(symbol_issuer_starts); i++) {
		if (str_begins_with(symbol + best_len, symbol_issuer_starts[i])) {
			*repaired_r = t_strdup_printf("%.*s-%s", (int)best_len,
						      symbol, symbol + best_len);
			return TRUE;
		}
	}
	return FALSE;
}

/* The words of e-office notifications after "Số" (i is after it): "Số
   ký hiệu: 123/UBND-VP", "Số, ký hiệu văn bản:", "Số/Ký hiệu:", "Số hiệu
   VB:", "Số ký hiệu 123/..." without its colon. FALSE for "Số/" not
   followed by them. */
static bool number_line_skip_label(const char *line, size_t len, size_t *i)
{
	static const char *const words[] = { "KY", "HIEU", "VAN", "BAN", "VB" };
	const char *const *w;
	bool slash = *i < len && line[*i] == '/';
	unsigned int n = 0, k;
	size_t at;

	if (*i < len && (line[*i] == ',' || slash))
		(*i)++;
	skip_spaces(line, len, i);
	at = *i;
	while (at < len && at - *i < 24 && line[at] != ':' &&
	       !i_isdigit(line[at]))
		at++;
	if (at == *i || at >= len)
		return !slash;
	w = doc_fold_words(line + *i, at - *i);
	for (; w[n] != NULL; n++) {
		for (k = 0; k < N_ELEMENTS(words); k++) {
			if (strcmp(w[n], words[k]) == 0)
				break;
		}
		/* "hiệu" is the label's, "Số" alone with other words not */
		if (k == N_ELEMENTS(words))
			return !slash;
	}
	*i = at;
	return TRUE;
}

/* "Số: 12/2023/QĐ-UBND": the year of a legal document is part of its
   number; the symbol is QĐ-UBND, as a citation of it is read. */
static void number_line_skip_year(const char *line, size_t len, size_t *i)
{
	size_t k = *i;

	while (k < len && k - *i < 5 && i_isdigit(line[k]))
		k++;
	if (k - *i != 4)
		return;
	skip_spaces(line, len, &k);
	if (k < len && line[k] == '/') {
		k++;
		skip_spaces(line, len, &k);
		*i = k;
	}
}

/* Recognise "Số: 17/TTr-BCĐ-CAT" (and "Số 198-BC/TU", "Số: /TB-UBND").
   Returns FALSE if the line is no number line. */
bool doc_parse_number_line(const char *line, size_t len,
			   const char **number_r, const char **symbol_r)
{
	size_t i = 0, num_start;
	const char *symbol;

	dondoc_text_trim(&line, &len);
	/* "Số" is S + ố in NFC, or S + o + marks in NFD: fold and compare. */
	while (i < len && (unsigned char)line[i] > ' ' && line[i] != ':' &&
	       line[i] != ';' && line[i] != '/' && line[i] != ',' &&
	       i < 12)
		i++;
	/* OCR and typing noise: "S0" (zero), "Sô", "Sồ" fold alike */
	if (strcmp(t_str_ucase(dondoc_text_fold_str(t_strndup(line, i))),
		   "SO") != 0 &&
	    strcmp(t_str_ucase(t_strndup(line, i)), "S0") != 0)
		return FALSE;
	skip_spaces(line, len, &i);
	if (!number_line_skip_label(line, len, &i))
		return FALSE;
	if (i < len && (line[i] == ':' || line[i] == '.' || line[i] == ';'))
		i++;
	skip_spaces(line, len, &i);
	num_start = i;
	while (i < len && i_isdigit(line[i]))
		i++;
	*number_r = i > num_start ? t_strndup(line + num_start,
					      i - num_start) : NULL;
	skip_spaces(line, len, &i);
	if (i >= len || (line[i] != '/' && line[i] != '-'))
		return FALSE;
	i++;
	skip_spaces(line, len, &i);
	number_line_skip_year(line, len, &i);
	symbol = doc_parse_symbol(line, len, &i);
	/* a symbol has letters: "Số: 0297-3862123" is a phone number */
	if (symbol == NULL || strspn(symbol, "0123456789-/") == strlen(symbol))
		return FALSE;
	*symbol_r = symbol;
	return TRUE;
}
