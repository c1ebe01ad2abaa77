/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-replyaddr.c: signed per-task reply
   addresses round-trip, and nothing else verifies. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "hmac.h"
#include "base32.h"
#include "test-common.h"
#include "dondoc-replyaddr.h"

#define SECRET "s3cr3t-for-tests"

/* The MAC computed independently with Dovecot's one-shot HMAC. */
static const char *expected_mac(const char *secret, const char *task)
{
	buffer_t *mac = t_hmac_str(&hash_method_sha256,
				   (const unsigned char *)secret,
				   strlen(secret), t_str_lcase(task));
	string_t *b32 = t_str_new(64);

	base32_encode(FALSE, mac->data, mac->used, b32);
	return t_str_lcase(t_strndup(str_c(b32), DONDOC_REPLYADDR_MAC_CHARS));
}

static void test_replyaddr_roundtrip(void)
{
	const char *detail, *addr, *task, *p;

	test_begin("replyaddr round trip");
	detail = dondoc_replyaddr_detail(SECRET, "DA06-2026-015");
	test_assert(detail != NULL);
	test_assert_strcmp(detail, t_strconcat("DA06-2026-015.",
		expected_mac(SECRET, "DA06-2026-015"), NULL));
	/* alphabet: RFC 4648 base32, lowercased */
	p = strrchr(detail, '.');
	test_assert(p != NULL && strlen(p + 1) == DONDOC_REPLYADDR_MAC_CHARS);
	for (p++; *p != '\0'; p++)
		test_assert((*p >= 'a' && *p <= 'z') || (*p >= '2' && *p <= '7'));

	test_assert(dondoc_replyaddr_verify(SECRET, detail, &task));
	test_assert_strcmp(task, "DA06-2026-015");

	addr = dondoc_replyaddr_build(SECRET, "vanthu", "ubnd.example.vn",
				      "DA06-2026-015");
	test_assert_strcmp(addr, t_strconcat("vanthu+", detail,
					     "@ubnd.example.vn", NULL));
	/* underscore and single-character codes */
	detail = dondoc_replyaddr_detail(SECRET, "a_b");
	test_assert(dondoc_replyaddr_verify(SECRET, detail, &task));
	test_assert_strcmp(task, "a_b");
	detail = dondoc_replyaddr_detail(SECRET, "x");
	test_assert(dondoc_replyaddr_verify(SECRET, detail, &task));
	test_end();
}

static void test_replyaddr_case(void)
{
	const char *detail, *task;

	test_begin("replyaddr case-insensitive");
	detail = dondoc_replyaddr_detail(SECRET, "DA06-2026-015");
	test_assert(dondoc_replyaddr_verify(SECRET, t_str_lcase(detail), &task));
	test_assert_strcmp(task, "da06-2026-015");
	test_assert(dondoc_replyaddr_verify(SECRET, t_str_ucase(detail), &task));
	test_assert_strcmp(task, "DA06-2026-015");
	/* the MAC does not depend on the case of the code */
	test_assert_strcmp(dondoc_replyaddr_detail(SECRET, "da06-2026-015"),
			   t_str_lcase(detail));
	test_end();
}

static void test_replyaddr_forged(void)
{
	const char *detail, *task, *p;
	char *tampered;
	unsigned int i;

	test_begin("replyaddr wrong or tampered");
	detail = dondoc_replyaddr_detail(SECRET, "DA06-2026-015");
	p = strrchr(detail, '.');

	/* every single-character change of the MAC fails */
	for (i = 0; i < DONDOC_REPLYADDR_MAC_CHARS; i++) {
		tampered = t_strdup_noconst(detail);
		char *c = tampered + (p - detail) + 1 + i;
		*c = *c == 'a' ? 'b' : 'a';
		task = "unchanged";
		test_assert_idx(!dondoc_replyaddr_verify(SECRET, tampered, &task), i);
		test_assert_idx(task == NULL, i);
	}
	/* the MAC of one task does not verify another */
	test_assert(!dondoc_replyaddr_verify(SECRET,
		t_strconcat("DA06-2026-016", p, NULL), &task));
	test_assert(!dondoc_replyaddr_verify(SECRET,
		t_strconcat("DA06-2026-01", p, NULL), &task));
	/* truncated, extended, missing MAC */
	test_assert(!dondoc_replyaddr_verify(SECRET,
		t_strndup(detail, strlen(detail) - 1), &task));
	test_assert(!dondoc_replyaddr_verify(SECRET,
		t_strconcat(detail, "a", NULL), &task));
	test_assert(!dondoc_replyaddr_verify(SECRET, "DA06-2026-015", &task));
	test_assert(!dondoc_replyaddr_verify(SECRET, "DA06-2026-015.", &task));
	test_assert(!dondoc_replyaddr_verify(SECRET, ".", &task));
	test_assert(!dondoc_replyaddr_verify(SECRET, "", &task));
	test_assert(!dondoc_replyaddr_verify(SECRET, NULL, &task));
	/* a dot in the task part */
	test_assert(!dondoc_replyaddr_verify(SECRET,
		t_strconcat("x.", detail, NULL), &task));
	/* a different secret */
	test_assert(!dondoc_replyaddr_verify("another secret", detail, &task));
	test_assert(strcmp(dondoc_replyaddr_detail("another secret",
						   "DA06-2026-015"), detail) != 0);
	test_end();
}

