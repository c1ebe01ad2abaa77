/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/analysis/dondoc-text.c: folding and line iteration. */

#include "lib.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-text.h"

static void test_fold(void)
{
	static const struct {
		const char *input, *output;
	} tests[] = {
		{ "Báo cáo", "BAO CAO" },
		/* NFD input: o + combining circumflex + combining acute */
		{ "S\x6f\xcc\x82\xcc\x81", "SO" },
		{ "Số", "SO" },
		{ "ĐÔN ĐỐC đôn đốc", "DON DOC DON DOC" },
		{ "Hỏa tốc", "HOA TOC" },
		{ "a\xc2\xa0" "b", "A B" },
		{ "", "" },
	};
	unsigned int i;

	test_begin("dondoc_text_fold");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		string_t *str = t_str_new(32);

		dondoc_text_fold(tests[i].input, strlen(tests[i].input), str);
		test_assert_strcmp_idx(str_c(str), tests[i].output, i);
	}
	/* Invalid UTF-8 is replaced, never fatal. */
	string_t *str = t_str_new(32);
	dondoc_text_fold("a\xff" "b", 3, str);
	test_assert(str_len(str) > 2);
	test_end();
}

/* The eight-bytes-at-a-time ASCII path and the one-character path
   agree, wherever a multibyte or broken character falls in the word. */
static void test_fold_fast(void)
{
	static const char *const pieces[] = {
		"ố", "Đ", "\xe1\xbb", "\xff", "\xc3", "o\xcc\x82\xcc\x81",
		"\xc2\xa0",
	};
	char ascii[128], out[128 * 3 + 1], piece_out[64];
	unsigned int i, k, j, map[64 * 3 + 1];
	size_t len;

	test_begin("dondoc_text_fold: fast ASCII path, map");
	for (i = 0; i < 128; i++)
		ascii[i] = i;
	len = dondoc_text_fold_buf(ascii, 128, out);
	test_assert(len == 128);
	for (i = 0; i < 128; i++) {
		test_assert_idx(out[i] == (i >= 'a' && i <= 'z' ?
					   (char)(i - 32) : (char)i), i);
	}
	for (j = 0; j < N_ELEMENTS(pieces); j++) {
		for (k = 0; k <= 20; k++) {
			const char *in = t_strdup_printf("%.*s%s%s",
				(int)k, "abcdefghijklmnopqrstuvwxyz",
				pieces[j], k % 2 == 0 ? "xyz, abc" : "");
			string_t *want = t_str_new(64);
			size_t plen;

			str_append(want, t_str_ucase(t_strndup(in, k)));
			plen = dondoc_text_fold_buf(pieces[j],
						    strlen(pieces[j]),
						    piece_out);
			str_append_data(want, piece_out, plen);
			str_append(want, t_str_ucase(in + k +
						     strlen(pieces[j])));
			len = dondoc_text_fold_buf(in, strlen(in), out);
			test_assert_idx(len == str_len(want) &&
					memcmp(out, str_data(want), len) == 0,
					j * 100 + k);
			test_assert_idx(out[len] == '\0', j * 100 + k);
		}
	}
	/* the tables of two- and three-byte letters: every Vietnamese
	   letter, both cases, precomposed and decomposed */
	{
		const char *lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩị"
			"oòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
		const char *want = "AAAAAAAAAAAAAAAAAAEEEEEEEEEEEEIIIIII"
			"OOOOOOOOOOOOOOOOOOUUUUUUUUUUUUYYYYYYD";
		const char *upper;
		string_t *u = t_str_new(256);

		len = dondoc_text_fold_buf(lower, strlen(lower), out);
		test_assert(len == strlen(want) && memcmp(out, want, len) == 0);
		str_append(u, "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊ"
			   "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ");
		upper = str_c(u);
		len = dondoc_text_fold_buf(upper, strlen(upper), out);
		test_assert(len == strlen(want) && memcmp(out, want, len) == 0);
		len = dondoc_text_fold_buf("a\xcc\x81\xcc\xa3 \xc3\xb8\xc5\x93 "
					   "\xd0\x96", 13, out);
		test_assert(len == 9 &&
			    memcmp(out, "A \xc3\x98\xc5\x92 \xd0\x96", 9) == 0);
	}
	/* each folded byte maps to the start of its character */
	len = dondoc_text_fold_map("aố b", strlen("aố b"), out, map);
	test_assert(len == 4 && memcmp(out, "AO B", 4) == 0);
	test_assert(map[0] == 0 && map[1] == 1 && map[2] == 4 &&
		    map[3] == 5 && map[4] == 6);
	test_end();
}

