/* The SQLite store backend, on libsqlite3 directly (Dovecot 2.3's lib-sql
   escapes instead of binding and has a fixed 1 s busy timeout). WAL,
   foreign keys on, every value a bound parameter, every write
   transaction BEGIN IMMEDIATE (a deferred BEGIN that later wants to write
   gets SQLITE_BUSY whatever the busy timeout), prepared statements cached
   per connection. Arguments were validated by dondoc-store.c; SQL text
   here is constant, never built from data. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "time-util.h"
#include "dondoc-store-private.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#define TASK_COLUMNS \
	"t.id, t.code, t.title, a.code, t.assigner, t.source_type, " \
	"t.source_number, t.source_symbol, t.due, t.status, t.period_kind, " \
	"t.period_year, t.period_index, t.doc_type, t.obligation, t.created_at"
#define TASK_FROM " FROM task t JOIN agency a ON a.id = t.agency_id"

#define PERSON_SELECT \
	"SELECT p.id, p.name, a.code, " \
	"(SELECT group_concat(email, ' ') FROM " \
	" (SELECT email FROM person_email e WHERE e.person_id = p.id " \
	"  ORDER BY email)), " \
	"(SELECT group_concat(role, ' ') FROM " \
	" (SELECT role FROM person_role r WHERE r.person_id = p.id " \
	"  ORDER BY role)) " \
	"FROM person p JOIN agency a ON a.id = p.agency_id"

#define SUBMISSION_SELECT \
	"SELECT s.id, s.message_id, s.doc_type, s.doc_number, s.doc_symbol, " \
	"s.doc_date, t.code, s.sender_email, s.sender_person_id, a.code, " \
	"s.received_at, s.late, s.late_days, s.trust, s.match " \
	"FROM submission s LEFT JOIN task t ON t.id = s.task_id " \
	"LEFT JOIN agency a ON a.id = s.sender_agency_id"

#define OUTBOX_SELECT \
	"SELECT o.id, o.kind, t.code, o.recipient, o.message_id, " \
	"o.dedup_key, o.data, o.state, o.attempts, o.created_at, " \
	"o.claimed_at, o.sent_at, o.last_error " \
	"FROM outbox o LEFT JOIN task t ON t.id = o.task_id"

enum stmt_id {
	STMT_AGENCY_ID,
	STMT_AGENCY_ADD,
	STMT_AGENCY_GET,
	STMT_AGENCY_LIST,
	STMT_PERSON_BY_EMAIL_ID,
	STMT_PERSON_BY_NAME,
	STMT_PERSON_ADD,
	STMT_PERSON_EMAIL_ADD,
	STMT_PERSON_ROLE_ADD,
	STMT_PERSON_GET_EMAIL,
	STMT_PERSON_LIST,
	STMT_PERSON_LIST_ROLE,
	STMT_TASK_ADD,
	STMT_TASK_BY_CODE,
	STMT_TASK_STATUS_BY_CODE,
	STMT_TASK_BY_PERIOD,
	STMT_TASK_BY_SOURCE,
	STMT_TASK_LIST,
	STMT_TASK_LIST_AGENCY,
	STMT_TASK_SET_STATUS,
	STMT_TASK_DUE_OPEN,
	STMT_TASK_BY_SENT_MSGID,
	STMT_OBLIGATION_LIST,
	STMT_MEETING_ADD,
	STMT_MEETING_LIST,
	STMT_CALENDAR_SET,
	STMT_CALENDAR_LIST,
	STMT_DATA_VERSION,
	STMT_SUBMISSION_ADD,
	STMT_SUBMISSION_BY_MSGID,
	STMT_SUBMISSION_LIST,
	STMT_OUTBOX_ADD,
	STMT_OUTBOX_CLAIMABLE,
	STMT_OUTBOX_CLAIM,
	STMT_OUTBOX_SENT,
	STMT_OUTBOX_FAILED,
	STMT_OUTBOX_LIST,
	STMT_OUTBOX_PURGE,
	STMT_AUDIT_ADD,
	STMT_AUDIT_LIST,

	STMT_COUNT
};

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_AGENCY_ID] = "SELECT id FROM agency WHERE code = ?1",
	[STMT_AGENCY_ADD] = "INSERT INTO agency (code, name) VALUES (?1, ?2) "
		"ON CONFLICT (code) DO NOTHING",
	[STMT_AGENCY_GET] = "SELECT code, name FROM agency WHERE code = ?1",
	[STMT_AGENCY_LIST] = "SELECT code, name FROM agency ORDER BY code",
	[STMT_PERSON_BY_EMAIL_ID] = "SELECT p.id, p.agency_id FROM "
		"person_email e JOIN person p ON p.id = e.person_id "
		"WHERE e.email = ?1",
	[STMT_PERSON_BY_NAME] = "SELECT id FROM person WHERE agency_id = ?1 "
		"AND name = ?2 AND name != '' ORDER BY id LIMIT 1",
	[STMT_PERSON_ADD] = "INSERT INTO person (agency_id, name) "
		"VALUES (?1, ?2)",
	[STMT_PERSON_EMAIL_ADD] = "INSERT INTO person_email (email, person_id) "
		"VALUES (?1, ?2) ON CONFLICT (email) DO NOTHING",
	[STMT_PERSON_ROLE_ADD] = "INSERT INTO person_role (person_id, role) "
		"VALUES (?1, ?2) ON CONFLICT DO NOTHING",
	[STMT_PERSON_GET_EMAIL] = PERSON_SELECT
		" WHERE p.id = (SELECT person_id FROM person_email "
		"WHERE email = ?1)",
	[STMT_PERSON_LIST] = PERSON_SELECT " ORDER BY a.code, p.name, p.id",
	[STMT_PERSON_LIST_ROLE] = PERSON_SELECT
		" WHERE p.id IN (SELECT person_id FROM person_role "
		"WHERE role = ?1) ORDER BY a.code, p.name, p.id",
	[STMT_TASK_ADD] = "INSERT INTO task (code, title, agency_id, assigner, "
		"source_type, source_number, source_symbol, due, status, "
		"period_kind, period_year, period_index, doc_type, obligation, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, 'open', ?9, ?10, ?11, ?12, ?13, ?14, ?14) "
		"ON CONFLICT (code) DO NOTHING",
	[STMT_TASK_BY_CODE] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE t.code = ?1",
	[STMT_TASK_STATUS_BY_CODE] = "SELECT id, status, code FROM task "
		"WHERE code = ?1",
	[STMT_TASK_BY_PERIOD] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE a.code = ?1 AND t.period_kind = ?2 AND "
		"t.period_year = ?3 AND t.period_index = ?4 AND "
		"(?5 IS NULL OR t.doc_type = ?5) ORDER BY t.due, t.code",
	[STMT_TASK_BY_SOURCE] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE t.source_symbol = ?1 AND "
		"(?2 IS NULL OR t.source_number = ?2) ORDER BY t.due, t.code",
	[STMT_TASK_LIST] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE (?2 IS NULL OR instr(?2, ',' || t.status || ',') > 0) "
		"AND (?3 IS NULL OR t.due <= ?3) "
		"ORDER BY t.due, t.code LIMIT ?4",
	[STMT_TASK_LIST_AGENCY] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE a.code = ?1 AND "
		"(?2 IS NULL OR instr(?2, ',' || t.status || ',') > 0) "
		"AND (?3 IS NULL OR t.due <= ?3) "
		"ORDER BY t.due, t.code LIMIT ?4",
	[STMT_TASK_SET_STATUS] = "UPDATE task SET status = ?2, updated_at = ?3 "
		"WHERE id = ?1 AND status = ?4",
	[STMT_TASK_DUE_OPEN] = "SELECT id, code FROM task "
		"WHERE status = 'open' AND due < ?1 ORDER BY due, code",
	[STMT_TASK_BY_SENT_MSGID] = "SELECT " TASK_COLUMNS
		" FROM outbox o JOIN task t ON t.id = o.task_id "
		"JOIN agency a ON a.id = t.agency_id "
		"WHERE o.message_id = ?1 ORDER BY o.id LIMIT 1",
	[STMT_OBLIGATION_LIST] = "SELECT code, title, article, assignee_role, "
		"recipient_role, recipient, recurrence, months, period_kind, "
		"due_rule, doc_type FROM obligation "
		"ORDER BY CAST(substr(code, 2) AS INTEGER), code",
	[STMT_MEETING_ADD] = "INSERT INTO meeting (code, title, date, place, "
		"convener_agency_id) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT (code) DO NOTHING",
	[STMT_MEETING_LIST] = "SELECT m.id, m.code, m.title, m.date, m.place, "
		"a.code FROM meeting m LEFT JOIN agency a "
		"ON a.id = m.convener_agency_id ORDER BY m.date, m.code",
	[STMT_CALENDAR_SET] = "INSERT INTO calendar_exception (date, kind, "
		"reason) VALUES (?1, ?2, ?3) ON CONFLICT (date) DO UPDATE SET "
		"kind = excluded.kind, reason = excluded.reason "
		"WHERE kind != excluded.kind OR reason != excluded.reason",
	[STMT_DATA_VERSION] = "PRAGMA data_version",
	[STMT_CALENDAR_LIST] = "SELECT date, kind, reason FROM "
		"calendar_exception ORDER BY date",
	[STMT_SUBMISSION_ADD] = "INSERT INTO submission (message_id, doc_type, "
		"doc_number, doc_symbol, doc_date, task_id, sender_email, "
		"sender_person_id, sender_agency_id, received_at, late, "
		"late_days, trust, match) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, ?11, ?12, ?13, ?14) "
		"ON CONFLICT (message_id) DO NOTHING",
	[STMT_SUBMISSION_BY_MSGID] = SUBMISSION_SELECT
		" WHERE s.message_id = ?1",
	[STMT_SUBMISSION_LIST] = SUBMISSION_SELECT
		" WHERE (?1 IS NULL OR t.code = ?1) "
		"ORDER BY s.received_at, s.id",
	[STMT_OUTBOX_ADD] = "INSERT INTO outbox (kind, task_id, recipient, "
		"message_id, dedup_key, data, state, attempts, created_at, "
		"claimed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?7, ?10) "
		"ON CONFLICT (dedup_key) DO NOTHING",
	/* ?3 retry base, ?4 now: a mail that failed n times waits
	   ?3 * 2^(n-1) s (at most ?5) after its last attempt. */
	[STMT_OUTBOX_CLAIMABLE] = OUTBOX_SELECT
		" WHERE (o.state = 'queued' AND (o.attempts = 0 OR "
		"o.claimed_at + min(?5, ?3 << min(o.attempts - 1, 12)) <= ?4)) "
		"OR (o.state = 'sending' AND o.claimed_at < ?1) "
		"ORDER BY o.id LIMIT ?2",
	[STMT_OUTBOX_CLAIM] = "UPDATE outbox SET state = 'sending', "
		"attempts = attempts + 1, claimed_at = ?2 WHERE id = ?1",
	[STMT_OUTBOX_SENT] = "UPDATE outbox SET state = 'sent', sent_at = ?2 "
		"WHERE id = ?1 AND state = 'sending'",
	[STMT_OUTBOX_FAILED] = "UPDATE outbox SET state = CASE WHEN "
		"attempts >= ?2 THEN 'failed' ELSE 'queued' END, "
		"last_error = ?3 WHERE id = ?1 AND state = 'sending' "
		"RETURNING state",
	/* The row stays (recipient, Message-ID, the duplicate key that
	   keeps a mail from going out twice); only the body goes. */
	[STMT_OUTBOX_PURGE] = "UPDATE outbox SET data = '' "
		"WHERE state = 'sent' AND sent_at < ?1 AND data != ''",
	[STMT_OUTBOX_LIST] = OUTBOX_SELECT
		" WHERE (?1 IS NULL OR o.state = ?1) ORDER BY o.id",
	[STMT_AUDIT_ADD] = "INSERT INTO audit (at, actor, entity, entity_key, "
		"action, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7)",
	[STMT_AUDIT_LIST] = "SELECT id, at, actor, entity, entity_key, action, "
		"old_value, new_value FROM audit "
		"WHERE (?1 IS NULL OR entity = ?1) AND "
		"(?2 IS NULL OR entity_key = ?2) ORDER BY id",
};

