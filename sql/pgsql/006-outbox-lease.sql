-- dondoc store for PostgreSQL, schema version 6: the outbox as a state
-- machine with owned, expiring claims (as sql/006-outbox-lease.sql):
--   queued -> claimed (owner, lease_until) -> sent
--                     or queued again (retry, backoff) -> ... -> failed
-- The former 'sending' state becomes 'claimed' with an expired lease.
ALTER TABLE outbox ADD COLUMN owner text;
ALTER TABLE outbox ADD COLUMN lease_until bigint NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN send_started_at bigint NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN smtp_reply text;
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
UPDATE outbox SET owner = 'before-003', send_started_at = claimed_at,
	state = 'claimed' WHERE state = 'sending';
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
	CHECK (state IN ('queued', 'claimed', 'sent', 'failed'));
CREATE INDEX outbox_lease ON outbox(state, lease_until);
