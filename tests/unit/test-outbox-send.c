/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the delivery-time send (lib/tracking/dondoc-actions-send.c)
   over a real SQLite store opened as a delivery opens it (relaxed_sync:
   commits do not wait for the disk). A VFS wrapping SQLite's default one
   records whether the WAL holds writes not yet synced; the send function
   checks at each send that it holds none (the mail's row and its begun
   send are on disk before it goes out), and counts the commits between
   two sends (one write transaction per mail). A second connection locks
   the store as another writer would, to bound the delivery's wait.
   Trusts SQLite's default VFS and its SQLITE_OPEN_WAL flag. */

#include "lib.h"
#include "array.h"
#include "unlink-directory.h"
#include "time-util.h"
#include "test-common.h"
#include "dondoc-store.h"
#include "dondoc-actions.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- a VFS that watches the WAL ---- */

struct shim_file {
	sqlite3_file base;
	sqlite3_file *real;
	bool wal;
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
/* the WAL was written and not synced since */
static bool wal_dirty;
/* commits (a WAL write of a commit frame) and WAL syncs so far */
static unsigned int wal_commits, wal_syncs;

#define REAL(f) (((struct shim_file *)(f))->real)

static int shim_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int shim_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, amt, ofs);
}

static int shim_write(sqlite3_file *f, const void *buf, int amt,
		      sqlite3_int64 ofs)
{
	const unsigned char *p = buf;

	if (((struct shim_file *)f)->wal) {
		wal_dirty = TRUE;
		/* a frame header (24 bytes) whose database size is not 0:
		   the last frame of a commit */
		if (amt == 24 && (p[4] | p[5] | p[6] | p[7]) != 0)
			wal_commits++;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, ofs);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
	int ret = REAL(f)->pMethods->xSync(REAL(f), flags);

	if (ret == SQLITE_OK && ((struct shim_file *)f)->wal) {
		wal_dirty = FALSE;
		wal_syncs++;
	}
	return ret;
}

static int shim_file_size(sqlite3_file *f, sqlite3_int64 *size_r)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size_r);
}

static int shim_lock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xLock(REAL(f), lock);
}

static int shim_unlock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}

static int shim_check_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int shim_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int shim_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int shim_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int shim_shm_map(sqlite3_file *f, int region, int size, int extend,
			void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, p);
}

static int shim_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int shim_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

static int shim_fetch(sqlite3_file *f, sqlite3_int64 ofs, int amt, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), ofs, amt, p);
}

static int shim_unfetch(sqlite3_file *f, sqlite3_int64 ofs, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), ofs, p);
}

static const sqlite3_io_methods shim_io = {
	.iVersion = 3,
	.xClose = shim_close,
	.xRead = shim_read,
	.xWrite = shim_write,
	.xTruncate = shim_truncate,
	.xSync = shim_sync,
	.xFileSize = shim_file_size,
	.xLock = shim_lock,
	.xUnlock = shim_unlock,
	.xCheckReservedLock = shim_check_reserved,
	.xFileControl = shim_file_control,
	.xSectorSize = shim_sector_size,
	.xDeviceCharacteristics = shim_device_characteristics,
	.xShmMap = shim_shm_map,
	.xShmLock = shim_shm_lock,
	.xShmBarrier = shim_shm_barrier,
	.xShmUnmap = shim_shm_unmap,
	.xFetch = shim_fetch,
	.xUnfetch = shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs ATTR_UNUSED, const char *name,
		     sqlite3_file *f, int flags, int *out_flags)
{
	struct shim_file *sf = (struct shim_file *)f;
	int ret;

	sf->real = (sqlite3_file *)(sf + 1);
	ret = real_vfs->xOpen(real_vfs, name, sf->real, flags, out_flags);
	if (ret != SQLITE_OK || sf->real->pMethods == NULL) {
		f->pMethods = NULL;
		return ret;
	}
	sf->wal = (flags & SQLITE_OPEN_WAL) != 0;
	f->pMethods = &shim_io;
	return SQLITE_OK;
}

