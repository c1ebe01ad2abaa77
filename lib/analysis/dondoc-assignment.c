/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The work a conclusion notice, plan, minutes or công văn assigns: who
   is in charge, who cooperates, what, by when and how often. The forms
   read: "Giao Sở Y tế chủ trì, phối hợp với ... xây dựng ..., hoàn thành
   trước ngày 30/6/2026" (also "Đề nghị", "Yêu cầu", and several in one
   paragraph); "Công an tỉnh: ...; thời gian hoàn thành: tháng 7/2026";
   a paragraph headed by the agency ("1. Sở Tài chính:") with its dash
   items; tables (Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
   hoàn thành) as the html and office converters write them, a row a
   line. Agencies stay as written, a list of them ("Sở Y tế, Sở Tài
   chính") gives one assignment each; an assignment whose agency is not
   written is kept with none. At most DONDOC_MAX_ASSIGNMENTS per document
   (then committee_cut), each field bounded. Trusts the text to be NFC
   UTF-8 (the analysis makes it so) and nothing else. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-committee-private.h"

#define ASG_MAX_COLS 16

enum asg_col {
	COL_SKIP, COL_WHAT, COL_AGENCY, COL_COOP, COL_DEADLINE,
};

struct asg_ctx {
	struct doc_parse *dp;
	unsigned int year;
};

struct asg_cell {
	const char *s;
	size_t len;
};

const char *dondoc_deadline_kind_name(enum dondoc_deadline_kind kind)
{
	switch (kind) {
	case DONDOC_DEADLINE_NONE:
		return NULL;
	case DONDOC_DEADLINE_DAY:
		return "day";
	case DONDOC_DEADLINE_MONTH_END:
		return "month";
	case DONDOC_DEADLINE_QUARTER_END:
		return "quarter";
	case DONDOC_DEADLINE_HALF_END:
		return "half-year";
	case DONDOC_DEADLINE_YEAR_END:
		return "year";
	}
	i_unreached();
}

static const char *fold_value(struct asg_ctx *ctx, const struct cmt_fold *fv,
			      size_t from, size_t to)
{
	if (to > fv->flen)
		to = fv->flen;
	if (from >= to)
		return NULL;
	return cmt_field_value(ctx->dp, fv->s + fv->map[from],
			       fv->map[to] - fv->map[from]);
}

static size_t skip_marks(const struct cmt_fold *fv, size_t at)
{
	while (at < fv->flen && strchr(" \t,;:.-", fv->f[at]) != NULL)
		at++;
	return at;
}

static void asg_push(struct asg_ctx *ctx, const char *agency,
		     const char *coop, const char *what,
		     const struct cmt_deadline *dl, const char *dl_text)
{
	struct dondoc_document *doc = ctx->dp->doc;
	struct dondoc_assignment *a;

	if (array_count(&doc->assignments) >= DONDOC_MAX_ASSIGNMENTS) {
		doc->committee_cut = TRUE;
		return;
	}
	a = array_append_space(&doc->assignments);
	a->agency = agency;
	a->agency_group = agency == NULL ? NULL : cmt_agency_group(agency);
	a->cooperating = coop;
	a->what = what;
	a->deadline = dl->date == NULL ? NULL :
		p_strdup(ctx->dp->pool, dl->date);
	a->deadline_kind = dl->kind;
	a->deadline_text = dl_text;
	a->recurrence = dl->recurrence;
	a->recurrence_day = dl->rec_day;
	a->recurrence_month = dl->rec_month;
}

/* One assignment per agency of a list: "Sở Y tế, Sở Tài chính", "Công
   an tỉnh và Sở Tư pháp" (not "Sở Kế hoạch và Đầu tư"). */
static void asg_emit(struct asg_ctx *ctx, const char *agency, size_t alen,
		     const char *coop, const char *what,
		     const struct cmt_deadline *dl, const char *dl_text)
{
	struct cmt_fold fv;
	size_t i, k, start = 0, paren = 0;

	if (agency == NULL || alen == 0) {
		asg_push(ctx, NULL, coop, what, dl, dl_text);
		return;
	}
	cmt_fold_init(&fv, agency, I_MIN(alen, DONDOC_MAX_FIELD_BYTES));
	for (i = 0; i < fv.flen; i++) {
		if (fv.f[i] == '(')
			paren++;
		else if (fv.f[i] == ')' && paren > 0)
			paren--;
		if (paren > 0)
			continue;
		if (fv.f[i] == ',' || fv.f[i] == ';')
			k = cmt_fold_skip_spaces(&fv, i + 1);
		else if (cmt_fold_word_at(&fv, i, "VA") && i > 0 &&
			 fv.f[i-1] == ' ')
			k = cmt_fold_skip_spaces(&fv, i + 2);
		else
			continue;
		if (cmt_fold_word_at(&fv, k, "VA"))
			k = cmt_fold_skip_spaces(&fv, k + 2);
		if (k > i && cmt_agency_head(&fv, k) > 0 && i > start) {
			asg_push(ctx, fold_value(ctx, &fv, start, i), coop,
				 what, dl, dl_text);
			start = k;
		}
	}
	asg_push(ctx, fold_value(ctx, &fv, start, fv.flen), coop, what, dl,
		 dl_text);
}

/* The deadline's words: the recurrence and the deadline, one span when
   they stand together. */
static const char *deadline_words(struct asg_ctx *ctx,
				  const struct cmt_fold *fv,
				  const struct cmt_deadline *dl)
{
	bool has_r = dl->rec_end > dl->rec_at, has_d = dl->text_at < fv->flen;
	size_t a, b, gap_from, gap_to, i;
	const char *r, *d;

	if (!has_r && !has_d)
		return NULL;
	if (!has_r)
		return fold_value(ctx, fv, dl->text_at, dl->text_end);
	if (!has_d)
		return fold_value(ctx, fv, dl->rec_at, dl->rec_end);
	a = I_MIN(dl->rec_at, dl->text_at);
	b = I_MAX(dl->rec_end, dl->text_end);
	gap_from = dl->rec_at < dl->text_at ? dl->rec_end : dl->text_end;
	gap_to = dl->rec_at < dl->text_at ? dl->text_at : dl->rec_at;
	for (i = gap_from; i < gap_to && strchr(" ,", fv->f[i]) != NULL; i++) ;
	if (i >= gap_to)
		return fold_value(ctx, fv, a, b);
	r = fold_value(ctx, fv, dl->rec_at, dl->rec_end);
	d = fold_value(ctx, fv, dl->text_at, dl->text_end);
	return p_strdup_printf(ctx->dp->pool, "%s, %s", r, d);
}

/* The work after its agency: "(cơ quan thường trực) chủ trì, phối hợp
   với X <work>, hoàn thành trước ngày ...". */
static void asg_text(struct asg_ctx *ctx, const char *agency, size_t alen,
		     const char *s, size_t len)
{
	struct cmt_fold fv;
	struct cmt_deadline dl;
	const char *coop = NULL;
	size_t at, ws, we, ce, spans[2][2];
	unsigned int i, round;

	cmt_fold_init(&fv, s, len);
	at = skip_marks(&fv, 0);
	if (at < fv.flen && fv.f[at] == '(') {
		const char *p = memchr(fv.f + at, ')', fv.flen - at);

		if (p != NULL)
			at = skip_marks(&fv, p - fv.f + 1);
	}
	if (cmt_fold_word_at(&fv, at, "CHU TRI"))
		at = skip_marks(&fv, at + 7);
	if (cmt_fold_word_at(&fv, at, "PHOI HOP")) {
		at = cmt_fold_skip_spaces(&fv, at + 8);
		if (cmt_fold_word_at(&fv, at, "VOI"))
			at = cmt_fold_skip_spaces(&fv, at + 3);
		ce = cmt_agency_end(&fv, at, fv.flen, FALSE);
		coop = fold_value(ctx, &fv, at, ce);
		at = skip_marks(&fv, ce);
	}
	(void)cmt_parse_deadline(&fv, FALSE, ctx->year, &dl);
	spans[0][0] = dl.rec_at; spans[0][1] = dl.rec_end;
	spans[1][0] = dl.cut_at; spans[1][1] = dl.text_end;
	ws = at;
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 2; i++) {
			if (spans[i][1] > spans[i][0] && spans[i][0] <= ws &&
			    spans[i][1] > ws)
				ws = skip_marks(&fv, spans[i][1]);
		}
	}
	we = fv.flen;
	for (i = 0; i < 2; i++) {
		if (spans[i][1] > spans[i][0] && spans[i][0] > ws &&
		    spans[i][0] < we)
			we = spans[i][0];
	}
	asg_emit(ctx, agency, alen, coop, fold_value(ctx, &fv, ws, we), &dl,
		 deadline_words(ctx, &fv, &dl));
}

