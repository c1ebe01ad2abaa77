/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the store (lib/store/dondoc-store*.c) on SQLite in a temp
   dir, or with DONDOC_TEST_PGSQL (a libpq conninfo, tests/lib/pg_harness.py
   sets it) on PostgreSQL, each store a fresh schema: agencies and people, task lookups, transitions and their audit,
   idempotent submissions, the outbox's dedup and claiming, the
   append-only audit log, all-or-nothing transactions, input bounds and
   the yearly generation of the regulation's obligations. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unlink-directory.h"
#include "test-common.h"
#include "dondoc-store.h"
#include "dondoc-store-lock.h"
#include "dondoc-store-mark.h"
#include "dondoc-store-outbox-step.h"
#include "dondoc-store-private.h"
#include "dondoc-store-sqlite-private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>
#include <dirent.h>
#ifdef DONDOC_HAVE_PGSQL
#  include <libpq-fe.h>
#  include "dondoc-store-pgsql-private.h"
#endif

static char tmpdir[] = "/tmp/dondoc-test-store.XXXXXX";
static unsigned int db_counter;
/* DONDOC_TEST_PGSQL: run on this PostgreSQL database instead */
static const char *pg_base;

static const char *store_path(void);
static struct dondoc_store *store_new(void);

#ifdef DONDOC_HAVE_PGSQL
/* SQL on the current store's schema, outside the store; the result's
   error message, or NULL when it succeeded. */
static const char *pg_exec(const char *sql)
{
	PGconn *conn = PQconnectdb(store_path());
	PGresult *res;
	const char *error = NULL;

	if (PQstatus(conn) != CONNECTION_OK)
		i_fatal("%s", PQerrorMessage(conn));
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		error = t_strdup(PQresultErrorMessage(res));
	PQclear(res);
	PQfinish(conn);
	return error;
}
#endif

/* relaxed: as the plugins open it (dondoc_store_sync() flushes) */
static struct dondoc_store *store_new_sync(bool relaxed)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 5000,
		.create = TRUE,
		.relaxed_sync = relaxed,
	};
	struct dondoc_store *store;
	const char *error, *path;

	db_counter++;
	path = store_path();
#ifdef DONDOC_HAVE_PGSQL
	if (pg_base != NULL) {
		const char *schema = t_strdup_printf("t%d_s%u", (int)getpid(),
						     db_counter);
		PGconn *conn = PQconnectdb(pg_base);
		PGresult *res;

		if (PQstatus(conn) != CONNECTION_OK)
			i_fatal("%s", PQerrorMessage(conn));
		res = PQexec(conn, t_strdup_printf("CREATE SCHEMA %s", schema));
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			i_fatal("%s", PQresultErrorMessage(res));
		PQclear(res);
		PQfinish(conn);
	}
#endif
	if (dondoc_store_open_with(path, &set, &store, &error) < 0)
		i_fatal("open(%s): %s", path, error);
	dondoc_store_set_actor(store, "test");
	return store;
}

static struct dondoc_store *store_new(void)
{
	return store_new_sync(FALSE);
}

static const char *store_path(void)
{
	if (pg_base != NULL) {
		return t_strdup_printf("%s options=-csearch_path=t%d_s%u",
				       pg_base, (int)getpid(), db_counter);
	}
	return t_strdup_printf("%s/s%u.db", tmpdir, db_counter);
}

static void add_agency(struct dondoc_store *store, const char *code)
{
	struct dondoc_agency agency = { .code = code, .name = code };
	const char *error;

	if (dondoc_store_agency_add(store, &agency, &error) < 0)
		i_fatal("agency_add: %s", error);
}

static void add_person(struct dondoc_store *store, const char *email,
		       const char *agency, const char *role)
{
	const char *emails[] = { email, NULL };
	const char *roles[] = { role, NULL };
	struct dondoc_person person = {
		.agency = agency, .name = email, .emails = emails,
		.roles = roles,
	};
	const char *error;

	if (dondoc_store_person_add(store, &person, NULL, &error) < 0)
		i_fatal("person_add: %s", error);
}

static int add_task(struct dondoc_store *store, const char *code,
		    const char *agency, const char *due, const char **error_r)
{
	struct dondoc_task task;

	i_zero(&task);
	task.code = code;
	task.agency = agency;
	task.title = t_strdup_printf("Task %s", code);
	if (!dondoc_date_parse(due, &task.due))
		i_fatal("bad date %s", due);
	return dondoc_store_task_add(store, &task, NULL, error_r);
}

static enum dondoc_task_status task_status(struct dondoc_store *store,
					   const char *code)
{
	struct dondoc_task task;
	const char *error;

	if (dondoc_store_task_by_code(store, pool_datastack_create(), code,
				      &task, &error) <= 0)
		i_fatal("task %s not found", code);
	return task.status;
}

static unsigned int audit_count(struct dondoc_store *store)
{
	ARRAY_TYPE(dondoc_audit_entry) entries;
	const char *error;

	t_array_init(&entries, 16);
	if (dondoc_store_audit_list(store, pool_datastack_create(), NULL, NULL,
				    &entries, &error) < 0)
		i_fatal("audit_list: %s", error);
	return array_count(&entries);
}

static bool audit_has(struct dondoc_store *store, const char *action)
{
	ARRAY_TYPE(dondoc_audit_entry) entries;
	const struct dondoc_audit_entry *entry;
	const char *error;

	t_array_init(&entries, 16);
	if (dondoc_store_audit_list(store, pool_datastack_create(), NULL, NULL,
				    &entries, &error) < 0)
		i_fatal("audit_list: %s", error);
	array_foreach(&entries, entry) {
		if (entry->action != NULL && strcmp(entry->action, action) == 0)
			return TRUE;
	}
	return FALSE;
}

static void test_open_errors(void)
{
	struct dondoc_store_settings set = { .busy_timeout_msecs = 100 };
	struct dondoc_store *store;
	const char *error;

	test_begin("store open: missing file, unknown backend");
	test_assert(dondoc_store_open(t_strdup_printf("%s/missing.db", tmpdir),
				      &store, &error) < 0);
	test_assert(strstr(error, "does not exist") != NULL);
	test_assert(access(t_strdup_printf("%s/missing.db", tmpdir), F_OK) < 0);
#ifdef DONDOC_HAVE_PGSQL
	/* no server there: refused at once, within the busy timeout */
	test_assert(dondoc_store_open_with(
		"postgresql:///nodb?host=/nonexistent-dondoc", &set, &store,
		&error) < 0);
	test_assert(strstr(error, "connect") != NULL);
	test_assert(dondoc_store_open_with("host=/nonexistent-dondoc "
		"dbname=nodb password=secret", &set, &store, &error) < 0);
	test_assert(strstr(error, "secret") == NULL);
	test_assert(dondoc_store_open_with("pgsql:host=x =broken", &set,
					   &store, &error) < 0);
#else
	test_assert(dondoc_store_open_with("postgresql://host/db", &set,
					   &store, &error) < 0);
	test_assert(strstr(error, "not available") != NULL);
#endif
#ifdef DONDOC_HAVE_PGSQL
	/* a new migration in sql/ needs its PostgreSQL one in sql/pgsql/ */
	test_assert(dondoc_store_pgsql_migrations_count ==
		    dondoc_store_migrations_count);
#endif
	{
		const char *conninfo;

		test_assert(dondoc_store_path_is_pgsql("postgresql://h/db",
						       &conninfo));
		test_assert(strcmp(conninfo, "postgresql://h/db") == 0);
		test_assert(dondoc_store_path_is_pgsql("postgres://h/db",
						       &conninfo));
		test_assert(dondoc_store_path_is_pgsql("pgsql:dbname=x",
						       &conninfo));
		test_assert(strcmp(conninfo, "dbname=x") == 0);
		test_assert(dondoc_store_path_is_pgsql("host=/run dbname=x",
						       &conninfo));
		test_assert(!dondoc_store_path_is_pgsql("/var/db/x.db",
							&conninfo));
		test_assert(!dondoc_store_path_is_pgsql("sqlite:x=y.db",
							&conninfo));
		test_assert(!dondoc_store_path_is_pgsql("./a=b.db", &conninfo));
	}
	test_assert(dondoc_store_open_with("", &set, &store, &error) < 0);
	test_assert(store == NULL);
	set.create = TRUE;
	test_assert(dondoc_store_open_with(
		t_strdup_printf("sqlite:%s/scheme.db", tmpdir), &set, &store,
		&error) == 0);
	dondoc_store_close(&store);
	test_assert(store == NULL);
	test_assert(access(t_strdup_printf("%s/scheme.db", tmpdir), F_OK) == 0);
	test_end();
}

static void test_agencies_people(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_agency agency = { .code = "CAT", .name = "Công an tỉnh" };
	struct dondoc_person person;
	ARRAY_TYPE(dondoc_person) people;
	ARRAY_TYPE(dondoc_agency) agencies;
	const char *emails2[] = { "Second@Example.org", NULL };
	const char *roles2[] = { "to-truong", NULL };
	pool_t pool = pool_datastack_create();
	const char *error;

	test_begin("store: agencies");
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 0);
	agency.code = "STTTT";
	agency.name = "Sở TT&TT";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	t_array_init(&agencies, 4);
	test_assert(dondoc_store_agency_list(store, pool, &agencies,
					     &error) == 2);
	test_assert(strcmp(((const struct dondoc_agency *)array_idx(&agencies, 0))->code, "CAT") == 0);
	test_assert(dondoc_store_agency_get(store, pool, "cat", &agency,
					    &error) == 1);
	test_assert(strcmp(agency.name, "Công an tỉnh") == 0);
	test_assert(dondoc_store_agency_get(store, pool, "NOPE", &agency,
					    &error) == 0);
	test_end();

	test_begin("store: people by email (case-insensitive) and role");
	add_person(store, "Head@Example.ORG", "CAT", "truong-ban");
	test_assert(dondoc_store_person_by_email(store, pool,
		"head@example.org", &person, &error) == 1);
	test_assert(strcmp(person.agency, "CAT") == 0);
	test_assert(strcmp(person.emails[0], "head@example.org") == 0);
	test_assert(person.emails[1] == NULL);
	test_assert(strcmp(person.roles[0], "truong-ban") == 0);
	test_assert(dondoc_store_person_by_email(store, pool,
		"HEAD@EXAMPLE.ORG", &person, &error) == 1);
	test_assert(dondoc_store_person_by_email(store, pool,
		"nobody@example.org", &person, &error) == 0);
	/* a second address and role for the same person, by name */
	i_zero(&person);
	person.agency = "CAT";
	person.name = "Head@Example.ORG";
	person.emails = emails2;
	person.roles = roles2;
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) == 1);
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) == 0);
	test_assert(dondoc_store_person_by_email(store, pool,
		"second@example.org", &person, &error) == 1);
	test_assert(str_array_length(person.emails) == 2);
	test_assert(str_array_length(person.roles) == 2);
	/* the same address in another agency is refused */
	person.agency = "STTTT";
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	test_assert(strstr(error, "another agency") != NULL);
	add_person(store, "member@sttt.example", "STTTT", "thanh-vien");
	t_array_init(&people, 4);
	test_assert(dondoc_store_person_list(store, pool, "truong-ban",
					     &people, &error) == 1);
	test_assert(strcmp(((const struct dondoc_person *)array_idx(&people, 0))->agency, "CAT") == 0);
	array_clear(&people);
	test_assert(dondoc_store_person_list(store, pool, NULL, &people,
					     &error) == 2);
	test_assert(dondoc_store_person_list(store, pool, "boss", &people,
					     &error) < 0);
	test_end();

	test_begin("store: bad people refused");
	i_zero(&person);
	person.agency = "NOPE";
	person.emails = emails2;
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	test_assert(strstr(error, "unknown agency") != NULL);
	person.agency = "CAT";
	roles2[0] = "boss";
	person.roles = roles2;
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	test_assert(strstr(error, "unknown role") != NULL);
	emails2[0] = "no-at-sign";
	person.roles = NULL;
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	emails2[0] = "a b@example.org";
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	person.emails = NULL;
	test_assert(dondoc_store_person_add(store, &person, NULL, &error) < 0);
	test_end();
	dondoc_store_close(&store);
}