static void shim_register(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	i_assert(real_vfs != NULL && real_vfs->iVersion >= 1);
	shim_vfs = *real_vfs;
	shim_vfs.zName = "dondoc-test-wal-watch";
	shim_vfs.szOsFile = sizeof(struct shim_file) + real_vfs->szOsFile;
	shim_vfs.xOpen = shim_open;
	if (sqlite3_vfs_register(&shim_vfs, 1) != SQLITE_OK)
		i_fatal("sqlite3_vfs_register failed");
}

/* ---- the sends ---- */

static char tmpdir[] = "/tmp/dondoc-test-outbox-send.XXXXXX";
static unsigned int db_counter;

#define FAIL_TEMP 1
#define FAIL_PERM 2

struct send_log {
	unsigned int sends, unsynced_sends;
	/* commits since the last send, the most seen between two */
	unsigned int commits_at_last, max_commits_between;
	/* what the send answers, by send: 0 sent (1), FAIL_TEMP (-1),
	   FAIL_PERM (0) */
	int answers[4];
	/* lock_path not NULL: the first send locks that store from another
	   connection (lock_db), as another writer would, and leaves it so */
	const char *lock_path;
	sqlite3 *lock_db;
};

static int fake_send(void *context, const char *recipient ATTR_UNUSED,
		     const char *data ATTR_UNUSED, const char **error_r)
{
	struct send_log *log = context;
	int answer;

	if (wal_dirty)
		log->unsynced_sends++;
	if (log->sends > 0) {
		log->max_commits_between = I_MAX(log->max_commits_between,
			wal_commits - log->commits_at_last);
	}
	log->commits_at_last = wal_commits;
	if (log->lock_path != NULL && log->lock_db == NULL) {
		if (sqlite3_open(log->lock_path, &log->lock_db) != SQLITE_OK ||
		    sqlite3_busy_timeout(log->lock_db, 5000) != SQLITE_OK ||
		    sqlite3_exec(log->lock_db, "BEGIN EXCLUSIVE", NULL, NULL,
				 NULL) != SQLITE_OK)
			i_fatal("locking %s failed", log->lock_path);
	}
	answer = log->sends < N_ELEMENTS(log->answers) ?
		log->answers[log->sends] : 0;
	log->sends++;
	if (answer == FAIL_TEMP) {
		*error_r = "451 try later";
		return -1;
	}
	if (answer == FAIL_PERM) {
		*error_r = "550 no such user";
		return 0;
	}
	return 1;
}

static struct dondoc_store *store_new(void)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 5000,
		.create = TRUE,
		/* as a delivery opens it: commits do not wait for the disk */
		.relaxed_sync = TRUE,
	};
	struct dondoc_store *store;
	const char *error, *path;

	path = t_strdup_printf("%s/s%u.db", tmpdir, ++db_counter);
	if (dondoc_store_open_with(path, &set, &store, &error) < 0)
		i_fatal("open(%s): %s", path, error);
	dondoc_store_set_actor(store, "test");
	return store;
}

/* A mail queued claimed by owner, as a delivery queues it. */
static void queue_claimed(struct dondoc_store *store, const char *owner,
			  unsigned int n, ARRAY_TYPE(dondoc_actions_pending) *list)
{
	struct dondoc_outbox_mail mail;
	struct dondoc_actions_pending *p;
	const char *error;
	int64_t id;

	i_zero(&mail);
	mail.kind = DONDOC_OUTBOX_CONFIRM;
	mail.recipient = "member@example.org";
	mail.message_id = t_strdup_printf("<dondoc.d%u@sec.example>", n);
	mail.dedup_key = t_strdup_printf("confirm:<d%u@x>:T-1", n);
	mail.data = "Subject: test\r\n\r\nbody\r\n";
	mail.state = DONDOC_OUTBOX_CLAIMED;
	mail.owner = owner;
	mail.lease_until = time(NULL) + 60;
	if (dondoc_store_outbox_queue(store, &mail, &id, &error) != 1)
		i_fatal("queue: %s", error);
	p = array_append_space(list);
	p->kind = mail.kind;
	p->id = id;
	p->recipient = mail.recipient;
	p->data = mail.data;
	p->message_id = mail.message_id;
}

