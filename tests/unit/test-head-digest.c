/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-head-digest*.c and
   dondoc-compose-attach.c: the digest's period (weekly on a day off moves
   to the next working day, a weekend belongs to the last working day),
   what may be attached (no NUL, CRLF, the bound after conversion), the
   multipart the attachment makes, and the digest's wording under a
   hostile number of items (bounded, the rest counted) and for a
   classified document (never quoted). */

#include "lib.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-calendar.h"
#include "dondoc-compose-attach.h"
#include "dondoc-head-digest.h"

static const char *period(struct dondoc_calendar *cal,
			  enum dondoc_head_digest_mode mode, unsigned int wday,
			  const char *today, const char **day_r)
{
	struct dondoc_actions_settings set;
	struct dondoc_date date, day;
	const char *name;

	i_zero(&set);
	set.head_digest = mode;
	set.head_digest_wday = wday;
	i_assert(dondoc_date_parse(today, &date));
	dondoc_head_digest_period(cal, &set, &date, &name, &day);
	*day_r = dondoc_date_to_str(&day);
	return name;
}

static void test_head_digest_period(void)
{
	struct dondoc_calendar *cal = dondoc_calendar_create();
	struct dondoc_date date;
	const char *day;

	test_begin("head digest: the period of a day");
	/* Monday digests: mid-week belongs to this Monday, Sunday to the
	   last one */
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_WEEKLY, 0,
				  "2026-06-17", &day), "weekly:2026-06-15");
	test_assert_strcmp(day, "2026-06-15");
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_WEEKLY, 0,
				  "2026-06-14", &day), "weekly:2026-06-08");
	/* a weekend is the last working day's */
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_DAILY, 0,
				  "2026-06-13", &day), "daily:2026-06-12");
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_DAILY, 0,
				  "2026-06-15", &day), "daily:2026-06-15");
	/* National Day, Wednesday 2 September 2026, is a day off: the
	   Wednesday digest goes on the next working day */
	i_assert(dondoc_date_parse("2026-09-02", &date));
	test_assert(!dondoc_calendar_is_workday(cal, &date));
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_WEEKLY, 2,
				  "2026-09-02", &day), "weekly:2026-08-26");
	test_assert_strcmp(period(cal, DONDOC_HEAD_DIGEST_WEEKLY, 2,
				  "2026-09-03", &day), "weekly:2026-09-02");
	test_assert_strcmp(day, "2026-09-03");
	test_assert(strncmp(period(cal, DONDOC_HEAD_DIGEST_IMMEDIATE, 0,
				   "2026-09-03", &day), "immediate:", 10) == 0);
	dondoc_calendar_free(&cal);
	test_end();
}

static void test_head_digest_attachable(void)
{
	struct dondoc_compose_attachment att;
	const unsigned char nul[] = "Subject: x\n\nab\0cd\n";
	const char *lf = "Subject: x\nFrom: a@b\n\nline\rtwo\n";

	test_begin("head digest: what may be attached");
	/* a NUL cannot be carried in the outbox's text */
	test_assert(!dondoc_compose_attachable(nul, sizeof(nul) - 1, 1000,
					       &att));
	test_assert(dondoc_compose_attachable((const unsigned char *)lf,
					      strlen(lf), 1000, &att));
	test_assert_strcmp(att.data, "Subject: x\r\nFrom: a@b\r\n\r\n"
			   "line\r\ntwo\r\n");
	test_assert(att.len == strlen(att.data));
	/* the bound holds after the line ends grow */
	test_assert(!dondoc_compose_attachable((const unsigned char *)lf,
					       strlen(lf), strlen(lf), &att));
	test_assert(!dondoc_compose_attachable((const unsigned char *)"", 0,
					       1000, &att));
	test_end();
}

