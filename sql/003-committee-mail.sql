-- dondoc store, schema version 3: what the committee's own outgoing mail
-- records (the mail plugin, see doc/plugin.md).
-- meeting: the notice that called it (its send time, the working days it
-- gave, the document's number and symbol), the time, the chair, the
-- agenda. A corrected notice (same number and symbol) updates its meeting.
-- submission.match gains 'manual' (filed into a task's mailbox by hand);
-- outbox.kind gains 'notice' (mail to the secretariat about its own
-- documents: a late meeting notice, agencies a conclusion notice names
-- that the store does not know). SQLite cannot change a CHECK: those two
-- tables are copied into new ones.

ALTER TABLE meeting ADD COLUMN time TEXT;
ALTER TABLE meeting ADD COLUMN chair TEXT;
ALTER TABLE meeting ADD COLUMN agenda TEXT;
ALTER TABLE meeting ADD COLUMN notice_sent INTEGER;
ALTER TABLE meeting ADD COLUMN notice_workdays INTEGER;
ALTER TABLE meeting ADD COLUMN notice_type TEXT COLLATE NOCASE;
ALTER TABLE meeting ADD COLUMN notice_number TEXT COLLATE NOCASE;
ALTER TABLE meeting ADD COLUMN notice_symbol TEXT COLLATE NOCASE;
ALTER TABLE meeting ADD COLUMN notice_message_id TEXT;
CREATE UNIQUE INDEX meeting_notice ON meeting(notice_symbol, notice_number)
	WHERE notice_symbol IS NOT NULL;
CREATE INDEX meeting_date ON meeting(date);

CREATE TABLE submission_v3 (
	id INTEGER PRIMARY KEY,
	message_id TEXT NOT NULL UNIQUE,
	doc_type TEXT,
	doc_number TEXT,
	doc_symbol TEXT,
	doc_date TEXT,
	task_id INTEGER REFERENCES task(id),
	sender_email TEXT,
	sender_person_id INTEGER REFERENCES person(id),
	sender_agency_id INTEGER REFERENCES agency(id),
	received_at INTEGER NOT NULL,
	late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
	late_days INTEGER NOT NULL DEFAULT 0 CHECK (late_days >= 0),
	trust TEXT NOT NULL CHECK (trust IN ('verified', 'unverified')),
	match TEXT NOT NULL DEFAULT 'none' CHECK (match IN
		('none', 'address', 'thread', 'tag', 'reference', 'period', 'text',
		 'manual'))
);
INSERT INTO submission_v3 SELECT id, message_id, doc_type, doc_number,
	doc_symbol, doc_date, task_id, sender_email, sender_person_id,
	sender_agency_id, received_at, late, late_days, trust, match
	FROM submission;
DROP TABLE submission;
ALTER TABLE submission_v3 RENAME TO submission;
CREATE INDEX submission_task ON submission(task_id);

CREATE TABLE outbox_v3 (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN
		('confirm', 'escalate', 'reminder', 'notice')),
	task_id INTEGER REFERENCES task(id),
	recipient TEXT NOT NULL,
	message_id TEXT NOT NULL,
	dedup_key TEXT NOT NULL UNIQUE,
	data TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
		('queued', 'sending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	claimed_at INTEGER NOT NULL DEFAULT 0,
	sent_at INTEGER NOT NULL DEFAULT 0,
	last_error TEXT
);
INSERT INTO outbox_v3 SELECT id, kind, task_id, recipient, message_id,
	dedup_key, data, state, attempts, created_at, claimed_at, sent_at,
	last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_state ON outbox(state, id);
CREATE INDEX outbox_message_id ON outbox(message_id);
