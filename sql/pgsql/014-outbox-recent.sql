-- dondoc store for PostgreSQL, schema version 14 (as
-- sql/014-outbox-recent.sql): the receipt limit's lookup leads with the
-- task, and replaces outbox_recipient (addresses compared without case:
-- on lower()).
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recent ON outbox(task_id, lower(recipient), created_at);
