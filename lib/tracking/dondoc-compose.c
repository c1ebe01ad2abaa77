/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Composition of dondoc's automatic mail (see dondoc-compose.h). Trusts
   nothing from the incoming mail: every such value passes through
   dondoc_compose_sanitize() or dondoc_compose_msgids() before it reaches a
   header, and is encoded by Dovecot's RFC 2047 encoder when not ASCII. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "base64.h"
#include "unichar.h"
#include "message-id.h"
#include "message-date.h"
#include "message-header-encode.h"
#include "dondoc-compose.h"

#define COMPOSE_MAX_HEADER_VALUE 200
#define COMPOSE_MAX_REFERENCES 20
#define COMPOSE_MAX_QUOTED 2000

const char *dondoc_compose_sanitize(const char *value, size_t max_bytes)
{
	string_t *str = t_str_new(64), *valid;
	const unsigned char *p;
	bool space = FALSE;

	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			space = TRUE;
			continue;
		}
		if (*p == ' ') {
			space = TRUE;
			continue;
		}
		if (space && str_len(str) > 0)
			str_append_c(str, ' ');
		space = FALSE;
		str_append_c(str, *p);
	}
	if (str_len(str) > max_bytes)
		str_truncate_utf8(str, max_bytes);
	valid = t_str_new(str_len(str) + 8);
	/* FALSE means invalid sequences were replaced in valid. */
	if (uni_utf8_get_valid_data(str_data(str), str_len(str), valid))
		return str_c(str);
	return str_c(valid);
}

const char *dondoc_compose_msgids(const char *value, unsigned int max_ids)
{
	ARRAY_TYPE(const_string) ids;
	const char *p = value, *id, *const *idp;
	string_t *str = t_str_new(128);

	if (value == NULL)
		return NULL;
	t_array_init(&ids, 8);
	while ((id = message_id_get_next(&p)) != NULL) {
		/* Ids with controls or spaces cannot be written back. */
		if (strpbrk(id, "\r\n\t <>") != NULL || strlen(id) > 250)
			continue;
		if (array_count(&ids) == max_ids)
			array_pop_front(&ids);
		array_push_back(&ids, &id);
	}
	array_foreach(&ids, idp) {
		if (str_len(str) > 0)
			str_append(str, "\r\n ");
		str_printfa(str, "<%s>", *idp);
	}
	return str_len(str) == 0 ? NULL : str_c(str);
}

static void header_raw(string_t *dest, const char *name, const char *value)
{
	str_printfa(dest, "%s: %s\r\n", name, value);
}

/* RFC 2047-encode value into dest; Dovecot folds long encoded words
   with a bare LF, and this mail is CRLF throughout. */
static void header_encode(const char *value, string_t *dest)
{
	string_t *encoded = t_str_new(128);
	const char *p;

	message_header_encode(value, encoded);
	for (p = str_c(encoded); *p != '\0'; p++) {
		if (*p == '\n' && (p == str_c(encoded) || p[-1] != '\r'))
			str_append_c(dest, '\r');
		str_append_c(dest, *p);
	}
}

/* A header whose value may hold any (sanitised) UTF-8 text. */
static void header_text(string_t *dest, const char *name, const char *value)
{
	str_printfa(dest, "%s: ", name);
	header_encode(dondoc_compose_sanitize(value, COMPOSE_MAX_HEADER_VALUE),
		      dest);
	str_append(dest, "\r\n");
}

static void header_address(string_t *dest, const char *name,
			   const char *display, const char *address)
{
	str_printfa(dest, "%s: ", name);
	if (display != NULL && *display != '\0') {
		header_encode(dondoc_compose_sanitize(display, 100), dest);
		str_append_c(dest, ' ');
	}
	str_printfa(dest, "<%s>\r\n", dondoc_compose_sanitize(address, 254));
}

static const char *vn_date(const char *iso)
{
	struct dondoc_date date;

	if (iso == NULL || !dondoc_date_parse(iso, &date))
		return NULL;
	return t_strdup_printf("%02d/%02d/%04d", date.day, date.month,
			       date.year);
}

