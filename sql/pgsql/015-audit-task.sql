-- dondoc store for PostgreSQL, schema version 15 (as
-- sql/015-audit-task.sql): audit_entity gives way to the two lookups
-- that read the audit log by key: a task's history (`dondoc task show`)
-- and the sent journal's rows (dondoc-store-pgsql-sent-journal.c, whose
-- action is the predicate here, word for word). A delivery's submission
-- and receipt rows, and the sender's marks, add no index entry.
DROP INDEX audit_entity;
CREATE INDEX audit_task ON audit(entity_key) WHERE entity = 'task';
CREATE INDEX audit_sent_journal ON audit(entity_key)
	WHERE action = 'sent, not marked (the sent journal)';
