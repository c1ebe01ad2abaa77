/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/analysis/dondoc-analysis.c: MIME walking, decoding, limits. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "test-common.h"
#include "dondoc-analysis.h"

static struct dondoc_analysis *
analyze(const char *msg, const struct dondoc_limits *limits, pool_t pool)
{
	struct dondoc_analysis *analysis;
	struct istream *input;
	const char *error;

	input = i_stream_create_from_data(msg, strlen(msg));
	test_assert(dondoc_analyze_stream(input, limits, pool, &analysis,
					  &error) == 0);
	i_stream_unref(&input);
	return analysis;
}

static const struct dondoc_document *doc_idx(struct dondoc_analysis *a,
					     unsigned int i)
{
	return array_count(&a->documents) > i ?
		array_idx(&a->documents, i) : NULL;
}

static void test_plain(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_analysis *a;

	test_begin("analysis: plain text body");
	a = analyze("From: =?UTF-8?B?Q8O0bmcgYW4gdOG7iW5o?= <cat@example.vn>\n"
		    "Subject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o?=\n"
		    "Message-ID: <1@example.vn>\n\n"
		    "Số: 17/BC-CAT\n", &dondoc_limits_default, pool);
	test_assert_strcmp(a->message_id, "<1@example.vn>");
	test_assert_strcmp(a->subject, "Báo cáo");
	test_assert_strcmp(a->from, "Công an tỉnh <cat@example.vn>");
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->type, "BC");
	test_assert(dondoc_analysis_has_type(a, "bc"));
	test_assert(!dondoc_analysis_has_type(a, "TTr"));
	test_assert(array_count(&a->warnings) == 0);
	pool_unref(&pool);
	test_end();
}

static void test_multipart(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_analysis *a;

	test_begin("analysis: multipart, base64 html, attachments");
	a = analyze("MIME-Version: 1.0\n"
		    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
		    "--b1\n"
		    "Content-Type: text/html; charset=utf-8\n"
		    "Content-Transfer-Encoding: base64\n\n"
		    /* <p>S&#7889;: 3/TTr-STTTT</p> */
		    "PHA+UyYjNzg4OTs6IDMvVFRyLVNUVFRUPC9wPg==\n"
		    "--b1\n"
		    "Content-Type: application/octet-stream; name=\"bc.txt\"\n"
		    "Content-Disposition: attachment; filename=\"bc.txt\"\n"
		    "Content-Transfer-Encoding: quoted-printable\n\n"
		    "S=E1=BB=91: 4/BC-STTTT\n"
		    "--b1\n"
		    "Content-Type: image/png; name=\"x.png\"\n"
		    "Content-Transfer-Encoding: base64\n\n"
		    "U+G7kTogNS9CQy1YWFg=\n"
		    "--b1--\n", &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 2);
	test_assert_strcmp(doc_idx(a, 0)->source, "body");
	test_assert_strcmp(doc_idx(a, 0)->type, "TTr");
	test_assert_strcmp(doc_idx(a, 1)->source, "attachment:bc.txt");
	test_assert_strcmp(doc_idx(a, 1)->number, "4");
	pool_unref(&pool);
	test_end();
}

static void test_charset(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_analysis *a;

	test_begin("analysis: windows-1258 body");
	/* "Số" in CP1258: S, o-circumflex (0xF4), combining acute (0xEC) */
	a = analyze("Content-Type: text/plain; charset=windows-1258\n"
		    "Content-Transfer-Encoding: 8bit\n\n"
		    "S\xf4\xec: 8/KH-UBND\n", &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->type, "KH");
	pool_unref(&pool);
	test_end();
}

static void test_broken(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_analysis *a;

	test_begin("analysis: broken MIME still analysed");
	a = analyze("Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
		    "--b1\n"
		    "Content-Type: text/plain\n"
		    "Content-Transfer-Encoding: base64\n\n"
		    "U+G7kTogMi9CQi1CQ0Q=!!!trunc", &dondoc_limits_default,
		    pool);
	test_assert(array_count(&a->documents) <= 1);
	pool_unref(&pool);
	test_end();
}

static void test_limits(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_limits limits = dondoc_limits_default;
	struct dondoc_analysis *a;
	string_t *msg = t_str_new(1024);
	unsigned int i;

	test_begin("analysis: text and nesting limits");
	limits.max_text_bytes = 16;
	a = analyze("Subject: x\n\n0123456789012345678901234\nSố: 1/BC-X\n",
		    &limits, pool);
	test_assert(array_count(&a->documents) == 0);
	test_assert(array_count(&a->warnings) == 1);
	test_assert_strcmp(array_idx_elem(&a->warnings, 0),
			   "text limit reached");

	limits = dondoc_limits_default;
	limits.max_nesting = 3;
	for (i = 0; i < 10; i++) {
		str_printfa(msg, "Content-Type: multipart/mixed; "
			    "boundary=\"b%u\"\n\n--b%u\n", i, i);
	}
	str_append(msg, "Content-Type: text/plain\n\nSố: 1/BC-X\n");
	a = analyze(str_c(msg), &limits, pool);
	test_assert(array_count(&a->warnings) == 1);
	pool_unref(&pool);
	test_end();
}

static bool has_warning(struct dondoc_analysis *a, const char *warning)
{
	const char *const *w;

	array_foreach(&a->warnings, w) {
		if (strcmp(*w, warning) == 0)
			return TRUE;
	}
	return FALSE;
}