/* A line of 1 MB without a newline folds whole. */
static void test_fold_long_line(void)
{
	const size_t size = 1024 * 1024;
	string_t *in = t_str_new(size + 16), *out = t_str_new(size * 3 + 1);
	size_t i;
	bool ok = TRUE;

	test_begin("dondoc_text_fold: 1 MB line");
	while (str_len(in) < size)
		str_append(in, "ab ố ");
	dondoc_text_fold(str_c(in), str_len(in), out);
	test_assert(str_len(out) == str_len(in) / 7 * 5);
	for (i = 0; i + 5 <= str_len(out) && ok; i += 5)
		ok = memcmp(str_data(out) + i, "AB O ", 5) == 0;
	test_assert(ok);
	test_end();
}

static void test_abbrev_equals(void)
{
	test_begin("dondoc_text_abbrev_equals");
	test_assert(dondoc_text_abbrev_equals("Ttr", 3, "TTr"));
	test_assert(dondoc_text_abbrev_equals("qđ", strlen("qđ"), "QĐ"));
	test_assert(!dondoc_text_abbrev_equals("QD", 2, "QĐ"));
	test_assert(!dondoc_text_abbrev_equals("BC", 2, "BCX"));
	test_assert(dondoc_text_abbrev_equals("BCX", 2, "BC"));
	/* the first letter: ASCII against ASCII, against Đ/đ and invalid
	   bytes, and the empty ends */
	test_assert(dondoc_text_abbrev_equals("đ", strlen("đ"), "Đ"));
	test_assert(!dondoc_text_abbrev_equals("D", 1, "Đ"));
	test_assert(!dondoc_text_abbrev_equals("Đ", strlen("Đ"), "D"));
	test_assert(!dondoc_text_abbrev_equals("a", 1, "B"));
	test_assert(dondoc_text_abbrev_equals("\xff", 1, "\xff"));
	test_assert(!dondoc_text_abbrev_equals("\xff", 1, "y"));
	test_assert(!dondoc_text_abbrev_equals("\0", 1, "A"));
	test_assert(dondoc_text_abbrev_equals("", 0, ""));
	test_assert(!dondoc_text_abbrev_equals("A", 1, ""));
	test_assert(!dondoc_text_abbrev_equals("", 0, "A"));
	test_end();
}

static void test_next_line(void)
{
	const char *text = "a\r\nbb\n\nccc\rd";
	const char *expected[] = { "a", "bb", "", "ccc", "d" };
	const char *line;
	size_t pos = 0, len;
	unsigned int n = 0;

	test_begin("dondoc_text_next_line");
	while (dondoc_text_next_line(text, strlen(text), &pos, &line, &len)) {
		test_assert_idx(n < N_ELEMENTS(expected), n);
		if (n < N_ELEMENTS(expected))
			test_assert_strcmp_idx(t_strndup(line, len),
					       expected[n], n);
		n++;
	}
	test_assert_ucmp(n, ==, N_ELEMENTS(expected));
	test_end();
}

static void test_trim(void)
{
	const char *s = " \t\xc2\xa0x y\xc2\xa0 ";
	size_t len = strlen(s);

	test_begin("dondoc_text_trim");
	dondoc_text_trim(&s, &len);
	test_assert_strcmp(t_strndup(s, len), "x y");
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_fold,
		test_fold_fast,
		test_fold_long_line,
		test_abbrev_equals,
		test_next_line,
		test_trim,
		NULL
	};
	return test_run(test_functions);
}
