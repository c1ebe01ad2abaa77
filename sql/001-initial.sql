-- dondoc store, schema version 1: the tracker's entities.
-- Applied by the store on open (embedded at build time, see core/store.inc);
-- never edit a released migration: add NNN-next.sql instead.
-- Dates are 'YYYY-MM-DD' text, times are Unix seconds (UTC).

CREATE TABLE agency (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE COLLATE NOCASE
		CHECK (length(code) BETWEEN 1 AND 64),
	name TEXT NOT NULL CHECK (length(name) <= 256)
);

CREATE TABLE role (
	name TEXT PRIMARY KEY
);
INSERT INTO role (name) VALUES
	('truong-ban'), ('pho-truong-ban-tt'), ('pho-truong-ban'),
	('thanh-vien'), ('co-quan-thuong-truc'), ('to-truong'),
	('to-pho-tt'), ('to-pho'), ('thanh-vien-tgv');

CREATE TABLE person (
	id INTEGER PRIMARY KEY,
	agency_id INTEGER NOT NULL REFERENCES agency(id),
	name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 256)
);
CREATE INDEX person_agency ON person(agency_id);

-- Several addresses per person; stored lowercased, compared NOCASE.
CREATE TABLE person_email (
	email TEXT PRIMARY KEY COLLATE NOCASE
		CHECK (length(email) BETWEEN 3 AND 254),
	person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE
);
CREATE INDEX person_email_person ON person_email(person_id);

CREATE TABLE person_role (
	person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	role TEXT NOT NULL REFERENCES role(name),
	PRIMARY KEY (person_id, role)
);
CREATE INDEX person_role_role ON person_role(role);

-- The regulation's obligations: rules that generate tasks.
CREATE TABLE obligation (
	code TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	article TEXT NOT NULL DEFAULT '',
	assignee_role TEXT NOT NULL REFERENCES role(name),
	recipient_role TEXT REFERENCES role(name),
	recipient TEXT NOT NULL DEFAULT '',
	recurrence TEXT NOT NULL CHECK (recurrence IN
		('monthly', 'bimonthly', 'quarterly', 'semiannual', 'yearly',
		 'per-meeting', 'on-event', 'on-request')),
	months TEXT NOT NULL DEFAULT '',
	period_kind TEXT NOT NULL DEFAULT ''
		CHECK (period_kind IN ('', 'Y', 'H', 'Q', 'B', 'M', 'E')),
	due_rule TEXT NOT NULL DEFAULT 'none',
	doc_type TEXT
);

CREATE TABLE task (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE COLLATE NOCASE
		CHECK (length(code) BETWEEN 1 AND 64),
	title TEXT NOT NULL CHECK (length(title) <= 256),
	agency_id INTEGER NOT NULL REFERENCES agency(id),
	assigner TEXT,
	source_type TEXT COLLATE NOCASE,
	source_number TEXT COLLATE NOCASE,
	source_symbol TEXT COLLATE NOCASE,
	due TEXT NOT NULL CHECK (due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN
		('open', 'overdue', 'submitted', 'submitted-late', 'closed')),
	period_kind TEXT NOT NULL DEFAULT ''
		CHECK (period_kind IN ('', 'Y', 'H', 'Q', 'B', 'M', 'E')),
	period_year INTEGER NOT NULL DEFAULT 0,
	period_index INTEGER NOT NULL DEFAULT 0,
	doc_type TEXT COLLATE NOCASE,
	obligation TEXT REFERENCES obligation(code),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX task_agency_period
	ON task(agency_id, period_kind, period_year, period_index);
CREATE INDEX task_agency_status ON task(agency_id, status, due);
CREATE INDEX task_status_due ON task(status, due);
CREATE INDEX task_source ON task(source_symbol, source_number);

CREATE TABLE meeting (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE COLLATE NOCASE,
	title TEXT NOT NULL,
	date TEXT NOT NULL,
	place TEXT,
	convener_agency_id INTEGER REFERENCES agency(id)
);

-- Announced days off and worked Saturdays; override the calendar rules.
CREATE TABLE calendar_exception (
	date TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
	reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE submission (
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
		('none', 'address', 'thread', 'tag', 'reference', 'period', 'text'))
);
CREATE INDEX submission_task ON submission(task_id);

-- Mail to send exactly once. dedup_key makes queueing idempotent.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('confirm', 'escalate', 'reminder')),
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
CREATE INDEX outbox_state ON outbox(state, id);
CREATE INDEX outbox_message_id ON outbox(message_id);

-- Every state change, append-only.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor TEXT,
	entity TEXT NOT NULL,
	entity_key TEXT NOT NULL,
	action TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_key);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
