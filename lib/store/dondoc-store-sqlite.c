/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite store backend, on libsqlite3 directly (Dovecot 2.3's lib-sql
   escapes instead of binding and has a fixed 1 s busy timeout). WAL,
   foreign keys on, every value a bound parameter, every write
   transaction BEGIN IMMEDIATE (a deferred BEGIN that later wants to write
   gets SQLITE_BUSY whatever the busy timeout), prepared statements cached
   per connection. Arguments were validated by dondoc-store.c; SQL text
   here is constant, never built from data (dondoc-store-sqlite-statements.c).

   This file holds the connection: statements and binding, the audit
   row, opening, migrating and checking the file,
   the WAL sync, and the backend's vtable; the write transactions are in
   dondoc-store-sqlite-txn.c. Each entity's queries are in a
   file of its own (dondoc-store-sqlite-{people,tasks,calendar,
   submissions,outbox}.c). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

#include <sys/stat.h>
#include <unistd.h>

void sqlite_note_error(struct sqlite_store *s)
{
	int code = sqlite3_errcode(s->db) & 0xff;

	s->store.backend_errors++;
	s->last_error_temporary = code == SQLITE_BUSY || code == SQLITE_LOCKED;
	sqlite_health_note_error(s, code);
}

const char *sqlite_errstr(struct sqlite_store *s, const char *what)
{
	sqlite_note_error(s);
	return t_strdup_printf("%s: %s: %s (%d)", s->path, what,
			       sqlite3_errmsg(s->db),
			       sqlite3_extended_errcode(s->db));
}

/* ---- statements ---- */

sqlite3_stmt *
sqlite_stmt_get(struct sqlite_store *s, enum dondoc_store_stmt_id id, const char **error_r)
{
	sqlite3_stmt *stmt = s->stmts[id];

	if (stmt == NULL) {
		if (sqlite3_prepare_v3(s->db, sqlite_stmt_sql[id], -1,
				       SQLITE_PREPARE_PERSISTENT, &stmt,
				       NULL) != SQLITE_OK) {
			*error_r = sqlite_errstr(s, "prepare");
			return NULL;
		}
		s->stmts[id] = stmt;
	}
	return stmt;
}

void sqlite_stmt_done(sqlite3_stmt *stmt)
{
	(void)sqlite3_reset(stmt);
	(void)sqlite3_clear_bindings(stmt);
}

void sqlite_bind_text(sqlite3_stmt *stmt, int idx, const char *value)
{
	if (value == NULL || value[0] == '\0')
		(void)sqlite3_bind_null(stmt, idx);
	else
		(void)sqlite3_bind_text(stmt, idx, value, -1, SQLITE_STATIC);
}

void sqlite_bind_text_empty(sqlite3_stmt *stmt, int idx, const char *value)
{
	(void)sqlite3_bind_text(stmt, idx, value == NULL ? "" : value, -1,
				SQLITE_STATIC);
}

void sqlite_bind_date(sqlite3_stmt *stmt, int idx,
		      const struct dondoc_date *date)
{
	if (date->year == 0)
		(void)sqlite3_bind_null(stmt, idx);
	else {
		(void)sqlite3_bind_text(stmt, idx, dondoc_date_to_str(date),
					-1, SQLITE_TRANSIENT);
	}
}

void sqlite_bind_id(sqlite3_stmt *stmt, int idx, int64_t id)
{
	if (id == 0)
		(void)sqlite3_bind_null(stmt, idx);
	else
		(void)sqlite3_bind_int64(stmt, idx, id);
}

const char *sqlite_col_str(pool_t pool, sqlite3_stmt *stmt, int col)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	return text == NULL ? NULL : p_strdup(pool, (const char *)text);
}

void sqlite_col_date(sqlite3_stmt *stmt, int col, struct dondoc_date *date_r)
{
	const unsigned char *text = sqlite3_column_text(stmt, col);

	if (text == NULL || !dondoc_date_parse((const char *)text, date_r))
		i_zero(date_r);
}

/* Step a statement that returns no rows (or whose rows we ignore). */
/* A lookup of at most one row: 1 with the row converted into row_r,
   0 when there is none, -1 on error. The statement is reset. */
typedef void stmt_row_func_t(pool_t pool, sqlite3_stmt *stmt, void *row_r);

int sqlite_stmt_one_i(struct sqlite_store *s, sqlite3_stmt *stmt, pool_t pool,
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
	sqlite_stmt_done(stmt);
	return ret;
}
/* The row converter must take the type row_r points to. */
int sqlite_stmt_rows_i(struct sqlite_store *s, sqlite3_stmt *stmt,
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
	sqlite_stmt_done(stmt);
	return count;
}
/* The row converter must take the array's element type. */
int sqlite_stmt_exec(struct sqlite_store *s, sqlite3_stmt *stmt,
		     const char *what, const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret != SQLITE_DONE && ret != SQLITE_ROW) {
		*error_r = sqlite_errstr(s, what);
		sqlite_stmt_done(stmt);
		return -1;
	}
	sqlite_stmt_done(stmt);
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