static void test_tasks(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_task task;
	const struct dondoc_task *brief;
	struct dondoc_task_filter filter;
	ARRAY_TYPE(dondoc_task) tasks;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	pool_t pool = pool_datastack_create();
	struct dondoc_date today;
	unsigned int count;
	const char *error;

	add_agency(store, "CAT");
	add_agency(store, "UBND-PQ");
	test_begin("store: task add and lookups");
	i_zero(&task);
	task.code = "DA06-2026-015";
	task.agency = "UBND-PQ";
	task.title = "Báo cáo quý";
	task.doc_type = "BC";
	task.source_type = "TB";
	task.source_number = "17";
	task.source_symbol = "TB-BCĐ";
	task.period.kind = 'Q';
	task.period.year = 2026;
	task.period.index = 2;
	test_assert(dondoc_date_parse("2026-06-30", &task.due));
	test_assert(dondoc_store_task_add(store, &task, NULL, &error) == 1);
	test_assert(dondoc_store_task_add(store, &task, NULL, &error) == 0);
	test_assert(add_task(store, "T-2", "CAT", "2026-01-15", &error) == 1);
	test_assert(add_task(store, "T-3", "UBND-PQ", "2026-12-31",
			     &error) == 1);
	test_assert(add_task(store, "T-4", "NOPE", "2026-12-31", &error) < 0);
	test_assert(strstr(error, "unknown agency") != NULL);

	test_assert(dondoc_store_task_by_code(store, pool, "da06-2026-015",
					      &task, &error) == 1);
	test_assert(strcmp(task.code, "DA06-2026-015") == 0);
	test_assert(strcmp(task.agency, "UBND-PQ") == 0);
	test_assert(task.status == DONDOC_TASK_OPEN);
	test_assert(task.period.kind == 'Q' && task.period.year == 2026 &&
		    task.period.index == 2);
	test_assert(strcmp(dondoc_date_to_str(&task.due), "2026-06-30") == 0);
	test_assert(dondoc_store_task_by_code(store, pool, "NOPE", &task,
					      &error) == 0);

	t_array_init(&tasks, 4);
	test_assert(dondoc_store_tasks_by_period(store, pool, "UBND-PQ", "BC",
		&task.period, &tasks, &error) == 1);
	test_assert(dondoc_store_tasks_by_period(store, pool, "UBND-PQ", "KH",
		&task.period, &tasks, &error) == 0);
	test_assert(dondoc_store_tasks_by_period(store, pool, "CAT", NULL,
		&task.period, &tasks, &error) == 0);
	array_clear(&tasks);
	test_assert(dondoc_store_tasks_by_source(store, pool, "tb-BCĐ", "17",
						 &tasks, &error) == 1);
	test_assert(dondoc_store_tasks_by_source(store, pool, "TB-BCĐ", "18",
						 &tasks, &error) == 0);
	test_assert(dondoc_store_tasks_by_source(store, pool, "TB-BCĐ", NULL,
						 &tasks, &error) == 1);
	test_end();

	test_begin("store: task list filters");
	i_zero(&filter);
	array_clear(&tasks);
	test_assert(dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) == 3);
	test_assert(strcmp(((const struct dondoc_task *)array_idx(&tasks, 0))->code, "T-2") == 0);
	filter.agency = "UBND-PQ";
	array_clear(&tasks);
	test_assert(dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) == 2);
	filter.status_mask = 1U << DONDOC_TASK_CLOSED;
	test_assert(dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) == 0);
	/* brief (one agency's listing from its index): the five columns,
	   the same rows in the same order, paged the same way */
	filter.status_mask = 0;
	filter.brief = TRUE;
	array_clear(&tasks);
	test_assert(dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) == 2);
	brief = array_idx(&tasks, 0);
	test_assert(strcmp(brief->code, "DA06-2026-015") == 0 &&
		    strcmp(brief->agency, "UBND-PQ") == 0 &&
		    strcmp(brief->title, "Báo cáo quý") == 0 &&
		    brief->status == DONDOC_TASK_OPEN &&
		    strcmp(dondoc_date_to_str(&brief->due), "2026-06-30") == 0);
	brief = array_idx(&tasks, 1);
	test_assert(strcmp(brief->code, "T-3") == 0);
	array_clear(&tasks);
	test_assert(dondoc_date_parse("2026-06-30", &filter.after_due));
	filter.after_code = "DA06-2026-015";
	test_assert(dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) == 1);
	test_assert(strcmp(((const struct dondoc_task *)array_idx(&tasks, 0))->code, "T-3") == 0);
	test_end();

	test_begin("store: transitions enforced and audited");
	test_assert(dondoc_date_parse("2026-02-01", &today));
	test_assert(dondoc_store_tasks_mark_overdue(store, &today, &count,
						    &error) == 1);
	test_assert(count == 1);
	test_assert(task_status(store, "T-2") == DONDOC_TASK_OVERDUE);
	test_assert(task_status(store, "T-3") == DONDOC_TASK_OPEN);
	test_assert(dondoc_store_tasks_mark_overdue(store, &today, &count,
						    &error) == 1);
	test_assert(count == 0);
	/* overdue -> submitted is illegal */
	test_assert(dondoc_store_task_transition(store, "T-2",
		DONDOC_TASK_SUBMITTED, NULL, &error) < 0);
	test_assert(strstr(error, "overdue -> submitted") != NULL);
	test_assert(task_status(store, "T-2") == DONDOC_TASK_OVERDUE);
	test_assert(dondoc_store_task_transition(store, "T-2",
		DONDOC_TASK_CLOSED, "given up", &error) == 1);
	test_assert(dondoc_store_task_transition(store, "T-2",
		DONDOC_TASK_OPEN, NULL, &error) < 0);
	test_assert(strstr(error, "final") != NULL);
	test_assert(dondoc_store_task_transition(store, "NOPE",
		DONDOC_TASK_CLOSED, NULL, &error) < 0);
	t_array_init(&audit, 8);
	test_assert(dondoc_store_audit_list(store, pool, "task", "T-2", &audit,
					    &error) == 3);
	test_assert(strcmp(((const struct dondoc_audit_entry *)array_idx(&audit, 1))->old_value, "open") == 0);
	test_assert(strcmp(((const struct dondoc_audit_entry *)array_idx(&audit, 1))->new_value, "overdue") == 0);
	test_assert(strcmp(((const struct dondoc_audit_entry *)array_idx(&audit, 2))->new_value, "closed") == 0);
	test_assert(strstr(((const struct dondoc_audit_entry *)array_idx(&audit, 2))->action, "given up") != NULL);
	test_assert(strcmp(((const struct dondoc_audit_entry *)array_idx(&audit, 2))->actor, "test") == 0);
	test_end();
	dondoc_store_close(&store);
}

static void submission_init(struct dondoc_submission *sub, const char *msgid,
			    const char *task)
{
	i_zero(sub);
	sub->message_id = msgid;
	sub->task_code = task;
	sub->doc_type = "BC";
	sub->doc_number = "12";
	sub->doc_symbol = "BC-UBND";
	sub->sender_email = "member@example.org";
	sub->sender_agency = "CAT";
	sub->received_at = 1780000000;
	sub->trust = DONDOC_TRUST_VERIFIED;
	sub->match = DONDOC_MATCH_TAG;
}

static void test_submissions(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_submission sub, got;
	struct dondoc_submission_result result;
	ARRAY_TYPE(dondoc_submission) subs;
	pool_t pool = pool_datastack_create();
	struct dondoc_date today;
	unsigned int audits, count;
	const char *error;

	add_agency(store, "CAT");
	(void)add_task(store, "T-1", "CAT", "2026-06-12", &error);
	(void)add_task(store, "T-2", "CAT", "2026-01-12", &error);
	(void)add_task(store, "T-3", "CAT", "2026-06-12", &error);
	(void)add_task(store, "T-4", "CAT", "2026-06-12", &error);

	test_begin("store: submission recorded with its transition");
	submission_init(&sub, "<a1@example.org>", "T-1");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(!result.duplicate && result.transitioned);
	test_assert(result.old_status == DONDOC_TASK_OPEN);
	test_assert(result.new_status == DONDOC_TASK_SUBMITTED);
	test_assert(task_status(store, "T-1") == DONDOC_TASK_SUBMITTED);
	test_assert(dondoc_store_submission_by_message_id(store, pool,
		"<a1@example.org>", &got, &error) == 1);
	test_assert(strcmp(got.task_code, "T-1") == 0);
	test_assert(strcmp(got.sender_agency, "CAT") == 0);
	test_assert(got.trust == DONDOC_TRUST_VERIFIED);
	test_assert(got.match == DONDOC_MATCH_TAG);
	test_assert(got.received_at == 1780000000 && !got.late);
	test_end();

	test_begin("store: duplicate Message-ID records nothing");
	audits = audit_count(store);
	sub.task_code = "T-3";
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 0);
	test_assert(result.duplicate && !result.transitioned);
	test_assert(audit_count(store) == audits);
	test_assert(task_status(store, "T-3") == DONDOC_TASK_OPEN);
	t_array_init(&subs, 4);
	test_assert(dondoc_store_submission_list(store, pool, NULL, &subs,
						 &error) == 1);
	test_end();

	test_begin("store: late submission of an overdue task");
	test_assert(dondoc_date_parse("2026-01-20", &today));
	test_assert(dondoc_store_tasks_mark_overdue(store, &today, &count,
						    &error) == 1 && count == 1);
	submission_init(&sub, "<a2@example.org>", "T-2");
	sub.late = TRUE;
	sub.late_days = 5;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(result.new_status == DONDOC_TASK_SUBMITTED_LATE);
	test_assert(task_status(store, "T-2") == DONDOC_TASK_SUBMITTED_LATE);
	test_assert(dondoc_store_submission_by_message_id(store, pool,
		"<a2@example.org>", &got, &error) == 1);
	test_assert(got.late && got.late_days == 5);
	/* another report for a task already submitted: recorded, no move */
	submission_init(&sub, "<a3@example.org>", "T-2");
	sub.doc_number = "13";
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(!result.transitioned);
	test_assert(result.new_status == DONDOC_TASK_SUBMITTED_LATE);
	test_end();

	test_begin("store: the same document from another message is recorded once");
	audits = audit_count(store);
	/* a reply quoting 12/BC-UBND of <a2>, for the same task */
	submission_init(&sub, "<quote1@example.org>", "T-2");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 0);
	test_assert(result.duplicate && !result.transitioned);
	test_assert(strcmp(result.duplicate_of, "<a2@example.org>") == 0);
	test_assert(audit_count(store) == audits);
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 1);
	test_assert(strcmp(got.message_id, "<a2@example.org>") == 0);
	/* its own Message-ID is not "another message" */
	submission_init(&sub, "<a2@example.org>", "T-2");
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 0);
	/* another task, another agency, no number: another document */
	submission_init(&sub, "<quote2@example.org>", "T-3");
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		FALSE, &got, &error) == 0);
	submission_init(&sub, "<quote3@example.org>", "T-2");
	sub.sender_agency = NULL;
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		FALSE, &got, &error) == 0);
	submission_init(&sub, "<quote4@example.org>", "T-2");
	sub.doc_number = NULL;
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		FALSE, &got, &error) == 0);
	test_end();

	test_begin("store: an unverified copy does not pre-empt the real document");
	submission_init(&sub, "<forged@example.org>", "T-4");
	sub.doc_number = "77";
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	/* a second unverified copy is a duplicate */
	submission_init(&sub, "<forged2@example.org>", "T-4");
	sub.doc_number = "77";
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 0);
	/* the verified one is recorded and moves the task */
	submission_init(&sub, "<real77@example.org>", "T-4");
	sub.doc_number = "77";
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(result.transitioned);
	test_end();

	test_begin("store: unverified and unmatched submissions");
	submission_init(&sub, "<u1@example.org>", "T-3");
	sub.doc_number = "14";
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(!result.transitioned);
	test_assert(task_status(store, "T-3") == DONDOC_TASK_OPEN);
	submission_init(&sub, "<u2@example.org>", NULL);
	sub.match = DONDOC_MATCH_NONE;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	/* an unknown task is an error and records nothing */
	submission_init(&sub, "<u3@example.org>", "NOPE");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) < 0);
	test_assert(dondoc_store_submission_by_message_id(store, pool,
		"<u3@example.org>", &got, &error) == 0);
	submission_init(&sub, "", "T-3");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) < 0);
	submission_init(&sub, "<x@y>", "T-3");
	sub.late_days = 3; /* late_days without late */
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) < 0);
	test_end();
	dondoc_store_close(&store);
}

