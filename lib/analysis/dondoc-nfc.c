/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* NFC composition for Latin and Vietnamese (see dondoc-nfc.h). The tables
   are generated from Python's unicodedata by lib/analysis/dondoc-nfc-gen.py. The
   algorithm is Unicode's: canonical ordering of each run of marks, then
   composition of each mark with the starter unless it is blocked. A run
   longer than NFC_MAX_MARKS is copied unchanged: hostile input cannot
   make it quadratic. */

#include "lib.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-nfc.h"

#include "dondoc-nfc-table.h"

#define NFC_MAX_MARKS 16

struct nfc_run {
	unichar_t starter;
	bool have_starter;
	unsigned int count;
	unichar_t marks[NFC_MAX_MARKS];
	uint8_t classes[NFC_MAX_MARKS];
};

static uint8_t nfc_class(unichar_t chr)
{
	return chr >= 0x300 && chr < 0x370 ? nfc_mark_class[chr - 0x300] : 0;
}

static bool nfc_compose(unichar_t first, unichar_t second, unichar_t *chr_r)
{
	unsigned int lo = 0, hi = N_ELEMENTS(nfc_pairs), mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (nfc_pairs[mid].first < first ||
		    (nfc_pairs[mid].first == first &&
		     nfc_pairs[mid].second < second))
			lo = mid + 1;
		else if (nfc_pairs[mid].first == first &&
			 nfc_pairs[mid].second == second) {
			*chr_r = nfc_pairs[mid].composed;
			return TRUE;
		} else
			hi = mid;
	}
	return FALSE;
}

/* The pair that composes chr, by a table built on first use: index + 1,
   0 for none (composites outside the Latin ranges have none here). */
static uint16_t nfc_pair_low[0x250 - 0x80];
static uint16_t nfc_pair_ext[0x100];
static bool nfc_pair_ready = FALSE;

static const struct nfc_pair *nfc_pair_of(unichar_t chr)
{
	uint16_t idx;
	unsigned int i;

	if (!nfc_pair_ready) {
		for (i = 0; i < N_ELEMENTS(nfc_pairs); i++) {
			unichar_t c = nfc_pairs[i].composed;

			if (c >= 0x80 && c < 0x250)
				nfc_pair_low[c - 0x80] = i + 1;
			else if (c >= 0x1E00 && c < 0x1F00)
				nfc_pair_ext[c - 0x1E00] = i + 1;
		}
		nfc_pair_ready = TRUE;
	}
	if (chr >= 0x80 && chr < 0x250)
		idx = nfc_pair_low[chr - 0x80];
	else if (chr >= 0x1E00 && chr < 0x1F00)
		idx = nfc_pair_ext[chr - 0x1E00];
	else
		idx = 0;
	return idx == 0 ? NULL : &nfc_pairs[idx - 1];
}

/* A precomposed starter and a mark of a lower class that belongs under
   its own ("Ô" + U+0323 from a PDF text layer): decompose one level,
   compose in canonical order ("Ọ" + U+0302 = "Ộ"). Constant time: a
   text of marks that compose with nothing costs no more than others. */
static bool nfc_recompose(unichar_t starter, unichar_t mark, uint8_t cls,
			  unichar_t *chr_r)
{
	const struct nfc_pair *pair = nfc_pair_of(starter);
	unichar_t first;

	if (pair == NULL || nfc_class(pair->second) <= cls ||
	    !nfc_compose(pair->first, mark, &first))
		return FALSE;
	return nfc_compose(first, pair->second, chr_r);
}

