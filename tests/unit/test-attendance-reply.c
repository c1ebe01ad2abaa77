/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the reader of replies about attending a meeting
   (lib/analysis/dondoc-attendance-reply.c): the phrases of absence,
   delegation and consent and their look-alikes, the delegate's name, the
   meeting's date and the notice cited, the quote cut off, and the bounds
   against hostile text. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-attendance-reply.h"

#include <time.h>

static pool_t test_pool;

static const struct dondoc_attendance_reply *
read_reply(const char *text, const char *subject)
{
	if (test_pool == NULL)
		test_pool = pool_alloconly_create("test", 4096);
	return dondoc_attendance_reply_read(test_pool, "body", text,
					    strlen(text), subject);
}

static void test_kinds(void)
{
	static const struct {
		const char *text, *subject;
		enum dondoc_attendance_kind kind;
		const char *delegate;
	} tests[] = {
		{ "Sở Tư pháp xin vắng mặt cuộc họp ngày 15/6/2026.", NULL,
		  DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "Sở xin phép được vắng cuộc họp chiều nay.", NULL,
		  DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "Giám đốc Sở không thể tham dự.", "Re: Giấy mời họp",
		  DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "SỞ NỘI VỤ BÁO VẮNG CUỘC HỌP NGÀY 15/6/2026", NULL,
		  DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "Sở sẽ vắng mặt tại cuộc họp do trùng lịch.", NULL,
		  DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "Sở cử ông Lê Văn Hùng, Phó Giám đốc, dự họp thay.", NULL,
		  DONDOC_ATTENDANCE_DELEGATE, "ông Lê Văn Hùng, Phó Giám đốc" },
		{ "Không thể dự họp; cử đồng chí Hà (Chánh Văn phòng) tham dự.",
		  NULL, DONDOC_ATTENDANCE_DELEGATE, "đồng chí Hà (Chánh Văn phòng" },
		{ "Giám đốc ủy quyền bà Trần Thị Lan tham dự cuộc họp.", NULL,
		  DONDOC_ATTENDANCE_DELEGATE, "bà Trần Thị Lan" },
		{ "Ông Võ Minh Tâm sẽ dự thay.", "Re: GM họp BCĐ",
		  DONDOC_ATTENDANCE_DELEGATE, "Ông Võ Minh Tâm" },
		{ "Trưởng ban đồng ý cho Sở Tư pháp vắng mặt cuộc họp.", NULL,
		  DONDOC_ATTENDANCE_CONSENT, NULL },
		{ "Đồng ý để ông Lê Văn Hùng dự họp thay Giám đốc Sở.", NULL,
		  DONDOC_ATTENDANCE_CONSENT, "ông Lê Văn Hùng" },
		{ "Trưởng ban chấp thuận việc Sở vắng mặt tại cuộc họp.", NULL,
		  DONDOC_ATTENDANCE_CONSENT, NULL },
		/* asking for consent is the absence itself */
		{ "Kính đề nghị Trưởng ban đồng ý cho Sở vắng mặt cuộc họp.",
		  NULL, DONDOC_ATTENDANCE_ABSENT, NULL },
		{ "Sở xin Trưởng ban cho phép vắng mặt tại cuộc họp.", NULL,
		  DONDOC_ATTENDANCE_ABSENT, NULL },
	};
	const struct dondoc_attendance_reply *r;
	unsigned int i;

	test_begin("attendance reply: kinds and delegates");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		r = read_reply(tests[i].text, tests[i].subject);
		test_assert_idx(r != NULL && r->kind == tests[i].kind, i);
		if (r != NULL)
			test_assert_idx(null_strcmp(r->delegate,
						    tests[i].delegate) == 0, i);
	}
	test_end();
}