/* ---- lines and paragraphs ---------------------------------------------- */

static bool line_ends_sentence(const struct doc_line *line)
{
	return line->len > 0 && strchr(".;:!", line->s[line->len - 1]) != NULL;
}

/* The paragraph that begins at line i (its text from offset b): the
   lines that continue it, joined, bounded. Returns the next line. */
static unsigned int asg_paragraph(struct asg_ctx *ctx, unsigned int i,
				  size_t b, string_t *text)
{
	const struct doc_parse *dp = ctx->dp;
	unsigned int k;
	bool numbered;

	str_append_data(text, dp->lines[i].s + b, dp->lines[i].len - b);
	for (k = i + 1; k < dp->end && k < i + CMT_MAX_LINES; k++) {
		const struct doc_line *l = &dp->lines[k];

		if (l->len == 0 || line_ends_sentence(&dp->lines[k-1]) ||
		    cmt_bullet_len(l->s, l->len, &numbered) > 0 ||
		    memchr(l->s, '\t', l->len) != NULL ||
		    cmt_line_is_closing(doc_line_folded(l)))
			break;
		if (str_len(text) + 1 + l->len > CMT_MAX_TEXT) {
			ctx->dp->doc->committee_field_cut = TRUE;
			break;
		}
		str_append_c(text, ' ');
		str_append_data(text, l->s, l->len);
	}
	return k;
}

