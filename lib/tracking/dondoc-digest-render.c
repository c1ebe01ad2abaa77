/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The digest as JSON (the contract of doc/digest.md, which other tools
   read) and as plain text, and the escaping all the digest's writers
   share. Trusts nothing it prints: every value from the store goes
   through digest_append_clean() (valid UTF-8, no controls) and the
   format's own escaping. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-digest-private.h"

/* ---- escaping ---- */

void digest_append_clean(string_t *dest, const char *value, bool keep_tab)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t len = strlen(value);
	unichar_t chr;
	int n;

	while (len > 0) {
		if (*p < 0x80) {
			if (*p == '\n' || (*p == '\t' && keep_tab))
				str_append_c(dest, *p);
			else if (*p < 0x20 || *p == 0x7f)
				str_append_c(dest, ' ');
			else
				str_append_c(dest, *p);
			p++;
			len--;
			continue;
		}
		n = uni_utf8_get_char_n(p, len, &chr);
		if (n <= 0) {
			str_append(dest, UNICODE_REPLACEMENT_CHAR_UTF8);
			p++;
			len--;
		} else if (chr >= 0x80 && chr < 0xa0) {
			/* C1 controls */
			str_append_c(dest, ' ');
			p += n;
			len -= n;
		} else {
			str_append_data(dest, p, n);
			p += n;
			len -= n;
		}
	}
}

void digest_json_str(string_t *dest, const char *value)
{
	string_t *clean;
	const unsigned char *p;

	if (value == NULL) {
		str_append(dest, "null");
		return;
	}
	clean = t_str_new(strlen(value) + 16);
	digest_append_clean(clean, value, TRUE);
	str_append_c(dest, '"');
	for (p = str_data(clean); *p != '\0'; p++) {
		switch (*p) {
		case '"':
			str_append(dest, "\\\"");
			break;
		case '\\':
			str_append(dest, "\\\\");
			break;
		case '\n':
			str_append(dest, "\\n");
			break;
		case '\t':
			str_append(dest, "\\t");
			break;
		case '<':
			/* safe inside a <script> of whoever embeds it */
			str_append(dest, "\\u003c");
			break;
		default:
			str_append_c(dest, *p);
		}
	}
	str_append_c(dest, '"');
}

void digest_html_escape(string_t *dest, const char *value, bool br)
{
	string_t *clean;
	const char *p;

	if (value == NULL)
		return;
	clean = t_str_new(strlen(value) + 16);
	digest_append_clean(clean, value, FALSE);
	for (p = str_c(clean); *p != '\0'; p++) {
		switch (*p) {
		case '&':
			str_append(dest, "&amp;");
			break;
		case '<':
			str_append(dest, "&lt;");
			break;
		case '>':
			str_append(dest, "&gt;");
			break;
		case '"':
			str_append(dest, "&quot;");
			break;
		case '\'':
			str_append(dest, "&#39;");
			break;
		case '\n':
			str_append(dest, br ? "<br>" : " ");
			break;
		default:
			str_append_c(dest, *p);
		}
	}
}

/* ---- shared wording ---- */

const char *digest_state_words(enum dondoc_digest_state state)
{
	switch (state) {
	case DONDOC_DIGEST_ON_TIME:
		return "Đúng hạn";
	case DONDOC_DIGEST_LATE:
		return "Muộn";
	case DONDOC_DIGEST_OVERDUE:
		return "Quá hạn";
	case DONDOC_DIGEST_OPEN:
		return "Chưa đến hạn";
	case DONDOC_DIGEST_CLOSED:
		return "Đã đóng";
	case DONDOC_DIGEST_STATE_COUNT:
		break;
	}
	return "";
}

const char *digest_date_words(const struct dondoc_date *date)
{
	if (date->year == 0)
		return "";
	return t_strdup_printf("%02d/%d/%d", date->day, date->month,
			       date->year);
}

const char *digest_document_words(const char *number, const char *symbol,
				  const struct dondoc_date *date)
{
	string_t *str = t_str_new(64);

	if (number != NULL || symbol != NULL) {
		str_append(str, "Số ");
		if (number != NULL)
			str_append(str, number);
		if (symbol != NULL) {
			str_append_c(str, '/');
			str_append(str, symbol);
		}
	}
	if (date != NULL && date->year != 0) {
		if (str_len(str) > 0)
			str_append_c(str, ' ');
		str_printfa(str, "ngày %s", digest_date_words(date));
	}
	return str_c(str);
}

