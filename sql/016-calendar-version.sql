-- dondoc store, schema version 16: a version of the calendar exceptions.
--
-- A connection keeps the calendar it built (dondoc_store_calendar_get())
-- until the exceptions change. It asked PRAGMA data_version, which moves
-- at every commit of any other connection: with several LMTP sessions
-- (and the outbox sender) each delivery found it moved and read and built
-- the calendar again (about 57,000 instructions and every row of the
-- table), for a table that changes a few times a year. calendar_version
-- moves only when calendar_exception does: its triggers count every
-- insert, update and delete, whoever makes it (the store, db copy,
-- ad-hoc SQL); its one row cannot be deleted.
CREATE TABLE calendar_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 1);
CREATE TRIGGER calendar_version_insert AFTER INSERT ON calendar_exception
BEGIN
	UPDATE calendar_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calendar_version_update AFTER UPDATE ON calendar_exception
BEGIN
	UPDATE calendar_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calendar_version_delete AFTER DELETE ON calendar_exception
BEGIN
	UPDATE calendar_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER calendar_version_keep BEFORE DELETE ON calendar_version
BEGIN
	SELECT RAISE(ABORT, 'calendar_version keeps its row');
END;
