/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The digest as a .docx: a draft of the secretariat's report in the
   Decree 30/2020 layout (the issuing body and the national motto side
   by side in a borderless two-column table, "Số:      /BC-TGV" left
   blank for the clerk, place and date, BÁO CÁO and its trích yếu,
   Kính gửi, the sections with one table per agency and its chart, Nơi
   nhận and the signature block), A4 with the decree's margins, Times New
   Roman 13. WordprocessingML written with dondoc-xml-writer.c (every
   value escaped), packaged by dondoc-digest-docx-zip.c. Trusts the digest's
   figures; the text from mail in it is escaped like everything else. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "buffer.h"
#include "dondoc-xml-writer.h"
#include "dondoc-digest-private.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* A4, margins top/bottom 20 mm, left 30 mm, right 15 mm (twips) */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TB 1134
#define MARGIN_L 1701
#define MARGIN_R 850
#define TEXT_W (PAGE_W - MARGIN_L - MARGIN_R)
/* the chart: its pixels at 96 dpi, in EMU */
#define EMU_PER_PX 9525

/* run properties */
#define RUN_BOLD 0x01
#define RUN_ITALIC 0x02
/* paragraph alignment */
enum docx_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_BOTH, ALIGN_RIGHT };

struct docx_ctx {
	struct xml_writer *w;
	const struct dondoc_digest *digest;
	const struct dondoc_digest_docx_settings *set;
	const buffer_t *const *charts;
	unsigned int drawing_id;
};

/* ---- paragraphs and runs ---- */

static void docx_run(struct xml_writer *w, const char *text,
		     unsigned int flags, unsigned int half_points)
{
	const char *const *lines;
	unsigned int i;

	xml_start(w, "w:r");
	if (flags != 0 || half_points != 0) {
		xml_start(w, "w:rPr");
		if ((flags & RUN_BOLD) != 0)
			xml_empty(w, "w:b", NULL, NULL);
		if ((flags & RUN_ITALIC) != 0)
			xml_empty(w, "w:i", NULL, NULL);
		if (half_points != 0) {
			const char *sz = t_strdup_printf("%u", half_points);

			xml_empty(w, "w:sz", "w:val", sz);
			xml_empty(w, "w:szCs", "w:val", sz);
		}
		xml_end(w);
	}
	/* a line break for each LF of the text */
	lines = t_strsplit(text == NULL ? "" : text, "\n");
	for (i = 0; lines[i] != NULL; i++) {
		if (i > 0)
			xml_empty(w, "w:br", NULL, NULL);
		xml_start(w, "w:t");
		xml_attr(w, "xml:space", "preserve");
		xml_text(w, lines[i]);
		xml_end(w);
	}
	xml_end(w);
}

static void docx_p_start(struct xml_writer *w, enum docx_align align,
			 unsigned int before, unsigned int after)
{
	static const char *const names[] = {
		"left", "center", "both", "right" };

	xml_start(w, "w:p");
	xml_start(w, "w:pPr");
	xml_start(w, "w:spacing");
	xml_attr_int(w, "w:before", before);
	xml_attr_int(w, "w:after", after);
	xml_end(w);
	xml_empty(w, "w:jc", "w:val", names[align]);
	xml_end(w);
}

static void docx_para(struct xml_writer *w, const char *text,
		      enum docx_align align, unsigned int flags,
		      unsigned int half_points)
{
	docx_p_start(w, align, 0, 60);
	if (text != NULL && text[0] != '\0')
		docx_run(w, text, flags, half_points);
	xml_end(w);
}

/* A body paragraph: justified, first line indented as the decree's
   text is. */
static void docx_body(struct xml_writer *w, const char *text)
{
	xml_start(w, "w:p");
	xml_start(w, "w:pPr");
	xml_start(w, "w:spacing");
	xml_attr_int(w, "w:before", 60);
	xml_attr_int(w, "w:after", 60);
	xml_end(w);
	xml_empty(w, "w:ind", "w:firstLine", "567");
	xml_empty(w, "w:jc", "w:val", "both");
	xml_end(w);
	docx_run(w, text, 0, 0);
	xml_end(w);
}

