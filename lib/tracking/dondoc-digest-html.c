/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The digest as a mail-ready HTML page: tables with inline styles and
   the old attributes (border, cellpadding, bgcolor) that Outlook's Word
   engine, Thunderbird and Roundcube all render, colours for on time /
   late / overdue, and each agency's chart as <img src="cid:..."> when the
   mail carries the pictures (multipart/related). Every value is escaped
   (digest_html_escape); a classified document's text is never there
   because the store never had it. Each figure cell carries its name and
   agency (data-figure, data-agency) so that a reader can check it. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-digest-private.h"

#define HTML_TABLE "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" " \
	"style=\"border-collapse:collapse;border:1px solid #999999;" \
	"font-family:Arial,Helvetica,sans-serif;font-size:13px\">"
#define HTML_TH "<th bgcolor=\"#e8e8e8\" style=\"background-color:#e8e8e8;" \
	"border:1px solid #999999;text-align:left\">"

struct html_colour {
	const char *fg, *bg;
};

static struct html_colour html_state_colour(enum dondoc_digest_state state)
{
	switch (state) {
	case DONDOC_DIGEST_ON_TIME:
		return (struct html_colour){ "#155724", "#d4edda" };
	case DONDOC_DIGEST_LATE:
		return (struct html_colour){ "#856404", "#fff3cd" };
	case DONDOC_DIGEST_OVERDUE:
		return (struct html_colour){ "#721c24", "#f8d7da" };
	default:
		return (struct html_colour){ "#333333", "#ffffff" };
	}
}

static void html_text(string_t *dest, const char *value)
{
	digest_html_escape(dest, value, FALSE);
}

static void html_figure(string_t *dest, const char *agency,
			const char *figure, unsigned int value,
			enum dondoc_digest_state state, bool coloured)
{
	struct html_colour c = html_state_colour(state);

	str_append(dest, "<td align=\"right\" data-agency=\"");
	html_text(dest, agency);
	str_printfa(dest, "\" data-figure=\"%s\"", figure);
	if (coloured && value > 0) {
		str_printfa(dest, " bgcolor=\"%s\" style=\"background-color:%s;"
			    "color:%s;border:1px solid #999999;"
			    "font-weight:bold\"", c.bg, c.bg, c.fg);
	} else {
		str_append(dest, " style=\"border:1px solid #999999\"");
	}
	str_printfa(dest, ">%u</td>", value);
}

static void html_counts_row(string_t *dest, const char *code,
			    const char *name,
			    const struct dondoc_digest_counts *c)
{
	str_append(dest, "<tr><td style=\"border:1px solid #999999\">");
	html_text(dest, name);
	str_append(dest, "</td>");
	html_figure(dest, code, "owed", c->owed, DONDOC_DIGEST_OPEN, FALSE);
	html_figure(dest, code, "on_time", c->on_time, DONDOC_DIGEST_ON_TIME,
		    TRUE);
	html_figure(dest, code, "late", c->late, DONDOC_DIGEST_LATE, TRUE);
	html_figure(dest, code, "overdue", c->overdue, DONDOC_DIGEST_OVERDUE,
		    TRUE);
	html_figure(dest, code, "open", c->open, DONDOC_DIGEST_OPEN, FALSE);
	str_append(dest, "</tr>\n");
}

static void html_summary(string_t *dest, const struct dondoc_digest *digest)
{
	const struct dondoc_digest_agency *agency;

	str_append(dest, HTML_TABLE "\n<tr>" HTML_TH "Cơ quan</th>" HTML_TH
		   "Phải thực hiện</th>" HTML_TH "Đúng hạn</th>" HTML_TH
		   "Muộn</th>" HTML_TH "Quá hạn</th>" HTML_TH
		   "Chưa đến hạn</th></tr>\n");
	array_foreach(&digest->agencies, agency)
		html_counts_row(dest, agency->code, agency->name,
				&agency->counts);
	html_counts_row(dest, "*", "Tổng cộng", &digest->totals);
	str_append(dest, "</table>\n");
}