struct sqlite_store {
	struct dondoc_store store;

	sqlite3 *db;
	char *path;
	struct dondoc_store_settings set;
	/* the caller's dondoc_store_begin() is open */
	bool in_user_txn;
	unsigned int savepoint_depth;
	sqlite3_stmt *stmts[STMT_COUNT];
	/* the last error was SQLITE_BUSY/LOCKED: worth retrying later */
	bool last_error_temporary;
};

#define SQLITE_STORE(s) ((struct sqlite_store *)(s))

static void sqlite_note_error(struct sqlite_store *s)
{
	int code = sqlite3_errcode(s->db) & 0xff;

	s->last_error_temporary = code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

static const char *sqlite_errstr(struct sqlite_store *s, const char *what)
{
	sqlite_note_error(s);
	return t_strdup_printf("%s: %s: %s (%d)", s->path, what,
			       sqlite3_errmsg(s->db),
			       sqlite3_extended_errcode(s->db));
}

/* ---- statements ---- */

static sqlite3_stmt *
stmt_get(struct sqlite_store *s, enum stmt_id id, const char **error_r)
{
	sqlite3_stmt *stmt = s->stmts[id];

	if (stmt == NULL) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &stmt,
				       NULL) != SQLITE_OK) {
			*error_r = sqlite_errstr(s, "prepare");
			return NULL;
		}
		s->stmts[id] = stmt;
	}
	return stmt;
}

static void stmt_done(sqlite3_stmt *stmt)
{
	(void)sqlite3_reset(stmt);
	(void)sqlite3_clear_bindings(stmt);
}

static void bind_text(sqlite3_stmt *stmt, int idx, const char *value)
{
	if (value == NULL || value[0] == '\0')
		(void)sqlite3_bind_null(stmt, idx);
	else
		(void)sqlite3_bind_text(stmt, idx, value, -1, SQLITE_STATIC);
}

static void bind_text_empty(sqlite3_stmt *stmt, int idx, const char *value)
{
	(void)sqlite3_bind_text(stmt, idx, value == NULL ? "" : value, -1,
				SQLITE_STATIC);
}

static void bind_date(sqlite3_stmt *stmt, int idx,
		      const struct dondoc_date *date)
{
	if (date->year == 0)
		(void)sqlite3_bind_null(stmt, idx);
	else {
		(void)sqlite3_bind_text(stmt, idx, dondoc_date_to_str(date),
					-1, SQLITE_TRANSIENT);
	}
}

static void bind_id(sqlite3_stmt *stmt, int idx, int64_t id)
{
	if (id == 0)
		(void)sqlite3_bind_null(stmt, idx);
	else
		(void)sqlite3_bind_int64(stmt, idx, id);
}

static const char *col_str(pool_t pool, sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	return text == NULL ? NULL : p_strdup(pool, (const char *)text);
}

static void col_date(sqlite3_stmt *stmt, int col, struct dondoc_date *date_r)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	if (text == NULL || !dondoc_date_parse((const char *)text, date_r))
		i_zero(date_r);
}

/* Step a statement that returns no rows (or whose rows we ignore). */
/* A lookup of at most one row: 1 with the row converted into row_r,
   0 when there is none, -1 on error. The statement is reset. */
typedef void stmt_row_func_t(pool_t pool, sqlite3_stmt *stmt, void *row_r);

static int stmt_one_i(struct sqlite_store *s, sqlite3_stmt *stmt, pool_t pool,
		      stmt_row_func_t *row, void *row_r, const char *what,
		      const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret == SQLITE_ROW) {
		row(pool, stmt, row_r);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, what);
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}
/* The row converter must take the type row_r points to. */
#define stmt_one(s, stmt, pool, row, row_r, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, sqlite3_stmt *, typeof(row_r))), \
	 stmt_one_i(s, stmt, pool, (stmt_row_func_t *)(row), row_r, what, \
		    error_r))

/* Every row of a query appended to array: the number of rows, or -1 on
   error. The statement is reset. */
static int stmt_rows_i(struct sqlite_store *s, sqlite3_stmt *stmt,
		       pool_t pool, stmt_row_func_t *row, struct array *array,
		       const char *what, const char **error_r)
{
	int ret, count = 0;

	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		row(pool, stmt, array_append_space_i(array));
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, what);
		count = -1;
	}
	stmt_done(stmt);
	return count;
}
/* The row converter must take the array's element type. */
#define stmt_rows(s, stmt, pool, row, array, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, sqlite3_stmt *, typeof(*(array)->v_modifiable))), \
	 stmt_rows_i(s, stmt, pool, (stmt_row_func_t *)(row), &(array)->arr, \
		     what, error_r))

static int stmt_exec(struct sqlite_store *s, sqlite3_stmt *stmt,
		     const char *what, const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret != SQLITE_DONE && ret != SQLITE_ROW) {
		*error_r = sqlite_errstr(s, what);
		stmt_done(stmt);
		return -1;
	}
	stmt_done(stmt);
	return 0;
}

static int exec_sql(struct sqlite_store *s, const char *sql,
		    const char **error_r)
{
	char *errmsg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &errmsg) != SQLITE_OK) {
		sqlite_note_error(s);
		*error_r = t_strdup_printf("%s: %s: %s", s->path,
			t_strcut(sql, '\n'),
			errmsg != NULL ? errmsg : sqlite3_errmsg(s->db));
		sqlite3_free(errmsg);
		return -1;
	}
	return 0;
}

/* ---- write transactions ---- */

/* BEGIN IMMEDIATE takes the write lock now, waiting up to the busy
   timeout. We retry BUSY ourselves too until the same deadline: a busy
   handler is not invoked in every case (e.g. WAL recovery). */
