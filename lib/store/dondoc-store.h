/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_H
#define DONDOC_STORE_H

/* The tracker's store: what the committee owes and when (agencies,
   people, tasks, obligations, meetings, calendar exceptions) and what
   happened (submissions, outgoing mail, the audit log).

   The interface is backend-neutral: callers see only these functions;
   a backend fills struct dondoc_store_vfuncs (dondoc-store-private.h).
   Today there is one backend, SQLite (dondoc-store-sqlite.c).

   Conventions: functions returning int return -1 on error (error_r set,
   allocated from the data stack), 0 for "not found"/"nothing done"
   (duplicate, already exists), 1 for success. Results are allocated from
   the pool the caller passes. Text is UTF-8; every string is bounded by
   the DONDOC_STORE_MAX_* limits below and refused when longer.

   Write operations run each in their own write transaction unless the
   caller opened one with dondoc_store_begin(), in which case they join it
   and nothing is written until dondoc_store_commit(). */

#include "dondoc-calendar.h"
#include "dondoc-task-state.h"

#include <time.h>

/* Bounds on every value the store accepts (bytes). */
#define DONDOC_STORE_MAX_CODE 64       /* agency, task, obligation codes */
#define DONDOC_STORE_MAX_NAME 256      /* names, titles */
#define DONDOC_STORE_MAX_EMAIL 254
#define DONDOC_STORE_MAX_MESSAGE_ID 998
#define DONDOC_STORE_MAX_DOC_FIELD 128 /* document type/number/symbol */
#define DONDOC_STORE_MAX_TEXT 4096     /* reasons, details, rules */
#define DONDOC_STORE_MAX_MAIL (1024 * 1024) /* outbox headers+body */

/* PRAGMA application_id of a dondoc SQLite file: "DonD". */
#define DONDOC_STORE_SQLITE_APPLICATION_ID 0x446f6e44

struct dondoc_store;

struct dondoc_store_settings {
	/* How long a writer waits for another writer's lock (ms). */
	unsigned int busy_timeout_msecs;
	/* Create the file if it does not exist (db init). Otherwise a
	   missing file is an error. */
	bool create;
	/* Do not apply pending migrations: refuse an older schema instead
	   (db check). */
	bool no_migrate;
	/* Commit without waiting for the disk (SQLite synchronous=NORMAL
	   in WAL mode): a commit survives a crash of the process, not
	   necessarily of the machine, until dondoc_store_sync(). Default:
	   every commit is synced. */
	bool relaxed_sync;
	/* PRAGMA quick_check at open when the last one (of any process)
	   is older than this; 0: DONDOC_STORE_DEFAULT_CHECK_INTERVAL_SECS. */
	unsigned int check_interval_secs;
	/* Open a store marked corrupt all the same (db check: to look,
	   never to write). */
	bool allow_corrupt;
};
#define DONDOC_STORE_DEFAULT_CHECK_INTERVAL_SECS 3600
#define DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS 10000
/* a setting's upper bound: ten minutes */
#define DONDOC_STORE_MAX_BUSY_TIMEOUT_MSECS 600000

/* ---- a damaged store ---- */

/* A store found corrupt (SQLITE_CORRUPT or SQLITE_NOTADB from any
   statement, or quick_check) is marked by "<path>.corrupt" and logged as
   an error; while the marker exists no process opens it (opening fails,
   the caller spools). These look at the marker of the store at db_path:
   1 marked (reason_r: when, by whom, why), 0 not. */
int dondoc_store_corrupt_marker(const char *db_path, const char **reason_r);
/* Mark it (1 marked now, 0 it was already, -1 could not: logged). */
int dondoc_store_mark_corrupt(const char *db_path, const char *why);
/* The one warning to the secretariat: 1 when the store is marked and
   the caller is the first to claim the warning (it sends it, or releases
   the claim when sending failed), 0 otherwise or on error. */
int dondoc_store_corrupt_notice_claim(const char *db_path);
void dondoc_store_corrupt_notice_release(const char *db_path);

/* ---- roles (REGULATION.md) ---- */

/* truong-ban, pho-truong-ban-tt, pho-truong-ban, thanh-vien,
   co-quan-thuong-truc, to-truong, to-pho-tt, to-pho, thanh-vien-tgv */
bool dondoc_role_is_valid(const char *role);
extern const char *const dondoc_roles[]; /* NULL-terminated */

/* ---- records ---- */

struct dondoc_agency {
	const char *code; /* e.g. CAT, STTTT, UBND-PQ */
	const char *name;
};
ARRAY_DEFINE_TYPE(dondoc_agency, struct dondoc_agency);