/* "Giao Sở Y tế ...", "Đề nghị Công an tỉnh ...", "Trưởng Ban giao
   các sở ...": where the agency begins, or (size_t)-1. */
static size_t giao_agency(const struct cmt_fold *fv, size_t from)
{
	static const char *const starts[] = { "DE NGHI", "YEU CAU", "GIAO" };
	size_t at = cmt_fold_skip_spaces(fv, from), g;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(starts); i++) {
		if (cmt_fold_word_at(fv, at, starts[i])) {
			g = cmt_fold_skip_spaces(fv, at + strlen(starts[i]));
			goto found;
		}
	}
	g = cmt_fold_find(fv, at, "GIAO");
	if (g == (size_t)-1 || g > at + 120)
		return (size_t)-1;
	g = cmt_fold_skip_spaces(fv, g + 4);
found:
	if (cmt_fold_word_at(fv, g, "CHO"))
		g = cmt_fold_skip_spaces(fv, g + 3);
	return cmt_agency_head(fv, g) > 0 ? g : (size_t)-1;
}

/* A paragraph of "Giao ..." sentences: one after another. */
static bool asg_giao(struct asg_ctx *ctx, const char *s, size_t len)
{
	struct cmt_fold fv;
	size_t at, ae, next, from = 0;
	bool found = FALSE;

	cmt_fold_init(&fv, s, len);
	while (from < fv.flen && (at = giao_agency(&fv, from)) != (size_t)-1) {
		/* the next sentence that assigns again */
		const char *p = fv.f + at;

		next = fv.flen;
		while ((p = strstr(p, ". ")) != NULL) {
			size_t k = p - fv.f + 2;

			if (cmt_fold_word_at(&fv, k, "GIAO") ||
			    cmt_fold_word_at(&fv, k, "DE NGHI") ||
			    cmt_fold_word_at(&fv, k, "YEU CAU")) {
				next = k;
				break;
			}
			p += 2;
		}
		ae = cmt_agency_end(&fv, at, next, TRUE);
		asg_text(ctx, fv.s + fv.map[at], fv.map[ae] - fv.map[at],
			 fv.s + fv.map[ae], fv.map[next] - fv.map[ae]);
		found = TRUE;
		from = next;
	}
	return found;
}

/* "Sở Tài chính:" or "Đối với UBND các huyện:" (value_r: what follows
   the colon, empty for a heading), or a line that is only an agency
   name. */
