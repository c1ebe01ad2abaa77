-- dondoc store, schema version 11: fewer pages written per delivery.
--
-- audit loses AUTOINCREMENT: its rows are never deleted (the triggers
-- refuse it), so a plain INTEGER PRIMARY KEY never reuses an id either,
-- and each append no longer rewrites sqlite_sequence. The table is
-- rebuilt, every row with its id, in id order; its index and its
-- append-only triggers are made again (DROP TABLE runs no DELETE
-- trigger).
--
-- outbox_state (state, id) goes: only the claim's queued branch used it,
-- and outbox_lease (state, lease_until) serves that branch as well (the
-- claim sorts by id either way); every state change rewrote both.
CREATE TABLE audit_v11 (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor TEXT,
	entity TEXT NOT NULL,
	entity_key TEXT NOT NULL,
	action TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT
);
INSERT INTO audit_v11 (id, at, actor, entity, entity_key, action, old_value,
	new_value)
	SELECT id, at, actor, entity, entity_key, action, old_value, new_value
	FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_v11 RENAME TO audit;
DELETE FROM sqlite_sequence WHERE name IN ('audit', 'audit_v11');
CREATE INDEX audit_entity ON audit(entity, entity_key);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

DROP INDEX outbox_state;
