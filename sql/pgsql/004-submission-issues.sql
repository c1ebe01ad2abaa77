-- dondoc store for PostgreSQL, schema version 4: what a submission
-- raised, for the reports drafted from the store (as
-- sql/004-submission-issues.sql). A document marked MẬT keeps its
-- metadata only: the flags say something was raised, the text is never
-- stored. No foreign key on submission_id, as in SQLite.
CREATE TABLE submission_issue (
	submission_id bigint PRIMARY KEY,
	secret bigint NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
	difficulties_raised bigint NOT NULL DEFAULT 0
		CHECK (difficulties_raised IN (0, 1)),
	proposals_raised bigint NOT NULL DEFAULT 0
		CHECK (proposals_raised IN (0, 1)),
	difficulties text CHECK (length(difficulties) <= 4096),
	proposals text CHECK (length(proposals) <= 4096),
	CHECK (secret = 0 OR (difficulties IS NULL AND proposals IS NULL))
);

CREATE INDEX task_due ON task(due);
CREATE INDEX submission_received ON submission(received_at);