static bool agency_lead(const char *s, size_t len, size_t *a_r,
			size_t *alen_r, size_t *value_r)
{
	struct cmt_fold fv;
	const char *colon;
	size_t at, c, end;

	cmt_fold_init(&fv, s, I_MIN(len, 400));
	at = cmt_fold_skip_spaces(&fv, 0);
	if (cmt_fold_word_at(&fv, at, "DOI VOI"))
		at = cmt_fold_skip_spaces(&fv, at + 7);
	if (cmt_agency_head(&fv, at) == 0)
		return FALSE;
	colon = memchr(fv.f + at, ':', I_MIN(fv.flen - at, 200));
	c = colon != NULL ? (size_t)(colon - fv.f) : fv.flen;
	if (colon == NULL && len > 160)
		return FALSE;
	end = cmt_agency_end(&fv, at, c, TRUE);
	if (end < c && !(fv.f[end] == '(' &&
			 memchr(fv.f + end, ')', c - end) != NULL))
		return FALSE;
	*a_r = fv.map[at];
	*alen_r = fv.map[c] - fv.map[at];
	*value_r = colon != NULL ? fv.map[c] + 1 : len;
	return TRUE;
}

static bool line_is_dash_item(const struct doc_line *line)
{
	bool numbered;

	return cmt_bullet_len(line->s, line->len, &numbered) > 0 &&
		(!numbered || (line->len > 1 && line->s[1] == ')'));
}

/* The items under an agency heading: dash or letter items, or the one
   paragraph below it. Returns the next line. */
/* "- Thời gian hoàn thành: tháng 8/2026." under the item it dates:
   the deadline of the assignments [from, count) that have none. */
static bool asg_item_deadline(struct asg_ctx *ctx, unsigned int from,
			      const char *s, size_t len)
{
	struct dondoc_document *doc = ctx->dp->doc;
	struct dondoc_assignment *a;
	struct cmt_deadline dl;
	struct cmt_fold fv;
	const char *words;
	unsigned int i, count = array_count(&doc->assignments);

	cmt_fold_init(&fv, s, len);
	if (from >= count ||
	    !(cmt_fold_word_at(&fv, 0, "THOI GIAN") ||
	      cmt_fold_word_at(&fv, 0, "THOI HAN") ||
	      cmt_fold_word_at(&fv, 0, "TIEN DO")) ||
	    !cmt_parse_deadline(&fv, FALSE, ctx->year, &dl) ||
	    dl.cut_at != 0)
		return FALSE;
	words = deadline_words(ctx, &fv, &dl);
	for (i = from; i < count; i++) {
		a = array_idx_modifiable(&doc->assignments, i);
		if (a->deadline_text != NULL || a->recurrence != NULL)
			continue;
		a->deadline = dl.date == NULL ? NULL :
			p_strdup(ctx->dp->pool, dl.date);
		a->deadline_kind = dl.kind;
		a->deadline_text = words;
		a->recurrence = dl.recurrence;
		a->recurrence_day = dl.rec_day;
		a->recurrence_month = dl.rec_month;
	}
	return TRUE;
}

static unsigned int asg_heading_items(struct asg_ctx *ctx, unsigned int i,
				      const char *agency, size_t alen)
{
	const struct doc_parse *dp = ctx->dp;
	unsigned int k = i + 1, first = i + 1, item = UINT_MAX;
	bool numbered;

	while (k < dp->end) {
		const struct doc_line *l = &dp->lines[k];
		string_t *text;
		size_t b;

		if (l->len == 0) {
			if (k + 1 < dp->end && line_is_dash_item(&dp->lines[k+1])) {
				k++;
				continue;
			}
			break;
		}
		if (cmt_line_is_closing(doc_line_folded(l)))
			break;
		b = cmt_bullet_len(l->s, l->len, &numbered);
		if (b == 0 && k != first)
			break;
		if (b > 0 && !line_is_dash_item(l))
			break;
		text = t_str_new(256);
		k = asg_paragraph(ctx, k, b, text);
		if (asg_item_deadline(ctx, item, str_c(text), str_len(text)))
			continue;
		item = array_count(&dp->doc->assignments);
		asg_text(ctx, agency, alen, str_c(text), str_len(text));
	}
	return k;
}

/* ---- tables ------------------------------------------------------------ */

static unsigned int row_cells(const struct doc_line *line,
			      struct asg_cell *cells)
{
	struct doc_cell dc[ASG_MAX_COLS];
	unsigned int n = 0, i;
	size_t start = 0, k;

