/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the store's schema migrations: a file at an older
   schema version upgrades in place keeping its data, open is idempotent,
   and a newer schema, a foreign SQLite file or a file that is not SQLite
   at all is refused and left untouched. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unlink-directory.h"
#include "test-common.h"
#include "dondoc-store-private.h"
#include "dondoc-store-sqlite-private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/dondoc-test-migrate.XXXXXX";

static const char *tmp_path(const char *name)
{
	return t_strdup_printf("%s/%s", tmpdir, name);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *errmsg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		i_fatal("sqlite3_open(%s) failed", path);
	if (sqlite3_exec(db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
		i_fatal("%s: %s", path, errmsg);
	(void)sqlite3_close(db);
}

static int raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int value = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		i_fatal("sqlite3_open(%s) failed", path);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			value = sqlite3_column_int(stmt, 0);
		(void)sqlite3_finalize(stmt);
	}
	(void)sqlite3_close(db);
	return value;
}

static const char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	const char *value = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		i_fatal("sqlite3_open(%s) failed", path);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			value = t_strdup((const char *)
					 sqlite3_column_text(stmt, 0));
		(void)sqlite3_finalize(stmt);
	}
	(void)sqlite3_close(db);
	return value;
}

/* A file as version 1 of dondoc wrote it, with some data. */
static void make_v1_file(const char *path)
{
	i_assert(dondoc_store_migrations[0].version == 1);
	raw_exec(path, dondoc_store_migrations[0].sql);
	raw_exec(path, t_strdup_printf(
		"PRAGMA user_version = 1; PRAGMA application_id = %d;"
		"INSERT INTO agency (code, name) VALUES ('CAT', 'Công an');"
		"INSERT INTO task (code, title, agency_id, due, created_at, "
		"updated_at) VALUES ('OLD-1', 'old task', 1, '2025-12-12', 0, 0);"
		"INSERT INTO outbox (kind, task_id, recipient, message_id, "
		"dedup_key, data, state, attempts, created_at, claimed_at) "
		"VALUES ('confirm', 1, 'a@x', '<m1@x>', 'confirm:<o@x>:OLD-1', "
		"'body', 'sending', 1, 5, 5);",
		(int)DONDOC_STORE_SQLITE_APPLICATION_ID));
}

static void test_upgrade(void)
{
	const char *path = tmp_path("v1.db"), *error;
	struct dondoc_store_settings set = { .busy_timeout_msecs = 1000,
					     .no_migrate = TRUE };
	struct dondoc_store *store;
	struct dondoc_task task;
	ARRAY_TYPE(dondoc_obligation) obligations;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	int version;

	make_v1_file(path);
	test_begin("migrate: the embedded migrations are numbered");
	test_assert(dondoc_store_migrations_count >= 2);
	test_assert(dondoc_store_schema_version() ==
		    (int)dondoc_store_migrations_count);
	test_assert(raw_int(path, "PRAGMA user_version") == 1);
	test_end();

	test_begin("migrate: an old file is refused without migrating");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) < 0);
	test_assert(strstr(error, "db migrate") != NULL);
	test_assert(raw_int(path, "PRAGMA user_version") == 1);
	test_end();

	test_begin("migrate: an old file upgrades in place on open");
	test_assert(dondoc_store_open(path, &store, &error) == 0);
	test_assert(dondoc_store_get_version(store, &version, &error) == 0);
	test_assert(version == dondoc_store_schema_version());
	test_assert(dondoc_store_task_by_code(store, pool_datastack_create(),
					      "OLD-1", &task, &error) == 1);
	test_assert(strcmp(task.agency, "CAT") == 0);
	t_array_init(&obligations, 16);
	test_assert(dondoc_store_obligation_list(store,
		pool_datastack_create(), &obligations, &error) == 11);
	t_array_init(&audit, 4);
	test_assert(dondoc_store_audit_list(store, pool_datastack_create(),
		"schema", "002-regulation.sql", &audit, &error) == 1);
	test_assert(strcmp(((const struct dondoc_audit_entry *)array_idx(&audit, 0))->old_value, "1") == 0);
	test_assert(dondoc_store_check(store, &error) == 1);
	/* nothing left to do */
	test_assert(dondoc_store_migrate(store, &error) == 0);
	dondoc_store_close(&store);
	test_assert(raw_int(path, "PRAGMA user_version") ==
		    dondoc_store_schema_version());
	test_assert(strcmp(raw_text(path, "PRAGMA journal_mode"), "wal") == 0);
	/* open again: idempotent */
	test_assert(dondoc_store_open(path, &store, &error) == 0);
	dondoc_store_close(&store);
	test_assert(raw_int(path, "SELECT count(*) FROM obligation") == 11);
	/* one row per migration applied to the version 1 file */
	test_assert(raw_int(path, "SELECT count(*) FROM audit "
			    "WHERE entity = 'schema'") ==
		    (int)dondoc_store_migrations_count - 1);
	/* a mail left 'sending' by an old sender is a claim that ran out:
	   the next sender takes it (and knows its outcome is unknown) */
	test_assert(strcmp(raw_text(path, "SELECT state || ',' || lease_until "
				    "|| ',' || send_started_at FROM outbox"),
			   "claimed,0,5") == 0);
	test_end();
}

