/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Who attended a meeting according to its minutes (Biên bản): present
   ("Thành phần tham dự:", "Có mặt:"), absent ("Vắng mặt:", "vắng có lý
   do"), and who attended for whom ("ông X, Phó Giám đốc, dự thay Giám
   đốc Sở Y tế", "Sở Tài chính cử bà Y dự thay", "được Giám đốc Sở Nội vụ
   ủy quyền", "Giám đốc Sở X ủy quyền ông Z dự họp"). Each list item or
   ';'-separated part is one entry, as written; at most
   DONDOC_MAX_ATTENDEES entries in each list (then committee_cut).
   Trusts the text to be NFC UTF-8 (the analysis makes it so) and
   nothing else. */

#include "lib.h"
#include "dondoc-compat.h"
#include "array.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-committee-private.h"

enum att_list { ATT_NONE, ATT_PRESENT, ATT_ABSENT };

static const struct {
	const char *folded;
	enum att_list list;
} att_labels[] = {
	{ "THANH PHAN THAM DU", ATT_PRESENT },
	{ "THANH PHAN DU HOP", ATT_PRESENT },
	{ "THANH PHAN THAM GIA", ATT_PRESENT },
	{ "THANH PHAN", ATT_PRESENT },
	{ "DAI BIEU THAM DU", ATT_PRESENT },
	{ "CO MAT", ATT_PRESENT },
	{ "THAM DU", ATT_PRESENT },
	{ "VANG MAT CO LY DO", ATT_ABSENT },
	{ "VANG CO LY DO", ATT_ABSENT },
	{ "VANG MAT", ATT_ABSENT },
	{ "KHONG THAM DU", ATT_ABSENT },
	{ "VANG", ATT_ABSENT },
	/* labels that end a list */
	{ "CHU TRI", ATT_NONE },
	{ "THU KY", ATT_NONE },
	{ "THOI GIAN", ATT_NONE },
	{ "DIA DIEM", ATT_NONE },
	{ "NOI DUNG", ATT_NONE },
	{ "KET LUAN", ATT_NONE },
	{ "DIEN BIEN", ATT_NONE },
	{ "Y KIEN", ATT_NONE },
	{ "CHUONG TRINH", ATT_NONE },
};

struct att_ctx {
	struct doc_parse *dp;
	struct dondoc_attendance *att;
};

/* The label at the line's start: its list, and where its value begins. */
static bool att_label(const struct doc_line *line, enum att_list *list_r,
		      size_t *value_r)
{
	struct cmt_fold fv;
	size_t b, at;
	unsigned int i;
	bool numbered;

	b = cmt_bullet_len(line->s, line->len, &numbered);
	if (line->len - b < 4)
		return FALSE;
	cmt_fold_init(&fv, line->s + b, I_MIN(line->len - b, 60));
	for (i = 0; i < N_ELEMENTS(att_labels); i++) {
		if (!cmt_fold_word_at(&fv, 0, att_labels[i].folded))
			continue;
		at = cmt_fold_skip_spaces(&fv, strlen(att_labels[i].folded));
		if (at < fv.flen && fv.f[at] != ':')
			continue;
		*list_r = att_labels[i].list;
		*value_r = b + (at < fv.flen ? fv.map[at] + 1 : fv.len);
		return TRUE;
	}
	return FALSE;
}

static const char *span(struct att_ctx *ctx, const struct cmt_fold *fv,
			size_t from, size_t to)
{
	if (to > fv->flen)
		to = fv->flen;
	if (from >= to)
		return NULL;
	return cmt_field_value(ctx->dp, fv->s + fv->map[from],
			       fv->map[to] - fv->map[from]);
}

static void att_delegation(struct att_ctx *ctx, const char *member,
			   const char *delegate)
{
	struct dondoc_delegation *d;

	if (member == NULL && delegate == NULL)
		return;
	if (array_count(&ctx->att->delegated) >= DONDOC_MAX_ATTENDEES) {
		ctx->dp->doc->committee_cut = TRUE;
		return;
	}
	d = array_append_space(&ctx->att->delegated);
	d->member = member;
	d->delegate = delegate;
}

/* The end of the words "dự thay", "dự họp", "tham dự" at or after at. */
static size_t attend_words(const struct cmt_fold *fv, size_t at,
			   size_t *end_r)
{
	static const char *const words[] = {
		"DU THAY", "DU HOP", "THAM DU", "DU HOI NGHI",
	};
	size_t best = (size_t)-1, k;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(words); i++) {
		k = cmt_fold_find(fv, at, words[i]);
		if (k < best) {
			best = k;
			*end_r = k + strlen(words[i]);
		}
	}
	return best;
}

