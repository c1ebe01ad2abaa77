/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-head-digest*.c and
   dondoc-compose-attach.c: the digest's period (weekly on a day off moves
   to the next working day, a weekend belongs to the last working day),
   what may be attached (no NUL, CRLF, the bound after conversion), the
   multipart the attachment makes, and the digest's wording under a
   hostile number of items (bounded, the rest counted) and for a
   classified document (never quoted); and the store's side: an item
   once, a digest once per period, metadata only for a classified
   document, the originals purged with the outbox bodies. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unlink-directory.h"
#include "test-common.h"
#include "dondoc-calendar.h"
#include "dondoc-compose-attach.h"
#include "dondoc-head-digest.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/dondoc-test-head-digest.XXXXXX";

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

/* Items of the store at path still holding their original mail. */
static int originals_kept(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int count = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM head_digest_item "
			       "WHERE original IS NOT NULL", -1, &stmt,
			       NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			count = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	return count;
}

static void test_head_digest_store(void)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 5000,
		.create = TRUE,
	};
	const unsigned char original[] = "Subject: r\r\n\r\nbody\r\n";
	ARRAY_TYPE(dondoc_head_item) items;
	ARRAY_TYPE(const_string) rcpts;
	const struct dondoc_head_item *taken;
	struct dondoc_head_item item;
	struct dondoc_store *store;
	const char *error, *path;
	unsigned int purged;

	test_begin("head digest: the store keeps each item and digest once");
	path = t_strdup_printf("%s/s.db", tmpdir);
	if (dondoc_store_open_with(path, &set, &store, &error) < 0)
		i_fatal("open: %s", error);
	i_zero(&item);
	item.dedup_key = "escalate:T-1:late:head@x.vn";
	item.recipient = "head@x.vn";
	item.kind = DONDOC_HEAD_ITEM_LATE;
	item.message_id = "<m@x>";
	item.original = original;
	item.original_len = item.original_size = sizeof(original) - 1;
	test_assert(dondoc_store_head_item_add(store, &item, &error) == 1);
	test_assert(dondoc_store_head_item_add(store, &item, &error) == 0);
	test_assert(dondoc_store_head_item_known(store, item.dedup_key,
						 &error) == 1);
	/* a classified document's item keeps no text and no mail */
	item.dedup_key = "escalate:T-2:late:head@x.vn";
	item.secret = TRUE;
	test_assert(dondoc_store_head_item_add(store, &item, &error) < 0);
	item.original = NULL;
	item.original_len = 0;
	item.difficulties = "secret text";
	test_assert(dondoc_store_head_item_add(store, &item, &error) < 0);
	item.difficulties = NULL;
	test_assert(dondoc_store_head_item_add(store, &item, &error) == 1);
	/* hostile values are refused, not kept */
	item.dedup_key = "escalate:T-3";
	item.secret = FALSE;
	item.reason = "a\r\nBcc: x@y";
	test_assert(dondoc_store_head_item_add(store, &item, &error) < 0);
	item.reason = NULL;
	item.original = original;
	item.original_len = DONDOC_STORE_MAX_HEAD_ORIGINAL + 1;
	test_assert(dondoc_store_head_item_add(store, &item, &error) < 0);

	t_array_init(&rcpts, 2);
	test_assert(dondoc_store_head_pending_recipients(store,
		pool_datastack_create(), &rcpts, &error) == 0);
	test_assert(array_count(&rcpts) == 1);
	t_array_init(&items, 4);
	test_assert(dondoc_store_head_digest_take(store,
		pool_datastack_create(), "weekly:2026-06-15", "head@x.vn",
		&items, &error) == 1);
	test_assert(array_count(&items) == 2);
	taken = array_front(&items);
	test_assert(taken[0].original_len == sizeof(original) - 1);
	test_assert(taken[1].original == NULL && taken[1].secret);
	/* the period's digest once; nothing left for the next */
	array_clear(&items);
	test_assert(dondoc_store_head_digest_take(store,
		pool_datastack_create(), "weekly:2026-06-15", "head@x.vn",
		&items, &error) == 0);
	test_assert(dondoc_store_head_digest_take(store,
		pool_datastack_create(), "weekly:2026-06-22", "head@x.vn",
		&items, &error) == 0);
	test_assert(dondoc_store_head_digest_take(store,
		pool_datastack_create(), "weekly:2026-06-22", "not an address",
		&items, &error) < 0);
	/* the retention purges a built digest's originals */
	test_assert(originals_kept(path) == 1);
	test_assert(dondoc_store_outbox_purge(store, time(NULL) + 10, &purged,
					      &error) == 0);
	test_assert(originals_kept(path) == 0);
	item.dedup_key = "escalate:T-4:late:head@x.vn";
	item.original_len = sizeof(original) - 1;
	test_assert(dondoc_store_head_item_add(store, &item, &error) == 1);
	array_clear(&items);
	test_assert(dondoc_store_head_digest_take(store,
		pool_datastack_create(), "weekly:2026-06-22", "head@x.vn",
		&items, &error) == 1);
	test_assert(array_count(&items) == 1);
	dondoc_store_close(&store);
	test_end();
}

static void test_cleanup(void)
{
	const char *error;

	if (unlink_directory(tmpdir, UNLINK_DIRECTORY_FLAG_RMDIR,
			     &error) < 0)
		i_error("%s", error);
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_head_digest_period,
		test_head_digest_attachable,
		test_head_digest_multipart,
		test_head_digest_wording,
		test_head_digest_store,
		test_cleanup,
		NULL
	};

	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp(%s) failed: %m", tmpdir);
	return test_run(test_functions);
}
