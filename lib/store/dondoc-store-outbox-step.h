/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_OUTBOX_STEP_H
#define DONDOC_STORE_OUTBOX_STEP_H

/* The outbox sender's write transactions (dondoc-store-outbox-step.c):
   several of the outbox operations of dondoc-store.h in one, each as it
   is alone. For a sender (lib/tracking/dondoc-outbox-flush.c). */

#include "dondoc-store.h"

/* A sender's steps through the batch it claimed, each one write
   transaction (dondoc-store-outbox-step.c). Between two sends: the
   outcome of the mail just tried, the claims of the rest of the batch
   renewed and the send of the next one begun. A step that fails has
   done none of it. */
struct dondoc_outbox_step {
	const char *owner;
	unsigned int lease_secs;
	/* the mail just tried (0: none): sent (smtp_reply may be NULL) or
	   failed (reason, max_attempts), as mark_sent/mark_failed */
	int64_t done_id;
	bool done_sent;
	const char *smtp_reply, *reason;
	unsigned int max_attempts;
	/* renew owner's other live claims, as outbox_renew */
	bool renew;
	/* the mail sent next (0: none), as begin_send */
	int64_t next_id;
};
struct dondoc_outbox_step_result {
	/* done_id's mark: 1, or 0 (sent: marked before; failed: the claim
	   was lost) */
	int done;
	/* next_id's begin: 1 send it (resend: an earlier attempt began),
	   0 the claim is lost, 2 sent before (the sent journal) */
	int next;
	bool next_resend;
};
int dondoc_store_outbox_step(struct dondoc_store *store,
			     const struct dondoc_outbox_step *step,
			     struct dondoc_outbox_step_result *result_r,
			     const char **error_r);
/* dondoc_store_outbox_claim() and, in the same write transaction, the
   send of the first mail claimed begun: first_r's next and next_resend
   for it (next is 0 and nothing is claimed when it returns 0). With
   owner_gone (may be NULL), the live claims of other owners that
   owner_gone() says are gone are claimable too, each taken on the
   condition that its owner still holds it and audited "claim (its owner
   ... is gone)", as claim_key's. At most 64 owners of live claims past
   after_id are asked; a claim beyond them waits for its lease. */
int dondoc_store_outbox_claim_begin(struct dondoc_store *store, pool_t pool,
				    unsigned int max, const char *owner,
				    unsigned int lease_secs,
				    unsigned int retry_secs, int64_t after_id,
				    dondoc_outbox_owner_gone_t *owner_gone,
				    ARRAY_TYPE(dondoc_outbox_mail) *mails,
				    struct dondoc_outbox_step_result *first_r,
				    const char **error_r);

#endif