/* ---- JSON ---- */

static void json_key(string_t *dest, const char *key)
{
	if (str_len(dest) > 0) {
		char last = str_c(dest)[str_len(dest) - 1];

		if (last != '{' && last != '[')
			str_append_c(dest, ',');
	}
	str_printfa(dest, "\"%s\":", key);
}

static void json_str_field(string_t *dest, const char *key, const char *value)
{
	json_key(dest, key);
	digest_json_str(dest, value);
}

static void json_uint_field(string_t *dest, const char *key,
			    unsigned int value)
{
	json_key(dest, key);
	str_printfa(dest, "%u", value);
}

static void json_tristate_field(string_t *dest, const char *key, int value)
{
	json_key(dest, key);
	str_append(dest, value < 0 ? "null" : value > 0 ? "true" : "false");
}

static void json_date_field(string_t *dest, const char *key,
			    const struct dondoc_date *date)
{
	json_str_field(dest, key, date->year == 0 ? NULL :
		       dondoc_date_to_str(date));
}

static void json_counts(string_t *dest,
			const struct dondoc_digest_counts *counts)
{
	json_uint_field(dest, "owed", counts->owed);
	json_uint_field(dest, "on_time", counts->on_time);
	json_uint_field(dest, "late", counts->late);
	json_uint_field(dest, "overdue", counts->overdue);
	json_uint_field(dest, "open", counts->open);
	json_uint_field(dest, "closed", counts->closed);
}

static void json_task(string_t *dest, const struct dondoc_digest_task *task,
		      bool with_agency)
{
	const struct dondoc_store_digest_task *row = &task->row;

	str_append_c(dest, '{');
	json_str_field(dest, "code", row->code);
	json_str_field(dest, "title", row->title);
	if (with_agency)
		json_str_field(dest, "agency", row->agency);
	json_date_field(dest, "due", &row->due);
	json_str_field(dest, "status", dondoc_task_status_name(row->status));
	json_str_field(dest, "state", dondoc_digest_state_name(task->state));
	json_uint_field(dest, "late_days", task->late_days);
	json_str_field(dest, "obligation", row->obligation);
	json_key(dest, "source");
	if (row->source_number == NULL && row->source_symbol == NULL)
		str_append(dest, "null");
	else {
		str_append_c(dest, '{');
		json_str_field(dest, "type", row->source_type);
		json_str_field(dest, "number", row->source_number);
		json_str_field(dest, "symbol", row->source_symbol);
		str_append_c(dest, '}');
	}
	json_key(dest, "submission");
	if (!row->submitted)
		str_append(dest, "null");
	else {
		str_append_c(dest, '{');
		json_str_field(dest, "message_id", row->message_id);
		json_str_field(dest, "number", row->doc_number);
		json_str_field(dest, "symbol", row->doc_symbol);
		json_date_field(dest, "date", &row->doc_date);
		json_key(dest, "received_at");
		str_printfa(dest, "%lld", (long long)row->submitted_at);
		json_key(dest, "late");
		str_append(dest, row->late ? "true" : "false");
		str_append_c(dest, '}');
	}
	str_append_c(dest, '}');
}

static void json_issue_document(string_t *dest,
				const struct dondoc_store_digest_issue *issue)
{
	str_append_c(dest, '{');
	json_str_field(dest, "type", issue->doc_type);
	json_str_field(dest, "number", issue->doc_number);
	json_str_field(dest, "symbol", issue->doc_symbol);
	json_date_field(dest, "date", &issue->doc_date);
	json_str_field(dest, "message_id", issue->message_id);
	json_str_field(dest, "task", issue->task_code);
	json_key(dest, "secret");
	str_append(dest, issue->secret ? "true" : "false");
	str_append_c(dest, '}');
}