static void html_cell(string_t *dest, const char *value)
{
	str_append(dest, "<td style=\"border:1px solid #999999\">");
	html_text(dest, value);
	str_append(dest, "</td>");
}

static void html_task_row(string_t *dest, const struct dondoc_digest_task *task,
			  bool with_agency)
{
	const struct dondoc_store_digest_task *row = &task->row;
	struct html_colour c = html_state_colour(task->state);

	str_append(dest, "<tr data-task=\"");
	html_text(dest, row->code);
	str_printfa(dest, "\" data-state=\"%s\">",
		    dondoc_digest_state_name(task->state));
	html_cell(dest, row->code);
	if (with_agency)
		html_cell(dest, row->agency);
	html_cell(dest, row->title);
	html_cell(dest, digest_date_words(&row->due));
	str_printfa(dest, "<td bgcolor=\"%s\" style=\"background-color:%s;"
		    "color:%s;border:1px solid #999999\">%s</td>",
		    c.bg, c.bg, c.fg, digest_state_words(task->state));
	str_append(dest, "<td align=\"right\" style=\"border:1px solid "
		   "#999999\">");
	if (task->late_days > 0)
		str_printfa(dest, "%u", task->late_days);
	str_append(dest, "</td>");
	html_cell(dest, !row->submitted ? "" :
		  digest_document_words(row->doc_number, row->doc_symbol,
					&row->doc_date));
	str_append(dest, "</tr>\n");
}

static void html_tasks_table(string_t *dest,
			     const ARRAY_TYPE(dondoc_digest_task) *tasks,
			     bool with_agency)
{
	const struct dondoc_digest_task *task;

	str_append(dest, HTML_TABLE "\n<tr>" HTML_TH "Mã</th>");
	if (with_agency)
		str_append(dest, HTML_TH "Cơ quan</th>");
	str_append(dest, HTML_TH "Nội dung</th>" HTML_TH "Hạn</th>" HTML_TH
		   "Tình trạng</th>" HTML_TH "Ngày làm việc muộn</th>"
		   HTML_TH "Văn bản</th></tr>\n");
	array_foreach(tasks, task)
		html_task_row(dest, task, with_agency);
	str_append(dest, "</table>\n");
}

static void html_issue(string_t *dest,
		       const struct dondoc_store_digest_issue *issue,
		       bool proposals)
{
	const char *text = proposals ? issue->proposals : issue->difficulties;

	str_printfa(dest, "<li data-issue=\"%s\"><b>%s</b> (",
		    proposals ? "proposal" : "difficulty",
		    proposals ? "Kiến nghị, đề xuất" : "Khó khăn, vướng mắc");
	html_text(dest, digest_document_words(issue->doc_number,
		  issue->doc_symbol, &issue->doc_date));
	str_append(dest, "): ");
	if (issue->secret)
		str_append(dest, "<i>Văn bản mật: không trích nội dung.</i>");
	else
		digest_html_escape(dest, text, TRUE);
	str_append(dest, "</li>\n");
}

static void html_agency(string_t *dest,
			const struct dondoc_digest_agency *agency,
			const char *cid)
{
	const struct dondoc_store_digest_issue *issue;

	str_append(dest, "<h3 style=\"font-family:Arial,Helvetica,sans-serif;"
		   "font-size:15px\">");
	html_text(dest, agency->name);
	str_append(dest, " (");
	html_text(dest, agency->code);
	str_append(dest, ")</h3>\n");
	if (cid != NULL) {
		str_append(dest, "<p><img src=\"cid:");
		html_text(dest, cid);
		str_append(dest, "\" width=\"480\" height=\"160\" alt=\"");
		str_printfa(dest, "Đúng hạn %u, muộn %u, quá hạn %u, "
			    "chưa đến hạn %u", agency->counts.on_time,
			    agency->counts.late, agency->counts.overdue,
			    agency->counts.open);
		str_append(dest, "\"></p>\n");
	}
	if (array_count(&agency->tasks) > 0)
		html_tasks_table(dest, &agency->tasks, FALSE);
	if (array_count(&agency->issues) == 0)
		return;
	str_append(dest, "<ul style=\"font-family:Arial,Helvetica,sans-serif;"
		   "font-size:13px\">\n");
	array_foreach(&agency->issues, issue) {
		if (issue->difficulties_raised)
			html_issue(dest, issue, FALSE);
		if (issue->proposals_raised)
			html_issue(dest, issue, TRUE);
	}
	str_append(dest, "</ul>\n");
}