static void docx_heading(struct xml_writer *w, const char *text)
{
	docx_p_start(w, ALIGN_LEFT, 120, 60);
	docx_run(w, text, RUN_BOLD, 0);
	xml_end(w);
}

/* ---- tables ---- */

static void docx_tbl_start(struct xml_writer *w, const unsigned int *widths,
			   unsigned int count, bool borders)
{
	static const char *const sides[] = {
		"w:top", "w:left", "w:bottom", "w:right", "w:insideH",
		"w:insideV" };
	unsigned int i, total = 0;

	for (i = 0; i < count; i++)
		total += widths[i];
	xml_start(w, "w:tbl");
	xml_start(w, "w:tblPr");
	xml_start(w, "w:tblW");
	xml_attr_int(w, "w:w", total);
	xml_attr(w, "w:type", "dxa");
	xml_end(w);
	xml_start(w, "w:tblBorders");
	for (i = 0; i < N_ELEMENTS(sides); i++) {
		xml_start(w, sides[i]);
		xml_attr(w, "w:val", borders ? "single" : "nil");
		if (borders) {
			xml_attr(w, "w:sz", "4");
			xml_attr(w, "w:space", "0");
			xml_attr(w, "w:color", "000000");
		}
		xml_end(w);
	}
	xml_end(w);
	xml_empty(w, "w:tblLayout", "w:type", "fixed");
	xml_end(w);
	xml_start(w, "w:tblGrid");
	for (i = 0; i < count; i++)
		xml_empty(w, "w:gridCol", "w:w", t_strdup_printf("%u", widths[i]));
	xml_end(w);
}

static void docx_tc_start(struct xml_writer *w, unsigned int width,
			  const char *fill)
{
	xml_start(w, "w:tc");
	xml_start(w, "w:tcPr");
	xml_start(w, "w:tcW");
	xml_attr_int(w, "w:w", width);
	xml_attr(w, "w:type", "dxa");
	xml_end(w);
	if (fill != NULL) {
		xml_start(w, "w:shd");
		xml_attr(w, "w:val", "clear");
		xml_attr(w, "w:color", "auto");
		xml_attr(w, "w:fill", fill);
		xml_end(w);
	}
	xml_end(w);
}

/* One cell holding one paragraph. */
static void docx_cell(struct xml_writer *w, unsigned int width,
		      const char *text, enum docx_align align,
		      unsigned int flags, const char *fill)
{
	docx_tc_start(w, width, fill);
	docx_p_start(w, align, 0, 0);
	if (text != NULL && text[0] != '\0')
		docx_run(w, text, flags, 24);
	xml_end(w);
	xml_end(w);
}

static void docx_header_row(struct xml_writer *w, const unsigned int *widths,
			    const char *const *names, unsigned int count)
{
	unsigned int i;

	xml_start(w, "w:tr");
	xml_start(w, "w:trPr");
	xml_empty(w, "w:tblHeader", NULL, NULL);
	xml_end(w);
	for (i = 0; i < count; i++)
		docx_cell(w, widths[i], names[i], ALIGN_CENTER, RUN_BOLD,
			  "E8E8E8");
	xml_end(w);
}

static const char *docx_state_fill(enum dondoc_digest_state state)
{
	switch (state) {
	case DONDOC_DIGEST_ON_TIME:
		return "D4EDDA";
	case DONDOC_DIGEST_LATE:
		return "FFF3CD";
	case DONDOC_DIGEST_OVERDUE:
		return "F8D7DA";
	default:
		return NULL;
	}
}

static void docx_counts_row(struct xml_writer *w, const unsigned int *widths,
			    const char *name,
			    const struct dondoc_digest_counts *c)
{
	unsigned int values[] = { c->owed, c->on_time, c->late, c->overdue,
				  c->open };
	enum dondoc_digest_state states[] = {
		DONDOC_DIGEST_OPEN, DONDOC_DIGEST_ON_TIME, DONDOC_DIGEST_LATE,
		DONDOC_DIGEST_OVERDUE, DONDOC_DIGEST_OPEN };
	unsigned int i;

	xml_start(w, "w:tr");
	docx_cell(w, widths[0], name, ALIGN_LEFT, 0, NULL);
	for (i = 0; i < N_ELEMENTS(values); i++) {
		docx_cell(w, widths[i + 1], t_strdup_printf("%u", values[i]),
			  ALIGN_CENTER, 0, values[i] > 0 && i > 0 ?
			  docx_state_fill(states[i]) : NULL);
	}
	xml_end(w);
}

