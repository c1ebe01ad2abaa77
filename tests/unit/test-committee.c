/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the committee readers of lib/analysis (dondoc-meeting.c,
   dondoc-assignment.c, dondoc-deadline.c, dondoc-attendance.c) through
   dondoc_document_parse(): meeting times and dates as written, deadline
   forms and period ends (leap years, impossible days), recurrences,
   agencies and their lists, delegations, and the bounds. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-document.h"

static pool_t test_pool;

static const struct dondoc_document *parse(const char *text)
{
	ARRAY_TYPE(dondoc_document) docs;

	if (test_pool == NULL)
		test_pool = pool_alloconly_create("test", 4096);
	t_array_init(&docs, 2);
	if (dondoc_document_parse(test_pool, "body", text, strlen(text), 2,
				  &docs) != 1)
		return NULL;
	return array_front(&docs);
}

#define GM_HEAD "Số: 5/GM-BCĐ\nKiên Giang, ngày 10 tháng 6 năm 2026\n" \
	"GIẤY MỜI\nHọp Ban Chỉ đạo\nKính gửi: Các thành viên.\n"
#define TB_HEAD "Số: 45/TB-BCĐ\nKiên Giang, ngày 17 tháng 6 năm 2026\n" \
	"THÔNG BÁO\nKết luận của Trưởng Ban\nKính gửi: Các sở.\n"

static void test_meeting_times(void)
{
	static const struct {
		const char *line, *date, *time;
	} tests[] = {
		{ "Thời gian: 14 giờ 00 phút, ngày 15/6/2026 (thứ Hai).", "2026-06-15", "14:00" },
		{ "Thời gian: 8h00, thứ Năm, ngày 18 tháng 6 năm 2026", "2026-06-18", "08:00" },
		{ "Thời gian: 08 giờ 30, ngày 22/6/2026", "2026-06-22", "08:30" },
		{ "Thời gian: 14h, ngày 25/6/2026", "2026-06-25", "14:00" },
		{ "Thời gian: 7h30', ngày 26-6-2026", "2026-06-26", "07:30" },
		{ "Thời gian: 13:30 ngày 29.6.2026", "2026-06-29", "13:30" },
		{ "Thời gian: 2 giờ chiều ngày 30/6", "2026-06-30", "14:00" },
		{ "Thời gian: 14g15 ngày 01/7/2026", "2026-07-01", "14:15" },
		{ "1. Thời gian:\t9 giờ, ngày 2/7/2026", "2026-07-02", "09:00" },
		{ "THỜI GIAN: 16 GIỜ 00 NGÀY 03/7/2026", "2026-07-03", "16:00" },
		/* no hour: a date alone; a day count is no time */
		{ "Thời gian: 02 ngày, từ ngày 6/7/2026", "2026-07-06", NULL },
		{ "Thời gian: 25 giờ ngày 7/7/2026", "2026-07-07", NULL },
		{ "Họp vào lúc 10h00 ngày 8/7/2026 tại Hội trường", "2026-07-08", "10:00" },
	};
	const struct dondoc_document *doc;
	unsigned int i;

	test_begin("committee: meeting times and dates");
	for (i = 0; i < N_ELEMENTS(tests); i++) T_BEGIN {
		doc = parse(t_strconcat(GM_HEAD, tests[i].line, "\n", NULL));
		test_assert_idx(doc != NULL && doc->meeting != NULL, i);
		if (doc != NULL && doc->meeting != NULL) {
			test_assert_strcmp_idx(doc->meeting->date,
					       tests[i].date, i);
			test_assert_strcmp_idx(doc->meeting->time,
					       tests[i].time, i);
		}
	} T_END;
	/* a conclusion notice calls no meeting */
	doc = parse(TB_HEAD "Thời gian: 14 giờ, ngày 15/6/2026.\n");
	test_assert(doc != NULL && doc->meeting == NULL);
	/* the type line says it: "THÔNG BÁO TRIỆU TẬP" */
	doc = parse("Số: 20/TB-BCĐ\nAn Giang, ngày 8 tháng 6 năm 2026\n"
		    "THÔNG BÁO TRIỆU TẬP\nHọp Ban Chỉ đạo quý II\n"
		    "Thời gian: 14 giờ 00, ngày 16/6/2026.\n");
	test_assert(doc != NULL && doc->meeting != NULL &&
		    strcmp(doc->type, "TB") == 0 &&
		    null_strcmp(doc->summary, "Họp Ban Chỉ đạo quý II") == 0);
	if (doc != NULL && doc->meeting != NULL)
		test_assert_strcmp(doc->meeting->time, "14:00");
	/* "THÔNG BÁO KẾT LUẬN": a conclusion notice */
	doc = parse("Số: 21/TB-BCĐ\nAn Giang, ngày 18 tháng 6 năm 2026\n"
		    "THÔNG BÁO KẾT LUẬN\nCuộc họp Ban Chỉ đạo quý II\n"
		    "Thời gian: 14 giờ 00, ngày 16/6/2026.\n"
		    "Giao Sở Y tế rà soát hồ sơ trong tháng 7/2026.\n");
	test_assert(doc != NULL && doc->meeting == NULL &&
		    array_count(&doc->assignments) == 1);
	test_end();
}

