/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-msginfo.c: the header facts tracking reads
   in one pass, field lookup for the auto-reply rules, and the limits
   beyond which a lookup can no longer prove a header absent. */

#include "lib.h"
#include "str.h"
#include "istream.h"
#include "test-common.h"
#include "dondoc-autoreply.h"
#include "dondoc-msginfo.h"

static int read_header(const char *data, struct dondoc_message_info *info_r,
		       struct dondoc_msginfo_headers **headers_r)
{
	struct istream *input;
	const char *error;
	int ret;

	input = i_stream_create_from_data(data, strlen(data));
	ret = dondoc_msginfo_read(input, pool_datastack_create(), info_r,
				  headers_r, &error);
	i_stream_unref(&input);
	return ret;
}

static bool reply_allowed(struct dondoc_msginfo_headers *headers,
			  const char **reason_r)
{
	struct dondoc_autoreply_input in = {
		.envelope_sender = "vanthu@stttt.example.vn",
		.get_header = dondoc_msginfo_header_nth,
		.context = headers,
		.header_truncated = dondoc_msginfo_headers_truncated(headers),
	};

	return dondoc_autoreply_allowed(&in, reason_r);
}

static void test_msginfo_fields(void)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	const char *reason;

	test_begin("msginfo fields");
	T_BEGIN {
		test_assert(read_header(
			"Authentication-Results: mx.example.vn; dmarc=pass\r\n"
			"From: =?UTF-8?B?VsSDbiB0aMawIFPhu58=?= <VanThu@STTTT.Example.VN>\r\n"
			"Subject: =?UTF-8?B?QsOhbyBjw6Fv?=\r\n"
			"Message-ID: <a@example.vn>\r\n"
			"In-Reply-To: <r@bcd06.example.vn>\r\n"
			"References: <p@bcd06.example.vn>\r\n"
			"\t<r@bcd06.example.vn>\r\n"
			"Authentication-Results: other.example; dmarc=fail\r\n"
			"X-Mailer: test\r\n"
			"\r\n"
			"Precedence: bulk\r\n", &info, &headers) == 0);
		test_assert_strcmp(info.from_address, "VanThu@stttt.example.vn");
		test_assert_strcmp(info.subject, "Báo cáo");
		test_assert_strcmp(info.message_id, "<a@example.vn>");
		test_assert_strcmp(info.in_reply_to, "<r@bcd06.example.vn>");
		test_assert_strcmp(info.references,
				   "<p@bcd06.example.vn> <r@bcd06.example.vn>");
		test_assert(info.authres_headers[0] != NULL &&
			    info.authres_headers[1] != NULL &&
			    info.authres_headers[2] == NULL);
		test_assert_strcmp(info.authres_headers[0],
				   "mx.example.vn; dmarc=pass");
		test_assert_strcmp(dondoc_msginfo_header(headers, "x-mailer"),
				   "test");
		/* The body is not the header. */
		test_assert(dondoc_msginfo_header(headers, "Precedence") == NULL);
		test_assert(!dondoc_msginfo_headers_truncated(headers));
		test_assert(reply_allowed(headers, &reason));
	} T_END;
	test_end();
}

static void test_msginfo_no_body(void)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;

	test_begin("msginfo header without body");
	T_BEGIN {
		test_assert(read_header("Subject: x\r\nList-Id: <l.example>",
					&info, &headers) == 0);
		test_assert(!dondoc_msginfo_headers_truncated(headers));
		test_assert_strcmp(dondoc_msginfo_header(headers, "List-Id"),
				   "<l.example>");
	} T_END;
	test_end();
}

/* The second field of a name is seen by the auto-reply rules. */
static void test_msginfo_repeated_field(void)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	const char *reason;

	test_begin("msginfo repeated field");
	T_BEGIN {
		test_assert(read_header(
			"Auto-Submitted: no\r\n"
			"Subject: Re: x\r\n"
			"Auto-Submitted: auto-replied\r\n\r\nbody\r\n",
			&info, &headers) == 0);
		test_assert_strcmp(dondoc_msginfo_header(headers,
			"auto-submitted"), "no");
		test_assert_strcmp(dondoc_msginfo_header_nth(headers,
			"Auto-Submitted", 1), "auto-replied");
		test_assert(dondoc_msginfo_header_nth(headers,
			"Auto-Submitted", 2) == NULL);
		test_assert(!reply_allowed(headers, &reason));
		test_assert_strcmp(reason, "auto-submitted message");
	} T_END;
	test_end();
}

/* A List-Id past what is kept must not let a receipt go to a list. */
static void test_msginfo_too_many_fields(void)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	const char *reason;
	string_t *data;
	unsigned int i;

	test_begin("msginfo too many fields");
	T_BEGIN {
		data = t_str_new(20000);
		for (i = 0; i < 600; i++)
			str_printfa(data, "X-Filler-%u: %u\r\n", i, i);
		str_append(data, "List-Id: <canbo.lists.example.vn>\r\n\r\nbody\r\n");
		test_assert(read_header(str_c(data), &info, &headers) == 0);
		test_assert(dondoc_msginfo_headers_truncated(headers));
		test_assert(dondoc_msginfo_header(headers, "List-Id") == NULL);
		test_assert(!reply_allowed(headers, &reason));
		test_assert_strcmp(reason, "header too long to check");
	} T_END;
	test_end();
}

static void test_msginfo_too_many_bytes(void)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	const char *reason;
	string_t *data;

	test_begin("msginfo header over the byte limit");
	T_BEGIN {
		data = t_str_new(1100 * 1024);
		str_append(data, "Subject: ");
		while (str_len(data) < 1100 * 1024)
			str_append(data, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\t");
		str_append(data, "x\r\nList-Id: <l.example>\r\n\r\nbody\r\n");
		test_assert(read_header(str_c(data), &info, &headers) == 0);
		test_assert(dondoc_msginfo_headers_truncated(headers));
		test_assert(!reply_allowed(headers, &reason));
	} T_END;
	test_end();
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_msginfo_fields,
		test_msginfo_no_body,
		test_msginfo_repeated_field,
		test_msginfo_too_many_fields,
		test_msginfo_too_many_bytes,
		NULL
	};
	return test_run(tests);
}
