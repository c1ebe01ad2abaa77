/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/analysis/dondoc-document.c: number lines, symbols, types. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-document.h"

static pool_t test_pool;

static unsigned int parse(const char *text, ARRAY_TYPE(dondoc_document) *docs)
{
	if (test_pool == NULL)
		test_pool = pool_alloconly_create("test", 4096);
	t_array_init(docs, 4);
	return dondoc_document_parse(test_pool, "body", text, strlen(text),
				     10, docs);
}

static void test_number_line(void)
{
	static const struct {
		const char *line, *number, *symbol, *type;
	} tests[] = {
		{ "Số: 17/TTr-BCĐ-CAT", "17", "TTr-BCĐ-CAT", "TTr" },
		{ "Số 198-BC/TU", "198", "BC/TU", "BC" },
		{ "Số: /TB-UBND", NULL, "TB-UBND", "TB" },
		{ "  Số : 12 / BC - STTTT  ", "12", "BC-STTTT", "BC" },
		{ "SỐ: 5/Ttr-UBND", "5", "Ttr-UBND", "TTr" },
		{ "Số: 1234/UBND-KT", "1234", "UBND-KT", "CV" },
		{ "Số: 61/QĐ-BCĐ", "61", "QĐ-BCĐ", "QĐ" },
		{ "So: 61/QD-BCD", "61", "QD-BCD", "QĐ" },
		{ "Số: 3/HD-UBND", "3", "HD-UBND", "HD" },
		{ "Số: 3/HĐ-UBND", "3", "HĐ-UBND", "HĐ" },
		/* OCR-ish noise */
		{ "S0: 7 / BC-UBND", "7", "BC-UBND", "BC" },
		{ "Sồ; 8/TB - UBND", "8", "TB-UBND", "TB" },
		/* NFD "Số" */
		{ "S\x6f\xcc\x82\xcc\x81: 9/BB-BCĐ", "9", "BB-BCĐ", "BB" },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("document number line");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		test_assert_idx(parse(tests[i].line, &docs) == 1, i);
		if (array_count(&docs) != 1)
			continue;
		doc = array_front(&docs);
		test_assert_strcmp_idx(doc->number, tests[i].number, i);
		test_assert_strcmp_idx(doc->symbol, tests[i].symbol, i);
		test_assert_strcmp_idx(doc->type, tests[i].type, i);
		test_assert_strcmp_idx(doc->source, "body", i);
	}
	test_end();
}

static void test_not_documents(void)
{
	static const char *const lines[] = {
		"Số liệu thống kê tháng 3",
		"Số: 17",
		"Số: 0297-3862123",
		"Số điện thoại: 0297 3862 123",
		"Sổ tay 12/BC",
		"Họp lúc 14/3",
		"",
	};
	ARRAY_TYPE(dondoc_document) docs;
	unsigned int i;

	test_begin("document: lines that are no documents");
	for (i = 0; i < N_ELEMENTS(lines); i++)
		test_assert_idx(parse(lines[i], &docs) == 0, i);
	test_end();
}