static void test_deadlines(void)
{
	static const struct {
		const char *text, *deadline, *kind, *words, *recurrence;
		unsigned int day, month;
	} tests[] = {
		{ "hoàn thành trước ngày 30/6/2026", "2026-06-30", "day", "trước ngày 30/6/2026", NULL, 0, 0 },
		{ "xong chậm nhất ngày 15 tháng 7 năm 2026", "2026-07-15", "day", "chậm nhất ngày 15 tháng 7 năm 2026", NULL, 0, 0 },
		{ "trong tháng 7/2026", "2026-07-31", "month", "trong tháng 7/2026", NULL, 0, 0 },
		{ "thời gian hoàn thành: tháng 2/2028", "2028-02-29", "month", "tháng 2/2028", NULL, 0, 0 },
		{ "thời hạn: tháng 2 năm 2027", "2027-02-28", "month", "tháng 2 năm 2027", NULL, 0, 0 },
		{ "trong quý III/2026", "2026-09-30", "quarter", "trong quý III/2026", NULL, 0, 0 },
		{ "trong quý 4 năm 2026", "2026-12-31", "quarter", "trong quý 4 năm 2026", NULL, 0, 0 },
		{ "trong quý I", "2026-03-31", "quarter", "trong quý I", NULL, 0, 0 },
		{ "trong 6 tháng đầu năm 2026", "2026-06-30", "half-year", "trong 6 tháng đầu năm 2026", NULL, 0, 0 },
		{ "trong 6 tháng cuối năm 2027", "2027-12-31", "half-year", "trong 6 tháng cuối năm 2027", NULL, 0, 0 },
		{ "trong năm 2026", "2026-12-31", "year", "trong năm 2026", NULL, 0, 0 },
		{ "trước ngày 20/7", "2026-07-20", "day", "trước ngày 20/7", NULL, 0, 0 },
		/* an impossible day is no date */
		{ "trước ngày 31/6/2026", NULL, NULL, "trước ngày 31/6/2026", NULL, 0, 0 },
		/* the work's own year is no deadline */
		{ "kế hoạch năm 2027", NULL, NULL, NULL, NULL, 0, 0 },
		{ "định kỳ hằng tháng báo cáo trước ngày 25", NULL, NULL, "định kỳ hằng tháng, trước ngày 25", "monthly", 25, 0 },
		{ "báo cáo hàng quý trước ngày 20 tháng cuối quý", NULL, NULL, "hàng quý trước ngày 20", "quarterly", 20, 0 },
		{ "báo cáo trước ngày 15/12 hằng năm", NULL, NULL, "trước ngày 15/12 hằng năm", "yearly", 15, 12 },
		{ "báo cáo định kỳ 6 tháng", NULL, NULL, "định kỳ 6 tháng", "six-monthly", 0, 0 },
		{ "thường xuyên theo dõi", NULL, NULL, NULL, NULL, 0, 0 },
	};
	const struct dondoc_document *doc;
	const struct dondoc_assignment *a;
	unsigned int i;

	test_begin("committee: deadlines and recurrences");
	for (i = 0; i < N_ELEMENTS(tests); i++) T_BEGIN {
		doc = parse(t_strconcat(TB_HEAD, "1. Giao Sở Y tế xây dựng "
					"kế hoạch, ", tests[i].text, ".\n",
					NULL));
		test_assert_idx(doc != NULL &&
				array_count(&doc->assignments) == 1, i);
		if (doc != NULL && array_count(&doc->assignments) == 1) {
			a = array_front(&doc->assignments);
			test_assert_strcmp_idx(a->agency, "Sở Y tế", i);
			test_assert_strcmp_idx(a->deadline, tests[i].deadline, i);
			test_assert_strcmp_idx(
				dondoc_deadline_kind_name(a->deadline_kind),
				tests[i].kind, i);
			test_assert_strcmp_idx(a->deadline_text, tests[i].words, i);
			test_assert_strcmp_idx(a->recurrence,
					       tests[i].recurrence, i);
			test_assert_idx(a->recurrence_day == tests[i].day, i);
			test_assert_idx(a->recurrence_month == tests[i].month, i);
		}
	} T_END;
	test_end();
}