static void test_not_replies(void)
{
	static const char *const texts[] = {
		/* "vắng" in another sense */
		"Bộ phận một cửa vắng người dân đến giao dịch trước cuộc họp.",
		"Đường phố vắng vẻ; cuộc họp tổ dân phố diễn ra bình thường.",
		"Tỷ lệ thành viên vắng mặt tại các cuộc họp năm 2025 giảm.",
		/* "căn cứ", "cử tri": no one is sent */
		"Căn cứ Giấy mời số 12/GM-BCĐ, Giám đốc Sở trực tiếp dự họp.",
		"Tiếp xúc cử tri trước kỳ họp Hội đồng nhân dân.",
		/* agreeing to something else */
		"Sở đồng ý với dự thảo kế hoạch họp sơ kết.",
		"",
	};
	const struct dondoc_attendance_reply *r;
	unsigned int i;

	test_begin("attendance reply: look-alikes say nothing");
	for (i = 0; i < N_ELEMENTS(texts); i++)
		test_assert_idx(read_reply(texts[i], "Báo cáo tháng 6") == NULL, i);
	/* absence words with no meeting anywhere: read, but not about a
	   meeting (only a reply in the notice's thread then is) */
	r = read_reply("Công chức xin vắng một buổi để đi khám bệnh.", NULL);
	test_assert(r != NULL && !r->meeting_words);
	r = read_reply("Sở xin vắng mặt.", "Re: Giấy mời");
	test_assert(r != NULL && r->meeting_words);
	test_end();
}

static void test_meeting_and_citations(void)
{
	const struct dondoc_attendance_reply *r;
	const struct dondoc_attendance_cited *c;

	test_begin("attendance reply: the meeting's date and the notice cited");
	r = read_reply("Thực hiện Giấy mời họp số 12/GM-BCĐ ngày 10/6/2026, "
		       "Sở xin vắng mặt tại cuộc họp ngày 15 tháng 6 năm 2026.",
		       NULL);
	test_assert(r != NULL && r->meeting_year == 2026 &&
		    r->meeting_month == 6 && r->meeting_day == 15);
	test_assert(r != NULL && array_count(&r->cited) == 1);
	if (r != NULL && array_count(&r->cited) == 1) {
		c = array_front(&r->cited);
		test_assert(strcmp(c->number, "12") == 0 &&
			    strcmp(c->symbol, "GM-BCĐ") == 0);
	}
	/* the year missing; the notice in the subject */
	r = read_reply("Sở xin vắng cuộc họp ngày 18/6.",
		       "Re: Giấy mời 14/GM-BCĐ");
	test_assert(r != NULL && r->meeting_year == 0 &&
		    r->meeting_month == 6 && r->meeting_day == 18);
	test_assert(r != NULL && array_count(&r->cited) == 1);
	/* an impossible date is none */
	r = read_reply("Sở xin vắng cuộc họp ngày 32/13/2026.", NULL);
	test_assert(r != NULL && r->meeting_day == 0);
	test_end();
}