static int txn_begin_immediate(struct sqlite_store *s, const char **error_r)
{
	struct timeval start, now;
	int ret;

	i_gettimeofday(&start);
	for (;;) {
		ret = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (ret == SQLITE_OK)
			return 0;
		if ((ret & 0xff) != SQLITE_BUSY && (ret & 0xff) != SQLITE_LOCKED)
			break;
		i_gettimeofday(&now);
		if (timeval_diff_msecs(&now, &start) >=
		    (long long)s->set.busy_timeout_msecs)
			break;
		usleep(10000);
	}
	*error_r = sqlite_errstr(s, "BEGIN IMMEDIATE");
	return -1;
}

/* One write operation: a transaction of its own, or a savepoint inside
   the caller's transaction so a failed operation leaves nothing behind. */
static int write_begin(struct sqlite_store *s, const char **error_r)
{
	if (s->in_user_txn) {
		if (exec_sql(s, "SAVEPOINT dondoc_op", error_r) < 0)
			return -1;
		s->savepoint_depth++;
		return 0;
	}
	return txn_begin_immediate(s, error_r);
}

static int write_commit(struct sqlite_store *s, const char **error_r)
{
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		return exec_sql(s, "RELEASE dondoc_op", error_r);
	}
	if (exec_sql(s, "COMMIT", error_r) < 0) {
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void write_rollback(struct sqlite_store *s)
{
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		(void)sqlite3_exec(s->db, "ROLLBACK TO dondoc_op; "
				   "RELEASE dondoc_op", NULL, NULL, NULL);
		return;
	}
	(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int sqlite_begin(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (s->in_user_txn) {
		*error_r = "a transaction is already open";
		return -1;
	}
	if (txn_begin_immediate(s, error_r) < 0)
		return -1;
	s->in_user_txn = TRUE;
	return 0;
}

static int sqlite_commit(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (!s->in_user_txn) {
		*error_r = "no transaction is open";
		return -1;
	}
	s->in_user_txn = FALSE;
	if (exec_sql(s, "COMMIT", error_r) < 0) {
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void sqlite_rollback(struct dondoc_store *store)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (!s->in_user_txn)
		return;
	s->in_user_txn = FALSE;
	(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- audit ---- */

static int audit(struct sqlite_store *s, const char *entity, const char *key,
		 const char *action, const char *old_value,
		 const char *new_value, const char **error_r)
{
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_AUDIT_ADD, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)time(NULL));
	bind_text(stmt, 2, s->store.actor);
	bind_text_empty(stmt, 3, entity);
	bind_text_empty(stmt, 4, key);
	bind_text_empty(stmt, 5, action);
	bind_text(stmt, 6, old_value);
	bind_text(stmt, 7, new_value);
	return stmt_exec(s, stmt, "audit", error_r);
}

/* ---- schema: open, migrate, check ---- */

static int pragma_int(struct sqlite_store *s, const char *pragma,
		      int *value_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	ret = sqlite3_prepare_v2(s->db, pragma, -1, &stmt, NULL);
	if (ret == SQLITE_OK) {
		ret = sqlite3_step(stmt);
		if (ret == SQLITE_ROW) {
			*value_r = sqlite3_column_int(stmt, 0);
			ret = SQLITE_OK;
		}
		(void)sqlite3_finalize(stmt);
	}
	if (ret != SQLITE_OK && ret != SQLITE_DONE) {
		if ((ret & 0xff) == SQLITE_NOTADB) {
			*error_r = t_strdup_printf(
				"%s is not an SQLite database (not a dondoc "
				"store)", s->path);
		} else {
			*error_r = sqlite_errstr(s, pragma);
		}
		return -1;
	}
	return 0;
}

/* Is this file ours (or empty), at a version we understand? */
static int sqlite_check_header(struct sqlite_store *s, int *version_r,
			       const char **error_r)
{
	int app_id = 0, version = 0, objects = 0;

	if (pragma_int(s, "PRAGMA application_id", &app_id, error_r) < 0 ||
	    pragma_int(s, "PRAGMA user_version", &version, error_r) < 0 ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_master", &objects,
		       error_r) < 0)
		return -1;
	if (app_id == 0 && version == 0 && objects == 0) {
		*version_r = 0; /* new, empty */
		return 0;
	}
	if ((unsigned int)app_id != DONDOC_STORE_SQLITE_APPLICATION_ID) {
		*error_r = t_strdup_printf(
			"%s is an SQLite database but not a dondoc store "
			"(application_id 0x%08x)", s->path,
			(unsigned int)app_id);
		return -1;
	}
	if (version > dondoc_store_schema_version()) {
		*error_r = t_strdup_printf(
			"%s has schema version %d, newer than this dondoc "
			"understands (%d): upgrade dondoc", s->path, version,
			dondoc_store_schema_version());
		return -1;
	}
	if (version < 1) {
		*error_r = t_strdup_printf("%s has an invalid schema version "
					   "%d", s->path, version);
		return -1;
	}
	*version_r = version;
	return 0;
}

static int sqlite_migrate(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	int version;
	unsigned int i;
	bool applied = FALSE;

	if (s->in_user_txn) {
		*error_r = "cannot migrate inside a transaction";
		return -1;
	}
	if (txn_begin_immediate(s, error_r) < 0)
		return -1;
	/* read again under the write lock: another process may have
	   migrated while we waited */
	if (sqlite_check_header(s, &version, error_r) < 0) {
		write_rollback(s);
		return -1;
	}
	for (i = 0; i < dondoc_store_migrations_count; i++) {
		const struct dondoc_store_migration *m =
			&dondoc_store_migrations[i];

		if (m->version <= version)
			continue;
		if (exec_sql(s, m->sql, error_r) < 0 ||
		    exec_sql(s, t_strdup_printf("PRAGMA user_version = %d",
						m->version), error_r) < 0 ||
		    audit(s, "schema", m->name, "migrate",
			  t_strdup_printf("%d", version),
			  t_strdup_printf("%d", m->version), error_r) < 0) {
			*error_r = t_strdup_printf("migration %s failed: %s",
						   m->name, *error_r);
			write_rollback(s);
			return -1;
		}
		if (version == 0 &&
		    exec_sql(s, t_strdup_printf("PRAGMA application_id = %d",
			(int)DONDOC_STORE_SQLITE_APPLICATION_ID),
			     error_r) < 0) {
			write_rollback(s);
			return -1;
		}
		version = m->version;
		applied = TRUE;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return applied ? 1 : 0;
}

static int sqlite_get_version(struct dondoc_store *store, int *version_r,
			      const char **error_r)
{
	return pragma_int(SQLITE_STORE(store), "PRAGMA user_version",
			  version_r, error_r);
}

static int sqlite_check(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	string_t *problems = t_str_new(128);
	int version, ret;

	if (sqlite_get_version(store, &version, error_r) < 0)
		return -1;
	if (version != dondoc_store_schema_version()) {
		str_printfa(problems, "schema version %d, expected %d; ",
			    version, dondoc_store_schema_version());
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &stmt,
			       NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "quick_check");
		return -1;
	}
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);

		if (msg != NULL && strcmp(msg, "ok") != 0)
			str_printfa(problems, "%s; ", msg);
	}
	(void)sqlite3_finalize(stmt);
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &stmt,
			       NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "foreign_key_check");
		return -1;
	}
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		str_printfa(problems, "foreign key violation in %s row %lld; ",
			    sqlite3_column_text(stmt, 0),
			    (long long)sqlite3_column_int64(stmt, 1));
	}
	(void)sqlite3_finalize(stmt);
	if (str_len(problems) > 0) {
		str_truncate(problems, str_len(problems) - 2);
		*error_r = str_c(problems);
		return 0;
	}
	return 1;
}

static void sqlite_free(struct sqlite_store *s)
{
	unsigned int i;

	for (i = 0; i < STMT_COUNT; i++) {
		if (s->stmts[i] != NULL)
			(void)sqlite3_finalize(s->stmts[i]);
	}
	if (s->db != NULL)
		(void)sqlite3_close(s->db);
	i_free(s->path);
	i_free(s);
}

static int sqlite_open(const char *path,
		       const struct dondoc_store_settings *set,
		       struct dondoc_store **store_r, const char **error_r)
{
	struct sqlite_store *s;
	struct stat st;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int version;

	if (stat(path, &st) < 0) {
		if (errno != ENOENT) {
			*error_r = t_strdup_printf("stat(%s) failed: %m", path);
			return -1;
		}
		if (!set->create) {
			*error_r = t_strdup_printf(
				"store %s does not exist (create it with "
				"dondoc db init)", path);
			return -1;
		}
		flags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(st.st_mode)) {
		*error_r = t_strdup_printf("store %s is not a file", path);
		return -1;
	}

