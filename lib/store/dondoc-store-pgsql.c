/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL store backend, on libpq. One connection per store
   handle (the plugins keep theirs across deliveries), statements
   prepared once per connection (dondoc-store-pgsql-exec.c), every value
   a bound parameter. Every write transaction is READ COMMITTED and
   first takes the store's transaction-scoped advisory lock. Alone
   (STMT_WRITE_LOCK) by default: such writers on any host run one at a
   time, as SQLite's BEGIN IMMEDIATE makes them, so the backends share
   one reasoning for exactly-once. Shared (STMT_WRITE_LOCK_SHARED) by
   the two kinds of writer that run beside each other: a delivery's
   transaction, which also takes a lock of its own per key it names
   (STMT_KEY_LOCK, dondoc_store_begin_keys(): its Message-ID, task,
   document, sender), so that deliveries about the same thing still run
   one at a time; and the outbox's claims and marks
   (write_begin_shared), every change of which is conditional on the
   row as it is when changed. Readers never wait. BEGIN, the locks,
   savepoints and audit rows are sent ahead (dondoc-store-pgsql-pipeline.c),
   and a failure among them fails the COMMIT. lock_timeout and statement_timeout
   are the busy timeout. A store is one schema (the first of the
   connection's search_path): several committees share a server by
   database or by schema.

   This file holds transactions, the audit row, opening, migrating and
   checking the schema, and the vtable. Each entity's queries are in a
   file of its own (dondoc-store-pgsql-{people,tasks,meetings,calendar,
   submissions,outbox,digest,head-digest}.c), as the SQLite backend's
   are. Trusts
   dondoc-store.c for argument bounds. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"
#include "dondoc-store-txn-cache.h"

/* ---- write transactions ---- */

static void pgsql_txn_rollback(struct pgsql_store *s);

/* BEGIN and the transaction's locks: the store's, alone or shared, and
   after it (never before: a transaction waiting for the store alone is
   queued ahead of later shared ones, which would wait behind it holding
   a key it waits for) the keys', one statement taking them in the order
   of their lock ids, so that two transactions never wait for each
   other's. */
static int pgsql_txn_send_begin(struct pgsql_store *s, const char **error_r)
{
	enum dondoc_store_stmt_id lock_id = s->txn_shared ?
		STMT_WRITE_LOCK_SHARED : STMT_WRITE_LOCK;
	struct pgsql_stmt *lock = &s->stmts[lock_id];
	struct pgsql_stmt *keys = &s->stmts[STMT_KEY_LOCK];
	unsigned int i;

	/* the locks' statements prepared before the transaction (once per
	   connection): sent ahead, they run by name like the rest, not
	   parsed and planned again by every transaction */
	if (pgsql_stmt_prepare(lock, error_r) < 0 ||
	    (s->txn_key_count > 0 && pgsql_stmt_prepare(keys, error_r) < 0))
		return -1;
	s->in_txn = TRUE;
	if (pgsql_exec_sql_ahead(s, "BEGIN ISOLATION LEVEL READ COMMITTED",
				 error_r) < 0 ||
	    pgsql_stmt_get(s, lock_id, error_r) == NULL ||
	    pgsql_stmt_exec_ahead(s, lock, "store lock", error_r) < 0)
		return -1;
	if (s->txn_key_count > 0) {
		if (pgsql_stmt_get(s, STMT_KEY_LOCK, error_r) == NULL)
			return -1;
		for (i = 0; i < DONDOC_STORE_MAX_TXN_KEYS; i++) {
			pgsql_bind_text(keys, i + 1, i < s->txn_key_count ?
					s->txn_keys[i] : NULL);
		}
		if (pgsql_stmt_exec_ahead(s, keys, "transaction keys",
					  error_r) < 0)
			return -1;
	}
	s->txn_unanswered = TRUE;
	return 0;
}

static void pgsql_txn_keys_free(struct pgsql_store *s)
{
	unsigned int i;

	for (i = 0; i < s->txn_key_count; i++)
		i_free(s->txn_keys[i]);
	s->txn_key_count = 0;
	s->txn_shared = FALSE;
}

/* BEGIN and the write lock sent ahead: nobody waits for their answers,
   which come with the transaction's first statement that needs one (or
   its COMMIT), so the first round trip under the lock is also that
   statement's and the lock is held one round trip less. A broken
   connection is replaced here, before the transaction: what the server
   says to the statements sent ahead is only read inside it, where
   nothing is sent again. A lock not had within lock_timeout fails that
   first statement (SQLSTATE 55P03, temporary); a connection found
   broken by that first answer is replaced and the transaction begun
   again (pgsql_txn_restart(): nothing of it was done). */
static int pgsql_txn_begin(struct pgsql_store *s, bool shared,
			   const char *const *keys, const char **error_r)
{
	i_assert(s->queued == 0 && !s->queued_failed);
	pgsql_txn_keys_free(s);
	s->synced = FALSE;
	s->txn_shared = shared || keys != NULL;
	for (; keys != NULL && *keys != NULL; keys++) {
		i_assert(s->txn_key_count < DONDOC_STORE_MAX_TXN_KEYS);
		s->txn_keys[s->txn_key_count++] = i_strdup(*keys);
	}
	/* A server that closed the connection since its last use (it
	   restarted, the backend was terminated) left its goodbye on the
	   socket: read it now, without waiting, so that the connection is
	   replaced before the transaction rather than failing inside it.
	   Twice: libpq returns once it read something (the server's
	   FATAL), and only the next read sees the end of the stream. */
	if (s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK &&
	    PQconsumeInput(s->conn) == 1)
		(void)PQconsumeInput(s->conn);
	if (pgsql_ensure_connected(s, error_r) < 0)
		return -1;
	if (pgsql_txn_send_begin(s, error_r) < 0) {
		pgsql_txn_rollback(s);
		return -1;
	}
	return 0;
}

int pgsql_txn_restart(struct pgsql_store *s)
{
	unsigned int i, depth = s->savepoint_depth;
	const char *error;

	i_assert(s->in_txn && s->txn_unanswered);
	if (pgsql_connect(s, &error) == 0 &&
	    pgsql_txn_send_begin(s, &error) == 0) {
		for (i = 0; i < depth; i++) {
			if (pgsql_exec_sql_ahead(s, "SAVEPOINT dondoc_op",
						 &error) < 0)
				break;
		}
		if (i == depth)
			return 0;
	}
	/* still the caller's transaction, lost: nothing may run outside
	   it on a new connection until its rollback */
	s->in_txn = TRUE;
	s->txn_unanswered = FALSE;
	s->queued_failed = TRUE;
	return -1;
}

/* The transaction is over: nothing of it is waiting. */
static void pgsql_txn_over(struct pgsql_store *s)
{
	pgsql_txn_keys_free(s);
	s->in_txn = FALSE;
	s->txn_durable = FALSE;
	s->txn_unanswered = FALSE;
	s->queued = 0;
	s->queued_failed = FALSE;
}

/* What makes a relaxed connection's transaction commit synchronously,
   so that its COMMIT waits for the WAL flush up to it: every earlier
   commit with it, as pgsql_sync() does. The WAL it writes (a
   transaction that wrote none commits without the flush) in case its
   update changed nothing. */
#define PGSQL_DURABLE_SQL "SELECT set_config('synchronous_commit', 'on', " \
	"true), pg_logical_emit_message(true, 'dondoc', 'sync')"

static int pgsql_txn_commit(struct pgsql_store *s, const char **error_r)
{
	bool durable = s->txn_durable && s->set.relaxed_sync;
	const char *error;
	int ret;

	/* sent ahead: the COMMIT's round trip is still the only one */
	ret = durable && pgsql_exec_sql_ahead(s, PGSQL_DURABLE_SQL,
					      error_r) < 0 ? -1 :
		pgsql_exec_commit(s, error_r);

	/* A COMMIT that got no answer may or may not have happened: not
	   retried here; the caller's work is idempotent by its keys. */
	if (ret < 0 && s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		(void)pgsql_exec_sql(s, "ROLLBACK", &error);
	pgsql_txn_over(s);
	if (ret == 0 && durable)
		s->synced = TRUE;
	return ret;
}

static void pgsql_txn_rollback(struct pgsql_store *s)
{
	const char *error;

	/* sent once the answers of what went ahead are read */
	if (s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK)
		(void)pgsql_exec_sql(s, "ROLLBACK", &error);
	pgsql_txn_over(s);
}

/* One write operation: a transaction of its own, or a savepoint inside
   the caller's transaction so a failed operation leaves nothing behind. */
int pgsql_write_begin(struct pgsql_store *s, bool shared,
		      const char **error_r)
{
	ds_txn_cache_writing(&s->store);
	if (s->in_user_txn) {
		if (pgsql_exec_sql_ahead(s, "SAVEPOINT dondoc_op",
					 error_r) < 0)
			return -1;
		s->savepoint_depth++;
		return 0;
	}
	return pgsql_txn_begin(s, shared, NULL, error_r);
}

void pgsql_write_durable(struct pgsql_store *s)
{
	/* inside the caller's transaction: its COMMIT */
	s->txn_durable = TRUE;
}

int pgsql_write_commit(struct pgsql_store *s, const char **error_r)
{
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		return pgsql_exec_sql_ahead(s, "RELEASE SAVEPOINT dondoc_op",
					    error_r);
	}
	return pgsql_txn_commit(s, error_r);
}

void pgsql_write_rollback(struct pgsql_store *s)
{
	const char *error;

	/* what the operation read or wrote may be undone */
	ds_txn_cache_forget(&s->store);
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		/* Not when a statement sent ahead failed: its operation was
		   told it succeeded, and rolling back to this savepoint would
		   revive the transaction without it. The COMMIT fails. */
		if (!s->queued_failed) {
			(void)pgsql_exec_sql(s, "ROLLBACK TO SAVEPOINT "
				"dondoc_op; RELEASE SAVEPOINT dondoc_op",
				&error);
		}
		return;
	}
	pgsql_txn_rollback(s);
}

