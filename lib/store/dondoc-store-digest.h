/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_DIGEST_H
#define DONDOC_STORE_DIGEST_H

/* The store's rows a report is drafted from (lib/tracking/dondoc-digest.c):
   the tasks due in a date range with the submission that settled each,
   the tasks assigned in a time range, and the difficulties and proposals
   the submissions of a time range raised. Read only; the same
   conventions as dondoc-store.h (-1 error, else the number of rows). */

#include "dondoc-store.h"

/* A task with the first verified submission recorded against it. */
struct dondoc_store_digest_task {
	const char *code, *title, *agency;
	const char *assigner, *obligation;  /* may be NULL */
	const char *source_type, *source_number, *source_symbol;
	struct dondoc_date due;
	enum dondoc_task_status status;
	time_t created_at;

	/* A verified submission matched it (the earliest). */
	bool submitted;
	time_t submitted_at;
	bool late;
	unsigned int late_days;
	const char *message_id;                 /* of that submission */
	const char *doc_number, *doc_symbol;    /* may be NULL */
	struct dondoc_date doc_date;            /* year 0: unknown */
};
ARRAY_DEFINE_TYPE(dondoc_store_digest_task,
		  struct dondoc_store_digest_task);

/* Difficulties and proposals a verified submission raised. */
struct dondoc_store_digest_issue {
	int64_t submission_id;
	const char *agency;      /* the sender's agency code */
	const char *task_code;   /* NULL: unmatched */
	const char *message_id;
	const char *doc_type, *doc_number, *doc_symbol; /* may be NULL */
	struct dondoc_date doc_date;
	time_t received_at;
	/* The document is classified: metadata only, no text. */
	bool secret;
	bool difficulties_raised, proposals_raised;
	/* The sections' text; NULL when secret or not raised. */
	const char *difficulties, *proposals;
};
ARRAY_DEFINE_TYPE(dondoc_store_digest_issue,
		  struct dondoc_store_digest_issue);

/* Tasks due from first to last (inclusive), of agency (NULL: every
   agency), ordered by agency code, due date, code. */
int dondoc_store_digest_tasks(struct dondoc_store *store, pool_t pool,
			      const struct dondoc_date *first,
			      const struct dondoc_date *last,
			      const char *agency,
			      ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			      const char **error_r);
/* Tasks created in [from, until) that no periodic obligation generated
   (assigned by a document or by hand), ordered by creation, code. */
int dondoc_store_digest_assigned(struct dondoc_store *store, pool_t pool,
				 time_t from, time_t until,
				 const char *agency,
				 ARRAY_TYPE(dondoc_store_digest_task) *tasks,
				 const char **error_r);
/* Verified submissions received in [from, until) that raised
   difficulties or proposals, ordered by agency, arrival. */
int dondoc_store_digest_issues(struct dondoc_store *store, pool_t pool,
			       time_t from, time_t until, const char *agency,
			       ARRAY_TYPE(dondoc_store_digest_issue) *issues,
			       const char **error_r);

#endif