static unsigned int count_state(struct dondoc_store *store,
				enum dondoc_outbox_state state)
{
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	const char *error;

	t_array_init(&mails, 4);
	if (dondoc_store_outbox_list(store, pool_datastack_create(), state,
				     &mails, &error) < 0)
		i_fatal("list: %s", error);
	return array_count(&mails);
}

static void env_init(struct dondoc_actions_env *env,
		     const struct dondoc_actions_settings *set,
		     struct dondoc_store *store, struct send_log *log,
		     ARRAY_TYPE(dondoc_actions_pending) *pending)
{
	i_zero(env);
	env->store = store;
	env->set = set;
	env->send = fake_send;
	env->context = log;
	env->owner = "host:1:me";
	env->pending = pending;
	env->pending_pool = pool_datastack_create();
}

static void test_send_pending(void)
{
	const struct dondoc_actions_settings set = {
		.max_attempts = 3,
		.lease_secs = 60,
	};
	struct dondoc_store *store = store_new();
	ARRAY_TYPE(dondoc_actions_pending) pending;
	const struct dondoc_actions_pending *p;
	struct dondoc_actions_env env;
	struct send_log log;
	const char *error;
	unsigned int i;

	t_array_init(&pending, 4);
	env_init(&env, &set, store, &log, &pending);

	test_begin("outbox send at delivery: each mail on disk before it goes");
	i_zero(&log);
	for (i = 0; i < 3; i++)
		queue_claimed(store, env.owner, i, &pending);
	test_assert(wal_dirty); /* the queue's commits are not on disk */
	test_assert(dondoc_actions_send_pending(&env, &error) == 3);
	test_assert(log.sends == 3 && log.unsynced_sends == 0);
	/* between two sends: one commit (the mark and the next begin) */
	test_assert(log.max_commits_between == 1);
	test_assert(count_state(store, DONDOC_OUTBOX_SENT) == 3);
	test_end();

	test_begin("outbox send at delivery: a failure queued again, the "
		   "rest sent");
	array_clear(&pending);
	i_zero(&log);
	log.answers[0] = FAIL_TEMP;
	log.answers[1] = FAIL_PERM;
	for (i = 3; i < 6; i++)
		queue_claimed(store, env.owner, i, &pending);
	test_assert(dondoc_actions_send_pending(&env, &error) == 1);
	test_assert(log.sends == 3 && log.unsynced_sends == 0);
	p = array_idx(&pending, 0);
	test_assert(p->result == -1 && strcmp(p->error, "451 try later") == 0);
	p = array_idx(&pending, 1);
	test_assert(p->result == 0);
	p = array_idx(&pending, 2);
	test_assert(p->result == 1);
	test_assert(count_state(store, DONDOC_OUTBOX_QUEUED) == 1);
	test_assert(count_state(store, DONDOC_OUTBOX_FAILED) == 1);
	test_assert(count_state(store, DONDOC_OUTBOX_SENT) == 4);
	test_end();

	test_begin("outbox send at delivery: another owner's claim not sent");
	array_clear(&pending);
	i_zero(&log);
	queue_claimed(store, "host:2:other", 6, &pending);
	queue_claimed(store, env.owner, 7, &pending);
	test_assert(dondoc_actions_send_pending(&env, &error) == 1);
	test_assert(log.sends == 1 && log.unsynced_sends == 0);
	p = array_idx(&pending, 0);
	test_assert(p->claim_lost && p->result == -1);
	test_end();

	test_begin("outbox send at delivery: a mail sent at once when queued");
	i_zero(&log);
	env.pending = NULL;
	{
		bool sent = FALSE;

		test_assert(dondoc_actions_queue_data(&env,
			DONDOC_OUTBOX_CONFIRM, NULL, "member@example.org",
			"confirm:<d8@x>:T-1", "<dondoc.d8@sec.example>",
			"Subject: test\r\n\r\nbody\r\n", &sent, &error) == 1);
		test_assert(sent);
	}
	test_assert(log.sends == 1 && log.unsynced_sends == 0);
	test_end();
	dondoc_store_close(&store);
}

