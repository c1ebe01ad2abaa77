/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL backend's connection and statements: connecting within
   the busy timeout, reconnecting a broken connection only while no
   transaction is open, statements prepared once per connection (lazily,
   on first use) and executed with text parameters, and the step/column
   helpers the entity files use. Inside a transaction, what nobody waits
   an answer for (savepoints, audit rows) is sent ahead in libpq's
   pipeline mode (dondoc-store-pgsql-pipeline.c) and answered with the
   next statement that needs an answer, or with the COMMIT: a delivery's round trips, not its
   statements, are what the network costs. Every value is a bound parameter; the
   SQL text is constant (dondoc-store-pgsql-statements.c and the entity
   files). Trusts dondoc-store.c for argument bounds. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "time-util.h"
#include "dondoc-store-pgsql-private.h"

#include <ctype.h>
#include <poll.h>

/* ---- errors ---- */

/* SQLSTATE classes worth a later retry: the connection (08), a
   serialization failure or deadlock (40), resources (53), a lock not
   had within lock_timeout (55P03), statement_timeout (57014), the server
   shutting down or starting (57P01..57P03). */
static bool pgsql_sqlstate_is_temporary(const char *state)
{
	if (state == NULL)
		return TRUE; /* no answer at all: the connection */
	return strncmp(state, "08", 2) == 0 || strncmp(state, "40", 2) == 0 ||
		strncmp(state, "53", 2) == 0 || strcmp(state, "55P03") == 0 ||
		strcmp(state, "57014") == 0 || strncmp(state, "57P0", 4) == 0;
}

void pgsql_set_error(struct pgsql_store *s, const char *msg,
		     bool temporary)
{
	i_free(s->last_error);
	s->last_error = i_strdup(t_strcut(msg, '\n'));
	s->last_error_temporary = temporary;
	s->store.backend_errors++;
}

void pgsql_note_result(struct pgsql_store *s, const PGresult *res)
{
	const char *state = res == NULL ? NULL :
		PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg;

	/* dropped here (no answer in time): that error was set then */
	if (res == NULL && s->conn == NULL)
		return;
	msg = res != NULL && PQresultErrorMessage(res)[0] != '\0' ?
		PQresultErrorMessage(res) : PQerrorMessage(s->conn);

	pgsql_set_error(s, t_strdup_printf("%s%s%s", msg,
					   state == NULL ? "" : " SQLSTATE ",
					   state == NULL ? "" : state),
			pgsql_sqlstate_is_temporary(state) ||
			PQstatus(s->conn) != CONNECTION_OK);
}

const char *pgsql_errstr(struct pgsql_store *s, const char *what)
{
	return t_strdup_printf("%s: %s: %s", s->path, what,
			       s->last_error == NULL ? "unknown error" :
			       s->last_error);
}

/* ---- connecting ---- */

static void pgsql_forget_prepared(struct pgsql_store *s)
{
	struct pgsql_stmt *const *stmtp;
	unsigned int i;

	for (i = 0; i < STMT_COUNT; i++)
		s->stmts[i].prepared = FALSE;
	if (array_is_created(&s->adhoc)) {
		array_foreach(&s->adhoc, stmtp)
			(*stmtp)->prepared = FALSE;
	}
}

/* ---- waiting, never longer than the busy timeout ---- */

void pgsql_deadline(struct pgsql_store *s, struct timeval *deadline_r)
{
	i_gettimeofday(deadline_r);
	timeval_add_msecs(deadline_r, s->set.busy_timeout_msecs);
}

/* Wait for the socket to be ready for events until the deadline:
   1 ready (or no socket: libpq tells why), 0 the deadline passed,
   -1 poll() failed (errno). */
static int pgsql_poll(PGconn *conn, short events,
		      const struct timeval *deadline)
{
	struct pollfd pfd = { .fd = PQsocket(conn), .events = events };
	struct timeval now;
	long long left;

	if (pfd.fd < 0)
		return 1;
	i_gettimeofday(&now);
	left = timeval_diff_msecs(deadline, &now);
	if (left <= 0)
		return 0;
	if (poll(&pfd, 1, (int)I_MIN(left, INT_MAX)) < 0 && errno != EINTR)
		return -1;
	return 1;
}

/* The server did not answer in time (hung, or the network gone): the
   connection is closed, so that the next use reconnects and nothing
   late on it is mistaken for a later answer. No PQcancel: libpq before
   17 only has the blocking one, which would wait on the very server
   that does not answer; the server's own statement_timeout (the busy
   timeout, set at connect) ends the statement, and the closed socket
   ends its backend. Inside a transaction that transaction is lost. */