static const char *html_tristate(int value, const char *yes, const char *no)
{
	return value < 0 ? "Chưa rõ" : value > 0 ? yes : no;
}

static void html_meetings(string_t *dest, const struct dondoc_digest *digest)
{
	const struct dondoc_digest_meeting *dm;

	if (array_count(&digest->meetings) == 0) {
		str_append(dest, "<p>Không có cuộc họp nào được ghi nhận "
			   "trong kỳ.</p>\n");
		return;
	}
	str_append(dest, HTML_TABLE "\n<tr>" HTML_TH "Ngày</th>" HTML_TH
		   "Cuộc họp</th>" HTML_TH "Giấy mời (2 ngày làm việc)</th>"
		   HTML_TH "Thông báo kết luận</th></tr>\n");
	array_foreach(&digest->meetings, dm) {
		str_append(dest, "<tr data-meeting=\"");
		html_text(dest, dm->meeting.code);
		str_append(dest, "\">");
		html_cell(dest, digest_date_words(&dm->meeting.date));
		html_cell(dest, dm->meeting.title);
		html_cell(dest, html_tristate(dm->notice_ok, "Đúng hạn",
					      "Gửi muộn"));
		html_cell(dest, html_tristate(dm->conclusions_sent, "Đã gửi",
					      "Chưa gửi"));
		str_append(dest, "</tr>\n");
	}
	str_append(dest, "</table>\n");
}

void dondoc_digest_append_html(string_t *dest,
			       const struct dondoc_digest *digest,
			       const char *const *chart_cids)
{
	const struct dondoc_digest_agency *agency;
	const char *words = dondoc_digest_period_words(&digest->period);
	unsigned int i = 0;

	str_append(dest, "<!DOCTYPE html>\n<html lang=\"vi\"><head>"
		   "<meta charset=\"utf-8\"><title>Báo cáo ");
	html_text(dest, words);
	str_append(dest, "</title></head>\n<body style=\"font-family:Arial,"
		   "Helvetica,sans-serif;font-size:13px;color:#222222\">\n"
		   "<h2 style=\"font-size:17px\">BÁO CÁO tình hình thực hiện "
		   "nhiệm vụ ");
	html_text(dest, words);
	str_printfa(dest, "</h2>\n<p>Từ %s đến %s; số liệu đến ngày %s.</p>\n",
		    digest_date_words(&digest->period.first),
		    digest_date_words(&digest->period.last),
		    digest_date_words(&digest->as_of));
	str_append(dest, "<h3 style=\"font-size:15px\">I. Tổng hợp</h3>\n");
	html_summary(dest, digest);
	str_append(dest, "<h3 style=\"font-size:15px\">II. Tình hình của từng "
		   "cơ quan</h3>\n");
	array_foreach(&digest->agencies, agency) {
		html_agency(dest, agency,
			    chart_cids == NULL ? NULL : chart_cids[i]);
		i++;
	}
	str_append(dest, "<h3 style=\"font-size:15px\">III. Các cuộc họp"
		   "</h3>\n");
	html_meetings(dest, digest);
	str_append(dest, "<h3 style=\"font-size:15px\">IV. Nhiệm vụ được giao "
		   "trong kỳ</h3>\n");
	if (array_count(&digest->assigned) == 0)
		str_append(dest, "<p>Không có nhiệm vụ mới.</p>\n");
	else
		html_tasks_table(dest, &digest->assigned, TRUE);
	str_append(dest, "</body></html>\n");
}