static void test_more_limits(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_limits limits = dondoc_limits_default;
	struct dondoc_analysis *a;
	string_t *msg = t_str_new(4096);
	unsigned int i;

	test_begin("analysis: size, parts, header, time, document limits");
	/* message size: the document after the limit is not seen */
	limits.max_message_size = 64;
	a = analyze("Subject: x\n\n" "0123456789012345678901234567890123"
		    "4567890123456789\nSố: 1/BC-X\n", &limits, pool);
	test_assert(array_count(&a->documents) == 0);
	test_assert(has_warning(a, "message size limit reached"));

	/* parts */
	limits = dondoc_limits_default;
	limits.max_parts = 5;
	str_append(msg, "Content-Type: multipart/mixed; boundary=b\n\n");
	for (i = 0; i < 20; i++)
		str_printfa(msg, "--b\nContent-Type: text/plain\n\nSố: %u/BC-X\n", i + 1);
	str_append(msg, "--b--\n");
	a = analyze(str_c(msg), &limits, pool);
	/* past the limit the parser reads the rest as the last part's body:
	   still bounded by the text limits */
	test_assert(array_count(&a->documents) <= 20);
	test_assert(has_warning(a, "MIME structure limit reached"));

	/* documents */
	limits = dondoc_limits_default;
	limits.max_documents = 3;
	a = analyze(str_c(msg), &limits, pool);
	test_assert(array_count(&a->documents) == 3);
	test_assert(has_warning(a, "document limit reached"));

	/* header bytes */
	limits = dondoc_limits_default;
	limits.max_header_bytes = 100;
	str_truncate(msg, 0);
	str_append(msg, "Subject: ");
	for (i = 0; i < 50; i++)
		str_append(msg, "long subject ");
	str_append(msg, "\n\nSố: 1/BC-X\n");
	a = analyze(str_c(msg), &limits, pool);
	test_assert(has_warning(a, "header size limit reached"));
	test_assert(strlen(a->subject) <= limits.max_header_value_bytes);

	/* CPU time: a zero budget stops at the first clock check */
	limits = dondoc_limits_default;
	limits.max_msecs = 0;
	str_truncate(msg, 0);
	str_append(msg, "Content-Type: multipart/mixed; boundary=b\n\n");
	for (i = 0; i < 200; i++)
		str_printfa(msg, "--b\nContent-Type: text/plain\n\nSố: %u/BC-X\n", i + 1);
	for (i = 0; i < 100000; i++)
		str_append(msg, "busy busy busy busy busy busy busy\n");
	a = analyze(str_c(msg), &limits, pool);
	test_assert(has_warning(a, "time limit reached"));
	test_assert(array_count(&a->documents) < 200);
	pool_unref(&pool);
	test_end();
}

static void test_quoting(void)
{
	pool_t pool = pool_alloconly_create("test", 4096);
	struct dondoc_analysis *a;

	test_begin("analysis: reply quoting and alternatives");
	a = analyze("Subject: Re\n\nSố: 2/BC-MOI\n\n> Số: 1/KH-CU\n",
		    &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->number, "2");
	a = analyze("Subject: Re\n\nĐã nhận.\n> > Số: 1/KH-CU\n",
		    &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert(doc_idx(a, 0)->quoted);
	/* text/plain and text/html of one body: one document */
	a = analyze("Content-Type: multipart/alternative; boundary=a\n\n"
		    "--a\nContent-Type: text/plain; charset=utf-8\n\n"
		    "Số: 5/TB-X\n--a\nContent-Type: text/html; charset=utf-8\n\n"
		    "<p>Số: 5/TB-X</p><p>THÔNG BÁO</p><p>Lịch họp quý 2/2023</p>\n--a--\n",
		    &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->summary, "Lịch họp quý 2/2023");
	test_assert(doc_idx(a, 0)->period.index == 2);
	/* Outlook: html with its images in multipart/related */
	a = analyze("Content-Type: multipart/alternative; boundary=a\n\n"
		    "--a\nContent-Type: text/plain; charset=utf-8\n\n"
		    "Số: 5/TB-X\n--a\nContent-Type: multipart/related; boundary=r\n\n"
		    "--r\nContent-Type: text/html; charset=utf-8\n\n"
		    "<p>Số: 5/TB-X</p><p>THÔNG BÁO</p><p>Lịch họp</p>\n"
		    "--r\nContent-Type: image/png\n\nxx\n--r--\n--a--\n",
		    &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->summary, "Lịch họp");
	/* RFC 2231 continuations with charset */
	a = analyze("Content-Type: multipart/mixed; boundary=b\n\n--b\n"
		    "Content-Type: text/plain\nContent-Disposition: attachment;\n"
		    " filename*0*=utf-8''B%C3%A1o%20;\n filename*1*=c%C3%A1o.txt\n\n"
		    "Số: 1/BC-X\n--b--\n", &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 1);
	test_assert_strcmp(doc_idx(a, 0)->source, "attachment:Báo cáo.txt");
	/* an attached message is an attachment; the body comes first */
	a = analyze("Content-Type: multipart/mixed; boundary=m\n\n"
		    "--m\nContent-Type: message/rfc822\n\n"
		    "Subject: inner\n\nSố: 7/CV-X\n"
		    "--m\nContent-Type: text/plain\n\nSố: 8/BC-X\n--m--\n",
		    &dondoc_limits_default, pool);
	test_assert(array_count(&a->documents) == 2);
	test_assert_strcmp(doc_idx(a, 0)->source, "body");
	test_assert_strcmp(doc_idx(a, 1)->source, "attachment:message.eml");
	pool_unref(&pool);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_plain,
		test_multipart,
		test_charset,
		test_broken,
		test_limits,
		test_more_limits,
		test_quoting,
		NULL
	};
	return test_run(test_functions);
}