static void test_agencies(void)
{
	static const struct {
		const char *line;
		const char *agencies[3];
		const char *group, *cooperating, *what;
	} tests[] = {
		{ "Giao Sở Xây dựng chủ trì, phối hợp với Sở Giao thông vận tải rà soát quy hoạch.",
		  { "Sở Xây dựng" }, NULL, "Sở Giao thông vận tải", "rà soát quy hoạch" },
		{ "Giao Ban Quản lý Khu kinh tế tỉnh hoàn thiện hồ sơ.",
		  { "Ban Quản lý Khu kinh tế tỉnh" }, NULL, NULL, "hoàn thiện hồ sơ" },
		/* a capital begins a word of the name, a verb in lower case
		   the work ("Đầu tư Xây dựng", not "Đầu tư xây dựng") */
		{ "Giao Ban Quản lý dự án Đầu tư Xây dựng tỉnh lập hồ sơ.",
		  { "Ban Quản lý dự án Đầu tư Xây dựng tỉnh" }, NULL, NULL, "lập hồ sơ" },
		{ "Đề nghị Công an tỉnh và Sở Tư pháp thống nhất quy trình.",
		  { "Công an tỉnh", "Sở Tư pháp" }, NULL, NULL, "thống nhất quy trình" },
		{ "Giao cho các sở, ban, ngành tỉnh triển khai Kế hoạch.",
		  { "các sở, ban, ngành tỉnh" }, "departments", NULL, "triển khai Kế hoạch" },
		{ "Yêu cầu UBND các xã, phường, thị trấn cập nhật dữ liệu.",
		  { "UBND các xã, phường, thị trấn" }, "communes", NULL, "cập nhật dữ liệu" },
		{ "Sở Kế hoạch và Đầu tư: tổng hợp nhu cầu vốn.",
		  { "Sở Kế hoạch và Đầu tư" }, NULL, NULL, "tổng hợp nhu cầu vốn" },
		{ "Các cơ quan, đơn vị, địa phương: quán triệt Thông báo này.",
		  { "Các cơ quan, đơn vị, địa phương" }, "all", NULL, "quán triệt Thông báo này" },
		/* no assignment: a statement, a heading */
		{ "Trưởng Ban Chỉ đạo kết luận như sau:", { NULL }, NULL, NULL, NULL },
		{ "Ban hành kèm theo Quyết định này.", { NULL }, NULL, NULL, NULL },
	};
	const struct dondoc_document *doc;
	const struct dondoc_assignment *a;
	unsigned int i, k, n;

	test_begin("committee: agencies, lists and groups");
	for (i = 0; i < N_ELEMENTS(tests); i++) T_BEGIN {
		for (n = 0; n < N_ELEMENTS(tests[i].agencies) &&
			    tests[i].agencies[n] != NULL; n++) ;
		doc = parse(t_strconcat(TB_HEAD, tests[i].line, "\n", NULL));
		test_assert_idx(doc != NULL &&
				array_count(&doc->assignments) == n, i);
		for (k = 0; doc != NULL && k < n &&
			    k < array_count(&doc->assignments); k++) {
			a = array_idx(&doc->assignments, k);
			test_assert_strcmp_idx(a->agency, tests[i].agencies[k], i);
			test_assert_strcmp_idx(a->agency_group, tests[i].group, i);
			test_assert_strcmp_idx(a->cooperating,
					       tests[i].cooperating, i);
			test_assert_strcmp_idx(a->what, tests[i].what, i);
		}
	} T_END;
	test_end();
}

