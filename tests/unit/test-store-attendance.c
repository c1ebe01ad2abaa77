/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the store's meeting attendance (O8,
   lib/store/dondoc-store-attendance.c and its SQLite backend, migration
   010): one row per meeting and agency, the same reply written once, a
   later reply replacing it with the consent kept, the consent recorded
   once, each change audited, and hostile values refused whole. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unlink-directory.h"
#include "test-common.h"
#include "dondoc-store.h"

#include <unistd.h>

static char tmpdir[] = "/tmp/dondoc-test-attendance.XXXXXX";

static struct dondoc_store *store;

static void setup(void)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 5000,
		.create = TRUE,
	};
	struct dondoc_agency agency = { .code = "SYT", .name = "Sở Y tế" };
	struct dondoc_meeting m = {
		.code = "HOP-2026-06-22", .title = "Họp Ban Chỉ đạo",
		.date = { .year = 2026, .month = 6, .day = 22 },
	};
	const char *error;

	if (dondoc_store_open_with(t_strdup_printf("%s/a.db", tmpdir), &set,
				   &store, &error) < 0 ||
	    dondoc_store_agency_add(store, &agency, &error) < 0 ||
	    dondoc_store_meeting_add(store, &m, NULL, &error) < 0)
		i_fatal("setup: %s", error);
	dondoc_store_set_actor(store, "test");
}

static unsigned int audits(void)
{
	ARRAY_TYPE(dondoc_audit_entry) entries;
	const struct dondoc_audit_entry *e;
	const char *error;
	unsigned int n = 0;

	t_array_init(&entries, 16);
	if (dondoc_store_audit_list(store, pool_datastack_create(),
				    "attendance", NULL, &entries, &error) < 0)
		i_fatal("audit: %s", error);
	array_foreach(&entries, e) {
		if (strcmp(e->entity, "attendance") == 0)
			n++;
	}
	return n;
}

static void test_put_list_consent(void)
{
	struct dondoc_meeting_attendance a = {
		.meeting = "HOP-2026-06-22", .agency = "SYT",
		.kind = DONDOC_ATTENDANCE_ROW_ABSENT,
		.message_id = "<r1@syt>", .received_at = 1781000000,
	}, got;
	ARRAY_TYPE(dondoc_meeting_attendance) rows;
	const struct dondoc_meeting_attendance *r;
	pool_t pool = pool_datastack_create();
	const char *error;

	test_begin("attendance: put once, replace, consent once");
	test_assert(dondoc_store_attendance_put(store, &a, &error) == 1);
	test_assert(audits() == 1);
	/* the same reply again: nothing twice */
	test_assert(dondoc_store_attendance_put(store, &a, &error) == 0);
	test_assert(audits() == 1);
	test_assert(dondoc_store_attendance_by_message(store, pool, "<r1@syt>",
						       &got, &error) == 1);
	test_assert(dondoc_store_attendance_consent(store, got.id, 1781003600,
						    "<ok@tgv>", &error) == 1);
	test_assert(dondoc_store_attendance_consent(store, got.id, 1781007200,
						    "<ok2@tgv>", &error) == 0);
	/* a later reply: a delegation; the consent stays */
	a.kind = DONDOC_ATTENDANCE_ROW_DELEGATE;
	a.delegate = "bà Nguyễn Thị Mai";
	a.message_id = "<r2@syt>";
	test_assert(dondoc_store_attendance_put(store, &a, &error) == 1);
	t_array_init(&rows, 4);
	test_assert(dondoc_store_attendance_list(store, pool, "HOP-2026-06-22",
						 &rows, &error) == 1);
	r = array_count(&rows) == 1 ? array_front(&rows) : NULL;
	test_assert(r != NULL && r->kind == DONDOC_ATTENDANCE_ROW_DELEGATE &&
		    null_strcmp(r->delegate, "bà Nguyễn Thị Mai") == 0 &&
		    strcmp(r->message_id, "<r2@syt>") == 0 &&
		    r->consent_at == 1781003600 &&
		    null_strcmp(r->consent_message_id, "<ok@tgv>") == 0);
	test_assert(audits() == 3);
	test_assert(dondoc_store_attendance_by_message(store, pool, "<r1@syt>",
						       &got, &error) == 0);
	test_end();
}

static void test_hostile(void)
{
	struct dondoc_meeting_attendance a = {
		.meeting = "HOP-2026-06-22", .agency = "SYT",
		.kind = DONDOC_ATTENDANCE_ROW_ABSENT,
		.message_id = "<h@syt>", .received_at = 1781000000,
	};
	string_t *big = t_str_new(2048);
	const char *error;
	unsigned int before = audits();

	test_begin("attendance: hostile values refused whole");
	while (str_len(big) <= DONDOC_STORE_MAX_DELEGATE)
		str_append(big, "Nguyễn ");
	a.delegate = str_c(big);
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	a.delegate = "ông A\001";
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	a.delegate = NULL;
	a.message_id = "no angle brackets";
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	a.message_id = "<h@syt>";
	a.meeting = "HOP-1999-01-01";
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	a.meeting = "HOP-2026-06-22";
	a.agency = "NOPE";
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	a.agency = "SYT";
	a.kind = (enum dondoc_attendance_row_kind)7;
	test_assert(dondoc_store_attendance_put(store, &a, &error) < 0);
	test_assert(dondoc_store_attendance_consent(store, 1, 0, "<x@y>",
						    &error) < 0);
	test_assert(audits() == before);
	test_end();
}

static void test_cleanup(void)
{
	const char *error;

	dondoc_store_close(&store);
	if (unlink_directory(tmpdir, UNLINK_DIRECTORY_FLAG_RMDIR, &error) < 0)
		i_error("%s", error);
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_put_list_consent,
		test_hostile,
		test_cleanup,
		NULL
	};

	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp(%s) failed: %m", tmpdir);
	setup();
	return test_run(tests);
}