static bool owner_never_gone(const char *owner ATTR_UNUSED)
{
	return FALSE;
}

/* how many times owner_gone_if_gone() was asked (each a kill() probe in
   dondoc_actions_owner_gone()) */
static unsigned int owner_gone_asked;

static bool owner_gone_if_gone(const char *owner)
{
	owner_gone_asked++;
	return strcmp(owner, "gone") == 0;
}

static void outbox_init(struct dondoc_outbox_mail *mail, const char *key,
			const char *msgid)
{
	i_zero(mail);
	mail->kind = DONDOC_OUTBOX_CONFIRM;
	mail->task_code = "T-1";
	mail->recipient = "member@example.org";
	mail->message_id = msgid;
	mail->dedup_key = key;
	mail->data = "Subject: test\r\n\r\nbody\r\n";
}

static void test_outbox(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_outbox_mail mail;
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	struct dondoc_task task;
	struct dondoc_outbox_mail got;
	pool_t pool = pool_datastack_create();
	int64_t id1, id2;
	const char *error;
	bool resend;

	add_agency(store, "CAT");
	(void)add_task(store, "T-1", "CAT", "2026-06-12", &error);

	test_begin("store: outbox dedup key queues once");
	outbox_init(&mail, "confirm:<a1@x>:T-1", "<dondoc.1@sec.example>");
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) == 1);
	test_assert(dondoc_store_outbox_queue(store, &mail, &id2, &error) == 0);
	outbox_init(&mail, "escalate:T-1:late", "<dondoc.2@sec.example>");
	mail.kind = DONDOC_OUTBOX_ESCALATE;
	test_assert(dondoc_store_outbox_queue(store, &mail, &id2, &error) == 1);
	test_assert(id1 != id2);
	outbox_init(&mail, "confirm:<a9@x>:NOPE", "<dondoc.3@sec.example>");
	mail.task_code = "NOPE";
	test_assert(dondoc_store_outbox_queue(store, &mail, NULL, &error) < 0);
	t_array_init(&mails, 4);
	test_assert(dondoc_store_outbox_list(store, pool, -1, &mails,
					     &error) == 2);
	test_end();

	test_begin("store: task by the Message-ID dondoc sent");
	test_assert(dondoc_store_task_by_sent_message_id(store, pool,
		"<dondoc.2@sec.example>", &task, &error) == 1);
	test_assert(strcmp(task.code, "T-1") == 0);
	test_assert(dondoc_store_task_by_sent_message_id(store, pool,
		"<other@sec.example>", &task, &error) == 0);
	test_end();

	test_begin("store: outbox claim, sent, retry, failed");
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 0, 0,
					      &mails, &error) == 2);
	test_assert(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->state == DONDOC_OUTBOX_CLAIMED);
	test_assert(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->attempts == 1);
	test_assert(strcmp(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->owner, "A") == 0);
	test_assert(strstr(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->data, "body") != NULL);
	/* claimed mail is not handed out twice */
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "B", 60, 0, 0,
					      &mails, &error) == 0);
	/* only the owner may send it */
	test_assert(dondoc_store_outbox_begin_send(store, id1, "B", 60,
						   &resend, &error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "A", 60,
						   &resend, &error) == 1);
	test_assert(!resend);
	test_assert(dondoc_store_outbox_mark_sent(store, id1, "250 ok",
						  &error) == 1);
	/* sent twice is said so, not hidden */
	test_assert(dondoc_store_outbox_mark_sent(store, id1, NULL,
						  &error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "A", 60,
						   &resend, &error) == 0);
	/* a failure returns it to the queue until max attempts; only its
	   owner marks it failed */
	test_assert(dondoc_store_outbox_mark_failed(store, id2, "B", "x",
						    2, &error) == 0);
	test_assert(dondoc_store_outbox_mark_failed(store, id2, "A",
						    "SMTP down", 2, &error) == 1);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_list(store, pool, DONDOC_OUTBOX_QUEUED,
					     &mails, &error) == 1);
	test_assert(strcmp(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->last_error, "SMTP down") == 0);
	/* with backoff, a mail that just failed waits (a minute here) */
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 60, 0,
					      &mails, &error) == 0);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 0, 0,
					      &mails, &error) == 1);
	test_assert(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->attempts == 2);
	test_assert(dondoc_store_outbox_mark_failed(store, id2, "A",
						    "still down", 2, &error) == 1);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_list(store, pool, DONDOC_OUTBOX_FAILED,
					     &mails, &error) == 1);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_list(store, pool, DONDOC_OUTBOX_SENT,
					     &mails, &error) == 1);
	test_assert(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->sent_at > 0);
	test_assert(strcmp(((const struct dondoc_outbox_mail *)array_idx(&mails, 0))->smtp_reply, "250 ok") == 0);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 0, 0,
					      &mails, &error) == 0);
	test_end();

	test_begin("store: outbox mail queued already claimed by its sender");
	outbox_init(&mail, "confirm:<a2@x>:T-1", "<dondoc.4@sec.example>");
	mail.state = DONDOC_OUTBOX_SENT;
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) < 0);
	mail.state = DONDOC_OUTBOX_CLAIMED;
	/* a claim needs an owner and a lease */
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) < 0);
	mail.owner = "L";
	mail.lease_until = time(NULL) + 60;
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) == 1);
	/* no other sender picks it up while its own sender holds it */
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 0, 0,
					      &mails, &error) == 0);
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a2@x>:T-1", "R", 60, NULL, &got, &error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "L", 60,
						   &resend, &error) == 1);
	test_assert(dondoc_store_outbox_mark_sent(store, id1, NULL,
						  &error) == 1);
	test_assert(dondoc_store_outbox_queue(store, &mail, &id2, &error) == 0);
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a2@x>:T-1", "R", 60, NULL, &got, &error) == 0);
	test_end();

	test_begin("store: a claim whose lease ran out is taken over once");
	outbox_init(&mail, "confirm:<a3@x>:T-1", "<dondoc.5@sec.example>");
	mail.state = DONDOC_OUTBOX_CLAIMED;
	mail.owner = "dead";
	mail.lease_until = time(NULL) - 1;
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) == 1);
	/* the redelivery takes it by its key, and nobody else then */
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a3@x>:T-1", "R", 60, NULL, &got, &error) == 1);
	test_assert(got.id == id1 && strcmp(got.owner, "R") == 0);
	test_assert(strcmp(got.message_id, "<dondoc.5@sec.example>") == 0);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim(store, pool, 10, "A", 60, 0, 0,
					      &mails, &error) == 0);
	/* the dead owner's send never happens: its claim is gone */
	test_assert(dondoc_store_outbox_begin_send(store, id1, "dead", 60,
						   &resend, &error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "R", 60,
						   &resend, &error) == 1);
	test_assert(!resend);
	test_assert(dondoc_store_outbox_renew(store, "R", 60, &error) == 1);
	test_end();

	test_begin("store: a live claim of an owner that is gone is taken over");
	outbox_init(&mail, "confirm:<a4@x>:T-1", "<dondoc.6@sec.example>");
	mail.state = DONDOC_OUTBOX_CLAIMED;
	mail.owner = "gone";
	mail.lease_until = time(NULL) + 60;
	test_assert(dondoc_store_outbox_queue(store, &mail, &id1, &error) == 1);
	/* without the question, or with an owner still there: the lease */
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a4@x>:T-1", "R", 60, NULL, &got, &error) == 0);
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a4@x>:T-1", "R", 60, owner_never_gone, &got,
		&error) == 0);
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a4@x>:T-1", "R", 60, owner_gone_if_gone, &got,
		&error) == 1);
	test_assert(got.id == id1 && strcmp(got.owner, "R") == 0);
	test_assert(audit_has(store, "claim (its owner gone is gone)"));
	/* R holds it now, alive: taken by nobody else */
	test_assert(dondoc_store_outbox_claim_key(store, pool,
		"confirm:<a4@x>:T-1", "S", 60, owner_gone_if_gone, &got,
		&error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "gone", 60,
						   &resend, &error) == 0);
	test_assert(dondoc_store_outbox_begin_send(store, id1, "R", 60,
						   &resend, &error) == 1);
	test_end();
	dondoc_store_close(&store);
}

static const struct dondoc_outbox_mail *
outbox_by_id(ARRAY_TYPE(dondoc_outbox_mail) *mails, int64_t id)
{
	const struct dondoc_outbox_mail *mail;

	array_foreach(mails, mail) {
		if (mail->id == id)
			return mail;
	}
	return NULL;
}

/* The sender's steps: several outbox operations in one write
   transaction, each as it is alone, all or nothing. */
