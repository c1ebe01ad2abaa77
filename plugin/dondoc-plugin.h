/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_PLUGIN_H
#define DONDOC_PLUGIN_H

/* The Dovecot mail plugin lib20_dondoc_plugin.so (mail_plugins = dondoc):
   sees the committee's outgoing mail saved into the secretariat's
   outgoing mailboxes (IMAP APPEND, COPY, MOVE, LMTP delivery) and mail
   filed by hand into a task's mailbox, and hands it to lib/tracking's
   outgoing stage after the save has committed. Active only for users
   whose settings carry dondoc_db. */

#include "module-context.h"
#include "mail-user.h"
#include "seq-range-array.h"
#include "dondoc-limits.h"
#include "dondoc-outgoing.h"
#include "dondoc-owner.h"
#include "dondoc-store-cache.h"

struct mail;
struct mail_transaction_commit_changes;
struct mailbox;

/* The user's context is the owner's (dondoc-owner.h), extended. */
#define DONDOC_USER_CONTEXT(obj) \
	((struct dondoc_user *)DONDOC_OWNER_USER_CONTEXT(obj))

/* Mails of one commit acted on; more are logged and left. */
#define DONDOC_PLUGIN_MAX_MAILS_PER_COMMIT 100
/* Outgoing mailboxes whose journal position a process keeps. */
#define DONDOC_PLUGIN_MAX_JOURNAL_BOXES 8
/* Mails one catch-up re-reads; the rest at the next one. */
#define DONDOC_PLUGIN_MAX_CATCHUP_MAILS 50

/* An outgoing mailbox as the journal of its mails' work
   (dondoc-plugin-journal.c): what this process knows of it. */
struct dondoc_plugin_journal_box {
	const char *vname;
	/* the mailbox's GUID in hex: the store's key for its mark */
	const char *guid;
	uint32_t uidvalidity;
	/* every mail up to this UID has its work in the store or the
	   spool; 0: not known yet (the store's mark is read first) */
	uint32_t done_upto;
	/* the mark this process last read or wrote in the store */
	uint32_t stored;
};
ARRAY_DEFINE_TYPE(dondoc_plugin_journal_box, struct dondoc_plugin_journal_box);

/* Where a processed commit's mails sit in their journal. */
struct dondoc_plugin_journal_pos {
	struct dondoc_plugin_journal_box *box;
	/* every mail below the commit's first UID is done: each mail's
	   transaction may move the store's mark up to its own UID */
	bool advance;
};

struct dondoc_user {
	/* first: the process-lifetime state this plugin owns */
	struct dondoc_owner_user owner;
	struct mail_user *user;

	struct dondoc_limits limits;
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	struct dondoc_outgoing_settings outgoing;
	/* dondoc_db, dondoc_spool (absolute, ~/ expanded) */
	const char *db_path, *spool_dir;
	unsigned int busy_timeout_msecs;
	/* dondoc_outgoing_mailboxes: vnames; NULL: the \Sent mailboxes */
	const char *const *outgoing_mailboxes;
	/* dondoc_task_mailboxes: the folder whose children are named by
	   task code ("Nhiệm vụ": "Nhiệm vụ/DA06-2026-015"); NULL: none */
	const char *task_mailboxes;
	/* dondoc_now: a fixed clock (tests and the demo) */
	time_t fixed_now;
	/* the user's own process: IMAP (the account saved it) or LMTP */
	bool lmtp;
	/* dondoc_store_sync = full: sync after each save's work (else the
	   outgoing mailboxes are the journal: dondoc-plugin-journal.c) */
	bool sync_each_save;
	/* the settings from limits to sync_each_save are read: at the
	   first save into one of the user's outgoing or task mailboxes
	   (db_path, outgoing_mailboxes, task_mailboxes and lmtp always) */
	bool configured;
	ARRAY_TYPE(dondoc_plugin_journal_box) journal;
};

/* One saved mail, read at save time (analysis bounded by limits). */
struct dondoc_plugin_saved {
	/* index among the transaction's saves (the UID's position) */
	unsigned int index;
	const struct dondoc_analysis *analysis;
	struct dondoc_message_info *info;
	struct dondoc_msginfo_headers *headers;
	const char *sender;
	const char *triage_task;
	time_t saved_at;
};
ARRAY_DEFINE_TYPE(dondoc_plugin_saved, struct dondoc_plugin_saved);

/* Read one mail being saved (or the source of a copy) into saved_r,
   allocated from pool. reread: a mail saved earlier, read again by the
   catch-up: saved at its save date, and delivered (its sender trusted
   only as LMTP's is) when it carries a transport trace. Returns FALSE
   when the mail carries nothing the tracker acts on (or cannot be read:
   logged). */
bool dondoc_plugin_read(struct dondoc_user *duser, struct mail *mail,
			const char *triage_task, bool reread, pool_t pool,
			struct dondoc_plugin_saved *saved_r);
/* After the commit: act on the saved mails, in the store or, when it is
   unavailable, in the spool (the mail is read again by its UID). With a
   journal position, each mail's transaction moves the mark up while
   pos->advance, and nothing is synced unless mail is sent at once.
   Never fails the save: errors are logged. Returns TRUE when every mail
   is done (in the store or the spool). */
bool dondoc_plugin_process(struct dondoc_user *duser, struct mailbox *box,
			   const ARRAY_TYPE(dondoc_plugin_saved) *saved,
			   const ARRAY_TYPE(seq_range) *saved_uids,
			   struct dondoc_plugin_journal_pos *pos);

/* dondoc-plugin-journal.c: a commit into an outgoing mailbox: the
   catch-up of the mails above what is known done, then the commit's own
   mails processed with the mark. */
void dondoc_plugin_journal_commit(struct dondoc_user *duser,
				  struct mailbox *box,
				  const ARRAY_TYPE(dondoc_plugin_saved) *saved,
				  const struct mail_transaction_commit_changes *changes);
/* At the user's end: the marks this process moved in memory only (plain
   mail) written, not synced. */
void dondoc_plugin_journal_deinit(struct dondoc_user *duser);

/* The process-lifetime store connections (dondoc-plugin-store.c),
   created at init, closed at deinit, lent to each user's context. */
void dondoc_plugin_store_init(void);
void dondoc_plugin_store_lend(struct dondoc_owner_user *owner);
int dondoc_plugin_store_get(struct dondoc_user *duser,
			    struct dondoc_store **store_r,
			    struct dondoc_calendar **cal_r,
			    const char **error_r);
void dondoc_plugin_store_deinit(void);

void dondoc_plugin_init(struct module *module);
void dondoc_plugin_deinit(void);
extern const char *dondoc_plugin_version;

#endif
