/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's SQL text, one constant statement per enum
   stmt_id, prepared once per connection by sqlite_stmt_get(). Nothing
   here is built from data: every value is a bound parameter. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

#define TASK_COLUMNS \
	"t.id, t.code, t.title, a.code, t.assigner, t.source_type, " \
	"t.source_number, t.source_symbol, t.due, t.status, t.period_kind, " \
	"t.period_year, t.period_index, t.doc_type, t.obligation, t.created_at"
#define TASK_FROM " FROM task t JOIN agency a ON a.id = t.agency_id"
/* what a brief listing reads (dondoc_task_filter.brief) */
#define TASK_BRIEF_COLUMNS "t.code, a.code, t.due, t.status, t.title"

#define PERSON_SELECT \
	"SELECT p.id, p.name, a.code, " \
	"(SELECT group_concat(email, ' ') FROM " \
	" (SELECT email FROM person_email e WHERE e.person_id = p.id " \
	"  ORDER BY email)), " \
	"(SELECT group_concat(role, ' ') FROM " \
	" (SELECT role FROM person_role r WHERE r.person_id = p.id " \
	"  ORDER BY role)) " \
	"FROM person p JOIN agency a ON a.id = p.agency_id"

#define SUBMISSION_SELECT \
	"SELECT s.id, s.message_id, s.doc_type, s.doc_number, s.doc_symbol, " \
	"s.doc_date, t.code, s.sender_email, s.sender_person_id, a.code, " \
	"s.received_at, s.late, s.late_days, s.trust, s.match " \
	"FROM submission s LEFT JOIN task t ON t.id = s.task_id " \
	"LEFT JOIN agency a ON a.id = s.sender_agency_id"

#define OUTBOX_SELECT \
	"SELECT o.id, o.kind, t.code, o.recipient, o.message_id, " \
	"o.dedup_key, o.data, o.state, o.attempts, o.created_at, " \
	"o.claimed_at, o.sent_at, o.last_error, o.owner, o.lease_until, " \
	"o.send_started_at, o.smtp_reply " \
	"FROM outbox o LEFT JOIN task t ON t.id = o.task_id"


#define MEETING_COLUMNS \
	"m.id, m.code, m.title, m.date, m.place, a.code, m.time, m.chair, " \
	"m.agenda, m.notice_sent, m.notice_workdays, m.notice_type, " \
	"m.notice_number, m.notice_symbol, m.notice_message_id"
#define MEETING_FROM \
	" FROM meeting m LEFT JOIN agency a ON a.id = m.convener_agency_id"

#define ATT_COLUMNS \
	"t.id, m.code, a.code, t.kind, t.delegate, t.message_id, " \
	"t.doc_type, t.doc_number, t.doc_symbol, t.received_at, " \
	"t.consent_at, t.consent_message_id"
#define ATT_FROM \
	" FROM meeting_attendance t JOIN meeting m ON m.id = t.meeting_id" \
	" JOIN agency a ON a.id = t.agency_id"

#define DIGEST_TASK_SELECT \
	"SELECT t.code, t.title, a.code, t.assigner, t.obligation, " \
	"t.source_type, t.source_number, t.source_symbol, t.due, t.status, " \
	"t.created_at, s.id, s.received_at, s.late, s.late_days, " \
	"s.message_id, s.doc_number, s.doc_symbol, s.doc_date " \
	"FROM task t JOIN agency a ON a.id = t.agency_id " \
	"LEFT JOIN submission s ON s.id = (SELECT s2.id FROM submission s2 " \
	" WHERE s2.task_id = t.id AND s2.trust = 'verified' " \
	" ORDER BY s2.received_at, s2.id LIMIT 1) "