static void test_outbox_steps(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_outbox_mail mail;
	ARRAY_TYPE(dondoc_outbox_mail) mails, rows;
	struct dondoc_outbox_step step;
	struct dondoc_outbox_step_result res;
	pool_t pool = pool_datastack_create();
	char long_owner[DONDOC_OUTBOX_MAX_OWNER + 2];
	int64_t id[3];
	const char *error;
	unsigned int i;

	add_agency(store, "CAT");
	(void)add_task(store, "T-1", "CAT", "2026-06-12", &error);
	for (i = 0; i < N_ELEMENTS(id); i++) {
		outbox_init(&mail, t_strdup_printf("confirm:<s%u@x>:T-1", i),
			    t_strdup_printf("<dondoc.s%u@sec.example>", i));
		test_assert(dondoc_store_outbox_queue(store, &mail, &id[i],
						      &error) == 1);
	}
	t_array_init(&mails, 4);
	t_array_init(&rows, 4);

	test_begin("store: outbox claim_begin begins the first send only");
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 2, "S", 60,
		0, 0, NULL, &mails, &res, &error) == 2);
	test_assert(res.next == 1 && !res.next_resend);
	test_assert(dondoc_store_outbox_list(store, pool, -1, &rows,
					     &error) == 3);
	test_assert(outbox_by_id(&rows, id[0])->send_started_at > 0);
	test_assert(outbox_by_id(&rows, id[1])->state == DONDOC_OUTBOX_CLAIMED);
	test_assert(outbox_by_id(&rows, id[1])->send_started_at == 0);
	test_assert(outbox_by_id(&rows, id[2])->state == DONDOC_OUTBOX_QUEUED);
	test_end();

	test_begin("store: outbox step marks, renews and begins the next");
	i_zero(&step);
	step.owner = "S";
	step.lease_secs = 60;
	step.done_id = id[0];
	step.done_sent = TRUE;
	step.smtp_reply = "250 ok\r\n";
	step.next_id = id[1];
	step.renew = TRUE;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) == 0);
	test_assert(res.done == 1 && res.next == 1 && !res.next_resend);
	array_clear(&rows);
	test_assert(dondoc_store_outbox_list(store, pool, -1, &rows,
					     &error) == 3);
	test_assert(outbox_by_id(&rows, id[0])->state == DONDOC_OUTBOX_SENT);
	test_assert(strcmp(outbox_by_id(&rows, id[0])->smtp_reply,
			   "250 ok??") == 0);
	test_assert(outbox_by_id(&rows, id[1])->send_started_at > 0);
	test_end();

	test_begin("store: outbox step is all or nothing");
	/* the next mail does not exist: the mark is not kept either */
	step.done_id = id[1];
	step.next_id = 999999;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	test_assert(res.done == 0 && res.next == 0);
	array_clear(&rows);
	test_assert(dondoc_store_outbox_list(store, pool, DONDOC_OUTBOX_SENT,
					     &rows, &error) == 1);
	/* another owner's step: its failure mark and its begin are lost
	   claims, nothing written */
	step.owner = "X";
	step.done_sent = FALSE;
	step.reason = "450 later";
	step.max_attempts = 3;
	step.next_id = 0;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) == 0);
	test_assert(res.done == 0);
	i_zero(&step);
	step.owner = "X";
	step.lease_secs = 60;
	step.next_id = id[1];
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) == 0);
	test_assert(res.next == 0);
	/* its owner's failure mark queues it again */
	step.owner = "S";
	step.done_id = id[1];
	step.done_sent = FALSE;
	step.reason = "450 later";
	step.max_attempts = 3;
	step.next_id = 0;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) == 0);
	test_assert(res.done == 1);
	array_clear(&rows);
	test_assert(dondoc_store_outbox_list(store, pool, DONDOC_OUTBOX_QUEUED,
					     &rows, &error) == 2);
	test_end();

	test_begin("store: outbox step refuses hostile arguments");
	step.done_id = step.next_id = id[2];
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	step.done_id = -1;
	step.next_id = 0;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	step.done_id = id[2];
	step.owner = NULL;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	memset(long_owner, 'o', sizeof(long_owner) - 1);
	long_owner[sizeof(long_owner) - 1] = '\0';
	step.owner = long_owner;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	step.owner = "S";
	step.lease_secs = 0;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	step.lease_secs = DONDOC_OUTBOX_MAX_LEASE_SECS + 1;
	test_assert(dondoc_store_outbox_step(store, &step, &res, &error) < 0);
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 0, "S", 60,
		0, 0, NULL, &mails, &res, &error) < 0);
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 10001, "S",
		60, 0, 0, NULL, &mails, &res, &error) < 0);
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 1, "", 60,
		0, 0, NULL, &mails, &res, &error) < 0);
	test_assert(array_count(&mails) == 0);
	test_end();

	test_begin("store: outbox claim_begin of nothing takes no claim");
	/* past every id: nothing claimable */
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 5, "S", 60,
		0, id[2], NULL, &mails, &res, &error) == 0);
	test_assert(res.next == 0 && array_count(&mails) == 0);
	test_end();
	dondoc_store_close(&store);
}

/* The sender's batch takes the live claims of an owner that is gone at
   once, as the redelivery does: only those, conditionally on that owner
   still holding them, audited, in id order within the batch's max. */
static void test_outbox_batch_gone(void)
{
	static const char *const owners[] = { NULL, "gone", "alive", "gone" };
	struct dondoc_store *store = store_new();
	struct dondoc_outbox_mail mail;
	ARRAY_TYPE(dondoc_outbox_mail) mails, rows;
	struct dondoc_outbox_step_result res;
	pool_t pool = pool_datastack_create();
	const struct dondoc_outbox_mail *got;
	int64_t id[N_ELEMENTS(owners)];
	const char *error;
	bool resend;
	unsigned int i;

	add_agency(store, "CAT");
	(void)add_task(store, "T-1", "CAT", "2026-06-12", &error);
	for (i = 0; i < N_ELEMENTS(id); i++) {
		outbox_init(&mail, t_strdup_printf("confirm:<g%u@x>:T-1", i),
			    t_strdup_printf("<dondoc.g%u@sec.example>", i));
		if (owners[i] != NULL) {
			mail.state = DONDOC_OUTBOX_CLAIMED;
			mail.owner = owners[i];
			mail.lease_until = time(NULL) + 60;
		}
		test_assert(dondoc_store_outbox_queue(store, &mail, &id[i],
						      &error) == 1);
	}
	t_array_init(&mails, 4);
	t_array_init(&rows, 4);

	test_begin("store: a batch takes the live claims of a gone owner");
	/* past the queued one: without the question, or with every owner
	   still there, the leases hold */
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 10, "S", 60,
		0, id[0], NULL, &mails, &res, &error) == 0);
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 10, "S", 60,
		0, id[0], owner_never_gone, &mails, &res, &error) == 0);
	test_assert(array_count(&mails) == 0);
	/* within max: the first of the gone owner's, its send begun; each
	   other owner ("gone", "alive") asked once, not again by the claim */
	owner_gone_asked = 0;
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 1, "S", 60,
		0, id[0], owner_gone_if_gone, &mails, &res, &error) == 1);
	test_assert(owner_gone_asked == 2);
	got = array_front(&mails);
	test_assert(got->id == id[1] && strcmp(got->owner, "S") == 0);
	test_assert(res.next == 1 && !res.next_resend);
	/* the queued one and the gone owner's other, in id order; S (alive)
	   and "alive" keep theirs */
	array_clear(&mails);
	test_assert(dondoc_store_outbox_claim_begin(store, pool, 10, "T", 60,
		0, 0, owner_gone_if_gone, &mails, &res, &error) == 2);
	test_assert(array_count(&mails) == 2);
	if (array_count(&mails) == 2) {
		got = array_idx(&mails, 0);
		test_assert(got->id == id[0]);
		got = array_idx(&mails, 1);
		test_assert(got->id == id[3] && strcmp(got->owner, "T") == 0);
	}
	test_assert(dondoc_store_outbox_list(store, pool, -1, &rows,
					     &error) == 4);
	test_assert(strcmp(outbox_by_id(&rows, id[1])->owner, "S") == 0);
	test_assert(strcmp(outbox_by_id(&rows, id[2])->owner, "alive") == 0);
	test_assert(outbox_by_id(&rows, id[3])->attempts == 2);
	test_assert(audit_has(store, "claim (its owner gone is gone)"));
	/* the gone owner's send never happens: its claims are taken */
	test_assert(dondoc_store_outbox_begin_send(store, id[3], "gone", 60,
						   &resend, &error) == 0);
	/* nothing more to take: each idle poll asks each owner of a live
	   claim (S, alive, T) once */
	array_clear(&mails);
	owner_gone_asked = 0;
	for (i = 0; i < 5; i++) {
		test_assert(dondoc_store_outbox_claim_begin(store, pool, 10,
			"U", 60, 0, 0, owner_gone_if_gone, &mails, &res,
			&error) == 0);
	}
	test_assert(owner_gone_asked == 5 * 3);
	test_end();
	dondoc_store_close(&store);
}

static void test_audit_append_only(void)
{
	struct dondoc_store *store = store_new();
	const char *path = store_path();
	sqlite3 *db;
	char *errmsg = NULL;
	unsigned int before;

	add_agency(store, "CAT");
	before = audit_count(store);
	test_begin("store: the audit log is append-only");
	test_assert(before >= 3); /* migrations and the agency */
#ifdef DONDOC_HAVE_PGSQL
	if (pg_base != NULL) {
		const char *err;

		err = pg_exec("UPDATE audit SET actor = 'x'");
		test_assert(err != NULL && strstr(err, "append-only") != NULL);
		err = pg_exec("DELETE FROM audit");
		test_assert(err != NULL && strstr(err, "append-only") != NULL);
		err = pg_exec("TRUNCATE audit");
		test_assert(err != NULL && strstr(err, "append-only") != NULL);
		test_assert(audit_count(store) == before);
		test_end();
		dondoc_store_close(&store);
		return;
	}
#endif
	test_assert(sqlite3_open(path, &db) == SQLITE_OK);
	test_assert(sqlite3_exec(db, "UPDATE audit SET actor = 'x'", NULL,
				 NULL, &errmsg) != SQLITE_OK);
	test_assert(errmsg != NULL && strstr(errmsg, "append-only") != NULL);
	sqlite3_free(errmsg);
	errmsg = NULL;
	test_assert(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL,
				 &errmsg) != SQLITE_OK);
	sqlite3_free(errmsg);
	(void)sqlite3_close(db);
	test_assert(audit_count(store) == before);
	test_end();
	dondoc_store_close(&store);
}

/* dondoc_store_begin_keys(): on PostgreSQL a transaction waits only for
   one that names a key it names (lowercased) and for what holds the
   store alone; what holds the store alone waits for it. On SQLite it is
   dondoc_store_begin(). */