/* Who attends for whom in one entry, if it says. */
static void att_find_delegation(struct att_ctx *ctx, const char *s,
				size_t len)
{
	struct cmt_fold fv;
	size_t dt, u, c, k, e, end;

	cmt_fold_init(&fv, s, len);
	dt = cmt_fold_find(&fv, 0, "DU THAY");
	u = cmt_fold_find(&fv, 0, "UY QUYEN");
	c = cmt_fold_find(&fv, 0, "CU");
	if (dt != (size_t)-1 && (c == (size_t)-1 || c > dt) &&
	    (u == (size_t)-1 || u > dt)) {
		/* "X, Phó Giám đốc, dự thay Giám đốc Sở Y tế" */
		e = cmt_fold_skip_spaces(&fv, dt + 7);
		if (cmt_fold_word_at(&fv, e, "CHO"))
			e += 3;
		att_delegation(ctx, span(ctx, &fv, e, fv.flen),
			       span(ctx, &fv, 0, dt));
		return;
	}
	if (u != (size_t)-1) {
		k = cmt_fold_find(&fv, 0, "DUOC");
		if (k != (size_t)-1 && k < u) {
			/* "X, được Giám đốc Sở Nội vụ ủy quyền dự họp" */
			att_delegation(ctx, span(ctx, &fv, k + 4, u),
				       span(ctx, &fv, 0, k));
			return;
		}
		/* "Giám đốc Sở X ủy quyền (cho) ông Z dự họp" */
		k = cmt_fold_skip_spaces(&fv, u + 8);
		if (cmt_fold_word_at(&fv, k, "CHO"))
			k += 3;
		e = attend_words(&fv, k, &end);
		att_delegation(ctx, span(ctx, &fv, 0, u),
			       span(ctx, &fv, k, e == (size_t)-1 ? fv.flen : e));
		return;
	}
	/* "Sở Tài chính cử bà Y, Trưởng phòng dự thay" */
	if (c != (size_t)-1 && c > 0 &&
	    (e = attend_words(&fv, c, &end)) != (size_t)-1)
		att_delegation(ctx, span(ctx, &fv, 0, c),
			       span(ctx, &fv, c + 2, e));
}

static void att_entry(struct att_ctx *ctx, enum att_list list,
		      const char *s, size_t len)
{
	ARRAY_TYPE(const_string) *dest;
	const char *value, *f;

	dondoc_text_trim(&s, &len);
	if (len == 0 || list == ATT_NONE)
		return;
	value = cmt_field_value(ctx->dp, s, len);
	if (value == NULL)
		return;
	f = doc_fold_n(s, I_MIN(len, DONDOC_MAX_FIELD_BYTES));
	/* "Đồng chí X (vắng có lý do)" in the list of those invited */
	if (list == ATT_PRESENT && (str_begins_with(f, "VANG ") ||
				    strstr(f, " VANG ") != NULL ||
				    strstr(f, "(VANG") != NULL))
		list = ATT_ABSENT;
	dest = list == ATT_PRESENT ? &ctx->att->present : &ctx->att->absent;
	if (array_count(dest) >= DONDOC_MAX_ATTENDEES) {
		ctx->dp->doc->committee_cut = TRUE;
		return;
	}
	array_push_back(dest, &value);
	att_find_delegation(ctx, s, I_MIN(len, CMT_MAX_TEXT));
}

/* A value: its ';'-separated parts. */
static void att_entries(struct att_ctx *ctx, enum att_list list,
			const char *s, size_t len)
{
	const char *p;

	while (len > 0 && (p = memchr(s, ';', len)) != NULL) {
		att_entry(ctx, list, s, p - s);
		len -= p - s + 1;
		s = p + 1;
	}
	att_entry(ctx, list, s, len);
}

/* The entries of a list: the label's value, then the lines below it,
   one entry an item (a dash item with its wrapped lines, or a line that
   ends with ';' or '.'). Returns the last line read. */
static unsigned int att_list_lines(struct att_ctx *ctx, enum att_list list,
				   unsigned int i, size_t v)
{
	const struct doc_parse *dp = ctx->dp;
	const struct doc_line *line = &dp->lines[i];
	/* never grown: lines are added while they fit */
	string_t *item = t_str_new(CMT_MAX_TEXT + 2);
	enum att_list l2;
	size_t v2, b;
	bool numbered;

	att_entries(ctx, list, line->s + v, line->len - v);
	for (; i + 1 < dp->end; i++) {
		const struct doc_line *l = &dp->lines[i+1];

		if (l->len == 0 || att_label(l, &l2, &v2) ||
		    cmt_line_is_closing(doc_line_folded(l)))
			break;
		b = cmt_bullet_len(l->s, l->len, &numbered);
		if (numbered && !(l->len > 1 && l->s[1] == ')'))
			break;
		T_BEGIN {
			if (b > 0 && str_len(item) > 0) {
				att_entries(ctx, list, str_c(item),
					    str_len(item));
				str_truncate(item, 0);
			}
			if (str_len(item) + 1 + l->len - b <= CMT_MAX_TEXT) {
				if (str_len(item) > 0)
					str_append_c(item, ' ');
				str_append_data(item, l->s + b, l->len - b);
			} else {
				dp->doc->committee_field_cut = TRUE;
			}
			if (strchr(";.", l->s[l->len-1]) != NULL) {
				att_entries(ctx, list, str_c(item),
					    str_len(item));
				str_truncate(item, 0);
			}
		} T_END;
	}
	att_entries(ctx, list, str_c(item), str_len(item));
	return i;
}

void doc_parse_attendance(struct doc_parse *dp)
{
	struct att_ctx ctx = { .dp = dp };
	struct dondoc_attendance *att;
	unsigned int i, first;

	if (strcmp(dp->doc->type, "BB") != 0)
		return;
	att = p_new(dp->pool, struct dondoc_attendance, 1);
	p_array_init(&att->present, dp->pool, 8);
	p_array_init(&att->absent, dp->pool, 2);
	p_array_init(&att->delegated, dp->pool, 2);
	ctx.att = att;
	first = dp->body_idx > dp->number_idx ? dp->body_idx :
		dp->number_idx + 1;
	cmt_fold_lines(dp, first);
	for (i = first; i < dp->end; i++) T_BEGIN {
		enum att_list list;
		size_t v;

		if (dp->lines[i].len > 0 && att_label(&dp->lines[i], &list, &v) &&
		    list != ATT_NONE)
			i = att_list_lines(&ctx, list, i, v);
	} T_END;
	if (array_count(&att->present) + array_count(&att->absent) +
	    array_count(&att->delegated) > 0)
		dp->doc->attendance = att;
}
