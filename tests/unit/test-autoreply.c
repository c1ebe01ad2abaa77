/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-autoreply.c: every rule that forbids an
   automatic reply, and an ordinary message that allows one. */

#include "lib.h"
#include "test-common.h"
#include "dondoc-autoreply.h"

/* Headers as "Name", "value" pairs, NULL-terminated. */
static const char *test_get_header(void *context, const char *name,
				   unsigned int index)
{
	const char *const *hdrs = context;

	for (; hdrs[0] != NULL; hdrs += 2) {
		if (strcasecmp(hdrs[0], name) == 0 && index-- == 0)
			return hdrs[1];
	}
	return NULL;
}

static bool
allowed(const char *sender, const char *const *headers, const char **reason_r)
{
	static const char *const no_headers[] = { NULL };
	struct dondoc_autoreply_input in = {
		.envelope_sender = sender,
		.get_header = test_get_header,
		.context = (void *)(headers == NULL ? no_headers : headers),
	};

	*reason_r = NULL;
	bool ret = dondoc_autoreply_allowed(&in, reason_r);
	test_assert(*reason_r != NULL);
	return ret;
}

static const char *const normal_headers[] = {
	"From", "Van thu <vanthu@sotc.example.vn>",
	"Subject", "Bao cao [DA06-2026-015]",
	"Auto-Submitted", "no",
	"Precedence", "normal",
	"X-Auto-Response-Suppress", "DR, RN",
	"Return-Path", "<vanthu@sotc.example.vn>",
	NULL
};

static void test_autoreply_normal(void)
{
	const char *reason;

	test_begin("autoreply normal message allowed");
	test_assert(allowed("vanthu@sotc.example.vn", normal_headers, &reason));
	test_assert(allowed("vanthu@sotc.example.vn", NULL, &reason));
	/* names merely containing the words */
	test_assert(allowed("requester@example.vn", NULL, &reason));
	test_assert(allowed("postmaster-nguyen@example.vn", NULL, &reason));
	test_assert(allowed("owner@example.vn", NULL, &reason));
	test_assert(allowed("a+b@example.vn", NULL, &reason));
	/* no header lookup at all */
	struct dondoc_autoreply_input in = { .envelope_sender = "a@example.vn" };
	test_assert(dondoc_autoreply_allowed(&in, &reason));
	test_end();
}

static void test_autoreply_sender(void)
{
	static const char *const refused[] = {
		NULL, "", "<>",
		"MAILER-DAEMON@mx.example.vn", "mailer-daemon",
		"postmaster@example.vn", "Postmaster@example.vn",
		"owner-canbo@lists.example.vn", "canbo-request@lists.example.vn",
		"canbo-owner@lists.example.vn", "canbo-bounces@lists.example.vn",
		"canbo-bounces+vanthu=example.vn@lists.example.vn",
		"LISTSERV@example.vn", "majordomo@example.vn",
		"noreply@example.vn", "no-reply@example.vn",
		"NoReply-dichvucong@example.vn", "donotreply@example.vn",
		"do-not-reply@example.vn", "<mailer-daemon@example.vn>",
		"\"postmaster\"@example.vn", "a\r\nb@example.vn",
	};
	const char *reason;
	unsigned int i;

	test_begin("autoreply refused senders");
	for (i = 0; i < N_ELEMENTS(refused); i++)
		test_assert_idx(!allowed(refused[i], NULL, &reason), i);
	test_assert(!allowed(NULL, NULL, &reason));
	test_assert_strcmp(reason, "null envelope sender");
	test_assert(!allowed("mailer-daemon@example.vn", normal_headers, &reason));
	test_assert_strcmp(reason, "system or list sender");
	test_end();
}

static void
test_header_refused(const char *name, const char *value, bool refused,
		    unsigned int idx)
{
	const char *headers[] = { "From", "a@example.vn", name, value, NULL };
	const char *reason;

	test_assert_idx(allowed("a@example.vn", headers, &reason) == !refused,
			idx);
}

/* Every field of a name counts, not only the first: the author's
   "Auto-Submitted: no" above the auto-responder's own field. */
