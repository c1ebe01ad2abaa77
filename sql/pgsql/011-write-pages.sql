-- dondoc store for PostgreSQL, schema version 11 (as
-- sql/011-write-pages.sql): outbox_state (state, id) goes, outbox_lease
-- (state, lease_until) serves the claim's queued branch as well. The
-- audit table's AUTOINCREMENT is SQLite's: here audit.id stays an
-- identity column, nothing to do.
DROP INDEX outbox_state;
