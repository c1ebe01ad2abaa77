-- dondoc store, schema version 4: what a submission raised, for the
-- reports drafted from the store (dondoc digest, doc/digest.md).
-- submission_issue: the difficulties and proposals sections of a
-- submitted document, one row per submission that raised either. A
-- document marked MẬT (or any secrecy mark) keeps its metadata only: the
-- flags say something was raised, the text is never stored.
-- No foreign key on submission_id: the submission table may be rebuilt
-- by a later migration (its ids are kept); dondoc-store-sqlite-digest.c
-- writes the row in the submission's own transaction.
CREATE TABLE submission_issue (
	submission_id INTEGER PRIMARY KEY,
	secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
	difficulties_raised INTEGER NOT NULL DEFAULT 0
		CHECK (difficulties_raised IN (0, 1)),
	proposals_raised INTEGER NOT NULL DEFAULT 0
		CHECK (proposals_raised IN (0, 1)),
	difficulties TEXT CHECK (length(difficulties) <= 4096),
	proposals TEXT CHECK (length(proposals) <= 4096),
	CHECK (secret = 0 OR (difficulties IS NULL AND proposals IS NULL))
);

-- The digest counts tasks by due date over every agency, and the
-- submissions of a period by their arrival.
CREATE INDEX task_due ON task(due);
CREATE INDEX submission_received ON submission(received_at);
