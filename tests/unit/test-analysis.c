/* Unit tests for core/dondoc-analysis.c: MIME walking, decoding, limits. */

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

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_plain,
		test_multipart,
		test_charset,
		test_broken,
		test_limits,
		NULL
	};
	return test_run(test_functions);
}
