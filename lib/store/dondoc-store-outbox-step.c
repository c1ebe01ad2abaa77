/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* A sender's steps through the outbox mail it claimed, each one write
   transaction over the outbox's own operations (dondoc-store-outbox.c),
   for both backends: the claim of a batch with the send of its first
   mail begun, and between two sends the outcome of the mail just tried,
   the rest of the batch renewed and the next send begun. What each part
   does and when it commits is what it did alone: a mark still commits
   right after its send, a begin still commits before its send; only
   the transactions they shared are gone. Trusts nothing of its
   arguments: the front ends below check owner, lease, ids and text as
   the single operations do. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-outbox-step.h"

static int outbox_step_check(const struct dondoc_outbox_step *step,
			     const char **error_r)
{
	if (ds_outbox_check_owner(step->owner, error_r) < 0 ||
	    ds_outbox_check_lease(step->lease_secs, error_r) < 0)
		return -1;
	if (step->done_id < 0 || step->next_id < 0) {
		*error_r = "outbox step: invalid mail id";
		return -1;
	}
	if (step->done_id != 0 && step->done_id == step->next_id) {
		*error_r = "outbox step: the mail done is the next one";
		return -1;
	}
	return 0;
}

/* The step's parts, inside its write operation: -1 on error, else 0
   with result_r filled. */
static int outbox_step_parts(struct dondoc_store *store,
			     const struct dondoc_outbox_step *step,
			     const char *smtp_reply, const char *reason,
			     time_t now,
			     struct dondoc_outbox_step_result *result_r,
			     const char **error_r)
{
	int ret;

	if (step->done_id != 0) {
		ret = step->done_sent ?
			ds_outbox_mark_sent(store, step->done_id, smtp_reply,
					    now, error_r) :
			ds_outbox_mark_failed(store, step->done_id,
					      step->owner, reason,
					      step->max_attempts, error_r);
		if (ret < 0)
			return -1;
		result_r->done = ret;
	}
	/* nobody waits for the count: sent ahead on PostgreSQL */
	if (step->renew &&
	    ds_outbox_renew(store, step->owner, step->lease_secs, now, TRUE,
			    error_r) < 0)
		return -1;
	if (step->next_id != 0) {
		ret = ds_outbox_begin_send(store, step->next_id, step->owner,
					   step->lease_secs, now,
					   &result_r->next_resend, error_r);
		if (ret < 0)
			return -1;
		result_r->next = ret;
	}
	return 0;
}

int dondoc_store_outbox_step(struct dondoc_store *store,
			     const struct dondoc_outbox_step *step,
			     struct dondoc_outbox_step_result *result_r,
			     const char **error_r)
{
	const char *smtp_reply = step->smtp_reply, *reason = step->reason;

	i_zero(result_r);
	if (outbox_step_check(step, error_r) < 0)
		return -1;
	if (step->done_id == 0 && step->next_id == 0 && !step->renew)
		return 0;
	if (smtp_reply != NULL)
		smtp_reply = ds_outbox_printable(smtp_reply, 200);
	if (reason != NULL && strlen(reason) > DONDOC_STORE_MAX_TEXT)
		reason = t_strndup(reason, DONDOC_STORE_MAX_TEXT);
	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	if (outbox_step_parts(store, step, smtp_reply, reason, time(NULL),
			      result_r, error_r) < 0) {
		ds_write_rollback(store);
		i_zero(result_r);
		return -1;
	}
	if (ds_write_commit(store, error_r) < 0) {
		i_zero(result_r);
		return -1;
	}
	return 0;
}

int dondoc_store_outbox_claim_begin(struct dondoc_store *store, pool_t pool,
				    unsigned int max, const char *owner,
				    unsigned int lease_secs,
				    unsigned int retry_secs, int64_t after_id,
				    dondoc_outbox_owner_gone_t *owner_gone,
				    ARRAY_TYPE(dondoc_outbox_mail) *mails,
				    struct dondoc_outbox_step_result *first_r,
				    const char **error_r)
{
	unsigned int first = array_count(mails);
	const struct dondoc_outbox_mail *mail;
	ARRAY_TYPE(const_string) gone;
	time_t now = time(NULL);
	int count, ret;

	i_zero(first_r);
	if (ds_outbox_check_claim(max, owner, lease_secs, &retry_secs,
				  error_r) < 0)
		return -1;
	/* a poll of an empty outbox never takes the write lock; the gone
	   owners are asked once, before it */
	t_array_init(&gone, 4);
	if ((ret = ds_outbox_any_claimable(store, now, retry_secs, after_id,
					   owner, owner_gone, &gone,
					   error_r)) <= 0)
		return ret;
	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	count = ds_outbox_claim(store, pool, max, owner, lease_secs,
				retry_secs, after_id, now, &gone, mails,
				error_r);
	if (count > 0) {
		mail = array_idx(mails, first);
		ret = ds_outbox_begin_send(store, mail->id, owner, lease_secs,
					   now, &first_r->next_resend,
					   error_r);
		if (ret < 0)
			count = -1;
		first_r->next = ret;
	}
	if (count < 0) {
		ds_write_rollback(store);
		goto fail;
	}
	if (count == 0) {
		ds_write_rollback(store);
		return 0;
	}
	if (ds_write_commit(store, error_r) < 0)
		goto fail;
	return count;
fail:
	i_zero(first_r);
	array_delete(mails, first, array_count(mails) - first);
	return -1;
}
