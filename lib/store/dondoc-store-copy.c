/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc db copy: the table list (in foreign key order), the emptiness
   check of the target, the copy through each backend's row reader and
   inserter inside one transaction of the target, and the verification
   afterwards (row counts, the audit log entry for entry). Trusts the
   backends to quote nothing: table and column names are the constants
   below, every value is bound. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-private.h"
#include "dondoc-store-copy.h"

#define COLS(...) (const char *const[]){ __VA_ARGS__ }, \
	N_ELEMENTS(((const char *const[]){ __VA_ARGS__ }))

static const struct dondoc_store_copy_table copy_tables[] = {
	{ "agency", COLS("id", "code", "name"), -1, FALSE, FALSE },
	{ "role", COLS("name"), -1, TRUE, FALSE },
	{ "obligation", COLS("code", "title", "article", "assignee_role",
		"recipient_role", "recipient", "recurrence", "months",
		"period_kind", "due_rule", "doc_type"), -1, TRUE, FALSE },
	{ "person", COLS("id", "agency_id", "name"), -1, FALSE, FALSE },
	{ "person_email", COLS("email", "person_id"), -1, FALSE, FALSE },
	{ "person_role", COLS("person_id", "role"), -1, FALSE, FALSE },
	{ "task", COLS("id", "code", "title", "agency_id", "assigner",
		"source_type", "source_number", "source_symbol", "due",
		"status", "period_kind", "period_year", "period_index",
		"doc_type", "obligation", "created_at", "updated_at"), -1,
		FALSE, FALSE },
	{ "meeting", COLS("id", "code", "title", "date", "place",
		"convener_agency_id", "time", "chair", "agenda", "notice_sent",
		"notice_workdays", "notice_type", "notice_number",
		"notice_symbol", "notice_message_id"), -1, FALSE, FALSE },
	{ "calendar_exception", COLS("date", "kind", "reason"), -1,
		FALSE, FALSE },
	{ "submission", COLS("id", "message_id", "doc_type", "doc_number",
		"doc_symbol", "doc_date", "task_id", "sender_email",
		"sender_person_id", "sender_agency_id", "received_at", "late",
		"late_days", "trust", "match"), -1, FALSE, FALSE },
	{ "submission_issue", COLS("submission_id", "secret",
		"difficulties_raised", "proposals_raised", "difficulties",
		"proposals"), -1, FALSE, FALSE },
	{ "agency_alias", COLS("id", "agency_id", "alias", "key"), -1,
		FALSE, FALSE },
	{ "outbox", COLS("id", "kind", "task_id", "recipient", "message_id",
		"dedup_key", "data", "state", "attempts", "created_at",
		"claimed_at", "sent_at", "last_error", "owner", "lease_until",
		"send_started_at", "smtp_reply"), -1, FALSE, FALSE },
	{ "head_digest", COLS("id", "period", "recipient", "built_at",
		"items"), -1, FALSE, FALSE },
	{ "head_digest_item", COLS("id", "dedup_key", "recipient", "kind",
		"task_code", "task_title", "agency", "due", "late_days",
		"doc_type", "doc_number", "doc_symbol", "doc_date", "reason",
		"difficulties", "proposals", "message_id", "reply_to",
		"secret", "original", "original_size", "created_at",
		"digest_id"), 19, FALSE, FALSE },
	{ "meeting_attendance", COLS("id", "meeting_id", "agency_id", "kind",
		"delegate", "message_id", "doc_type", "doc_number",
		"doc_symbol", "received_at", "consent_at",
		"consent_message_id"), -1, FALSE, FALSE },
	{ "outgoing_mark", COLS("mailbox_guid", "mailbox", "uidvalidity",
		"last_uid", "updated_at"), -1, FALSE, FALSE },
	/* without its id (the first column): appended */
	{ "audit", COLS("id", "at", "actor", "entity", "entity_key",
		"action", "old_value", "new_value"), -1, FALSE, TRUE },
};
/* the schema version the list above describes (013, 014 and 015
   changed indexes only; 016's calendar_version is derived: the target's
   triggers count the exceptions copied) */
#define COPY_SCHEMA_VERSION 16

struct copy_context {
	struct dondoc_store *to;
	const struct dondoc_store_copy_table *table;
	unsigned int rows;
};

static int copy_row(const char *const *values, void *context,
		    const char **error_r)
{
	struct copy_context *ctx = context;

	ctx->rows++;
	return ctx->to->v->copy_insert(ctx->to, ctx->table, values, error_r);
}

static bool audit_entry_equal(const struct dondoc_audit_entry *a,
			      const struct dondoc_audit_entry *b)
{
	return a->at == b->at && null_strcmp(a->actor, b->actor) == 0 &&
		null_strcmp(a->entity, b->entity) == 0 &&
		null_strcmp(a->entity_key, b->entity_key) == 0 &&
		null_strcmp(a->action, b->action) == 0 &&
		null_strcmp(a->old_value, b->old_value) == 0 &&
		null_strcmp(a->new_value, b->new_value) == 0;
}