static void test_transaction_keys(void)
{
	struct dondoc_store_settings oset = { .busy_timeout_msecs = 300 };
	const char *const keys_a[] = { "m <keys-a@example.org>", "t T-1", NULL };
	const char *const keys_b[] = { "m <keys-b@example.org>", "t T-2", NULL };
	const char *const keys_a2[] = { "T t-1", NULL };
	struct dondoc_agency agency = { .code = "K-1", .name = "Keys" };
	struct dondoc_store *store = store_new(), *other;
	const char *error;

	test_begin("store: a transaction holds only its keys");
	test_assert(dondoc_store_begin_keys(store, keys_a, &error) == 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(dondoc_store_open_with(store_path(), &oset, &other,
					   &error) == 0);
	if (pg_base != NULL) {
		/* no key in common: at once */
		test_assert(dondoc_store_begin_keys(other, keys_b,
						    &error) == 0);
		agency.code = "K-2";
		test_assert(dondoc_store_agency_add(other, &agency,
						    &error) == 1);
		test_assert(dondoc_store_commit(other, &error) == 0);
		/* the same task, spelt otherwise: it waits, until
		   lock_timeout (temporary) */
		test_assert(dondoc_store_begin_keys(other, keys_a2,
						    &error) == 0);
		agency.code = "K-3";
		test_assert(dondoc_store_agency_add(other, &agency,
						    &error) < 0);
		test_assert(dondoc_store_error_is_temporary(other));
		dondoc_store_rollback(other);
		/* holding the store alone waits too */
		test_assert(dondoc_store_agency_add(other, &agency,
						    &error) < 0);
		test_assert(dondoc_store_error_is_temporary(other));
	}
	test_assert(dondoc_store_commit(store, &error) == 0);
	/* once it committed, both go through */
	test_assert(dondoc_store_begin_keys(other, keys_a2, &error) == 0);
	agency.code = "K-3";
	test_assert(dondoc_store_agency_add(other, &agency, &error) == 1);
	test_assert(dondoc_store_commit(other, &error) == 0);
	agency.code = "K-4";
	test_assert(dondoc_store_agency_add(other, &agency, &error) == 1);
	/* no key, or too many: the whole store, as dondoc_store_begin() */
	test_assert(dondoc_store_begin_keys(other, NULL, &error) == 0);
	test_assert(dondoc_store_begin_keys(other, keys_b, &error) < 0);
	dondoc_store_rollback(other);
	dondoc_store_close(&other);
	test_assert(dondoc_store_agency_get(store, pool_datastack_create(),
					    "K-3", &agency, &error) == 1);
	test_end();
	dondoc_store_close(&store);
}

static void test_transactions(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_agency agency = { .code = "NEW", .name = "New" };
	struct dondoc_submission sub, got;
	struct dondoc_submission_result result;
	pool_t pool = pool_datastack_create();
	const char *error;

	test_begin("store: a transaction is all or nothing");
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_begin(store, &error) < 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	/* read inside: its id is not kept past the transaction */
	test_assert(dondoc_store_agency_get(store, pool, "NEW", &agency,
					    &error) == 1);
	test_assert(add_task(store, "T-1", "NEW", "2026-01-01", &error) == 1);
	/* a failing operation inside leaves the earlier ones alone ... */
	test_assert(add_task(store, "T-2", "NOPE", "2026-01-01", &error) < 0);
	test_assert(dondoc_store_task_by_code(store, pool, "T-1",
		&(struct dondoc_task){ .code = NULL }, &error) == 1);
	/* ... until the caller rolls back */
	dondoc_store_rollback(store);
	test_assert(dondoc_store_agency_get(store, pool, "NEW", &agency,
					    &error) == 0);
	test_assert(dondoc_store_task_by_code(store, pool, "T-1",
		&(struct dondoc_task){ .code = NULL }, &error) == 0);
	test_assert(dondoc_store_commit(store, &error) < 0);
	/* the agency rolled back is unknown to a record too */
	submission_init(&sub, "<agency-1@example.org>", NULL);
	sub.sender_agency = "NEW";
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) < 0);
	/* committed: read outside a transaction, then used by a record
	   (another agency first: it may get the id the rolled back one
	   had, which a stale note would then name) */
	add_agency(store, "OTHER");
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(dondoc_store_commit(store, &error) == 0);
	test_assert(dondoc_store_agency_get(store, pool, "NEW", &agency,
					    &error) == 1);
	test_assert(dondoc_store_agency_get(store, pool, "OTHER", &agency,
					    &error) == 1);
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(dondoc_store_submission_by_message_id(store, pool,
		sub.message_id, &got, &error) == 1);
	test_assert(null_strcmp(got.sender_agency, "NEW") == 0);
	test_end();
	dondoc_store_close(&store);
}

/* PostgreSQL answers the COMMIT of a transaction in which a statement
   failed with the tag ROLLBACK (and libpq with PGRES_COMMAND_OK): the
   commit must fail, and what the transaction wrote must be gone. A read
   is made to fail by renaming its table from outside while the
   transaction is open (the statement was never prepared on this
   connection). */
static void test_commit_after_failure(void)
{
#ifdef DONDOC_HAVE_PGSQL
	struct dondoc_store *store;
	struct dondoc_agency agency = { .code = "GONE", .name = "Gone" };
	struct dondoc_person person;
	pool_t pool = pool_datastack_create();
	const char *error;

	if (pg_base == NULL)
		return;
	store = store_new();
	test_begin("store: a COMMIT the server answered ROLLBACK fails");
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(pg_exec("ALTER TABLE person_email RENAME TO pe_moved") ==
		    NULL);
	test_assert(dondoc_store_person_by_email(store, pool, "a@b.example",
						 &person, &error) < 0);
	test_assert(pg_exec("ALTER TABLE pe_moved RENAME TO person_email") ==
		    NULL);
	error = NULL;
	test_assert(dondoc_store_commit(store, &error) < 0);
	test_assert(error != NULL && strstr(error, "rolled it back") != NULL);
	test_assert(dondoc_store_agency_get(store, pool, "GONE", &agency,
					    &error) == 0);
	/* the connection is usable again */
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_end();
	dondoc_store_close(&store);
#endif
}

#ifdef DONDOC_HAVE_PGSQL
/* The network error: every other client connection of the database
   (the store's) terminated by the server, waited for until gone. */
static void pg_terminate_store_connection(void)
{
	PGconn *conn = PQconnectdb(pg_base);
	PGresult *res;
	unsigned int i;
	bool gone = FALSE;

	if (PQstatus(conn) != CONNECTION_OK)
		i_fatal("%s", PQerrorMessage(conn));
	res = PQexec(conn, "SELECT pg_terminate_backend(pid) FROM "
		     "pg_stat_activity WHERE datname = current_database() AND "
		     "pid <> pg_backend_pid() AND backend_type = 'client backend'");
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
		i_fatal("terminate: %s (%d rows)", PQresultErrorMessage(res),
			PQntuples(res));
	PQclear(res);
	for (i = 0; i < 500 && !gone; i++) {
		res = PQexec(conn, "SELECT count(*) FROM pg_stat_activity "
			     "WHERE datname = current_database() AND pid <> "
			     "pg_backend_pid() AND backend_type = 'client backend'");
		gone = PQresultStatus(res) == PGRES_TUPLES_OK &&
			strcmp(PQgetvalue(res, 0, 0), "0") == 0;
		PQclear(res);
		if (!gone)
			usleep(10000);
	}
	PQfinish(conn);
	if (!gone)
		i_fatal("the store's connection outlived its termination");
}
#endif

/* PostgreSQL: the store's connection broken by the server. Outside a
   transaction the statement had not run: reconnected and run once.
   Inside one, what the transaction did is gone with the connection: the
   next statement fails (temporary), the commit fails, nothing of it is
   in the store, nothing is replayed into a new transaction; then the
   store reconnects. */
static void test_connection_broken(void)
{
#ifdef DONDOC_HAVE_PGSQL
	struct dondoc_store *store;
	struct dondoc_agency agency, got;
	pool_t pool = pool_datastack_create();
	const char *error;

	if (pg_base == NULL)
		return;
	store = store_new();
	test_begin("store: a broken connection is retried only outside a "
		   "transaction");
	add_agency(store, "NET-1");
	pg_terminate_store_connection();
	test_assert(dondoc_store_agency_get(store, pool, "NET-1", &got,
					    &error) == 1);
	pg_terminate_store_connection();
	i_zero(&agency);
	agency.code = agency.name = "NET-2";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(dondoc_store_agency_get(store, pool, "NET-2", &got,
					    &error) == 1);

	test_assert(dondoc_store_begin(store, &error) == 0);
	agency.code = agency.name = "NET-3";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	pg_terminate_store_connection();
	agency.code = agency.name = "NET-4";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	test_assert(dondoc_store_error_is_temporary(store));
	test_assert(dondoc_store_commit(store, &error) < 0);
	dondoc_store_rollback(store);
	test_assert(dondoc_store_agency_get(store, pool, "NET-3", &got,
					    &error) == 0);
	test_assert(dondoc_store_agency_get(store, pool, "NET-4", &got,
					    &error) == 0);
	agency.code = agency.name = "NET-5";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_end();
	dondoc_store_close(&store);
#endif
}

#ifdef DONDOC_HAVE_PGSQL
/* One row's first column of SQL on the current store's schema. */
static const char *pg_value(const char *sql)
{
	PGconn *conn = PQconnectdb(store_path());
	PGresult *res;
	const char *value = NULL;

	if (PQstatus(conn) != CONNECTION_OK)
		i_fatal("%s", PQerrorMessage(conn));
	res = PQexec(conn, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		value = t_strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	return value;
}

static int pg_open_again(const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 5000,
		.create = TRUE,
	};
	struct dondoc_store *store;

	if (dondoc_store_open_with(store_path(), &set, &store, error_r) < 0)
		return -1;
	dondoc_store_close(&store);
	return 0;
}
#endif

/* PostgreSQL, as test-store-migrate.c does for SQLite: a schema holding
   someone else's tables, a dondoc schema of a newer version and one of
   another application are refused at open, and left as they were. */
static void test_pgsql_refused_untouched(void)
{
#ifdef DONDOC_HAVE_PGSQL
	struct dondoc_store *store;
	const char *error, *audit;

	if (pg_base == NULL)
		return;
	test_begin("store: a foreign or newer PostgreSQL schema refused "
		   "untouched");
	/* a schema with a table of someone else's (and none of ours) */
	store = store_new();
	dondoc_store_close(&store);
	test_assert(pg_exec("DO $$ DECLARE r record; BEGIN FOR r IN SELECT "
		"tablename FROM pg_tables WHERE schemaname = current_schema() "
		"LOOP EXECUTE 'DROP TABLE ' || quote_ident(r.tablename) || "
		"' CASCADE'; END LOOP; END $$") == NULL);
	test_assert(pg_exec("CREATE TABLE accounts (id int PRIMARY KEY, "
			    "owner text); INSERT INTO accounts VALUES (1, 'x')")
		    == NULL);
	test_assert(pg_open_again(&error) < 0);
	test_assert(strstr(error, "not a dondoc store") != NULL);
	test_assert(null_strcmp(pg_value("SELECT count(*) FROM "
		"pg_tables WHERE schemaname = current_schema()"), "1") == 0);
	test_assert(null_strcmp(pg_value("SELECT owner FROM accounts"),
				"x") == 0);

	/* a dondoc schema newer than this dondoc */
	store = store_new();
	dondoc_store_close(&store);
	audit = pg_value("SELECT count(*) FROM audit");
	test_assert(pg_exec("UPDATE dondoc_schema SET version = 99") == NULL);
	test_assert(pg_open_again(&error) < 0);
	test_assert(strstr(error, "newer") != NULL);
	test_assert(null_strcmp(pg_value("SELECT version FROM dondoc_schema"),
				"99") == 0);
	test_assert(null_strcmp(pg_value("SELECT count(*) FROM audit"),
				audit) == 0);

	/* another application's schema table */
	test_assert(pg_exec("UPDATE dondoc_schema SET version = 1, "
			    "application_id = 1234") == NULL);
	test_assert(pg_open_again(&error) < 0);
	test_assert(strstr(error, "application_id") != NULL);
	test_assert(null_strcmp(pg_value("SELECT count(*) FROM audit"),
				audit) == 0);
	test_end();
#endif
}

/* PostgreSQL sends savepoints and audit rows ahead, unanswered, with the
   next statement (libpq's pipeline mode): when one of them fails, its
   operation was already told it succeeded, so the transaction must not
   commit, nor be revived by a later operation's ROLLBACK TO SAVEPOINT.
   The audit rows of agencies named Q... are made to fail from outside. */