static void pgsql_drop(struct pgsql_store *s, int poll_ret)
{
	pgsql_set_error(s, poll_ret == 0 ? t_strdup_printf(
		"no answer within %u ms: connection dropped",
		s->set.busy_timeout_msecs) : t_strdup_printf(
		"poll() failed: %m: connection dropped"), TRUE);
	PQfinish(s->conn);
	s->conn = NULL;
	s->queued = 0;
	s->queued_failed = s->in_txn;
	s->timed_out = TRUE;
}

/* Connect without blocking, so that no connection attempt outlasts the
   busy timeout (libpq's connect_timeout counts whole seconds, at least
   two). */
static int pgsql_connect_start(struct pgsql_store *s, const char **error_r)
{
	struct timeval deadline;
	PostgresPollingStatusType status = PGRES_POLLING_WRITING;
	int ret;

	if (s->conn != NULL)
		PQfinish(s->conn);
	pgsql_forget_prepared(s);
	s->copy_table = NULL;
	s->in_txn = FALSE;
	s->txn_unanswered = FALSE;
	s->timed_out = FALSE;
	s->queued = 0;
	s->queued_failed = FALSE;
	s->conn = PQconnectStart(s->conninfo);
	if (s->conn == NULL) {
		*error_r = t_strdup_printf("%s: out of memory", s->path);
		return -1;
	}
	if (PQstatus(s->conn) == CONNECTION_BAD)
		goto failed;
	pgsql_deadline(s, &deadline);
	while (status != PGRES_POLLING_OK) {
		if (status == PGRES_POLLING_FAILED)
			goto failed;
		ret = pgsql_poll(s->conn, status == PGRES_POLLING_READING ?
				 POLLIN : POLLOUT, &deadline);
		if (ret <= 0) {
			pgsql_drop(s, ret);
			*error_r = pgsql_errstr(s, "connect");
			return -1;
		}
		status = PQconnectPoll(s->conn);
	}
	/* statements are sent without blocking too (pgsql_answer()) */
	if (PQsetnonblocking(s->conn, 1) == 0)
		return 0;
failed:
	pgsql_set_error(s, PQerrorMessage(s->conn), TRUE);
	*error_r = pgsql_errstr(s, "connect");
	PQfinish(s->conn);
	s->conn = NULL;
	return -1;
}

/* Flush what was sent and wait until an answer can be read without
   blocking, until the deadline: 0 (the answer, or a broken connection
   that PQgetResult() reports), -1 the connection was dropped. */
static int pgsql_wait(struct pgsql_store *s, const struct timeval *deadline)
{
	int flushed, ret;

	while ((flushed = PQflush(s->conn)) > 0 || PQisBusy(s->conn)) {
		ret = pgsql_poll(s->conn, flushed > 0 ?
				 POLLIN | POLLOUT : POLLIN, deadline);
		if (ret <= 0) {
			pgsql_drop(s, ret);
			return -1;
		}
		if (PQconsumeInput(s->conn) == 0)
			return 0;
	}
	return 0;
}

PGresult *pgsql_get_result(struct pgsql_store *s,
			   const struct timeval *deadline)
{
	if (s->conn == NULL || pgsql_wait(s, deadline) < 0)
		return NULL;
	return PQgetResult(s->conn);
}

PGresult *pgsql_answer(struct pgsql_store *s, int sent)
{
	struct timeval deadline;
	PGresult *res, *last = NULL;

	/* whatever it is, it may write: no longer known to be synced */
	s->synced = FALSE;
	if (sent != 1) {
		pgsql_note_result(s, NULL);
		return NULL;
	}
	pgsql_deadline(s, &deadline);
	/* as PQexec(): the last answer (several for a query string of
	   several statements) */
	while ((res = pgsql_get_result(s, &deadline)) != NULL) {
		PQclear(last);
		last = res;
		if (PQstatus(s->conn) == CONNECTION_BAD)
			break;
	}
	if (s->conn == NULL) {
		PQclear(last);
		return NULL;
	}
	if (last == NULL)
		pgsql_note_result(s, NULL);
	return last;
}

