/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The deadline and recurrence of one assigned piece of work, from the
   words as written: "hoàn thành trước ngày 30/6/2026", "thời gian hoàn
   thành: tháng 7/2026", "trong quý III/2026", "6 tháng đầu năm 2026",
   "trong năm 2026", "định kỳ hằng tháng báo cáo trước ngày 25", "trước
   ngày 15/12 hằng năm". A period's deadline is its last calendar day
   (the tracker moves it to a working day). Works on the folded view
   (dondoc-committee-private.h) and trusts nothing else of the text:
   every scan is linear and looks a bounded distance ahead. */

#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-committee-private.h"

struct deadline_expr {
	enum dondoc_deadline_kind kind;
	unsigned int year, month, day;
	/* the year was written (not the document's) */
	bool year_written;
	size_t end;
};

/* words that may stand before the deadline and end the work's words */
static const char *const deadline_leads[] = {
	"THOI GIAN HOAN THANH", "THOI HAN HOAN THANH", "THOI GIAN THUC HIEN",
	"THOI HAN", "THOI GIAN", "HOAN THANH", "XONG",
};
/* words that begin the deadline's own words */
static const char *const deadline_triggers[] = {
	"CHAM NHAT LA", "CHAM NHAT", "TRUOC", "TRONG", "DEN HET", "DEN",
	"HAN CHOT", "NGAY",
};

static const struct {
	const char *words;
	const char *recurrence;
} recurrences[] = {
	{ "DINH KY HANG THANG", "monthly" },
	{ "DINH KY HANG QUY", "quarterly" },
	{ "DINH KY HANG NAM", "yearly" },
	{ "DINH KY 6 THANG", "six-monthly" },
	{ "DINH KY SAU THANG", "six-monthly" },
	{ "DINH KY THANG", "monthly" },
	{ "DINH KY QUY", "quarterly" },
	{ "DINH KY NAM", "yearly" },
	{ "HANG 6 THANG", "six-monthly" },
	{ "6 THANG MOT LAN", "six-monthly" },
	{ "HANG THANG", "monthly" },
	{ "MOI THANG", "monthly" },
	{ "HANG QUY", "quarterly" },
	{ "MOI QUY", "quarterly" },
	{ "THEO QUY", "quarterly" },
	{ "HANG NAM", "yearly" },
	{ "MOI NAM", "yearly" },
};

static size_t skip(const struct cmt_fold *fv, size_t at)
{
	return cmt_fold_skip_spaces(fv, at);
}

static bool number_at(const struct cmt_fold *fv, size_t *at,
		      unsigned int max_digits, unsigned int *n_r)
{
	size_t i = *at;
	unsigned int n = 0;

	while (i < fv->flen && i_isdigit(fv->f[i]) && i - *at < max_digits)
		n = n * 10 + (fv->f[i++] - '0');
	if (i == *at || (i < fv->flen && i_isalnum(fv->f[i])))
		return FALSE;
	*at = i;
	*n_r = n;
	return TRUE;
}

static bool year_at(const struct cmt_fold *fv, size_t *at, unsigned int *y_r)
{
	size_t i = *at;

	if (!number_at(fv, &i, 4, y_r) || i - *at != 4 || *y_r < 1945 ||
	    *y_r > 2199)
		return FALSE;
	*at = i;
	return TRUE;
}

/* "/2026", " năm 2026", "-2026" after a month or quarter */
static bool year_after(const struct cmt_fold *fv, size_t *at,
		       unsigned int *y_r)
{
	size_t i = *at;

	if (i < fv->flen && (fv->f[i] == '/' || fv->f[i] == '-')) {
		i++;
		if (year_at(fv, &i, y_r)) {
			*at = i;
			return TRUE;
		}
		return FALSE;
	}
	i = skip(fv, i);
	if (cmt_fold_word_at(fv, i, "NAM")) {
		i = skip(fv, i + 3);
		if (year_at(fv, &i, y_r)) {
			*at = i;
			return TRUE;
		}
	}
	return FALSE;
}

static bool roman_quarter(const struct cmt_fold *fv, size_t *at,
			  unsigned int *q_r)
{
	static const char *const romans[] = { "IV", "III", "II", "I" };
	static const unsigned int values[] = { 4, 3, 2, 1 };
	unsigned int i, n;
	size_t k = *at;

	for (i = 0; i < N_ELEMENTS(romans); i++) {
		if (cmt_fold_word_at(fv, k, romans[i])) {
			*at = k + strlen(romans[i]);
			*q_r = values[i];
			return TRUE;
		}
	}
	if (number_at(fv, &k, 1, &n) && n >= 1 && n <= 4) {
		*at = k;
		*q_r = n;
		return TRUE;
	}
	return FALSE;
}

/* "30/6/2026", "30/6", "30-6-2026" at *at */
static bool numeric_day(const struct cmt_fold *fv, size_t at,
			struct deadline_expr *e)
{
	size_t i = at;