static void test_sent_ahead_failure(void)
{
#ifdef DONDOC_HAVE_PGSQL
	struct dondoc_submission sub, got;
	struct dondoc_store *store;
	struct dondoc_agency agency = { .code = "Q1", .name = "Q" };
	pool_t pool = pool_datastack_create();
	const char *error;

	if (pg_base == NULL)
		return;
	store = store_new();
	add_agency(store, "CAT");
	test_begin("store: a failure sent ahead fails the COMMIT");
	test_assert(pg_exec("ALTER TABLE audit ADD CONSTRAINT test_no_q "
			    "CHECK (entity_key NOT LIKE 'Q%') NOT VALID") == NULL);
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	error = NULL;
	test_assert(dondoc_store_commit(store, &error) < 0);
	test_assert(error != NULL && strstr(error, "test_no_q") != NULL);
	test_assert(dondoc_store_agency_get(store, pool, "Q1", &agency,
					    &error) == 0);
	/* a later operation fails, and its rollback revives nothing */
	agency.code = "Q2";
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(add_task(store, "Q-T1", "CAT", "2026-01-01", &error) < 0);
	test_assert(dondoc_store_commit(store, &error) < 0);
	test_assert(dondoc_store_agency_get(store, pool, "Q2", &agency,
					    &error) == 0);
	test_assert(dondoc_store_task_by_code(store, pool, "Q-T1",
		&(struct dondoc_task){ .code = NULL }, &error) == 0);
	/* outside a caller's transaction: the operation's own COMMIT */
	agency.code = "Q3";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	test_assert(dondoc_store_agency_get(store, pool, "Q3", &agency,
					    &error) == 0);
	test_assert(pg_exec("ALTER TABLE audit DROP CONSTRAINT test_no_q") ==
		    NULL);
	/* and the connection goes on */
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(add_task(store, "Q-T1", "CAT", "2026-01-01", &error) == 1);
	test_end();

	/* The status change is sent ahead: when its task changed meanwhile
	   (here by a writer that ignores the store's lock), the COMMIT
	   fails and nothing of the transaction stays. */
	test_begin("store: a status change sent ahead that changed no row");
	test_assert(add_task(store, "Q-T2", "CAT", "2026-01-01", &error) == 1);
	/* a first status change prepares the statement (a statement not
	   prepared yet is run at once, not sent ahead) */
	test_assert(add_task(store, "Q-T3", "CAT", "2026-01-01", &error) == 1);
	test_assert(dondoc_store_task_transition(store, "Q-T3",
		DONDOC_TASK_SUBMITTED, "test", &error) == 1);
	test_assert(dondoc_store_begin(store, &error) == 0);
	submission_init(&sub, "<q-t2@example.org>", "Q-T2");
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		FALSE, &got, &error) == 0);
	test_assert(pg_exec("UPDATE task SET status = 'overdue' "
			    "WHERE code = 'Q-T2'") == NULL);
	agency.code = "Q4";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	(void)dondoc_store_task_transition(store, "Q-T2",
		DONDOC_TASK_SUBMITTED, "test", &error);
	error = NULL;
	test_assert(dondoc_store_commit(store, &error) < 0);
	test_assert(error != NULL &&
		    strstr(error, "changed status meanwhile") != NULL);
	test_assert(task_status(store, "Q-T2") == DONDOC_TASK_OVERDUE);
	test_assert(dondoc_store_agency_get(store, pool, "Q4", &agency,
					    &error) == 0);
	test_end();
	dondoc_store_close(&store);
#endif
}

/* Inside one transaction the operations of a delivery read a task's
   status, an agency and the same-document answer once
   (dondoc-store-txn-cache.c): what they read must stay what the store
   holds. */
static void test_transaction_reads(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_submission sub, other, got;
	struct dondoc_submission_result result;
	pool_t pool = pool_datastack_create();
	const char *error;
	unsigned int i;

	add_agency(store, "CAT");
	for (i = 1; i <= 4; i++) {
		(void)add_task(store, t_strdup_printf("T-%u", i), "CAT",
			       "2026-06-12", &error);
	}
	test_begin("store: a transaction reads its own status changes");
	test_assert(dondoc_store_begin(store, &error) == 0);
	submission_init(&sub, "<c1@example.org>", "T-1");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(result.transitioned &&
		    result.new_status == DONDOC_TASK_SUBMITTED);
	/* a second report: the status the first one wrote, not OPEN */
	submission_init(&sub, "<c2@example.org>", "T-1");
	sub.doc_number = "13";
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(!result.transitioned &&
		    result.old_status == DONDOC_TASK_SUBMITTED);
	test_assert(dondoc_store_task_transition(store, "T-1",
		DONDOC_TASK_CLOSED, "test", &error) == 1);
	test_assert(dondoc_store_task_transition(store, "T-1",
		DONDOC_TASK_SUBMITTED, "test", &error) < 0);
	test_assert(dondoc_store_commit(store, &error) == 0);
	test_assert(task_status(store, "T-1") == DONDOC_TASK_CLOSED);
	/* rolled back: the next transaction reads the store again */
	test_assert(dondoc_store_begin(store, &error) == 0);
	submission_init(&sub, "<c3@example.org>", "T-2");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(result.transitioned);
	dondoc_store_rollback(store);
	test_assert(task_status(store, "T-2") == DONDOC_TASK_OPEN);
	test_assert(dondoc_store_begin(store, &error) == 0);
	submission_init(&sub, "<c4@example.org>", "T-2");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(result.transitioned &&
		    result.old_status == DONDOC_TASK_OPEN);
	test_assert(dondoc_store_commit(store, &error) == 0);
	test_end();

	test_begin("store: the same document after a record in a transaction");
	test_assert(dondoc_store_begin(store, &error) == 0);
	/* unverified, then the verified original of the same document:
	   both recorded (a verified one yields to a verified one only) */
	submission_init(&sub, "<u1@example.org>", "T-3");
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		FALSE, &got, &error) == 0);
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 0);
	submission_init(&other, "<v1@example.org>", "T-3");
	test_assert(dondoc_store_record_submission(store, &other, &result,
						   &error) == 1);
	/* now there is one, for the first: the record's answer is stale */
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 1);
	test_assert(strcmp(got.message_id, "<v1@example.org>") == 0);
	test_assert(dondoc_store_submission_same_document(store, pool, &other,
		TRUE, &got, &error) == 0);
	test_assert(dondoc_store_submission_same_document(store, pool, &other,
		FALSE, &got, &error) == 1);
	test_assert(strcmp(got.message_id, "<u1@example.org>") == 0);
	test_assert(dondoc_store_commit(store, &error) == 0);
	/* another write than a record (filing by hand) makes an earlier
	   unmatched report the same document as the one just recorded */
	submission_init(&other, "<s1@example.org>", NULL);
	other.trust = DONDOC_TRUST_UNVERIFIED;
	other.match = DONDOC_MATCH_NONE;
	test_assert(dondoc_store_record_submission(store, &other, &result,
						   &error) == 1);
	test_assert(dondoc_store_begin(store, &error) == 0);
	submission_init(&sub, "<u2@example.org>", "T-4");
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 0);
	other.task_code = "T-4";
	other.trust = DONDOC_TRUST_VERIFIED;
	other.match = DONDOC_MATCH_MANUAL;
	test_assert(dondoc_store_submission_assign(store, &other, &result,
						   &error) == 1);
	test_assert(dondoc_store_submission_same_document(store, pool, &sub,
		TRUE, &got, &error) == 1);
	test_assert(strcmp(got.message_id, "<s1@example.org>") == 0);
	test_assert(dondoc_store_commit(store, &error) == 0);
	test_end();

	test_begin("store: more tasks in one transaction than it keeps");
	add_agency(store, "UBND");
	for (i = 0; i < 50; i++) {
		(void)add_task(store, t_strdup_printf("M-%u", i), "UBND",
			       "2026-06-12", &error);
	}
	test_assert(dondoc_store_begin(store, &error) == 0);
	for (i = 0; i < 100; i++) {
		submission_init(&sub, t_strdup_printf("<m%u@example.org>", i),
				t_strdup_printf("M-%u", i % 50));
		sub.sender_agency = i % 2 == 0 ? "UBND" : "CAT";
		sub.doc_number = t_strdup_printf("%u", i);
		test_assert(dondoc_store_record_submission(store, &sub,
			&result, &error) == 1);
		test_assert(result.transitioned == (i < 50));
		test_assert(result.old_status == (i < 50 ? DONDOC_TASK_OPEN :
						  DONDOC_TASK_SUBMITTED));
	}
	test_assert(dondoc_store_commit(store, &error) == 0);
	for (i = 0; i < 50; i++) {
		test_assert(task_status(store, t_strdup_printf("M-%u", i)) ==
			    DONDOC_TASK_SUBMITTED);
	}
	(void)pool;
	test_end();
	dondoc_store_close(&store);
}

#ifdef DONDOC_HAVE_PGSQL
/* The round trips to the server of what runs between trips_start() and
   trips_end(): libpq's trace of the store's connection, each run of
   messages sent between two answers one round trip. */
struct trips {
	FILE *file;
	char *buf;
	size_t size;
};

static void trips_start(struct dondoc_store *store, struct trips *trips)
{
	PGconn *conn = PGSQL_STORE(store)->conn;

	i_zero(trips);
	trips->file = open_memstream(&trips->buf, &trips->size);
	if (trips->file == NULL)
		i_fatal("open_memstream() failed: %m");
	PQtrace(conn, trips->file);
	PQsetTraceFlags(conn, PQTRACE_SUPPRESS_TIMESTAMPS);
}

static unsigned int trips_end(struct dondoc_store *store, struct trips *trips)
{
	const char *line;
	unsigned int count = 0;
	bool sending = FALSE;

	if (PGSQL_STORE(store)->conn != NULL)
		PQuntrace(PGSQL_STORE(store)->conn);
	(void)fclose(trips->file);
	for (line = trips->buf; line != NULL && *line != '\0'; ) {
		if (*line == 'F' && !sending)
			count++;
		if (*line == 'F' || *line == 'B')
			sending = *line == 'F';
		if ((line = strchr(line, '\n')) != NULL)
			line++;
	}
	free(trips->buf);
	return count;
}

static void rt_queue_claimed(struct dondoc_store *store, unsigned int n,
			     int64_t *id_r)
{
	struct dondoc_outbox_mail mail;
	const char *error;

	outbox_init(&mail, t_strdup_printf("confirm:<rt%u@x>:T-1", n),
		    t_strdup_printf("<dondoc.rt%u@sec.example>", n));
	mail.state = DONDOC_OUTBOX_CLAIMED;
	mail.owner = "S";
	mail.lease_until = time(NULL) + 60;
	if (dondoc_store_outbox_queue(store, &mail, id_r, &error) != 1)
		i_fatal("outbox_queue: %s", error);
}

/* a begun send (done: the mail sent before marked in the same step) */
static int rt_step(struct dondoc_store *store, int64_t done, int64_t next)
{
	struct dondoc_outbox_step step;
	struct dondoc_outbox_step_result res;
	const char *error;

	i_zero(&step);
	step.owner = "S";
	step.lease_secs = 60;
	step.done_id = done;
	step.done_sent = done != 0;
	step.smtp_reply = "250 ok";
	step.next_id = next;
	if (dondoc_store_outbox_step(store, &step, &res, &error) < 0) {
		i_error("outbox_step: %s", error);
		return -1;
	}
	return next == 0 ? 1 : res.next;
}

