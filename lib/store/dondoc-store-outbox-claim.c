/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outbox's claims, over the store's statement driver for both
   backends (the rest of the outbox is dondoc-store-outbox.c): what is
   claimable (queued and due, or claimed with a lease that ran out), a
   batch of it claimed for an owner and a lease, and the one mail of a
   dedup key claimed by a redelivery; both also take the live claims of
   an owner the caller says is gone. Every claim is conditional on the state it was read in,
   inside a write operation that may run beside other writers
   (ds_write_begin_shared()): a claim another writer took first is seen
   by the update, which then takes nothing. Trusts nothing of its arguments: the front
   ends below check them before a statement sees them. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-driver.h"

static struct dondoc_store_stmt *
outbox_claimable(struct dondoc_store *store, time_t now, unsigned int max,
		 unsigned int retry_secs, int64_t after_id,
		 const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_CLAIMABLE, error_r)) == NULL)
		return NULL;
	ds_bind_int64(stmt, 1, now);
	ds_bind_int64(stmt, 2, max);
	ds_bind_int64(stmt, 3, retry_secs);
	ds_bind_int64(stmt, 4, now);
	ds_bind_int64(stmt, 5, DONDOC_OUTBOX_MAX_RETRY_SECS);
	ds_bind_int64(stmt, 6, after_id);
	return stmt;
}

/* The owners of live claims past after_id, other than owner, that
   owner_gone() says are gone (appended to gone_r). Their claims protect
   nothing: a sender takes them at once, as the redelivery does
   (claim_key), not a lease later. -1 on error, else how many. */
