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

static void test_abbrev_equals(void)
{
	test_begin("dondoc_text_abbrev_equals");
	test_assert(dondoc_text_abbrev_equals("Ttr", 3, "TTr"));
	test_assert(dondoc_text_abbrev_equals("qđ", strlen("qđ"), "QĐ"));
	test_assert(!dondoc_text_abbrev_equals("QD", 2, "QĐ"));
	test_assert(!dondoc_text_abbrev_equals("BC", 2, "BCX"));
	test_assert(dondoc_text_abbrev_equals("BCX", 2, "BC"));
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
		test_abbrev_equals,
		test_next_line,
		test_trim,
		NULL
	};
	return test_run(test_functions);
}
