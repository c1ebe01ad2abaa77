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
	/* Why it was spooled (for the log and the operator). */
	const char *error;
};
ARRAY_DEFINE_TYPE(dondoc_spool_entry, struct dondoc_spool_entry);

/* Write an entry with the message read from input (from its start),
   durably (its files and new/ synced before this returns); *name_r (may
   be NULL) is its name. Creates the spool directory (mode 0700) if
   needed. On failure nothing of it is left. */
int dondoc_spool_write(const char *dir, const struct dondoc_spool_entry *entry,
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

const char *dondoc_spool_action_name(enum dondoc_spool_action action);

#endif
