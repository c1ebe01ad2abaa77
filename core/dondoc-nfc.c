/* NFC composition for Latin and Vietnamese (see dondoc-nfc.h). The tables
   are generated from Python's unicodedata by core/dondoc-nfc-gen.py. The
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
			    nfc_compose(run->starter, run->marks[i], &chr)) {
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
