/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The wording of the Head's digest (dondoc_head_digest_compose(), see
   dondoc-head-digest.h): the one function that turns its items into
   text, so that the secretariat's templates can take it over whole.
   Items come from the store, which bounded and checked them; what they
   quote from documents is quoted line by line, and a classified
   document's item holds no text to quote. */

#include "lib.h"
#include "str.h"
#include "dondoc-compose.h"
#include "dondoc-head-digest.h"

/* Items listed at most (the rest by count: the mail must fit the
   outbox). */
#define HEAD_MAIL_MAX_LISTED 300
#define HEAD_MAIL_MAX_QUOTED 1500

static const char *const head_mail_sections[] = {
	[DONDOC_HEAD_ITEM_OVERDUE] = "Nhiệm vụ quá hạn lâu, chưa nhận được "
		"báo cáo",
	[DONDOC_HEAD_ITEM_LATE] = "Báo cáo nộp trễ hạn",
	[DONDOC_HEAD_ITEM_ISSUE] = "Khó khăn, vướng mắc và kiến nghị, đề "
		"xuất",
	[DONDOC_HEAD_ITEM_WARNING] = "Cảnh báo về nhiệm vụ của Tổ giúp việc",
	[DONDOC_HEAD_ITEM_OTHER] = "Văn bản khác cần Trưởng ban xem xét",
};
static const char *const head_mail_roman[] = { "I", "II", "III", "IV", "V" };

static const char *head_mail_date(const struct dondoc_date *date)
{
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

static void head_mail_quote(string_t *text, const char *title,
			    const char *value)
{
	const char *const *line;
	string_t *q;

	if (value == NULL)
		return;
	q = t_str_new(256);
	str_append(q, value);
	if (str_len(q) > HEAD_MAIL_MAX_QUOTED)
		str_truncate_utf8(q, HEAD_MAIL_MAX_QUOTED);
	str_printfa(text, "   %s:\n", title);
	for (line = t_strsplit(str_c(q), "\n"); *line != NULL; line++)
		str_printfa(text, "   > %s\n", *line);
}

static void head_mail_item(string_t *text, unsigned int n,
			   const struct dondoc_head_item *item,
			   const char *note)
{
	str_printfa(text, "%u. ", n);
	if (item->task_code != NULL) {
		str_printfa(text, "[%s] %s\n", item->task_code,
			    item->task_title != NULL ? item->task_title : "");
	} else {
		str_append(text, "(không gắn với nhiệm vụ)\n");
	}
	if (item->agency != NULL)
		str_printfa(text, "   Cơ quan: %s\n", item->agency);
	if (item->due.year != 0) {
		str_printfa(text, "   Hạn: %s", head_mail_date(&item->due));
		if (item->late_days > 0)
			str_printfa(text, " (trễ %u ngày làm việc)",
				    item->late_days);
		str_append_c(text, '\n');
	}
	if (item->doc_symbol != NULL || item->doc_number != NULL) {
		str_printfa(text, "   Văn bản: %s số %s/%s",
			    item->doc_type != NULL ? item->doc_type : "Văn bản",
			    item->doc_number != NULL ? item->doc_number : "",
			    item->doc_symbol != NULL ? item->doc_symbol : "");
		if (item->doc_date.year != 0)
			str_printfa(text, " ngày %s",
				    head_mail_date(&item->doc_date));
		str_append_c(text, '\n');
	}
	if (item->reason != NULL)
		str_printfa(text, "   Nội dung: %s\n", item->reason);
	if (item->secret) {
		str_append(text, "   Văn bản có độ mật: không trích dẫn nội "
			   "dung trong thư tự động.\n");
	}
	head_mail_quote(text, "Khó khăn, vướng mắc", item->difficulties);
	head_mail_quote(text, "Kiến nghị, đề xuất", item->proposals);
	if (item->message_id != NULL)
		str_printfa(text, "   Thư của văn bản: %s\n", item->message_id);
	if (item->reply_to != NULL)
		str_printfa(text, "   Địa chỉ trả lời của nhiệm vụ: %s\n",
			    item->reply_to);
	if (note != NULL)
		str_printfa(text, "   (%s)\n", note);
}

void dondoc_head_digest_compose(const struct dondoc_head_digest_text *in,
				const char **subject_r, string_t *text)
{
	unsigned int counts[DONDOC_HEAD_ITEM_KIND_COUNT] = { 0 };
	unsigned int i, kind, section = 0, n, listed = 0;

	for (i = 0; i < in->count; i++)
		counts[in->items[i].kind]++;
	*subject_r = t_strdup_printf("Tổng hợp báo cáo Trưởng ban %s: %u nội "
				     "dung", in->period_label, in->count);
	str_append(text, "Kính gửi Trưởng Ban Chỉ đạo,\n\n");
	str_printfa(text, "Tổ giúp việc tổng hợp các nội dung cần Trưởng ban "
		    "xem xét, %s: %u nội dung", in->period_label, in->count);
	for (kind = 0; kind < DONDOC_HEAD_ITEM_KIND_COUNT; kind++) {
		if (counts[kind] > 0)
			str_printfa(text, "%s %u %s", section++ == 0 ? " (" :
				    ";", counts[kind],
				    head_mail_sections[kind]);
	}
	str_append(text, section > 0 ? ").\n" : ".\n");
	str_append(text, "Mỗi nội dung nêu một lần; thư gốc của văn bản được "
		   "đính kèm khi cho phép (không bao giờ với văn bản mật).\n");
	section = 0;
	for (kind = 0; kind < DONDOC_HEAD_ITEM_KIND_COUNT; kind++) {
		if (counts[kind] == 0)
			continue;
		str_printfa(text, "\n%s. %s\n\n", head_mail_roman[section++],
			    head_mail_sections[kind]);
		n = 0;
		for (i = 0; i < in->count; i++) {
			if (in->items[i].kind != kind)
				continue;
			if (listed == HEAD_MAIL_MAX_LISTED)
				break;
			head_mail_item(text, ++n, &in->items[i],
				       i < HEAD_MAIL_MAX_LISTED ?
				       in->note[i] : NULL);
			listed++;
		}
	}
	if (listed < in->count) {
		str_printfa(text, "\n... và %u nội dung khác (dondoc task "
			    "list).\n", in->count - listed);
	}
	str_append(text, "\nKhi trả lời về một nhiệm vụ, xin gửi tới địa chỉ "
		   "trả lời của nhiệm vụ đó để thư được ghi nhận đúng nhiệm "
		   "vụ.\n");
}
