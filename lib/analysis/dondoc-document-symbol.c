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

/* Parse the symbol after the number: parts joined by '-' or '/', with
   stray spaces around the joiners ("TTr - BCĐ"). */
const char *doc_parse_symbol(const char *s, size_t len, size_t *i)
{
	string_t *sym = t_str_new(32);
	const char *repaired;
	size_t j;

	for (;;) {
		j = *i;
		/* "BC-UBNDNgày 10 ...": the date glued to the symbol */
		while (j < len && is_symbol_byte((unsigned char)s[j]) &&
		       (j == *i || (s[j] != 'N' && s[j] != 'n') ||
			!doc_is_ngay(s + j, len - j)))
			j++;
		if (j == *i)
			break;
		str_append_data(sym, s + *i, j - *i);
		*i = j;
		skip_spaces(s, len, &j);
		if (j < len && (s[j] == '-' || s[j] == '/')) {
			size_t k = j + 1;

			skip_spaces(s, len, &k);
			if (k < len && is_symbol_byte((unsigned char)s[k])) {
				str_append_c(sym, s[j]);
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
	       line[i] != ';' &&
	       i < 12)
		i++;
	/* OCR and typing noise: "S0" (zero), "Sô", "Sồ" fold alike */
	if (strcmp(t_str_ucase(dondoc_text_fold_str(t_strndup(line, i))),
		   "SO") != 0 &&
	    strcmp(t_str_ucase(t_strndup(line, i)), "S0") != 0)
		return FALSE;
	skip_spaces(line, len, &i);
	/* e-office notifications: "Số ký hiệu: 123/UBND-VP", "Số, ký hiệu" */
	if (i < len && line[i] == ',')
		i++;
	skip_spaces(line, len, &i);
	if (len - i >= 9 && (line[i] == 'k' || line[i] == 'K') &&
	    str_begins_with(dondoc_text_fold_str(t_strndup(line + i,
						      I_MIN(len - i, 12))),
		       "KY HIEU")) {
		i += 2;
		while (i < len && line[i] != ' ')
			i++;
		skip_spaces(line, len, &i);
		while (i < len && line[i] != ':' && line[i] != ' ')
			i++;
		skip_spaces(line, len, &i);
	}
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
	symbol = doc_parse_symbol(line, len, &i);
	/* a symbol has letters: "Số: 0297-3862123" is a phone number */
	if (symbol == NULL || strspn(symbol, "0123456789-/") == strlen(symbol))
		return FALSE;
	*symbol_r = symbol;
	return TRUE;
}