static int outbox_gone_owners(struct dondoc_store *store, time_t now,
			      int64_t after_id, const char *owner,
			      dondoc_outbox_owner_gone_t *owner_gone,
			      ARRAY_TYPE(const_string) *gone_r,
			      const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	const char *name;
	int ret, count = 0;

	stmt = ds_stmt_get(store, STMT_OUTBOX_LIVE_OWNERS, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_int64(stmt, 1, now);
	ds_bind_int64(stmt, 2, after_id);
	while ((ret = ds_step(stmt)) == DS_ROW) {
		name = ds_col_text(stmt, 0);
		if (name == NULL || strcmp(name, owner) == 0 ||
		    !owner_gone(name))
			continue;
		name = t_strdup(name);
		array_push_back(gone_r, &name);
		count++;
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "outbox live owners");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return count;
}

/* Anything to claim? A read, so that a sender polling an empty outbox
   never takes the write lock. The gone owners are asked here, once a
   poll, outside the write lock, and handed to the claim (gone_r). */
int ds_outbox_any_claimable(struct dondoc_store *store, time_t now,
			    unsigned int retry_secs, int64_t after_id,
			    const char *owner,
			    dondoc_outbox_owner_gone_t *owner_gone,
			    ARRAY_TYPE(const_string) *gone_r,
			    const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret, count;

	i_assert(owner_gone == NULL || gone_r != NULL);
	if (store->v->driver->in_user_txn(store))
		ret = 1;
	else {
		stmt = outbox_claimable(store, now, 1, retry_secs, after_id,
					error_r);
		if (stmt == NULL)
			return -1;
		ret = ds_step(stmt);
		ds_stmt_done(stmt);
		if (ret != DS_ROW && ret != DS_DONE) {
			*error_r = ds_errstr(store, "outbox claim");
			return -1;
		}
		ret = ret == DS_ROW ? 1 : 0;
	}
	if (owner_gone == NULL)
		return ret;
	count = outbox_gone_owners(store, now, after_id, owner, owner_gone,
				   gone_r, error_r);
	if (count < 0)
		return -1;
	return ret > 0 || count > 0 ? 1 : 0;
}

/* Claim one mail read as claimable; 0 when another connection took it
   between the read and the write (cannot happen under BEGIN IMMEDIATE,
   but the update says so rather than assume). gone: the mail's owner is
   gone, its claim is taken whatever its lease says. */
static int outbox_claim_one(struct dondoc_store *store,
			    struct dondoc_outbox_mail *mail, const char *owner,
			    time_t now, unsigned int lease_secs, bool gone,
			    const char **error_r)
{
	const char *old_state = dondoc_outbox_state_name(mail->state);
	const char *old_owner = mail->owner == NULL ? "?" : mail->owner;
	struct dondoc_store_stmt *stmt;

	i_assert(!gone || mail->owner != NULL);
	if ((stmt = ds_stmt_get(store, gone ? STMT_OUTBOX_TAKE_OVER :
				STMT_OUTBOX_CLAIM, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, mail->id);
	ds_bind_int64(stmt, 2, now);
	ds_bind_text(stmt, 3, owner);
	ds_bind_int64(stmt, 4, (now + lease_secs));
	if (gone)
		ds_bind_text(stmt, 5, mail->owner);
	if (ds_stmt_exec(stmt, "outbox claim", error_r) < 0)
		return -1;
	if (ds_changes(store) == 0)
		return 0;
	/* A claim taken over from another owner says why. */
	if (ds_audit(store, "outbox", mail->dedup_key,
		     gone ? t_strdup_printf("claim (its owner %s is gone)",
					    old_owner) :
		     mail->state == DONDOC_OUTBOX_CLAIMED ?
		     t_strdup_printf("claim (lease of %s ran out)", old_owner) :
		     "claim", old_state, "claimed", error_r) < 0)
		return -1;
	mail->state = DONDOC_OUTBOX_CLAIMED;
	mail->attempts++;
	mail->claimed_at = now;
	mail->owner = t_strdup(owner);
	mail->lease_until = now + lease_secs;
	return 1;
}

/* Inside a write operation: claim what is claimable now (mails
   appended). The number claimed, or -1 (what was appended stays: the
   caller rolls back and forgets it). */
static int outbox_mail_id_cmp(const struct dondoc_outbox_mail *m1,
			      const struct dondoc_outbox_mail *m2)
{
	return m1->id < m2->id ? -1 : (m1->id > m2->id ? 1 : 0);
}

/* Append the live claims of the gone owners (ds_outbox_any_claimable())
   to what was read as claimable (mails from first on), keeping the first
   max in id order. */
static int outbox_add_gone(struct dondoc_store *store, pool_t pool,
			   unsigned int max, int64_t after_id, time_t now,
			   const ARRAY_TYPE(const_string) *gone,
			   ARRAY_TYPE(dondoc_outbox_mail) *mails,
			   unsigned int first, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	struct dondoc_outbox_mail *range;
	const char *name;
	unsigned int count;
	int ret;

	array_foreach_elem(gone, name) {
		stmt = ds_stmt_get(store, STMT_OUTBOX_LIVE_BY_OWNER, error_r);
		if (stmt == NULL)
			return -1;
		ds_bind_text(stmt, 1, name);
		ds_bind_int64(stmt, 2, now);
		ds_bind_int64(stmt, 3, after_id);
		ds_bind_int64(stmt, 4, max);
		while ((ret = ds_step(stmt)) == DS_ROW)
			ds_outbox_row(pool, stmt, array_append_space(mails));
		if (ret != DS_DONE) {
			*error_r = ds_errstr(store, "outbox claims of a gone "
					     "owner");
			ds_stmt_done(stmt);
			return -1;
		}
		ds_stmt_done(stmt);
	}
	count = array_count(mails) - first;
	if (count == 0)
		return 0;
	range = array_idx_modifiable(mails, first);
	qsort(range, count, sizeof(*range),
	      (int (*)(const void *, const void *))outbox_mail_id_cmp);
	if (count > max)
		array_delete(mails, first + max, count - max);
	return 0;
}

int ds_outbox_claim(struct dondoc_store *store, pool_t pool,
		    unsigned int max, const char *owner,
		    unsigned int lease_secs, unsigned int retry_secs,
		    int64_t after_id, time_t now,
		    const ARRAY_TYPE(const_string) *gone_owners,
		    ARRAY_TYPE(dondoc_outbox_mail) *mails,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	unsigned int first = array_count(mails), i;
	struct dondoc_outbox_mail *mail;
	bool gone;
	int ret;

	stmt = outbox_claimable(store, now, max, retry_secs, after_id,
				error_r);
	if (stmt == NULL)
		return -1;
	while ((ret = ds_step(stmt)) == DS_ROW)
		ds_outbox_row(pool, stmt, array_append_space(mails));
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "outbox claim");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	if (gone_owners != NULL && array_count(gone_owners) > 0 &&
	    outbox_add_gone(store, pool, max, after_id, now, gone_owners,
			    mails, first, error_r) < 0)
		return -1;
	for (i = first; i < array_count(mails); ) {
		mail = array_idx_modifiable(mails, i);
		/* a live claim here is a gone owner's: taken conditionally
		   on that owner still holding it */
		gone = mail->state == DONDOC_OUTBOX_CLAIMED &&
			mail->lease_until >= now;
		ret = outbox_claim_one(store, mail, owner, now, lease_secs,
				       gone, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			array_delete(mails, i, 1);
		else {
			mail->owner = p_strdup(pool, owner);
			i++;
		}
	}
	return array_count(mails) - first;
}

static int db_outbox_claim(struct dondoc_store *store, pool_t pool,
			   unsigned int max, const char *owner,
			   unsigned int lease_secs, unsigned int retry_secs,
			   int64_t after_id,
			   ARRAY_TYPE(dondoc_outbox_mail) *mails,
			   const char **error_r)
{
	time_t now = time(NULL);
	unsigned int first = array_count(mails);
	int ret;

	if ((ret = ds_outbox_any_claimable(store, now, retry_secs, after_id,
					   owner, NULL, NULL, error_r)) <= 0)
		return ret;
	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	if (ds_outbox_claim(store, pool, max, owner, lease_secs, retry_secs,
			    after_id, now, NULL, mails, error_r) < 0) {
		ds_write_rollback(store);
		array_delete(mails, first, array_count(mails) - first);
		return -1;
	}
	if (ds_write_commit(store, error_r) < 0) {
		array_delete(mails, first, array_count(mails) - first);
		return -1;
	}
	return array_count(mails) - first;
}

static int db_outbox_claim_key(struct dondoc_store *store, pool_t pool,
			       const char *dedup_key, const char *owner,
			       unsigned int lease_secs,
			       dondoc_outbox_owner_gone_t *owner_gone,
			       struct dondoc_outbox_mail *mail_r,
			       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	time_t now = time(NULL);
	bool gone = FALSE;
	int ret;

	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_BY_KEY, error_r)) == NULL)
		goto fail;
	ds_bind_text(stmt, 1, dedup_key);
	ret = ds_stmt_one(stmt, pool, ds_outbox_row, mail_r,
			  "outbox by key", error_r);
	if (ret < 0)
		goto fail;
	if (ret > 0 && mail_r->state == DONDOC_OUTBOX_CLAIMED &&
	    mail_r->lease_until >= now) {
		/* A live lease of an owner that is gone (killed while it
		   sent) protects nothing: taken now, not a lease later. */
		gone = owner_gone != NULL && mail_r->owner != NULL &&
			strcmp(mail_r->owner, owner) != 0 &&
			owner_gone(mail_r->owner);
	}
	if (ret == 0 || mail_r->state == DONDOC_OUTBOX_SENT ||
	    mail_r->state == DONDOC_OUTBOX_FAILED ||
	    (mail_r->state == DONDOC_OUTBOX_CLAIMED &&
	     mail_r->lease_until >= now && !gone)) {
		ds_write_rollback(store);
		return 0;
	}
	ret = outbox_claim_one(store, mail_r, owner, now, lease_secs, gone,
			       error_r);
	if (ret < 0)
		goto fail;
	if (ret == 0) {
		ds_write_rollback(store);
		return 0;
	}
	mail_r->owner = p_strdup(pool, owner);
	return ds_write_commit(store, error_r) < 0 ? -1 : 1;
fail:
	ds_write_rollback(store);
	return -1;
}

