-- dondoc store, schema version 13: one agency's listing read from an index
-- alone. `dondoc task list --agency` prints each task's code, due date,
-- status and title. An agency's tasks are spread over the whole table (the
-- tasks of a period are made for every agency at once), so at a million
-- tasks (100 agencies, 10,000 each) reading them from the table costs one
-- table page per row: 10,000 page reads, half the listing's instructions
-- (tests/bench/bench_million.py). With status and title in the index the
-- listing reads the agency's index pages in order and nothing else. It
-- replaces task_agency_due (008), whose columns are its first three, so
-- every plan that used that index can use this one; the price is that a
-- status change now also moves the task's entry in this index.
DROP INDEX task_agency_due;
CREATE INDEX task_agency_listing ON task(agency_id, due, code, status, title);