/* What a delivery costs in round trips on PostgreSQL (bench_pgsql_count
   measures the whole of it): a record with its transition, a begun send
   with the sync before it, and that a sync after a commit that did not
   wait for the flush still flushes. Every statement prepared first. */
static void test_pgsql_round_trips(void)
{
	struct dondoc_store *store;
	struct dondoc_submission sub;
	struct dondoc_submission_result result;
	struct trips trips;
	const char *error, *lsn;
	unsigned int count;
	int64_t id[2];

	if (pg_base == NULL)
		return;
	store = store_new_sync(TRUE);
	add_agency(store, "CAT");
	(void)add_task(store, "T-1", "CAT", "2026-06-12", &error);
	(void)add_task(store, "T-2", "CAT", "2026-06-12", &error);
	submission_init(&sub, "<rt0@example.org>", "T-1");
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	rt_queue_claimed(store, 0, &id[0]);
	test_assert(rt_step(store, 0, id[0]) == 1);
	test_assert(dondoc_store_sync(store, &error) == 0);
	test_assert(rt_step(store, id[0], 0) == 1);
	test_assert(dondoc_store_sync(store, &error) == 0);
	rt_queue_claimed(store, 1, &id[1]);

	test_begin("store: PostgreSQL round trips of a record");
	submission_init(&sub, "<rt1@example.org>", "T-2");
	sub.doc_number = "13";
	trips_start(store, &trips);
	test_assert(dondoc_store_record_submission(store, &sub, &result,
						   &error) == 1);
	count = trips_end(store, &trips);
	test_assert(result.transitioned);
	/* the task's status, its agency's id, the same document and the
	   insert in one, COMMIT (the transition and audit rows with it) */
	test_assert(count == 4);
	if (count != 4)
		i_info("round trips of the record: %u", count);
	test_end();

	test_begin("store: PostgreSQL round trips of a begun send and its sync");
	trips_start(store, &trips);
	test_assert(rt_step(store, 0, id[1]) == 1);
	test_assert(dondoc_store_sync(store, &error) == 0);
	count = trips_end(store, &trips);
	/* the row read and updated in one; its COMMIT flushed: the sync
	   sends nothing */
	test_assert(count == 2);
	if (count != 2)
		i_info("round trips of the begun send: %u", count);
	test_end();

	test_begin("store: PostgreSQL sync after a commit not flushed");
	/* the mark alone commits without waiting for the flush */
	test_assert(rt_step(store, id[1], 0) == 1);
	lsn = pg_value("SELECT pg_current_wal_insert_lsn()");
	trips_start(store, &trips);
	test_assert(dondoc_store_sync(store, &error) == 0);
	test_assert(trips_end(store, &trips) == 1);
	/* what was written before it is on disk (a transaction that writes
	   no WAL commits without the flush) */
	test_assert(null_strcmp(pg_value(t_strdup_printf(
		"SELECT pg_current_wal_flush_lsn() >= '%s'::pg_lsn", lsn)),
		"t") == 0);
	/* and at once again: nothing left */
	trips_start(store, &trips);
	test_assert(dondoc_store_sync(store, &error) == 0);
	test_assert(trips_end(store, &trips) == 0);
	test_end();
	dondoc_store_close(&store);
}
#endif

static void test_bounds(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_agency agency;
	struct dondoc_task task;
	string_t *big = t_str_new(2048);
	const char *error;
	unsigned int i;

	for (i = 0; i < 300; i++)
		str_append_c(big, 'A');
	test_begin("store: bounded, well-formed input only");
	agency.code = str_c(big);
	agency.name = "x";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	test_assert(strstr(error, "too long") != NULL);
	agency.code = "A B";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	agency.code = "A';DROP TABLE agency;--";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	agency.code = "OK";
	agency.name = "bad\nname";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	agency.name = "bad \xC3\x28 utf8";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	agency.name = "";
	test_assert(dondoc_store_agency_add(store, &agency, &error) < 0);
	/* SQL in a value is just text */
	agency.name = "x'); DROP TABLE agency; --";
	test_assert(dondoc_store_agency_add(store, &agency, &error) == 1);
	test_assert(dondoc_store_agency_get(store, pool_datastack_create(),
					    "OK", &agency, &error) == 1);
	test_assert(strcmp(agency.name, "x'); DROP TABLE agency; --") == 0);
	i_zero(&task);
	task.code = "T";
	task.agency = "OK";
	task.title = "t";
	task.due.year = 2026; task.due.month = 2; task.due.day = 30;
	test_assert(dondoc_store_task_add(store, &task, NULL, &error) < 0);
	task.due.day = 28;
	task.period.kind = 'H';
	task.period.year = 2026;
	task.period.index = 3;
	test_assert(dondoc_store_task_add(store, &task, NULL, &error) < 0);
	task.period.index = 2;
	test_assert(dondoc_store_task_add(store, &task, NULL, &error) == 1);
	test_end();

	test_begin("store: period strings");
	{
		struct dondoc_period p;

		test_assert(dondoc_period_parse("H:2026:1", &p));
		test_assert(p.kind == 'H' && p.year == 2026 && p.index == 1);
		test_assert(strcmp(dondoc_period_to_str(&p), "H:2026:1") == 0);
		test_assert(dondoc_period_parse("m:2026:12", &p));
		test_assert(!dondoc_period_parse("M:2026:13", &p));
		test_assert(!dondoc_period_parse("Q:2026:0", &p));
		test_assert(!dondoc_period_parse("X:2026:1", &p));
		test_assert(!dondoc_period_parse("H:26:1", &p));
		test_assert(!dondoc_period_parse("H:2026:", &p));
		test_assert(!dondoc_period_parse("H:2026:1:", &p));
		test_assert(!dondoc_period_parse("H2026:1", &p));
		test_assert(!dondoc_period_parse("", &p));
	}
	test_end();
	dondoc_store_close(&store);
}

static const char *task_due(struct dondoc_store *store, const char *code)
{
	struct dondoc_task task;
	const char *error;

	if (dondoc_store_task_by_code(store, pool_datastack_create(), code,
				      &task, &error) <= 0)
		return "missing";
	return dondoc_date_to_str(&task.due);
}

static void test_outgoing_marks(void)
{
	struct dondoc_store *store = store_new();
	const char *guid = "0123456789abcdef0123456789abcdef", *error;
	uint32_t uidvalidity = 0, uid = 0;

	test_begin("store: outgoing marks");
	test_assert(dondoc_store_outgoing_mark_get(store, guid, &uidvalidity,
						   &uid, &error) == 0);
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Sent", 77, 10,
						   &error) == 0);
	test_assert(dondoc_store_outgoing_mark_get(store, guid, &uidvalidity,
						   &uid, &error) == 1);
	test_assert(uidvalidity == 77 && uid == 10);
	/* only up under the same UIDVALIDITY */
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Sent", 77, 4,
						   &error) == 0);
	test_assert(dondoc_store_outgoing_mark_get(store, guid, &uidvalidity,
						   &uid, &error) == 1);
	test_assert(uid == 10);
	/* inside a transaction: with it, rolled back with it */
	test_assert(dondoc_store_begin(store, &error) == 0);
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Sent", 77, 20,
						   &error) == 0);
	dondoc_store_rollback(store);
	test_assert(dondoc_store_outgoing_mark_get(store, guid, &uidvalidity,
						   &uid, &error) == 1);
	test_assert(uid == 10);
	/* a new UIDVALIDITY replaces it, even lower */
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Sent", 78, 3,
						   &error) == 0);
	test_assert(dondoc_store_outgoing_mark_get(store, guid, &uidvalidity,
						   &uid, &error) == 1);
	test_assert(uidvalidity == 78 && uid == 3);
	/* hostile names and values refused */
	test_assert(dondoc_store_outgoing_mark_put(store, "", "Sent", 1, 1,
						   &error) < 0);
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Se\nt", 1, 1,
						   &error) < 0);
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "S\xC3\x28",
						   1, 1, &error) < 0);
	test_assert(dondoc_store_outgoing_mark_put(store, guid, "Sent", 0, 1,
						   &error) < 0);
	test_assert(dondoc_store_outgoing_mark_get(store,
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
		&uidvalidity, &uid, &error) < 0);
	dondoc_store_close(&store);
	test_end();
}

