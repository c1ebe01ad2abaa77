-- The outgoing mailboxes as the plugin's journal (plugin/dondoc-plugin-
-- journal.c): per mailbox (its GUID, the same whichever
-- process or user name saved into it), the highest UID (under that
-- UIDVALIDITY) below which every saved mail's work is in the store or the
-- spool. Written in the same transaction as a mail's work, and never made
-- durable on its own: after a crash that loses the last commits, the mark
-- is lost with them, and the catch-up re-reads the mails above it (the
-- mailbox itself is synced before the APPEND is answered).
CREATE TABLE outgoing_mark (
	mailbox_guid TEXT NOT NULL PRIMARY KEY,
	-- its name when last written, for people reading the store
	mailbox TEXT NOT NULL,
	uidvalidity INTEGER NOT NULL,
	last_uid INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