static void test_type_line(void)
{
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;

	test_begin("document type line overrides the symbol");
	test_assert(parse("UBND TỈNH KIÊN GIANG\nSố: 20/UBND-VP\n"
			  "Kiên Giang, ngày 1 tháng 4 năm 2022\n\n"
			  "BÁO CÁO\nKết quả 6 tháng\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->type, "BC");
	test_assert_strcmp(doc->type_name, "Báo cáo");
	test_end();
}

static void test_limit(void)
{
	ARRAY_TYPE(dondoc_document) docs;
	string_t *text = t_str_new(1024);
	unsigned int i;

	test_begin("document count limit");
	for (i = 0; i < 50; i++)
		str_printfa(text, "Số: %u/BC-X\n", i);
	t_array_init(&docs, 4);
	test_assert(dondoc_document_parse(test_pool, "body",
					  str_c(text), str_len(text), 10,
					  &docs) == 10);
	test_assert(array_count(&docs) == 10);
	test_end();
}

static void test_type_lookup(void)
{
	const char *abbrev, *name;

	test_begin("document type lookup");
	test_assert(dondoc_document_type_lookup("bc", &abbrev, &name));
	test_assert_strcmp(abbrev, "BC");
	test_assert_strcmp(name, "Báo cáo");
	test_assert(dondoc_document_type_lookup("qyđ", &abbrev, &name));
	test_assert_strcmp(abbrev, "QyĐ");
	test_assert(!dondoc_document_type_lookup("XYZ", &abbrev, &name));
	test_end();
}

static void test_fields(void)
{
	static const struct {
		const char *summary, *kind;
		unsigned int year, index;
	} periods[] = {
		{ "Kết quả 6 tháng đầu năm 2022", "half-year", 2022, 1 },
		{ "Kết quả 6 tháng cuối năm", "half-year", 2021, 2 },
		{ "Tình hình quý I/2023", "quarter", 2023, 1 },
		{ "Tình hình quý 2 năm 2023", "quarter", 2023, 2 },
		{ "Giao ban tháng 3/2023", "month", 2023, 3 },
		{ "Giao ban tháng 3 năm 2023", "month", 2023, 3 },
		{ "Kết quả 9 tháng đầu năm 2022", "nine-months", 2022, 0 },
		{ "Tổng kết công tác năm 2022", "year", 2022, 0 },
		{ "Về việc cử cán bộ", NULL, 0, 0 },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("document fields: period, date, issuer, levels, refs");
	for (i = 0; i < N_ELEMENTS(periods); i++) {
		const char *text = t_strdup_printf(
			"SỞ Y TẾ\nSố: 1/BC-SYT     Rạch Giá, ngày 2 tháng 1 "
			"năm 2021\nBÁO CÁO\n%s\n", periods[i].summary);

		test_assert_idx(parse(text, &docs) == 1, i);
		doc = array_front(&docs);
		test_assert_strcmp_idx(doc->summary, periods[i].summary, i);
		test_assert_strcmp_idx(doc->period.kind, periods[i].kind, i);
		test_assert_idx(doc->period.year == periods[i].year, i);
		test_assert_idx(doc->period.index == periods[i].index, i);
		test_assert_strcmp_idx(doc->date, "2021-01-02", i);
		test_assert_strcmp_idx(doc->place, "Rạch Giá", i);
		test_assert_strcmp_idx(doc->issuer, "SỞ Y TẾ", i);
	}
	test_assert(parse("UBND TỈNH A\nSỞ B\nTHƯỢNG KHẨN\nTỐI MẬT\n"
			  "Số: 3/CV-B\nV/v cử cán bộ dự họp\n"
			  "Kính gửi:\n- Sở C;\n- Sở D.\n"
			  "Thực hiện Kế hoạch số 12 / KH-UBND ngày 15 tháng 3 năm "
			  "2022 và Nghị định số 30/2020/NĐ-CP, Sở B đề nghị.\n",
			  &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->issuer, "SỞ B");
	test_assert_strcmp(doc->issuer_parent, "UBND TỈNH A");
	test_assert_strcmp(doc->urgency, "THƯỢNG KHẨN");
	test_assert_strcmp(doc->secrecy, "TỐI MẬT");
	test_assert_strcmp(doc->summary, "cử cán bộ dự họp");
	test_assert_strcmp(doc->folded_summary, "CU CAN BO DU HOP");
	test_assert(array_count(&doc->recipients) == 2);
	test_assert(array_count(&doc->references) == 2);
	if (array_count(&doc->references) == 2) {
		const struct dondoc_reference *ref =
			array_idx(&doc->references, 0);

		test_assert_strcmp(ref->type, "KH");
		test_assert_strcmp(ref->number, "12");
		test_assert_strcmp(ref->symbol, "KH-UBND");
		test_assert_strcmp(ref->date, "2022-03-15");
		ref = array_idx(&doc->references, 1);
		test_assert_strcmp(ref->type, "NĐ");
		test_assert_strcmp(ref->symbol, "NĐ-CP");
	}
	/* columns two spaces apart: one cell each line */
	test_assert(parse("UBND TỈNH KIÊN GIANG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
			  "SỞ NỘI VỤ  Độc lập - Tự do - Hạnh phúc\n"
			  "Số: 5/BC-SNV  Kiên Giang, ngày 3 tháng 4 năm 2023\n"
			  "BÁO CÁO\nCông tác năm 2022\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->issuer, "SỞ NỘI VỤ");
	test_assert_strcmp(doc->issuer_parent, "UBND TỈNH KIÊN GIANG");
	test_assert_strcmp(doc->place, "Kiên Giang");
	test_assert_strcmp(doc->date, "2023-04-03");
	test_assert(parse("Số: 4/CV-X\nB Á O   C Á O\nTình hình quý 3\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->type, "BC");
	test_assert_strcmp(doc->summary, "Tình hình quý 3");
	/* an e-office notification: metadata lines, no layout */
	test_assert(parse("Đơn vị nhận được văn bản mới.\n"
			  "Số ký hiệu: 123/UBND-VP\n"
			  "Ngày ban hành: 12/03/2022\n"
			  "Cơ quan ban hành: UBND tỉnh Kiên Giang\n"
			  "Loại văn bản: Kế hoạch\n"
			  "Trích yếu: Triển khai Đề án 06 năm 2022\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->number, "123");
	test_assert_strcmp(doc->symbol, "UBND-VP");
	test_assert_strcmp(doc->date, "2022-03-12");
	test_assert_strcmp(doc->issuer, "UBND tỉnh Kiên Giang");
	test_assert(doc->place == NULL);
	test_assert_strcmp(doc->type, "KH");
	test_assert_strcmp(doc->summary, "Triển khai Đề án 06 năm 2022");
	test_assert(doc->period.year == 2022);
	test_assert(parse("Số: 9/TB-X\nHOẢ TỐC\nngày   tháng   năm\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->urgency, "HỎA TỐC");
	test_assert(doc->date == NULL);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_number_line,
		test_fields,
		test_not_documents,
		test_type_line,
		test_limit,
		test_type_lookup,
		NULL
	};
	int ret = test_run(test_functions);

	pool_unref(&test_pool);
	return ret;
}
