/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the spool entry reader of lib/tracking/dondoc-spool.c
   (dondoc_spool_meta_parse): the .meta text as the spool writes it, and
   damaged or hostile ones; and which store an entry is for
   (dondoc_spool_entry_is_for_store). */

#include "lib.h"
#include "test-common.h"
#include "dondoc-spool.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int parse(const char *text, size_t size,
		 struct dondoc_spool_entry *entry_r, const char **error_r)
{
	i_zero(entry_r);
	*error_r = NULL;
	return dondoc_spool_meta_parse(text, size, pool_datastack_create(),
				       entry_r, error_r);
}

static void test_spool_meta_fields(void)
{
	static const char text[] =
		"action: escalate\n"
		"reason: late: report\n"
		"to: secretariat@example.vn\n"
		"envelope-sender: vanthu@stttt.example.vn\n"
		"recipient-detail: T-1.abcdefghijkl\n"
		"received-at: 1767225600\n"
		"sender: tgv@example.vn\n"
		"task: T-1\n"
		"decide: replay\n"
		"store: /srv/a/dondoc.db\n"
		"error: disk full\n"
		"unknown-key: ignored\n"
		"no separator here\n";
	struct dondoc_spool_entry entry;
	const char *error;

	test_begin("spool meta fields");
	test_assert(parse(text, sizeof(text) - 1, &entry, &error) == 0);
	test_assert(entry.action == DONDOC_SPOOL_ESCALATE);
	test_assert_strcmp(entry.reason, "late: report");
	test_assert_strcmp(entry.to, "secretariat@example.vn");
	test_assert_strcmp(entry.envelope_sender, "vanthu@stttt.example.vn");
	test_assert_strcmp(entry.recipient_detail, "T-1.abcdefghijkl");
	test_assert(entry.received_at == 1767225600);
	test_assert_strcmp(entry.sender, "tgv@example.vn");
	test_assert_strcmp(entry.task, "T-1");
	test_assert(entry.decide_at_replay);
	test_assert_strcmp(entry.error, "disk full");
	test_assert_strcmp(entry.store, "/srv/a/dondoc.db");
	/* the size bounds the text: what follows is not read */
	test_assert(parse("action: outgoing\naction: nuke\n", 17, &entry,
			  &error) == 0);
	test_assert(entry.action == DONDOC_SPOOL_OUTGOING);
	test_end();
}

static void test_spool_meta_damaged(void)
{
	struct dondoc_spool_entry entry;
	const char *error;

	test_begin("spool meta damaged");
	test_assert(parse("action: record\0\n", 16, &entry, &error) < 0);
	test_assert_strcmp(error, "NUL byte");
	test_assert(parse("action: nuke\n", 13, &entry, &error) < 0);
	test_assert_strcmp(error, "unknown action nuke");
	test_assert(parse("reason: x\n", 10, &entry, &error) < 0);
	test_assert_strcmp(error, "no action");
	test_assert(parse("", 0, &entry, &error) < 0);
	test_assert(parse("action:record\n", 14, &entry, &error) < 0);
	test_assert(parse("action: record\nreceived-at: 99999999999999999999\n",
			  49, &entry, &error) == 0);
	test_assert(entry.received_at > 0);
	test_end();
}

static void test_spool_entry_store(void)
{
	struct dondoc_spool_entry entry;
	char dir[] = "/tmp/dondoc-test-spool.XXXXXX";
	const char *file, *link, *other;
	FILE *f;

	test_begin("spool entry store");
	i_zero(&entry);
	/* written before the store was recorded: any store replays it */
	test_assert(dondoc_spool_entry_is_for_store(&entry, "/srv/b.db"));
	entry.store = "/srv/a.db";
	test_assert(dondoc_spool_entry_is_for_store(&entry, "/srv/a.db"));
	test_assert(dondoc_spool_entry_is_for_store(&entry, "sqlite:/srv/a.db"));
	test_assert(!dondoc_spool_entry_is_for_store(&entry, "/srv/b.db"));
	test_assert(!dondoc_spool_entry_is_for_store(&entry, NULL));
	test_assert(!dondoc_spool_entry_is_for_store(&entry, ""));
	test_assert(!dondoc_spool_entry_is_for_store(&entry,
		"host=/srv dbname=a.db"));
	/* one file under two names; another file is another store */
	test_assert(mkdtemp(dir) != NULL);
	file = t_strconcat(dir, "/a.db", NULL);
	link = t_strconcat(dir, "/link.db", NULL);
	other = t_strconcat(dir, "/b.db", NULL);
	test_assert((f = fopen(file, "w")) != NULL && fclose(f) == 0);
	test_assert((f = fopen(other, "w")) != NULL && fclose(f) == 0);
	test_assert(symlink(file, link) == 0);
	entry.store = file;
	test_assert(dondoc_spool_entry_is_for_store(&entry, link));
	test_assert(dondoc_spool_entry_is_for_store(&entry,
		t_strconcat(dir, "//./a.db", NULL)));
	test_assert(!dondoc_spool_entry_is_for_store(&entry, other));
	/* a name that is not there now is compared as written */
	test_assert(!dondoc_spool_entry_is_for_store(&entry,
		t_strconcat(dir, "/gone.db", NULL)));
	i_unlink(link);
	i_unlink(file);
	i_unlink(other);
	test_assert(rmdir(dir) == 0);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_spool_meta_fields,
		test_spool_meta_damaged,
		test_spool_entry_store,
		NULL
	};
	return test_run(test_functions);
}
