/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL backend's sent journal, the counterpart of the SQLite
   one (dondoc-store-sqlite-sent-journal.c): what the outbox
   (dondoc-store-outbox.c) notes for a mail sent whose mark failed, and
   looks for before sending again a mail whose earlier attempt had begun.
   A PostgreSQL store has no directory of its own, and a file would be
   seen by the senders of one host only; so the journal is rows of the
   audit log (append-only, copied and backed up with it), written as a
   statement of its own outside any write transaction: it never waits
   for the store's advisory write lock, which is what "mark sent" failed
   to get (held past the busy timeout), and a connection found broken
   is reconnected first (nothing is open). Trusts the outbox for the id
   and Message-ID (validated by the front end). */

#include "lib.h"
#include "dondoc-store-pgsql-private.h"

/* The audit action of a journal row; its key is the outbox id, its new
   value the Message-ID sent. */
#define PGSQL_SENT_JOURNAL_ACTION "sent, not marked (the sent journal)"

static const char *const pgsql_sent_journal_add_sql =
	"INSERT INTO audit (at, actor, entity, entity_key, action, "
	"old_value, new_value) VALUES ($1, $2, 'outbox', $3, '"
	PGSQL_SENT_JOURNAL_ACTION "', 'claimed', $4)";
static const char *const pgsql_sent_journal_has_sql =
	"SELECT 1 FROM audit WHERE entity = 'outbox' AND entity_key = $1 "
	"AND action = '" PGSQL_SENT_JOURNAL_ACTION "' AND new_value = $2 "
	"LIMIT 1";

int pgsql_sent_journal_add(struct dondoc_store *store, int64_t id,
			   const char *message_id, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	/* inside a transaction the row would share its fate */
	if (s->in_txn) {
		*error_r = "the sent journal is written outside a transaction";
		return -1;
	}
	/* (a connection found broken is reconnected here) */
	if ((stmt = pgsql_stmt_sql(s, pgsql_sent_journal_add_sql,
				   error_r)) == NULL)
		return -1;
	pgsql_bind_int64(stmt, 1, (int64_t)time(NULL));
	pgsql_bind_text(stmt, 2, store->actor);
	pgsql_bind_int64(stmt, 3, id);
	pgsql_bind_text_empty(stmt, 4, message_id);
	if (pgsql_stmt_exec(s, stmt, "sent journal", error_r) < 0)
		return -1;
	/* as durable as the SQLite journal's fdatasync: a relaxed
	   connection's commit is flushed now */
	return store->v->sync(store, error_r);
}

/* Is the mail in the journal? An error reads as no: the mail is sent
   again (at least once). */
bool pgsql_sent_journal_has(struct dondoc_store *store, int64_t id,
			    const char *message_id)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	const char *error;
	int ret;

	if ((stmt = pgsql_stmt_sql(s, pgsql_sent_journal_has_sql,
				   &error)) == NULL)
		return FALSE;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_text_empty(stmt, 2, message_id);
	ret = pgsql_step(stmt);
	pgsql_stmt_done(stmt);
	return ret == PGSQL_ROW;
}
