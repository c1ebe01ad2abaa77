/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The meeting an invitation (Giấy mời), a meeting notice (Thông báo
   triệu tập) or a công văn mời họp calls: its date, time, place, chair,
   agenda and participants. Read from labelled lines ("Thời gian: 14 giờ
   00 phút, ngày 15/6/2026", "Địa điểm:", "Chủ trì:", "Thành phần:",
   "Nội dung:"; the value on the label's line, in the next table cell or
   on the lines below it, wrapped lines joined), and from the sentence
   forms ("... vào lúc 8h00, thứ Năm, ngày 18 tháng 6 năm 2026, tại Hội
   trường ..., do đồng chí ... chủ trì"). Trusts the text to be NFC UTF-8
   (the analysis makes it so) and nothing else; every value bounded. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-committee-private.h"

enum meeting_field {
	MF_TIME, MF_PLACE, MF_CHAIR, MF_AGENDA, MF_PARTICIPANTS,
	MF_TIME_PLACE, MF_DATE,
};

struct meeting_label {
	const char *folded;
	enum meeting_field field;
};

/* longer labels first where one begins another */
static const struct meeting_label meeting_labels[] = {
	{ "THOI GIAN, DIA DIEM", MF_TIME_PLACE },
	{ "THOI GIAN VA DIA DIEM", MF_TIME_PLACE },
	{ "THOI GIAN HOP", MF_TIME },
	{ "THOI GIAN TO CHUC", MF_TIME },
	{ "THOI GIAN BAT DAU", MF_TIME },
	{ "THOI GIAN", MF_TIME },
	{ "NGAY HOP", MF_DATE },
	{ "DIA DIEM HOP", MF_PLACE },
	{ "DIA DIEM TO CHUC", MF_PLACE },
	{ "DIA DIEM", MF_PLACE },
	{ "NGUOI CHU TRI", MF_CHAIR },
	{ "CHU TRI CUOC HOP", MF_CHAIR },
	{ "CHU TRI HOI NGHI", MF_CHAIR },
	{ "CHU TRI HOP", MF_CHAIR },
	{ "CHU TRI", MF_CHAIR },
	{ "NOI DUNG CUOC HOP", MF_AGENDA },
	{ "NOI DUNG HOI NGHI", MF_AGENDA },
	{ "NOI DUNG HOP", MF_AGENDA },
	{ "NOI DUNG LAM VIEC", MF_AGENDA },
	{ "NOI DUNG", MF_AGENDA },
	{ "CHUONG TRINH HOP", MF_AGENDA },
	{ "CHUONG TRINH", MF_AGENDA },
	{ "THANH PHAN THAM DU", MF_PARTICIPANTS },
	{ "THANH PHAN DU HOP", MF_PARTICIPANTS },
	{ "THANH PHAN MOI", MF_PARTICIPANTS },
	{ "THANH PHAN THAM GIA", MF_PARTICIPANTS },
	{ "THANH PHAN", MF_PARTICIPANTS },
	{ "TRAN TRONG KINH MOI", MF_PARTICIPANTS },
	{ "KINH MOI", MF_PARTICIPANTS },
};

struct meeting_ctx {
	struct doc_parse *dp;
	struct dondoc_meeting_info *m;
	unsigned int year;
};

/* The type line above the summary: 1 "THÔNG BÁO TRIỆU TẬP", -1
   "THÔNG BÁO KẾT LUẬN", 0 neither. */
static int meeting_type_line(const struct doc_parse *dp)
{
	unsigned int i;

	for (i = dp->number_idx + 1; i < dp->body_idx && i < dp->end &&
		     i <= dp->number_idx + DOC_TYPE_LINE_WINDOW; i++) {
		const char *f = doc_line_folded(&dp->lines[i]);

		if (str_begins_with(f, "THONG BAO TRIEU TAP") ||
		    str_begins_with(f, "GIAY MOI HOP"))
			return 1;
		if (str_begins_with(f, "THONG BAO KET LUAN"))
			return -1;
	}
	return 0;
}

/* Whether the document calls a meeting: an invitation, or a notice or
   công văn whose title says so (not the conclusions of one). */
static bool meeting_document(const struct doc_parse *dp)
{
	const struct dondoc_document *doc = dp->doc;
	static const char *const words[] = {
		"TRIEU TAP", "MOI HOP", "MOI DU", "TO CHUC HOP",
		"TO CHUC HOI NGHI", "HOP BAN CHI DAO", "HOP THANH VIEN",
		"LICH HOP", "CUOC HOP", "PHIEN HOP",
	};
	const char *f = doc->folded_summary;
	unsigned int i;

	if (strcmp(doc->type, "GM") == 0)
		return TRUE;
	if (strcmp(doc->type, "TB") != 0 && strcmp(doc->type, "CV") != 0)
		return FALSE;
	switch (meeting_type_line(dp)) {
	case 1:
		return TRUE;
	case -1:
		return FALSE;
	}
	if (f == NULL || strstr(f, "KET LUAN") != NULL ||
	    strstr(f, "Y KIEN CHI DAO") != NULL)
		return FALSE;
	for (i = 0; i < N_ELEMENTS(words); i++) {
		if (strstr(f, words[i]) != NULL)
			return TRUE;
	}
	return FALSE;
}

/* The label at the line's start (after a list mark): its field, and
   where its value begins in the line (after ':' or a tab). */
static bool meeting_label(const struct doc_line *line,
			  enum meeting_field *field_r, size_t *value_r,
			  bool *numbered_r)
{
	struct cmt_fold fv;
	size_t b, at;
	unsigned int i;

	b = cmt_bullet_len(line->s, line->len, numbered_r);
	if (line->len - b < 4)
		return FALSE;
	cmt_fold_init(&fv, line->s + b, I_MIN(line->len - b, 60));
	for (i = 0; i < N_ELEMENTS(meeting_labels); i++) {
		if (!cmt_fold_word_at(&fv, 0, meeting_labels[i].folded))
			continue;
		at = cmt_fold_skip_spaces(&fv, strlen(meeting_labels[i].folded));
		if (at < fv.flen && fv.f[at] != ':' && fv.f[at] != '\t')
			continue;
		*field_r = meeting_labels[i].field;
		*value_r = b + (at < fv.flen ? fv.map[at] + 1 : fv.len);
		return TRUE;
	}
	return FALSE;
}

static bool line_ends_value(const struct doc_line *line, bool numbered)
{
	enum meeting_field field;
	size_t value;
	bool num;

	if (line->len == 0)
		return TRUE;
	if (meeting_label(line, &field, &value, &num))
		return TRUE;
	if (cmt_line_is_closing(doc_line_folded(line)))
		return TRUE;
	(void)cmt_bullet_len(line->s, line->len, &num);
	return numbered && num;
}

/* "14 giờ 00 phút, ngày 15/6/2026 (thứ Hai)": the time and date in a
   value or sentence, where not yet known. */
static void meeting_when(struct meeting_ctx *ctx, const char *s, size_t len)
{
	struct cmt_fold fv;
	unsigned int h, m;
	size_t at, end;
	const char *date;

	cmt_fold_init(&fv, s, len);
	if (ctx->m->time == NULL &&
	    cmt_parse_time(&fv, 0, fv.flen, &h, &m, &at, &end))
		ctx->m->time = p_strdup_printf(ctx->dp->pool, "%02u:%02u", h, m);
	if (ctx->m->date == NULL &&
	    (date = cmt_parse_date(s, len, ctx->year)) != NULL)
		ctx->m->date = p_strdup(ctx->dp->pool, date);
}

/* The words after " tại " up to the end of its clause: the place of a
   "Thời gian, địa điểm:" value or a sentence. */
static const char *meeting_place_after_tai(struct meeting_ctx *ctx,
					   const char *s, size_t len)
{
	struct cmt_fold fv;
	size_t at, start, end, stop;

	cmt_fold_init(&fv, s, len);
	at = cmt_fold_find(&fv, 0, "TAI");
	if (at == (size_t)-1)
		return NULL;
	start = fv.map[cmt_fold_skip_spaces(&fv, at + 3)];
	for (end = at + 3; end < fv.flen; end++) {
		if (fv.f[end] == '.' && (end + 1 == fv.flen ||
					 fv.f[end+1] == ' '))
			break;
		if (fv.f[end] == ';' || fv.f[end] == '(')
			break;
		if (fv.f[end] == ',' &&
		    ((stop = cmt_fold_skip_spaces(&fv, end + 1)),
		     cmt_fold_word_at(&fv, stop, "DO") ||
		     cmt_fold_word_at(&fv, stop, "CHU TRI") ||
		     cmt_fold_word_at(&fv, stop, "THANH PHAN") ||
		     cmt_fold_word_at(&fv, stop, "NOI DUNG") ||
		     cmt_fold_word_at(&fv, stop, "VAO")))
			break;
	}
	if (fv.map[end] <= start)
		return NULL;
	return cmt_field_value(ctx->dp, s + start, fv.map[end] - start);
}

/* "do đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh chủ trì" */
static const char *meeting_chair_sentence(struct meeting_ctx *ctx,
					  const char *s, size_t len)
{
	struct cmt_fold fv;
	size_t at, end, start;

	cmt_fold_init(&fv, s, len);
	end = cmt_fold_find(&fv, 0, "CHU TRI");
	if (end == (size_t)-1)
		return NULL;
	at = (size_t)-1;
	for (start = 0; start < end; ) {
		size_t d = cmt_fold_find(&fv, start, "DO");

		if (d == (size_t)-1 || d >= end)
			break;
		at = d;
		start = d + 2;
	}
	if (at == (size_t)-1)
		return NULL;
	start = fv.map[cmt_fold_skip_spaces(&fv, at + 2)];
	if (fv.map[end] <= start || fv.map[end] - start > 400)
		return NULL;
	return cmt_field_value(ctx->dp, s + start, fv.map[end] - start);
}

static void meeting_set(struct meeting_ctx *ctx, enum meeting_field field,
			struct cmt_field *value)
{
	struct dondoc_meeting_info *m = ctx->m;
	const char *v, **dest = NULL;

	switch (field) {
	case MF_TIME:
	case MF_DATE:
		meeting_when(ctx, str_c(value->str), str_len(value->str));
		return;
	case MF_TIME_PLACE:
		meeting_when(ctx, str_c(value->str), str_len(value->str));
		if (m->place == NULL)
			m->place = meeting_place_after_tai(ctx,
				str_c(value->str), str_len(value->str));
		return;
	case MF_PLACE:
		dest = &m->place;
		break;
	case MF_CHAIR:
		dest = &m->chair;
		break;
	case MF_AGENDA:
		dest = &m->agenda;
		break;
	case MF_PARTICIPANTS:
		dest = &m->participants;
		break;
	}
	if (*dest != NULL)
		return;
	v = cmt_field_finish(ctx->dp, value);
	*dest = v;
}

/* The sentence form: a line that says when ("vào lúc", "vào hồi") with
   the line after it (wrapped text). */
static void meeting_sentence(struct meeting_ctx *ctx, unsigned int i)
{
	const struct doc_parse *dp = ctx->dp;
	const char *f = doc_line_folded(&dp->lines[i]);
	struct cmt_field text;
	unsigned int k;

	if (strstr(f, "VAO LUC") == NULL && strstr(f, "VAO HOI") == NULL &&
	    strstr(f, " LUC ") == NULL && !str_begins_with(f, "LUC ") &&
	    strstr(f, "HOP VAO") == NULL)
		return;
	cmt_field_init(&text);
	for (k = i; k < dp->end && k < i + 3 && dp->lines[k].len > 0; k++) {
		if (k > i && cmt_line_is_closing(doc_line_folded(&dp->lines[k])))
			break;
		cmt_field_append(&text, dp->lines[k].s, dp->lines[k].len);
	}
	meeting_when(ctx, str_c(text.str), str_len(text.str));
	if (ctx->m->place == NULL)
		ctx->m->place = meeting_place_after_tai(ctx,
			str_c(text.str), str_len(text.str));
	if (ctx->m->chair == NULL)
		ctx->m->chair = meeting_chair_sentence(ctx,
			str_c(text.str), str_len(text.str));
}

static bool meeting_quote_starts(const struct doc_parse *dp, unsigned int i)
{
	const struct doc_line *next = i + 1 < dp->end ? &dp->lines[i+1] : NULL;

	return cmt_line_starts_quote(dp->lines[i].s, dp->lines[i].len,
				     next == NULL ? NULL : next->s,
				     next == NULL ? 0 : next->len);
}

void doc_parse_meeting(struct doc_parse *dp)
{
	struct meeting_ctx ctx = { .dp = dp };
	struct dondoc_meeting_info m;
	unsigned int i, k, first;

	if (!meeting_document(dp))
		return;
	i_zero(&m);
	ctx.m = &m;
	ctx.year = cmt_doc_year(dp->doc);
	first = dp->body_idx > dp->number_idx ? dp->body_idx :
		dp->number_idx + 1;
	cmt_fold_lines(dp, first);
	for (i = first; i < dp->end; i++) T_BEGIN {
		const struct doc_line *line = &dp->lines[i];
		enum meeting_field field;
		struct cmt_field value;
		size_t v;
		bool numbered;

		if (line->len == 0) {
			/* nothing */
		} else if (meeting_quote_starts(dp, i)) {
			/* a quoted earlier mail below the notice: its
			   attribution ("Vào lúc 16:42 ngày 9/6/2026, ... đã
			   viết:") and words are not the meeting's */
			i = dp->end;
		} else if (!meeting_label(line, &field, &v, &numbered)) {
			if (m.date == NULL || m.time == NULL)
				meeting_sentence(&ctx, i);
		} else {
			cmt_field_init(&value);
			cmt_field_append(&value, line->s + v, line->len - v);
			for (k = i + 1; k < dp->end && k <= i + CMT_MAX_LINES;
			     k++) {
				if (line_ends_value(&dp->lines[k], numbered))
					break;
				cmt_field_append(&value, dp->lines[k].s,
						 dp->lines[k].len);
			}
			meeting_set(&ctx, field, &value);
			i = k - 1;
		}
	} T_END;
	if (m.date == NULL && m.time == NULL)
		return;
	dp->doc->meeting = p_new(dp->pool, struct dondoc_meeting_info, 1);
	*(struct dondoc_meeting_info *)dp->doc->meeting = m;
}