/* Another name of an agency, as written, and its folded key
   (dondoc_agency_fold() of lib/analysis, made by the caller: the store
   compares keys, it does not fold). */
struct dondoc_agency_alias {
	const char *code;
	const char *alias;
	const char *key;
};
ARRAY_DEFINE_TYPE(dondoc_agency_alias, struct dondoc_agency_alias);
#define DONDOC_STORE_MAX_ALIAS 256
#define DONDOC_STORE_MAX_ALIAS_KEY 1024

struct dondoc_person {
	int64_t id;
	const char *name;        /* may be "" */
	const char *agency;      /* agency code */
	/* NULL-terminated; emails lowercased, at least one */
	const char *const *emails;
	const char *const *roles; /* NULL-terminated, may be empty */
};
ARRAY_DEFINE_TYPE(dondoc_person, struct dondoc_person);

/* A period: kind Y (year), H (half-year 1-2), Q (quarter 1-4),
   B (two months 1-6), M (month 1-12), or E (an event, index free). */
struct dondoc_period {
	char kind;    /* '\0' = none */
	int year;
	int index;
};
/* "KIND:YEAR:INDEX" <-> struct; parse returns FALSE on bad input. */
bool dondoc_period_parse(const char *str, struct dondoc_period *period_r);
/* The period's kind is known and its index in range for it. */
bool dondoc_period_is_valid(const struct dondoc_period *period);
const char *dondoc_period_to_str(const struct dondoc_period *period);

struct dondoc_task {
	int64_t id;
	const char *code;
	const char *title;
	const char *agency;     /* assignee agency code */
	const char *assigner;   /* agency code or role; may be NULL */
	/* the document that assigned it; each may be NULL */
	const char *source_type, *source_number, *source_symbol;
	struct dondoc_date due;
	enum dondoc_task_status status;
	struct dondoc_period period;
	const char *doc_type;   /* document type expected (e.g. BC); or NULL */
	const char *obligation; /* obligation code (O1..) or NULL */
	time_t created_at;
};
ARRAY_DEFINE_TYPE(dondoc_task, struct dondoc_task);

struct dondoc_task_filter {
	const char *agency;  /* NULL: any */
	/* bit (1 << status) set for each wanted status; 0: any */
	unsigned int status_mask;
	/* only tasks due on or before this date; year 0: any */
	struct dondoc_date due_before;
	unsigned int limit;  /* 0: no limit */
	/* keyset paging: only tasks after this (due, code) in the list's
	   (due, code) order; year 0: from the first */
	struct dondoc_date after_due;
	const char *after_code;
	/* only code, agency, due, status, title read (the rest may be 0) */
	bool brief;
};

/* Called for each task of dondoc_store_task_iterate(), which is valid
   only during the call. Return -1 (with error_r) to stop. It must not use
   the store: the listing's statement is still running. */
typedef int dondoc_task_callback_t(const struct dondoc_task *task,
				   void *context, const char **error_r);

/* An obligation of the regulation, a rule that generates tasks. */
struct dondoc_obligation {
	const char *code;        /* O1 .. */
	const char *title;
	const char *article;     /* "15.3" */
	const char *assignee_role; /* who owes it: every agency with this role */
	const char *recipient_role; /* to whom (a role), or NULL */
	const char *recipient;   /* to whom, in words ("UBND tỉnh") */
	/* monthly, bimonthly, quarterly, semiannual, yearly: generated by
	   year; per-meeting, on-event, on-request: not generated */
	const char *recurrence;
	const char *months;      /* e.g. "6,12": months an instance falls in */
	char period_kind;        /* Y H Q B M, '\0' if not periodic */
	/* before:D (last working day before day D of the month),
	   last-workday (of the month), workdays-before-meeting:N, none */
	const char *due_rule;
	const char *doc_type;    /* expected document type, e.g. BC */
};
ARRAY_DEFINE_TYPE(dondoc_obligation, struct dondoc_obligation);

struct dondoc_meeting {
	int64_t id;
	const char *code;
	const char *title;
	struct dondoc_date date;
	const char *place;       /* may be NULL */
	const char *convener;    /* agency code, may be NULL */
	/* "HH:MM", the chair and the agenda as written; each may be NULL */
	const char *time, *chair, *agenda;
	/* The notice that called it, as the outgoing mail showed it: its
	   send time (0: no notice seen), the working days it gave
	   (dondoc_calendar_count_workdays from the day after the notice to
	   the meeting day), the document and the mail. */
	time_t notice_sent;
	int notice_workdays;
	const char *notice_type, *notice_number, *notice_symbol;
	const char *notice_message_id;
};
ARRAY_DEFINE_TYPE(dondoc_meeting, struct dondoc_meeting);

