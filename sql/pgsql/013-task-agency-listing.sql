-- dondoc store for PostgreSQL, schema version 13: one agency's listing read
-- from an index alone (as sql/013-task-agency-listing.sql): the (agency_id,
-- due, code) index, which it replaces, carrying status and title.
DROP INDEX task_agency_due;
CREATE INDEX task_agency_listing ON task(agency_id, due, code)
	INCLUDE (status, title);