/* ---- the front end ---- */

int dondoc_store_outbox_claim(struct dondoc_store *store, pool_t pool,
			      unsigned int max, const char *owner,
			      unsigned int lease_secs,
			      unsigned int retry_secs, int64_t after_id,
			      ARRAY_TYPE(dondoc_outbox_mail) *mails,
			      const char **error_r)
{
	if (ds_outbox_check_claim(max, owner, lease_secs, &retry_secs,
				  error_r) < 0)
		return -1;
	return db_outbox_claim(store, pool, max, owner, lease_secs,
			       retry_secs, after_id, mails,
			       error_r);
}

int dondoc_store_outbox_claim_key(struct dondoc_store *store, pool_t pool,
				  const char *dedup_key, const char *owner,
				  unsigned int lease_secs,
				  dondoc_outbox_owner_gone_t *owner_gone,
				  struct dondoc_outbox_mail *mail_r,
				  const char **error_r)
{
	if (dondoc_store_check_text("dedup key", dedup_key,
		       DONDOC_STORE_MAX_MESSAGE_ID + 2 * DONDOC_STORE_MAX_CODE,
		       TRUE, error_r) < 0 ||
	    ds_outbox_check_owner(owner, error_r) < 0 ||
	    ds_outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return db_outbox_claim_key(store, pool, dedup_key, owner,
				   lease_secs, owner_gone, mail_r, error_r);
}