	s = i_new(struct sqlite_store, 1);
	s->path = i_strdup(path);
	s->set = *set;
	if (s->set.busy_timeout_msecs == 0)
		s->set.busy_timeout_msecs =
			DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		*error_r = t_strdup_printf("cannot open store %s: %s", path,
			s->db != NULL ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite_free(s);
		return -1;
	}
	(void)sqlite3_extended_result_codes(s->db, 1);
	(void)sqlite3_busy_timeout(s->db, (int)s->set.busy_timeout_msecs);
	/* Short-lived connections (one per delivery) must not each pay a
	   WAL checkpoint with its fsyncs on close: commits checkpoint
	   automatically as the WAL grows. */
	(void)sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
				NULL);

	/* Look before touching: a foreign file is left as it was. */
	if (sqlite_check_header(s, &version, error_r) < 0 ||
	    exec_sql(s, "PRAGMA journal_mode = WAL", error_r) < 0 ||
	    exec_sql(s, set->relaxed_sync ? "PRAGMA synchronous = NORMAL" :
		     "PRAGMA synchronous = FULL", error_r) < 0 ||
	    exec_sql(s, "PRAGMA foreign_keys = ON", error_r) < 0) {
		sqlite_free(s);
		return -1;
	}
	if (version < dondoc_store_schema_version()) {
		if (set->no_migrate && version > 0) {
			*error_r = t_strdup_printf(
				"%s has schema version %d, this dondoc uses %d: "
				"run dondoc db migrate", path, version,
				dondoc_store_schema_version());
			sqlite_free(s);
			return -1;
		}
		if (sqlite_migrate(&s->store, error_r) < 0) {
			sqlite_free(s);
			return -1;
		}
	}
	*store_r = &s->store;
	return 0;
}

static void sqlite_close(struct dondoc_store *store)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (s->in_user_txn)
		sqlite_rollback(store);
	sqlite_free(s);
}

/* ---- agencies ---- */

/* 1 with id_r, 0 no such agency, -1 error */
static int agency_id(struct sqlite_store *s, const char *code,
		     int64_t *id_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_AGENCY_ID, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(stmt, 0);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "agency lookup");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int agency_id_required(struct sqlite_store *s, const char *code,
			      int64_t *id_r, const char **error_r)
{
	int ret = agency_id(s, code, id_r, error_r);

	if (ret == 0) {
		*error_r = t_strdup_printf("unknown agency '%s'", code);
		return -1;
	}
	return ret < 0 ? -1 : 0;
}