static int pgsql_begin_keys(struct dondoc_store *store,
			    const char *const *keys, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (s->in_user_txn) {
		*error_r = "a transaction is already open";
		return -1;
	}
	if (pgsql_txn_begin(s, FALSE, keys, error_r) < 0)
		return -1;
	s->in_user_txn = TRUE;
	return 0;
}

static int pgsql_begin(struct dondoc_store *store, const char **error_r)
{
	return pgsql_begin_keys(store, NULL, error_r);
}

static int pgsql_commit(struct dondoc_store *store, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (!s->in_user_txn) {
		*error_r = "no transaction is open";
		return -1;
	}
	s->in_user_txn = FALSE;
	return pgsql_txn_commit(s, error_r);
}

static void pgsql_rollback(struct dondoc_store *store)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (!s->in_user_txn)
		return;
	s->in_user_txn = FALSE;
	pgsql_txn_rollback(s);
}

/* ---- audit ---- */

int pgsql_audit(struct pgsql_store *s, const char *entity, const char *key,
		const char *action, const char *old_value,
		const char *new_value, const char **error_r)
{
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_AUDIT_ADD, error_r)) == NULL)
		return -1;
	pgsql_bind_int64(stmt, 1, (int64_t)time(NULL));
	pgsql_bind_text(stmt, 2, s->store.actor);
	pgsql_bind_text_empty(stmt, 3, entity);
	pgsql_bind_text_empty(stmt, 4, key);
	pgsql_bind_text_empty(stmt, 5, action);
	pgsql_bind_text(stmt, 6, old_value);
	pgsql_bind_text(stmt, 7, new_value);
	/* nobody waits for its answer: sent with the next statement */
	return pgsql_stmt_exec_ahead(s, stmt, "audit", error_r);
}