enum dondoc_trust {
	DONDOC_TRUST_UNVERIFIED = 0,
	DONDOC_TRUST_VERIFIED,
};

/* address|thread|tag|reference|period|text|manual, or NONE (unmatched) */
enum dondoc_match_kind {
	DONDOC_MATCH_NONE = 0,
	DONDOC_MATCH_ADDRESS,
	DONDOC_MATCH_THREAD,
	DONDOC_MATCH_TAG,
	DONDOC_MATCH_REFERENCE,
	DONDOC_MATCH_PERIOD,
	DONDOC_MATCH_TEXT,
	/* filed by hand into the task's mailbox (the mail plugin) */
	DONDOC_MATCH_MANUAL,
};
const char *dondoc_match_kind_name(enum dondoc_match_kind kind);

struct dondoc_submission {
	int64_t id;               /* set by the store */
	const char *message_id;   /* required, unique */
	const char *doc_type, *doc_number, *doc_symbol; /* may be NULL */
	struct dondoc_date doc_date; /* year 0: unknown */
	const char *task_code;    /* NULL: unmatched */
	const char *sender_email; /* may be NULL */
	int64_t sender_person_id; /* 0: unknown */
	const char *sender_agency; /* may be NULL */
	time_t received_at;
	bool late;
	unsigned int late_days;   /* working days, 0 when on time */
	enum dondoc_trust trust;
	enum dondoc_match_kind match;
	/* What the document raised: its difficulties and proposals
	   sections (each may be NULL), kept for the reports
	   (dondoc-store-digest.h). A classified document (secret) keeps
	   that they were raised, never their text. */
	const char *difficulties, *proposals;
	bool secret;
};
ARRAY_DEFINE_TYPE(dondoc_submission, struct dondoc_submission);

struct dondoc_submission_result {
	/* TRUE: the Message-ID was already recorded, or the same document
	   (duplicate_of: the Message-ID it was recorded from); nothing was
	   written. */
	bool duplicate;
	const char *duplicate_of;
	/* Not NULL: bad input the store cannot keep, nothing written
	   (dondoc_actions_record()). */
	const char *invalid;
	int64_t submission_id;
	/* TRUE if the task moved from old_status to new_status. */
	bool transitioned;
	enum dondoc_task_status old_status, new_status;
};

enum dondoc_outbox_kind {
	DONDOC_OUTBOX_CONFIRM = 0,
	DONDOC_OUTBOX_ESCALATE,
	DONDOC_OUTBOX_REMINDER,
	/* to the secretariat about its own outgoing documents */
	DONDOC_OUTBOX_NOTICE,
};
const char *dondoc_outbox_kind_name(enum dondoc_outbox_kind kind);

enum dondoc_outbox_state {
	DONDOC_OUTBOX_QUEUED = 0,
	DONDOC_OUTBOX_CLAIMED, /* owned by a sender until lease_until */
	DONDOC_OUTBOX_SENT,
	DONDOC_OUTBOX_FAILED,  /* gave up after max attempts */
};
const char *dondoc_outbox_state_name(enum dondoc_outbox_state state);

struct dondoc_outbox_mail {
	int64_t id;                 /* set by the store */
	enum dondoc_outbox_kind kind;
	const char *task_code;      /* may be NULL */
	const char *recipient;      /* envelope recipient */
	const char *message_id;     /* Message-ID of the outgoing mail */
	/* unique: "confirm:<msgid>:<task>", "escalate:<task>:<reason>" */
	const char *dedup_key;
	const char *data;           /* complete headers + body (CRLF) */
	enum dondoc_outbox_state state;
	unsigned int attempts;
	time_t created_at, claimed_at, sent_at;
	const char *last_error;     /* may be NULL */
	/* The claim: who holds it and until when (CLAIMED only). */
	const char *owner;
	time_t lease_until;
	/* When the last send began (0: never tried); the server's answer
	   to the DATA of a sent mail. */
	time_t send_started_at;
	const char *smtp_reply;
};
ARRAY_DEFINE_TYPE(dondoc_outbox_mail, struct dondoc_outbox_mail);

struct dondoc_audit_entry {
	int64_t id;
	time_t at;
	const char *entity;   /* task, submission, outbox, agency, person... */
	const char *entity_key; /* the task code, Message-ID, ... */
	const char *action;   /* insert, transition, ... */
	const char *old_value, *new_value; /* may be NULL */
	const char *actor;    /* "cli", "sieve", ... may be NULL */
};
ARRAY_DEFINE_TYPE(dondoc_audit_entry, struct dondoc_audit_entry);

/* ---- opening ---- */