static void nfc_flush(struct nfc_run *run, string_t *dest)
{
	unsigned int i, j, kept = 0;
	uint8_t last_class = 0;
	unichar_t chr;

	/* canonical ordering: stable insertion sort by class */
	for (i = 1; i < run->count; i++) {
		unichar_t m = run->marks[i];
		uint8_t c = run->classes[i];

		for (j = i; j > 0 && run->classes[j-1] > c; j--) {
			run->marks[j] = run->marks[j-1];
			run->classes[j] = run->classes[j-1];
		}
		run->marks[j] = m;
		run->classes[j] = c;
	}
	if (run->have_starter) {
		for (i = 0; i < run->count; i++) {
			if ((kept == 0 || last_class < run->classes[i]) &&
			    (nfc_compose(run->starter, run->marks[i], &chr) ||
			     (kept == 0 && i == 0 &&
			      nfc_recompose(run->starter, run->marks[i],
					    run->classes[i], &chr)))) {
				run->starter = chr;
				continue;
			}
			run->marks[kept] = run->marks[i];
			run->classes[kept++] = run->classes[i];
			last_class = run->classes[i];
		}
		uni_ucs4_to_utf8_c(run->starter, dest);
	} else {
		kept = run->count;
	}
	for (i = 0; i < kept; i++)
		uni_ucs4_to_utf8_c(run->marks[i], dest);
	run->count = 0;
	run->have_starter = FALSE;
}

bool dondoc_nfc_needed(const unsigned char *input, size_t size)
{
	/* U+0300..U+036F are encoded CC 80 .. CD AF */
	return memchr(input, 0xcc, size) != NULL ||
		memchr(input, 0xcd, size) != NULL;
}

void dondoc_nfc_append(const unsigned char *input, size_t size,
		       string_t *dest)
{
	struct nfc_run run;
	const unsigned char *p = input, *end = input + size;
	unichar_t chr;
	uint8_t cls;
	int n;

	if (!dondoc_nfc_needed(input, size)) {
		str_append_data(dest, input, size);
		return;
	}
	i_zero(&run);
	while (p < end) {
		if (*p < 0x80) {
			/* ASCII: a starter */
			nfc_flush(&run, dest);
			run.starter = *p++;
			run.have_starter = TRUE;
			continue;
		}
		n = uni_utf8_get_char_n(p, end - p, &chr);
		if (n <= 0) {
			/* not valid UTF-8: replace, as the caller promised
			   it would not happen */
			nfc_flush(&run, dest);
			str_append(dest, UNICODE_REPLACEMENT_CHAR_UTF8);
			p++;
			continue;
		}
		p += n;
		cls = nfc_class(chr);
		if (cls == 0) {
			nfc_flush(&run, dest);
			run.starter = chr;
			run.have_starter = TRUE;
		} else {
			if (run.count == NFC_MAX_MARKS)
				nfc_flush(&run, dest);
			run.marks[run.count] = chr;
			run.classes[run.count++] = cls;
		}
	}
	nfc_flush(&run, dest);
}

/* Base letters of U+0080..U+024F and U+1E00..U+1EFF, built on first use
   from the composition pairs read backwards. */
static unichar_t nfc_base_low[0x250 - 0x80];
static unichar_t nfc_base_ext[0x100];
static bool nfc_base_ready = FALSE;

static unichar_t *nfc_base_slot(unichar_t chr)
{
	if (chr >= 0x80 && chr < 0x250)
		return &nfc_base_low[chr - 0x80];
	if (chr >= 0x1E00 && chr < 0x1F00)
		return &nfc_base_ext[chr - 0x1E00];
	return NULL;
}

static void nfc_base_init(void)
{
	unsigned int i, depth;
	unichar_t chr, *slot;

	for (chr = 0x80; chr < 0x1F00; chr++) {
		if ((slot = nfc_base_slot(chr)) != NULL)
			*slot = chr;
	}
	/* a composite's first element may itself be composite: resolve
	   repeatedly (Vietnamese stacks two marks, three passes suffice) */
	for (depth = 0; depth < 3; depth++) {
		for (i = 0; i < N_ELEMENTS(nfc_pairs); i++) {
			slot = nfc_base_slot(nfc_pairs[i].composed);
			if (slot == NULL)
				continue;
			chr = nfc_pairs[i].first;
			if (nfc_base_slot(chr) != NULL)
				chr = *nfc_base_slot(chr);
			*slot = chr;
		}
	}
	nfc_base_ready = TRUE;
}

unichar_t dondoc_nfc_base_letter(unichar_t chr)
{
	unichar_t *slot = nfc_base_slot(chr);

	if (slot == NULL)
		return chr;
	if (!nfc_base_ready)
		nfc_base_init();
	return *slot;
}