/* ---- audit ---- */

int sqlite_audit(struct sqlite_store *s, const char *entity, const char *key,
		 const char *action, const char *old_value,
		 const char *new_value, const char **error_r)
{
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_AUDIT_ADD, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)time(NULL));
	sqlite_bind_text(stmt, 2, s->store.actor);
	sqlite_bind_text_empty(stmt, 3, entity);
	sqlite_bind_text_empty(stmt, 4, key);
	sqlite_bind_text_empty(stmt, 5, action);
	sqlite_bind_text(stmt, 6, old_value);
	sqlite_bind_text(stmt, 7, new_value);
	return sqlite_stmt_exec(s, stmt, "audit", error_r);
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
	if (sqlite_txn_begin_immediate(s, error_r) < 0)
		return -1;
	/* read again under the write lock: another process may have
	   migrated while we waited */
	if (sqlite_check_header(s, &version, error_r) < 0) {
		sqlite_write_rollback(s);
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
		    sqlite_audit(s, "schema", m->name, "migrate",
			  t_strdup_printf("%d", version),
			  t_strdup_printf("%d", m->version), error_r) < 0) {
			*error_r = t_strdup_printf("migration %s failed: %s",
						   m->name, *error_r);
			sqlite_write_rollback(s);
			return -1;
		}
		if (version == 0 &&
		    exec_sql(s, t_strdup_printf("PRAGMA application_id = %d",
			(int)DONDOC_STORE_SQLITE_APPLICATION_ID),
			     error_r) < 0) {
			sqlite_write_rollback(s);
			return -1;
		}
		version = m->version;
		applied = TRUE;
	}
	if (sqlite_write_commit(s, error_r) < 0)
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

	if (s->copy_stmt != NULL)
		(void)sqlite3_finalize(s->copy_stmt);
	sqlite_txn_free(s);
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
	(void)sqlite3_busy_handler(s->db, sqlite_busy_wait, s);
	/* Short-lived connections (one per delivery) must not each pay a
	   WAL checkpoint with its fsyncs on close: commits checkpoint
	   automatically as the WAL grows. */
	(void)sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
				NULL);

	/* Look before touching: a foreign file is left as it was. */
	if (sqlite_check_header(s, &version, error_r) < 0) {
		sqlite_health_open_failed(s);
		sqlite_free(s);
		return -1;
	}
	if (exec_sql(s, "PRAGMA journal_mode = WAL", error_r) < 0 ||
	    exec_sql(s, set->relaxed_sync ? "PRAGMA synchronous = NORMAL" :
		     "PRAGMA synchronous = FULL", error_r) < 0 ||
	    exec_sql(s, "PRAGMA foreign_keys = ON", error_r) < 0) {
		sqlite_free(s);
		return -1;
	}
	/* Ours: from now on corruption errors mean damage. Marked, or
	   found damaged by the periodic check: not used. */
	s->opened = TRUE;
	if (sqlite_health_open(s, version == 0, error_r) < 0) {
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

static int sqlite_audit_list(struct dondoc_store *store, pool_t pool,
			     const char *entity, const char *entity_key,
			     ARRAY_TYPE(dondoc_audit_entry) *entries,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	/* a task's history by its index; the rest scans the log */
	bool task = entity != NULL && entity_key != NULL &&
		strcmp(entity, "task") == 0;
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = sqlite_stmt_get(s, task ? STMT_AUDIT_LIST_TASK :
				    STMT_AUDIT_LIST, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, entity);
	sqlite_bind_text(stmt, 2, entity_key);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_audit_entry *e = array_append_space(entries);

		e->id = sqlite3_column_int64(stmt, 0);
		e->at = (time_t)sqlite3_column_int64(stmt, 1);
		e->actor = sqlite_col_str(pool, stmt, 2);
		e->entity = sqlite_col_str(pool, stmt, 3);
		e->entity_key = sqlite_col_str(pool, stmt, 4);
		e->action = sqlite_col_str(pool, stmt, 5);
		e->old_value = sqlite_col_str(pool, stmt, 6);
		e->new_value = sqlite_col_str(pool, stmt, 7);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "audit list");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return count;
}

static const struct dondoc_store_vfuncs sqlite_vfuncs = {
	.driver = &dondoc_store_sqlite_driver,
	.open = sqlite_open,
	.close = sqlite_close,
	.get_version = sqlite_get_version,
	.migrate = sqlite_migrate,
	.check = sqlite_check,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.sync = sqlite_sync,
	.audit_list = sqlite_audit_list,
	.copy_count = sqlite_copy_count,
	.copy_rows = sqlite_copy_rows,
	.copy_insert = sqlite_copy_insert,
	.copy_finish = sqlite_copy_finish,
	.audit_add = sqlite_audit_add,
	.error_is_temporary = sqlite_error_is_temporary,
	.backup = sqlite_backup,
	.outbox_purge = sqlite_outbox_purge,
};

const struct dondoc_store_backend dondoc_store_backend_sqlite = {
	.scheme = "sqlite",
	.v = &sqlite_vfuncs,
};
