/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* What a delivery's store work touches, as the keys of its write
   transaction (dondoc_store_begin_keys(), dondoc-store-lock.h): on
   PostgreSQL two deliveries run at once unless they share one. Each
   rule of record, confirm, escalate and status that reads the store to
   decide a write reads only rows these keys name:
     m  the Message-ID: its submission, and the outbox rows whose dedup
        keys hold it (the receipt, the escalations of an unmatched
        report, their take-over after a failed delivery);
     t  the task: its status and transition, the escalations and Head's
        digest items about it, the receipt limit per task;
     d  the document (number and symbol): the one record per document
        whatever the Message-ID, and the receipt it withholds;
     r  the envelope sender: the receipt limit per sender and period,
        the status answer per sender and hour.
   The outbox's own writes are conditional or unique (dondoc-store-
   outbox.c) and need no key. A reply about a meeting writes the
   attendance and may add a task: it holds the whole store (NULL), as
   does a delivery whose keys are more or longer than a transaction
   takes. Trusts the tracking result it is given. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-lock.h"
#include "dondoc-actions.h"

/* A key too long (or too many of them) is dondoc_store_begin_keys()'s
   to refuse: it then holds the whole store. */
static void actions_key_add(ARRAY_TYPE(const_string) *keys, const char *kind,
			    const char *value)
{
	const char *key;

	if (value == NULL || value[0] == '\0')
		return;
	key = t_strconcat(kind, " ", value, NULL);
	array_push_back(keys, &key);
}

const char *const *dondoc_actions_txn_keys(const struct dondoc_actions_env *env)
{
	const struct dondoc_tracking *t = env->tracking;
	const struct dondoc_document *doc = t->document;
	ARRAY_TYPE(const_string) keys;

	if (t->attendance != NULL)
		return NULL;
	t_array_init(&keys, DONDOC_STORE_MAX_TXN_KEYS + 1);
	actions_key_add(&keys, "m", env->msg->message_id);
	actions_key_add(&keys, "t", t->match != DONDOC_MATCH_NONE ?
			t->task.code : NULL);
	actions_key_add(&keys, "r", env->msg->envelope_sender);
	if (doc != NULL && doc->number != NULL && doc->number[0] != '\0' &&
	    doc->symbol != NULL && doc->symbol[0] != '\0') {
		actions_key_add(&keys, "d", t_strconcat(doc->number, " ",
							doc->symbol, NULL));
	}
	if (array_count(&keys) == 0)
		return NULL;
	array_append_zero(&keys);
	return array_front(&keys);
}