/* A file as version 10 wrote it: audit rows (AUTOINCREMENT ids, one
   append rolled back, a gap before id 7), outbox rows. */
static void make_v10_file(const char *path)
{
	unsigned int i;

	for (i = 0; i < dondoc_store_migrations_count &&
		    dondoc_store_migrations[i].version <= 10; i++)
		raw_exec(path, dondoc_store_migrations[i].sql);
	raw_exec(path, t_strdup_printf(
		"PRAGMA user_version = 10; PRAGMA application_id = %d;"
		"INSERT INTO agency (code, name) VALUES ('CAT', 'Công an');"
		"INSERT INTO task (code, title, agency_id, due, created_at, "
		"updated_at) VALUES ('OLD-1', 'old task', 1, '2025-12-12', 0, 0);"
		"INSERT INTO audit (at, entity, entity_key, action, new_value) "
		"VALUES (1, 'task', 'OLD-1', 'add', 'open'), "
		"(2, 'task', 'OLD-1', 'status', 'overdue');"
		"BEGIN; INSERT INTO audit (at, entity, entity_key, action) "
		"VALUES (3, 'x', 'y', 'z'); ROLLBACK;"
		"INSERT INTO audit (id, at, entity, entity_key, action) "
		"VALUES (7, 4, 'outbox', '1', 'sent');"
		"INSERT INTO outbox (kind, task_id, recipient, message_id, "
		"dedup_key, data, state, created_at) VALUES "
		"('confirm', 1, 'a@x', '<m1@x>', 'k1', 'body', 'queued', 5), "
		"('confirm', 1, 'b@x', '<m2@x>', 'k2', 'body', 'sent', 5);",
		(int)DONDOC_STORE_SQLITE_APPLICATION_ID));
}

static void test_upgrade_v10(void)
{
	const char *path = tmp_path("v10.db"), *error;
	struct dondoc_store *store;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	const struct dondoc_audit_entry *e;
	sqlite3 *db;

	make_v10_file(path);
	test_begin("migrate: version 10 to 11 keeps the audit log");
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_sequence "
			    "WHERE name = 'audit'") == 1);
	test_assert(dondoc_store_open(path, &store, &error) == 0);
	t_array_init(&audit, 4);
	test_assert(dondoc_store_audit_list(store, pool_datastack_create(),
		"task", "OLD-1", &audit, &error) == 2);
	e = array_idx(&audit, 1);
	test_assert(e->id == 2 && e->at == 2 &&
		    strcmp(e->new_value, "overdue") == 0);
	test_assert(dondoc_store_audit_add(store, "task", "OLD-1", "note",
					   NULL, "after", &error) == 0);
	test_assert(dondoc_store_check(store, &error) == 1);
	dondoc_store_close(&store);
	/* every row, its id kept; the next append continues after the
	   largest id (the schema rows of 011 to 016 are 8 to 13) */
	test_assert(raw_int(path, "SELECT count(*) FROM audit") == 10);
	test_assert(strcmp(raw_text(path, "SELECT group_concat(id) FROM "
		"(SELECT id FROM audit ORDER BY id)"),
		"1,2,7,8,9,10,11,12,13,14") == 0);
	test_assert(raw_int(path, "SELECT id FROM audit WHERE action = "
			    "'note'") == 14);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_sequence") == 0);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'audit' AND sql LIKE '%AUTOINCREMENT%'") == 0);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'outbox_state'") == 0);
	/* 015: the task rows' index replaces audit_entity */
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'audit_entity'") == 0);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'audit_task'") == 1);
	/* 013: the agency listing's index replaces task_agency_due */
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'task_agency_listing'") == 1);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'task_agency_due'") == 0);
	test_assert(raw_int(path, "SELECT count(*) FROM outbox") == 2);
	/* still append-only */
	test_assert(sqlite3_open(path, &db) == SQLITE_OK);
	test_assert(sqlite3_exec(db, "UPDATE audit SET at = 0", NULL, NULL,
				 NULL) != SQLITE_OK);
	test_assert(sqlite3_exec(db, "DELETE FROM audit WHERE id = 10", NULL,
				 NULL, NULL) != SQLITE_OK);
	(void)sqlite3_close(db);
	test_assert(raw_int(path, "SELECT count(*) FROM audit") == 10);
	test_end();
}

