/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* An LD_PRELOAD shim for bench_pgsql_locks.py: it watches the libpq
   calls of every process it is preloaded into, and for each write
   transaction of the PostgreSQL store (the query that takes an advisory
   lock, then the COMMIT or ROLLBACK) appends one line to
   $PGSQL_LOCKSTAT:

     pid wait_usecs hold_usecs round_trips statements names

   wait_usecs: from sending the lock query until its SELECT answered
   (time spent waiting for other writers, plus one round trip);
   hold_usecs: from that answer until the COMMIT's answer, i.e. how long
   this transaction kept the lock from others (clock time); round_trips:
   the sends that followed an answer in that span, the COMMIT's
   included (load-independent); statements: the queries sent in it and
   with the lock query;
   names: their prepared statement names (or the first word of plain
   SQL), joined by commas. Which lock (the store's global one or a
   narrower one) is in the lock query's text, shown as the first name;
   a second lock query sent ahead with it (a delivery's keys) is one of
   its statements.
   Measurement only: never built into dondoc; trusts the environment it
   is preloaded into and libpq's own arguments. */

#define _GNU_SOURCE
#include <libpq-fe.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define LOCKSTAT_CONNS 8
#define LOCKSTAT_NAMES 512

struct lockstat_conn {
	const PGconn *conn;
	long long sent_ns, got_ns;
	int want_lock, in_txn, ending, last_was_send;
	unsigned int round_trips, statements;
	char names[LOCKSTAT_NAMES];
};

static struct lockstat_conn lockstat_conns[LOCKSTAT_CONNS];

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct lockstat_conn *lockstat_get(const PGconn *conn)
{
	unsigned int i;

	for (i = 0; i < LOCKSTAT_CONNS; i++) {
		if (lockstat_conns[i].conn == conn)
			return &lockstat_conns[i];
	}
	for (i = 0; i < LOCKSTAT_CONNS; i++) {
		if (lockstat_conns[i].conn == NULL) {
			memset(&lockstat_conns[i], 0, sizeof(lockstat_conns[i]));
			lockstat_conns[i].conn = conn;
			return &lockstat_conns[i];
		}
	}
	return NULL;
}

static void lockstat_name(struct lockstat_conn *c, const char *name)
{
	size_t len = strlen(c->names), n = strcspn(name, " ;(");

	if (len + n + 2 >= sizeof(c->names))
		return;
	if (len > 0)
		c->names[len++] = ',';
	memcpy(c->names + len, name, n);
	c->names[len + n] = '\0';
}

/* a query is about to be sent on conn */
static void lockstat_send(const PGconn *conn, const char *query,
			  const char *name)
{
	struct lockstat_conn *c = lockstat_get(conn);

	if (c == NULL)
		return;
	if (query != NULL && strstr(query, "pg_advisory_xact_lock") != NULL &&
	    !c->in_txn && !c->want_lock) {
		c->want_lock = 1;
		c->sent_ns = now_ns();
		c->round_trips = c->statements = 0;
		c->names[0] = '\0';
		lockstat_name(c, strstr(query, "_shared") != NULL ?
			      "shared-lock" : "global-lock");
		c->last_was_send = 1;
		return;
	}
	if (c->want_lock) {
		/* sent ahead with the lock: its round trip, not a new one */
		c->statements++;
		lockstat_name(c, name != NULL ? name : query);
		return;
	}
	if (!c->in_txn)
		return;
	if (query != NULL && (strcmp(query, "COMMIT") == 0 ||
			      strcmp(query, "ROLLBACK") == 0))
		c->ending = 1;
	if (!c->last_was_send)
		c->round_trips++;
	c->last_was_send = 1;
	c->statements++;
	lockstat_name(c, name != NULL ? name : query);
}

static void lockstat_write(const struct lockstat_conn *c, long long end_ns)
{
	const char *path = getenv("PGSQL_LOCKSTAT");
	char line[LOCKSTAT_NAMES + 128];
	int fd, len;

	if (path == NULL)
		return;
	len = snprintf(line, sizeof(line), "%ld %lld %lld %u %u %s\n",
		       (long)getpid(), (c->got_ns - c->sent_ns) / 1000,
		       (end_ns - c->got_ns) / 1000, c->round_trips,
		       c->statements, c->names);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0666);
	if (fd < 0)
		return;
	if (write(fd, line, len) < 0) {
		/* measurement only: a lost line is a missing sample */
	}
	close(fd);
}

/* an answer arrived on conn */
static void lockstat_result(const PGconn *conn, const PGresult *res)
{
	struct lockstat_conn *c = lockstat_get(conn);
	ExecStatusType status = PQresultStatus(res);

	if (c == NULL)
		return;
	c->last_was_send = 0;
	if (c->want_lock) {
		if (status == PGRES_TUPLES_OK) {
			c->want_lock = 0;
			c->in_txn = 1;
			c->got_ns = now_ns();
		} else if (status != PGRES_COMMAND_OK) {
			c->want_lock = 0;
		}
		return;
	}
	if (c->in_txn && c->ending &&
	    (strcmp(PQcmdStatus((PGresult *)res), "COMMIT") == 0 ||
	     strcmp(PQcmdStatus((PGresult *)res), "ROLLBACK") == 0)) {
		lockstat_write(c, now_ns());
		c->in_txn = c->ending = 0;
	}
}

int PQsendQuery(PGconn *conn, const char *query)
{
	static int (*real)(PGconn *, const char *);

	if (real == NULL)
		real = (int (*)(PGconn *, const char *))dlsym(RTLD_NEXT,
							      "PQsendQuery");
	lockstat_send(conn, query, NULL);
	return real(conn, query);
}

int PQsendQueryParams(PGconn *conn, const char *command, int nParams,
		      const Oid *paramTypes, const char *const *paramValues,
		      const int *paramLengths, const int *paramFormats,
		      int resultFormat)
{
	static int (*real)(PGconn *, const char *, int, const Oid *,
			   const char *const *, const int *, const int *, int);

	if (real == NULL)
		real = dlsym(RTLD_NEXT, "PQsendQueryParams");
	lockstat_send(conn, command, NULL);
	return real(conn, command, nParams, paramTypes, paramValues,
		    paramLengths, paramFormats, resultFormat);
}

int PQsendQueryPrepared(PGconn *conn, const char *stmtName, int nParams,
			const char *const *paramValues,
			const int *paramLengths, const int *paramFormats,
			int resultFormat)
{
	static int (*real)(PGconn *, const char *, int, const char *const *,
			   const int *, const int *, int);

	if (real == NULL)
		real = dlsym(RTLD_NEXT, "PQsendQueryPrepared");
	lockstat_send(conn, NULL, stmtName);
	return real(conn, stmtName, nParams, paramValues, paramLengths,
		    paramFormats, resultFormat);
}

PGresult *PQgetResult(PGconn *conn)
{
	static PGresult *(*real)(PGconn *);
	PGresult *res;

	if (real == NULL)
		real = (PGresult *(*)(PGconn *))dlsym(RTLD_NEXT, "PQgetResult");
	res = real(conn);
	if (res != NULL)
		lockstat_result(conn, res);
	return res;
}

void PQfinish(PGconn *conn)
{
	static void (*real)(PGconn *);
	struct lockstat_conn *c = lockstat_get(conn);

	if (real == NULL)
		real = (void (*)(PGconn *))dlsym(RTLD_NEXT, "PQfinish");
	if (c != NULL)
		c->conn = NULL;
	real(conn);
}
