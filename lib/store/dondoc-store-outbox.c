/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store's public face for the outbox (see dondoc-store.c): every
   argument validated and bounded before a backend sees it: kinds and
   states in range, owners and leases bounded, text well-formed, an SMTP
   reply reduced to bounded printable ASCII. Trusts nothing of its
   arguments; trusts the backend to apply each change conditionally. */

#include "lib.h"
#include "str.h"
#include "dondoc-store-private.h"

/* An SMTP server's reply as text we keep: printable ASCII, bounded. */
static const char *outbox_printable(const char *text, size_t max)
{
	string_t *str = t_str_new(64);
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (str_len(str) == max)
			break;
		str_append_c(str, *p >= 0x20 && *p < 0x7f ? (char)*p : '?');
	}
	return str_c(str);
}

static int outbox_check_owner(const char *owner, const char **error_r)
{
	if (owner == NULL || owner[0] == '\0' ||
	    strlen(owner) > DONDOC_OUTBOX_MAX_OWNER) {
		*error_r = "outbox claim owner missing or too long";
		return -1;
	}
	return 0;
}

static int outbox_check_lease(unsigned int lease_secs, const char **error_r)
{
	if (lease_secs == 0 || lease_secs > DONDOC_OUTBOX_MAX_LEASE_SECS) {
		*error_r = t_strdup_printf("outbox lease must be 1..%u seconds",
					   DONDOC_OUTBOX_MAX_LEASE_SECS);
		return -1;
	}
	return 0;
}

int dondoc_store_outbox_queue(struct dondoc_store *store,
			      const struct dondoc_outbox_mail *mail,
			      int64_t *id_r, const char **error_r)
{
	if ((unsigned int)mail->kind >= DONDOC_OUTBOX_NOTICE + 1) {
		*error_r = "invalid outbox kind";
		return -1;
	}
	if (mail->state != DONDOC_OUTBOX_QUEUED &&
	    mail->state != DONDOC_OUTBOX_CLAIMED) {
		*error_r = "outbox mail is queued or claimed, "
			"never created sent or failed";
		return -1;
	}
	if (mail->state == DONDOC_OUTBOX_CLAIMED &&
	    (outbox_check_owner(mail->owner, error_r) < 0 ||
	     mail->lease_until <= 0))
		return -1;
	if (dondoc_store_check_code("task code", mail->task_code, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("recipient", mail->recipient, DONDOC_STORE_MAX_EMAIL,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_message_id(mail->message_id, error_r) < 0 ||
	    dondoc_store_check_text("dedup key", mail->dedup_key,
		       DONDOC_STORE_MAX_MESSAGE_ID + 2 * DONDOC_STORE_MAX_CODE,
		       TRUE, error_r) < 0)
		return -1;
	if (mail->data == NULL || mail->data[0] == '\0' ||
	    strlen(mail->data) > DONDOC_STORE_MAX_MAIL) {
		*error_r = "outgoing mail is empty or too large";
		return -1;
	}
	return store->v->outbox_queue(store, mail, id_r, error_r);
}

int dondoc_store_outbox_claim(struct dondoc_store *store, pool_t pool,
			      unsigned int max, const char *owner,
			      unsigned int lease_secs,
			      unsigned int retry_secs, int64_t after_id,
			      ARRAY_TYPE(dondoc_outbox_mail) *mails,
			      const char **error_r)
{
	if (max == 0 || max > 10000) {
		*error_r = "claim between 1 and 10000 mails";
		return -1;
	}
	if (outbox_check_owner(owner, error_r) < 0 ||
	    outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	if (retry_secs > DONDOC_OUTBOX_MAX_RETRY_SECS)
		retry_secs = DONDOC_OUTBOX_MAX_RETRY_SECS;
	return store->v->outbox_claim(store, pool, max, owner, lease_secs,
				      retry_secs, after_id, mails,
				      error_r);
}

int dondoc_store_outbox_claim_key(struct dondoc_store *store, pool_t pool,
				  const char *dedup_key, const char *owner,
				  unsigned int lease_secs,
				  struct dondoc_outbox_mail *mail_r,
				  const char **error_r)
{
	if (dondoc_store_check_text("dedup key", dedup_key,
		       DONDOC_STORE_MAX_MESSAGE_ID + 2 * DONDOC_STORE_MAX_CODE,
		       TRUE, error_r) < 0 ||
	    outbox_check_owner(owner, error_r) < 0 ||
	    outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return store->v->outbox_claim_key(store, pool, dedup_key, owner,
					  lease_secs, mail_r, error_r);
}

int dondoc_store_outbox_begin_send(struct dondoc_store *store, int64_t id,
				   const char *owner, unsigned int lease_secs,
				   bool *resend_r, const char **error_r)
{
	*resend_r = FALSE;
	if (outbox_check_owner(owner, error_r) < 0 ||
	    outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return store->v->outbox_begin_send(store, id, owner, lease_secs,
					   resend_r, error_r);
}

int dondoc_store_outbox_note_sent(struct dondoc_store *store, int64_t id,
				  const char *message_id,
				  const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return store->v->outbox_note_sent(store, id, message_id, error_r);
}

int dondoc_store_outbox_renew(struct dondoc_store *store, const char *owner,
			      unsigned int lease_secs, const char **error_r)
{
	if (outbox_check_owner(owner, error_r) < 0 ||
	    outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return store->v->outbox_renew(store, owner, lease_secs, error_r);
}

int dondoc_store_outbox_mark_sent(struct dondoc_store *store, int64_t id,
				  const char *smtp_reply,
				  const char **error_r)
{
	if (smtp_reply != NULL)
		smtp_reply = outbox_printable(smtp_reply, 200);
	return store->v->outbox_mark_sent(store, id, smtp_reply, error_r);
}

int dondoc_store_outbox_mark_failed(struct dondoc_store *store, int64_t id,
				    const char *owner, const char *reason,
				    unsigned int max_attempts,
				    const char **error_r)
{
	if (outbox_check_owner(owner, error_r) < 0)
		return -1;
	if (reason != NULL && strlen(reason) > DONDOC_STORE_MAX_TEXT)
		reason = t_strndup(reason, DONDOC_STORE_MAX_TEXT);
	return store->v->outbox_mark_failed(store, id, owner, reason,
					    max_attempts, error_r);
}

int dondoc_store_outbox_count_recent(struct dondoc_store *store,
				     enum dondoc_outbox_kind kind,
				     const char *recipient,
				     const char *task_code, time_t since,
				     const char *except_dedup_key,
				     unsigned int *count_r,
				     const char **error_r)
{
	*count_r = 0;
	if ((unsigned int)kind >= DONDOC_OUTBOX_NOTICE + 1) {
		*error_r = "invalid outbox kind";
		return -1;
	}
	if (dondoc_store_check_text("recipient", recipient, DONDOC_STORE_MAX_EMAIL,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_code("task code", task_code, FALSE, error_r) < 0)
		return -1;
	return store->v->outbox_count_recent(store, kind, recipient,
					     task_code, since,
					     except_dedup_key, count_r,
					     error_r);
}

int dondoc_store_outbox_list(struct dondoc_store *store, pool_t pool,
			     int state,
			     ARRAY_TYPE(dondoc_outbox_mail) *mails,
			     const char **error_r)
{
	if (state >= (int)DONDOC_OUTBOX_FAILED + 1) {
		*error_r = "invalid outbox state";
		return -1;
	}
	return store->v->outbox_list(store, pool, state, mails, error_r);
}