static int sqlite_agency_add(struct dondoc_store *store,
			     const struct dondoc_agency *agency,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int changes;

	if (write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, STMT_AGENCY_ADD, error_r)) == NULL)
		goto fail;
	bind_text(stmt, 1, agency->code);
	bind_text_empty(stmt, 2, agency->name);
	if (stmt_exec(s, stmt, "agency add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0 &&
	    audit(s, "agency", agency->code, "insert", NULL, agency->name,
		  error_r) < 0)
		goto fail;
	if (write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_agency_get(struct dondoc_store *store, pool_t pool,
			     const char *code, struct dondoc_agency *agency_r,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_AGENCY_GET, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		agency_r->code = col_str(pool, stmt, 0);
		agency_r->name = col_str(pool, stmt, 1);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "agency get");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int sqlite_agency_list(struct dondoc_store *store, pool_t pool,
			      ARRAY_TYPE(dondoc_agency) *agencies,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = stmt_get(s, STMT_AGENCY_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_agency *agency = array_append_space(agencies);

		agency->code = col_str(pool, stmt, 0);
		agency->name = col_str(pool, stmt, 1);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "agency list");
		count = -1;
	}
	stmt_done(stmt);
	return count;
}

/* ---- people ---- */

static const char *const *split_words(pool_t pool, const char *str)
{
	if (str == NULL) {
		const char **empty = p_new(pool, const char *, 1);
		return empty;
	}
	return (const char *const *)p_strsplit(pool, str, " ");
}

static void row_to_person(pool_t pool, sqlite3_stmt *stmt,
			  struct dondoc_person *person_r)
{
	i_zero(person_r);
	person_r->id = sqlite3_column_int64(stmt, 0);
	person_r->name = col_str(pool, stmt, 1);
	person_r->agency = col_str(pool, stmt, 2);
	person_r->emails = split_words(pool,
		(const char *)sqlite3_column_text(stmt, 3));
	person_r->roles = split_words(pool,
		(const char *)sqlite3_column_text(stmt, 4));
}

/* The person owning email: 1 with ids, 0 none, -1 error */
static int person_by_email_id(struct sqlite_store *s, const char *email,
			      int64_t *person_id_r, int64_t *agency_id_r,
			      const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_PERSON_BY_EMAIL_ID, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, email);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*person_id_r = sqlite3_column_int64(stmt, 0);
		*agency_id_r = sqlite3_column_int64(stmt, 1);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "person lookup");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int person_by_name_id(struct sqlite_store *s, int64_t agency,
			     const char *name, int64_t *person_id_r,
			     const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_PERSON_BY_NAME, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, agency);
	bind_text_empty(stmt, 2, name);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*person_id_r = sqlite3_column_int64(stmt, 0);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "person lookup");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int person_add_in_txn(struct sqlite_store *s,
			     const struct dondoc_person *person,
			     int64_t *id_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int64_t agency, person_id = 0, found_id, found_agency;
	const char *key = person->emails[0];
	unsigned int i;
	int ret, changed = 0;

	if (agency_id_required(s, person->agency, &agency, error_r) < 0)
		return -1;
	for (i = 0; person->emails[i] != NULL; i++) {
		ret = person_by_email_id(s, person->emails[i], &found_id,
					 &found_agency, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			continue;
		if (found_agency != agency) {
			*error_r = t_strdup_printf(
				"%s belongs to a person of another agency",
				person->emails[i]);
			return -1;
		}
		if (person_id != 0 && person_id != found_id) {
			*error_r = t_strdup_printf(
				"%s belongs to another person",
				person->emails[i]);
			return -1;
		}
		person_id = found_id;
	}
	/* another address of someone already known by name */
	if (person_id == 0 && person->name[0] != '\0' &&
	    person_by_name_id(s, agency, person->name, &person_id,
			      error_r) < 0)
		return -1;
	if (person_id == 0) {
		if ((stmt = stmt_get(s, STMT_PERSON_ADD, error_r)) == NULL)
			return -1;
		(void)sqlite3_bind_int64(stmt, 1, agency);
		bind_text_empty(stmt, 2, person->name);
		if (stmt_exec(s, stmt, "person add", error_r) < 0)
			return -1;
		person_id = sqlite3_last_insert_rowid(s->db);
		if (audit(s, "person", key, "insert", NULL,
			  t_strdup_printf("%s %s", person->agency,
					  person->name), error_r) < 0)
			return -1;
		changed = 1;
	}
	for (i = 0; person->emails[i] != NULL; i++) {
		if ((stmt = stmt_get(s, STMT_PERSON_EMAIL_ADD, error_r)) == NULL)
			return -1;
		bind_text(stmt, 1, person->emails[i]);
		(void)sqlite3_bind_int64(stmt, 2, person_id);
		if (stmt_exec(s, stmt, "person email add", error_r) < 0)
			return -1;
		if (sqlite3_changes(s->db) > 0) {
			if (audit(s, "person", key, "add-email", NULL,
				  person->emails[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	for (i = 0; person->roles != NULL && person->roles[i] != NULL; i++) {
		if ((stmt = stmt_get(s, STMT_PERSON_ROLE_ADD, error_r)) == NULL)
			return -1;
		(void)sqlite3_bind_int64(stmt, 1, person_id);
		bind_text(stmt, 2, person->roles[i]);
		if (stmt_exec(s, stmt, "person role add", error_r) < 0)
			return -1;
		if (sqlite3_changes(s->db) > 0) {
			if (audit(s, "person", key, "add-role", NULL,
				  person->roles[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	if (id_r != NULL)
		*id_r = person_id;
	return changed;
}

static int sqlite_person_add(struct dondoc_store *store,
			     const struct dondoc_person *person, int64_t *id_r,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	int ret;

	if (write_begin(s, error_r) < 0)
		return -1;
	ret = person_add_in_txn(s, person, id_r, error_r);
	if (ret < 0) {
		write_rollback(s);
		return -1;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return ret;
}

static int sqlite_person_by_email(struct dondoc_store *store, pool_t pool,
				  const char *email,
				  struct dondoc_person *person_r,
				  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_PERSON_GET_EMAIL, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, email);
	return stmt_one(s, stmt, pool, row_to_person, person_r,
			 "person by email", error_r);
}

static int sqlite_person_list(struct dondoc_store *store, pool_t pool,
			      const char *role,
			      ARRAY_TYPE(dondoc_person) *people,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	stmt = stmt_get(s, role == NULL ? STMT_PERSON_LIST :
			STMT_PERSON_LIST_ROLE, error_r);
	if (stmt == NULL)
		return -1;
	if (role != NULL)
		bind_text(stmt, 1, role);
	return stmt_rows(s, stmt, pool, row_to_person, people,
			 "person list", error_r);
}

/* ---- tasks ---- */

static void row_to_task(pool_t pool, sqlite3_stmt *stmt,
			struct dondoc_task *task_r)
{
	const char *status, *kind;

	i_zero(task_r);
	task_r->id = sqlite3_column_int64(stmt, 0);
	task_r->code = col_str(pool, stmt, 1);
	task_r->title = col_str(pool, stmt, 2);
	task_r->agency = col_str(pool, stmt, 3);
	task_r->assigner = col_str(pool, stmt, 4);
	task_r->source_type = col_str(pool, stmt, 5);
	task_r->source_number = col_str(pool, stmt, 6);
	task_r->source_symbol = col_str(pool, stmt, 7);
	col_date(stmt, 8, &task_r->due);
	status = (const char *)sqlite3_column_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &task_r->status))
		task_r->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	kind = (const char *)sqlite3_column_text(stmt, 10);
	if (kind != NULL && kind[0] != '\0') {
		task_r->period.kind = kind[0];
		task_r->period.year = sqlite3_column_int(stmt, 11);
		task_r->period.index = sqlite3_column_int(stmt, 12);
	}
	task_r->doc_type = col_str(pool, stmt, 13);
	task_r->obligation = col_str(pool, stmt, 14);
	task_r->created_at = (time_t)sqlite3_column_int64(stmt, 15);
}

/* Collect every row as a task; returns the count or -1. */
static int stmt_tasks(struct sqlite_store *s, sqlite3_stmt *stmt,
		      pool_t pool, ARRAY_TYPE(dondoc_task) *tasks,
		      const char **error_r)
{

	return stmt_rows(s, stmt, pool, row_to_task, tasks,
			 "task lookup", error_r);
}

static int stmt_task_one(struct sqlite_store *s, sqlite3_stmt *stmt,
			 pool_t pool, struct dondoc_task *task_r,
			 const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret == SQLITE_ROW) {
		row_to_task(pool, stmt, task_r);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "task lookup");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int sqlite_task_add(struct dondoc_store *store,
			   const struct dondoc_task *task, int64_t *id_r,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int64_t agency;
	char kind[2] = { task->period.kind, '\0' };
	int changes;

	if (write_begin(s, error_r) < 0)
		return -1;
	if (agency_id_required(s, task->agency, &agency, error_r) < 0)
		goto fail;
	if ((stmt = stmt_get(s, STMT_TASK_ADD, error_r)) == NULL)
		goto fail;
	bind_text(stmt, 1, task->code);
	bind_text_empty(stmt, 2, task->title);
	(void)sqlite3_bind_int64(stmt, 3, agency);
	bind_text(stmt, 4, task->assigner);
	bind_text(stmt, 5, task->source_type);
	bind_text(stmt, 6, task->source_number);
	bind_text(stmt, 7, task->source_symbol);
	bind_date(stmt, 8, &task->due);
	bind_text_empty(stmt, 9, kind);
	(void)sqlite3_bind_int(stmt, 10, task->period.year);
	(void)sqlite3_bind_int(stmt, 11, task->period.index);
	bind_text(stmt, 12, task->doc_type);
	bind_text(stmt, 13, task->obligation);
	(void)sqlite3_bind_int64(stmt, 14, (sqlite3_int64)time(NULL));
	if (stmt_exec(s, stmt, "task add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = sqlite3_last_insert_rowid(s->db);
		if (audit(s, "task", task->code, "insert", NULL,
			  dondoc_task_status_name(DONDOC_TASK_OPEN),
			  error_r) < 0)
			goto fail;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_task_by_code(struct dondoc_store *store, pool_t pool,
			       const char *code, struct dondoc_task *task_r,
			       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_TASK_BY_CODE, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, code);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

static int sqlite_tasks_by_period(struct dondoc_store *store, pool_t pool,
				  const char *agency, const char *doc_type,
				  const struct dondoc_period *period,
				  ARRAY_TYPE(dondoc_task) *tasks,
				  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	char kind[2] = { period->kind, '\0' };

	if ((stmt = stmt_get(s, STMT_TASK_BY_PERIOD, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, agency);
	(void)sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int(stmt, 3, period->year);
	(void)sqlite3_bind_int(stmt, 4, period->index);
	bind_text(stmt, 5, doc_type);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

static int sqlite_tasks_by_source(struct dondoc_store *store, pool_t pool,
				  const char *symbol, const char *number,
				  ARRAY_TYPE(dondoc_task) *tasks,
				  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_TASK_BY_SOURCE, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, symbol);
	bind_text(stmt, 2, number);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

static int sqlite_task_list(struct dondoc_store *store, pool_t pool,
			    const struct dondoc_task_filter *filter,
			    ARRAY_TYPE(dondoc_task) *tasks,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	string_t *statuses = NULL;
	unsigned int i;

	stmt = stmt_get(s, filter->agency == NULL ? STMT_TASK_LIST :
			STMT_TASK_LIST_AGENCY, error_r);
	if (stmt == NULL)
		return -1;
	if (filter->status_mask != 0) {
		statuses = t_str_new(64);
		str_append_c(statuses, ',');
		for (i = 0; i < DONDOC_TASK_STATUS_COUNT; i++) {
			if ((filter->status_mask & (1U << i)) != 0) {
				str_printfa(statuses, "%s,",
					    dondoc_task_status_name(i));
			}
		}
	}
	bind_text(stmt, 1, filter->agency);
	bind_text(stmt, 2, statuses == NULL ? NULL : str_c(statuses));
	bind_date(stmt, 3, &filter->due_before);
	(void)sqlite3_bind_int64(stmt, 4, filter->limit == 0 ? -1 :
				 (sqlite3_int64)filter->limit);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

/* The one place a task's status is written: checked by
   dondoc-task-state.c, conditional on the status it was read with, and
   audited. Runs inside a write transaction. */
static int task_set_status(struct sqlite_store *s, int64_t id,
			   const char *code, enum dondoc_task_status from,
			   enum dondoc_task_status to, const char *reason,
			   const char **error_r)
{
	sqlite3_stmt *stmt;
	const char *error;

	if (dondoc_task_transition_check(from, to, &error) < 0) {
		*error_r = t_strdup_printf("task %s: %s", code, error);
		return -1;
	}
	if ((stmt = stmt_get(s, STMT_TASK_SET_STATUS, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, dondoc_task_status_name(to));
	(void)sqlite3_bind_int64(stmt, 3, (sqlite3_int64)time(NULL));
	bind_text(stmt, 4, dondoc_task_status_name(from));
	if (stmt_exec(s, stmt, "task status", error_r) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1) {
		*error_r = t_strdup_printf("task %s changed status meanwhile",
					   code);
		return -1;
	}
	return audit(s, "task", code, reason == NULL ? "transition" :
		     t_strdup_printf("transition: %s", reason),
		     dondoc_task_status_name(from),
		     dondoc_task_status_name(to), error_r);
}

/* 1 with id and status, 0 no such task, -1 error */
static int task_status_by_code(struct sqlite_store *s, const char *code,
			       int64_t *id_r,
			       enum dondoc_task_status *status_r,
			       const char **code_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_TASK_STATUS_BY_CODE, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(stmt, 0);
		if (!dondoc_task_status_parse(
			(const char *)sqlite3_column_text(stmt, 1), status_r)) {
			*error_r = t_strdup_printf("task %s has an invalid "
						   "status", code);
			ret = -1;
		} else {
			*code_r = t_strdup(
				(const char *)sqlite3_column_text(stmt, 2));
			ret = 1;
		}
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "task lookup");
		ret = -1;
	}
	stmt_done(stmt);
	return ret;
}

static int sqlite_task_transition(struct dondoc_store *store,
				  const char *code,
				  enum dondoc_task_status to,
				  const char *reason, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status from;
	const char *real_code;
	int64_t id;
	int ret;

	if (write_begin(s, error_r) < 0)
		return -1;
	ret = task_status_by_code(s, code, &id, &from, &real_code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", code);
	if (ret <= 0 ||
	    task_set_status(s, id, real_code, from, to, reason, error_r) < 0) {
		write_rollback(s);
		return -1;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return 1;
}

struct task_ref {
	int64_t id;
	const char *code;
};
ARRAY_DEFINE_TYPE(task_ref, struct task_ref);

static int sqlite_tasks_mark_overdue(struct dondoc_store *store,
				     const struct dondoc_date *today,
				     unsigned int *count_r,
				     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	ARRAY_TYPE(task_ref) refs;
	const struct task_ref *ref;
	sqlite3_stmt *stmt;
	int ret;

	*count_r = 0;
	if (write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, STMT_TASK_DUE_OPEN, error_r)) == NULL)
		goto fail;
	t_array_init(&refs, 32);
	bind_date(stmt, 1, today);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct task_ref *r = array_append_space(&refs);

		r->id = sqlite3_column_int64(stmt, 0);
		r->code = t_strdup((const char *)sqlite3_column_text(stmt, 1));
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "overdue tasks");
		stmt_done(stmt);
		goto fail;
	}
	stmt_done(stmt);
	array_foreach(&refs, ref) {
		if (task_set_status(s, ref->id, ref->code, DONDOC_TASK_OPEN,
				    DONDOC_TASK_OVERDUE, "due date passed",
				    error_r) < 0)
			goto fail;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	*count_r = array_count(&refs);
	return 1;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_task_by_sent_message_id(struct dondoc_store *store,
					  pool_t pool, const char *message_id,
					  struct dondoc_task *task_r,
					  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_TASK_BY_SENT_MSGID, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, message_id);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

/* ---- obligations, meetings ---- */

static int sqlite_obligation_list(struct dondoc_store *store, pool_t pool,
				  ARRAY_TYPE(dondoc_obligation) *obligations,
				  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = stmt_get(s, STMT_OBLIGATION_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_obligation *o = array_append_space(obligations);
		const char *kind;

		o->code = col_str(pool, stmt, 0);
		o->title = col_str(pool, stmt, 1);
		o->article = col_str(pool, stmt, 2);
		o->assignee_role = col_str(pool, stmt, 3);
		o->recipient_role = col_str(pool, stmt, 4);
		o->recipient = col_str(pool, stmt, 5);
		o->recurrence = col_str(pool, stmt, 6);
		o->months = col_str(pool, stmt, 7);
		kind = (const char *)sqlite3_column_text(stmt, 8);
		o->period_kind = kind == NULL ? '\0' : kind[0];
		o->due_rule = col_str(pool, stmt, 9);
		o->doc_type = col_str(pool, stmt, 10);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "obligation list");
		count = -1;
	}
	stmt_done(stmt);
	return count;
}

static int sqlite_meeting_add(struct dondoc_store *store,
			      const struct dondoc_meeting *meeting,
			      int64_t *id_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int64_t convener = 0;
	int changes;

	if (write_begin(s, error_r) < 0)
		return -1;
	if (meeting->convener != NULL &&
	    agency_id_required(s, meeting->convener, &convener, error_r) < 0)
		goto fail;
	if ((stmt = stmt_get(s, STMT_MEETING_ADD, error_r)) == NULL)
		goto fail;
	bind_text(stmt, 1, meeting->code);
	bind_text_empty(stmt, 2, meeting->title);
	bind_date(stmt, 3, &meeting->date);
	bind_text(stmt, 4, meeting->place);
	bind_id(stmt, 5, convener);
	if (stmt_exec(s, stmt, "meeting add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = sqlite3_last_insert_rowid(s->db);
		if (audit(s, "meeting", meeting->code, "insert", NULL,
			  dondoc_date_to_str(&meeting->date), error_r) < 0)
			goto fail;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_meeting_list(struct dondoc_store *store, pool_t pool,
			       ARRAY_TYPE(dondoc_meeting) *meetings,
			       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = stmt_get(s, STMT_MEETING_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_meeting *m = array_append_space(meetings);

		m->id = sqlite3_column_int64(stmt, 0);
		m->code = col_str(pool, stmt, 1);
		m->title = col_str(pool, stmt, 2);
		col_date(stmt, 3, &m->date);
		m->place = col_str(pool, stmt, 4);
		m->convener = col_str(pool, stmt, 5);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "meeting list");
		count = -1;
	}
	stmt_done(stmt);
	return count;
}

/* ---- calendar ---- */

static int sqlite_calendar_set(struct dondoc_store *store,
			       const struct dondoc_date *date,
			       enum dondoc_day_kind kind, const char *reason,
			       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *kind_name = kind == DONDOC_DAY_OFF ? "off" : "work";
	sqlite3_stmt *stmt;
	int changes;

	if (write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, STMT_CALENDAR_SET, error_r)) == NULL)
		goto fail;
	bind_date(stmt, 1, date);
	bind_text(stmt, 2, kind_name);
	bind_text_empty(stmt, 3, reason);
	if (stmt_exec(s, stmt, "calendar set", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0 &&
	    audit(s, "calendar", dondoc_date_to_str(date), "set", NULL,
		  t_strdup_printf("%s %s", kind_name, reason), error_r) < 0)
		goto fail;
	if (write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_calendar_fill(struct dondoc_store *store,
				struct dondoc_calendar *cal,
				const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = stmt_get(s, STMT_CALENDAR_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(stmt, 0);
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);
		const char *reason = (const char *)sqlite3_column_text(stmt, 2);
		struct dondoc_date d;

		if (date == NULL || !dondoc_date_parse(date, &d) ||
		    kind == NULL) {
			*error_r = t_strdup_printf(
				"%s: invalid calendar exception '%s'",
				s->path, date == NULL ? "" : date);
			stmt_done(stmt);
			return -1;
		}
		dondoc_calendar_add_exception(cal, &d,
			strcmp(kind, "work") == 0 ? DONDOC_DAY_WORK :
			DONDOC_DAY_OFF, reason == NULL ? "" : reason);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "calendar");
		count = -1;
	}
	stmt_done(stmt);
	return count;
}

static int sqlite_data_version(struct dondoc_store *store, int64_t *version_r,
			       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = stmt_get(s, STMT_DATA_VERSION, error_r)) == NULL)
		return -1;
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW)
		*version_r = sqlite3_column_int64(stmt, 0);
	else
		*error_r = sqlite_errstr(s, "data_version");
	stmt_done(stmt);
	return ret == SQLITE_ROW ? 0 : -1;
}

/* ---- submissions ---- */

static const char *trust_name(enum dondoc_trust trust)
{
	return trust == DONDOC_TRUST_VERIFIED ? "verified" : "unverified";
}

static void row_to_submission(pool_t pool, sqlite3_stmt *stmt,
			      struct dondoc_submission *sub_r)
{
	const char *trust, *match;
	unsigned int i;

	i_zero(sub_r);
	sub_r->id = sqlite3_column_int64(stmt, 0);
	sub_r->message_id = col_str(pool, stmt, 1);
	sub_r->doc_type = col_str(pool, stmt, 2);
	sub_r->doc_number = col_str(pool, stmt, 3);
	sub_r->doc_symbol = col_str(pool, stmt, 4);
	col_date(stmt, 5, &sub_r->doc_date);
	sub_r->task_code = col_str(pool, stmt, 6);
	sub_r->sender_email = col_str(pool, stmt, 7);
	sub_r->sender_person_id = sqlite3_column_int64(stmt, 8);
	sub_r->sender_agency = col_str(pool, stmt, 9);
	sub_r->received_at = (time_t)sqlite3_column_int64(stmt, 10);
	sub_r->late = sqlite3_column_int(stmt, 11) != 0;
	sub_r->late_days = sqlite3_column_int(stmt, 12);
	trust = (const char *)sqlite3_column_text(stmt, 13);
	sub_r->trust = trust != NULL && strcmp(trust, "verified") == 0 ?
		DONDOC_TRUST_VERIFIED : DONDOC_TRUST_UNVERIFIED;
	match = (const char *)sqlite3_column_text(stmt, 14);
	for (i = 0; i <= DONDOC_MATCH_TEXT && match != NULL; i++) {
		if (strcmp(dondoc_match_kind_name(i), match) == 0)
			sub_r->match = i;
	}
}

static int
submission_insert(struct sqlite_store *s, const struct dondoc_submission *sub,
		  int64_t task_id, struct dondoc_submission_result *result_r,
		  const char **error_r)
{
	sqlite3_stmt *stmt;
	int64_t agency = 0;

	if (sub->sender_agency != NULL &&
	    agency_id_required(s, sub->sender_agency, &agency, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, STMT_SUBMISSION_ADD, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, sub->message_id);
	bind_text(stmt, 2, sub->doc_type);
	bind_text(stmt, 3, sub->doc_number);
	bind_text(stmt, 4, sub->doc_symbol);
	bind_date(stmt, 5, &sub->doc_date);
	bind_id(stmt, 6, task_id);
	bind_text(stmt, 7, sub->sender_email);
	bind_id(stmt, 8, sub->sender_person_id);
	bind_id(stmt, 9, agency);
	(void)sqlite3_bind_int64(stmt, 10, (sqlite3_int64)sub->received_at);
	(void)sqlite3_bind_int(stmt, 11, sub->late ? 1 : 0);
	(void)sqlite3_bind_int(stmt, 12, (int)sub->late_days);
	bind_text(stmt, 13, trust_name(sub->trust));
	bind_text(stmt, 14, dondoc_match_kind_name(sub->match));
	if (stmt_exec(s, stmt, "submission add", error_r) < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0) {
		result_r->duplicate = TRUE;
		return 0;
	}
	result_r->submission_id = sqlite3_last_insert_rowid(s->db);
	return audit(s, "submission", sub->message_id, "insert", NULL,
		     t_strdup_printf("task=%s %s late_days=%u trust=%s match=%s",
				     sub->task_code == NULL ? "-" :
				     sub->task_code,
				     sub->late ? "late" : "on-time",
				     sub->late_days, trust_name(sub->trust),
				     dondoc_match_kind_name(sub->match)),
		     error_r) < 0 ? -1 : 1;
}

static int sqlite_record_submission(struct dondoc_store *store,
				    const struct dondoc_submission *sub,
				    struct dondoc_submission_result *result_r,
				    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status from = DONDOC_TASK_OPEN, to;
	const char *code = NULL;
	int64_t task_id = 0;
	int ret;

	if (write_begin(s, error_r) < 0)
		return -1;
	if (sub->task_code != NULL) {
		ret = task_status_by_code(s, sub->task_code, &task_id, &from,
					  &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   sub->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((ret = submission_insert(s, sub, task_id, result_r, error_r)) < 0)
		goto fail;
	if (ret == 0) {
		/* duplicate: nothing written */
		write_rollback(s);
		return 0;
	}
	result_r->old_status = result_r->new_status = from;
	/* Only evidence the server produced moves a task. */
	if (task_id != 0 && sub->trust == DONDOC_TRUST_VERIFIED &&
	    dondoc_task_status_after_submission(from, sub->late, &to)) {
		if (task_set_status(s, task_id, code, from, to,
			t_strdup_printf("submission %s", sub->message_id),
			error_r) < 0)
			goto fail;
		result_r->transitioned = TRUE;
		result_r->new_status = to;
	}
	if (write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_submission_by_message_id(struct dondoc_store *store,
					   pool_t pool,
					   const char *message_id,
					   struct dondoc_submission *sub_r,
					   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_SUBMISSION_BY_MSGID, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, message_id);
	return stmt_one(s, stmt, pool, row_to_submission, sub_r,
			 "submission lookup", error_r);
}

static int sqlite_submission_list(struct dondoc_store *store, pool_t pool,
				  const char *task_code,
				  ARRAY_TYPE(dondoc_submission) *subs,
				  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_SUBMISSION_LIST, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, task_code);
	return stmt_rows(s, stmt, pool, row_to_submission, subs,
			 "submission list", error_r);
}

/* ---- outbox ---- */

static void row_to_outbox(pool_t pool, sqlite3_stmt *stmt,
			  struct dondoc_outbox_mail *mail_r)
{
	const char *kind, *state;

	i_zero(mail_r);
	mail_r->id = sqlite3_column_int64(stmt, 0);
	kind = (const char *)sqlite3_column_text(stmt, 1);
	mail_r->kind = kind == NULL ? DONDOC_OUTBOX_CONFIRM :
		strcmp(kind, "escalate") == 0 ? DONDOC_OUTBOX_ESCALATE :
		strcmp(kind, "reminder") == 0 ? DONDOC_OUTBOX_REMINDER :
		DONDOC_OUTBOX_CONFIRM;
	mail_r->task_code = col_str(pool, stmt, 2);
	mail_r->recipient = col_str(pool, stmt, 3);
	mail_r->message_id = col_str(pool, stmt, 4);
	mail_r->dedup_key = col_str(pool, stmt, 5);
	mail_r->data = col_str(pool, stmt, 6);
	state = (const char *)sqlite3_column_text(stmt, 7);
	mail_r->state = state == NULL ? DONDOC_OUTBOX_QUEUED :
		strcmp(state, "sending") == 0 ? DONDOC_OUTBOX_SENDING :
		strcmp(state, "sent") == 0 ? DONDOC_OUTBOX_SENT :
		strcmp(state, "failed") == 0 ? DONDOC_OUTBOX_FAILED :
		DONDOC_OUTBOX_QUEUED;
	mail_r->attempts = sqlite3_column_int(stmt, 8);
	mail_r->created_at = (time_t)sqlite3_column_int64(stmt, 9);
	mail_r->claimed_at = (time_t)sqlite3_column_int64(stmt, 10);
	mail_r->sent_at = (time_t)sqlite3_column_int64(stmt, 11);
	mail_r->last_error = col_str(pool, stmt, 12);
}

static int sqlite_outbox_queue(struct dondoc_store *store,
			       const struct dondoc_outbox_mail *mail,
			       int64_t *id_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status status;
	sqlite3_stmt *stmt;
	const char *code;
	int64_t task_id = 0, id;
	bool claimed;
	int ret;

	if (write_begin(s, error_r) < 0)
		return -1;
	if (mail->task_code != NULL) {
		ret = task_status_by_code(s, mail->task_code, &task_id,
					  &status, &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   mail->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((stmt = stmt_get(s, STMT_OUTBOX_ADD, error_r)) == NULL)
		goto fail;
	bind_text(stmt, 1, dondoc_outbox_kind_name(mail->kind));
	bind_id(stmt, 2, task_id);
	bind_text(stmt, 3, mail->recipient);
	bind_text(stmt, 4, mail->message_id);
	bind_text(stmt, 5, mail->dedup_key);
	bind_text(stmt, 6, mail->data);
	(void)sqlite3_bind_int64(stmt, 7, (sqlite3_int64)time(NULL));
	/* Queued for any sender, or claimed at once by a caller that sends
	   it right away (a stale claim is taken over by outbox claim). */
	claimed = mail->state == DONDOC_OUTBOX_SENDING;
	bind_text(stmt, 8, claimed ? "sending" : "queued");
	(void)sqlite3_bind_int64(stmt, 9, claimed ? 1 : 0);
	(void)sqlite3_bind_int64(stmt, 10, claimed ? (sqlite3_int64)time(NULL) : 0);
	if (stmt_exec(s, stmt, "outbox queue", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		write_rollback(s);
		return 0;
	}
	id = sqlite3_last_insert_rowid(s->db);
	if (audit(s, "outbox", mail->dedup_key, "queue", NULL,
		  claimed ? "sending" : "queued", error_r) < 0)
		goto fail;
	if (write_commit(s, error_r) < 0)
		return -1;
	if (id_r != NULL)
		*id_r = id;
	return 1;
fail:
	write_rollback(s);
	return -1;
}

static sqlite3_stmt *
outbox_claimable(struct sqlite_store *s, time_t now, unsigned int max,
		 unsigned int stale_secs, unsigned int retry_secs,
		 const char **error_r)
{
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_OUTBOX_CLAIMABLE, error_r)) == NULL)
		return NULL;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)(now - stale_secs));
	(void)sqlite3_bind_int64(stmt, 2, max);
	(void)sqlite3_bind_int64(stmt, 3, retry_secs);
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)now);
	(void)sqlite3_bind_int64(stmt, 5, DONDOC_OUTBOX_MAX_RETRY_SECS);
	return stmt;
}

/* Anything to claim? A read, so that a sender polling an empty outbox
   never takes the write lock. */
static int outbox_any_claimable(struct sqlite_store *s, time_t now,
				unsigned int stale_secs,
				unsigned int retry_secs, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if (s->in_user_txn)
		return 1;
	stmt = outbox_claimable(s, now, 1, stale_secs, retry_secs, error_r);
	if (stmt == NULL)
		return -1;
	ret = sqlite3_step(stmt);
	stmt_done(stmt);
	if (ret == SQLITE_ROW)
		return 1;
	if (ret == SQLITE_DONE)
		return 0;
	*error_r = sqlite_errstr(s, "outbox claim");
	return -1;
}

static int sqlite_outbox_claim(struct dondoc_store *store, pool_t pool,
			       unsigned int max, unsigned int stale_secs,
			       unsigned int retry_secs,
			       ARRAY_TYPE(dondoc_outbox_mail) *mails,
			       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL);
	unsigned int first = array_count(mails), i;
	struct dondoc_outbox_mail *mail;
	int ret;

	if ((ret = outbox_any_claimable(s, now, stale_secs, retry_secs,
					error_r)) <= 0)
		return ret;
	if (write_begin(s, error_r) < 0)
		return -1;
	stmt = outbox_claimable(s, now, max, stale_secs, retry_secs, error_r);
	if (stmt == NULL)
		goto fail;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW)
		row_to_outbox(pool, stmt, array_append_space(mails));
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "outbox claim");
		stmt_done(stmt);
		goto fail;
	}
	stmt_done(stmt);
	for (i = first; i < array_count(mails); i++) {
		mail = array_idx_modifiable(mails, i);
		if ((stmt = stmt_get(s, STMT_OUTBOX_CLAIM, error_r)) == NULL)
			goto fail;
		(void)sqlite3_bind_int64(stmt, 1, mail->id);
		(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)now);
		if (stmt_exec(s, stmt, "outbox claim", error_r) < 0 ||
		    audit(s, "outbox", mail->dedup_key, "claim",
			  dondoc_outbox_state_name(mail->state), "sending",
			  error_r) < 0)
			goto fail;
		mail->state = DONDOC_OUTBOX_SENDING;
		mail->attempts++;
		mail->claimed_at = now;
	}
	if (write_commit(s, error_r) < 0)
		goto fail_committed;
	return array_count(mails) - first;
fail:
	write_rollback(s);
fail_committed:
	array_delete(mails, first, array_count(mails) - first);
	return -1;
}

static int outbox_update(struct sqlite_store *s, int64_t id,
			 enum stmt_id stmt_id, int64_t arg2, const char *arg3,
			 const char **error_r)
{
	sqlite3_stmt *stmt;
	const char *new_state = "sent";
	int ret;

	if (write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, stmt_id, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	(void)sqlite3_bind_int64(stmt, 2, arg2);
	if (stmt_id == STMT_OUTBOX_FAILED)
		bind_text(stmt, 3, arg3);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		new_state = t_strdup((const char *)sqlite3_column_text(stmt, 0));
		ret = sqlite3_step(stmt);
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "outbox update");
		stmt_done(stmt);
		goto fail;
	}
	stmt_done(stmt);
	if (sqlite3_changes(s->db) != 1) {
		*error_r = t_strdup_printf("outbox mail %lld is not being sent "
					   "(not claimed)", (long long)id);
		goto fail;
	}
	if (audit(s, "outbox", t_strdup_printf("%lld", (long long)id),
		  arg3 == NULL ? "sent" : t_strdup_printf("failed: %s", arg3),
		  "sending", new_state, error_r) < 0)
		goto fail;
	return write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	write_rollback(s);
	return -1;
}

static int sqlite_outbox_mark_sent(struct dondoc_store *store, int64_t id,
				   const char **error_r)
{
	return outbox_update(SQLITE_STORE(store), id, STMT_OUTBOX_SENT,
			     (int64_t)time(NULL), NULL, error_r);
}

static int sqlite_outbox_mark_failed(struct dondoc_store *store, int64_t id,
				     const char *reason,
				     unsigned int max_attempts,
				     const char **error_r)
{
	return outbox_update(SQLITE_STORE(store), id, STMT_OUTBOX_FAILED,
			     max_attempts, reason == NULL ? "unknown" : reason,
			     error_r);
}

/* Sync the WAL, where every committed transaction lives until a
   checkpoint: with synchronous=NORMAL that is the one sync commits skip. */
static int sqlite_sync(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_file *wal = NULL;
	int ret;

	ret = sqlite3_file_control(s->db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
				   &wal);
	if (ret != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "sync");
		return -1;
	}
	/* No WAL file open: nothing was written through this connection. */
	if (wal == NULL || wal->pMethods == NULL)
		return 0;
	ret = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL);
	if (ret != SQLITE_OK) {
		*error_r = t_strdup_printf("%s: syncing the WAL failed (%d)",
					   s->path, ret);
		return -1;
	}
	return 0;
}

static int sqlite_outbox_list(struct dondoc_store *store, pool_t pool,
			      int state,
			      ARRAY_TYPE(dondoc_outbox_mail) *mails,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = stmt_get(s, STMT_OUTBOX_LIST, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, state < 0 ? NULL : dondoc_outbox_state_name(state));
	return stmt_rows(s, stmt, pool, row_to_outbox, mails,
			 "outbox list", error_r);
}

static int sqlite_audit_list(struct dondoc_store *store, pool_t pool,
			     const char *entity, const char *entity_key,
			     ARRAY_TYPE(dondoc_audit_entry) *entries,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = stmt_get(s, STMT_AUDIT_LIST, error_r)) == NULL)
		return -1;
	bind_text(stmt, 1, entity);
	bind_text(stmt, 2, entity_key);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_audit_entry *e = array_append_space(entries);

		e->id = sqlite3_column_int64(stmt, 0);
		e->at = (time_t)sqlite3_column_int64(stmt, 1);
		e->actor = col_str(pool, stmt, 2);
		e->entity = col_str(pool, stmt, 3);
		e->entity_key = col_str(pool, stmt, 4);
		e->action = col_str(pool, stmt, 5);
		e->old_value = col_str(pool, stmt, 6);
		e->new_value = col_str(pool, stmt, 7);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "audit list");
		count = -1;
	}
	stmt_done(stmt);
	return count;
}