static void docx_summary(struct docx_ctx *ctx)
{
	static const unsigned int widths[] = {
		3355, 1200, 1200, 1200, 1200, 1200 };
	static const char *const names[] = {
		"Cơ quan", "Phải thực hiện", "Đúng hạn", "Muộn", "Quá hạn",
		"Chưa đến hạn" };
	const struct dondoc_digest_agency *agency;

	docx_tbl_start(ctx->w, widths, N_ELEMENTS(widths), TRUE);
	docx_header_row(ctx->w, widths, names, N_ELEMENTS(names));
	array_foreach(&ctx->digest->agencies, agency)
		docx_counts_row(ctx->w, widths, agency->name, &agency->counts);
	docx_counts_row(ctx->w, widths, "Tổng cộng", &ctx->digest->totals);
	xml_end(ctx->w);
}

static void docx_tasks(struct docx_ctx *ctx,
		       const ARRAY_TYPE(dondoc_digest_task) *tasks,
		       bool with_agency)
{
	static const unsigned int widths[] = {
		1500, 2955, 1100, 1200, 900, 1700 };
	static const unsigned int widths_agency[] = {
		1400, 1000, 2455, 1100, 1200, 500, 1700 };
	static const char *const names[] = {
		"Mã", "Nội dung", "Hạn", "Tình trạng", "Ngày muộn",
		"Văn bản" };
	static const char *const names_agency[] = {
		"Mã", "Cơ quan", "Nội dung", "Hạn", "Tình trạng", "Ngày muộn",
		"Văn bản" };
	const unsigned int *wd = with_agency ? widths_agency : widths;
	const struct dondoc_digest_task *task;
	struct xml_writer *w = ctx->w;
	unsigned int i;

	docx_tbl_start(w, wd, with_agency ? N_ELEMENTS(widths_agency) :
		       N_ELEMENTS(widths), TRUE);
	docx_header_row(w, wd, with_agency ? names_agency : names,
			with_agency ? N_ELEMENTS(names_agency) :
			N_ELEMENTS(names));
	array_foreach(tasks, task) {
		const struct dondoc_store_digest_task *row = &task->row;

		i = 0;
		xml_start(w, "w:tr");
		docx_cell(w, wd[i++], row->code, ALIGN_LEFT, 0, NULL);
		if (with_agency)
			docx_cell(w, wd[i++], row->agency, ALIGN_LEFT, 0, NULL);
		docx_cell(w, wd[i++], row->title, ALIGN_LEFT, 0, NULL);
		docx_cell(w, wd[i++], digest_date_words(&row->due),
			  ALIGN_CENTER, 0, NULL);
		docx_cell(w, wd[i++], digest_state_words(task->state),
			  ALIGN_CENTER, 0, docx_state_fill(task->state));
		docx_cell(w, wd[i++], task->late_days == 0 ? "" :
			  t_strdup_printf("%u", task->late_days),
			  ALIGN_CENTER, 0, NULL);
		docx_cell(w, wd[i++], !row->submitted ? "" :
			  digest_document_words(row->doc_number,
						row->doc_symbol,
						&row->doc_date),
			  ALIGN_LEFT, 0, NULL);
		xml_end(w);
	}
	xml_end(w);
}

/* ---- the chart picture ---- */

