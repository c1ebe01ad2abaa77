/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outbox mail a delivery (or another adapter's transaction) queued
   claimed, sent by the process that queued it (dondoc_send = delivery,
   see dondoc-actions.h): each mail's claim checked and renewed, the mail
   sent, marked sent or failed. Trusts the store for the claims and the
   send function for its answer. */

#include "lib.h"
#include "array.h"
#include "dondoc-actions-private.h"

#include <unistd.h>

/* Hand one claimed mail to the sender: p->result and p->error. */
static void actions_send(dondoc_send_func_t *send, void *context,
			 struct dondoc_actions_pending *p)
{
	p->error = NULL;
	p->result = send(context, p->recipient, p->data, &p->error);
	if (p->result <= 0 && p->error == NULL)
		p->error = "unknown error";
}

/* Sent, or failed: a permanent failure at once, a temporary one once
   max_attempts are used up (else queued again). A failed mark of a sent
   mail is tried again, briefly: the store may only be busy. */
#define ACTIONS_MARK_TRIES 3
static int actions_mark(struct dondoc_store *store, const char *owner,
			struct dondoc_actions_pending *p,
			unsigned int max_attempts, const char **error_r)
{
	const char *error;
	unsigned int i;
	int ret;

	if (p->result <= 0) {
		ret = dondoc_store_outbox_mark_failed(store, p->id, owner,
			p->error, p->result == 0 ? 1 : max_attempts, error_r);
		/* 0: the claim ran out during the send and another sender
		   has it now; its attempt decides. */
		if (ret == 0)
			p->claim_lost = TRUE;
		return ret;
	}
	for (i = 0;; i++) {
		ret = dondoc_store_outbox_mark_sent(store, p->id, NULL, error_r);
		if (ret >= 0)
			return ret;
		if (i + 1 == ACTIONS_MARK_TRIES)
			break;
		usleep(100000 << i);
	}
	/* Sent, not marked: note it outside the database, so that the
	   sender that takes the claim over marks it instead of sending it
	   again. */
	if (p->message_id != NULL &&
	    dondoc_store_outbox_note_sent(store, p->id, p->message_id,
					  &error) < 0) {
		*error_r = t_strdup_printf("%s; and noting it sent failed: %s "
					   "(it will be sent again)", *error_r,
					   error);
	}
	return -1;
}

/* Check and renew the claim, send, mark. */
int dondoc_actions_send_claimed(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				const char *owner, unsigned int lease_secs,
				unsigned int max_attempts,
				struct dondoc_actions_pending *p,
				const char **error_r)
{
	bool resend;
	int ret;

	ret = dondoc_store_outbox_begin_send(store, p->id, owner, lease_secs,
					     &resend, error_r);
	if (ret == 2) {
		/* sent by an earlier attempt that could not mark it */
		p->result = 1;
		p->journaled = TRUE;
		return 1;
	}
	if (ret <= 0) {
		p->claim_lost = ret == 0;
		p->result = -1;
		p->error = ret == 0 ? "claim lost to another sender" : *error_r;
		return ret;
	}
	actions_send(send, context, p);
	return actions_mark(store, owner, p, max_attempts, error_r) < 0 ? -1 : 1;
}

int dondoc_actions_send_pending(const struct dondoc_actions_env *env,
				const char **error_r)
{
	struct dondoc_actions_pending *p;
	unsigned int sent = 0, lease_secs = env->set->lease_secs;
	const char *error;
	int ret = 0;

	i_assert(env->pending != NULL && env->send != NULL);
	if (lease_secs == 0)
		lease_secs = DONDOC_ACTIONS_LEASE_SECS(
			DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS);
	array_foreach_modifiable(env->pending, p) {
		if (dondoc_actions_send_claimed(env->store, env->send, env->context,
					 dondoc_actions_env_owner(env), lease_secs,
					 env->set->max_attempts, p,
					 &error) < 0 && ret == 0) {
			*error_r = error;
			ret = -1;
		}
		if (p->result > 0)
			sent++;
	}
	return ret < 0 ? -1 : (int)sent;
}
