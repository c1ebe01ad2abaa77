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

/* Issue 15 section 2: text as it really arrives. A field of ANY is not
   checked; NULL means "must be NULL". */
#define ANY "\001"
struct real_case {
	const char *text;
	const char *number, *symbol, *type, *issuer, *place, *date, *summary;
};

static void real_cases_check(const struct real_case *cases, unsigned int n)
{
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct real_case *c = &cases[i];

		test_assert_idx(parse(c->text, &docs) == 1, i);
		if (array_count(&docs) != 1)
			continue;
		doc = array_front(&docs);
#define CHECK(field) \
		if (c->field == NULL || strcmp(c->field, ANY) != 0) \
			test_assert_strcmp_idx(doc->field, c->field, i)
		CHECK(number);
		CHECK(symbol);
		CHECK(type);
		CHECK(issuer);
		CHECK(place);
		CHECK(date);
		CHECK(summary);
#undef CHECK
	}
}

static void test_real_broken_lines(void)
{
	static const struct real_case cases[] = {
		/* a place wrapped in a narrow column */
		{ "SỞ NỘI VỤ\nSố: 4/BC-SNV\nBà Rịa - Vũng\nTàu, ngày 12 tháng 4 năm 2023\nBÁO CÁO\nCông tác quý I\n",
		  "4", "BC-SNV", "BC", "SỞ NỘI VỤ", "Bà Rịa - Vũng Tàu", "2023-04-12", "Công tác quý I" },
		{ "SỞ Y TẾ\nSố: 8/KH-SYT     Thừa Thiên\n     Huế, ngày 3 tháng 8 năm 2022\n",
		  "8", "KH-SYT", "KH", "SỞ Y TẾ", "Thừa Thiên Huế", "2022-08-03", ANY },
		/* not wrapped: the motto above is no place */
		{ "SỞ Y TẾ     Độc lập - Tự do - Hạnh phúc\nSố: 8/KH-SYT     Huế, ngày 3 tháng 8 năm 2022\n",
		  "8", "KH-SYT", "KH", "SỞ Y TẾ", "Huế", "2022-08-03", ANY },
		/* the date wrapped after "ngày" */
		{ "UBND HUYỆN CAO LÃNH\nSố: 97/KH-UBND\nCao Lãnh, ngày\n15 tháng 5 năm 2023\n",
		  "97", "KH-UBND", "KH", "UBND HUYỆN CAO LÃNH", "Cao Lãnh", "2023-05-15", NULL },
		/* "Số:" with the number on the next line */
		{ "SỞ TÀI CHÍNH\nSố:\n125/BC-STC\nQuảng Ninh, ngày 8 tháng 9 năm 2023\n",
		  "125", "BC-STC", "BC", "SỞ TÀI CHÍNH", "Quảng Ninh", "2023-09-08", NULL },
		/* a type line wrapped in two */
		{ "SỞ TƯ PHÁP\nSố: 3/TTr-STP\nTỜ\nTRÌNH\nVề việc ban hành Quy định\n",
		  "3", "TTr-STP", "TTr", "SỞ TƯ PHÁP", NULL, NULL, "Về việc ban hành Quy định" },
		/* an agency wrapped, and a parent wrapped */
		{ "UBND TỈNH BÌNH ĐỊNH\nSỞ TÀI NGUYÊN VÀ MÔI\nTRƯỜNG\nSố: 7/BC-STNMT\n",
		  "7", "BC-STNMT", "BC", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", NULL, NULL, NULL },
		{ "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 15/UBND-KGVX\n",
		  "15", "UBND-KGVX", "CV", "ỦY BAN NHÂN DÂN TỈNH GIA LAI", NULL, NULL, NULL },
		/* two agencies stay two */
		{ "CỤC THUẾ TỈNH VĨNH LONG\nCHI CỤC THUẾ KHU VỰC\nSố: 2/CCT-KK\n",
		  "2", "CCT-KK", "CV", "CHI CỤC THUẾ KHU VỰC", NULL, NULL, NULL },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;

	test_begin("document: words and lines broken anywhere");
	real_cases_check(cases, N_ELEMENTS(cases));
	test_assert(parse("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 15/UBND-KGVX\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert(doc->issuer_parent == NULL);
	/* a citation wrapped after "số", another before its date */
	test_assert(parse("SỞ NỘI VỤ\nSố: 5/BC-SNV\nBÁO CÁO\nKết quả\n"
			  "Thực hiện Công văn số\n2345/UBND-KGVX ngày 10/3/2023 của UBND;\n"
			  "Căn cứ Quyết định số 15/QĐ-UBND\nngày 2/1/2023 của UBND.\n",
			  &docs) == 1);
	doc = array_front(&docs);
	test_assert(array_count(&doc->references) == 2);
	if (array_count(&doc->references) == 2) {
		const struct dondoc_reference *ref = array_idx(&doc->references, 0);

		test_assert_strcmp(ref->type, "CV");
		test_assert_strcmp(ref->symbol, "UBND-KGVX");
		test_assert_strcmp(ref->date, "2023-03-10");
		ref = array_idx(&doc->references, 1);
		test_assert_strcmp(ref->symbol, "QĐ-UBND");
		test_assert_strcmp(ref->date, "2023-01-02");
	}
	test_end();
}

static void test_real_table_residue(void)
{
	static const struct real_case cases[] = {
		{ "| UBND TỈNH LONG AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
		  "| SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc |\n"
		  "| Số: 356/BC-SYT | Long An, ngày 11 tháng 9 năm 2023 |\n"
		  "BÁO CÁO\nTình hình tháng 8/2023\n| Chỉ tiêu | Kết quả |\n",
		  "356", "BC-SYT", "BC", "SỞ Y TẾ", "Long An", "2023-09-11", "Tình hình tháng 8/2023" },
		{ "|SỞ Y TẾ|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|\n|---|---|\n|Số: 3/TB-SYT|Tây Ninh, ngày 5 tháng 12 năm 2023|\n",
		  "3", "TB-SYT", "TB", "SỞ Y TẾ", "Tây Ninh", "2023-12-05", ANY },
		/* the number in a later cell of a '|' row */
		{ "UBND TỈNH TÂY NINH\nSỞ Y TẾ | Số: 3/BC-SYT | Tây Ninh, ngày 5 tháng 12 năm 2023\n",
		  "3", "BC-SYT", "BC", "SỞ Y TẾ", "Tây Ninh", "2023-12-05", ANY },
		/* the whole header on one line, with '|' or single spaces */
		{ "UBND TỈNH NGHỆ AN | SỞ GIÁO DỤC VÀ ĐÀO TẠO | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Độc lập - Tự do - Hạnh phúc | Số: 11/BC-SGDĐT | Nghệ An, ngày 5 tháng 9 năm 2023\nBÁO CÁO\nNăm học mới\n",
		  "11", "BC-SGDĐT", "BC", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Nghệ An", "2023-09-05", "Năm học mới" },
		{ "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 45/KH-UBND Bình Dương, ngày 12 tháng 1 năm 2024\nKẾ HOẠCH\nCải cách hành chính\n",
		  "45", "KH-UBND", "KH", "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "Bình Dương", "2024-01-12", "Cải cách hành chính" },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;

	test_begin("document: table residue of html and portal copies");
	real_cases_check(cases, N_ELEMENTS(cases));
	test_assert(parse(cases[3].text, &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->issuer_parent, "UBND TỈNH NGHỆ AN");
	test_assert(parse(cases[2].text, &docs) == 1);
	doc = array_front(&docs);
	test_assert_strcmp(doc->issuer_parent, "UBND TỈNH TÂY NINH");
	test_end();
}

static void test_real_pdf_text(void)
{
	static const struct real_case cases[] = {
		{ "SỞ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 210/BC-SKHĐT\nLào Cai, ngày 15 tháng 12 năm2010BÁOCÁO\nTình hình đầu tư\n",
		  "210", "BC-SKHĐT", "BC", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Lào Cai", "2010-12-15", "Tình hình đầu tư" },
		{ "UBND HUYỆN DUY XUYÊN\nSố: 56/BC-UBNDNgày 10 tháng 3 năm 2023\n",
		  "56", "BC-UBND", "BC", "UBND HUYỆN DUY XUYÊN", NULL, "2023-03-10", NULL },
		{ "UBND TỈNH ĐẮK LẮK\nSố: 2315/QĐUBND\n", "2315", "QĐ-UBND", "QĐ", ANY, NULL, NULL, NULL },
		{ "UBND TỈNH ĐẮK LẮK\nSố: 23/TTrUBND\n", "23", "TTr-UBND", "TTr", ANY, NULL, NULL, NULL },
		/* no lost hyphen: an issuer's own code */
		{ "HĐND TỈNH KON TUM\nSố: 33/HĐND\n", "33", "HĐND", "CV", ANY, NULL, NULL, NULL },
		{ "BAN CHỈ ĐẠO\nSố: 12/BCĐ\n", "12", "BCĐ", "CV", ANY, NULL, NULL, NULL },
		{ "SỞ Y TẾ\nSố: 610/BC-SYT\nKon Tum, ngày12 tháng11 năm2023\nBÁO CÁO\nTình hình tháng11/2023\n",
		  "610", "BC-SYT", "BC", "SỞ Y TẾ", "Kon Tum", "2023-11-12", "Tình hình tháng11/2023" },
		/* marks cut off their letters, a mark under a precomposed one */
		{ "SƠ\xcc\x89 NÔ\xcc\xa3I VU\xcc\xa3\nSố: 201/BC-SNV\nGia Lai, nga \xcc\x80y 7 tha \xcc\x81ng 6 năm 2023\nBA \xcc\x81O CA \xcc\x81O\nThi đua\n",
		  "201", "BC-SNV", "BC", ANY, "Gia Lai", "2023-06-07", "Thi đua" },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;

	test_begin("document: text flattened from PDF");
	real_cases_check(cases, N_ELEMENTS(cases));
	test_assert(parse("Số: 1/BC-X\nThực hiện Kế hoạch số 9/KH-UBNDngày 12/1/2023 và Quyết định số 45/KHUBND ngày 3/3/2023.\n", &docs) == 1);
	doc = array_front(&docs);
	test_assert(array_count(&doc->references) == 2);
	if (array_count(&doc->references) == 2) {
		const struct dondoc_reference *ref = array_idx(&doc->references, 0);

		test_assert_strcmp(ref->symbol, "KH-UBND");
		test_assert_strcmp(ref->date, "2023-01-12");
		ref = array_idx(&doc->references, 1);
		test_assert_strcmp(ref->symbol, "KH-UBND");
		test_assert_strcmp(ref->date, "2023-03-03");
	}
	test_end();
}

static void test_real_numbers(void)
{
	static const struct real_case cases[] = {
		{ "VĂN PHÒNG CHÍNH PHỦ\nSố:          /TTr-VPCP      Hà Nội, ngày   tháng   năm 2023\nTỜ TRÌNH\nVề dự thảo\n",
		  NULL, "TTr-VPCP", "TTr", "VĂN PHÒNG CHÍNH PHỦ", "Hà Nội", NULL, "Về dự thảo" },
		{ "UBND THÀNH PHỐ PHÚ QUỐC\nSố:\n/BC-UBND\nPhú Quốc, ngày 22 tháng 5 năm 2023\n",
		  NULL, "BC-UBND", "BC", "UBND THÀNH PHỐ PHÚ QUỐC", "Phú Quốc", "2023-05-22", NULL },
		/* no number line at all */
		{ "HỘI NÔNG DÂN TỈNH HẬU GIANG     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		  "      Hậu Giang, ngày 25 tháng 6 năm 2023\nBÁO CÁO\nSơ kết sáu tháng đầu năm 2023\n",
		  NULL, NULL, "BC", "HỘI NÔNG DÂN TỈNH HẬU GIANG", "Hậu Giang", "2023-06-25",
		  "Sơ kết sáu tháng đầu năm 2023" },
	};
	static const char *const not_documents[] = {
		"Em gửi anh BÁO CÁO tuần, hạn ngày 15 tháng 12 năm 2023.\nBÁO CÁO\n",
		"Lịch công tác tuần\nKiên Giang, ngày 4 tháng 12 năm 2023\nTHÔNG BÁO\nLịch làm việc\n",
		"SỞ Y TẾ\nBÁO CÁO\nKhông có ngày\n",
		"Số:\nKính gửi anh\n",
	};
	ARRAY_TYPE(dondoc_document) docs;
	unsigned int i;

	test_begin("document: blank and missing numbers");
	real_cases_check(cases, N_ELEMENTS(cases));
	for (i = 0; i < N_ELEMENTS(not_documents); i++)
		test_assert_idx(parse(not_documents[i], &docs) == 0, i);
	test_end();
}

static void test_real_own_date(void)
{
	static const struct real_case cases[] = {
		{ "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 1502/SLĐTBXH-LĐVL\n"
		  "V/v thực hiện Công văn số 45/UBND-VX ngày 2/3/2023 của UBND tỉnh\n"
		  "Bắc Ninh, ngày 10 tháng 3 năm 2023\n",
		  "1502", "SLĐTBXH-LĐVL", "CV", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
		  "Bắc Ninh", "2023-03-10",
		  "thực hiện Công văn số 45/UBND-VX ngày 2/3/2023 của UBND tỉnh" },
		{ "SỞ GTVT\nSố: 3310/SGTVT-QLVT\nV/v triển khai Quyết định số 120/QĐ-UBND ngày 15/8/2023    Hải Phòng, ngày 28 tháng 8 năm 2023\n",
		  "3310", "SGTVT-QLVT", "CV", "SỞ GTVT", "Hải Phòng", "2023-08-28", ANY },
		/* a cited date and no date line: no date */
		{ "SỞ TÀI CHÍNH\nSố: 77/STC-NS\nV/v góp ý Công văn số 9/UBND-KT ngày 4/4/2023\n",
		  "77", "STC-NS", "CV", "SỞ TÀI CHÍNH", NULL, NULL, ANY },
		/* a date in the body, under "Kính gửi", is no date line */
		{ "SỞ TÀI CHÍNH\nSố: 78/STC-NS\nV/v báo cáo\nKính gửi: Các sở.\nĐề nghị các đơn vị báo cáo trước ngày 25/3/2023.\n",
		  "78", "STC-NS", "CV", "SỞ TÀI CHÍNH", NULL, NULL, "báo cáo" },
		/* PDF text of narrow cells: the V/v line and the motto wrap,
		   the date comes 8 lines under the number */
		{ "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 2460/STNMT-QLĐĐ\nV/v thực hiện Công văn số\n"
		  "1120/UBND-KTN ngày 3/10/2023 của\nUBND tỉnh\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\n"
		  "Độc lập - Tự do - Hạnh phúc\nAn Giang, ngày 12 tháng 10 năm 2023\n",
		  "2460", "STNMT-QLĐĐ", "CV", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "An Giang", "2023-10-12",
		  "thực hiện Công văn số 1120/UBND-KTN ngày 3/10/2023 của UBND tỉnh" },
	};

	test_begin("document: its own date, not a cited one");
	real_cases_check(cases, N_ELEMENTS(cases));
	test_end();
}

static void test_real_summary(void)
{
	static const struct real_case cases[] = {
		{ "SỞ VHTTDL\nSố: 415/BC-SVHTTDL\n\nBÁO CÁO\n\nKết quả du lịch 6 tháng đầu năm 2023\n\nKính gửi: Bộ.\n",
		  "415", "BC-SVHTTDL", "BC", "SỞ VHTTDL", NULL, NULL, "Kết quả du lịch 6 tháng đầu năm 2023" },
		{ "SỞ NÔNG NGHIỆP VÀ PTNT\nSố: 2210/SNN-TL     Bến Tre, ngày 6 tháng 12 năm 2023\n\nVề việc phòng, chống hạn mặn\n\nKính gửi: UBND các huyện.\n",
		  "2210", "SNN-TL", "CV", "SỞ NÔNG NGHIỆP VÀ PTNT", "Bến Tre", "2023-12-06", "phòng, chống hạn mặn" },
		{ "CÔNG AN TỈNH THANH HÓA\nSố: 3012/CAT-PV01\n\nV/v đề nghị phối hợp\nlàm sạch dữ liệu\n",
		  "3012", "CAT-PV01", "CV", "CÔNG AN TỈNH THANH HÓA", NULL, NULL, "đề nghị phối hợp làm sạch dữ liệu" },
		/* "Sơ kết" begins a summary, "Số 12" does not */
		{ "SỞ NỘI VỤ\nSố: 5/BC-SNV\nBÁO CÁO\nSơ kết công tác quý I\n",
		  "5", "BC-SNV", "BC", "SỞ NỘI VỤ", NULL, NULL, "Sơ kết công tác quý I" },
		/* a type line with no summary */
		{ "SỞ NỘI VỤ\nSố: 66/TB-SNV\nTHÔNG BÁO\n\nKính gửi: Các phòng.\n",
		  "66", "TB-SNV", "TB", "SỞ NỘI VỤ", NULL, NULL, NULL },
		/* "Về việc" after a type line stays (a tờ trình's summary) */
		{ "SỞ Y TẾ\nSố: 6/TTr-SYT\nTỜ TRÌNH\nVề việc phê duyệt\n",
		  "6", "TTr-SYT", "TTr", "SỞ Y TẾ", NULL, NULL, "Về việc phê duyệt" },
	};

	test_begin("document: summaries after a blank line, without a type line");
	real_cases_check(cases, N_ELEMENTS(cases));
	test_end();
}

static void test_real_none_sections(void)
{
	static const struct {
		const char *section;
		bool none;
	} tests[] = {
		{ "Không có.", TRUE },
		{ "Không.", TRUE },
		{ "Không có khó khăn, vướng mắc.", TRUE },
		{ "- Không phát sinh khó khăn, vướng mắc trong kỳ báo cáo.", TRUE },
		{ "Chưa có đề xuất.", TRUE },
		{ "1. Không có kiến nghị gì thêm.", TRUE },
		{ "Không có kinh phí mua sắm thiết bị.", FALSE },
		{ "Chưa có hướng dẫn của Bộ Y tế.", FALSE },
		{ "Không có.\n2. Thiếu nhân lực kỹ thuật.", FALSE },
		{ "Hạ tầng mạng chưa đáp ứng.", FALSE },
		{ "Không đủ biên chế.", FALSE },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("document: sections that say there is none");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		const char *text = t_strdup_printf(
			"SỞ Y TẾ\nSố: 1/BC-SYT\nBÁO CÁO\nKết quả quý I\n"
			"II. KHÓ KHĂN, VƯỚNG MẮC\n%s\nIII. KIẾN NGHỊ, ĐỀ XUẤT\n%s\n",
			tests[i].section, tests[i].section);

		test_assert_idx(parse(text, &docs) == 1, i);
		doc = array_front(&docs);
		test_assert_idx((doc->difficulties == NULL) == tests[i].none, i);
		test_assert_idx((doc->proposals == NULL) == tests[i].none, i);
	}
	test_assert(parse("SỞ Y TẾ\nSố: 1/BC-SYT\nBÁO CÁO\nKết quả\n"
			  "Khó khăn: Không có.\nKiến nghị: Đề nghị bổ sung kinh phí.\n",
			  &docs) == 1);
	doc = array_front(&docs);
	test_assert(doc->difficulties == NULL);
	test_assert_strcmp(doc->proposals, "Đề nghị bổ sung kinh phí.");
	test_end();
}

static void test_real_periods(void)
{
	static const struct {
		const char *summary, *kind;
		unsigned int year, index;
	} periods[] = {
		{ "Sơ kết sáu tháng đầu năm 2023", "half-year", 2023, 1 },
		{ "Kết quả sáu tháng cuối năm 2023", "half-year", 2023, 2 },
		{ "Sơ kết sáu tháng đầu năm", "half-year", 2021, 1 },
		{ "Thu ngân sách chín tháng đầu năm 2023", "nine-months", 2023, 0 },
		{ "Kết quả Quý III/2023", "quarter", 2023, 3 },
		{ "Kết quả tháng 11/2022 theo Công văn số 12/UBND-NC ngày 5/10/2022", "month", 2022, 11 },
		{ "Kết quả Đề án 06 tháng 10/2023", "month", 2023, 10 },
		{ "Tình hình tháng11/2023", "month", 2023, 11 },
		/* a cited date is no period; a length is none */
		{ "Triển khai Kế hoạch số 12/KH-BCĐ ngày 5 tháng 6 năm 2023", NULL, 0, 0 },
		{ "Tiến độ sau sáu tháng thi công năm 2023", "year", 2023, 0 },
		{ "Tiến độ sau 6 tháng thi công", NULL, 0, 0 },
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("document: periods written in words");
	for (i = 0; i < N_ELEMENTS(periods); i++) {
		const char *text = t_strdup_printf(
			"SỞ Y TẾ\nSố: 1/BC-SYT     Rạch Giá, ngày 2 tháng 1 "
			"năm 2021\nBÁO CÁO\n%s\n", periods[i].summary);

		test_assert_idx(parse(text, &docs) == 1, i);
		doc = array_front(&docs);
		test_assert_strcmp_idx(doc->period.kind, periods[i].kind, i);
		test_assert_idx(doc->period.year == periods[i].year, i);
		test_assert_idx(doc->period.index == periods[i].index, i);
	}
	test_end();
}

/* "số" is found by its lead byte: in a 1 MB line without a newline, at
   its very end, cut in the middle of its letter. */
static void test_references_search(void)
{
	static const char *const tails[] = {
		"Công văn số 12/UBND-VP ngày 2/1/2023",
		"theo số", "theo s\xe1\xbb", "theo s\xe1", "theo s", "số",
	};
	ARRAY_TYPE(dondoc_document) docs;
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("document: references in a 1 MB line, cut citations");
	for (i = 0; i < N_ELEMENTS(tails); i++) {
		string_t *text = t_str_new(1024 * 1024 + 256);

		str_append(text, "SỞ Y TẾ\nSố: 1/BC-SYT\nBÁO CÁO\n"
			   "Tình hình quý 2\nThực hiện ");
		while (str_len(text) < 1024 * 1024)
			str_append(text, "sổ sách ố sơ S\xe1\xbb\x8f ");
		str_append(text, tails[i]);
		test_assert_idx(parse(str_c(text), &docs) == 1, i);
		doc = array_front(&docs);
		test_assert_idx(array_count(&doc->references) ==
				(i == 0 ? 1U : 0U), i);
		if (i == 0 && array_count(&doc->references) == 1) {
			const struct dondoc_reference *ref =
				array_front(&doc->references);

			test_assert_strcmp(ref->number, "12");
			test_assert_strcmp(ref->symbol, "UBND-VP");
			test_assert_strcmp(ref->date, "2023-01-02");
		}
	}
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
		test_real_broken_lines,
		test_real_table_residue,
		test_real_pdf_text,
		test_real_numbers,
		test_real_own_date,
		test_real_summary,
		test_real_none_sections,
		test_real_periods,
		test_references_search,
		NULL
	};
	int ret = test_run(test_functions);

	pool_unref(&test_pool);
	return ret;
}
