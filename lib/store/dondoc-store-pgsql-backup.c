/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL store's retention (sent mail bodies), the audit log
   read and appended to by callers, whether the last error is worth a
   later retry, and backup (into a new SQLite file). Trusts its caller
   (dondoc-store.c) for argument bounds. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-pgsql-private.h"

bool pgsql_error_is_temporary(struct dondoc_store *store)
{
	return PGSQL_STORE(store)->last_error_temporary;
}

/* A consistent copy of the live store into a new SQLite file, while
   deliveries go on writing: every table read inside one REPEATABLE READ
   READ ONLY transaction, so every read (the copy and its verification
   alike) sees the one snapshot taken at its first statement. Writers
   run one at a time under the store's advisory lock, so that snapshot
   is the store as of one commit. Readers take no lock writers wait for. */
int pgsql_backup(struct dondoc_store *store, const char *dest_path,
		 const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	const char *error;
	unsigned int rows;
	int ret;

	if (s->in_txn) {
		*error_r = "backup inside a transaction";
		return -1;
	}
	if (pgsql_ensure_connected(s, error_r) < 0 ||
	    pgsql_exec_sql(s, "BEGIN ISOLATION LEVEL REPEATABLE READ "
			   "READ ONLY", error_r) < 0)
		return -1;
	/* no reconnect, and no retry, until it ends: a snapshot lost is
	   a backup failed */
	s->in_txn = TRUE;
	ret = dondoc_store_copy_to_new_file(store, t_strdup_printf(
		"%s (backup)", s->path), dest_path, &rows, error_r);
	if (s->conn != NULL && PQstatus(s->conn) == CONNECTION_OK)
		(void)pgsql_exec_sql(s, "ROLLBACK", &error);
	s->in_txn = FALSE;
	return ret;
}

int pgsql_outbox_purge(struct dondoc_store *store, time_t before,
		       unsigned int *count_r, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	*count_r = 0;
	if (pgsql_write_begin(s, FALSE, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_PURGE, error_r)) == NULL) {
		pgsql_write_rollback(s);
		return -1;
	}
	pgsql_bind_int64(stmt, 1, (int64_t)before);
	if (pgsql_stmt_exec(s, stmt, "outbox purge", error_r) < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	*count_r = pgsql_changes(s);
	if (*count_r > 0 &&
	    pgsql_audit(s, "outbox", "*", "purge-bodies", NULL,
			t_strdup_printf("%u sent before %lld", *count_r,
					(long long)before), error_r) < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	if (ds_head_digest_purge(&s->store, before, error_r) < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	return pgsql_write_commit(s, error_r);
}

int pgsql_audit_add(struct dondoc_store *store, const char *entity,
		    const char *key, const char *action,
		    const char *old_value, const char *new_value,
		    const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);

	if (pgsql_write_begin(s, FALSE, error_r) < 0)
		return -1;
	if (pgsql_audit(s, entity, key, action, old_value, new_value,
			error_r) < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	return pgsql_write_commit(s, error_r);
}

int pgsql_audit_list(struct dondoc_store *store, pool_t pool,
		     const char *entity, const char *entity_key,
		     ARRAY_TYPE(dondoc_audit_entry) *entries,
		     const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	/* a task's history by its index (a generic plan of the statement
	   for any entity cannot use a partial index); the rest scans */
	bool task = entity != NULL && entity_key != NULL &&
		strcmp(entity, "task") == 0;
	struct pgsql_stmt *stmt;
	int ret, count = 0;

	if ((stmt = pgsql_stmt_get(s, task ? STMT_AUDIT_LIST_TASK :
				   STMT_AUDIT_LIST, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, entity);
	pgsql_bind_text(stmt, 2, entity_key);
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		struct dondoc_audit_entry *e = array_append_space(entries);

		e->id = pgsql_col_int64(stmt, 0);
		e->at = (time_t)pgsql_col_int64(stmt, 1);
		e->actor = pgsql_col_str(pool, stmt, 2);
		e->entity = pgsql_col_str(pool, stmt, 3);
		e->entity_key = pgsql_col_str(pool, stmt, 4);
		e->action = pgsql_col_str(pool, stmt, 5);
		e->old_value = pgsql_col_str(pool, stmt, 6);
		e->new_value = pgsql_col_str(pool, stmt, 7);
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "audit list");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}