/* "difficulties" or "proposals": each raised, with its document. */
static void json_issues(string_t *dest, const char *key,
			const struct dondoc_digest_agency *agency,
			bool proposals)
{
	const struct dondoc_store_digest_issue *issue;

	json_key(dest, key);
	str_append_c(dest, '[');
	array_foreach(&agency->issues, issue) {
		if (!(proposals ? issue->proposals_raised :
		      issue->difficulties_raised))
			continue;
		if (str_c(dest)[str_len(dest) - 1] != '[')
			str_append_c(dest, ',');
		str_append_c(dest, '{');
		json_str_field(dest, "text", proposals ? issue->proposals :
			       issue->difficulties);
		json_key(dest, "document");
		json_issue_document(dest, issue);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
}

static void json_codes(string_t *dest, const char *key,
		       const struct dondoc_digest_agency *agency, bool closed)
{
	const struct dondoc_digest_task *task;
	bool first = TRUE;

	json_key(dest, key);
	str_append_c(dest, '[');
	array_foreach(&agency->tasks, task) {
		if ((task->state == DONDOC_DIGEST_CLOSED) != closed)
			continue;
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		digest_json_str(dest, task->row.code);
	}
	str_append_c(dest, ']');
}

static void json_agency(string_t *dest,
			const struct dondoc_digest_agency *agency)
{
	const struct dondoc_digest_task *task;

	str_append_c(dest, '{');
	json_str_field(dest, "code", agency->code);
	json_str_field(dest, "name", agency->name);
	json_counts(dest, &agency->counts);
	json_codes(dest, "tasks", agency, FALSE);
	json_codes(dest, "closed_tasks", agency, TRUE);
	json_key(dest, "task_details");
	str_append_c(dest, '[');
	array_foreach(&agency->tasks, task) {
		if (task != array_front(&agency->tasks))
			str_append_c(dest, ',');
		json_task(dest, task, FALSE);
	}
	str_append_c(dest, ']');
	json_issues(dest, "difficulties", agency, FALSE);
	json_issues(dest, "proposals", agency, TRUE);
	str_append_c(dest, '}');
}

static void json_meeting(string_t *dest, const struct dondoc_digest_meeting *dm)
{
	str_append_c(dest, '{');
	json_str_field(dest, "code", dm->meeting.code);
	json_str_field(dest, "title", dm->meeting.title);
	json_date_field(dest, "date", &dm->meeting.date);
	json_str_field(dest, "place", dm->meeting.place);
	json_str_field(dest, "convener", dm->meeting.convener);
	json_tristate_field(dest, "notice_ok", dm->notice_ok);
	json_tristate_field(dest, "conclusions_sent", dm->conclusions_sent);
	json_str_field(dest, "conclusions_task", dm->conclusions_task);
	str_append_c(dest, '}');
}

void dondoc_digest_append_json(string_t *dest,
			       const struct dondoc_digest *digest)
{
	const struct dondoc_digest_agency *agency;
	const struct dondoc_digest_meeting *dm;
	const struct dondoc_digest_task *task;
	string_t *out = t_str_new(4096);

	str_append_c(out, '{');
	json_str_field(out, "period", digest->period.label);
	json_date_field(out, "first", &digest->period.first);
	json_date_field(out, "last", &digest->period.last);
	json_date_field(out, "as_of", &digest->as_of);
	json_str_field(out, "agency", digest->agency_filter);
	json_key(out, "totals");
	str_append_c(out, '{');
	json_counts(out, &digest->totals);
	str_append_c(out, '}');
	json_key(out, "agencies");
	str_append_c(out, '[');
	array_foreach(&digest->agencies, agency) {
		if (agency != array_front(&digest->agencies))
			str_append_c(out, ',');
		json_agency(out, agency);
	}
	str_append_c(out, ']');
	json_key(out, "meetings");
	str_append_c(out, '[');
	array_foreach(&digest->meetings, dm) {
		if (dm != array_front(&digest->meetings))
			str_append_c(out, ',');
		json_meeting(out, dm);
	}
	str_append_c(out, ']');
	json_key(out, "assigned");
	str_append_c(out, '[');
	array_foreach(&digest->assigned, task) {
		if (task != array_front(&digest->assigned))
			str_append_c(out, ',');
		json_task(out, task, TRUE);
	}
	str_append(out, "]}");
	str_append_str(dest, out);
}

/* ---- plain text ---- */

static void text_value(string_t *dest, const char *value)
{
	if (value != NULL)
		digest_append_clean(dest, value, FALSE);
}

static void text_task(string_t *dest, const struct dondoc_digest_task *task)
{
	const struct dondoc_store_digest_task *row = &task->row;

	str_append(dest, "  - ");
	text_value(dest, row->code);
	str_printfa(dest, " (hạn %s): %s", digest_date_words(&row->due),
		    digest_state_words(task->state));
	if (task->late_days > 0)
		str_printfa(dest, " %u ngày làm việc", task->late_days);
	if (row->submitted) {
		const char *doc = digest_document_words(row->doc_number,
			row->doc_symbol, &row->doc_date);
		if (doc[0] != '\0') {
			str_append(dest, ", văn bản ");
			text_value(dest, doc);
		}
	}
	str_append(dest, "\n    ");
	text_value(dest, row->title);
	str_append_c(dest, '\n');
}

static void text_issue(string_t *dest,
		       const struct dondoc_store_digest_issue *issue,
		       bool proposals)
{
	const char *text = proposals ? issue->proposals : issue->difficulties;

	str_append(dest, proposals ? "  Kiến nghị, đề xuất" :
		   "  Khó khăn, vướng mắc");
	str_append(dest, " (");
	text_value(dest, digest_document_words(issue->doc_number,
		issue->doc_symbol, &issue->doc_date));
	str_append(dest, "):\n    ");
	if (issue->secret)
		str_append(dest, "[Văn bản mật: không trích nội dung]");
	else if (text != NULL) {
		string_t *clean = t_str_new(strlen(text) + 8);

		digest_append_clean(clean, text, FALSE);
		str_append(dest, t_str_replace(str_c(clean), '\n', ' '));
	}
	str_append_c(dest, '\n');
}

static void text_counts(string_t *dest, const struct dondoc_digest_counts *c)
{
	str_printfa(dest, "phải nộp %u: đúng hạn %u, muộn %u, quá hạn %u, "
		    "chưa đến hạn %u", c->owed, c->on_time, c->late,
		    c->overdue, c->open);
	if (c->closed > 0)
		str_printfa(dest, " (đã đóng %u)", c->closed);
}

void dondoc_digest_append_text(string_t *dest,
			       const struct dondoc_digest *digest)
{
	const struct dondoc_digest_agency *agency;
	const struct dondoc_digest_meeting *dm;
	const struct dondoc_digest_task *task;
	const struct dondoc_store_digest_issue *issue;

	str_printfa(dest, "BÁO CÁO tình hình thực hiện nhiệm vụ %s\n",
		    dondoc_digest_period_words(&digest->period));
	str_printfa(dest, "(từ %s đến %s, số liệu đến ngày %s)\n\n",
		    digest_date_words(&digest->period.first),
		    digest_date_words(&digest->period.last),
		    digest_date_words(&digest->as_of));
	str_append(dest, "Tổng cộng: ");
	text_counts(dest, &digest->totals);
	str_append(dest, "\n\nI. TÌNH HÌNH THỰC HIỆN CỦA CÁC CƠ QUAN\n");
	array_foreach(&digest->agencies, agency) {
		str_append_c(dest, '\n');
		text_value(dest, agency->name);
		str_append(dest, " (");
		text_value(dest, agency->code);
		str_append(dest, "): ");
		text_counts(dest, &agency->counts);
		str_append_c(dest, '\n');
		array_foreach(&agency->tasks, task)
			text_task(dest, task);
		array_foreach(&agency->issues, issue) {
			if (issue->difficulties_raised)
				text_issue(dest, issue, FALSE);
			if (issue->proposals_raised)
				text_issue(dest, issue, TRUE);
		}
	}
	str_append(dest, "\nII. CÁC CUỘC HỌP\n");
	if (array_count(&digest->meetings) == 0)
		str_append(dest, "  Không có cuộc họp nào được ghi nhận.\n");
	array_foreach(&digest->meetings, dm) {
		str_printfa(dest, "  - %s ", digest_date_words(&dm->meeting.date));
		text_value(dest, dm->meeting.title);
		str_printfa(dest, ": giấy mời %s; thông báo kết luận %s\n",
			    dm->notice_ok < 0 ? "chưa rõ" :
			    dm->notice_ok > 0 ? "đúng hạn (2 ngày làm việc)" :
			    "gửi muộn",
			    dm->conclusions_sent < 0 ? "chưa rõ" :
			    dm->conclusions_sent > 0 ? "đã gửi" : "chưa gửi");
	}
	str_append(dest, "\nIII. NHIỆM VỤ ĐƯỢC GIAO TRONG KỲ\n");
	if (array_count(&digest->assigned) == 0)
		str_append(dest, "  Không có nhiệm vụ mới.\n");
	array_foreach(&digest->assigned, task) {
		str_append(dest, "  [");
		text_value(dest, task->row.agency);
		str_append(dest, "]");
		text_task(dest, task);
	}
}