static void test_new_file(void)
{
	struct dondoc_store_settings set = { .busy_timeout_msecs = 1000,
					     .create = TRUE };
	const char *path = tmp_path("new.db"), *error;
	struct dondoc_store *store;

	test_begin("migrate: a new file gets every migration");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) == 0);
	dondoc_store_close(&store);
	test_assert(raw_int(path, "PRAGMA user_version") ==
		    dondoc_store_schema_version());
	test_assert((unsigned int)raw_int(path, "PRAGMA application_id") ==
		    DONDOC_STORE_SQLITE_APPLICATION_ID);
	test_assert(raw_int(path, "SELECT count(*) FROM audit "
			    "WHERE entity = 'schema'") ==
		    (int)dondoc_store_migrations_count);
	test_end();
}

/* The plan of a statement: its EXPLAIN QUERY PLAN details, joined. */
static const char *raw_plan(const char *path, const char *sql)
{
	string_t *plan = t_str_new(128);
	sqlite3 *db;
	sqlite3_stmt *stmt;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		i_fatal("sqlite3_open(%s) failed", path);
	if (sqlite3_prepare_v2(db, t_strconcat("EXPLAIN QUERY PLAN ", sql,
					       NULL), -1, &stmt,
			       NULL) == SQLITE_OK) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			str_append(plan, (const char *)
				   sqlite3_column_text(stmt, 3));
			str_append_c(plan, ';');
		}
		(void)sqlite3_finalize(stmt);
	}
	(void)sqlite3_close(db);
	return str_c(plan);
}

static void test_receipt_lookup(void)
{
	struct dondoc_store_settings set = { .busy_timeout_msecs = 1000,
					     .create = TRUE };
	const char *path = tmp_path("recent.db"), *error, *plan;
	struct dondoc_store *store;

	/* the receipt limit, inside every delivery's write transaction:
	   by the task (schema 14), not every receipt to the sender */
	test_begin("migrate: the receipt limit reads by task (outbox_recent)");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) == 0);
	dondoc_store_close(&store);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "name = 'outbox_recipient'") == 0);
	plan = raw_plan(path, sqlite_stmt_sql[STMT_OUTBOX_RECENT]);
	test_assert(strstr(plan, "outbox_recent") != NULL);
	test_assert(strstr(plan, "task_id=?") != NULL);
	plan = raw_plan(path, sqlite_stmt_sql[STMT_OUTBOX_RECENT_NO_TASK]);
	test_assert(strstr(plan, "outbox_recent") != NULL);
	test_assert(strstr(plan, "task_id=?") != NULL);
	test_end();
}