/* The busy timeout of the store a delivery finds locked */
#define LOCKED_BUSY_MSECS 300

/* Another writer holds the store past the busy timeout from the first
   send on: the step after it (its mark, the second's begun send) is tried
   once, so the delivery waits one busy timeout (three tries and 0.3 s
   between them waited 1.2 s); the first goes to the sent journal, the
   second is not sent and stays claimed. The sender, once their lease ran
   out, marks the first without sending it and sends the second: each
   mail once. */
static void test_send_locked(void)
{
	const struct dondoc_actions_settings set = {
		.max_attempts = 3,
		.lease_secs = 60,
	};
	const struct dondoc_store_settings store_set = {
		.busy_timeout_msecs = LOCKED_BUSY_MSECS,
		.create = TRUE,
		.relaxed_sync = TRUE,
	};
	const struct dondoc_flush_settings flush_set = {
		.owner = "host:2:sender",
		.lease_secs = 60,
		.send_timeout_secs = 10,
		.max = 10,
		.max_attempts = 3,
	};
	ARRAY_TYPE(dondoc_actions_pending) pending;
	const struct dondoc_actions_pending *p;
	struct dondoc_actions_env env;
	struct dondoc_store *store;
	struct send_log log, sender_log;
	struct timeval start, end;
	const char *path, *error;
	unsigned int failures, lost;
	long long waited;
	int ret;

	path = t_strdup_printf("%s/locked.db", tmpdir);
	if (dondoc_store_open_with(path, &store_set, &store, &error) < 0)
		i_fatal("open(%s): %s", path, error);
	dondoc_store_set_actor(store, "test");
	t_array_init(&pending, 4);
	env_init(&env, &set, store, &log, &pending);

	test_begin("outbox send at delivery: a store locked past the busy "
		   "timeout waited for once");
	i_zero(&log);
	log.lock_path = path;
	queue_claimed(store, env.owner, 20, &pending);
	queue_claimed(store, env.owner, 21, &pending);
	i_gettimeofday(&start);
	ret = dondoc_actions_send_pending(&env, &error);
	i_gettimeofday(&end);
	waited = timeval_diff_msecs(&end, &start);
	test_assert(ret < 0);
	test_assert_cmp(waited, <, 2 * LOCKED_BUSY_MSECS);
	test_assert(log.sends == 1 && log.lock_db != NULL);
	p = array_idx(&pending, 0);
	test_assert(p->result == 1);
	p = array_idx(&pending, 1);
	test_assert(p->result == -1);
	/* the other writer is done; the delivery's claims run out */
	if (log.lock_db != NULL) {
		test_assert(sqlite3_exec(log.lock_db, "ROLLBACK; UPDATE outbox "
			"SET lease_until = 0", NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_close(log.lock_db);
	}
	test_assert(count_state(store, DONDOC_OUTBOX_CLAIMED) == 2);
	i_zero(&sender_log);
	test_assert(dondoc_actions_flush_outbox(store, fake_send, &sender_log,
		&flush_set, &failures, &lost, &error) == 2);
	test_assert(sender_log.sends == 1 && failures == 0 && lost == 0);
	test_assert(count_state(store, DONDOC_OUTBOX_SENT) == 2);
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

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_send_pending,
		test_send_locked,
		test_cleanup,
		NULL
	};

	shim_register();
	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp(%s) failed: %m", tmpdir);
	return test_run(test_functions);
}