/* path is "sqlite:PATH" or a plain file path (SQLite); or a PostgreSQL
   store (dondoc_store_path_is_pgsql): "postgresql://..." or
   "postgres://..." (libpq's URI), "pgsql:CONNINFO", or a bare libpq
   key=value conninfo ("host=/run/postgresql dbname=dondoc"). The store's
   schema is migrated to the latest version unless settings->no_migrate.
   A file or schema that is not a dondoc store, or has a newer schema, is
   refused untouched. */
int dondoc_store_open(const char *path, struct dondoc_store **store_r,
		      const char **error_r);
int dondoc_store_open_with(const char *path,
			   const struct dondoc_store_settings *set,
			   struct dondoc_store **store_r,
			   const char **error_r);
void dondoc_store_close(struct dondoc_store **store);
/* Does path name a PostgreSQL store (the forms above)? If so, *conninfo_r
   is what libpq is given. Anything else is SQLite, a file. */
bool dondoc_store_path_is_pgsql(const char *path, const char **conninfo_r);
/* The backends this build has, e.g. "sqlite, postgresql". */
const char *dondoc_store_backends(void);

/* The schema version this build writes and understands. */
int dondoc_store_schema_version(void);
/* The file's schema version (after open), e.g. for db check. */
int dondoc_store_get_version(struct dondoc_store *store,
			     int *version_r, const char **error_r);
/* Apply pending migrations (open does this unless no_migrate). Returns
   1 if something was applied, 0 if already current. */
int dondoc_store_migrate(struct dondoc_store *store, const char **error_r);
/* Consistency check (integrity, foreign keys). 1 = fine, 0 = problems
   (error_r says which), -1 = error. */
int dondoc_store_check(struct dondoc_store *store, const char **error_r);

/* Make every write committed so far durable (with relaxed_sync: one
   disk sync for several commits). 0 on success, -1 on error. */
int dondoc_store_sync(struct dondoc_store *store, const char **error_r);

/* The last error was temporary (another writer held the lock past the
   busy timeout): the operation may succeed if retried later. */
bool dondoc_store_error_is_temporary(struct dondoc_store *store);
/* The busy timeout the store was opened with (its default for 0): the
   longest one operation waits for another writer. */
unsigned int dondoc_store_busy_timeout_msecs(struct dondoc_store *store);
/* How many errors the backend itself has reported (SQLite: busy, I/O,
   full, corrupt, ...) since the store was opened. A call that failed
   without raising it failed on its input (validation), not on the store:
   bad input, which no retry or replay will ever apply. */
unsigned int dondoc_store_backend_errors(struct dondoc_store *store);

/* A consistent copy of the whole store, as of one commit, into the new
   SQLite file dest_path (which must not exist), taken while deliveries
   go on writing: SQLite's online backup, or for PostgreSQL every table
   read in one snapshot and copied as dondoc db copy does, verified by
   row counts and the audit log. The copy is one self-contained file
   (no -wal beside it): restoring is putting it back in place with the
   writers stopped (or dondoc db copy into an empty database). 0 on
   success, -1 on error (nothing left at dest_path). */
int dondoc_store_backup(struct dondoc_store *store, const char *dest_path,
			const char **error_r);

/* Who writes: recorded in the audit log ("cli", "sieve", ...). */
void dondoc_store_set_actor(struct dondoc_store *store, const char *actor);

/* ---- transactions ---- */

/* Group several writes into one write transaction (all or nothing). */
int dondoc_store_begin(struct dondoc_store *store, const char **error_r);
int dondoc_store_commit(struct dondoc_store *store, const char **error_r);
void dondoc_store_rollback(struct dondoc_store *store);

/* ---- agencies and people ---- */

/* 1 added, 0 already exists (nothing changed). */
int dondoc_store_agency_add(struct dondoc_store *store,
			    const struct dondoc_agency *agency,
			    const char **error_r);
int dondoc_store_agency_get(struct dondoc_store *store, pool_t pool,
			    const char *code, struct dondoc_agency *agency_r,
			    const char **error_r);
int dondoc_store_agency_list(struct dondoc_store *store, pool_t pool,
			     ARRAY_TYPE(dondoc_agency) *agencies,
			     const char **error_r);
/* Add an alias of agency alias->code (dondoc-store-alias.c): 1 added, 0
   the agency already has it (same key), -1 an unknown agency, a key that
   names another agency, or a bad value. Audited. Resolving a name
   through the aliases folds it first: dondoc_store_agency_resolve() in
   lib/tracking/dondoc-agency-resolve.h. */
int dondoc_store_agency_alias_add(struct dondoc_store *store,
				  const struct dondoc_agency_alias *alias,
				  const char **error_r);
/* The aliases of agency code, or of every agency when code is NULL,
   ordered by agency and alias. Returns the count or -1. */
