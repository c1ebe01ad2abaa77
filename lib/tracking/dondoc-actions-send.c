/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outbox mail a delivery (or another adapter's transaction) queued
   claimed, sent by the process that queued it (dondoc_send = delivery,
   see dondoc-actions.h), the way the outbox sender sends
   (dondoc-outbox-flush.c): one write transaction per mail
   (dondoc_store_outbox_step(): the mark of the mail just tried and the
   begun send of the next one, the rest renewed), and the store synced
   (dondoc_store_sync(), no write lock held) right before each send.

   What each path guarantees, per mail (the same for both):
   - Never sent before its row is on disk: the row (queued claimed in the
     delivery's own transaction, or claimed by the sender) and its begun
     send (send_started_at) are synced before the SMTP session starts,
     whatever dondoc_store_sync says, so whoever sends it again (the
     redelivery, the sender) finds it, audits the resend and looks in
     the sent journal.
   - A process killed before the server's 250: nothing was taken by the
     server; the claim is taken over (at once when its owner is a process
     of this host that is gone, else when the lease runs out) and the
     mail sent once, audited as a resend.
   - The 250 received, the mark failing while the process lives: the mail
     goes to the sent journal (outside the write lock); the next owner
     marks it sent and sends nothing.
   - The one at-least-once window: a process killed (or a machine that
     loses power) after the server's 250 and before the mark is on disk.
     The mail is sent again, with the same Message-ID, audited. The
     mark of the mail sent last is on disk at the caller's next sync
     (dondoc_store_sync = delivery: before the delivery is acknowledged;
     the sender: at the end of its round).
   Trusts the store for the claims and the send function for its
   answer. */

#include "lib.h"
#include "array.h"
#include "sleep.h"
#include "time-util.h"
#include "dondoc-store-outbox-step.h"
#include "dondoc-actions-private.h"

/* The pauses between tries of a step that failed on a temporary error,
   doubling from the first to the last (ms). */
#define ACTIONS_STEP_PAUSE_FIRST_MSECS 20
#define ACTIONS_STEP_PAUSE_LAST_MSECS 200

/* Hand one claimed mail to the sender: p->result and p->error. */
static void actions_send(dondoc_send_func_t *send, void *context,
			 struct dondoc_actions_pending *p)
{
	p->error = NULL;
	p->result = send(context, p->recipient, p->data, &p->error);
	if (p->result <= 0 && p->error == NULL)
		p->error = "unknown error";
}

/* Do one step; one that failed on a temporary error is tried again
   while the whole stays within one busy timeout, the longest a delivery
   may wait: a step that waited out another writer's lock has used it
   up, while a connection lost to a server restarting fails at once, and
   giving up then would send done's mail again (its mark lost) where a
   moment later it could be marked. */
static int actions_step(struct dondoc_store *store,
			const struct dondoc_outbox_step *step,
			struct dondoc_outbox_step_result *result_r,
			const char **error_r)
{
	unsigned int budget = dondoc_store_busy_timeout_msecs(store);
	unsigned int pause = ACTIONS_STEP_PAUSE_FIRST_MSECS;
	struct timeval start, now;
	int elapsed;

	i_gettimeofday(&start);
	while (dondoc_store_outbox_step(store, step, result_r, error_r) < 0) {
		if (!dondoc_store_error_is_temporary(store))
			return -1;
		i_gettimeofday(&now);
		elapsed = timeval_diff_msecs(&now, &start);
		if (elapsed < 0 || (unsigned int)elapsed + pause >= budget)
			return -1;
		i_sleep_msecs(pause);
		pause = I_MIN(pause * 2, ACTIONS_STEP_PAUSE_LAST_MSECS);
	}
	return 0;
}

/* The step after done was tried (NULL: none) that begins next's send
   (NULL: none). */
static void actions_step_init(const struct dondoc_actions_env *env,
			      unsigned int lease_secs,
			      const struct dondoc_actions_pending *done,
			      const struct dondoc_actions_pending *next,
			      bool renew, struct dondoc_outbox_step *step_r)
{
	i_zero(step_r);
	step_r->owner = dondoc_actions_env_owner(env);
	step_r->lease_secs = lease_secs;
	step_r->renew = renew;
	step_r->next_id = next == NULL ? 0 : next->id;
	if (done == NULL)
		return;
	step_r->done_id = done->id;
	step_r->done_sent = done->result > 0;
	step_r->reason = done->result > 0 ? NULL : done->error;
	/* a permanent failure at once, a temporary one once the attempts
	   are used up (else queued again) */
	step_r->max_attempts = done->result == 0 ? 1 : env->set->max_attempts;
}

/* A step failed: nothing of it is written. done (sent) goes to the sent
   journal, so that the owner after us marks it instead of sending it
   again; next is not sent now (its claim runs out). */
static void actions_step_failed(struct dondoc_store *store,
				struct dondoc_actions_pending *done,
				struct dondoc_actions_pending *next,
				const char **error)
{
	const char *jerror;

	if (done != NULL && done->result > 0 && done->message_id != NULL &&
	    dondoc_store_outbox_note_sent(store, done->id, done->message_id,
					  &jerror) < 0) {
		*error = t_strdup_printf("%s; and noting it sent failed: %s "
					 "(it will be sent again)", *error,
					 jerror);
	}
	if (next != NULL) {
		next->result = -1;
		next->error = *error;
	}
}

/* What next's begun send said: TRUE when it is to be sent now. */
static bool actions_begun(const struct dondoc_outbox_step_result *result,
			  struct dondoc_actions_pending *next)
{
	if (result->next == 2) {
		/* sent by an earlier attempt that could not mark it */
		next->result = 1;
		next->journaled = TRUE;
		return FALSE;
	}
	if (result->next == 0) {
		/* the claim ran out and another sender has it */
		next->claim_lost = TRUE;
		next->result = -1;
		next->error = "claim lost to another sender";
		return FALSE;
	}
	return TRUE;
}

int dondoc_actions_send_list(const struct dondoc_actions_env *env,
			     struct dondoc_actions_pending *list,
			     unsigned int count, const char **error_r)
{
	struct dondoc_store *store = env->store;
	unsigned int i, sent = 0, lease_secs = env->set->lease_secs;
	struct dondoc_actions_pending *done = NULL, *next;
	struct dondoc_outbox_step step;
	struct dondoc_outbox_step_result result;
	const char *error;
	int ret = 0;

	i_assert(env->send != NULL);
	if (lease_secs == 0)
		lease_secs = DONDOC_ACTIONS_LEASE_SECS(
			DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS);
	for (i = 0; i <= count; i++) {
		next = i < count ? &list[i] : NULL;
		if (done == NULL && next == NULL)
			break;
		/* the others still wait: renewed with it */
		actions_step_init(env, lease_secs, done, next, i + 1 < count,
				  &step);
		/* within one busy timeout (actions_step()); what a failed
		   step leaves is claimed, for the sender or the redelivery
		   (above) */
		if (actions_step(store, &step, &result, &error) < 0) {
			actions_step_failed(store, done, next, &error);
			if (ret == 0) {
				*error_r = error;
				ret = -1;
			}
			done = NULL;
			continue;
		}
		/* a failure whose claim was lost: its new owner decides */
		if (done != NULL && done->result <= 0 && result.done == 0)
			done->claim_lost = TRUE;
		done = NULL;
		if (next == NULL)
			break;
		if (!actions_begun(&result, next)) {
			if (next->result > 0)
				sent++;
			continue;
		}
		/* its row and begun send on disk before it goes out */
		if (dondoc_store_sync(store, &error) < 0) {
			/* not sent: queued again by the next step's mark */
			next->result = -1;
			next->error = t_strdup_printf("not sent: %s", error);
			done = next;
			continue;
		}
		actions_send(env->send, env->context, next);
		if (next->result > 0)
			sent++;
		done = next;
	}
	return ret < 0 ? -1 : (int)sent;
}

int dondoc_actions_send_pending(const struct dondoc_actions_env *env,
				const char **error_r)
{
	struct dondoc_actions_pending *list;
	unsigned int count;

	i_assert(env->pending != NULL && env->send != NULL);
	list = array_get_modifiable(env->pending, &count);
	return dondoc_actions_send_list(env, list, count, error_r);
}