static void docx_picture(struct docx_ctx *ctx, unsigned int index)
{
	struct xml_writer *w = ctx->w;
	long long cx = (long long)DONDOC_DIGEST_CHART_WIDTH * EMU_PER_PX;
	long long cy = (long long)DONDOC_DIGEST_CHART_HEIGHT * EMU_PER_PX;
	const char *name = t_strdup_printf("chart%u.png", index + 1);
	unsigned int id = ++ctx->drawing_id;

	docx_p_start(w, ALIGN_CENTER, 60, 60);
	xml_start(w, "w:r");
	xml_start(w, "w:drawing");
	xml_start(w, "wp:inline");
	xml_start(w, "wp:extent");
	xml_attr_int(w, "cx", cx);
	xml_attr_int(w, "cy", cy);
	xml_end(w);
	xml_start(w, "wp:docPr");
	xml_attr_int(w, "id", id);
	xml_attr(w, "name", name);
	xml_end(w);
	xml_start(w, "a:graphic");
	xml_start(w, "a:graphicData");
	xml_attr(w, "uri", NS_PIC);
	xml_start(w, "pic:pic");
	xml_start(w, "pic:nvPicPr");
	xml_start(w, "pic:cNvPr");
	xml_attr_int(w, "id", id);
	xml_attr(w, "name", name);
	xml_end(w);
	xml_empty(w, "pic:cNvPicPr", NULL, NULL);
	xml_end(w);
	xml_start(w, "pic:blipFill");
	xml_empty(w, "a:blip", "r:embed",
		  t_strdup_printf("rIdChart%u", index + 1));
	xml_start(w, "a:stretch");
	xml_empty(w, "a:fillRect", NULL, NULL);
	xml_end(w);
	xml_end(w);
	xml_start(w, "pic:spPr");
	xml_start(w, "a:xfrm");
	xml_start(w, "a:off");
	xml_attr(w, "x", "0");
	xml_attr(w, "y", "0");
	xml_end(w);
	xml_start(w, "a:ext");
	xml_attr_int(w, "cx", cx);
	xml_attr_int(w, "cy", cy);
	xml_end(w);
	xml_end(w);
	xml_start(w, "a:prstGeom");
	xml_attr(w, "prst", "rect");
	xml_empty(w, "a:avLst", NULL, NULL);
	xml_end(w);
	xml_end(w); /* spPr */
	xml_end(w); /* pic */
	xml_end(w); /* graphicData */
	xml_end(w); /* graphic */
	xml_end(w); /* inline */
	xml_end(w); /* drawing */
	xml_end(w); /* r */
	xml_end(w); /* p */
}

static bool docx_has_chart(const struct docx_ctx *ctx, unsigned int index)
{
	return digest_docx_has_chart(ctx->charts, index);
}

/* ---- the document ---- */

static const char *docx_date_line(const struct dondoc_digest_docx_settings *set)
{
	/* Decree 30: a day below 10 and the months 1 and 2 take a 0 */
	return t_strdup_printf("%s, ngày %02d tháng %s%d năm %d", set->place,
			       set->date.day, set->date.month < 3 ? "0" : "",
			       set->date.month, set->date.year);
}

static void docx_header_block(struct docx_ctx *ctx)
{
	static const unsigned int widths[] = { 3855, 5500 };
	struct xml_writer *w = ctx->w;

	docx_tbl_start(w, widths, N_ELEMENTS(widths), FALSE);
	xml_start(w, "w:tr");
	docx_tc_start(w, widths[0], NULL);
	docx_para(w, ctx->set->parent_name, ALIGN_CENTER, 0, 26);
	docx_para(w, ctx->set->issuer_name, ALIGN_CENTER,
		  RUN_BOLD, 26);
	docx_para(w, "———", ALIGN_CENTER, 0, 20);
	docx_para(w, t_strdup_printf("Số:        /%s", ctx->set->symbol),
		  ALIGN_CENTER, 0, 26);
	xml_end(w);
	docx_tc_start(w, widths[1], NULL);
	docx_para(w, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ALIGN_CENTER,
		  RUN_BOLD, 24);
	docx_para(w, "Độc lập - Tự do - Hạnh phúc", ALIGN_CENTER, RUN_BOLD, 26);
	docx_para(w, "———————————", ALIGN_CENTER, 0, 20);
	docx_para(w, docx_date_line(ctx->set), ALIGN_CENTER, RUN_ITALIC, 26);
	xml_end(w);
	xml_end(w); /* tr */
	xml_end(w); /* tbl */
}

static void docx_issues(struct docx_ctx *ctx,
			const struct dondoc_digest_agency *agency)
{
	const struct dondoc_store_digest_issue *issue;
	unsigned int pass;

	for (pass = 0; pass < 2; pass++) {
		array_foreach(&agency->issues, issue) {
			bool proposals = pass == 1;
			const char *text = proposals ? issue->proposals :
				issue->difficulties;

			if (!(proposals ? issue->proposals_raised :
			      issue->difficulties_raised))
				continue;
			docx_body(ctx->w, t_strdup_printf("%s (%s): %s",
				proposals ? "Kiến nghị, đề xuất" :
				"Khó khăn, vướng mắc",
				digest_document_words(issue->doc_number,
					issue->doc_symbol, &issue->doc_date),
				issue->secret ?
				"Văn bản mật: không trích nội dung." :
				text == NULL ? "" : text));
		}
	}
}