int pgsql_connect(struct pgsql_store *s, const char **error_r)
{
	const char *timeout = t_strdup_printf("%u", s->set.busy_timeout_msecs);
	/* relaxed_sync: commits do not wait for the WAL flush (they survive
	   a crash of the process, not of the server's machine, until
	   dondoc_store_sync()); else the server's synchronous_commit */
	const char *const values[] = {
		timeout, timeout, s->set.relaxed_sync ? "off" : NULL,
	};
	PGresult *res;
	bool ok;

	if (pgsql_connect_start(s, error_r) < 0)
		return -1;
	/* No statement, nor any wait for a lock, longer than the busy
	   timeout: a delivery gives up and spools its work instead. */
	res = pgsql_answer(s, PQsendQueryParams(s->conn,
		"SELECT set_config('statement_timeout', "
		"$1, false), set_config('lock_timeout', $2, false), "
		"set_config('client_encoding', 'UTF8', false), "
		"CASE WHEN $3::text IS NOT NULL THEN set_config("
		"'synchronous_commit', $3, false) END",
		3, NULL, values, NULL, NULL, 0));
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok) {
		if (res != NULL)
			pgsql_note_result(s, res);
		*error_r = pgsql_errstr(s, "connection settings");
	}
	PQclear(res);
	return ok ? 0 : -1;
}

int pgsql_ensure_connected(struct pgsql_store *s, const char **error_r)
{
	if (s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK)
		return 0;
	if (s->in_txn) {
		/* what the transaction did is gone: never replayed here */
		pgsql_set_error(s, "the connection broke inside a transaction",
				TRUE);
		*error_r = pgsql_errstr(s, "connection");
		return -1;
	}
	return pgsql_connect(s, error_r);
}

/* A failed statement on a connection found broken (the server restarted
   since the last delivery), outside a transaction or as the first
   answer of one: nothing of it was done (a transaction that never got
   to its COMMIT is the server's to roll back), so reconnecting and
   sending it once more, after the transaction's BEGIN, is safe. */
static bool pgsql_retry_after(struct pgsql_store *s, PGresult **res)
{
	const char *error;

	/* a connection dropped here got no answer in time: what it was
	   sent may have been done, and waiting again doubles the wait */
	if (s->in_txn ? !s->txn_unanswered || s->timed_out ||
	    (s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK) :
	    s->conn == NULL || PQstatus(s->conn) == CONNECTION_OK)
		return FALSE;
	/* the failure is noted before the connection is replaced (a NULL
	   answer was noted already) */
	if (*res != NULL)
		pgsql_note_result(s, *res);
	PQclear(*res);
	*res = NULL;
	if (s->in_txn)
		return pgsql_txn_restart(s) == 0;
	return pgsql_connect(s, &error) == 0;
}

int pgsql_exec_sql(struct pgsql_store *s, const char *sql,
		   const char **error_r)
{
	PGresult *res;
	ExecStatusType status;
	bool retried = FALSE;

	if (pgsql_ensure_connected(s, error_r) < 0)
		return -1;
	/* the answers of what was sent ahead first; a ROLLBACK of the
	   whole transaction is sent even when one of them failed */
	if (pgsql_pipeline_drain(s, error_r) < 0 &&
	    strcmp(sql, "ROLLBACK") != 0)
		return -1;
	for (;;) {
		res = pgsql_answer(s, PQsendQuery(s->conn, sql));
		status = PQresultStatus(res);
		if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
			s->txn_unanswered = FALSE;
			PQclear(res);
			return 0;
		}
		if (retried || !pgsql_retry_after(s, &res))
			break;
		retried = TRUE;
	}
	if (res != NULL)
		pgsql_note_result(s, res);
	PQclear(res);
	*error_r = pgsql_errstr(s, t_strcut(sql, '\n'));
	return -1;
}

/* COMMIT. The server answers a COMMIT of a transaction that had already
   failed (a statement in it got an error) with the command tag ROLLBACK,
   which libpq reports as PGRES_COMMAND_OK: only the tag tells that
   nothing was kept. The earlier failure decides whether the whole
   transaction is worth doing again. */
