-- dondoc store for PostgreSQL, schema version 12: the outgoing mailboxes'
-- marks (as sql/012-outgoing-mark.sql): per mailbox (its GUID), the
-- highest UID under its UIDVALIDITY whose work, and every lower one's, is
-- in the store or the spool.
CREATE TABLE outgoing_mark (
	mailbox_guid text NOT NULL PRIMARY KEY,
	mailbox text NOT NULL,
	uidvalidity bigint NOT NULL,
	last_uid bigint NOT NULL,
	updated_at bigint NOT NULL
);
