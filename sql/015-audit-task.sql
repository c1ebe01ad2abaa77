-- dondoc store, schema version 15: the audit log indexed for what reads it.
--
-- audit_entity (entity, entity_key) took an entry for each of a delivery's
-- three audit rows (its submission, its task's move, its receipt queued),
-- two of them at random places: 3.6 of the 22 WAL pages a delivery wrote
-- (tests/bench/bench_store_write.py), and 1.8 per mail the sender marks.
-- No statement of this backend read it: the listing by entity and key
-- (`?1 IS NULL OR entity = ?1`) scanned the table. What asks for one
-- entity's rows is a task's history (`dondoc task show`): audit_task holds
-- the task rows only, read by STMT_AUDIT_LIST_TASK.
DROP INDEX audit_entity;
CREATE INDEX audit_task ON audit(entity_key) WHERE entity = 'task';