int pgsql_exec_commit(struct pgsql_store *s, const char **error_r)
{
	PGresult *res;
	bool temporary;

	if (pgsql_ensure_connected(s, error_r) < 0)
		return -1;
	if (s->queued_failed) {
		*error_r = pgsql_errstr(s, "COMMIT: a statement sent ahead "
					"in this transaction");
		return -1;
	}
	if (s->queued == 0)
		res = pgsql_answer(s, PQsendQuery(s->conn, "COMMIT"));
	else if (PQsendQueryParams(s->conn, "COMMIT", 0, NULL, NULL, NULL,
				   NULL, 0) != 1) {
		pgsql_pipeline_lost(s, "COMMIT not sent");
		*error_r = pgsql_errstr(s, "COMMIT");
		return -1;
	} else if (pgsql_pipeline_finish(s, &res) < 0) {
		/* the failure sent ahead is the error, not the skipped
		   COMMIT's answer */
		PQclear(res);
		*error_r = pgsql_errstr(s, "COMMIT: a statement sent ahead "
					"in this transaction");
		return -1;
	}
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		if (res != NULL)
			pgsql_note_result(s, res);
		PQclear(res);
		*error_r = pgsql_errstr(s, "COMMIT");
		return -1;
	}
	if (strcmp(PQcmdStatus(res), "COMMIT") == 0) {
		PQclear(res);
		return 0;
	}
	temporary = s->last_error_temporary;
	pgsql_set_error(s, t_strdup_printf(
		"the transaction had failed (%s), the server rolled it back "
		"(answered %s)", s->last_error == NULL ? "unknown error" :
		s->last_error, PQcmdStatus(res)), temporary);
	PQclear(res);
	*error_r = pgsql_errstr(s, "COMMIT");
	return -1;
}

/* ---- statements ---- */

/* The highest $N of a statement: how many values it is sent. */
static int pgsql_count_params(const char *sql)
{
	int n, max = 0;

	for (; *sql != '\0'; sql++) {
		if (*sql != '$' || !i_isdigit(sql[1]))
			continue;
		for (n = 0; i_isdigit(sql[1]); sql++)
			n = n * 10 + (sql[1] - '0');
		if (n > max)
			max = n;
	}
	i_assert(max <= PGSQL_MAX_PARAMS);
	return max;
}

static void pgsql_stmt_init(struct pgsql_store *s, struct pgsql_stmt *stmt,
			    const char *sql, const char *name)
{
	i_zero(stmt);
	stmt->s = s;
	stmt->sql = sql;
	stmt->nparams = pgsql_count_params(sql);
	i_assert(strlen(name) < sizeof(stmt->name));
	i_strocpy(stmt->name, name, sizeof(stmt->name));
}

void pgsql_stmts_init(struct pgsql_store *s)
{
	unsigned int i;

	for (i = 0; i < STMT_COUNT; i++) {
		i_assert(pgsql_stmt_text[i] != NULL);
		pgsql_stmt_init(s, &s->stmts[i], pgsql_stmt_text[i],
				t_strdup_printf("dd%u", i));
	}
	i_array_init(&s->adhoc, 16);
}

void pgsql_stmts_free(struct pgsql_store *s)
{
	struct pgsql_stmt **stmtp;
	unsigned int i;

	for (i = 0; i < STMT_COUNT; i++)
		pgsql_stmt_done(&s->stmts[i]);
	if (!array_is_created(&s->adhoc))
		return;
	array_foreach_modifiable(&s->adhoc, stmtp) {
		pgsql_stmt_done(*stmtp);
		i_free(*stmtp);
	}
	array_free(&s->adhoc);
}

static struct pgsql_stmt *pgsql_stmt_ready(struct pgsql_stmt *stmt,
					   const char **error_r)
{
	i_assert(stmt->res == NULL);
	memset(stmt->values, 0, sizeof(stmt->values));
	if (pgsql_ensure_connected(stmt->s, error_r) < 0)
		return NULL;
	return stmt;
}

struct pgsql_stmt *pgsql_stmt_get(struct pgsql_store *s,
				  enum dondoc_store_stmt_id id, const char **error_r)
{
	return pgsql_stmt_ready(&s->stmts[id], error_r);
}

struct pgsql_stmt *pgsql_stmt_sql(struct pgsql_store *s, const char *sql,
				  const char **error_r)
{
	struct pgsql_stmt *const *stmtp, *stmt;

	array_foreach(&s->adhoc, stmtp) {
		if ((*stmtp)->sql == sql)
			return pgsql_stmt_ready(*stmtp, error_r);
	}
	stmt = i_new(struct pgsql_stmt, 1);
	pgsql_stmt_init(s, stmt, sql, t_strdup_printf("dx%u",
		array_count(&s->adhoc)));
	array_push_back(&s->adhoc, &stmt);
	return pgsql_stmt_ready(stmt, error_r);
}

/* Prepared on this connection, at once when it was not yet: nothing may
   be queued (its answer would come first). 0, or -1 with the error
   noted. */