/* ---- schema: open, migrate, check ---- */

/* What the connection's schema holds: its name, how many relations, and
   whether one of them is dondoc's version table. */
static const char *const pgsql_schema_sql =
	"SELECT current_schema(), (SELECT count(*) FROM pg_catalog.pg_class c "
	"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	"WHERE n.nspname = current_schema()), EXISTS (SELECT 1 FROM "
	"pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
	"n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
	"c.relname = 'dondoc_schema' AND c.relkind = 'r')";
static const char *const pgsql_version_sql =
	"SELECT application_id, version FROM dondoc_schema";

static int pgsql_read_version(struct pgsql_store *s, int64_t *app_id_r,
			      int *version_r, const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_sql(s, pgsql_version_sql, error_r)) == NULL)
		return -1;
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		*app_id_r = pgsql_col_int64(stmt, 0);
		*version_r = pgsql_col_int(stmt, 1);
	} else if (ret == PGSQL_DONE) {
		*app_id_r = 0;
		*version_r = -1;
	} else {
		*error_r = pgsql_errstr(s, "schema version");
	}
	pgsql_stmt_done(stmt);
	return ret == PGSQL_ERROR ? -1 : 0;
}

/* Is this schema ours (or empty), at a version we understand? Reads
   only: a foreign or newer schema is left as it was. */