	if (!number_at(fv, &i, 2, &e->day) || e->day < 1 || e->day > 31)
		return FALSE;
	if (i < fv->flen && (fv->f[i] == '/' || fv->f[i] == '-' ||
			     fv->f[i] == '.') && i + 1 < fv->flen &&
	    i_isdigit(fv->f[i+1])) {
		i++;
		if (!number_at(fv, &i, 2, &e->month) || e->month < 1 ||
		    e->month > 12)
			return FALSE;
		if (i + 1 < fv->flen && (fv->f[i] == '/' || fv->f[i] == '-' ||
					 fv->f[i] == '.') &&
		    i_isdigit(fv->f[i+1])) {
			i++;
			if (!year_at(fv, &i, &e->year))
				return FALSE;
			e->year_written = TRUE;
		}
	} else {
		/* "ngày 15 tháng 12 năm 2026", "ngày 25" */
		size_t k = skip(fv, i);

		if (cmt_fold_word_at(fv, k, "THANG")) {
			k = skip(fv, k + 5);
			if (number_at(fv, &k, 2, &e->month) && e->month >= 1 &&
			    e->month <= 12) {
				i = k;
				if (year_after(fv, &k, &e->year)) {
					e->year_written = TRUE;
					i = k;
				}
			}
		}
	}
	e->kind = DONDOC_DEADLINE_DAY;
	e->end = i;
	return TRUE;
}

/* A deadline expression at folded offset at. */
static bool expr_at(const struct cmt_fold *fv, size_t at,
		    struct deadline_expr *e)
{
	size_t i = skip(fv, at);
	unsigned int n;

	i_zero(e);
	if (cmt_fold_word_at(fv, i, "CUOI"))
		i = skip(fv, i + 4);
	if (cmt_fold_word_at(fv, i, "NGAY"))
		return numeric_day(fv, skip(fv, i + 4), e);
	if (i < fv->flen && i_isdigit(fv->f[i])) {
		size_t k = i;

		/* "6 tháng đầu năm 2026", "6 tháng cuối năm" */
		if (number_at(fv, &k, 1, &n) && n == 6 &&
		    cmt_fold_word_at(fv, skip(fv, k), "THANG")) {
			k = skip(fv, skip(fv, k) + 5);
			if (cmt_fold_word_at(fv, k, "DAU NAM") ||
			    cmt_fold_word_at(fv, k, "CUOI NAM")) {
				e->kind = DONDOC_DEADLINE_HALF_END;
				e->month = fv->f[k] == 'D' ? 6 : 12;
				k += fv->f[k] == 'D' ? 7 : 8;
				e->end = k;
				k = skip(fv, k);
				if (year_at(fv, &k, &e->year)) {
					e->year_written = TRUE;
					e->end = k;
				}
				return TRUE;
			}
			return FALSE;
		}
		if (!numeric_day(fv, i, e) || e->month == 0)
			return FALSE;
		return TRUE;
	}
	if (cmt_fold_word_at(fv, i, "THANG")) {
		size_t k = skip(fv, i + 5);

		if (!number_at(fv, &k, 2, &e->month) || e->month < 1 ||
		    e->month > 12)
			return FALSE;
		e->kind = DONDOC_DEADLINE_MONTH_END;
		e->year_written = year_after(fv, &k, &e->year);
		e->end = k;
		return TRUE;
	}
	if (cmt_fold_word_at(fv, i, "QUY")) {
		size_t k = skip(fv, i + 3);

		if (!roman_quarter(fv, &k, &n))
			return FALSE;
		e->kind = DONDOC_DEADLINE_QUARTER_END;
		e->month = n * 3;
		e->year_written = year_after(fv, &k, &e->year);
		e->end = k;
		return TRUE;
	}
	if (cmt_fold_word_at(fv, i, "NAM")) {
		size_t k = skip(fv, i + 3);

		if (!year_at(fv, &k, &e->year))
			return FALSE;
		e->kind = DONDOC_DEADLINE_YEAR_END;
		e->month = 12;
		e->year_written = TRUE;
		e->end = k;
		return TRUE;
	}
	return FALSE;
}

static bool leap(unsigned int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int month_days(unsigned int y, unsigned int m)
{
	static const unsigned int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* The expression's date: the day, or the period's last day. */
static const char *expr_date(const struct deadline_expr *e)
{
	unsigned int d = e->day;

	if (e->year == 0 || e->month == 0)
		return NULL;
	if (e->kind != DONDOC_DEADLINE_DAY)
		d = month_days(e->year, e->month);
	else if (d > month_days(e->year, e->month))
		return NULL;
	return t_strdup_printf("%04u-%02u-%02u", e->year, e->month, d);
}

static bool match_any(const struct cmt_fold *fv, size_t at,
		      const char *const *words, unsigned int count,
		      size_t *end_r)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (cmt_fold_word_at(fv, at, words[i])) {
			*end_r = at + strlen(words[i]);
			return TRUE;
		}
	}
	return FALSE;
}