int dondoc_store_agency_alias_list(struct dondoc_store *store, pool_t pool,
				   const char *code,
				   ARRAY_TYPE(dondoc_agency_alias) *aliases,
				   const char **error_r);
/* The agency whose alias has this key: 1 with *code_r (from pool), 0
   none, -1 error. */
int dondoc_store_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
				     const char *key, const char **code_r,
				     const char **error_r);

/* Add a person with person->emails and person->roles; if one of the
   emails already belongs to a person, that person gets the other emails
   and roles (when the agency is the same; else an error). id_r may be
   NULL. 1 added or extended, 0 nothing new. */
int dondoc_store_person_add(struct dondoc_store *store,
			    const struct dondoc_person *person,
			    int64_t *id_r, const char **error_r);
/* Case-insensitive email lookup: 1 found, 0 not. */
int dondoc_store_person_by_email(struct dondoc_store *store, pool_t pool,
				 const char *email,
				 struct dondoc_person *person_r,
				 const char **error_r);
/* role NULL: everyone. Ordered by agency, name. */
int dondoc_store_person_list(struct dondoc_store *store, pool_t pool,
			     const char *role,
			     ARRAY_TYPE(dondoc_person) *people,
			     const char **error_r);

/* ---- tasks ---- */

/* 1 added, 0 a task with that code exists (nothing changed). The task
   starts open; task->status and task->id are ignored. id_r may be NULL. */
int dondoc_store_task_add(struct dondoc_store *store,
			  const struct dondoc_task *task, int64_t *id_r,
			  const char **error_r);
int dondoc_store_task_by_code(struct dondoc_store *store, pool_t pool,
			      const char *code, struct dondoc_task *task_r,
			      const char **error_r);
/* Tasks of agency expecting doc_type (NULL: any) for period; returns the
   number found (0..). */
int dondoc_store_tasks_by_period(struct dondoc_store *store, pool_t pool,
				 const char *agency, const char *doc_type,
				 const struct dondoc_period *period,
				 ARRAY_TYPE(dondoc_task) *tasks,
				 const char **error_r);
/* Tasks whose source document has this symbol (and number, if not
   NULL), compared case-insensitively. */
int dondoc_store_tasks_by_source(struct dondoc_store *store, pool_t pool,
				 const char *symbol, const char *number,
				 ARRAY_TYPE(dondoc_task) *tasks,
				 const char **error_r);
/* Ordered by due date, code. */
int dondoc_store_task_list(struct dondoc_store *store, pool_t pool,
			   const struct dondoc_task_filter *filter,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r);
/* The same tasks, in the same order, streamed to callback one at a time
   (constant memory, however many). Returns how many, or -1. */
int dondoc_store_task_iterate(struct dondoc_store *store,
			      const struct dondoc_task_filter *filter,
			      dondoc_task_callback_t *callback, void *context,
			      const char **error_r);
/* Rewrite a task's title, due date, assigner and source document (a
   corrected assigning document), by task->code; the status is kept.
   Audited with the old and new due date. 1 changed, 0 nothing differed,
   -1 error (also when no such task). */
int dondoc_store_task_update(struct dondoc_store *store,
			     const struct dondoc_task *task,
			     const char **error_r);
/* Move a task to a new status (checked by dondoc-task-state, audited
   with reason). 1 moved, -1 illegal or error. */
int dondoc_store_task_transition(struct dondoc_store *store,
				 const char *code,
				 enum dondoc_task_status to,
				 const char *reason, const char **error_r);
/* Move every open task due before today to overdue; count_r = how many. */
int dondoc_store_tasks_mark_overdue(struct dondoc_store *store,
				    const struct dondoc_date *today,
				    unsigned int *count_r,
				    const char **error_r);
/* The task an outgoing mail (by its Message-ID) was about: for
   In-Reply-To/References matching. 1 found, 0 not. */
int dondoc_store_task_by_sent_message_id(struct dondoc_store *store,
					 pool_t pool, const char *message_id,
					 struct dondoc_task *task_r,
					 const char **error_r);

/* ---- obligations and meetings ---- */

int dondoc_store_obligation_list(struct dondoc_store *store, pool_t pool,
				 ARRAY_TYPE(dondoc_obligation) *obligations,
				 const char **error_r);
/* Create the year's task instances of every periodic obligation for every
   agency holding its assignee role, due dates from cal. Idempotent:
   existing instances are kept. created_r = tasks created. */
int dondoc_store_obligations_generate(struct dondoc_store *store,
				      struct dondoc_calendar *cal, int year,
				      unsigned int *created_r,
				      const char **error_r);

