-- The Head's digest (dondoc_head_digest = daily | weekly): escalations
-- are collected here instead of being mailed one by one, and the Head gets
-- one mail per period listing them. An item is kept once (its dedup key is
-- the key the immediate escalation would have had in the outbox, so a
-- task escalated before the policy changed is not listed again). A digest
-- row is written once per period and recipient, in the same transaction
-- as the items it takes and the outbox mail that carries them: a second
-- sweep of the period finds the row and builds nothing; a failed send
-- leaves the mail queued in the outbox.
CREATE TABLE head_digest (
	id INTEGER PRIMARY KEY,
	period TEXT NOT NULL,
	recipient TEXT NOT NULL,
	built_at INTEGER NOT NULL,
	items INTEGER NOT NULL,
	UNIQUE (period, recipient)
);
CREATE TABLE head_digest_item (
	id INTEGER PRIMARY KEY,
	dedup_key TEXT NOT NULL UNIQUE,
	recipient TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN
		('overdue', 'late', 'issue', 'warning', 'other')),
	task_code TEXT,
	task_title TEXT,
	agency TEXT,
	due TEXT,
	late_days INTEGER NOT NULL DEFAULT 0,
	doc_type TEXT,
	doc_number TEXT,
	doc_symbol TEXT,
	doc_date TEXT,
	reason TEXT,
	difficulties TEXT,
	proposals TEXT,
	message_id TEXT,
	reply_to TEXT,
	secret INTEGER NOT NULL DEFAULT 0,
	-- the original mail, bounded (dondoc_escalate_attach_max); NULL when
	-- classified, over the bound or not at hand; original_size is its
	-- size all the same
	original BLOB,
	original_size INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	digest_id INTEGER REFERENCES head_digest(id)
);
CREATE INDEX head_digest_item_pending ON head_digest_item(digest_id, recipient);
