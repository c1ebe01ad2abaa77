/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The wording of the Head's digest (dondoc_head_digest_values(), see
   dondoc-head-digest.h): its items as the fields of the head-digest and
   head-digest-item templates (templates/, or the site's own). Items come
   from the store, which bounded and checked them; the engine sanitises
   every value again, and a classified document's item holds no text (and
   its content fields render as the engine's placeholder). */

#include "lib.h"
#include "str.h"
#include "dondoc-compose.h"
#include "dondoc-head-digest.h"

/* What the sections may hold in all, shared among the sections that
   have items: the engine cuts a body at DONDOC_TEMPLATE_MAX_BODY; past
   this, items are counted in ${more}. */
#define HEAD_MAIL_MAX_SECTIONS (DONDOC_TEMPLATE_MAX_BODY - 8 * 1024)
#define HEAD_MAIL_MAX_QUOTED 1500

static const char *const head_mail_section_fields[] = {
	[DONDOC_HEAD_ITEM_OVERDUE] = "overdue",
	[DONDOC_HEAD_ITEM_LATE] = "late",
	[DONDOC_HEAD_ITEM_ISSUE] = "issues",
	[DONDOC_HEAD_ITEM_WARNING] = "warnings",
	[DONDOC_HEAD_ITEM_OTHER] = "other",
};
static const char *const head_mail_summary[] = {
	[DONDOC_HEAD_ITEM_OVERDUE] = "quá hạn lâu",
	[DONDOC_HEAD_ITEM_LATE] = "nộp trễ hạn",
	[DONDOC_HEAD_ITEM_ISSUE] = "khó khăn, kiến nghị",
	[DONDOC_HEAD_ITEM_WARNING] = "cảnh báo",
	[DONDOC_HEAD_ITEM_OTHER] = "khác",
};

static const char *head_mail_date(const struct dondoc_date *date)
{
	if (date->year == 0)
		return NULL;
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

/* A document's section, quoted line by line and bounded. */
static const char *head_mail_quote(const char *value)
{
	const char *const *line;
	string_t *q, *out;

	if (value == NULL)
		return NULL;
	q = t_str_new(256);
	str_append(q, value);
	if (str_len(q) > HEAD_MAIL_MAX_QUOTED)
		str_truncate_utf8(q, HEAD_MAIL_MAX_QUOTED);
	out = t_str_new(str_len(q) + 64);
	for (line = t_strsplit(str_c(q), "\n"); *line != NULL; line++) {
		if (str_len(out) > 0)
			str_append_c(out, '\n');
		str_printfa(out, "   > %s", *line);
	}
	return str_c(out);
}

static const char *head_mail_document(const struct dondoc_head_item *item)
{
	string_t *str;
	const char *date;

	if (item->doc_symbol == NULL && item->doc_number == NULL)
		return NULL;
	str = t_str_new(128);
	str_printfa(str, "%s số %s/%s",
		    item->doc_type != NULL ? item->doc_type : "Văn bản",
		    item->doc_number != NULL ? item->doc_number : "",
		    item->doc_symbol != NULL ? item->doc_symbol : "");
	if ((date = head_mail_date(&item->doc_date)) != NULL)
		str_printfa(str, " ngày %s", date);
	return str_c(str);
}

static void head_mail_item(const struct dondoc_head_digest_text *in,
			   unsigned int n, const struct dondoc_head_item *item,
			   const char *name, const char *note, string_t *dest)
{
	struct dondoc_template_values v;
	string_t *subject = t_str_new(64);

	dondoc_template_mail_values(&v, "head-digest-item", in->templates,
				    in->today);
	v.secret = item->secret;
	dondoc_template_set(&v, "n", dec2str(n));
	dondoc_template_set(&v, "task.code", item->task_code);
	dondoc_template_set(&v, "task.title", item->task_title);
	dondoc_template_set(&v, "task.due", head_mail_date(&item->due));
	dondoc_template_set(&v, "task.reply_address", item->reply_to);
	dondoc_template_set(&v, "late_days", item->late_days == 0 ? NULL :
			    dec2str(item->late_days));
	dondoc_template_set(&v, "agency.code", item->agency);
	dondoc_template_set(&v, "agency.name", name != NULL ? name :
			    item->agency);
	dondoc_template_set(&v, "document.line", head_mail_document(item));
	dondoc_template_set(&v, "document.type", item->doc_type);
	dondoc_template_set(&v, "document.number", item->doc_number);
	dondoc_template_set(&v, "document.symbol", item->doc_symbol);
	dondoc_template_set(&v, "document.date",
			    head_mail_date(&item->doc_date));
	dondoc_template_set(&v, "document.message_id", item->message_id);
	if (item->secret)
		dondoc_template_set(&v, "document.secrecy", "MẬT");
	dondoc_template_set(&v, "reason", item->reason);
	dondoc_template_set(&v, "document.difficulties",
			    head_mail_quote(item->difficulties));
	dondoc_template_set(&v, "document.proposals",
			    head_mail_quote(item->proposals));
	dondoc_template_set(&v, "attachment", note);
	dondoc_template_mail_render(in->templates, &v, subject, dest);
}

void dondoc_head_digest_values(const struct dondoc_head_digest_text *in,
			       struct dondoc_template_values *values)
{
	unsigned int counts[DONDOC_HEAD_ITEM_KIND_COUNT] = { 0 };
	string_t *sections[DONDOC_HEAD_ITEM_KIND_COUNT], *summary;
	unsigned int i, kind, n, listed = 0, kinds = 0;
	size_t total, share;

	dondoc_template_mail_values(values, "head-digest", in->templates,
				    in->today);
	summary = t_str_new(128);
	for (kind = 0; kind < DONDOC_HEAD_ITEM_KIND_COUNT; kind++) {
		sections[kind] = t_str_new(1024);
		for (i = 0; i < in->count; i++) {
			if (in->items[i].kind == kind)
				counts[kind]++;
		}
		if (counts[kind] > 0) {
			str_printfa(summary, "%s%u %s",
				    str_len(summary) > 0 ? "; " : "",
				    counts[kind], head_mail_summary[kind]);
		}
	}
	/* each section its share, so that a flood of one kind (overdue
	   tasks) cannot crowd the others out */
	for (kind = 0; kind < DONDOC_HEAD_ITEM_KIND_COUNT; kind++) {
		if (counts[kind] > 0)
			kinds++;
	}
	share = HEAD_MAIL_MAX_SECTIONS / I_MAX(kinds, 1);
	for (kind = 0; kind < DONDOC_HEAD_ITEM_KIND_COUNT; kind++) {
		total = 0;
		n = 0;
		for (i = 0; i < in->count; i++) {
			string_t *one;

			if (in->items[i].kind != kind)
				continue;
			one = t_str_new(512);
			head_mail_item(in, ++n, &in->items[i],
				       in->agency_names != NULL ?
				       in->agency_names[i] : NULL,
				       in->note[i], one);
			if (total + str_len(one) + 1 > share)
				break;
			if (str_len(sections[kind]) > 0)
				str_append_c(sections[kind], '\n');
			str_append_str(sections[kind], one);
			total += str_len(one) + 1;
			listed++;
		}
		/* no trailing line end: the template places the sections */
		while (str_len(sections[kind]) > 0 &&
		       str_c(sections[kind])[str_len(sections[kind]) - 1] == '\n')
			str_truncate(sections[kind], str_len(sections[kind]) - 1);
		dondoc_template_set(values, head_mail_section_fields[kind],
				    str_c(sections[kind]));
	}
	dondoc_template_set(values, "period", in->period_label);
	dondoc_template_set(values, "count", dec2str(in->count));
	dondoc_template_set(values, "summary", str_c(summary));
	dondoc_template_set(values, "more", listed < in->count ?
			    dec2str(in->count - listed) : NULL);
}