static const char *vn_date_of(const struct dondoc_date *date)
{
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

/* "Báo cáo số 112/BC-STTTT ngày 10/06/2022": metadata only. */
static const char *document_line(const struct dondoc_document *doc)
{
	string_t *str = t_str_new(128);
	const char *date;

	if (doc == NULL)
		return "(không nhận diện được văn bản)";
	str_append(str, doc->type_name != NULL ? doc->type_name : "Văn bản");
	if (doc->symbol != NULL) {
		str_printfa(str, " số %s/%s", doc->number != NULL ?
			    doc->number : "", doc->symbol);
	}
	if ((date = vn_date(doc->date)) != NULL)
		str_printfa(str, " ngày %s", date);
	return dondoc_compose_sanitize(str_c(str), 300);
}

static const char *timeliness_line(const struct dondoc_tracking *t)
{
	if (t->match == DONDOC_MATCH_NONE)
		return "chưa xác định được nhiệm vụ tương ứng";
	if (!t->late)
		return "đúng hạn";
	return t_strdup_printf("trễ hạn %u ngày làm việc", t->late_days);
}

static void body_task(string_t *body, const struct dondoc_tracking *t)
{
	if (t->match == DONDOC_MATCH_NONE)
		return;
	str_printfa(body, "Nhiệm vụ: %s - %s\n", t->task.code,
		    dondoc_compose_sanitize(t->task.title, 300));
	str_printfa(body, "Hạn: %s\n", vn_date_of(&t->task.due));
	str_printfa(body, "Ngày nhận: %s\n", vn_date_of(&t->received_date));
	str_printfa(body, "Tình trạng: %s\n", timeliness_line(t));
}

/* Quoted text from the document, bounded, one "> " per line. */
static void body_quote(string_t *body, const char *title, const char *text)
{
	string_t *q;
	const char *const *line;

	if (text == NULL)
		return;
	q = t_str_new(256);
	str_append(q, text);
	if (str_len(q) > COMPOSE_MAX_QUOTED)
		str_truncate_utf8(q, COMPOSE_MAX_QUOTED);
	str_printfa(body, "\n%s:\n", title);
	for (line = t_strsplit(str_c(q), "\n"); *line != NULL; line++)
		str_printfa(body, "> %s\n", *line);
}

static void compose_confirm_body(const struct dondoc_compose_input *in,
				 string_t *body)
{
	const struct dondoc_tracking *t = in->tracking;

	str_append(body, "Tổ giúp việc Ban Chỉ đạo đã nhận văn bản của "
		   "quý cơ quan.\n\n");
	str_printfa(body, "Văn bản: %s\n", document_line(t->document));
	if (!t->secret && t->document != NULL && t->document->summary != NULL)
		str_printfa(body, "Trích yếu: %s\n",
			    dondoc_compose_sanitize(t->document->summary, 500));
	body_task(body, t);
	str_append(body, "\nĐây là thư xác nhận tự động, được gửi một lần "
		   "cho mỗi văn bản. Khi trả lời về nhiệm vụ này, xin dùng "
		   "nút Trả lời để thư được ghi nhận đúng nhiệm vụ.\n");
}

static void compose_escalate_body(const struct dondoc_compose_input *in,
				  string_t *body)
{
	const struct dondoc_tracking *t = in->tracking;
	const struct dondoc_document *doc = t->document;

	str_append(body, "Kính gửi Trưởng Ban Chỉ đạo,\n\n");
	str_printfa(body, "Tổ giúp việc báo cáo: %s.\n\n",
		    in->reason != NULL ?
		    dondoc_compose_sanitize(in->reason, 300) :
		    "văn bản cần Trưởng ban xem xét");
	str_printfa(body, "Văn bản: %s\n", document_line(doc));
	str_printfa(body, "Cơ quan gửi: %s\n", t->agency != NULL ?
		    t->agency : "(chưa xác định)");
	body_task(body, t);
	if (doc == NULL)
		return;
	if (t->secret) {
		str_printfa(body, "\nVăn bản có độ mật (%s): không trích dẫn "
			    "nội dung trong thư tự động.\n",
			    dondoc_compose_sanitize(doc->secrecy, 40));
		return;
	}
	if (doc->summary != NULL)
		str_printfa(body, "Trích yếu: %s\n",
			    dondoc_compose_sanitize(doc->summary, 500));
	body_quote(body, "Khó khăn, vướng mắc", doc->difficulties);
	body_quote(body, "Kiến nghị, đề xuất", doc->proposals);
}

/* A reminder from the sweep (in->reason "due" or "overdue"): about the
   task alone, there is no incoming document. */
static void compose_reminder_body(const struct dondoc_compose_input *in,
				  string_t *body)
{
	const struct dondoc_tracking *t = in->tracking;

	str_printfa(body, "Kính gửi %s,\n\n", t->task.agency);
	if (t->late) {
		str_printfa(body, "Tổ giúp việc Ban Chỉ đạo chưa nhận được báo "
			    "cáo của quý cơ quan cho nhiệm vụ dưới đây, đã quá "
			    "hạn %u ngày làm việc. Đề nghị quý cơ quan khẩn "
			    "trương gửi báo cáo.\n\n", t->late_days);
	} else {
		str_append(body, "Tổ giúp việc Ban Chỉ đạo nhắc quý cơ quan "
			   "nhiệm vụ sắp đến hạn dưới đây.\n\n");
	}
	str_printfa(body, "Nhiệm vụ: %s - %s\n", t->task.code,
		    dondoc_compose_sanitize(t->task.title, 300));
	str_printfa(body, "Hạn: %s\n", vn_date_of(&t->task.due));
	str_append(body, "\nKhi gửi báo cáo, xin trả lời thư này (Reply) để "
		   "báo cáo được ghi nhận đúng nhiệm vụ.\n");
}

static const char *compose_subject(const struct dondoc_compose_input *in)
{
	const char *doc = document_line(in->tracking->document);

	if (in->kind == DONDOC_OUTBOX_REMINDER) {
		const struct dondoc_tracking *t = in->tracking;

		return t_strdup_printf("[%s] %s: %s (hạn %s)", t->task.code,
			t->late ? "Đôn đốc, quá hạn" : "Nhắc hạn",
			t->task.title, vn_date_of(&t->task.due));
	}
	if (in->kind == DONDOC_OUTBOX_CONFIRM)
		return t_strconcat("Đã nhận: ", doc, NULL);
	if (in->subject != NULL)
		return dondoc_compose_sanitize(in->subject, 300);
	if (in->tracking->match != DONDOC_MATCH_NONE)
		return t_strdup_printf("[%s] Báo cáo Trưởng ban: %s",
				       in->tracking->task.code, doc);
	return t_strconcat("Báo cáo Trưởng ban: ", doc, NULL);
}

static void compose_headers(const struct dondoc_compose_input *in,
			    string_t *dest)
{
	const char *refs;

	header_raw(dest, "Message-ID", in->message_id);
	header_raw(dest, "Date", message_date_create(in->date));
	header_address(dest, "From", in->from_name, in->from_address);
	header_address(dest, "To", NULL, in->to_address);
	if (in->reply_to != NULL)
		header_address(dest, "Reply-To", NULL, in->reply_to);
	header_text(dest, "Subject", compose_subject(in));
	if (in->kind == DONDOC_OUTBOX_CONFIRM) {
		refs = dondoc_compose_msgids(in->orig_message_id, 1);
		if (refs != NULL)
			header_raw(dest, "In-Reply-To", refs);
		refs = dondoc_compose_msgids(t_strconcat(
			in->orig_references != NULL ? in->orig_references : "",
			" ", in->orig_message_id != NULL ?
			in->orig_message_id : "", NULL),
			COMPOSE_MAX_REFERENCES);
		if (refs != NULL)
			header_raw(dest, "References", refs);
		header_raw(dest, "Auto-Submitted", "auto-replied (dondoc)");
	} else {
		header_raw(dest, "Auto-Submitted", "auto-generated (dondoc)");
	}
	header_raw(dest, "Precedence", "bulk");
	header_raw(dest, "X-Auto-Response-Suppress", "All");
	header_raw(dest, "X-Dondoc-Generated",
		   dondoc_outbox_kind_name(in->kind));
	header_raw(dest, "MIME-Version", "1.0");
	header_raw(dest, "Content-Type", "text/plain; charset=utf-8");
	header_raw(dest, "Content-Transfer-Encoding", "base64");
	str_append(dest, "\r\n");
}

void dondoc_compose_mail(const struct dondoc_compose_input *in,
			 string_t *dest)
{
	string_t *lf_body = t_str_new(1024), *body;
	const unsigned char *data;
	size_t i, len, n;
	buffer_t *b64 = t_buffer_create(2048);

	compose_headers(in, dest);
	if (in->text != NULL)
		str_append(lf_body, in->text);
	else if (in->kind == DONDOC_OUTBOX_CONFIRM)
		compose_confirm_body(in, lf_body);
	else if (in->kind == DONDOC_OUTBOX_REMINDER)
		compose_reminder_body(in, lf_body);
	else
		compose_escalate_body(in, lf_body);
	if (in->note != NULL)
		str_printfa(lf_body, "\n%s\n", in->note);
	str_append(lf_body, "\n-- \ndondoc, Tổ giúp việc Ban Chỉ đạo\n");
	/* text/plain is CRLF in canonical form, also inside base64. */
	body = t_str_new(str_len(lf_body) + 64);
	str_append(body, t_strarray_join(t_strsplit(str_c(lf_body), "\n"),
					 "\r\n"));
	base64_encode(str_data(body), str_len(body), b64);
	data = b64->data;
	len = b64->used;
	for (i = 0; i < len; i += 76) {
		n = I_MIN(76, len - i);
		str_append_data(dest, data + i, n);
		str_append(dest, "\r\n");
	}
}
