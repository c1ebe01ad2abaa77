/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL backend's statements sent ahead, in libpq's pipeline
   mode: inside a transaction, what nobody waits an answer for
   (savepoints, audit rows) is queued unanswered and read back with the
   next statement that needs an answer (dondoc-store-pgsql-exec.c) or
   with the COMMIT, in one round trip. A failure among them loses the
   transaction (queued_failed: every later statement and the COMMIT
   fail); answers out of order drop the connection. Trusts its callers
   for the transaction state (in_txn) and constant SQL. */

#include "lib.h"
#include "dondoc-store-pgsql-private.h"

/* The answers do not match what was sent: nothing more of this
   connection can be trusted, and the transaction is lost. */
void pgsql_pipeline_lost(struct pgsql_store *s, const char *why)
{
	s->queued = 0;
	s->queued_failed = TRUE;
	/* dropped already (no answer in time): that is the error */
	if (s->conn == NULL)
		return;
	pgsql_set_error(s, t_strdup_printf("pipeline: %s (%s): connection "
		"dropped", why, t_strcut(PQerrorMessage(s->conn), '\n')), TRUE);
	PQfinish(s->conn);
	s->conn = NULL;
	s->queued = 0;
	s->queued_failed = TRUE;
}

static bool pgsql_pipeline_enter(struct pgsql_store *s)
{
	return PQpipelineStatus(s->conn) != PQ_PIPELINE_OFF ||
		PQenterPipelineMode(s->conn) == 1;
}

/* One query's answer, and the NULL that ends it; NULL when the answers
   are not in the order they were sent. */
static PGresult *pgsql_pipeline_next(struct pgsql_store *s,
				     const struct timeval *deadline)
{
	PGresult *res = pgsql_get_result(s, deadline), *end;

	if (res == NULL)
		return NULL;
	if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
		PQclear(res);
		return NULL;
	}
	if ((end = pgsql_get_result(s, deadline)) != NULL ||
	    s->conn == NULL) {
		PQclear(end);
		PQclear(res);
		return NULL;
	}
	return res;
}

/* Sync and read every answer: those sent ahead, then (res_r not NULL)
   the last statement's, which is returned in *res_r. -1 when one sent
   ahead failed (noted; the transaction is lost) or the answers were
   out of order (the connection dropped). Leaves pipeline mode. */
int pgsql_pipeline_finish(struct pgsql_store *s, PGresult **res_r)
{
	unsigned int i, n = s->queued + (res_r != NULL ? 1 : 0);
	ExecStatusType status;
	struct timeval deadline;
	PGresult *res;
	bool failed = FALSE;

	if (res_r != NULL)
		*res_r = NULL;
	if (PQpipelineSync(s->conn) != 1) {
		pgsql_pipeline_lost(s, "sync not sent");
		return -1;
	}
	/* all the answers within one busy timeout */
	pgsql_deadline(s, &deadline);
	for (i = 0; i < n; i++) {
		if ((res = pgsql_pipeline_next(s, &deadline)) == NULL) {
			pgsql_pipeline_lost(s, "an answer is missing");
			return -1;
		}
		if (res_r != NULL && i + 1 == n) {
			*res_r = res;
			break;
		}
		status = PQresultStatus(res);
		if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
			/* the first failure says why; the rest were skipped */
			if (!failed)
				pgsql_note_result(s, res);
			failed = TRUE;
		}
		PQclear(res);
	}
	res = pgsql_get_result(s, &deadline);
	status = PQresultStatus(res);
	PQclear(res);
	if (status != PGRES_PIPELINE_SYNC || s->conn == NULL ||
	    PQexitPipelineMode(s->conn) != 1) {
		if (res_r != NULL) {
			PQclear(*res_r);
			*res_r = NULL;
		}
		pgsql_pipeline_lost(s, "no sync after the answers");
		return -1;
	}
	s->queued = 0;
	if (failed)
		s->queued_failed = TRUE;
	else
		s->txn_unanswered = FALSE;
	return failed ? -1 : 0;
}

int pgsql_pipeline_drain(struct pgsql_store *s, const char **error_r)
{
	if (!s->queued_failed &&
	    (s->queued == 0 || pgsql_pipeline_finish(s, NULL) == 0))
		return 0;
	*error_r = pgsql_errstr(s, "a statement sent ahead in this "
				"transaction");
	return -1;
}

/* Is sending ahead possible: a transaction open on a good connection,
   room in the queue? */
static int pgsql_ahead_ready(struct pgsql_store *s, const char **error_r)
{
	if (!s->in_txn || s->conn == NULL ||
	    PQstatus(s->conn) != CONNECTION_OK)
		return 0;
	if (s->queued_failed ||
	    (s->queued >= PGSQL_MAX_QUEUED &&
	     pgsql_pipeline_drain(s, error_r) < 0)) {
		*error_r = pgsql_errstr(s, "a statement sent ahead in this "
					"transaction");
		return -1;
	}
	return 1;
}

static int pgsql_ahead_sent(struct pgsql_store *s, int sent,
			    const char *what, const char **error_r)
{
	if (sent != 1) {
		/* what reached the server is unknown: the transaction is */
		pgsql_set_error(s, PQerrorMessage(s->conn), TRUE);
		s->queued_failed = TRUE;
		*error_r = pgsql_errstr(s, what);
		return -1;
	}
	s->queued++;
	return 0;
}

int pgsql_stmt_exec_ahead(struct pgsql_store *s, struct pgsql_stmt *stmt,
			  const char *what, const char **error_r)
{
	int ret;

	/* a statement not prepared yet is prepared and run at once: its
	   name is known to exist only once the server said so */
	if (!stmt->prepared ||
	    (ret = pgsql_ahead_ready(s, error_r)) == 0)
		return pgsql_stmt_exec(s, stmt, what, error_r);
	if (ret > 0) {
		ret = pgsql_ahead_sent(s, pgsql_pipeline_enter(s) ?
			PQsendQueryPrepared(s->conn, stmt->name,
					    stmt->nparams, stmt->values,
					    NULL, NULL, 0) : 0,
			what, error_r);
	}
	s->txn_unanswered = FALSE;
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_exec_sql_ahead(struct pgsql_store *s, const char *sql,
			 const char **error_r)
{
	int ret;

	if ((ret = pgsql_ahead_ready(s, error_r)) == 0)
		return pgsql_exec_sql(s, sql, error_r);
	if (ret < 0)
		return -1;
	/* a savepoint is sent again with the BEGIN; nothing else is */
	if (strcmp(sql, "SAVEPOINT dondoc_op") != 0)
		s->txn_unanswered = FALSE;
	return pgsql_ahead_sent(s, pgsql_pipeline_enter(s) ?
		PQsendQueryParams(s->conn, sql, 0, NULL, NULL, NULL, NULL, 0) :
		0, sql, error_r);
}