int dondoc_store_meeting_add(struct dondoc_store *store,
			     const struct dondoc_meeting *meeting,
			     int64_t *id_r, const char **error_r);
int dondoc_store_meeting_list(struct dondoc_store *store, pool_t pool,
			      ARRAY_TYPE(dondoc_meeting) *meetings,
			      const char **error_r);
/* 1 found, 0 not. */
int dondoc_store_meeting_get(struct dondoc_store *store, pool_t pool,
			     const char *code,
			     struct dondoc_meeting *meeting_r,
			     const char **error_r);
/* The meeting a notice (symbol and number, case-insensitive) called:
   1 found, 0 not. */
int dondoc_store_meeting_by_notice(struct dondoc_store *store, pool_t pool,
				   const char *symbol, const char *number,
				   struct dondoc_meeting *meeting_r,
				   const char **error_r);
/* Rewrite the meeting with meeting->code (a corrected notice), audited
   with the old and new date and time. 1 changed, 0 nothing differed,
   -1 error (also when no such meeting). */
int dondoc_store_meeting_update(struct dondoc_store *store,
				const struct dondoc_meeting *meeting,
				const char **error_r);

/* ---- attendance (O8): who does not attend a meeting ---- */

enum dondoc_attendance_row_kind {
	DONDOC_ATTENDANCE_ROW_ABSENT = 0,
	DONDOC_ATTENDANCE_ROW_DELEGATE,
};

struct dondoc_meeting_attendance {
	int64_t id;
	/* meeting and agency codes */
	const char *meeting, *agency;
	enum dondoc_attendance_row_kind kind;
	/* who attends in the agency's place, as written; may be NULL */
	const char *delegate;
	/* the reply: its Message-ID, its document (each may be NULL), its
	   receipt time */
	const char *message_id;
	const char *doc_type, *doc_number, *doc_symbol;
	time_t received_at;
	/* the secretariat's consent: its send time (0: none yet), its
	   Message-ID */
	time_t consent_at;
	const char *consent_message_id;
};
ARRAY_DEFINE_TYPE(dondoc_meeting_attendance, struct dondoc_meeting_attendance);
#define DONDOC_STORE_MAX_DELEGATE 256

/* "absent" or "delegate". */
const char *dondoc_attendance_row_kind_name(enum dondoc_attendance_row_kind kind);

/* Record the agency's reply about the meeting: one row per meeting and
   agency, a later reply (another Message-ID) replacing the earlier one's
   kind, delegate and document (its consent is kept), audited. 1 added
   or changed, 0 the same reply again, -1 error (also an unknown meeting
   or agency). */
int dondoc_store_attendance_put(struct dondoc_store *store,
				const struct dondoc_meeting_attendance *att,
				const char **error_r);
/* The rows of a meeting (code; NULL: every meeting), by meeting date and
   agency code. */
int dondoc_store_attendance_list(struct dondoc_store *store, pool_t pool,
				 const char *meeting,
				 ARRAY_TYPE(dondoc_meeting_attendance) *rows,
				 const char **error_r);
/* The row whose reply has this Message-ID: 1 found, 0 not. */
int dondoc_store_attendance_by_message(struct dondoc_store *store,
				       pool_t pool, const char *message_id,
				       struct dondoc_meeting_attendance *att_r,
				       const char **error_r);
/* The secretariat consented, by the mail consent_message_id sent at
   consent_at (audited). 1 recorded, 0 the row had a consent already,
   -1 error. */
int dondoc_store_attendance_consent(struct dondoc_store *store, int64_t id,
				    time_t consent_at,
				    const char *consent_message_id,
				    const char **error_r);

/* ---- calendar exceptions ---- */

/* 1 added or changed, 0 same as before. */
int dondoc_store_calendar_set(struct dondoc_store *store,
			      const struct dondoc_date *date,
			      enum dondoc_day_kind kind, const char *reason,
			      const char **error_r);
/* Load every exception of the store into cal. */
int dondoc_store_calendar_fill(struct dondoc_store *store,
			       struct dondoc_calendar *cal,
			       const char **error_r);
/* A calendar loaded from the store (cal_r freed by the caller with
   dondoc_calendar_free). */
int dondoc_store_calendar_create(struct dondoc_store *store,
				 struct dondoc_calendar **cal_r,
				 const char **error_r);
/* The store's calendar, kept with the connection and read again only
   after another connection has committed (or this one changed the
   calendar): a delivery needs it every time, and it rarely changes.
   Owned by the store, valid until the next call or the close. */
int dondoc_store_calendar_get(struct dondoc_store *store,
			      struct dondoc_calendar **cal_r,
			      const char **error_r);

/* ---- submissions ---- */

