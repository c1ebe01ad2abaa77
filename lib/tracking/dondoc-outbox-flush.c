/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outbox sender's round (dondoc_actions_flush_outbox(), see
   dondoc-actions.h): `dondoc outbox send`, its --watch (the systemd unit,
   the Dovecot service). A batch is claimed with the send of its first
   mail begun, in one write transaction; after each send one more
   transaction marks that mail and begins the next one's send (the rest
   of the batch renewed with it): one write transaction per mail, where
   claim, begin-send, mark and renew were one each. A batch takes at
   once, not a lease later, the live claims of an owner that is gone
   (dondoc_actions_owner_gone(): a delivery or a sender of this host
   that was killed), as the redelivery does; an owner it cannot prove
   gone keeps its lease.

   Durability: the sender's commits need not wait for the disk; what a
   send relies on does, so the store is synced (dondoc_store_sync(), no
   write lock held) right before each send and once at the end of the
   round. Before a send, then, its claim and begun send are on disk (a
   resend after a power loss is audited as one and looks for the sent
   journal), and so is the mark of the mail before it. A power loss can
   only take the mark of the mail sent last, between its commit and the
   next sync: one resend, which the at-least-once rule allows. Trusts the
   store for the claims and the send function for its answer. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-outbox-step.h"
#include "dondoc-actions.h"

#include <unistd.h>

/* A failed step is tried again, briefly: the store may only be busy. */
#define FLUSH_STEP_TRIES 3

struct flush_round {
	struct dondoc_store *store;
	dondoc_send_func_t *send;
	void *context;
	const struct dondoc_flush_settings *set;
	unsigned int sent, failures, lost;
	/* a step committed since the last sync */
	bool unsynced;
};

static int flush_step(struct flush_round *round,
		      const struct dondoc_outbox_step *step,
		      struct dondoc_outbox_step_result *result_r,
		      const char **error_r)
{
	unsigned int i;

	for (i = 0;; i++) {
		if (dondoc_store_outbox_step(round->store, step, result_r,
					     error_r) == 0) {
			round->unsynced = TRUE;
			return 0;
		}
		if (i + 1 == FLUSH_STEP_TRIES)
			return -1;
		usleep(100000 << i);
	}
}

static int flush_sync(struct flush_round *round, const char **error_r)
{
	if (dondoc_store_sync(round->store, error_r) < 0)
		return -1;
	round->unsynced = FALSE;
	return 0;
}

/* Send mail, whose send was begun as *begun says, then mark it and
   begin next_id's send (0: none): *begun is then next_id's. */
static int flush_one(struct flush_round *round,
		     const struct dondoc_outbox_mail *mail, int64_t next_id,
		     bool renew, struct dondoc_outbox_step_result *begun,
		     const char **error_r)
{
	const struct dondoc_flush_settings *set = round->set;
	struct dondoc_outbox_step step = {
		.owner = set->owner,
		.lease_secs = set->lease_secs,
		.renew = renew,
		.next_id = next_id,
	};
	struct dondoc_outbox_step_result result;
	const char *error = NULL;
	int ret;

	if (begun->next == 0) {
		/* the claim ran out and another sender has it */
		round->lost++;
	} else if (begun->next == 2) {
		/* sent by an earlier attempt that could not mark it */
		round->sent++;
	} else {
		if (flush_sync(round, error_r) < 0)
			return -1;
		ret = round->send(round->context, mail->recipient, mail->data,
				  &error);
		step.done_id = mail->id;
		step.done_sent = ret > 0;
		step.reason = ret > 0 ? NULL :
			error != NULL ? error : "unknown error";
		/* a permanent failure at once, a temporary one once the
		   attempts are used up */
		step.max_attempts = ret == 0 ? 1 : set->max_attempts;
	}
	if (flush_step(round, &step, &result, error_r) < 0) {
		/* Sent, not marked: noted outside the write lock, so that
		   the sender that takes the claim over marks it instead of
		   sending it again. */
		if (step.done_id != 0 && step.done_sent &&
		    mail->message_id != NULL &&
		    dondoc_store_outbox_note_sent(round->store, mail->id,
						  mail->message_id,
						  &error) < 0) {
			*error_r = t_strdup_printf("%s; and noting it sent "
				"failed: %s (it will be sent again)",
				*error_r, error);
		}
		return -1;
	}
	if (step.done_id != 0) {
		if (step.done_sent)
			round->sent++;
		else if (result.done == 0)
			round->lost++; /* its new owner decides */
		else
			round->failures++;
	}
	*begun = result;
	return 0;
}

/* One batch: claimed with its first send begun, then a step per mail. */
static int flush_batch(struct flush_round *round, unsigned int max,
		       int64_t *last_id, const char **error_r)
{
	const struct dondoc_flush_settings *set = round->set;
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	const struct dondoc_outbox_mail *mail, *next;
	struct dondoc_outbox_step_result begun;
	unsigned int i, count;
	int ret;

	t_array_init(&mails, 16);
	ret = dondoc_store_outbox_claim_begin(round->store,
		pool_datastack_create(), max, set->owner, set->lease_secs,
		set->retry_secs, *last_id, dondoc_actions_owner_gone, &mails,
		&begun, error_r);
	if (ret <= 0)
		return ret;
	round->unsynced = TRUE;
	count = array_count(&mails);
	for (i = 0; i < count; i++) {
		mail = array_idx(&mails, i);
		next = i + 1 < count ? array_idx(&mails, i + 1) : NULL;
		*last_id = I_MAX(*last_id, mail->id);
		/* the next one's begin renews it: the others wait another
		   lease */
		if (flush_one(round, mail, next == NULL ? 0 : next->id,
			      i + 2 < count, &begun, error_r) < 0)
			return -1;
	}
	return count;
}

int dondoc_actions_flush_outbox(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				const struct dondoc_flush_settings *set,
				unsigned int *failures_r,
				unsigned int *lost_r,
				const char **error_r)
{
	struct flush_round round = {
		.store = store,
		.send = send,
		.context = context,
		.set = set,
	};
	unsigned int done = 0, batch, max;
	/* Each mail once per run, in id order. */
	int64_t last_id = 0;
	const char *error;
	int ret = 0;

	/* A batch no bigger than what one lease covers at the worst send
	   time: the claims of its last mails must not run out first. */
	batch = set->send_timeout_secs == 0 ? set->max :
		set->lease_secs / set->send_timeout_secs;
	if (batch == 0)
		batch = 1;
	while (done < set->max) {
		max = I_MIN(batch, set->max - done);
		if ((ret = flush_batch(&round, max, &last_id, error_r)) <= 0)
			break;
		done += ret;
		if ((unsigned int)ret < max)
			break;
	}
	/* the last mark on disk before the sender rests */
	if (round.unsynced && flush_sync(&round, &error) < 0 && ret >= 0) {
		*error_r = error;
		ret = -1;
	}
	*failures_r = round.failures;
	*lost_r = round.lost;
	return ret < 0 ? -1 : (int)round.sent;
}
