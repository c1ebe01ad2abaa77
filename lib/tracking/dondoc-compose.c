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

/* Quoted text from the document, bounded, one "> " per line. */
static const char *quote_lines(const char *text)
{
	string_t *q, *out;
	const char *const *line;

	if (text == NULL)
		return NULL;
	q = t_str_new(256);
	str_append(q, text);
	if (str_len(q) > COMPOSE_MAX_QUOTED)
		str_truncate_utf8(q, COMPOSE_MAX_QUOTED);
	out = t_str_new(str_len(q) + 64);
	for (line = t_strsplit(str_c(q), "\n"); *line != NULL; line++) {
		if (str_len(out) > 0)
			str_append_c(out, '\n');
		str_printfa(out, "> %s", *line);
	}
	return str_c(out);
}

static const char *compose_kind_name(const struct dondoc_compose_input *in)
{
	switch (in->kind) {
	case DONDOC_OUTBOX_CONFIRM:
		return "receipt";
	case DONDOC_OUTBOX_REMINDER:
		return in->tracking->late ? "chase" : "reminder";
	case DONDOC_OUTBOX_ESCALATE:
	case DONDOC_OUTBOX_NOTICE:
		break;
	}
	return "escalation";
}

/* The fields of the receipt, reminders and escalation, from the
   tracking result: what the store and the document say. */
static void compose_values(const struct dondoc_compose_input *in,
			   struct dondoc_template_values *v)
{
	const struct dondoc_tracking *t = in->tracking;
	const struct dondoc_document *doc = t->document;
	const char *agency;
	struct dondoc_date today;

	dondoc_tracker_vn_date(in->date, &today);
	dondoc_template_mail_values(v, compose_kind_name(in), in->templates,
				    vn_date_of(&today));
	v->secret = t->secret;
	/* the sweep's escalation is about a task that sent nothing: no
	   "(không nhận diện được văn bản)" line, the template says so */
	if (in->kind != DONDOC_OUTBOX_REMINDER &&
	    (doc != NULL || in->kind != DONDOC_OUTBOX_ESCALATE ||
	     t->match == DONDOC_MATCH_NONE))
		dondoc_template_set(v, "document.line", document_line(doc));
	if (in->kind != DONDOC_OUTBOX_REMINDER) {
		dondoc_template_set(v, "received",
				    vn_date_of(&t->received_date));
		dondoc_template_set(v, "timeliness", timeliness_line(t));
	}
	if (doc != NULL && in->kind != DONDOC_OUTBOX_REMINDER) {
		dondoc_template_set(v, "document.type", doc->type_name);
		dondoc_template_set(v, "document.number", doc->number);
		dondoc_template_set(v, "document.symbol", doc->symbol);
		dondoc_template_set(v, "document.date", vn_date(doc->date));
		dondoc_template_set(v, "document.message_id",
				    in->orig_message_id);
		if (t->secret) {
			dondoc_template_set(v, "document.secrecy",
				dondoc_compose_sanitize(doc->secrecy, 40));
		}
		dondoc_template_set(v, "document.summary", doc->summary);
	}
	if (doc != NULL && in->kind == DONDOC_OUTBOX_ESCALATE) {
		dondoc_template_set(v, "document.difficulties",
				    quote_lines(doc->difficulties));
		dondoc_template_set(v, "document.proposals",
				    quote_lines(doc->proposals));
	}
	if (in->kind == DONDOC_OUTBOX_ESCALATE) {
		dondoc_template_set(v, "reason", in->reason);
		dondoc_template_set(v, "attachment", in->note);
	}
	if (t->match != DONDOC_MATCH_NONE) {
		dondoc_template_set(v, "task.code", t->task.code);
		dondoc_template_set(v, "task.title", t->task.title);
		dondoc_template_set(v, "task.due", vn_date_of(&t->task.due));
		dondoc_template_set(v, "task.reply_address", in->reply_to);
		dondoc_template_set(v, "late_days", t->late ?
				    dec2str(t->late_days) : "0");
	}
	/* reminders go to the task's agency; the rest is from the sender */
	agency = in->kind == DONDOC_OUTBOX_REMINDER ? t->task.agency :
		t->agency;
	dondoc_template_set(v, "agency.code", agency);
	dondoc_template_set(v, "agency.name", in->agency_name != NULL ?
			    in->agency_name : agency);
}

/* Render the mail's text: from its template, or a notice's own text. */
static void compose_render(const struct dondoc_compose_input *in,
			   string_t *subject, string_t *body)
{
	struct dondoc_template_values v;

	if (in->values != NULL) {
		dondoc_template_mail_render(in->templates, in->values,
					    subject, body);
		return;
	}
	if (in->kind == DONDOC_OUTBOX_NOTICE) {
		str_append(subject, in->subject);
		str_append(body, in->text);
		str_printfa(body, "\n-- \n%s\n", in->templates != NULL &&
			    in->templates->signature != NULL ?
			    dondoc_template_setting_lines(
				in->templates->signature) :
			    DONDOC_TEMPLATE_DEFAULT_SIGNATURE);
		return;
	}
	compose_values(in, &v);
	dondoc_template_mail_render(in->templates, &v, subject, body);
}

static void compose_headers(const struct dondoc_compose_input *in,
			    const char *subject, string_t *dest)
{
	const char *refs;

	header_raw(dest, "Message-ID", in->message_id);
	header_raw(dest, "Date", message_date_create(in->date));
	header_address(dest, "From", in->from_name, in->from_address);
	header_address(dest, "To", NULL, in->to_address);
	if (in->reply_to != NULL)
		header_address(dest, "Reply-To", NULL, in->reply_to);
	header_text(dest, "Subject", subject);
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
	string_t *lf_body = t_str_new(1024), *subject = t_str_new(128), *body;
	const unsigned char *data;
	size_t i, len, n;
	buffer_t *b64 = t_buffer_create(2048);

	compose_render(in, subject, lf_body);
	compose_headers(in, str_c(subject), dest);
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