static int pgsql_check_header(struct pgsql_store *s, int *version_r,
			      const char **error_r)
{
	struct pgsql_stmt *stmt;
	const char *schema;
	int64_t objects, app_id;
	bool ours;
	int ret, version;

	if ((stmt = pgsql_stmt_sql(s, pgsql_schema_sql, error_r)) == NULL)
		return -1;
	ret = pgsql_step(stmt);
	if (ret != PGSQL_ROW) {
		*error_r = pgsql_errstr(s, "schema lookup");
		pgsql_stmt_done(stmt);
		return -1;
	}
	schema = t_strdup(pgsql_col_text(stmt, 0));
	objects = pgsql_col_int64(stmt, 1);
	ours = pgsql_col_int64(stmt, 2) != 0;
	pgsql_stmt_done(stmt);
	if (schema == NULL) {
		*error_r = t_strdup_printf("%s: the search_path names no "
			"schema that exists (create it first: CREATE SCHEMA)",
			s->path);
		return -1;
	}
	if (!ours) {
		if (objects == 0) {
			*version_r = 0; /* new, empty */
			return 0;
		}
		*error_r = t_strdup_printf(
			"%s: schema %s holds %lld tables or other relations "
			"but is not a dondoc store", s->path, schema,
			(long long)objects);
		return -1;
	}
	if (pgsql_read_version(s, &app_id, &version, error_r) < 0)
		return -1;
	if (app_id != DONDOC_STORE_SQLITE_APPLICATION_ID) {
		*error_r = t_strdup_printf(
			"%s: schema %s is not a dondoc store "
			"(application_id 0x%08llx)", s->path, schema,
			(unsigned long long)app_id);
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

static const char *const pgsql_version_create_sql =
	"CREATE TABLE dondoc_schema (application_id bigint NOT NULL, "
	"version integer NOT NULL)";
static const char *const pgsql_version_insert_sql =
	"INSERT INTO dondoc_schema (application_id, version) VALUES ($1, $2)";
static const char *const pgsql_version_update_sql =
	"UPDATE dondoc_schema SET version = $1";

static int pgsql_set_version(struct pgsql_store *s, int old_version,
			     int version, const char **error_r)
{
	struct pgsql_stmt *stmt;

	if (old_version == 0) {
		if (pgsql_exec_sql(s, pgsql_version_create_sql, error_r) < 0 ||
		    (stmt = pgsql_stmt_sql(s, pgsql_version_insert_sql,
					   error_r)) == NULL)
			return -1;
		pgsql_bind_int64(stmt, 1, DONDOC_STORE_SQLITE_APPLICATION_ID);
		pgsql_bind_int(stmt, 2, version);
	} else {
		if ((stmt = pgsql_stmt_sql(s, pgsql_version_update_sql,
					   error_r)) == NULL)
			return -1;
		pgsql_bind_int(stmt, 1, version);
	}
	return pgsql_stmt_exec(s, stmt, "schema version", error_r);
}

static int pgsql_migrate(struct dondoc_store *store, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	int version;
	unsigned int i;
	bool applied = FALSE;

	if (s->in_user_txn) {
		*error_r = "cannot migrate inside a transaction";
		return -1;
	}
	if (dondoc_store_pgsql_migrations_count !=
	    dondoc_store_migrations_count) {
		*error_r = "this build's PostgreSQL migrations do not match "
			"its SQLite ones";
		return -1;
	}
	if (pgsql_txn_begin(s, FALSE, NULL, error_r) < 0)
		return -1;
	/* read again under the write lock: another process may have
	   migrated while we waited */
	if (pgsql_check_header(s, &version, error_r) < 0) {
		pgsql_txn_rollback(s);
		return -1;
	}
	for (i = 0; i < dondoc_store_pgsql_migrations_count; i++) {
		const struct dondoc_store_migration *m =
			&dondoc_store_pgsql_migrations[i];

		if (m->version <= version)
			continue;
		if (pgsql_exec_sql(s, m->sql, error_r) < 0 ||
		    pgsql_set_version(s, version, m->version, error_r) < 0 ||
		    pgsql_audit(s, "schema", m->name, "migrate",
				t_strdup_printf("%d", version),
				t_strdup_printf("%d", m->version),
				error_r) < 0) {
			*error_r = t_strdup_printf("migration pgsql/%s failed: "
						   "%s", m->name, *error_r);
			pgsql_txn_rollback(s);
			return -1;
		}
		version = m->version;
		applied = TRUE;
	}
	if (pgsql_txn_commit(s, error_r) < 0)
		return -1;
	return applied ? 1 : 0;
}

static int pgsql_get_version(struct dondoc_store *store, int *version_r,
			     const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	int64_t app_id;

	if (pgsql_read_version(s, &app_id, version_r, error_r) < 0)
		return -1;
	if (*version_r < 0)
		*version_r = 0;
	return 0;
}

/* The server keeps its own pages and foreign keys whole; what is left to
   check is the version and that the audit log still refuses changes. */
static const char *const pgsql_check_sql =
	"SELECT count(*) FROM pg_catalog.pg_trigger t "
	"JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
	"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	"WHERE n.nspname = current_schema() AND c.relname = 'audit' AND "
	"t.tgname IN ('audit_no_update', 'audit_no_delete', "
	"'audit_no_truncate') AND t.tgenabled != 'D'";

static int pgsql_check(struct dondoc_store *store, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	string_t *problems = t_str_new(128);
	struct pgsql_stmt *stmt;
	int version, ret;
	int64_t triggers = 0;

	if (pgsql_get_version(store, &version, error_r) < 0)
		return -1;
	if (version != dondoc_store_schema_version()) {
		str_printfa(problems, "schema version %d, expected %d; ",
			    version, dondoc_store_schema_version());
	}
	if ((stmt = pgsql_stmt_sql(s, pgsql_check_sql, error_r)) == NULL)
		return -1;
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW)
		triggers = pgsql_col_int64(stmt, 0);
	pgsql_stmt_done(stmt);
	if (ret != PGSQL_ROW) {
		*error_r = pgsql_errstr(s, "check");
		return -1;
	}
	if (triggers != 3)
		str_append(problems, "the audit log's append-only triggers "
			   "are missing or disabled; ");
	if (str_len(problems) > 0) {
		str_truncate(problems, str_len(problems) - 2);
		*error_r = str_c(problems);
		return 0;
	}
	return 1;
}

/* What errors call a store: database, host and user, never a password. */
static const char *pgsql_display_name(const char *conninfo)
{
	PQconninfoOption *opts, *o;
	const char *db = NULL, *host = NULL, *opt = NULL;
	char *err = NULL;
	string_t *str;

	opts = PQconninfoParse(conninfo, &err);
	if (opts == NULL) {
		PQfreemem(err);
		return "postgresql:(invalid conninfo)";
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || o->val[0] == '\0')
			continue;
		if (strcmp(o->keyword, "dbname") == 0)
			db = t_strdup(o->val);
		else if (strcmp(o->keyword, "host") == 0)
			host = t_strdup(o->val);
		else if (strcmp(o->keyword, "options") == 0)
			opt = t_strdup(o->val);
	}
	PQconninfoFree(opts);
	str = t_str_new(128);
	str_printfa(str, "postgresql:%s", db == NULL ? "(default)" : db);
	if (host != NULL)
		str_printfa(str, "@%s", host);
	if (opt != NULL && strstr(opt, "search_path") != NULL)
		str_printfa(str, " (%s)", opt);
	return str_c(str);
}

