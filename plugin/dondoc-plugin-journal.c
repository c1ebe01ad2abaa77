/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outgoing mailboxes as the journal of the plugin's work, so that an
   APPEND into Sent waits for no disk sync of the store of its own.

   Dovecot makes the saved mail durable before it answers the APPEND; the
   store's commit for the mail's work is left to the OS (the connection
   is relaxed: synchronous=NORMAL in WAL mode), and in that same
   transaction the store's mark for the mailbox (account, vname,
   UIDVALIDITY) moves up to the mail's UID. A crash of the machine loses
   a suffix of the store's commits (WAL keeps them in order), the marks
   with the work they cover: every mail above the mark is then re-read
   from the mailbox and its work redone, and the work is idempotent by
   Message-ID and by the document's number (a report or notice seen twice
   records nothing twice). A crash of the process between the mailbox's
   commit and the store's is caught up the same way.

   The catch-up runs at the first save into the mailbox in a process and
   whenever a save's UIDs do not follow what the process knows done
   (another process saved in between, a store error, a spool that
   failed); at most DONDOC_PLUGIN_MAX_CATCHUP_MAILS mails each time, the
   rest the next time. A plain mail (nothing to do) moves the mark only in
   this process' memory; it is written at the user's end, unsynced: if
   it is lost, the plain mails are read once more. Mail the work sends at
   once (not from the outbox) is synced before it leaves: a resend after
   a crash could not be taken back.

   Bounds and hostile cases: a new UIDVALIDITY (the mailbox was rebuilt
   or recreated) restarts the mark at the mailbox's end, logged, without
   re-reading an unbounded mailbox; mails expunged before the catch-up
   are skipped (the UID range is mapped to the mails that exist); a mail
   that cannot be read is logged and passed; each read is the save's
   bounded analysis. Trusts Dovecot for UIDs and UIDVALIDITY. */

#include "lib.h"
#include "array.h"
#include "seq-range-array.h"
#include "mail-storage-private.h"
#include "dondoc-store-mark.h"
#include "dondoc-plugin.h"

/* The mailbox's GUID in hex, NULL (logged) when it has none. */
static const char *journal_guid(struct dondoc_user *duser, struct mailbox *box)
{
	struct mailbox_metadata metadata;

	if (mailbox_get_metadata(box, MAILBOX_METADATA_GUID, &metadata) < 0) {
		e_error(duser->user->event, "dondoc: %s has no GUID: %s",
			box->vname, mailbox_get_last_internal_error(box, NULL));
		return NULL;
	}
	return p_strdup(duser->user->pool, guid_128_to_string(metadata.guid));
}

static struct dondoc_plugin_journal_box *
journal_box(struct dondoc_user *duser, struct mailbox *box,
	    uint32_t uidvalidity)
{
	const char *vname = box->vname, *guid;
	struct dondoc_plugin_journal_box *jb;

	if (!array_is_created(&duser->journal))
		p_array_init(&duser->journal, duser->user->pool, 2);
	array_foreach_modifiable(&duser->journal, jb) {
		if (strcmp(jb->vname, vname) != 0)
			continue;
		if (jb->uidvalidity != uidvalidity) {
			/* rebuilt or recreated under us: known nothing */
			jb->uidvalidity = uidvalidity;
			jb->done_upto = jb->stored = 0;
			if ((jb->guid = journal_guid(duser, box)) == NULL)
				return NULL;
		}
		return jb;
	}
	if ((guid = journal_guid(duser, box)) == NULL)
		return NULL;
	if (array_count(&duser->journal) >= DONDOC_PLUGIN_MAX_JOURNAL_BOXES) {
		/* bounded: the oldest is forgotten (its mark is in the
		   store, at worst a few plain mails behind) */
		array_delete(&duser->journal, 0, 1);
	}
	jb = array_append_space(&duser->journal);
	jb->vname = p_strdup(duser->user->pool, vname);
	jb->guid = guid;
	jb->uidvalidity = uidvalidity;
	return jb;
}

static int journal_put(struct dondoc_user *duser,
		       struct dondoc_plugin_journal_box *jb, uint32_t uid,
		       const char **error_r)
{
	struct dondoc_store *store;
	struct dondoc_calendar *cal;

	if (dondoc_plugin_store_get(duser, &store, &cal, error_r) < 0 ||
	    dondoc_store_outgoing_mark_put(store, jb->guid, jb->vname,
					   jb->uidvalidity, uid, error_r) < 0)
		return -1;
	dondoc_store_cache_written(duser->owner.plugin_store);
	jb->stored = uid;
	return 0;
}

/* Re-read the mails with UIDs in [first, last] (at most the catch-up's
   bound) and do their work. Returns the UID up to which every mail is
   done, first - 1 when none. */