static void test_audit_index(void)
{
	struct dondoc_store_settings set = { .busy_timeout_msecs = 1000,
					     .create = TRUE };
	const char *path = tmp_path("audit.db"), *error, *plan;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	const struct dondoc_audit_entry *e;
	struct dondoc_store *store;

	/* every delivery writes three audit rows (submission, task,
	   outbox): only the task's has an index entry (schema 15), the one
	   a task's history reads by */
	test_begin("migrate: only the task rows of the audit log are indexed");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) == 0);
	test_assert(dondoc_store_audit_add(store, "task", "T-1", "a", NULL,
					   "1", &error) == 0);
	test_assert(dondoc_store_audit_add(store, "submission", "T-1", "b",
					   NULL, "2", &error) == 0);
	test_assert(dondoc_store_audit_add(store, "task", "T-2", "c", NULL,
					   "3", &error) == 0);
	test_assert(dondoc_store_audit_add(store, "task", "T-1", "d", NULL,
					   "4", &error) == 0);
	t_array_init(&audit, 4);
	test_assert(dondoc_store_audit_list(store, pool_datastack_create(),
		"task", "T-1", &audit, &error) == 2);
	e = array_idx(&audit, 0);
	test_assert(strcmp(e->action, "a") == 0);
	e = array_idx(&audit, 1);
	test_assert(strcmp(e->action, "d") == 0);
	array_clear(&audit);
	test_assert(dondoc_store_audit_list(store, pool_datastack_create(),
		"submission", "T-1", &audit, &error) == 1);
	dondoc_store_close(&store);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE "
			    "type = 'index' AND tbl_name = 'audit'") == 1);
	test_assert(raw_int(path, "SELECT count(*) FROM pragma_index_info("
			    "'audit_task')") == 1);
	plan = raw_plan(path, sqlite_stmt_sql[STMT_AUDIT_LIST_TASK]);
	test_assert(strstr(plan, "audit_task") != NULL);
	test_end();
}

static void test_refused(void)
{
	struct dondoc_store_settings set = { .busy_timeout_msecs = 1000,
					     .create = TRUE };
	const char *path, *error;
	struct dondoc_store *store;
	char buf[64];
	int fd;

	test_begin("migrate: a newer schema is refused");
	path = tmp_path("newer.db");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) == 0);
	dondoc_store_close(&store);
	raw_exec(path, "PRAGMA user_version = 99");
	test_assert(dondoc_store_open(path, &store, &error) < 0);
	test_assert(strstr(error, "newer") != NULL);
	test_assert(raw_int(path, "PRAGMA user_version") == 99);
	test_end();

	test_begin("migrate: a foreign SQLite file is refused untouched");
	path = tmp_path("foreign.db");
	raw_exec(path, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1)");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) < 0);
	test_assert(strstr(error, "not a dondoc store") != NULL);
	test_assert(strcmp(raw_text(path, "PRAGMA journal_mode"), "delete") == 0);
	test_assert(raw_int(path, "SELECT count(*) FROM sqlite_master") == 1);
	path = tmp_path("otherapp.db");
	raw_exec(path, "PRAGMA application_id = 1234; CREATE TABLE agency (x)");
	test_assert(dondoc_store_open_with(path, &set, &store, &error) < 0);
	test_assert(strstr(error, "application_id") != NULL);
	test_end();

	test_begin("migrate: a file that is not SQLite is refused untouched");
	path = tmp_path("text.db");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	test_assert(fd >= 0);
	for (int i = 0; i < 100; i++)
		test_assert(write(fd, "this is not a database\n", 23) == 23);
	i_close_fd(&fd);
	test_assert(dondoc_store_open_with(path, &set, &store, &error) < 0);
	test_assert(strstr(error, "not an SQLite database") != NULL);
	fd = open(path, O_RDONLY);
	test_assert(fd >= 0 && read(fd, buf, 23) == 23);
	test_assert(memcmp(buf, "this is not a database\n", 23) == 0);
	i_close_fd(&fd);
	test_assert(access(t_strconcat(path, "-wal", NULL), F_OK) < 0);
	test_assert(dondoc_store_open_with(tmpdir, &set, &store, &error) < 0);
	test_end();
}

static void test_cleanup(void)
{
	const char *error;

	if (unlink_directory(tmpdir, UNLINK_DIRECTORY_FLAG_RMDIR, &error) < 0)
		i_error("%s", error);
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_upgrade,
		test_upgrade_v10,
		test_new_file,
		test_receipt_lookup,
		test_audit_index,
		test_refused,
		test_cleanup,
		NULL
	};

	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp(%s) failed: %m", tmpdir);
	return test_run(test_functions);
}