const char *const sqlite_stmt_sql[STMT_COUNT] = {
	[STMT_AGENCY_ID] = "SELECT id FROM agency WHERE code = ?1",
	[STMT_AGENCY_ADD] = "INSERT INTO agency (code, name) VALUES (?1, ?2) "
		"ON CONFLICT (code) DO NOTHING",
	[STMT_AGENCY_GET] = "SELECT code, name, id FROM agency WHERE code = ?1",
	[STMT_AGENCY_LIST] = "SELECT code, name FROM agency ORDER BY code",
	[STMT_ALIAS_ADD] = "INSERT INTO agency_alias (agency_id, alias, key) "
		"VALUES (?1, ?2, ?3)",
	[STMT_ALIAS_AGENCY] = "SELECT a.code, a.id FROM agency_alias l "
		"JOIN agency a ON a.id = l.agency_id WHERE l.key = ?1",
	[STMT_ALIAS_LIST] = "SELECT a.code, l.alias, l.key FROM agency_alias l "
		"JOIN agency a ON a.id = l.agency_id ORDER BY a.code, l.alias",
	[STMT_ALIAS_LIST_AGENCY] = "SELECT a.code, l.alias, l.key "
		"FROM agency_alias l JOIN agency a ON a.id = l.agency_id "
		"WHERE a.code = ?1 ORDER BY l.alias",
	[STMT_PERSON_BY_EMAIL_ID] = "SELECT p.id, p.agency_id FROM "
		"person_email e JOIN person p ON p.id = e.person_id "
		"WHERE e.email = ?1",
	[STMT_PERSON_BY_NAME] = "SELECT id FROM person WHERE agency_id = ?1 "
		"AND name = ?2 AND name != '' ORDER BY id LIMIT 1",
	[STMT_PERSON_ADD] = "INSERT INTO person (agency_id, name) "
		"VALUES (?1, ?2)",
	[STMT_PERSON_EMAIL_ADD] = "INSERT INTO person_email (email, person_id) "
		"VALUES (?1, ?2) ON CONFLICT (email) DO NOTHING",
	[STMT_PERSON_ROLE_ADD] = "INSERT INTO person_role (person_id, role) "
		"VALUES (?1, ?2) ON CONFLICT DO NOTHING",
	[STMT_PERSON_GET_EMAIL] = PERSON_SELECT
		" WHERE p.id = (SELECT person_id FROM person_email "
		"WHERE email = ?1)",
	[STMT_PERSON_LIST] = PERSON_SELECT " ORDER BY a.code, p.name, p.id",
	[STMT_PERSON_LIST_ROLE] = PERSON_SELECT
		" WHERE p.id IN (SELECT person_id FROM person_role "
		"WHERE role = ?1) ORDER BY a.code, p.name, p.id",
	[STMT_TASK_ADD] = "INSERT INTO task (code, title, agency_id, assigner, "
		"source_type, source_number, source_symbol, due, status, "
		"period_kind, period_year, period_index, doc_type, obligation, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, 'open', ?9, ?10, ?11, ?12, ?13, ?14, ?14) "
		"ON CONFLICT (code) DO NOTHING",
	[STMT_TASK_BY_CODE] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE t.code = ?1",
	[STMT_TASK_STATUS_BY_CODE] = "SELECT id, status, code FROM task "
		"WHERE code = ?1",
	[STMT_TASK_BY_PERIOD] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE a.code = ?1 AND t.period_kind = ?2 AND "
		"t.period_year = ?3 AND t.period_index = ?4 AND "
		"(?5 IS NULL OR t.doc_type = ?5) ORDER BY t.due, t.code",
	[STMT_TASK_BY_SOURCE] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE t.source_symbol = ?1 AND "
		"(?2 IS NULL OR t.source_number = ?2) ORDER BY t.due, t.code",
	/* ?1..?5 the wanted statuses (NULL for the others), ?6 due on or
	   before, ?7/?8 after this (due, code): keyset paging, so that a
	   page never rescans what came before it. With one status, "="
	   lets the (status, due) indexes give the order: an IN list would
	   sort every remaining row for each page. */
#define TASK_LIST_AFTER "AND t.due <= ?6 AND t.due >= ?7 AND " \
	"(t.due > ?7 OR t.code > ?8) ORDER BY t.due, t.code LIMIT ?9"
	/* Every status: the task table's CHECK allows no other, so there is
	   no test (an IN list probes a b-tree per row: 1,000 instructions of
	   a 2,500 a row listing). ?1..?5 are bound and not used. The whole
	   listing is named task_due: it gives the order but for the codes of
	   one day, where the planner may take the agencies one by one
	   through task_agency_listing and sort a million rows (9.0 s
	   against 3.8 s at 1M tasks). */
	[STMT_TASK_LIST] = "SELECT " TASK_COLUMNS
		" FROM task t INDEXED BY task_due"
		" JOIN agency a ON a.id = t.agency_id"
		" WHERE 1 " TASK_LIST_AFTER,
	[STMT_TASK_LIST_AGENCY] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE a.code = ?10 " TASK_LIST_AFTER,
	[STMT_TASK_LIST_STATUS] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE t.status = ?1 " TASK_LIST_AFTER,
	[STMT_TASK_LIST_AGENCY_STATUS] = "SELECT " TASK_COLUMNS TASK_FROM
		" WHERE a.code = ?10 AND t.status = ?1 " TASK_LIST_AFTER,
	/* Some statuses, not all: the planner prefers the (due) indexes,
	   which give the order without a sort but read every task of the
	   agency (10,000 of 1M to return 546, 70 ms); the status indexes
	   read only the rows wanted and sort them (6 ms). */
	[STMT_TASK_LIST_STATUSES] = "SELECT " TASK_COLUMNS
		" FROM task t INDEXED BY task_status_due"
		" JOIN agency a ON a.id = t.agency_id"
		" WHERE t.status IN (?1, ?2, ?3, ?4, ?5) " TASK_LIST_AFTER,
	[STMT_TASK_LIST_AGENCY_STATUSES] = "SELECT " TASK_COLUMNS
		" FROM task t INDEXED BY task_agency_status"
		" JOIN agency a ON a.id = t.agency_id"
		" WHERE a.code = ?10 AND t.status IN (?1, ?2, ?3, ?4, ?5) "
		TASK_LIST_AFTER,
	/* Every status, as STMT_TASK_LIST_AGENCY, the columns of
	   task_agency_listing only (013): no table row is read. Named, since
	   a store migrated without ANALYZE has no statistics for it and the
	   planner could take task_agency_status instead. */
	[STMT_TASK_LIST_AGENCY_BRIEF] = "SELECT " TASK_BRIEF_COLUMNS
		" FROM task t INDEXED BY task_agency_listing"
		" JOIN agency a ON a.id = t.agency_id"
		" WHERE a.code = ?10 " TASK_LIST_AFTER,
	[STMT_TASK_SET_STATUS] = "UPDATE task SET status = ?2, updated_at = ?3 "
		"WHERE id = ?1 AND status = ?4",
	[STMT_TASK_DUE_OPEN] = "SELECT id, code FROM task "
		"WHERE status = 'open' AND due < ?1 ORDER BY due, code",
	[STMT_TASK_BY_SENT_MSGID] = "SELECT " TASK_COLUMNS
		" FROM outbox o JOIN task t ON t.id = o.task_id "
		"JOIN agency a ON a.id = t.agency_id "
		"WHERE o.message_id = ?1 ORDER BY o.id LIMIT 1",
	[STMT_OBLIGATION_LIST] = "SELECT code, title, article, assignee_role, "
		"recipient_role, recipient, recurrence, months, period_kind, "
		"due_rule, doc_type FROM obligation "
		"ORDER BY CAST(substr(code, 2) AS INTEGER), code",
	[STMT_CALENDAR_SET] = "INSERT INTO calendar_exception (date, kind, "
		"reason) VALUES (?1, ?2, ?3) ON CONFLICT (date) DO UPDATE SET "
		"kind = excluded.kind, reason = excluded.reason "
		"WHERE kind != excluded.kind OR reason != excluded.reason",
	/* What calendar_get()'s cache depends on: moved by the triggers of
	   calendar_exception only (016); PRAGMA data_version moved at every
	   other connection's commit. */
	[STMT_DATA_VERSION] = "SELECT version FROM calendar_version "
		"WHERE id = 1",
	[STMT_CALENDAR_LIST] = "SELECT date, kind, reason FROM "
		"calendar_exception ORDER BY date",
	[STMT_SUBMISSION_ADD] = "INSERT INTO submission (message_id, doc_type, "
		"doc_number, doc_symbol, doc_date, task_id, sender_email, "
		"sender_person_id, sender_agency_id, received_at, late, "
		"late_days, trust, match) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, ?11, ?12, ?13, ?14) "
		"ON CONFLICT (message_id) DO NOTHING",
	[STMT_SUBMISSION_BY_MSGID] = SUBMISSION_SELECT
		" WHERE s.message_id = ?1",
	[STMT_SUBMISSION_LIST] = SUBMISSION_SELECT
		" WHERE (?1 IS NULL OR t.code = ?1) "
		"ORDER BY s.received_at, s.id",
	[STMT_SUBMISSION_SAME_DOC] = SUBMISSION_SELECT
		" WHERE s.doc_symbol = ?1 AND s.doc_number = ?2 AND "
		"s.sender_agency_id IS ?3 AND s.task_id IS ?4 AND "
		"s.message_id != ?5 AND (?6 = 0 OR s.trust = 'verified') "
		"ORDER BY s.id LIMIT 1",
	/* a submission's difficulties and proposals (dondoc-store-digest.h) */
	[STMT_SUBMISSION_ISSUE_ADD] = "INSERT INTO submission_issue "
		"(submission_id, secret, difficulties_raised, proposals_raised, "
		"difficulties, proposals) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* by outbox_recent (task_id, recipient, created_at): the task's
	   receipts only; ?3 is unused in the second */
	[STMT_OUTBOX_RECENT] = "SELECT count(*) FROM outbox WHERE "
		"task_id = ?3 AND recipient = ?2 COLLATE NOCASE AND "
		"created_at >= ?4 AND kind = ?1 AND dedup_key != ?5",
	[STMT_OUTBOX_RECENT_NO_TASK] = "SELECT count(*) FROM outbox WHERE "
		"task_id IS NULL AND recipient = ?2 COLLATE NOCASE AND "
		"created_at >= ?4 AND kind = ?1 AND dedup_key != ?5 AND "
		"?3 IS NULL",
	[STMT_OUTBOX_ADD] = "INSERT INTO outbox (kind, task_id, recipient, "
		"message_id, dedup_key, data, state, attempts, created_at, "
		"claimed_at, owner, lease_until) VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6, ?8, ?9, ?7, ?10, ?11, ?12) "
		"ON CONFLICT (dedup_key) DO NOTHING",
	/* ?3 retry base, ?4 now: a mail that failed n times waits
	   ?3 * 2^(n-1) s (at most ?5) after its last attempt; a claim
	   whose lease ran out (?1 = now) is anyone's. */
	[STMT_OUTBOX_CLAIMABLE] = OUTBOX_SELECT
		" WHERE ((o.state = 'queued' AND (o.attempts = 0 OR "
		"o.claimed_at + min(?5, ?3 << min(o.attempts - 1, 12)) <= ?4)) "
		"OR (o.state = 'claimed' AND o.lease_until < ?1)) "
		"AND o.id > ?6 ORDER BY o.id LIMIT ?2",
	/* Conditional on what was read: a claim taken meanwhile by another
	   connection is not taken again. */
	[STMT_OUTBOX_CLAIM] = "UPDATE outbox SET state = 'claimed', "
		"attempts = attempts + 1, claimed_at = ?2, owner = ?3, "
		"lease_until = ?4 WHERE id = ?1 AND (state = 'queued' OR "
		"(state = 'claimed' AND lease_until < ?2))",
	/* Taken from an owner that is gone, whatever its lease says:
	   conditional on that owner still holding it. */
	[STMT_OUTBOX_TAKE_OVER] = "UPDATE outbox SET state = 'claimed', "
		"attempts = attempts + 1, claimed_at = ?2, owner = ?3, "
		"lease_until = ?4 WHERE id = ?1 AND state = 'claimed' AND "
		"owner = ?5",
	/* The owners of live claims past an id (a sender asks which are
	   gone), bounded: a claim beyond waits for its lease. */
	[STMT_OUTBOX_LIVE_OWNERS] = "SELECT DISTINCT owner FROM outbox "
		"WHERE state = 'claimed' AND lease_until >= ?1 AND id > ?2 "
		"LIMIT 64",
	/* One owner's live claims past an id (an owner that is gone). */
	[STMT_OUTBOX_LIVE_BY_OWNER] = OUTBOX_SELECT
		" WHERE o.state = 'claimed' AND o.owner = ?1 AND "
		"o.lease_until >= ?2 AND o.id > ?3 ORDER BY o.id LIMIT ?4",
	[STMT_OUTBOX_BY_KEY] = OUTBOX_SELECT " WHERE o.dedup_key = ?1",
	[STMT_OUTBOX_STATE] = "SELECT state, owner, lease_until, "
		"send_started_at, dedup_key, message_id FROM outbox "
		"WHERE id = ?1",
	[STMT_OUTBOX_BEGIN_SEND] = "UPDATE outbox SET lease_until = ?3, "
		"send_started_at = ?4 WHERE id = ?1 AND state = 'claimed' AND "
		"owner = ?2 AND lease_until >= ?4",
	[STMT_OUTBOX_RENEW] = "UPDATE outbox SET lease_until = ?2 "
		"WHERE state = 'claimed' AND owner = ?1 AND lease_until >= ?3",
	/* Sent whoever holds the claim now: the mail is out. The sweep's
	   mail (reminders, escalations) says nothing its row does not (task,
	   recipient, the when of its dedup key, dates): its body goes at
	   once, so that a sweep of 100k tasks does not keep 100k bodies.
	   Receipts and notices quote their incoming mail: theirs stay until
	   `dondoc retention`. */
	[STMT_OUTBOX_SENT] = "UPDATE outbox SET state = 'sent', sent_at = ?2, "
		"smtp_reply = ?3, lease_until = 0, data = CASE WHEN kind IN "
		"('reminder', 'escalate') THEN '' ELSE data END "
		"WHERE id = ?1 AND state != 'sent'",
	[STMT_OUTBOX_FAILED] = "UPDATE outbox SET state = CASE WHEN "
		"attempts >= ?2 THEN 'failed' ELSE 'queued' END, "
		"last_error = ?3, lease_until = 0 WHERE id = ?1 AND "
		"state = 'claimed' AND owner = ?4 RETURNING state",
	[STMT_OUTBOX_LIST] = OUTBOX_SELECT
		" WHERE (?1 IS NULL OR o.state = ?1) ORDER BY o.id",
	[STMT_AUDIT_ADD] = "INSERT INTO audit (at, actor, entity, entity_key, "
		"action, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7)",
	[STMT_AUDIT_LIST] = "SELECT id, at, actor, entity, entity_key, action, "
		"old_value, new_value FROM audit "
		"WHERE (?1 IS NULL OR entity = ?1) AND "
		"(?2 IS NULL OR entity_key = ?2) ORDER BY id",
	/* a task's history, by the partial index audit_task (015): the
	   other entities' rows have no index; ?1 is bound and not used */
	[STMT_AUDIT_LIST_TASK] = "SELECT id, at, actor, entity, entity_key, "
		"action, old_value, new_value FROM audit "
		"WHERE entity = 'task' AND entity_key = ?2 ORDER BY id",
	/* meetings (dondoc-store-meetings.c) */
	[STMT_MEETING_ADD] = "INSERT INTO meeting (code, title, date, "
		"place, convener_agency_id, time, chair, agenda, notice_sent, "
		"notice_workdays, notice_type, notice_number, notice_symbol, "
		"notice_message_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING",
	[STMT_MEETING_LIST] = "SELECT " MEETING_COLUMNS MEETING_FROM
		" ORDER BY m.date, m.time, m.code",
	[STMT_MEETING_GET] = "SELECT " MEETING_COLUMNS MEETING_FROM
		" WHERE m.code = ?1",
	[STMT_MEETING_BY_NOTICE] = "SELECT " MEETING_COLUMNS MEETING_FROM
		" WHERE m.notice_symbol = ?1 AND "
		"m.notice_number IS ?2",
	[STMT_MEETING_UPDATE] = "UPDATE meeting SET title = ?2, date = ?3, "
		"place = ?4, convener_agency_id = ?5, time = ?6, chair = ?7, "
		"agenda = ?8, notice_sent = ?9, notice_workdays = ?10, "
		"notice_type = ?11, notice_number = ?12, notice_symbol = ?13, "
		"notice_message_id = ?14 WHERE code = ?1 AND (title IS NOT ?2 "
		"OR date IS NOT ?3 OR place IS NOT ?4 OR "
		"convener_agency_id IS NOT ?5 OR time IS NOT ?6 OR "
		"chair IS NOT ?7 OR agenda IS NOT ?8 OR notice_sent IS NOT ?9 "
		"OR notice_workdays IS NOT ?10 OR notice_type IS NOT ?11 OR "
		"notice_number IS NOT ?12 OR notice_symbol IS NOT ?13 OR "
		"notice_message_id IS NOT ?14)",
	[STMT_TASK_UPDATE] = "UPDATE task SET title = ?2, due = ?3, "
		"assigner = ?4, source_type = ?5, source_number = ?6, "
		"source_symbol = ?7, updated_at = ?8 WHERE code = ?1 AND "
		"(title IS NOT ?2 OR due IS NOT ?3 OR assigner IS NOT ?4 OR "
		"source_type IS NOT ?5 OR source_number IS NOT ?6 OR "
		"source_symbol IS NOT ?7)",
	[STMT_SUBMISSION_TO_ASSIGN] = "SELECT s.id, t.code, s.match FROM "
		"submission s LEFT JOIN task t ON t.id = s.task_id "
		"WHERE s.message_id = ?1",
	[STMT_SUBMISSION_ASSIGN] = "UPDATE submission SET task_id = ?2, "
		"match = 'manual', trust = 'verified', late = ?3, "
		"late_days = ?4 WHERE id = ?1",
	/* attendance (dondoc-store-attendance.c) */
	[STMT_ATT_MEETING_ID] = "SELECT id FROM meeting WHERE code = ?1",
	[STMT_ATT_BY_AGENCY] = "SELECT " ATT_COLUMNS ATT_FROM
		" WHERE t.meeting_id = ?1 AND t.agency_id = ?2",
	[STMT_ATT_UPDATE] = "UPDATE meeting_attendance SET kind = ?3, delegate = ?4, "
		"message_id = ?5, doc_type = ?6, doc_number = ?7, "
		"doc_symbol = ?8, received_at = ?9 "
		"WHERE meeting_id = ?1 AND agency_id = ?2",
	[STMT_ATT_ADD] = "INSERT INTO meeting_attendance (meeting_id, agency_id, kind, "
		"delegate, message_id, doc_type, doc_number, doc_symbol, "
		"received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STMT_ATT_LIST] = "SELECT " ATT_COLUMNS ATT_FROM
		" WHERE ?1 IS NULL OR m.code = ?1"
		" ORDER BY m.date, m.code, a.code",
	[STMT_ATT_BY_MESSAGE] = "SELECT " ATT_COLUMNS ATT_FROM
		" WHERE t.message_id = ?1 ORDER BY t.id LIMIT 1",
	[STMT_ATT_CONSENT] = "UPDATE meeting_attendance SET consent_at = ?2, "
		"consent_message_id = ?3 WHERE id = ?1 AND "
		"consent_at = 0",
	/* digest (dondoc-store-digest.c) */
	[STMT_DIGEST_TASKS] = DIGEST_TASK_SELECT
		"WHERE t.due BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.code = ?3) "
		"ORDER BY a.code, t.due, t.code",
	[STMT_DIGEST_ASSIGNED] = DIGEST_TASK_SELECT
		"WHERE t.created_at >= ?1 AND t.created_at < ?2 "
		"AND (?3 IS NULL OR a.code = ?3) "
		"AND NOT EXISTS (SELECT 1 FROM obligation o WHERE "
		" o.code = t.obligation AND o.recurrence IN "
		" ('monthly', 'bimonthly', 'quarterly', 'semiannual', 'yearly')) "
		"ORDER BY t.created_at, t.code",
	[STMT_DIGEST_ISSUES] = "SELECT i.submission_id, a.code, t.code, s.message_id, s.doc_type, "
		"s.doc_number, s.doc_symbol, s.doc_date, s.received_at, i.secret, "
		"i.difficulties_raised, i.proposals_raised, i.difficulties, "
		"i.proposals FROM submission_issue i "
		"JOIN submission s ON s.id = i.submission_id "
		"JOIN agency a ON a.id = s.sender_agency_id "
		"LEFT JOIN task t ON t.id = s.task_id "
		"WHERE s.trust = 'verified' AND s.received_at >= ?1 "
		"AND s.received_at < ?2 AND (?3 IS NULL OR a.code = ?3) "
		"ORDER BY a.code, s.received_at, s.id",
	/* head-digest (dondoc-store-head-digest.c) */
	[STMT_HEAD_ITEM_ADD] = "INSERT OR IGNORE INTO head_digest_item (dedup_key, recipient, kind, "
		"task_code, task_title, agency, due, late_days, doc_type, doc_number, "
		"doc_symbol, doc_date, reason, difficulties, proposals, message_id, "
		"reply_to, secret, original, original_size, created_at) "
		"SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"?15, ?16, ?17, ?18, ?19, ?20, ?21 "
		"WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE dedup_key = ?1)",
	[STMT_HEAD_PENDING] = "SELECT DISTINCT recipient FROM head_digest_item "
		"WHERE digest_id IS NULL ORDER BY recipient",
	[STMT_HEAD_DIGEST_ADD] = "INSERT OR IGNORE INTO head_digest (period, recipient, built_at, items) "
		"SELECT ?1, ?2, ?3, 0 WHERE EXISTS (SELECT 1 FROM head_digest_item "
		"WHERE digest_id IS NULL AND recipient = ?2)",
	[STMT_HEAD_DIGEST_ASSIGN] = "UPDATE head_digest_item SET digest_id = ?1 "
		"WHERE digest_id IS NULL AND recipient = ?2",
	[STMT_HEAD_DIGEST_COUNT] = "UPDATE head_digest SET items = ?2 WHERE id = ?1",
	[STMT_HEAD_DIGEST_ITEMS] = "SELECT id, dedup_key, recipient, kind, task_code, task_title, "
		"agency, due, late_days, doc_type, doc_number, doc_symbol, doc_date, "
		"reason, difficulties, proposals, message_id, reply_to, secret, "
		"original, original_size, created_at FROM head_digest_item "
		"WHERE digest_id = ?1 ORDER BY id",
	[STMT_HEAD_ITEM_KNOWN] = "SELECT 1 FROM head_digest_item WHERE "
		"dedup_key = ?1",
	[STMT_HEAD_DIGEST_PURGE] = "UPDATE head_digest_item SET original = NULL "
		"WHERE original IS NOT NULL AND digest_id IN "
		"(SELECT id FROM head_digest WHERE built_at < ?1)",
	[STMT_MARK_GET] = "SELECT uidvalidity, last_uid FROM outgoing_mark "
		"WHERE mailbox_guid = ?1",
	/* a new UIDVALIDITY replaces the mark, else it only moves up */
	[STMT_MARK_PUT] = "INSERT INTO outgoing_mark (mailbox_guid, mailbox, "
		"uidvalidity, last_uid, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT (mailbox_guid) DO UPDATE SET mailbox = excluded.mailbox, "
		"uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
		"updated_at = excluded.updated_at "
		"WHERE outgoing_mark.uidvalidity <> excluded.uidvalidity "
		"OR outgoing_mark.last_uid < excluded.last_uid",
};