static void test_replyaddr_invalid(void)
{
	static const char *const bad_tasks[] = {
		"", "DA06.2026", "DA06 2026", "DA06+1", "DA06@x", "Đ06",
		"a\r\nBcc: x@evil", "a/b",
		"0123456789012345678901234567890123456789012345678901234567890123x",
	};
	const char *task;
	unsigned int i;

	test_begin("replyaddr invalid input");
	for (i = 0; i < N_ELEMENTS(bad_tasks); i++) {
		test_assert_idx(dondoc_replyaddr_detail(SECRET, bad_tasks[i]) == NULL, i);
		test_assert_idx(dondoc_replyaddr_build(SECRET, "vt", "example.vn",
						       bad_tasks[i]) == NULL, i);
	}
	/* 64 bytes is the limit */
	test_assert(dondoc_replyaddr_detail(SECRET,
		"0123456789012345678901234567890123456789012345678901234567890123") != NULL);
	test_assert(dondoc_replyaddr_detail(SECRET, NULL) == NULL);

	/* empty or missing secret: nothing is built or verified */
	test_assert(dondoc_replyaddr_detail("", "DA06") == NULL);
	test_assert(dondoc_replyaddr_detail(NULL, "DA06") == NULL);
	test_assert(dondoc_replyaddr_build("", "vt", "example.vn", "DA06") == NULL);
	const char *detail = dondoc_replyaddr_detail(SECRET, "DA06");
	test_assert(!dondoc_replyaddr_verify("", detail, &task));
	test_assert(!dondoc_replyaddr_verify(NULL, detail, &task));

	/* local parts and domains that could break the address */
	static const char *const bad_locals[] = {
		"", "a b", "a\r\nb", "<a>", "a@b", "a+b", "\"a\"", "a,b",
		".a", "a.", "a..b", "a(b)",
	};
	for (i = 0; i < N_ELEMENTS(bad_locals); i++) {
		test_assert_idx(dondoc_replyaddr_build(SECRET, bad_locals[i],
						       "example.vn", "DA06") == NULL, i);
	}
	static const char *const bad_domains[] = {
		"", "exa mple.vn", "example.vn>", "a@example.vn", "example..vn",
		".example.vn", "example.vn.", "ex_ample.vn", "example.vn\r\n",
	};
	for (i = 0; i < N_ELEMENTS(bad_domains); i++) {
		test_assert_idx(dondoc_replyaddr_build(SECRET, "vt",
						       bad_domains[i], "DA06") == NULL, i);
	}
	test_assert(dondoc_replyaddr_build(SECRET, NULL, "example.vn", "DA06") == NULL);
	test_assert(dondoc_replyaddr_build(SECRET, "vt", NULL, "DA06") == NULL);
	test_assert(dondoc_replyaddr_build(SECRET, "van.thu-1", "mx-1.example.vn",
					   "DA06") != NULL);
	/* the whole local part must stay within 64 bytes (RFC 5321) */
	test_assert(dondoc_replyaddr_build(SECRET, "vt", "example.vn",
		"0123456789012345678901234567890123456789012345678") == NULL);
	test_assert(dondoc_replyaddr_build(SECRET, "vt", "example.vn",
		"012345678901234567890123456789012345678901234567") != NULL);
	test_end();
}

static void test_replyaddr_for(void)
{
	const char *a, *task;

	test_begin("replyaddr for a base address");
	a = dondoc_replyaddr_for("s3cret", "tgv@bcd06.example.vn", "T-1");
	test_assert(a != NULL && str_begins_with(a, "tgv+T-1."));
	test_assert(a != NULL && strstr(a, "@bcd06.example.vn") != NULL &&
		    strcmp(strchr(a, '@'), "@bcd06.example.vn") == 0);
	/* a detail already in the base address is dropped */
	test_assert_strcmp(dondoc_replyaddr_for("s3cret",
		"tgv+old@bcd06.example.vn", "T-1"), a);
	if (a != NULL) {
		const char *detail = t_strcut(strchr(a, '+') + 1, '@');

		test_assert(dondoc_replyaddr_verify("s3cret", detail, &task));
		test_assert_strcmp(task, "T-1");
	}
	test_assert(dondoc_replyaddr_for(NULL, "tgv@x.vn", "T-1") == NULL);
	test_assert(dondoc_replyaddr_for("s", NULL, "T-1") == NULL);
	test_assert(dondoc_replyaddr_for("s", "no-at-sign", "T-1") == NULL);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_replyaddr_roundtrip,
		test_replyaddr_case,
		test_replyaddr_forged,
		test_replyaddr_invalid,
		test_replyaddr_for,
		NULL
	};
	return test_run(test_functions);
}
