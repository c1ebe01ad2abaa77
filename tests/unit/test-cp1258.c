/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit test for lib/analysis/dondoc-cp1258.c: the windows-1258 decoder
   against what it replaces, Dovecot's charset_to_utf8() with glibc's
   iconv (the input followed by a newline that flushes the held letter,
   taken off again, as dondoc-charset.c did), over every byte, every two
   bytes, every letter + mark + byte and letter + rejected byte + mark,
   and random text; and dondoc_charset_to_utf8() against NFC of iconv's
   output. Trusts the iconv of the machine it runs on as the reference. */

#include "lib.h"
#include "str.h"
#include "buffer.h"
#include "hex-binary.h"
#include "charset-utf8.h"
#include "test-common.h"
#include "dondoc-nfc.h"
#include "dondoc-cp1258.h"
#include "dondoc-charset.h"

#include <stdio.h>

static const unsigned char marks[] = { 0xCC, 0xEC, 0xD2, 0xDE, 0xF2 };
static const unsigned char rejected[] = {
	0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E,
};

static struct charset_translation *trans;
static unsigned int failures;

static void iconv_ref(const unsigned char *input, size_t size,
		      buffer_t *dest)
{
	buffer_t *in = t_buffer_create(size + 1);
	size_t pos;

	buffer_append(in, input, size);
	buffer_append_c(in, '\n');
	pos = in->used;
	charset_to_utf8_reset(trans);
	(void)charset_to_utf8(trans, in->data, &pos, dest);
	i_assert(dest->used > 0 &&
		 ((const char *)dest->data)[dest->used - 1] == '\n');
	buffer_set_used_size(dest, dest->used - 1);
}

static void check_one(const unsigned char *input, size_t size)
{
	buffer_t *ref = t_buffer_create(size * 3 + 8);
	string_t *got = t_str_new(size * 3 + 8), *want, *conv;
	bool marks_left;
	const char *used;
	size_t i;

	iconv_ref(input, size, ref);
	/* something before, as in a header of several encoded words */
	str_append(got, "x");
	marks_left = dondoc_cp1258_to_utf8(input, size, got);
	if (str_len(got) - 1 != ref->used ||
	    memcmp(str_data(got) + 1, ref->data, ref->used) != 0 ||
	    marks_left != dondoc_nfc_needed(ref->data, ref->used)) {
		if (failures++ < 10) {
			printf("cp1258 input:");
			for (i = 0; i < size; i++)
				printf(" %02X", input[i]);
			printf("\n  iconv:  %s\n  got:    %s (marks %d)\n",
			       binary_to_hex(ref->data, ref->used),
			       binary_to_hex(str_data(got) + 1,
					     str_len(got) - 1), marks_left);
		}
		test_assert(FALSE);
		return;
	}
	/* dondoc_charset_to_utf8(): NFC, NUL as space */
	want = t_str_new(size * 3 + 8);
	dondoc_nfc_append(ref->data, ref->used, want);
	for (i = 0; i < str_len(want); i++) {
		if (str_data(want)[i] == '\0')
			buffer_write(want, i, " ", 1);
	}
	conv = t_str_new(size * 3 + 8);
	test_assert(dondoc_charset_to_utf8("windows-1258", input, size, conv,
					   &used) == DONDOC_CHARSET_OK);
	if (!buffer_cmp(want, conv)) {
		if (failures++ < 10)
			printf("cp1258 NFC differs for %s\n",
			       binary_to_hex(input, size));
		test_assert(FALSE);
	}
}

static void check(const unsigned char *input, size_t size)
{
	T_BEGIN {
		check_one(input, size);
	} T_END;
}