static bool sqlite_error_is_temporary(struct dondoc_store *store)
{
	return SQLITE_STORE(store)->last_error_temporary;
}

/* ---- backup and retention ---- */

/* Copy every page in one step, inside one read transaction: the copy is
   the store as of one commit, and in WAL mode the writers go on
   meanwhile. A busy source (a checkpoint's exclusive moment) is retried
   until the busy timeout. */
static int sqlite_backup_copy(struct sqlite_store *s, sqlite3 *dest,
			      const char *dest_path, const char **error_r)
{
	struct timeval start, now;
	sqlite3_backup *backup;
	int ret;

	backup = sqlite3_backup_init(dest, "main", s->db, "main");
	if (backup == NULL) {
		*error_r = t_strdup_printf("backup %s to %s: %s", s->path,
					   dest_path, sqlite3_errmsg(dest));
		return -1;
	}
	i_gettimeofday(&start);
	for (;;) {
		ret = sqlite3_backup_step(backup, -1);
		if (ret == SQLITE_DONE || (ret != SQLITE_BUSY &&
					   ret != SQLITE_LOCKED))
			break;
		i_gettimeofday(&now);
		if (timeval_diff_msecs(&now, &start) >=
		    (long long)s->set.busy_timeout_msecs)
			break;
		usleep(10000);
	}
	(void)sqlite3_backup_finish(backup);
	if (ret != SQLITE_DONE) {
		s->last_error_temporary = ret == SQLITE_BUSY ||
			ret == SQLITE_LOCKED;
		*error_r = t_strdup_printf("backup %s to %s: %s (%d)", s->path,
					   dest_path, sqlite3_errstr(ret), ret);
		return -1;
	}
	return 0;
}

