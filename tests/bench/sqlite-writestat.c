/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* An LD_PRELOAD shim for bench_store_write.py: every SQLite connection a
   process opens (sqlite3_open_v2) gets a WAL hook and a profile trace,
   and each write transaction appends one line to $SQLITE_WRITESTAT:

     pid wal_frames_after_commit hold_usecs hold_cpu_usecs statements

   hold_usecs is the clock time between BEGIN (IMMEDIATE) completing and
   COMMIT completing, i.e. how long the write lock was held, and
   hold_cpu_usecs the process' own CPU time in it; statements
   are the first words of what ran inside (with SQLITE_WRITESTAT_TIMES
   set, each followed by @ and when it finished, in us after BEGIN). The WAL hook never
   checkpoints, so the WAL only grows and the difference of successive
   frame counts (commits are serialised by the write lock) is what each
   commit wrote. Measurement only: never built into dondoc; trusts the
   environment it is preloaded into. */

#define _GNU_SOURCE
#include <sqlite3.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#define WRITESTAT_STMTS_MAX 1024

struct writestat_conn {
	long long begin_ns, begin_cpu_ns;
	int in_txn;
	char stmts[WRITESTAT_STMTS_MAX];
};

static long long clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/* the thread's CPU time: what the lock holder itself spent, less
   sensitive to the machine's load than the clock time */
static long long cpu_ns(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static void writestat_line(const char *line)
{
	const char *path = getenv("SQLITE_WRITESTAT");
	int fd;

	if (path == NULL)
		return;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0666);
	if (fd < 0)
		return;
	(void)write(fd, line, strlen(line));
	(void)close(fd);
}

static int writestat_wal(void *context, sqlite3 *db, const char *name,
			 int frames)
{
	struct writestat_conn *c = context;
	char line[WRITESTAT_STMTS_MAX + 128];

	(void)db; (void)name;
	snprintf(line, sizeof(line), "%d %d %lld %lld %s\n", (int)getpid(),
		 frames,
		 c->begin_ns == 0 ? -1LL : (now_ns() - c->begin_ns) / 1000,
		 c->begin_ns == 0 ? -1LL : (cpu_ns() - c->begin_cpu_ns) / 1000,
		 c->stmts[0] == '\0' ? "-" : c->stmts);
	writestat_line(line);
	c->begin_ns = 0;
	c->stmts[0] = '\0';
	return SQLITE_OK;
}

/* The statement's first two words ("INSERT INTO", "UPDATE outbox"),
   appended to the transaction's list. */
static void writestat_note(struct writestat_conn *c, const char *sql)
{
	size_t len = strlen(c->stmts), n = 0;
	int words = 0;

	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	if (len + 2 >= sizeof(c->stmts))
		return;
	if (len > 0)
		c->stmts[len++] = ',';
	while (sql[n] != '\0' && len + 1 < sizeof(c->stmts) && words < 3) {
		char ch = sql[n++];

		if (ch == ' ' || ch == '\n' || ch == '\t') {
			if (++words == 3)
				break;
			ch = '_';
		}
		c->stmts[len++] = ch;
	}
	c->stmts[len] = '\0';
}

static int writestat_trace(unsigned int type, void *context, void *p,
			   void *x)
{
	struct writestat_conn *c = context;
	const char *sql = sqlite3_sql(p);

	(void)x;
	if (type != SQLITE_TRACE_PROFILE || sql == NULL)
		return 0;
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	if (strncasecmp(sql, "BEGIN", 5) == 0) {
		c->begin_ns = now_ns();
		c->begin_cpu_ns = cpu_ns();
		c->stmts[0] = '\0';
		return 0;
	}
	if (strncasecmp(sql, "SELECT", 6) == 0 ||
	    strncasecmp(sql, "PRAGMA", 6) == 0)
		return 0;
	writestat_note(c, sql);
	if (c->begin_ns != 0 && getenv("SQLITE_WRITESTAT_TIMES") != NULL) {
		/* when it finished, in us after BEGIN */
		size_t len = strlen(c->stmts);

		snprintf(c->stmts + len, sizeof(c->stmts) - len, "@%lld",
			 (now_ns() - c->begin_ns) / 1000);
	}
	return 0;
}

int sqlite3_open_v2(const char *filename, sqlite3 **db_r, int flags,
		    const char *vfs)
{
	static int (*real_open)(const char *, sqlite3 **, int, const char *);
	struct writestat_conn *c;
	int ret;

	if (real_open == NULL)
		real_open = dlsym(RTLD_NEXT, "sqlite3_open_v2");
	ret = real_open(filename, db_r, flags, vfs);
	if (ret != SQLITE_OK || *db_r == NULL)
		return ret;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ret;
	(void)sqlite3_wal_hook(*db_r, writestat_wal, c);
	(void)sqlite3_trace_v2(*db_r, SQLITE_TRACE_PROFILE, writestat_trace, c);
	return ret;
}