static void test_quotes(void)
{
	/* Outlook (en, vi), Gmail (en, vi), Thunderbird (en, vi), Zimbra
	   and Yahoo, Apple Mail (en, vi) */
	static const char *const separators[] = {
		"-----Original Message-----", "-----Thư gốc-----",
		"---------- Forwarded message ---------",
		"---------- Thư đã chuyển tiếp ---------",
		"-------- Forwarded Message --------",
		"-------- Thư chuyển tiếp --------",
		"----- Forwarded Message -----", "----- Original Message -----",
		"Begin forwarded message:", "Bắt đầu thư được chuyển tiếp:",
	};
	const struct dondoc_attendance_reply *r;
	unsigned int i;

	test_begin("attendance reply: the mail answered is not read");
	/* the request quoted under a consent */
	r = read_reply("Đồng ý cho Sở vắng mặt cuộc họp.\n\n"
		       "> Sở xin vắng mặt cuộc họp ngày 15/6.\n", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_CONSENT);
	/* a quote alone says nothing */
	test_assert(read_reply("Đã nhận.\n> Sở xin vắng mặt cuộc họp.\n",
			       NULL) == NULL);
	test_assert(read_reply("Đã nhận.\n-----Original Message-----\n"
			       "Sở xin vắng mặt cuộc họp.\n", NULL) == NULL);
	test_assert(read_reply("Đã nhận.\nFrom: Sở Y tế\nSent: Monday\n\n"
			       "Sở xin vắng mặt cuộc họp.\n", NULL) == NULL);
	test_assert(read_reply("Đã nhận.\nOn Mon, 15 Jun 2026, X wrote:\n"
			       "Sở xin vắng mặt cuộc họp.\n", NULL) == NULL);
	test_assert(read_reply("Đã nhận.\nVào 10/6/2026, X đã viết:\n"
			       "Sở xin vắng mặt cuộc họp.\n", NULL) == NULL);
	test_assert(read_reply("Đã nhận.\n________________\nTừ: Sở Y tế\n"
			       "Sở xin vắng mặt cuộc họp.\n", NULL) == NULL);
	test_end();

	test_begin("attendance reply: every client's forward separator");
	for (i = 0; i < N_ELEMENTS(separators); i++) {
		/* the separator alone, no header block after it */
		r = read_reply(t_strdup_printf("Chuyển Tổ giúp việc.\n%s\n"
			"Sở xin vắng mặt cuộc họp.\n", separators[i]), NULL);
		test_assert_idx(r == NULL, i);
	}
	/* dashes that announce nothing, before the writer's own words */
	r = read_reply("Kính gửi Tổ giúp việc,\n---- ghi chú ----\n"
		       "Sở xin vắng mặt cuộc họp.\n", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	test_end();
}

/* The quick look at the whole text before the own words are copied
   (reply_text_may_find()) must pass everything the long way finds: own
   lines after quoted ones, CR line ends, "cử" with a person after tabs
   and no other anchor, U+FFFD as written, the size where it stops
   looking, a quote start below the words. */
static void test_quick_gate(void)
{
	const struct dondoc_attendance_reply *r;
	string_t *text = t_str_new(8192);
	unsigned int i;

	test_begin("attendance reply: the quick look passes what is read");
	r = read_reply("> Đã nhận giấy mời.\nSở xin vắng mặt cuộc họp.", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	r = read_reply("Đã nhận.\r\n> trích\r\n"
		       "Sở cử \t ông Hùng tham gia cuộc họp.\r\n", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_DELEGATE &&
		    r->delegate != NULL &&
		    strcmp(r->delegate, "ông Hùng") == 0);
	test_assert(read_reply("Căn cứ quyết định, Sở cử tri tham gia.",
			       NULL) == NULL);
	r = read_reply("Sở xin vắng mặt \xef\xbf\xbd cuộc họp.", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	r = read_reply("Sở xin vắng mặt.\nOn Mon, 15 Jun 2026, X wrote:\n"
		       "> Giấy mời họp\n", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	test_assert(read_reply("Đã nhận.\n-----Original Message-----\n"
			       "Sở cử ông Hùng tham gia.\n", NULL) == NULL);
	/* a NUL of the text (the quick look's strcspn() stops there) and
	   the phrase after it */
	{
		static const char nul[] = "Đã nhận\0 giấy mời.\nSở xin vắng mặt.";

		if (test_pool == NULL)
			test_pool = pool_alloconly_create("test", 4096);
		r = dondoc_attendance_reply_read(test_pool, "body", nul,
						 sizeof(nul) - 1, NULL);
		test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	}
	/* lines the cut looks at that begin nothing */
	r = read_reply("Đã nhận.\n     ---------\nOK, Sở xin vắng mặt.\n"
		       "_____ ghi chú\nFrom now on\n", NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ABSENT);
	test_assert(read_reply("Đã nhận.\n---------- Forwarded message -----\n"
			       "From: Sở Y tế\nSở xin vắng mặt.\n",
			       NULL) == NULL);
	/* around DONDOC_ATTENDANCE_MAX_TEXT (text of 3988..4048 bytes), the
	   phrase last: read as long as the own words hold it */
	for (i = 0; i < 12; i++) {
		size_t want = DONDOC_ATTENDANCE_MAX_TEXT - 30 + i * 5;

		str_truncate(text, 0);
		while (str_len(text) + 5 <= want)
			str_append(text, "họp ");
		str_append(text, "Sở xin vắng mặt.");
		r = read_reply(str_c(text), NULL);
		/* as the code before the quick look read them: the phrase
		   at 3972..3990 read, at 3996 on cut off */
		test_assert_idx((r != NULL) == (i <= 3), i);
	}
	test_end();
}

static void test_bounds(void)
{
	const struct dondoc_attendance_reply *r;
	string_t *text = t_str_new(1 << 20);
	unsigned int i;

	test_begin("attendance reply: bounded against hostile text");
	/* the phrase past the bytes looked at: not read */
	for (i = 0; i < 5000; i++)
		str_append(text, "họp ");
	str_append(text, "Sở xin vắng mặt.");
	test_assert(read_reply(str_c(text), NULL) == NULL);
	/* a name of 2800 bytes: read, the words and the name bounded */
	str_truncate(text, 0);
	str_append(text, "Sở cử ông ");
	for (i = 0; i < 350; i++)
		str_append(text, "Nguyễn ");
	str_append(text, "dự họp thay.");
	r = read_reply(str_c(text), NULL);
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_DELEGATE);
	test_assert(r != NULL && (r->delegate == NULL ||
		    strlen(r->delegate) <= DONDOC_ATTENDANCE_MAX_DELEGATE));
	test_assert(r != NULL && r->words != NULL &&
		    strlen(r->words) <= 1000);
	/* a megabyte of one sentence: the phrase past the bound is not
	   read, and the scan stays linear */
	str_truncate(text, 0);
	str_append(text, "Sở cử ông ");
	while (str_len(text) < (1 << 20))
		str_append(text, "Nguyễn ");
	str_append(text, "dự họp thay.");
	test_assert(read_reply(str_c(text), NULL) == NULL);
	/* the worst own words: every phrase in every short sentence, one
	   sentence of nothing but "đồng ý", one of nothing but joined
	   numbers: each read in well under half a second (the scans are
	   bounded by the sentence and by DONDOC_ATTENDANCE_MAX_TEXT) */
	for (i = 0; i < 3; i++) {
		unsigned long long start = (unsigned long long)clock();

		str_truncate(text, 0);
		while (str_len(text) < DONDOC_ATTENDANCE_MAX_TEXT)
			str_append(text, i == 0 ?
				   "Đồng ý cử ông họp ngày 1/1 số 1/GM-X. " :
				   i == 1 ? "đồng ý đồng ý họp " :
				   "xin vắng họp số 1/1/1/1/1/1/1/1/");
		(void)read_reply(str_c(text), NULL);
		test_assert_idx((unsigned long long)clock() - start <
				CLOCKS_PER_SEC / 2, i);
	}
	/* citations: at most DONDOC_ATTENDANCE_MAX_CITED */
	str_truncate(text, 0);
	str_append(text, "Sở xin vắng mặt cuộc họp theo");
	for (i = 0; i < 100; i++)
		str_printfa(text, " Giấy mời số %u/GM-BCĐ,", i + 1);
	r = read_reply(str_c(text), NULL);
	test_assert(r != NULL &&
		    array_count(&r->cited) == DONDOC_ATTENDANCE_MAX_CITED);
	/* invalid UTF-8 and NULs: no crash, nothing read past the text */
	r = read_reply("\xff\xfe xin v\xe1\xba vắng họp\x80", NULL);
	test_assert(r == NULL || r->kind == DONDOC_ATTENDANCE_ABSENT);
	test_end();
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_kinds,
		test_not_replies,
		test_meeting_and_citations,
		test_quotes,
		test_quick_gate,
		test_bounds,
		NULL
	};
	int ret = test_run(tests);

	if (test_pool != NULL)
		pool_unref(&test_pool);
	return ret;
}