static void test_head_digest_multipart(void)
{
	const char *mail = "Message-ID: <m@x>\r\nSubject: s\r\n"
		"Content-Type: text/plain; charset=utf-8\r\n"
		"Content-Transfer-Encoding: base64\r\n\r\nYWJj\r\n";
	/* an attachment that tries to close the part early */
	const char *hostile = "Subject: y\n\n--=_dondoc_\n--=_dondoc_--\nÂ\n";
	struct dondoc_compose_attachment att;
	string_t *dest = t_str_new(1024);
	const char *p, *boundary;

	test_begin("head digest: the original as message/rfc822");
	test_assert(dondoc_compose_attachable((const unsigned char *)hostile,
					      strlen(hostile), 1000, &att));
	dondoc_compose_attach(mail, &att, 1, dest);
	p = strstr(str_c(dest), "boundary=\"");
	test_assert(p != NULL);
	boundary = t_strcut(p + 10, '"');
	test_assert(strstr(att.data, boundary) == NULL);
	/* the top level keeps its own headers, the text part its type */
	test_assert(strncmp(str_c(dest), "Message-ID: <m@x>\r\nSubject: s\r\n"
			    "Content-Type: multipart/mixed;", 59) == 0);
	test_assert(strstr(str_c(dest), t_strdup_printf("--%s\r\nContent-Type: "
		"text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
		"base64\r\n\r\nYWJj\r\n", boundary)) != NULL);
	test_assert(strstr(str_c(dest), "Content-Type: message/rfc822\r\n"
			   "Content-Transfer-Encoding: 8bit\r\n") != NULL);
	test_assert(str_len(dest) > strlen(boundary) + 8 &&
		    strcmp(str_c(dest) + str_len(dest) - strlen(boundary) - 6,
			   t_strdup_printf("--%s--\r\n", boundary)) == 0);
	test_end();
}

static void test_head_digest_wording(void)
{
#define MANY 3000
	struct dondoc_template_settings templates;
	struct dondoc_head_digest_text in;
	struct dondoc_head_item *items = t_new(struct dondoc_head_item, MANY);
	const char **notes = t_new(const char *, MANY);
	bool *attached = t_new(bool, MANY);
	struct dondoc_template_values values;
	string_t *subject = t_str_new(128), *body = t_str_new(65536);
	unsigned int i;

	test_begin("head digest: bounded wording, nothing classified quoted");
	i_zero(&templates);
	for (i = 0; i < MANY; i++) {
		items[i].kind = i % DONDOC_HEAD_ITEM_KIND_COUNT;
		items[i].task_code = t_strdup_printf("T-%u", i);
		items[i].task_title = "Báo cáo";
		items[i].agency = "STTTT";
		items[i].reason = "quá hạn";
		items[i].message_id = "<m@x>";
		items[i].difficulties = "Thiếu kinh phí.\nThiếu người.";
	}
	/* the first is classified: its text never appears */
	items[0].secret = TRUE;
	items[0].difficulties = "Đối tượng X";
	i_zero(&in);
	in.templates = &templates;
	in.period_label = "tuần đến ngày 15/06/2026";
	in.today = "15/06/2026";
	in.items = items;
	in.count = MANY;
	in.attached = attached;
	in.note = notes;
	dondoc_head_digest_values(&in, &values);
	dondoc_template_mail_render(&templates, &values, subject, body);
	test_assert(str_len(body) <= DONDOC_TEMPLATE_MAX_BODY);
	test_assert(strstr(str_c(body), "[T-1] Báo cáo") != NULL);
	test_assert(strstr(str_c(body), "Đối tượng X") == NULL);
	test_assert(strstr(str_c(body), "nội dung khác") != NULL);
	test_assert(strstr(str_c(subject), "3000 nội dung") != NULL);
	/* ends with the signature: nothing was cut */
	test_assert(strstr(str_c(body), "\n-- \n") != NULL);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_head_digest_period,
		test_head_digest_attachable,
		test_head_digest_multipart,
		test_head_digest_wording,
		NULL
	};
	return test_run(test_functions);
}