static void test_cp1258_exhaustive(void)
{
	unsigned char in[3];
	unsigned int a, b, c;

	test_begin("cp1258: every byte and pair, letter + mark + byte, ...");
	check(in, 0);
	for (a = 0; a < 256; a++) {
		in[0] = a;
		check(in, 1);
		for (b = 0; b < 256; b++) {
			in[1] = b;
			check(in, 2);
		}
	}
	/* every letter + mark + any byte (a second mark, a rejected
	   byte, another letter) */
	for (a = 0; a < 256; a++) {
		in[0] = a;
		for (b = 0; b < N_ELEMENTS(marks); b++) {
			in[1] = marks[b];
			for (c = 0; c < 256; c++) {
				in[2] = c;
				check(in, 3);
			}
		}
	}
	/* letter + rejected byte + any byte: the mark after still
	   composes, U+FFFD goes before the letter */
	for (a = 0; a < 256; a++) {
		in[0] = a;
		for (b = 0; b < N_ELEMENTS(rejected); b++) {
			in[1] = rejected[b];
			for (c = 0; c < 256; c++) {
				in[2] = c;
				check(in, 3);
			}
		}
	}
	/* rejected + any byte + rejected: one U+FFFD unless the output
	   grew between them */
	for (a = 0; a < N_ELEMENTS(rejected); a++) {
		in[0] = rejected[a];
		for (b = 0; b < 256; b++) {
			in[1] = b;
			for (c = 0; c < N_ELEMENTS(rejected); c++) {
				in[2] = rejected[c];
				check(in, 3);
			}
		}
	}
	test_assert(failures == 0);
	test_end();
}

static unsigned char random_byte(void)
{
	static const unsigned char letters[] = {
		'a', 'A', 'o', 'y', 'x', ' ', '\n', '\0', 0xA8, 0xC2, 0xC3,
		0xD3, 0xD4, 0xD5, 0xD6, 0xDA, 0xDD, 0xE2, 0xE3, 0xEA, 0xF4,
		0xF5, 0xFD, 0xD0, 0xF0, 0x80, 0xFF, 0x9F,
	};

	switch (i_rand_limit(4)) {
	case 0:
		return marks[i_rand_limit(N_ELEMENTS(marks))];
	case 1:
		return rejected[i_rand_limit(N_ELEMENTS(rejected))];
	case 2:
		return letters[i_rand_limit(N_ELEMENTS(letters))];
	default:
		return i_rand_limit(256);
	}
}

static void test_cp1258_random(void)
{
	unsigned char in[48];
	unsigned char *big;
	unsigned int i, j, len, ascii;

	test_begin("cp1258: random text, ASCII runs of every length");
	failures = 0;
	for (i = 0; i < 30000; i++) {
		len = 1 + i_rand_limit(sizeof(in) - 1);
		/* an ASCII run first: the eight-byte path, its tail */
		ascii = i_rand_limit(len + 1);
		for (j = 0; j < len; j++)
			in[j] = j < ascii ? 'a' + i_rand_limit(26) :
				random_byte();
		check(in, len);
	}
	/* longer than charset_to_utf8()'s own chunks */
	big = i_malloc(200000);
	for (i = 0; i < 200000; i++)
		big[i] = i_rand_limit(3) == 0 ? random_byte() :
			'a' + i_rand_limit(26);
	check(big, 200000);
	i_free(big);
	test_assert(failures == 0);
	test_end();
}

static void test_cp1258_names(void)
{
	/* "Số" as S, ô, combining acute; Ṍ that only iconv's table has */
	static const unsigned char so[] = "S\xf4\xec \xd3\xde";
	const char *names[] = {
		"windows-1258", "WINDOWS-1258", "cp1258", "CP1258",
		"x-cp1258", "X-CP1258",
	};
	string_t *str = t_str_new(32);
	const char *used;
	unsigned int i;

	test_begin("cp1258: the names routed to the decoder");
	for (i = 0; i < N_ELEMENTS(names); i++) {
		str_truncate(str, 0);
		test_assert_idx(dondoc_charset_to_utf8(names[i], so,
				sizeof(so) - 1, str, &used) ==
				DONDOC_CHARSET_OK, i);
		test_assert_strcmp_idx(str_c(str), "Số \xe1\xb9\x8c", i);
		test_assert_strcmp_idx(used, names[i], i);
	}
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_cp1258_names,
		test_cp1258_exhaustive,
		test_cp1258_random,
		NULL
	};
	int ret;

	if (charset_to_utf8_begin("windows-1258", NULL, &trans) < 0)
		i_fatal("iconv has no windows-1258");
	ret = test_run(test_functions);
	charset_to_utf8_end(&trans);
	return ret;
}