static void docx_counts_text(string_t *str,
			     const struct dondoc_digest_counts *c)
{
	str_printfa(str, "%u nhiệm vụ đến hạn trong kỳ: %u đúng hạn, %u muộn, "
		    "%u quá hạn, %u chưa đến hạn", c->owed, c->on_time,
		    c->late, c->overdue, c->open);
}

static void docx_meetings(struct docx_ctx *ctx)
{
	static const unsigned int widths[] = { 1300, 3855, 2100, 2100 };
	static const char *const names[] = {
		"Ngày", "Cuộc họp", "Giấy mời (2 ngày làm việc)",
		"Thông báo kết luận" };
	const struct dondoc_digest_meeting *dm;
	struct xml_writer *w = ctx->w;

	if (array_count(&ctx->digest->meetings) == 0) {
		docx_body(w, "Không có cuộc họp nào được ghi nhận trong kỳ.");
		return;
	}
	docx_tbl_start(w, widths, N_ELEMENTS(widths), TRUE);
	docx_header_row(w, widths, names, N_ELEMENTS(names));
	array_foreach(&ctx->digest->meetings, dm) {
		xml_start(w, "w:tr");
		docx_cell(w, widths[0], digest_date_words(&dm->meeting.date),
			  ALIGN_CENTER, 0, NULL);
		docx_cell(w, widths[1], dm->meeting.title, ALIGN_LEFT, 0, NULL);
		docx_cell(w, widths[2], dm->notice_ok < 0 ? "Chưa rõ" :
			  dm->notice_ok > 0 ? "Đúng hạn" : "Gửi muộn",
			  ALIGN_CENTER, 0, dm->notice_ok == 0 ?
			  docx_state_fill(DONDOC_DIGEST_OVERDUE) : NULL);
		docx_cell(w, widths[3], dm->conclusions_sent < 0 ? "Chưa rõ" :
			  dm->conclusions_sent > 0 ? "Đã gửi" : "Chưa gửi",
			  ALIGN_CENTER, 0, dm->conclusions_sent == 0 ?
			  docx_state_fill(DONDOC_DIGEST_OVERDUE) : NULL);
		xml_end(w);
	}
	xml_end(w);
}

static void docx_closing(struct docx_ctx *ctx)
{
	static const unsigned int widths[] = { 4677, 4678 };
	struct xml_writer *w = ctx->w;

	docx_para(w, "", ALIGN_LEFT, 0, 0);
	docx_tbl_start(w, widths, N_ELEMENTS(widths), FALSE);
	xml_start(w, "w:tr");
	docx_tc_start(w, widths[0], NULL);
	docx_para(w, "Nơi nhận:", ALIGN_LEFT, RUN_BOLD | RUN_ITALIC, 24);
	docx_para(w, "- Như trên;", ALIGN_LEFT, 0, 22);
	docx_para(w, "- Các thành viên Ban Chỉ đạo;", ALIGN_LEFT, 0, 22);
	docx_para(w, "- Lưu: VT.", ALIGN_LEFT, 0, 22);
	xml_end(w);
	docx_tc_start(w, widths[1], NULL);
	docx_para(w, ctx->set->signer, ALIGN_CENTER, RUN_BOLD, 26);
	docx_para(w, "", ALIGN_CENTER, 0, 0);
	docx_para(w, "", ALIGN_CENTER, 0, 0);
	docx_para(w, "", ALIGN_CENTER, 0, 0);
	xml_end(w);
	xml_end(w);
	xml_end(w);
}