static void find_recurrence(const struct cmt_fold *fv,
			    struct cmt_deadline *dl)
{
	size_t i;
	unsigned int k;

	for (i = 0; i < fv->flen; i++) {
		if (i > 0 && i_isalnum(fv->f[i-1]))
			continue;
		for (k = 0; k < N_ELEMENTS(recurrences); k++) {
			if (cmt_fold_word_at(fv, i, recurrences[k].words)) {
				dl->recurrence = recurrences[k].recurrence;
				dl->rec_at = i;
				dl->rec_end = i + strlen(recurrences[k].words);
				return;
			}
		}
	}
}

/* "16 giờ 30 (phút)", "16h30", "16:30" between the trigger and the day
   ("trước 16 giờ 30 ngày 25/5/2023"): the hour is part of the deadline's
   words (the tracker counts days). The offset of "ngày", or q. */
static size_t skip_hour(const struct cmt_fold *fv, size_t q)
{
	size_t i = q, n;

	for (n = 0; i < fv->flen && i_isdigit(fv->f[i]) && n < 3; i++, n++) ;
	if (n == 0 || n > 2 || i >= fv->flen)
		return q;
	if (cmt_fold_word_at(fv, skip(fv, i), "GIO"))
		i = skip(fv, i) + 3;
	else if (fv->f[i] == 'H' || fv->f[i] == 'G' || fv->f[i] == ':')
		i++;
	else
		return q;
	i = skip(fv, i);
	for (n = 0; i < fv->flen && i_isdigit(fv->f[i]) && n < 3; i++, n++) ;
	if (n > 2)
		return q;
	if (n > 0 && cmt_fold_word_at(fv, skip(fv, i), "PHUT"))
		i = skip(fv, i) + 4;
	if (i < fv->flen && fv->f[i] == ',')
		i++;
	i = skip(fv, i);
	return cmt_fold_word_at(fv, i, "NGAY") ? i : q;
}

/* The first deadline: [lead] [trigger] expression, or an expression
   alone at the start of a table cell. */
static bool find_deadline(const struct cmt_fold *fv, bool whole,
			  bool recurring, struct cmt_deadline *dl,
			  struct deadline_expr *e_r)
{
	size_t p, q, t, lead_end, trig_end;
	bool lead;

	for (p = skip(fv, 0); p < fv->flen; p++) {
		if (p > 0 && i_isalnum(fv->f[p-1]))
			continue;
		q = p;
		lead = match_any(fv, q, deadline_leads,
				 N_ELEMENTS(deadline_leads), &lead_end);
		if (lead) {
			q = skip(fv, lead_end);
			if (q < fv->flen && fv->f[q] == ':')
				q = skip(fv, q + 1);
		}
		t = q;
		if (match_any(fv, q, deadline_triggers,
			      N_ELEMENTS(deadline_triggers), &trig_end)) {
			if (strncmp(fv->f + q, "NGAY", 4) != 0)
				q = skip_hour(fv, skip(fv, trig_end));
			if (q < fv->flen && fv->f[q] == ':')
				q = skip(fv, q + 1);
		} else if (!lead && !(whole && p == skip(fv, 0))) {
			continue;
		}
		if (!expr_at(fv, q, e_r))
			continue;
		/* "trước ngày 25" is a deadline only of recurring work; a
		   day without its month otherwise none */
		if (e_r->kind == DONDOC_DEADLINE_DAY && e_r->month == 0 &&
		    !recurring)
			continue;
		dl->cut_at = lead ? p : t;
		dl->text_at = t;
		dl->text_end = e_r->end;
		return TRUE;
	}
	return FALSE;
}

bool cmt_parse_deadline(const struct cmt_fold *fv, bool whole,
			unsigned int year, struct cmt_deadline *dl_r)
{
	struct deadline_expr e;
	size_t at;

	i_zero(dl_r);
	dl_r->cut_at = dl_r->text_at = dl_r->text_end = fv->flen;
	find_recurrence(fv, dl_r);
	if (!find_deadline(fv, whole, dl_r->recurrence != NULL, dl_r, &e)) {
		if (whole && (at = cmt_fold_find(fv, 0, "THUONG XUYEN")) !=
		    (size_t)-1) {
			dl_r->cut_at = dl_r->text_at = at;
			dl_r->text_end = at + 12;
			return TRUE;
		}
		return dl_r->recurrence != NULL;
	}
	if (dl_r->recurrence != NULL) {
		/* the day of each period; a date only when written whole */
		if (e.kind == DONDOC_DEADLINE_DAY) {
			dl_r->rec_day = e.day;
			if (strcmp(dl_r->recurrence, "yearly") == 0)
				dl_r->rec_month = e.month;
		}
		if (!e.year_written)
			return TRUE;
	} else if (!e.year_written) {
		e.year = year;
	}
	dl_r->date = expr_date(&e);
	dl_r->kind = dl_r->date != NULL ? e.kind : DONDOC_DEADLINE_NONE;
	return TRUE;
}