/* Record sub and, if it is verified and matched an awaiting task, the
   task's transition (submitted or submitted-late) in one write
   transaction, audited. Idempotent per Message-ID and per document: a
   Message-ID already recorded, or the same document recorded from
   another message (dondoc_store_submission_same_document(), a verified
   sub only against a verified one: an unverified mail cannot pre-empt
   the real one), writes nothing and returns 0 with result->duplicate.
   Returns 1 when recorded. */
int dondoc_store_record_submission(struct dondoc_store *store,
				   const struct dondoc_submission *sub,
				   struct dondoc_submission_result *result_r,
				   const char **error_r);
/* Would record_submission() accept sub? Its validation alone, without the
   store: -1 (error_r) is bad input, never an outage. */
int dondoc_store_submission_check(const struct dondoc_submission *sub,
				  const char **error_r);
/* A Message-ID the store can keep (at most DONDOC_STORE_MAX_MESSAGE_ID
   bytes of UTF-8, no control character, no white space). Ids that are not
   are ignored by the adapters as bad input. */
bool dondoc_store_message_id_is_valid(const char *msgid);
/* An email address the store can look up or keep. */
bool dondoc_store_email_is_valid(const char *email);
/* A document type, number or symbol the store can keep (NULL is). */
bool dondoc_store_doc_field_is_valid(const char *value);
/* Record sub against sub->task_code by hand (the secretariat filed the
   mail into the task's mailbox; sub->match is DONDOC_MATCH_MANUAL, its
   trust verified): a new submission, or the one already recorded for
   the Message-ID (unmatched, or matched to another task) moved to the
   task; the task then transitions as for any verified submission. In one
   write transaction, audited. Returns 1 recorded or moved, 0 already
   recorded against that task by hand (result_r->duplicate). */
int dondoc_store_submission_assign(struct dondoc_store *store,
				   const struct dondoc_submission *sub,
				   struct dondoc_submission_result *result_r,
				   const char **error_r);
int dondoc_store_submission_by_message_id(struct dondoc_store *store,
					  pool_t pool,
					  const char *message_id,
					  struct dondoc_submission *sub_r,
					  const char **error_r);
/* The first submission of the same document as sub, from another
   message: the same number and symbol, the same sender agency and the
   same task (both may be NULL: then NULL too); verified_only: only a
   verified one. A document without a number or symbol has no identity:
   0. Returns 1 found (sub_r), 0 none. */
int dondoc_store_submission_same_document(struct dondoc_store *store,
					  pool_t pool,
					  const struct dondoc_submission *sub,
					  bool verified_only,
					  struct dondoc_submission *sub_r,
					  const char **error_r);
/* task_code NULL: every submission. Ordered by received_at. */
int dondoc_store_submission_list(struct dondoc_store *store, pool_t pool,
				 const char *task_code,
				 ARRAY_TYPE(dondoc_submission) *subs,
				 const char **error_r);

/* ---- outbox: mail sent exactly once ---- */

/* The outbox is a state machine: queued -> claimed (an owner and a lease)
   -> sent, or back to queued (a retry after a temporary failure, with
   backoff) until max attempts, then failed. A claim whose lease ran out
   (its sender died or stalled) may be taken by anyone; a sender checks
   and renews its claim right before each send (begin_send) and so never
   sends a mail another sender has taken over. Owners are unique strings
   (host, pid and random bytes). */
#define DONDOC_OUTBOX_MAX_OWNER 128
#define DONDOC_OUTBOX_MAX_LEASE_SECS 3600

/* Queue mail: state queued, or, when mail->state is CLAIMED, already
   claimed by mail->owner until mail->lease_until for its own immediate
   send (then begin_send, and mark it sent or failed). 1 queued (id_r set
   if not NULL), 0 the dedup key is already queued/sent: nothing
   written. */
int dondoc_store_outbox_queue(struct dondoc_store *store,
			      const struct dondoc_outbox_mail *mail,
			      int64_t *id_r, const char **error_r);
/* Claim up to max mails for owner, for lease_secs: queued mails due for
   a try, and claims whose lease has run out. attempts+1. retry_secs > 0
   backs off: a mail that failed n times waits retry_secs * 2^(n-1)
   seconds (at most an hour) after its last attempt; 0 retries at once.
   Only mails with an id above after_id (a sender's run goes through the
   outbox in id order and tries each mail once). Takes the write lock only when there is
   something to claim. Returns the number claimed. */
#define DONDOC_OUTBOX_MAX_RETRY_SECS 3600
int dondoc_store_outbox_claim(struct dondoc_store *store, pool_t pool,
			      unsigned int max, const char *owner,
			      unsigned int lease_secs,
			      unsigned int retry_secs, int64_t after_id,
			      ARRAY_TYPE(dondoc_outbox_mail) *mails,
			      const char **error_r);