static void test_autoreply_repeated_fields(void)
{
	static const struct {
		const char *name, *first, *second;
	} tests[] = {
		{ "Auto-Submitted", "no", "auto-replied" },
		{ "Precedence", "normal", "bulk" },
		{ "Precedence", "first-class", "list" },
		{ "X-Auto-Response-Suppress", "DR, RN", "OOF" },
		{ "Return-Path", "<a@example.vn>", "<>" },
	};
	const char *many[2 * 40 + 1];
	const char *reason;
	unsigned int i;

	test_begin("autoreply repeated fields");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		const char *headers[] = {
			tests[i].name, tests[i].first,
			"Subject", "x",
			tests[i].name, tests[i].second, NULL
		};
		const char *harmless[] = {
			tests[i].name, tests[i].first,
			tests[i].name, tests[i].first, NULL
		};

		test_assert_idx(!allowed("a@example.vn", headers, &reason), i);
		test_assert_idx(allowed("a@example.vn", harmless, &reason), i);
	}
	/* more fields of one name than are examined: refused */
	for (i = 0; i < 40; i++) {
		many[2 * i] = "Precedence";
		many[2 * i + 1] = "normal";
	}
	many[2 * 40] = NULL;
	test_assert(!allowed("a@example.vn", many, &reason));
	test_assert_strcmp(reason, "bulk precedence");
	test_end();
}

static void test_autoreply_own_address(void)
{
	static const char *const own[] = {
		"postmaster@bcd06.example.vn", "TGV@bcd06.example.vn", NULL
	};
	static const struct {
		const char *sender;
		bool refused;
	} tests[] = {
		{ "tgv@bcd06.example.vn", TRUE },
		{ "<tgv@BCD06.example.vn>", TRUE },
		{ "tgv+status@bcd06.example.vn", TRUE },
		{ "Postmaster@bcd06.example.vn", TRUE },
		{ "tgv@other.example.vn", FALSE },
		{ "tgv2@bcd06.example.vn", FALSE },
		{ "tg@bcd06.example.vn", FALSE },
		{ "vanthu@stttt.example.vn", FALSE },
	};
	struct dondoc_autoreply_input in = {
		.get_header = test_get_header,
		.context = (void *)normal_headers,
		.own_addresses = own,
	};
	const char *reason;
	unsigned int i;

	test_begin("autoreply own addresses");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		in.envelope_sender = tests[i].sender;
		test_assert_idx(dondoc_autoreply_allowed(&in, &reason) ==
				!tests[i].refused, i);
		if (tests[i].refused && i != 3)
			test_assert_idx(strcmp(reason, "our own address") == 0, i);
	}
	test_end();
}

static void test_autoreply_headers(void)
{
	static const struct {
		const char *name, *value;
		bool refused;
	} tests[] = {
		{ "Auto-Submitted", "auto-replied", TRUE },
		{ "Auto-Submitted", "auto-generated", TRUE },
		{ "Auto-Submitted", "auto-notified; owner-email=a@b", TRUE },
		{ "Auto-Submitted", "", TRUE },
		{ "Auto-Submitted", "No", FALSE },
		{ "Auto-Submitted", " no ", FALSE },
		{ "Auto-Submitted", "no; comment=x", FALSE },
		{ "Auto-Submitted", "no (really)", FALSE },
		{ "Auto-Submitted", "nope", TRUE },
		{ "List-Id", "Can bo <canbo.lists.example.vn>", TRUE },
		{ "List-Post", "<mailto:canbo@lists.example.vn>", TRUE },
		{ "List-Unsubscribe", "<mailto:x@example.vn>", TRUE },
		{ "List-Help", "<mailto:x@example.vn>", TRUE },
		{ "List-Owner", "<mailto:x@example.vn>", TRUE },
		{ "Precedence", "bulk", TRUE },
		{ "Precedence", "List", TRUE },
		{ "Precedence", " junk", TRUE },
		{ "Precedence", "first-class", FALSE },
		{ "X-Auto-Response-Suppress", "All", TRUE },
		{ "X-Auto-Response-Suppress", "DR, AutoReply", TRUE },
		{ "X-Auto-Response-Suppress", "oof,RN", TRUE },
		{ "X-Auto-Response-Suppress", "DR, NDR, RN, NRN", FALSE },
		{ "X-Auto-Response-Suppress", "Allow", FALSE },
		{ "X-Loop", "dondoc@example.vn", TRUE },
		/* Pigeonhole marks redirected mail; it is not automatic mail. */
		{ "X-Sieve", "Pigeonhole Sieve 0.5.19", FALSE },
		{ "X-Dondoc-Generated", "receipt", TRUE },
		{ "X-Dondoc-Generated", "", TRUE },
		{ "Return-Path", "<>", TRUE },
		{ "Return-Path", " <>", TRUE },
		{ "Return-Path", "<a@example.vn>", FALSE },
		{ "Feedback-ID", "a:b:c", FALSE },
	};
	unsigned int i;

	test_begin("autoreply header rules");
	for (i = 0; i < N_ELEMENTS(tests); i++)
		test_header_refused(tests[i].name, tests[i].value,
				    tests[i].refused, i);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_autoreply_normal,
		test_autoreply_sender,
		test_autoreply_headers,
		test_autoreply_repeated_fields,
		test_autoreply_own_address,
		NULL
	};
	return test_run(test_functions);
}