/* The target's audit log: its own migration rows, then the source's
   entries in their order, then the copy's own. */
static int copy_verify_audit(struct dondoc_store *from,
			     struct dondoc_store *to, unsigned int own,
			     const char **error_r)
{
	ARRAY_TYPE(dondoc_audit_entry) src, dst;
	const struct dondoc_audit_entry *s, *d;
	pool_t pool = pool_datastack_create();
	unsigned int i, n;

	t_array_init(&src, 256);
	t_array_init(&dst, 256);
	if (from->v->audit_list(from, pool, NULL, NULL, &src, error_r) < 0 ||
	    to->v->audit_list(to, pool, NULL, NULL, &dst, error_r) < 0)
		return -1;
	s = array_get(&src, &n);
	if (array_count(&dst) != own + n + 1) {
		*error_r = t_strdup_printf("the copied audit log has %u "
			"entries, expected %u", array_count(&dst), own + n + 1);
		return -1;
	}
	d = array_front(&dst);
	for (i = 0; i < n; i++) {
		if (!audit_entry_equal(&s[i], &d[own + i])) {
			*error_r = t_strdup_printf("the copied audit log "
				"differs at the source's entry %lld",
				(long long)s[i].id);
			return -1;
		}
	}
	return 0;
}

int dondoc_store_copy(struct dondoc_store *from, struct dondoc_store *to,
		      const char *from_name, unsigned int *rows_r,
		      const char **error_r)
{
	struct copy_context ctx = { .to = to };
	const struct dondoc_store_copy_table *t;
	int64_t count, count2, own_audit = 0;
	int version;
	unsigned int i;

	*rows_r = 0;
	if (from->v->copy_rows == NULL || to->v->copy_insert == NULL) {
		*error_r = "this store backend cannot be copied";
		return -1;
	}
	if (dondoc_store_get_version(from, &version, error_r) < 0)
		return -1;
	if (version != COPY_SCHEMA_VERSION ||
	    dondoc_store_schema_version() != COPY_SCHEMA_VERSION) {
		*error_r = t_strdup_printf("dondoc db copy knows schema version "
			"%d, the source has %d: migrate it first",
			COPY_SCHEMA_VERSION, version);
		return -1;
	}
	if (to->v->begin(to, error_r) < 0)
		return -1;
	/* under the target's write lock: nobody fills it meanwhile */
	for (i = 0; i < N_ELEMENTS(copy_tables); i++) {
		t = &copy_tables[i];
		if (t->seeded)
			continue;
		if (to->v->copy_count(to, t, t->append, &count, error_r) < 0)
			goto fail;
		if (t->append) {
			own_audit = count;
			if (to->v->copy_count(to, t, FALSE, &count2,
					      error_r) < 0)
				goto fail;
			count = count2 - count;
		}
		if (count > 0) {
			*error_r = t_strdup_printf("the target store is not empty "
				"(%s has %lld rows): dondoc db copy fills a new "
				"store only", t->name, (long long)count);
			goto fail;
		}
	}
	for (i = 0; i < N_ELEMENTS(copy_tables); i++) {
		t = &copy_tables[i];
		if (t->seeded)
			continue;
		ctx.table = t;
		if (from->v->copy_rows(from, t, copy_row, &ctx, error_r) < 0)
			goto fail;
	}
	for (i = 0; i < N_ELEMENTS(copy_tables); i++) {
		if (!copy_tables[i].seeded &&
		    to->v->copy_finish(to, &copy_tables[i], error_r) < 0)
			goto fail;
	}
	if (to->v->audit_add(to, "store", "*", "copy", NULL,
			     t_strdup_printf("%u rows from %s", ctx.rows,
					     from_name), error_r) < 0 ||
	    to->v->commit(to, error_r) < 0)
		goto fail;

	/* verified as the target now is, by fresh reads */
	for (i = 0; i < N_ELEMENTS(copy_tables); i++) {
		t = &copy_tables[i];
		if (from->v->copy_count(from, t, FALSE, &count, error_r) < 0 ||
		    to->v->copy_count(to, t, FALSE, &count2, error_r) < 0)
			return -1;
		if (t->append)
			count += own_audit + 1;
		if (count != count2) {
			*error_r = t_strdup_printf("verification: %s has %lld "
				"rows in the source and %lld in the copy",
				t->name, (long long)count, (long long)count2);
			return -1;
		}
	}
	if (copy_verify_audit(from, to, (unsigned int)own_audit, error_r) < 0)
		return -1;
	*rows_r = ctx.rows;
	return 1;
fail:
	to->v->rollback(to);
	return -1;
}