	if (memchr(line->s, '\t', line->len) == NULL) {
		n = doc_line_cells(line, dc, N_ELEMENTS(dc));
		for (i = 0; i < n; i++) {
			cells[i].s = dc[i].s;
			cells[i].len = dc[i].len;
		}
		return n;
	}
	for (k = 0; k <= line->len && n < ASG_MAX_COLS; k++) {
		if (k == line->len || line->s[k] == '\t') {
			cells[n].s = line->s + start;
			cells[n].len = k - start;
			dondoc_text_trim(&cells[n].s, &cells[n].len);
			n++;
			start = k + 1;
		}
	}
	return n;
}

static enum asg_col column_kind(const struct asg_cell *cell)
{
	const char *f = doc_fold_n(cell->s, I_MIN(cell->len, 120));

	if (strstr(f, "PHOI HOP") != NULL)
		return COL_COOP;
	if (strstr(f, "CHU TRI") != NULL || str_begins_with(f, "DON VI") ||
	    str_begins_with(f, "CO QUAN") || str_begins_with(f, "TRACH NHIEM"))
		return COL_AGENCY;
	if (str_begins_with(f, "NOI DUNG") || str_begins_with(f, "NHIEM VU") ||
	    str_begins_with(f, "CONG VIEC") || str_begins_with(f, "TEN NHIEM VU"))
		return COL_WHAT;
	if (str_begins_with(f, "THOI GIAN") || str_begins_with(f, "THOI HAN") ||
	    str_begins_with(f, "TIEN DO") || str_begins_with(f, "HAN "))
		return COL_DEADLINE;
	return COL_SKIP;
}

static bool table_header(const struct doc_line *line, enum asg_col *cols,
			 unsigned int *n_r)
{
	struct asg_cell cells[ASG_MAX_COLS];
	unsigned int i, n;
	bool what = FALSE, agency = FALSE;

	if (line->len > 600 || (n = row_cells(line, cells)) < 2)
		return FALSE;
	for (i = 0; i < n; i++) {
		cols[i] = column_kind(&cells[i]);
		what = what || cols[i] == COL_WHAT;
		agency = agency || cols[i] == COL_AGENCY;
	}
	*n_r = n;
	return what && agency;
}

static void table_row(struct asg_ctx *ctx, const enum asg_col *cols,
		      unsigned int ncols, struct asg_cell *cells,
		      unsigned int n)
{
	struct asg_cell *what = NULL, *agency = NULL, *coop = NULL, *dl = NULL;
	struct cmt_deadline deadline;
	struct cmt_fold fv;
	unsigned int i, shift = n + 1 == ncols && cols[0] == COL_SKIP ? 1 : 0;

	for (i = 0; i < n && i + shift < ncols; i++) {
		if (cells[i].len == 0)
			continue;
		switch (cols[i + shift]) {
		case COL_WHAT: what = &cells[i]; break;
		case COL_AGENCY: agency = &cells[i]; break;
		case COL_COOP: coop = &cells[i]; break;
		case COL_DEADLINE: dl = &cells[i]; break;
		case COL_SKIP: break;
		}
	}
	if (what == NULL)
		return;
	if (dl != NULL) {
		cmt_fold_init(&fv, dl->s, dl->len);
		(void)cmt_parse_deadline(&fv, TRUE, ctx->year, &deadline);
	} else {
		cmt_fold_init(&fv, what->s, what->len);
		(void)cmt_parse_deadline(&fv, FALSE, ctx->year, &deadline);
	}
	asg_emit(ctx, agency == NULL ? NULL : agency->s,
		 agency == NULL ? 0 : agency->len,
		 coop == NULL ? NULL : cmt_field_value(ctx->dp, coop->s, coop->len),
		 cmt_field_value(ctx->dp, what->s, what->len), &deadline,
		 dl != NULL ? cmt_field_value(ctx->dp, dl->s, dl->len) :
		 deadline_words(ctx, &fv, &deadline));
}

static bool table_row_follows(const struct doc_parse *dp, unsigned int k,
			      unsigned int ncols)
{
	struct asg_cell cells[ASG_MAX_COLS];
	unsigned int i;

	for (i = k; i < dp->end && i < k + 3; i++) {
		const struct doc_line *l = &dp->lines[i];

		if (l->len == 0)
			return FALSE;
		if (memchr(l->s, '\t', l->len) != NULL &&
		    row_cells(l, cells) + 1 >= ncols)
			return TRUE;
	}
	return FALSE;
}