/* One database whatever the conninfo's form (URI, key=value, defaults
   from the environment): where (host, hostaddr, port), which database,
   as whom and with which options (a search_path names a schema). */
static const char *pgsql_identity(const char *conninfo)
{
	static const char *const keys[] = {
		"host", "hostaddr", "port", "dbname", "user", "options",
	};
	PQconninfoOption *opts, *o;
	string_t *str = t_str_new(128);
	char *err = NULL;
	unsigned int i;

	opts = PQconninfoParse(conninfo, &err);
	if (opts == NULL) {
		PQfreemem(err);
		return NULL;
	}
	for (i = 0; i < N_ELEMENTS(keys); i++) {
		for (o = opts; o->keyword != NULL; o++) {
			if (strcmp(o->keyword, keys[i]) == 0)
				break;
		}
		str_printfa(str, "%s=%s\n", keys[i],
			    o->keyword != NULL && o->val != NULL ? o->val : "");
	}
	PQconninfoFree(opts);
	return str_c(str);
}

static void pgsql_free(struct pgsql_store *s)
{
	pgsql_txn_keys_free(s);
	pgsql_stmts_free(s);
	if (s->conn != NULL)
		PQfinish(s->conn);
	i_free(s->last_error);
	i_free(s->conninfo);
	i_free(s->path);
	i_free(s);
}