static void test_delegations(void)
{
	static const struct {
		const char *item, *member, *delegate;
	} tests[] = {
		{ "- Ông Lê Văn Nam, Phó Giám đốc, dự thay Giám đốc Sở Y tế;",
		  "Giám đốc Sở Y tế", "Ông Lê Văn Nam, Phó Giám đốc" },
		{ "- Sở Tài chính cử bà Hoa, Trưởng phòng dự thay;",
		  "Sở Tài chính", "bà Hoa, Trưởng phòng" },
		{ "- Bà Mai, được Giám đốc Sở Nội vụ ủy quyền dự họp;",
		  "Giám đốc Sở Nội vụ", "Bà Mai" },
		{ "- Giám đốc Sở Tư pháp ủy quyền cho ông Bình tham dự;",
		  "Giám đốc Sở Tư pháp", "ông Bình" },
		{ "- Đồng chí Lan, Phó Giám đốc Sở Tư pháp;", NULL, NULL },
	};
	const struct dondoc_document *doc;
	const struct dondoc_delegation *d;
	unsigned int i;

	test_begin("committee: attendance and delegations");
	for (i = 0; i < N_ELEMENTS(tests); i++) T_BEGIN {
		doc = parse(t_strconcat("Số: 12/BB-BCĐ\nBIÊN BẢN\nCuộc họp\n"
					"Thành phần tham dự:\n", tests[i].item,
					"\nVắng mặt: Sở Y tế (có lý do).\n",
					NULL));
		test_assert_idx(doc != NULL && doc->attendance != NULL, i);
		if (doc == NULL || doc->attendance == NULL)
			continue;
		test_assert_idx(array_count(&doc->attendance->present) == 1, i);
		test_assert_idx(array_count(&doc->attendance->absent) == 1, i);
		test_assert_idx(array_count(&doc->attendance->delegated) ==
				(tests[i].member != NULL ? 1U : 0U), i);
		if (array_count(&doc->attendance->delegated) == 1) {
			d = array_front(&doc->attendance->delegated);
			test_assert_strcmp_idx(d->member, tests[i].member, i);
			test_assert_strcmp_idx(d->delegate, tests[i].delegate, i);
		}
	} T_END;
	/* not minutes: no attendance */
	doc = parse(TB_HEAD "Thành phần tham dự: Sở Y tế.\n");
	test_assert(doc != NULL && doc->attendance == NULL);
	test_end();
}

static void test_bounds(void)
{
	const struct dondoc_document *doc;
	string_t *text;
	unsigned int i;

	test_begin("committee: bounds");
	text = t_str_new(65536);
	str_append(text, TB_HEAD);
	for (i = 0; i < DONDOC_MAX_ASSIGNMENTS + 50; i++)
		str_printfa(text, "Giao Sở Y tế rà soát hồ sơ %u.\n", i);
	doc = parse(str_c(text));
	test_assert(doc != NULL &&
		    array_count(&doc->assignments) == DONDOC_MAX_ASSIGNMENTS &&
		    doc->committee_cut && !doc->committee_field_cut);
	str_truncate(text, 0);
	str_append(text, TB_HEAD "Giao Sở Y tế ");
	for (i = 0; i < 300; i++)
		str_append(text, "rà soát ");
	str_append(text, "trước ngày 30/6/2026.\n");
	doc = parse(str_c(text));
	test_assert(doc != NULL && array_count(&doc->assignments) == 1 &&
		    doc->committee_field_cut && !doc->committee_cut);
	if (doc != NULL && array_count(&doc->assignments) == 1) {
		const struct dondoc_assignment *a =
			array_front(&doc->assignments);

		test_assert(strlen(a->what) <= DONDOC_MAX_FIELD_BYTES);
		test_assert_strcmp(a->deadline, "2026-06-30");
	}
	test_end();
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_meeting_times,
		test_deadlines,
		test_agencies,
		test_delegations,
		test_bounds,
		NULL
	};
	int ret = test_run(tests);

	if (test_pool != NULL)
		pool_unref(&test_pool);
	return ret;
}