static void test_obligations(void)
{
	struct dondoc_store *store = store_new();
	struct dondoc_calendar *cal;
	ARRAY_TYPE(dondoc_obligation) obligations;
	struct dondoc_date date;
	const char *srcdir = getenv("DONDOC_SRCDIR"), *error;
	unsigned int created;

	if (srcdir == NULL)
		srcdir = "..";
	add_agency(store, "UBND");
	add_agency(store, "CAT");
	add_agency(store, "STTTT");
	add_agency(store, "UBND-PQ");
	add_person(store, "head@x.example", "UBND", "truong-ban");
	add_person(store, "cat@x.example", "CAT", "thanh-vien");
	add_person(store, "team@x.example", "CAT", "to-truong");
	add_person(store, "deputy@x.example", "CAT", "pho-truong-ban-tt");
	add_person(store, "pc06@x.example", "CAT", "co-quan-thuong-truc");
	add_person(store, "stttt@x.example", "STTTT", "thanh-vien");
	add_person(store, "pq@x.example", "UBND-PQ", "thanh-vien");
	add_person(store, "pq2@x.example", "UBND-PQ", "thanh-vien");

	test_begin("store: the regulation's obligations are seeded");
	t_array_init(&obligations, 16);
	test_assert(dondoc_store_obligation_list(store,
		pool_datastack_create(), &obligations, &error) == 11);
	test_assert(strcmp(((const struct dondoc_obligation *)array_idx(&obligations, 0))->code, "O1") == 0);
	test_assert(strcmp(((const struct dondoc_obligation *)array_idx(&obligations, 0))->due_rule,
			   "before:15") == 0);
	test_assert(strcmp(((const struct dondoc_obligation *)array_idx(&obligations, 10))->code, "O11") == 0);
	test_end();

	test_begin("store: calendar exceptions from the store");
	test_assert(dondoc_date_parse("2026-06-12", &date));
	test_assert(dondoc_store_calendar_set(store, &date, DONDOC_DAY_OFF,
					      "test day off", &error) == 1);
	test_assert(dondoc_store_calendar_set(store, &date, DONDOC_DAY_OFF,
					      "test day off", &error) == 0);
	test_assert(dondoc_store_calendar_create(store, &cal, &error) == 0);
	test_assert(!dondoc_calendar_is_workday(cal, &date));
	dondoc_calendar_free(&cal);
	test_end();

	test_begin("store: calendar kept until another connection commits");
	{
		struct dondoc_store_settings oset = { .busy_timeout_msecs = 5000 };
		struct dondoc_store *other;
		struct dondoc_calendar *kept, *again;
		struct dondoc_date d2;

		test_assert(dondoc_store_calendar_get(store, &kept, &error) == 0);
		test_assert(dondoc_store_calendar_get(store, &again, &error) == 0);
		test_assert(kept == again);
		test_assert(!dondoc_calendar_is_workday(kept, &date));
		test_assert(dondoc_date_parse("2026-06-15", &d2));
		test_assert(dondoc_calendar_is_workday(kept, &d2));
		/* the CLI declares a day off meanwhile */
		test_assert(dondoc_store_open_with(store_path(), &oset, &other,
						   &error) == 0);
		test_assert(dondoc_store_calendar_set(other, &d2,
			DONDOC_DAY_OFF, "declared later", &error) == 1);
		dondoc_store_close(&other);
		test_assert(dondoc_store_calendar_get(store, &again, &error) == 0);
		test_assert(!dondoc_calendar_is_workday(again, &d2));
		/* and this connection's own change is seen too */
		test_assert(dondoc_store_calendar_set(store, &d2,
			DONDOC_DAY_WORK, "swapped back", &error) == 1);
		test_assert(dondoc_store_calendar_get(store, &again, &error) == 0);
		test_assert(dondoc_calendar_is_workday(again, &d2));
	}
	test_end();

	/* another connection's commit that leaves the exceptions alone (a
	   delivery beside this one, the outbox sender): the calendar is not
	   read and built again (schema 16) */
	test_begin("store: calendar kept across other connections' commits");
	{
		struct dondoc_store_settings oset = { .busy_timeout_msecs = 5000 };
		struct dondoc_store *other;
		struct dondoc_calendar *kept, *again;
		struct dondoc_agency agency = {
			.code = "CAL-OTHER", .name = "Another connection" };
		struct dondoc_date d3;

		test_assert(dondoc_store_calendar_get(store, &kept, &error) == 0);
		test_assert(dondoc_store_open_with(store_path(), &oset, &other,
						   &error) == 0);
		test_assert(dondoc_store_agency_add(other, &agency,
						    &error) == 1);
		test_assert(dondoc_store_calendar_get(store, &again, &error) == 0);
		test_assert(again == kept);
		/* a change of the exceptions by any path is seen */
		test_assert(dondoc_date_parse("2026-06-16", &d3));
		test_assert(dondoc_calendar_is_workday(again, &d3));
		test_assert(dondoc_store_calendar_set(other, &d3,
			DONDOC_DAY_OFF, "declared by the other", &error) == 1);
		dondoc_store_close(&other);
		test_assert(dondoc_store_calendar_get(store, &again, &error) == 0);
		test_assert(!dondoc_calendar_is_workday(again, &d3));
	}
	test_end();

	test_begin("store: obligations generate 2026 from the official table");
	store_path();
	dondoc_store_close(&store);
	store = store_new();
	add_agency(store, "UBND");
	add_agency(store, "CAT");
	add_agency(store, "STTTT");
	add_agency(store, "UBND-PQ");
	add_person(store, "head@x.example", "UBND", "truong-ban");
	add_person(store, "cat@x.example", "CAT", "thanh-vien");
	add_person(store, "team@x.example", "CAT", "to-truong");
	add_person(store, "deputy@x.example", "CAT", "pho-truong-ban-tt");
	add_person(store, "pc06@x.example", "CAT", "co-quan-thuong-truc");
	add_person(store, "stttt@x.example", "STTTT", "thanh-vien");
	add_person(store, "pq@x.example", "UBND-PQ", "thanh-vien");
	add_person(store, "pq2@x.example", "UBND-PQ", "thanh-vien");
	cal = dondoc_calendar_create();
	test_assert(dondoc_calendar_load_tsv(cal, t_strconcat(srcdir,
		"/sql/calendar/vn-public-service-calendar-2022-2026.tsv",
		NULL), &error) == 0);
	test_assert(dondoc_store_obligations_generate(store, cal, 2026,
						      &created, &error) == 1);
	/* O1: 3 member agencies x 2; O2: 12; O3: 4; O4: 2; O5: 6 */
	test_assert(created == 6 + 12 + 4 + 2 + 6);
	/* "before 15 June": Mon 15 June 2026 -> Fri 12 June */
	test_assert(strcmp(task_due(store, "O1-CAT-2026-H1"), "2026-06-12") == 0);
	test_assert(strcmp(task_due(store, "O1-UBND-PQ-2026-H1"),
			   "2026-06-12") == 0);
	/* "before 15 December": Tue 15 Dec -> Mon 14 Dec */
	test_assert(strcmp(task_due(store, "O1-STTTT-2026-H2"),
			   "2026-12-14") == 0);
	test_assert(strcmp(task_due(store, "O1-UBND-2026-H1"), "missing") == 0);
	/* last working day of April 2026: 30 April is a holiday */
	test_assert(strcmp(task_due(store, "O2-CAT-2026-M4"), "2026-04-29") == 0);
	/* February 2026: Tết (16-20 Feb) does not reach the 27th, a Friday */
	test_assert(strcmp(task_due(store, "O2-CAT-2026-M2"), "2026-02-27") == 0);
	/* last working day of January 2026: Sat 31 -> Fri 30 */
	test_assert(strcmp(task_due(store, "O2-CAT-2026-M1"), "2026-01-30") == 0);
	test_assert(strcmp(task_due(store, "O3-CAT-2026-Q3"), "2026-09-30") == 0);
	test_assert(strcmp(task_due(store, "O4-CAT-2026-H2"), "2026-12-31") == 0);
	test_assert(strcmp(task_due(store, "O5-CAT-2026-B3"), "2026-06-30") == 0);
	/* idempotent */
	test_assert(dondoc_store_obligations_generate(store, cal, 2026,
						      &created, &error) == 1);
	test_assert(created == 0);
	test_assert(dondoc_store_obligations_generate(store, cal, 1800,
						      &created, &error) < 0);
	dondoc_calendar_free(&cal);
	test_end();
	dondoc_store_close(&store);
}

static void test_cleanup(void)
{
	const char *error;

	if (unlink_directory(tmpdir, UNLINK_DIRECTORY_FLAG_RMDIR,
			     &error) < 0)
		i_error("%s", error);
}

/* A listing of some statuses (--status open,overdue) reads the rows it
   returns through the status indexes, not every task of the agency in
   due order: counted in SQLite's VM steps, which do not depend on the
   machine's load. SQLite only: the plan is SQLite's. */
static void test_task_list_statuses_indexed(void)
{
	struct dondoc_task_filter filter = {
		.agency = "CAT",
		.status_mask = (1U << DONDOC_TASK_OPEN) |
			(1U << DONDOC_TASK_OVERDUE),
	};
	ARRAY_TYPE(dondoc_task) tasks;
	struct dondoc_store *store;
	sqlite3_stmt *stmt;
	sqlite3 *db;
	const char *error;
	int steps;

	if (pg_base != NULL)
		return;
	store = store_new();
	add_agency(store, "CAT");
	add_agency(store, "CA2");
	test_begin("store: task list of some statuses uses the status index");
	test_assert(sqlite3_open(store_path(), &db) == SQLITE_OK);
	/* 3,000 tasks of CAT and as many of another agency, 120 of CAT open
	   or overdue */
	test_assert(sqlite3_exec(db,
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
		"FROM n WHERE i < 6000) INSERT INTO task (code, title, "
		"agency_id, due, status, created_at, updated_at) "
		"SELECT 'T' || i, 't', (SELECT id FROM agency WHERE code = "
		"CASE WHEN i % 2 = 0 THEN 'CAT' ELSE 'CA2' END), "
		"date('2020-01-01', '+' || (i % 1500) || ' days'), "
		"CASE i % 100 WHEN 0 THEN 'open' WHEN 2 THEN 'overdue' "
		"ELSE 'closed' END, 0, 0 FROM n; ANALYZE",
		NULL, NULL, NULL) == SQLITE_OK);
	(void)sqlite3_close(db);
	t_array_init(&tasks, 64);
	test_assert(dondoc_store_task_list(store, pool_datastack_create(),
					   &filter, &tasks, &error) == 120);
	stmt = SQLITE_STORE(store)->stmts[STMT_TASK_LIST_AGENCY_STATUSES];
	test_assert(stmt != NULL);
	steps = stmt == NULL ? -1 :
		sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 0);
	/* 5,351 here; reading CAT's 3,000 tasks in due order, 35,205 */
	test_assert(steps > 0 && steps < 120 * 60);
	if (steps >= 120 * 60)
		i_info("VM steps: %d", steps);
	test_end();
	dondoc_store_close(&store);
}

/* db backup writes a new file only: an existing one (another file, the
   store itself) is refused and left as it was, never written over or
   removed; a new one is whole, with no temporary file left beside it. */
static void test_backup_new_file_only(void)
{
	struct dondoc_store *store, *copy;
	struct dondoc_store_settings set = { .busy_timeout_msecs = 5000 };
	struct dondoc_agency agency;
	const char *error, *other, *dest;
	char buf[32];
	FILE *f;
	DIR *dir;
	struct dirent *d;
	bool leftover = FALSE;
	size_t n;

	test_begin("backup: only to a new file, nothing existing touched");
	store = store_new();
	add_agency(store, "STTTT");
	other = t_strdup_printf("%s/precious-%u.txt", tmpdir, db_counter);
	f = fopen(other, "w");
	i_assert(f != NULL);
	fputs("precious\n", f);
	fclose(f);
	test_assert(dondoc_store_backup(store, other, &error) < 0);
	f = fopen(other, "r");
	test_assert(f != NULL);
	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf), f);
		test_assert(n == 9 && memcmp(buf, "precious\n", 9) == 0);
		fclose(f);
	}
	if (pg_base == NULL) {
		/* the store itself, by its own name */
		test_assert(dondoc_store_backup(store, store_path(),
						&error) < 0);
		test_assert(dondoc_store_agency_get(store, pool_datastack_create(),
						    "STTTT", &agency,
						    &error) == 1);
	}
	dest = t_strdup_printf("%s/backup-%u.db", tmpdir, db_counter);
	test_assert(dondoc_store_backup(store, dest, &error) == 0);
	dondoc_store_close(&store);
	if (dondoc_store_open_with(dest, &set, &copy, &error) < 0)
		i_fatal("open(%s): %s", dest, error);
	test_assert(dondoc_store_agency_get(copy, pool_datastack_create(),
					    "STTTT", &agency, &error) == 1);
	dondoc_store_close(&copy);
	dir = opendir(tmpdir);
	i_assert(dir != NULL);
	while ((d = readdir(dir)) != NULL) {
		if (strstr(d->d_name, ".tmp-") != NULL)
			leftover = TRUE;
	}
	closedir(dir);
	test_assert(!leftover);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_open_errors,
		test_agencies_people,
		test_tasks,
		test_submissions,
		test_outbox,
		test_outbox_steps,
		test_outbox_batch_gone,
		test_audit_append_only,
		test_transactions,
		test_transaction_keys,
		test_commit_after_failure,
		test_sent_ahead_failure,
		test_connection_broken,
		test_pgsql_refused_untouched,
		test_transaction_reads,
#ifdef DONDOC_HAVE_PGSQL
		test_pgsql_round_trips,
#endif
		test_bounds,
		test_outgoing_marks,
		test_task_list_statuses_indexed,
		test_obligations,
		test_backup_new_file_only,
		test_cleanup,
		NULL
	};

	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp(%s) failed: %m", tmpdir);
	pg_base = getenv("DONDOC_TEST_PGSQL");
	if (pg_base != NULL && pg_base[0] == '\0')
		pg_base = NULL;
#ifndef DONDOC_HAVE_PGSQL
	if (pg_base != NULL)
		i_fatal("DONDOC_TEST_PGSQL set but this build has no PostgreSQL");
#endif
	return test_run(test_functions);
}