/* Is the owner of a claim provably gone (its process no longer
   exists)? The store does not know what an owner names: its caller
   does (dondoc_actions_owner_gone()). Must answer FALSE when unsure. */
typedef bool dondoc_outbox_owner_gone_t(const char *owner);
/* Claim the one mail queued under dedup_key when it is not sent and
   nobody holds a live claim on it (the redelivery of a message whose
   first delivery died before sending): a claim whose lease has run out,
   or, when owner_gone is not NULL, one whose lease is live but whose
   owner owner_gone() says is gone (a delivery killed while it sent the
   mail, redelivered before the lease ran out). 1 claimed (mail_r), 0
   not. */
int dondoc_store_outbox_claim_key(struct dondoc_store *store, pool_t pool,
				  const char *dedup_key, const char *owner,
				  unsigned int lease_secs,
				  dondoc_outbox_owner_gone_t *owner_gone,
				  struct dondoc_outbox_mail *mail_r,
				  const char **error_r);
/* Right before sending a claimed mail: check that owner still holds a
   live claim on it and renew it for lease_secs, noting that a send
   begins. 1: go on and send (*resend_r: an earlier attempt began and its
   outcome is unknown), 0: the claim is lost (another sender has it, or
   it is sent): do not send; 2: an earlier attempt sent it and could not
   mark it (dondoc_store_outbox_note_sent()): now marked sent, do not
   send. */
int dondoc_store_outbox_begin_send(struct dondoc_store *store, int64_t id,
				   const char *owner, unsigned int lease_secs,
				   bool *resend_r, const char **error_r);
/* A mail was sent and marking it sent failed (after retries): note its
   id and Message-ID where no write lock is needed (SQLite: a synced
   journal beside the store; PostgreSQL: an audit row written outside
   any write transaction), for begin_send to find before any resend. -1 when even that
   failed (the mail may then be sent again once its lease runs out). */
int dondoc_store_outbox_note_sent(struct dondoc_store *store, int64_t id,
				  const char *message_id,
				  const char **error_r);
/* Renew every live claim owner holds for lease_secs (a batch sender
   between two sends). Returns the number renewed. */
int dondoc_store_outbox_renew(struct dondoc_store *store, const char *owner,
			      unsigned int lease_secs, const char **error_r);
/* Sent: whoever holds the claim now, the mail is out. smtp_reply may be
   NULL. 1 marked, 0 it was already marked sent (sent twice: audited). */
int dondoc_store_outbox_mark_sent(struct dondoc_store *store, int64_t id,
				  const char *smtp_reply,
				  const char **error_r);
/* Back to queued for a retry, or failed when attempts >= max_attempts;
   only while owner holds the claim. 1 marked, 0 the claim was lost. */
int dondoc_store_outbox_mark_failed(struct dondoc_store *store, int64_t id,
				    const char *owner, const char *reason,
				    unsigned int max_attempts,
				    const char **error_r);
/* How many mails of kind were queued for recipient (compared
   case-insensitively) about task_code (NULL: about no task) at or after
   since, other than the one under except_dedup_key (may be NULL). */
int dondoc_store_outbox_count_recent(struct dondoc_store *store,
				     enum dondoc_outbox_kind kind,
				     const char *recipient,
				     const char *task_code, time_t since,
				     const char *except_dedup_key,
				     unsigned int *count_r,
				     const char **error_r);
/* state < 0: any state. */
int dondoc_store_outbox_list(struct dondoc_store *store, pool_t pool,
			     int state,
			     ARRAY_TYPE(dondoc_outbox_mail) *mails,
			     const char **error_r);

/* ---- retention ---- */

/* Empty the bodies of the outbox mail sent before `before`; the rows
   stay (recipient, Message-ID, dates, the duplicate keys), and the audit
   log gets one row saying how many. count_r: bodies purged. */
int dondoc_store_outbox_purge(struct dondoc_store *store, time_t before,
			      unsigned int *count_r, const char **error_r);

/* ---- audit log (append-only) ---- */

/* Append one row (entity, key, action bounded as codes; values as text),
   in its own transaction unless one is open. */
int dondoc_store_audit_add(struct dondoc_store *store, const char *entity,
			   const char *key, const char *action,
			   const char *old_value, const char *new_value,
			   const char **error_r);

/* entity/key NULL: any. Oldest first. */
int dondoc_store_audit_list(struct dondoc_store *store, pool_t pool,
			    const char *entity, const char *entity_key,
			    ARRAY_TYPE(dondoc_audit_entry) *entries,
			    const char **error_r);

#endif
