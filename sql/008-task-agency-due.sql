-- dondoc store, schema version 8: one agency's tasks in listing order.
-- `dondoc task list --agency` reads an agency's tasks by (due, code); with
-- task_agency_status (agency_id, status, due) every status is a range of
-- its own and the rows are sorted afterwards. At a million tasks (100
-- agencies, 10,000 tasks each) this index lets the rows come out in order
-- (tests/bench/bench_million.py). A task(due, code) index was measured
-- too and left out: the full listing's cost is its row reads, not the
-- order (task_due already gives it, codes sorted per day).
CREATE INDEX task_agency_due ON task(agency_id, due, code);