static void docx_document(struct docx_ctx *ctx)
{
	const struct dondoc_digest *digest = ctx->digest;
	const struct dondoc_digest_agency *agency;
	const char *words = dondoc_digest_period_words(&digest->period);
	struct xml_writer *w = ctx->w;
	string_t *str = t_str_new(256);
	unsigned int i = 0;

	xml_start(w, "w:document");
	xml_attr(w, "xmlns:w", NS_W);
	xml_attr(w, "xmlns:r", NS_R);
	xml_attr(w, "xmlns:wp", NS_WP);
	xml_attr(w, "xmlns:a", NS_A);
	xml_attr(w, "xmlns:pic", NS_PIC);
	xml_start(w, "w:body");
	docx_header_block(ctx);
	docx_p_start(w, ALIGN_CENTER, 240, 0);
	docx_run(w, "BÁO CÁO", RUN_BOLD, 28);
	xml_end(w);
	docx_para(w, t_strdup_printf("Tình hình thực hiện nhiệm vụ %s của "
				     "các cơ quan thành viên", words),
		  ALIGN_CENTER, RUN_BOLD, 28);
	docx_para(w, "———", ALIGN_CENTER, 0, 20);
	docx_p_start(w, ALIGN_CENTER, 120, 120);
	docx_run(w, t_strdup_printf("Kính gửi: %s.", ctx->set->recipient),
		 0, 28);
	xml_end(w);

	str_printfa(str, "Từ ngày %s đến ngày %s (số liệu đến ngày %s), ",
		    digest_date_words(&digest->period.first),
		    digest_date_words(&digest->period.last),
		    digest_date_words(&digest->as_of));
	docx_counts_text(str, &digest->totals);
	str_append(str, ". Chi tiết như sau:");
	docx_heading(w, "I. TỔNG HỢP");
	docx_body(w, str_c(str));
	docx_summary(ctx);

	docx_heading(w, "II. TÌNH HÌNH THỰC HIỆN CỦA TỪNG CƠ QUAN");
	array_foreach(&digest->agencies, agency) {
		docx_heading(w, t_strdup_printf("%u. %s (%s)", i + 1,
						agency->name, agency->code));
		str_truncate(str, 0);
		docx_counts_text(str, &agency->counts);
		str_append_c(str, '.');
		docx_body(w, str_c(str));
		if (docx_has_chart(ctx, i))
			docx_picture(ctx, i);
		if (array_count(&agency->tasks) > 0)
			docx_tasks(ctx, &agency->tasks, FALSE);
		docx_issues(ctx, agency);
		i++;
	}
	docx_heading(w, "III. CÁC CUỘC HỌP");
	docx_meetings(ctx);
	docx_heading(w, "IV. NHIỆM VỤ ĐƯỢC GIAO TRONG KỲ");
	if (array_count(&digest->assigned) == 0)
		docx_body(w, "Không có nhiệm vụ mới.");
	else
		docx_tasks(ctx, &digest->assigned, TRUE);
	docx_body(w, t_strdup_printf("Trên đây là báo cáo tình hình thực "
				     "hiện nhiệm vụ %s./.", words));
	docx_closing(ctx);

	xml_start(w, "w:sectPr");
	xml_start(w, "w:pgSz");
	xml_attr_int(w, "w:w", PAGE_W);
	xml_attr_int(w, "w:h", PAGE_H);
	xml_end(w);
	xml_start(w, "w:pgMar");
	xml_attr_int(w, "w:top", MARGIN_TB);
	xml_attr_int(w, "w:right", MARGIN_R);
	xml_attr_int(w, "w:bottom", MARGIN_TB);
	xml_attr_int(w, "w:left", MARGIN_L);
	xml_attr(w, "w:header", "720");
	xml_attr(w, "w:footer", "720");
	xml_attr(w, "w:gutter", "0");
	xml_end(w);
	xml_end(w); /* sectPr */
	xml_end(w); /* body */
	xml_end(w); /* document */
}

int dondoc_digest_write_docx(const struct dondoc_digest *digest,
			     const struct dondoc_digest_docx_settings *set,
			     const buffer_t *const *charts,
			     buffer_t *dest, const char **error_r)
{
	struct docx_ctx ctx = {
		.digest = digest, .set = set, .charts = charts,
	};
	string_t *doc;

	doc = t_str_new(65536);
	ctx.w = xml_writer_create(doc);
	docx_document(&ctx);
	xml_writer_destroy(&ctx.w);
	return digest_docx_package(str_c(doc), charts,
				   array_count(&digest->agencies), dest,
				   error_r);
}