static int pgsql_open(const char *conninfo,
		      const struct dondoc_store_settings *set,
		      struct dondoc_store **store_r, const char **error_r)
{
	struct pgsql_store *s;
	char *err = NULL;
	PQconninfoOption *opts;
	int version;

	opts = PQconninfoParse(conninfo, &err);
	if (opts == NULL) {
		*error_r = t_strdup_printf("invalid PostgreSQL conninfo: %s",
			err == NULL ? "out of memory" : t_strcut(err, '\n'));
		PQfreemem(err);
		return -1;
	}
	PQconninfoFree(opts);

	s = i_new(struct pgsql_store, 1);
	s->conninfo = i_strdup(conninfo);
	s->path = i_strdup(pgsql_display_name(conninfo));
	s->set = *set;
	if (s->set.busy_timeout_msecs == 0)
		s->set.busy_timeout_msecs =
			DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS;
	pgsql_stmts_init(s);
	if (pgsql_connect(s, error_r) < 0) {
		pgsql_free(s);
		return -1;
	}
	/* Look before touching: a foreign schema is left as it was. */
	if (pgsql_check_header(s, &version, error_r) < 0) {
		pgsql_free(s);
		return -1;
	}
	if (version == 0 && !set->create) {
		*error_r = t_strdup_printf("store %s does not exist (create it "
					   "with dondoc db init)", s->path);
		pgsql_free(s);
		return -1;
	}
	if (version < dondoc_store_schema_version()) {
		if (set->no_migrate && version > 0) {
			*error_r = t_strdup_printf(
				"%s has schema version %d, this dondoc uses %d: "
				"run dondoc db migrate", s->path, version,
				dondoc_store_schema_version());
			pgsql_free(s);
			return -1;
		}
		if (pgsql_migrate(&s->store, error_r) < 0) {
			pgsql_free(s);
			return -1;
		}
	}
	*store_r = &s->store;
	return 0;
}

static void pgsql_close(struct dondoc_store *store)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (s->in_user_txn)
		pgsql_rollback(store);
	pgsql_free(s);
}

/* Without relaxed_sync each COMMIT waited for the server's WAL flush.
   With it, one transaction that writes WAL and commits synchronously
   flushes the WAL up to its commit: every earlier commit with it. Right
   after such a commit (a durable transaction's, or this sync's) with
   nothing sent since, there is nothing to flush: no round trip. */
static int pgsql_sync(struct dondoc_store *store, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (!s->set.relaxed_sync || s->in_txn || s->synced)
		return 0;
	/* A transaction that wrote no WAL commits without the flush
	   whatever synchronous_commit says (an xid alone, as
	   pg_current_xact_id() takes, is not enough): a transactional
	   logical message is the least WAL there is, and any user may
	   write one. */
	if (pgsql_exec_sql(s, "BEGIN; SET LOCAL synchronous_commit = on; "
			   "SELECT pg_logical_emit_message(true, 'dondoc', "
			   "'sync'); COMMIT", error_r) < 0)
		return -1;
	s->synced = TRUE;
	return 0;
}

static const struct dondoc_store_vfuncs pgsql_vfuncs = {
	.driver = &dondoc_store_pgsql_driver,
	.open = pgsql_open,
	.close = pgsql_close,
	.get_version = pgsql_get_version,
	.migrate = pgsql_migrate,
	.check = pgsql_check,
	.begin = pgsql_begin,
	.begin_keys = pgsql_begin_keys,
	.commit = pgsql_commit,
	.rollback = pgsql_rollback,
	.sync = pgsql_sync,
	.audit_list = pgsql_audit_list,
	.audit_add = pgsql_audit_add,
	.error_is_temporary = pgsql_error_is_temporary,
	.backup = pgsql_backup,
	.outbox_purge = pgsql_outbox_purge,
	.copy_count = pgsql_copy_count,
	.copy_rows = pgsql_copy_rows,
	.copy_insert = pgsql_copy_insert,
	.copy_finish = pgsql_copy_finish,
};

const struct dondoc_store_backend dondoc_store_backend_pgsql = {
	.scheme = "postgresql",
	.v = &pgsql_vfuncs,
	.identity = pgsql_identity,
};
