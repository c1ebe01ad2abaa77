-- The outbox as a state machine with owned, expiring claims:
--   queued -> claimed (owner, lease_until) -> sent
--                     or queued again (retry, backoff) -> ... -> failed
-- A claim whose lease ran out (its sender died) is claimed again by
-- anyone; a sender checks and renews its claim right before each send
-- (send_started_at is set then, so a claim taken over after it says the
-- earlier attempt's outcome is unknown: the resend is audited).
-- smtp_reply keeps the server's last answer to the DATA of a sent mail.
-- The former 'sending' state becomes 'claimed' with an expired lease.
CREATE TABLE outbox_new (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN
		('confirm', 'escalate', 'reminder', 'notice')),
	task_id INTEGER REFERENCES task(id),
	recipient TEXT NOT NULL,
	message_id TEXT NOT NULL,
	dedup_key TEXT NOT NULL UNIQUE,
	data TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
		('queued', 'claimed', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	claimed_at INTEGER NOT NULL DEFAULT 0,
	sent_at INTEGER NOT NULL DEFAULT 0,
	last_error TEXT,
	owner TEXT,
	lease_until INTEGER NOT NULL DEFAULT 0,
	send_started_at INTEGER NOT NULL DEFAULT 0,
	smtp_reply TEXT
);
INSERT INTO outbox_new (id, kind, task_id, recipient, message_id, dedup_key,
	data, state, attempts, created_at, claimed_at, sent_at, last_error,
	owner, lease_until, send_started_at)
SELECT id, kind, task_id, recipient, message_id, dedup_key, data,
	CASE state WHEN 'sending' THEN 'claimed' ELSE state END,
	attempts, created_at, claimed_at, sent_at, last_error,
	CASE state WHEN 'sending' THEN 'before-003' ELSE NULL END, 0,
	CASE state WHEN 'sending' THEN claimed_at ELSE 0 END
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_state ON outbox(state, id);
CREATE INDEX outbox_message_id ON outbox(message_id);
CREATE INDEX outbox_lease ON outbox(state, lease_until);
