-- dondoc store for PostgreSQL, schema version 8: one agency's tasks in
-- listing order (as sql/008-task-agency-due.sql).
CREATE INDEX task_agency_due ON task(agency_id, due, code);
