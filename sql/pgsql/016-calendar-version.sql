-- dondoc store for PostgreSQL, schema version 16 (as
-- sql/016-calendar-version.sql): a version of the calendar exceptions,
-- moved by every statement that changes calendar_exception. The cached
-- calendar's check reads its one row instead of a digest of the whole
-- table at every delivery.
CREATE TABLE calendar_version (
	id integer PRIMARY KEY CHECK (id = 1),
	version bigint NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 1);
CREATE FUNCTION calendar_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE calendar_version SET version = version + 1 WHERE id = 1;
	RETURN NULL;
END;
$$;
CREATE TRIGGER calendar_version_bump
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_exception
	FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump();
CREATE FUNCTION calendar_version_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'calendar_version keeps its row';
END;
$$;
CREATE TRIGGER calendar_version_keep BEFORE DELETE ON calendar_version
	FOR EACH ROW EXECUTE FUNCTION calendar_version_keep();
CREATE TRIGGER calendar_version_keep_truncate BEFORE TRUNCATE ON calendar_version
	FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_keep();
