-- dondoc store for PostgreSQL, schema version 3: what the committee's own
-- outgoing mail records (as sql/003-committee-mail.sql). meeting gains the
-- notice that called it; submission.match gains 'manual', outbox.kind
-- gains 'notice' (PostgreSQL replaces the CHECK where SQLite copies the
-- table).

ALTER TABLE meeting ADD COLUMN time text;
ALTER TABLE meeting ADD COLUMN chair text;
ALTER TABLE meeting ADD COLUMN agenda text;
ALTER TABLE meeting ADD COLUMN notice_sent bigint;
ALTER TABLE meeting ADD COLUMN notice_workdays bigint;
ALTER TABLE meeting ADD COLUMN notice_type text COLLATE dondoc_nocase;
ALTER TABLE meeting ADD COLUMN notice_number text COLLATE dondoc_nocase;
ALTER TABLE meeting ADD COLUMN notice_symbol text COLLATE dondoc_nocase;
ALTER TABLE meeting ADD COLUMN notice_message_id text;
CREATE UNIQUE INDEX meeting_notice ON meeting(notice_symbol, notice_number)
	WHERE notice_symbol IS NOT NULL;
CREATE INDEX meeting_date ON meeting(date);

ALTER TABLE submission DROP CONSTRAINT submission_match_check;
ALTER TABLE submission ADD CONSTRAINT submission_match_check
	CHECK (match IN ('none', 'address', 'thread', 'tag', 'reference',
	'period', 'text', 'manual'));

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
	CHECK (kind IN ('confirm', 'escalate', 'reminder', 'notice'));
