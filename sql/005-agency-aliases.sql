-- dondoc store, schema version 5: the other names of an agency as
-- documents write them ("Sở TT&TT", "Sở Thông tin và Truyền thông",
-- "STTTT"), for resolving the agencies a conclusion notice or plan names
-- (dondoc agency alias, the CSV import's aliases column). key is the
-- folded form the analysis compares on (dondoc_agency_fold: diacritics,
-- case and punctuation folded), made by the caller: one key names one
-- agency.

CREATE TABLE agency_alias (
	id INTEGER PRIMARY KEY,
	agency_id INTEGER NOT NULL REFERENCES agency(id),
	alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 256),
	key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 1024)
);
CREATE INDEX agency_alias_agency ON agency_alias(agency_id);
