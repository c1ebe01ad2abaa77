/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/analysis/dondoc-agency.c: the folded and acronym
   keys agency aliases are compared on, and their bounds. */

#include "lib.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-agency.h"

static void test_agency_fold(void)
{
	static const struct {
		const char *input, *output;
	} tests[] = {
		{ "Sở TT&TT", "SO TT VA TT" },
		{ "SỞ TT & TT", "SO TT VA TT" },
		{ "Sở Thông tin và Truyền thông", "SO THONG TIN VA TRUYEN THONG" },
		{ "  Công an  tỉnh, ", "CONG AN TINH" },
		{ "Sở Kế hoạch và Đầu tư (chủ trì)", "SO KE HOACH VA DAU TU" },
		{ "Đ/c Nguyễn Văn A", "NGUYEN VAN A" },
		{ "đồng chí Giám đốc Sở Y tế", "GIAM DOC SO Y TE" },
		{ "UBND huyện Châu Thành;", "UBND HUYEN CHAU THANH" },
		{ "", "" },
	};
	unsigned int i;

	test_begin("dondoc_agency_fold");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		test_assert_strcmp_idx(dondoc_agency_fold_str(tests[i].input),
				       tests[i].output, i);
	}
	test_end();
}

static void test_agency_acronym(void)
{
	static const struct {
		const char *input, *output;
	} tests[] = {
		{ "Sở Thông tin và Truyền thông", "STTTT" },
		{ "Sở TT&TT", "STTTT" },
		{ "STTTT", "STTTT" },
		{ "Sở KH&ĐT", "SKHDT" },
		{ "Sở Kế hoạch và Đầu tư", "SKHDT" },
		{ "CÔNG AN TỈNH", "CAT" },
		{ "UBND huyện Châu Thành", "UBNDHCT" },
		{ "Ủy ban nhân dân huyện Châu Thành", "UBNDHCT" },
	};
	unsigned int i;

	test_begin("dondoc_agency_acronym");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		string_t *str = t_str_new(32);

		dondoc_agency_acronym(tests[i].input, strlen(tests[i].input),
				      str);
		test_assert_strcmp_idx(str_c(str), tests[i].output, i);
	}
	test_end();
}

static void test_agency_names_match(void)
{
	static const struct {
		const char *a, *b;
		bool match;
	} tests[] = {
		{ "Sở TT&TT", "Sở Thông tin và Truyền thông", TRUE },
		{ "STTTT", "Sở Thông tin và Truyền thông", TRUE },
		{ "Sở TT&TT", "STTTT", TRUE },
		{ "SỞ Y TẾ", "Sở Y tế", TRUE },
		{ "CAT", "Công an tỉnh", TRUE },
		{ "Công an tỉnh", "CÔNG AN TỈNH", TRUE },
		/* two full names never match on their initials */
		{ "Sở Tài chính", "Sở Tư pháp", FALSE },
		{ "Sở Thông tin Truyền thông", "Sở Tài nguyên Thông tin Tỉnh", FALSE },
		{ "Sở Y tế", "Sở Tài chính", FALSE },
		{ "", "", FALSE },
	};
	unsigned int i;

	test_begin("dondoc_agency_names_match");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		test_assert_idx(dondoc_agency_names_match(tests[i].a,
							  tests[i].b) ==
				tests[i].match, i);
	}
	test_end();
}

static void test_agency_bounds(void)
{
	string_t *big = t_str_new(200000), *out = t_str_new(4096);
	unsigned int i;

	test_begin("dondoc_agency bounds");
	for (i = 0; i < 20000; i++)
		str_append(big, "Sở Đ&T ");
	dondoc_agency_fold(str_c(big), str_len(big), out);
	test_assert(str_len(out) < 3 * 512);
	str_truncate(out, 0);
	dondoc_agency_acronym(str_c(big), str_len(big), out);
	test_assert(str_len(out) < 512);
	/* invalid UTF-8 is folded, never fatal */
	str_truncate(out, 0);
	dondoc_agency_fold("S\xff\xfe T", 6, out);
	test_assert(str_len(out) > 0);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_agency_fold,
		test_agency_acronym,
		test_agency_names_match,
		test_agency_bounds,
		NULL
	};
	return test_run(test_functions);
}
