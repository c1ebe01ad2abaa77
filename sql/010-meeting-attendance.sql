-- dondoc store, schema version 10: who does not attend a meeting (O8 of
-- the regulation, art. 7.5). A member's reply about attending (xin vắng,
-- cử ... dự thay, ủy quyền) that threads to or cites a meeting's notice is
-- one row per meeting and agency (a later reply replaces an earlier one,
-- audited); the secretariat's consent (its reply saved into Sent) is
-- kept on the row it answers. See doc/plugin.md, "Attendance".
CREATE TABLE meeting_attendance (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	agency_id INTEGER NOT NULL REFERENCES agency(id),
	kind TEXT NOT NULL CHECK (kind IN ('absent', 'delegate')),
	delegate TEXT CHECK (delegate IS NULL OR length(delegate) <= 256),
	-- the reply: its mail, its document when it carries one
	message_id TEXT NOT NULL,
	doc_type TEXT,
	doc_number TEXT,
	doc_symbol TEXT,
	received_at INTEGER NOT NULL,
	-- the consent: when it was sent (0: not yet) and its mail
	consent_at INTEGER NOT NULL DEFAULT 0,
	consent_message_id TEXT,
	UNIQUE (meeting_id, agency_id)
);
CREATE INDEX meeting_attendance_message ON meeting_attendance(message_id);
