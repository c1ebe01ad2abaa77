/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SPOOL_H
#define DONDOC_SPOOL_H

/* The spool: where a delivery leaves what it could not do because the
   store was unavailable (missing, locked past the busy timeout, full
   disk), so that nothing is lost and `dondoc spool replay` can do it
   later. One entry = the raw message plus what to do with it. Entries are
   written to tmp/ and renamed into new/, so a reader never sees half of
   one. */

struct istream;

enum dondoc_spool_action {
	DONDOC_SPOOL_RECORD = 0,
	DONDOC_SPOOL_CONFIRM,
	DONDOC_SPOOL_ESCALATE,
	/* The committee's own outgoing mail (dondoc-outgoing.h), saved by
	   the account into an outgoing or a task's mailbox. */
	DONDOC_SPOOL_OUTGOING,
	/* A member's status request (dondoc-status.h). */
	DONDOC_SPOOL_STATUS,
};

struct dondoc_spool_entry {
	/* Entry name (unique, no slash). */
	const char *name;
	enum dondoc_spool_action action;
	/* Escalation parameters (may be NULL). */
	const char *reason, *to;
	/* Envelope and delivery facts the message itself does not carry. */
	const char *envelope_sender, *recipient_detail;
	time_t received_at;
	/* outgoing: the sender the saving account vouched for, and the
	   task whose mailbox the mail was filed into (each may be NULL). */
	const char *sender, *task;
	/* The store was unavailable when the script ran: the script acted
	   on an unknown sender and task, so the replay decides again whether
	   to confirm and escalate (see cli/cmd-spool.c). */
	bool decide_at_replay;
	/* The store the work was meant for: dondoc_db as the delivery
	   resolved it (absolute; a PostgreSQL conninfo as configured). NULL
	   in entries written before it was recorded: any store replays
	   those. See dondoc_spool_entry_is_for_store(). */
	const char *store;
	/* Why it was spooled (for the log and the operator). */
	const char *error;
	/* Set by dondoc_spool_list() when the entry cannot be read (its
	   .meta is damaged): no replay can apply it. */
	const char *invalid;
};
ARRAY_DEFINE_TYPE(dondoc_spool_entry, struct dondoc_spool_entry);

/* The spool's bounds (0: none). A write beyond them fails: the delivery
   is then refused with a temporary failure, never acknowledged with its
   work lost. */
struct dondoc_spool_limits {
	/* dondoc_spool_max_size: every file in new/ and tmp/, this one's
	   message included. */
	uoff_t max_bytes;
	/* dondoc_spool_max_entries */
	unsigned int max_entries;
	/* dondoc_spool_max_per_sender: entries of one envelope sender (or
	   saving account), so one sender cannot fill the spool. */
	unsigned int max_per_sender;
};
#define DONDOC_SPOOL_DEFAULT_MAX_BYTES (256ULL * 1024 * 1024)
#define DONDOC_SPOOL_DEFAULT_MAX_ENTRIES 10000
#define DONDOC_SPOOL_DEFAULT_MAX_PER_SENDER 300
extern const struct dondoc_spool_limits dondoc_spool_limits_default;

/* Write an entry with the message read from input (from its start),
   durably (its files and new/ synced before this returns); *name_r (may
   be NULL) is its name. limits NULL: the defaults. Creates the spool
   directory (mode 0700) if needed. On failure nothing of it is left. */
int dondoc_spool_write(const char *dir,
		       const struct dondoc_spool_limits *limits,
		       const struct dondoc_spool_entry *entry,
		       struct istream *input, const char **name_r,
		       const char **error_r);
/* The entries waiting in dir, oldest first (name order). A missing
   directory has none. */
int dondoc_spool_list(const char *dir, pool_t pool,
		      ARRAY_TYPE(dondoc_spool_entry) *entries,
		      const char **error_r);
/* Path of the entry's message file. */
const char *dondoc_spool_message_path(const char *dir,
				      const struct dondoc_spool_entry *entry);
/* Remove a done entry. */
int dondoc_spool_remove(const char *dir, const struct dondoc_spool_entry *entry,
			const char **error_r);
int dondoc_spool_remove_name(const char *dir, const char *name,
			     const char **error_r);
/* Move an entry that no replay can ever apply to DIR/quarantine/, with
   NAME.why saying why, for the operator. */
int dondoc_spool_quarantine(const char *dir,
			    const struct dondoc_spool_entry *entry,
			    const char *why, const char **error_r);

/* Parse the text of an entry's .meta file ("key: value" lines) into
   entry; its name is left alone. The text is untrusted: unknown keys are
   ignored, a NUL byte, an unknown action or none is an error. Values are
   allocated from pool. Exposed for tests and the fuzz target. */
int dondoc_spool_meta_parse(const char *data, size_t size, pool_t pool,
			    struct dondoc_spool_entry *entry,
			    const char **error_r);

/* Is the entry for the store at store_path (as --db or dondoc_db names
   it)? TRUE for an entry that records no store (older entries). Two
   spellings of one store are one (dondoc_store_paths_same()). */
bool dondoc_spool_entry_is_for_store(const struct dondoc_spool_entry *entry,
				     const char *store_path);

const char *dondoc_spool_action_name(enum dondoc_spool_action action);

#endif