static int sqlite_backup(struct dondoc_store *store, const char *dest_path,
			 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3 *dest = NULL;
	char *errmsg = NULL;
	int ret;

	/* Never over an existing file: a backup does not replace a store. */
	if (sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
			    SQLITE_OPEN_EXCLUSIVE, NULL) != SQLITE_OK) {
		*error_r = t_strdup_printf("cannot create %s: %s", dest_path,
			dest != NULL ? sqlite3_errmsg(dest) : "out of memory");
		(void)sqlite3_close(dest);
		return -1;
	}
	ret = sqlite_backup_copy(s, dest, dest_path, error_r);
	/* One self-contained file: the copy's WAL folded into it. */
	if (ret == 0 &&
	    sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL,
			 &errmsg) != SQLITE_OK) {
		*error_r = t_strdup_printf("%s: %s", dest_path,
			errmsg != NULL ? errmsg : sqlite3_errmsg(dest));
		ret = -1;
	}
	sqlite3_free(errmsg);
	if (sqlite3_close(dest) != SQLITE_OK && ret == 0) {
		*error_r = t_strdup_printf("close(%s) failed", dest_path);
		ret = -1;
	}
	if (ret < 0 && unlink(dest_path) < 0 && errno != ENOENT)
		i_error("unlink(%s) failed: %m", dest_path);
	return ret;
}