static int pgsql_stmt_prepare_now(struct pgsql_stmt *stmt)
{
	struct pgsql_store *s = stmt->s;
	PGresult *res;

	if (stmt->prepared)
		return 0;
	i_assert(s->queued == 0);
	res = pgsql_answer(s, PQsendPrepare(s->conn, stmt->name, stmt->sql,
					     0, NULL));
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		if (res != NULL)
			pgsql_note_result(s, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	stmt->prepared = TRUE;
	return 0;
}

int pgsql_stmt_prepare(struct pgsql_stmt *stmt, const char **error_r)
{
	struct pgsql_store *s = stmt->s;

	if (pgsql_stmt_prepare_now(stmt) == 0)
		return 0;
	/* broken since its last use (the server restarted), no transaction
	   open: nothing was done on it; a dropped one (no answer in time)
	   is not waited for twice */
	if (!s->in_txn && s->conn != NULL &&
	    PQstatus(s->conn) != CONNECTION_OK &&
	    pgsql_connect(s, error_r) == 0 && pgsql_stmt_prepare_now(stmt) == 0)
		return 0;
	*error_r = pgsql_errstr(s, "prepare");
	return -1;
}

static PGresult *pgsql_stmt_run(struct pgsql_stmt *stmt)
{
	struct pgsql_store *s = stmt->s;
	const char *error;
	PGresult *res;

	/* the transaction is lost: the failure sent ahead is the error */
	if (s->queued_failed)
		return NULL;
	/* an unprepared one is prepared at once, alone (first use on this
	   connection): the queue goes first */
	if (s->queued > 0 && !stmt->prepared &&
	    pgsql_pipeline_drain(s, &error) < 0)
		return NULL;
	if (s->queued > 0) {
		/* with what was sent ahead, in one round trip */
		if (PQsendQueryPrepared(s->conn, stmt->name, stmt->nparams,
					stmt->values, NULL, NULL, 0) != 1) {
			pgsql_pipeline_lost(s, "statement not sent");
			return NULL;
		}
		if (pgsql_pipeline_finish(s, &res) < 0) {
			PQclear(res);
			return NULL;
		}
		return res;
	}

	if (pgsql_stmt_prepare_now(stmt) < 0)
		return NULL;
	return pgsql_answer(s, PQsendQueryPrepared(s->conn, stmt->name,
		stmt->nparams, stmt->values, NULL, NULL, 0));
}

/* First call executes; then one row per call, as sqlite3_step(). */
int pgsql_step(struct pgsql_stmt *stmt)
{
	struct pgsql_store *s = stmt->s;
	ExecStatusType status;
	PGresult *res;
	bool retried = FALSE;

	if (stmt->res == NULL) {
		for (;;) {
			res = pgsql_stmt_run(stmt);
			if (res == NULL) {
				/* the prepare failed, noted */
				if (!retried && pgsql_retry_after(s, &res)) {
					retried = TRUE;
					continue;
				}
				return PGSQL_ERROR;
			}
			status = PQresultStatus(res);
			if (status == PGRES_TUPLES_OK ||
			    status == PGRES_COMMAND_OK) {
				s->txn_unanswered = FALSE;
				break;
			}
			if (retried || !pgsql_retry_after(s, &res)) {
				if (res != NULL)
					pgsql_note_result(s, res);
				PQclear(res);
				return PGSQL_ERROR;
			}
			retried = TRUE;
		}
		stmt->res = res;
		stmt->row = -1;
		stmt->nrows = PQntuples(res);
		s->last_changes = atoi(PQcmdTuples(res));
		if (stmt->nrows > 0 && PQnfields(res) > 0 &&
		    !PQgetisnull(res, 0, 0)) {
			if (str_to_int64(PQgetvalue(res, 0, 0),
					 &s->last_id) < 0)
				s->last_id = 0;
		}
	}
	if (stmt->row + 1 < stmt->nrows) {
		stmt->row++;
		return PGSQL_ROW;
	}
	return PGSQL_DONE;
}

void pgsql_stmt_done(struct pgsql_stmt *stmt)
{
	if (stmt->res != NULL)
		PQclear(stmt->res);
	stmt->res = NULL;
	memset(stmt->values, 0, sizeof(stmt->values));
}

void pgsql_bind_null(struct pgsql_stmt *stmt, int idx)
{
	i_assert(idx >= 1 && idx <= PGSQL_MAX_PARAMS);
	stmt->values[idx - 1] = NULL;
}

void pgsql_bind_text(struct pgsql_stmt *stmt, int idx, const char *value)
{
	i_assert(idx >= 1 && idx <= PGSQL_MAX_PARAMS);
	stmt->values[idx - 1] = value == NULL || value[0] == '\0' ?
		NULL : value;
}

void pgsql_bind_text_empty(struct pgsql_stmt *stmt, int idx,
			   const char *value)
{
	i_assert(idx >= 1 && idx <= PGSQL_MAX_PARAMS);
	stmt->values[idx - 1] = value == NULL ? "" : value;
}

void pgsql_bind_int64(struct pgsql_stmt *stmt, int idx, int64_t value)
{
	i_assert(idx >= 1 && idx <= PGSQL_MAX_PARAMS);
	i_snprintf(stmt->ints[idx - 1], sizeof(stmt->ints[idx - 1]),
		   "%lld", (long long)value);
	stmt->values[idx - 1] = stmt->ints[idx - 1];
}

void pgsql_bind_int(struct pgsql_stmt *stmt, int idx, int value)
{
	pgsql_bind_int64(stmt, idx, value);
}

void pgsql_bind_date(struct pgsql_stmt *stmt, int idx,
		     const struct dondoc_date *date)
{
	i_assert(idx >= 1 && idx <= PGSQL_MAX_PARAMS);
	if (date->year == 0) {
		stmt->values[idx - 1] = NULL;
		return;
	}
	i_snprintf(stmt->ints[idx - 1], sizeof(stmt->ints[idx - 1]), "%s",
		   dondoc_date_to_str(date));
	stmt->values[idx - 1] = stmt->ints[idx - 1];
}

void pgsql_bind_id(struct pgsql_stmt *stmt, int idx, int64_t id)
{
	if (id == 0)
		pgsql_bind_null(stmt, idx);
	else
		pgsql_bind_int64(stmt, idx, id);
}

bool pgsql_col_is_null(struct pgsql_stmt *stmt, int col)
{
	return PQgetisnull(stmt->res, stmt->row, col) != 0;
}

const char *pgsql_col_text(struct pgsql_stmt *stmt, int col)
{
	if (PQgetisnull(stmt->res, stmt->row, col))
		return NULL;
	return PQgetvalue(stmt->res, stmt->row, col);
}

int64_t pgsql_col_int64(struct pgsql_stmt *stmt, int col)
{
	const char *value = pgsql_col_text(stmt, col);
	int64_t num;

	if (value == NULL)
		return 0;
	/* booleans come as t/f */
	if (value[0] == 't' && value[1] == '\0')
		return 1;
	if (str_to_int64(value, &num) < 0)
		return 0;
	return num;
}

int pgsql_col_int(struct pgsql_stmt *stmt, int col)
{
	return (int)pgsql_col_int64(stmt, col);
}

const char *pgsql_col_str(pool_t pool, struct pgsql_stmt *stmt, int col)
{
	const char *text = pgsql_col_text(stmt, col);

	return text == NULL ? NULL : p_strdup(pool, text);
}

void pgsql_col_date(struct pgsql_stmt *stmt, int col,
		    struct dondoc_date *date_r)
{
	const char *text = pgsql_col_text(stmt, col);

	if (text == NULL || !dondoc_date_parse(text, date_r))
		i_zero(date_r);
}

int pgsql_changes(struct pgsql_store *s)
{
	return s->last_changes;
}

int64_t pgsql_last_id(struct pgsql_store *s)
{
	return s->last_id;
}

int pgsql_stmt_one_i(struct pgsql_store *s, struct pgsql_stmt *stmt,
		     pool_t pool, pgsql_row_func_t *row, void *row_r,
		     const char *what, const char **error_r)
{
	int ret = pgsql_step(stmt);

	if (ret == PGSQL_ROW) {
		row(pool, stmt, row_r);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, what);
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_stmt_rows_i(struct pgsql_store *s, struct pgsql_stmt *stmt,
		      pool_t pool, pgsql_row_func_t *row, struct array *array,
		      const char *what, const char **error_r)
{
	int ret, count = 0;

	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		row(pool, stmt, array_append_space_i(array));
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, what);
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

int pgsql_stmt_exec(struct pgsql_store *s, struct pgsql_stmt *stmt,
		    const char *what, const char **error_r)
{
	int ret = pgsql_step(stmt);

	pgsql_stmt_done(stmt);
	if (ret != PGSQL_DONE && ret != PGSQL_ROW) {
		*error_r = pgsql_errstr(s, what);
		return -1;
	}
	return 0;
}