static uint32_t
journal_reread(struct dondoc_user *duser, struct mailbox *box,
	       struct dondoc_plugin_journal_box *jb, uint32_t first,
	       uint32_t last, unsigned int *acted_r)
{
	struct dondoc_plugin_journal_pos pos = { .box = jb, .advance = TRUE };
	struct mailbox *box2;
	struct mailbox_transaction_context *t;
	struct mail *mail;
	uint32_t seq, seq1, seq2, done = first - 1;
	unsigned int n = 0;

	*acted_r = 0;
	box2 = mailbox_alloc(box->list, box->vname, 0);
	if (mailbox_sync(box2, 0) < 0) {
		e_error(duser->user->event, "dondoc: catch-up of %s: %s",
			box->vname, mailbox_get_last_internal_error(box2, NULL));
		mailbox_free(&box2);
		return done;
	}
	mailbox_get_seq_range(box2, first, last, &seq1, &seq2);
	t = mailbox_transaction_begin(box2, 0, "dondoc catch-up");
	mail = mail_alloc(t, MAIL_FETCH_STREAM_HEADER | MAIL_FETCH_STREAM_BODY,
			  NULL);
	for (seq = seq1; seq1 != 0 && seq <= seq2; seq++) {
		ARRAY_TYPE(dondoc_plugin_saved) saved;
		ARRAY_TYPE(seq_range) uids;
		struct dondoc_plugin_saved s;
		bool ok = TRUE;

		if (n++ == DONDOC_PLUGIN_MAX_CATCHUP_MAILS)
			break;
		mail_set_seq(mail, seq);
		T_BEGIN {
			pool_t pool = pool_alloconly_create("dondoc catch-up",
							    2048);

			t_array_init(&saved, 1);
			t_array_init(&uids, 1);
			seq_range_array_add(&uids, mail->uid);
			/* unreadable: logged, passed (never retried
			   forever) */
			if (dondoc_plugin_read(duser, mail, NULL, TRUE,
					       pool, &s)) {
				array_push_back(&saved, &s);
				ok = dondoc_plugin_process(duser, box2, &saved,
							   &uids, &pos);
				(*acted_r)++;
			}
			pool_unref(&pool);
		} T_END;
		if (!ok || !pos.advance)
			break;
		done = mail->uid;
	}
	if (seq1 == 0 || seq > seq2)
		done = last;
	mail_free(&mail);
	(void)mailbox_transaction_commit(&t);
	mailbox_free(&box2);
	return done;
}

/* Make jb->done_upto reach end (the UID before the commit's first), as
   far as the store allows. */
static void journal_catchup(struct dondoc_user *duser, struct mailbox *box,
			    struct dondoc_plugin_journal_box *jb,
			    uint32_t end)
{
	struct event *event = duser->user->event;
	struct dondoc_store *store;
	struct dondoc_calendar *cal;
	uint32_t uidvalidity, mark, done;
	unsigned int acted;
	const char *error;
	int ret;

	if (dondoc_plugin_store_get(duser, &store, &cal, &error) < 0 ||
	    (ret = dondoc_store_outgoing_mark_get(store, jb->guid,
						  &uidvalidity, &mark,
						  &error)) < 0) {
		e_warning(event, "dondoc: catch-up of %s postponed: %s",
			  jb->vname, error);
		return;
	}
	if (ret > 0 && uidvalidity != jb->uidvalidity) {
		e_warning(event, "dondoc: %s has a new UIDVALIDITY (%u, was "
			  "%u): its journal restarts at UID %u; mails saved "
			  "before are not re-read", jb->vname, jb->uidvalidity,
			  uidvalidity, end);
		ret = 0;
	}
	if (ret == 0) {
		/* a new journal: the mails before it were never ours */
		if (journal_put(duser, jb, end, &error) < 0) {
			e_warning(event, "dondoc: %s", error);
			return;
		}
		jb->done_upto = end;
		return;
	}
	jb->stored = mark;
	if (mark >= end) {
		jb->done_upto = mark;
		return;
	}
	done = journal_reread(duser, box, jb, I_MAX(mark, jb->done_upto) + 1,
			      end, &acted);
	e_info(event, "dondoc: catch-up of %s: UIDs %u..%u re-read up to "
	       "%u, %u acted on%s", jb->vname, mark + 1, end, done, acted,
	       done < end ? " (the rest at the next save)" : "");
	if (done > jb->done_upto)
		jb->done_upto = done;
	if (done > jb->stored && journal_put(duser, jb, done, &error) < 0)
		e_warning(event, "dondoc: %s", error);
}

void dondoc_plugin_journal_commit(struct dondoc_user *duser,
				  struct mailbox *box,
				  const ARRAY_TYPE(dondoc_plugin_saved) *saved,
				  const struct mail_transaction_commit_changes *changes)
{
	struct dondoc_plugin_journal_pos pos;
	struct dondoc_plugin_journal_box *jb;
	const struct seq_range *range;
	unsigned int count;
	uint32_t first, last;

	if (changes->uid_validity == 0 ||
	    array_count(&changes->saved_uids) == 0 ||
	    (jb = journal_box(duser, box, changes->uid_validity)) == NULL) {
		/* no UIDs: no journal; synced as before */
		if (array_count(saved) > 0)
			(void)dondoc_plugin_process(duser, box, saved,
						    &changes->saved_uids, NULL);
		return;
	}
	range = array_get(&changes->saved_uids, &count);
	first = range[0].seq1;
	last = range[count - 1].seq2;
	i_zero(&pos);
	pos.box = jb;
	if (pos.box->done_upto == 0 || pos.box->done_upto + 1 < first)
		journal_catchup(duser, box, pos.box, first - 1);
	pos.advance = pos.box->done_upto + 1 >= first;
	if (array_count(saved) > 0 &&
	    !dondoc_plugin_process(duser, box, saved, &changes->saved_uids,
				   &pos))
		return;
	if (pos.advance && last > pos.box->done_upto)
		pos.box->done_upto = last;
}

void dondoc_plugin_journal_deinit(struct dondoc_user *duser)
{
	struct dondoc_plugin_journal_box *jb;
	const char *error;

	if (!array_is_created(&duser->journal))
		return;
	array_foreach_modifiable(&duser->journal, jb) {
		if (jb->done_upto <= jb->stored)
			continue;
		/* plain mails: read once more if this is lost */
		if (journal_put(duser, jb, jb->done_upto, &error) < 0) {
			e_debug(duser->user->event, "dondoc: the mark of %s "
				"is left at %u: %s", jb->vname, jb->stored,
				error);
		}
	}
}
