/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's write transactions: the busy handler's short
   waits, BEGIN IMMEDIATE, a savepoint per write operation inside the
   caller's transaction, COMMIT and ROLLBACK. Their statements are
   prepared once per connection like every other (their SQL text parsed
   once, not at each delivery's several begins and commits), and run
   while the write lock is held, so kept short. Trusts the connection
   (dondoc-store-sqlite.c) and the transaction cache's hooks
   (ds_txn_cache_*). */

#include "lib.h"
#include "time-util.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-txn-cache.h"

#include <unistd.h>

/* Waiting for another writer's lock, in short steps up to the busy
   timeout. SQLite's own handler sleeps 1, 2, 5, 10 ms and more: a
   delivery's transaction holds the lock well under a millisecond, so
   most of those sleeps were waits for a lock long free (8 sessions: 1.2 s
   asleep in 800 deliveries). */
#define SQLITE_BUSY_STEP_USECS 150

int sqlite_busy_wait(void *context, int count)
{
	struct sqlite_store *s = context;
	struct timeval now;

	i_gettimeofday(&now);
	if (count == 0)
		s->busy_start = now;
	else if (timeval_diff_msecs(&now, &s->busy_start) >=
		 (long long)s->set.busy_timeout_msecs)
		return 0;
	usleep(SQLITE_BUSY_STEP_USECS);
	return 1;
}

static const char *const sqlite_txn_sql[SQLITE_TXN_COUNT] = {
	[SQLITE_TXN_BEGIN] = "BEGIN IMMEDIATE",
	[SQLITE_TXN_COMMIT] = "COMMIT",
	[SQLITE_TXN_ROLLBACK] = "ROLLBACK",
	[SQLITE_TXN_SAVEPOINT] = "SAVEPOINT dondoc_op",
	[SQLITE_TXN_RELEASE] = "RELEASE dondoc_op",
	[SQLITE_TXN_ROLLBACK_TO] = "ROLLBACK TO dondoc_op",
};

/* Run one transaction statement: an SQLite result code (SQLITE_OK when
   done). Prepared on first use and kept; the error message stays for
   sqlite_errstr() until the next statement. */
static int sqlite_txn_run(struct sqlite_store *s, enum sqlite_txn_stmt id)
{
	sqlite3_stmt *stmt = s->txn_stmts[id];
	int ret;

	if (stmt == NULL) {
		ret = sqlite3_prepare_v3(s->db, sqlite_txn_sql[id], -1,
					 SQLITE_PREPARE_PERSISTENT, &stmt,
					 NULL);
		if (ret != SQLITE_OK)
			return ret;
		s->txn_stmts[id] = stmt;
	}
	ret = sqlite3_step(stmt);
	(void)sqlite3_reset(stmt);
	return ret == SQLITE_DONE ? SQLITE_OK : ret;
}

static int sqlite_txn_exec(struct sqlite_store *s, enum sqlite_txn_stmt id,
			   const char **error_r)
{
	if (sqlite_txn_run(s, id) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, sqlite_txn_sql[id]);
		return -1;
	}
	return 0;
}

void sqlite_txn_free(struct sqlite_store *s)
{
	unsigned int i;

	for (i = 0; i < SQLITE_TXN_COUNT; i++) {
		if (s->txn_stmts[i] != NULL)
			(void)sqlite3_finalize(s->txn_stmts[i]);
		s->txn_stmts[i] = NULL;
	}
}

/* BEGIN IMMEDIATE takes the write lock now, waiting up to the busy
   timeout. We retry BUSY ourselves too until the same deadline: a busy
   handler is not invoked in every case (e.g. WAL recovery). */
int sqlite_txn_begin_immediate(struct sqlite_store *s, const char **error_r)
{
	struct timeval start, now;
	int ret;

	i_gettimeofday(&start);
	for (;;) {
		ret = sqlite_txn_run(s, SQLITE_TXN_BEGIN);
		if (ret == SQLITE_OK)
			return 0;
		if ((ret & 0xff) != SQLITE_BUSY && (ret & 0xff) != SQLITE_LOCKED)
			break;
		i_gettimeofday(&now);
		if (timeval_diff_msecs(&now, &start) >=
		    (long long)s->set.busy_timeout_msecs)
			break;
		usleep(SQLITE_BUSY_STEP_USECS);
	}
	*error_r = sqlite_errstr(s, "BEGIN IMMEDIATE");
	return -1;
}

/* COMMIT, or on failure ROLLBACK: the transaction is over either way. */
static int sqlite_txn_commit(struct sqlite_store *s, const char **error_r)
{
	if (sqlite_txn_exec(s, SQLITE_TXN_COMMIT, error_r) < 0) {
		(void)sqlite_txn_run(s, SQLITE_TXN_ROLLBACK);
		return -1;
	}
	return 0;
}

/* One write operation: a transaction of its own, or a savepoint inside
   the caller's transaction so a failed operation leaves nothing behind. */
int sqlite_write_begin(struct sqlite_store *s, const char **error_r)
{
	ds_txn_cache_writing(&s->store);
	if (s->corrupt) {
		*error_r = t_strdup_printf("the store %s is CORRUPT: nothing "
					   "is written into it", s->path);
		return -1;
	}
	if (s->in_user_txn) {
		if (sqlite_txn_exec(s, SQLITE_TXN_SAVEPOINT, error_r) < 0)
			return -1;
		s->savepoint_depth++;
		return 0;
	}
	return sqlite_txn_begin_immediate(s, error_r);
}

int sqlite_write_commit(struct sqlite_store *s, const char **error_r)
{
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		return sqlite_txn_exec(s, SQLITE_TXN_RELEASE, error_r);
	}
	return sqlite_txn_commit(s, error_r);
}

void sqlite_write_rollback(struct sqlite_store *s)
{
	/* what the operation read or wrote may be undone */
	ds_txn_cache_forget(&s->store);
	if (s->in_user_txn) {
		i_assert(s->savepoint_depth > 0);
		s->savepoint_depth--;
		(void)sqlite_txn_run(s, SQLITE_TXN_ROLLBACK_TO);
		(void)sqlite_txn_run(s, SQLITE_TXN_RELEASE);
		return;
	}
	(void)sqlite_txn_run(s, SQLITE_TXN_ROLLBACK);
}

int sqlite_begin(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (s->in_user_txn) {
		*error_r = "a transaction is already open";
		return -1;
	}
	if (s->corrupt) {
		*error_r = t_strdup_printf("the store %s is CORRUPT: nothing "
					   "is written into it", s->path);
		return -1;
	}
	if (sqlite_txn_begin_immediate(s, error_r) < 0)
		return -1;
	s->in_user_txn = TRUE;
	return 0;
}

int sqlite_commit(struct dondoc_store *store, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (!s->in_user_txn) {
		*error_r = "no transaction is open";
		return -1;
	}
	s->in_user_txn = FALSE;
	return sqlite_txn_commit(s, error_r);
}

void sqlite_rollback(struct dondoc_store *store)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (!s->in_user_txn)
		return;
	s->in_user_txn = FALSE;
	(void)sqlite_txn_run(s, SQLITE_TXN_ROLLBACK);
}