/* The rows under a table header; group rows ("I. Nhiệm vụ chung") and
   the column numbers ("(1) (2) (3)") are skipped. Returns the next line. */
static unsigned int asg_table(struct asg_ctx *ctx, unsigned int i,
			      const enum asg_col *cols, unsigned int ncols)
{
	const struct doc_parse *dp = ctx->dp;
	struct asg_cell cells[ASG_MAX_COLS];
	unsigned int k, n;

	for (k = i + 1; k < dp->end; k++) {
		const struct doc_line *l = &dp->lines[k];

		if (l->len == 0)
			break;
		n = row_cells(l, cells);
		if (n + 1 < ncols || n < 2) {
			/* a group row ("I | Nhiệm vụ chung", its cells merged
			   or on lines of their own): the table goes on when a
			   row follows */
			if (!table_row_follows(dp, k + 1, ncols))
				break;
			continue;
		}
		T_BEGIN {
			table_row(ctx, cols, ncols, cells, n);
		} T_END;
	}
	return k;
}

/* ---- the document --------------------------------------------------------- */

static bool assignment_document(const struct dondoc_document *doc)
{
	static const char *const types[] = { "TB", "KH", "BB", "CV", "CT" };
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(types); i++) {
		if (strcmp(doc->type, types[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

/* Minutes record what was said before what was concluded: their work
   is assigned from the conclusions on, when they have such a part. */
static unsigned int first_line(const struct doc_parse *dp)
{
	unsigned int i, first = dp->body_idx > dp->number_idx ?
		dp->body_idx : dp->number_idx + 1;

	if (strcmp(dp->doc->type, "BB") != 0)
		return first;
	for (i = first; i < dp->end; i++) {
		const char *f = doc_line_folded(&dp->lines[i]);
		unsigned int depth;

		if (doc_heading_prefix(dp->lines[i].s, dp->lines[i].len,
				       &depth) != 0 &&
		    (strstr(f, "KET LUAN") != NULL ||
		     strstr(f, "PHAN CONG") != NULL ||
		     strstr(f, "GIAO NHIEM VU") != NULL))
			return i + 1;
	}
	return first;
}

/* One step of the reader at line i: returns the next line to read. */
static unsigned int asg_step(struct asg_ctx *ctx, unsigned int i,
			     bool *stop_r)
{
	const struct doc_parse *dp = ctx->dp;
	const struct doc_line *line = &dp->lines[i];
	enum asg_col cols[ASG_MAX_COLS];
	unsigned int ncols, next;
	size_t b, a, alen, v;
	string_t *text;
	bool numbered;

	if (line->len == 0)
		return i + 1;
	if (str_begins_with(doc_line_folded(line), "NOI NHAN")) {
		*stop_r = TRUE;
		return i;
	}
	if (table_header(line, cols, &ncols))
		return asg_table(ctx, i, cols, ncols);
	b = cmt_bullet_len(line->s, line->len, &numbered);
	if (agency_lead(line->s + b, line->len - b, &a, &alen, &v) &&
	    (v < line->len - b ||
	     (i + 1 < dp->end && line_is_dash_item(&dp->lines[i+1])))) {
		const char *rest = line->s + b + v;
		size_t rlen = line->len - b - v;

		dondoc_text_trim(&rest, &rlen);
		if (rlen == 0)
			return asg_heading_items(ctx, i, line->s + b + a, alen);
		text = t_str_new(256);
		next = asg_paragraph(ctx, i, b + v, text);
		asg_text(ctx, line->s + b + a, alen, str_c(text),
			 str_len(text));
		return next;
	}
	text = t_str_new(256);
	next = asg_paragraph(ctx, i, b, text);
	return asg_giao(ctx, str_c(text), str_len(text)) ? next : i + 1;
}

void doc_parse_assignments(struct doc_parse *dp)
{
	struct asg_ctx ctx = { .dp = dp };
	unsigned int i, first;
	bool stop = FALSE;

	/* a meeting notice's requests are the meeting's (the tracker's
	   pre-meeting tasks), not assignments */
	if (!assignment_document(dp->doc) || dp->doc->meeting != NULL)
		return;
	ctx.year = cmt_doc_year(dp->doc);
	first = first_line(dp);
	cmt_fold_lines(dp, first);
	for (i = first; i < dp->end && !stop; ) T_BEGIN {
		i = asg_step(&ctx, i, &stop);
	} T_END;
}