static int sqlite_outbox_purge(struct dondoc_store *store, time_t before,
			       unsigned int *count_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	*count_r = 0;
	if (write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = stmt_get(s, STMT_OUTBOX_PURGE, error_r)) == NULL) {
		write_rollback(s);
		return -1;
	}
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)before);
	if (stmt_exec(s, stmt, "outbox purge", error_r) < 0) {
		write_rollback(s);
		return -1;
	}
	*count_r = sqlite3_changes(s->db);
	if (*count_r > 0 &&
	    audit(s, "outbox", "*", "purge-bodies", NULL,
		  t_strdup_printf("%u sent before %lld", *count_r,
				  (long long)before), error_r) < 0) {
		write_rollback(s);
		return -1;
	}
	return write_commit(s, error_r);
}

static int sqlite_audit_add(struct dondoc_store *store, const char *entity,
			    const char *key, const char *action,
			    const char *old_value, const char *new_value,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (write_begin(s, error_r) < 0)
		return -1;
	if (audit(s, entity, key, action, old_value, new_value,
		  error_r) < 0) {
		write_rollback(s);
		return -1;
	}
	return write_commit(s, error_r);
}

static const struct dondoc_store_vfuncs sqlite_vfuncs = {
	.open = sqlite_open,
	.close = sqlite_close,
	.get_version = sqlite_get_version,
	.migrate = sqlite_migrate,
	.check = sqlite_check,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.agency_add = sqlite_agency_add,
	.agency_get = sqlite_agency_get,
	.agency_list = sqlite_agency_list,
	.person_add = sqlite_person_add,
	.person_by_email = sqlite_person_by_email,
	.person_list = sqlite_person_list,
	.task_add = sqlite_task_add,
	.task_by_code = sqlite_task_by_code,
	.tasks_by_period = sqlite_tasks_by_period,
	.tasks_by_source = sqlite_tasks_by_source,
	.task_list = sqlite_task_list,
	.task_transition = sqlite_task_transition,
	.tasks_mark_overdue = sqlite_tasks_mark_overdue,
	.task_by_sent_message_id = sqlite_task_by_sent_message_id,
	.obligation_list = sqlite_obligation_list,
	.meeting_add = sqlite_meeting_add,
	.meeting_list = sqlite_meeting_list,
	.calendar_set = sqlite_calendar_set,
	.data_version = sqlite_data_version,
	.calendar_fill = sqlite_calendar_fill,
	.record_submission = sqlite_record_submission,
	.submission_by_message_id = sqlite_submission_by_message_id,
	.submission_list = sqlite_submission_list,
	.outbox_queue = sqlite_outbox_queue,
	.outbox_claim = sqlite_outbox_claim,
	.outbox_mark_sent = sqlite_outbox_mark_sent,
	.sync = sqlite_sync,
	.outbox_mark_failed = sqlite_outbox_mark_failed,
	.outbox_list = sqlite_outbox_list,
	.audit_list = sqlite_audit_list,
	.audit_add = sqlite_audit_add,
	.error_is_temporary = sqlite_error_is_temporary,
	.backup = sqlite_backup,
	.outbox_purge = sqlite_outbox_purge,
};

const struct dondoc_store_backend dondoc_store_backend_sqlite = {
	.scheme = "sqlite",
	.v = &sqlite_vfuncs,
};
