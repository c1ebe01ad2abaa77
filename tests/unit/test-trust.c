/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-trust.c: which Authentication-Results count,
   DMARC/DKIM alignment, the envelope policy and hostile input. */

#include "lib.h"
#include "str.h"
#include "istream.h"
#include "test-common.h"
#include "dondoc-msginfo.h"
#include "dondoc-trust.h"

#define OURS "mx.ubnd.example.vn"

static bool
trust_check(enum dondoc_trust_policy policy, const char *const *headers,
	    const char *from, const char *envelope, const char **reason_r,
	    const char **address_r)
{
	struct dondoc_trust_input in = {
		.authserv_id = OURS,
		.policy = policy,
		.authres_headers = headers,
		.from_address = from,
		.envelope_sender = envelope,
	};
	struct dondoc_trust_result result;

	dondoc_trust_evaluate(pool_datastack_create(), &in, &result);
	*reason_r = result.reason;
	*address_r = result.address;
	test_assert(result.reason != NULL);
	test_assert(result.verified == (result.address != NULL));
	return result.verified;
}

static bool
trust_one(const char *header, const char *from, const char **reason_r)
{
	const char *headers[] = { header, NULL };
	const char *address;

	return trust_check(DONDOC_TRUST_POLICY_AUTHRES, headers, from, NULL,
			   reason_r, &address);
}

static void test_trust_aligned(void)
{
	test_begin("trust domains aligned");
	test_assert(dondoc_trust_domains_aligned("example.vn", "example.vn"));
	test_assert(dondoc_trust_domains_aligned("Example.VN", "example.vn"));
	test_assert(dondoc_trust_domains_aligned("mail.example.vn", "example.vn"));
	test_assert(dondoc_trust_domains_aligned("example.vn", "so.example.vn"));
	test_assert(dondoc_trust_domains_aligned("example.vn.", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("evilexample.vn", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("example.vn", "evilexample.vn"));
	test_assert(!dondoc_trust_domains_aligned("vn", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("example.vn", "vn"));
	test_assert(!dondoc_trust_domains_aligned("other.vn", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("a.example.vn", "b.example.vn"));
	test_assert(!dondoc_trust_domains_aligned("example.vn.evil.com", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned(".example.vn", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("x..example.vn", "example.vn"));
	test_assert(!dondoc_trust_domains_aligned("ex ample.vn", "ex ample.vn"));
	test_assert(!dondoc_trust_domains_aligned(NULL, "example.vn"));
	test_end();
}

static void test_trust_dmarc(void)
{
	const char *reason, *address;
	const char *headers[] = {
		OURS "; spf=pass smtp.mailfrom=so@example.vn;"
		" dmarc=pass (p=none dis=none) header.from=example.vn",
		NULL
	};

	test_begin("trust dmarc pass");
	test_assert(trust_check(DONDOC_TRUST_POLICY_AUTHRES, headers,
				"VanThu@Example.VN", NULL, &reason, &address));
	test_assert_strcmp(reason, "dmarc");
	test_assert_strcmp(address, "vanthu@example.vn");
	/* DMARC about another From: domain says nothing about ours */
	test_assert(!trust_one(OURS "; dmarc=pass header.from=other.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dmarc=fail header.from=example.vn",
			       "a@example.vn", &reason));
	/* our DMARC failure vetoes an aligned DKIM pass */
	test_assert(!trust_one(OURS "; dkim=pass header.d=example.vn; "
			       "dmarc=fail header.from=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dmarc=fail header.from=example.vn; "
			       "dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	/* header.from is optional; uppercase method and result */
	test_assert(trust_one(OURS "; DMARC=PASS", "a@example.vn", &reason));
	test_assert_strcmp(reason, "dmarc");
	test_end();
}

static void test_trust_dkim(void)
{
	const char *reason;

	test_begin("trust dkim");
	test_assert(trust_one(OURS "; dkim=pass header.d=example.vn header.s=sel",
			      "a@example.vn", &reason));
	test_assert_strcmp(reason, "dkim");
	/* signing subdomain and parent domain */
	test_assert(trust_one(OURS "; dkim=pass header.d=mail.example.vn",
			      "a@example.vn", &reason));
	test_assert(trust_one(OURS "; dkim=pass header.d=example.vn",
			      "a@so.example.vn", &reason));
	/* header.i instead of header.d */
	test_assert(trust_one(OURS "; dkim=pass header.i=@example.vn",
			      "a@example.vn", &reason));
	test_assert(trust_one(OURS "; dkim=pass header.i=user@example.vn",
			      "a@example.vn", &reason));
	/* unaligned, look-alike suffix, bare TLD */
	test_assert(!trust_one(OURS "; dkim=pass header.d=gmail.com",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header.d=evilexample.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header.d=vn",
			       "a@example.vn", &reason));
	/* failures and non-results */
	test_assert(!trust_one(OURS "; dkim=fail header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=neutral header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass", "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; spf=pass smtp.mailfrom=a@example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; none", "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header.d=example.vn",
			       NULL, &reason));
	test_end();
}

static void test_trust_topmost(void)
{
	const char *reason, *address;
	/* ours says fail; a forged one below claims pass */
	const char *forged_below[] = {
		OURS "; dkim=fail header.d=example.vn",
		OURS "; dmarc=pass header.from=example.vn",
		NULL
	};
	/* someone else's (and a forged copy) above ours: ignored */
	const char *others_above[] = {
		"mx.evil.com; dmarc=pass header.from=example.vn",
		"other.example.vn; dkim=pass header.d=example.vn",
		OURS "; dkim=pass header.d=example.vn",
		OURS "; dkim=fail header.d=example.vn",
		NULL
	};
	const char *only_others[] = {
		"mx.evil.com; dmarc=pass header.from=example.vn",
		"MX.UBND.EXAMPLE.VN.evil; dkim=pass header.d=example.vn",
		NULL
	};
	const char *ours_nothing[] = {
		OURS "; spf=none",
		OURS "; dmarc=pass header.from=example.vn",
		NULL
	};

	test_begin("trust topmost ours only");
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, forged_below,
				 "a@example.vn", NULL, &reason, &address));
	test_assert(trust_check(DONDOC_TRUST_POLICY_AUTHRES, others_above,
				"a@example.vn", NULL, &reason, &address));
	test_assert_strcmp(reason, "dkim");
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, only_others,
				 "a@example.vn", NULL, &reason, &address));
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, ours_nothing,
				 "a@example.vn", NULL, &reason, &address));
	/* authserv-id compared case-insensitively, optional version */
	test_assert(trust_one("MX.Ubnd.Example.VN 1; dkim=pass header.d=example.vn",
			      "a@example.vn", &reason));
	test_assert(!trust_one("mx.ubnd.example.vn.; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_end();

	/* A-R trust disabled: nothing counts */
	test_begin("trust authserv-id unset");
	struct dondoc_trust_input in = {
		.authserv_id = "",
		.authres_headers = others_above,
		.from_address = "a@example.vn",
	};
	struct dondoc_trust_result result;
	dondoc_trust_evaluate(pool_datastack_create(), &in, &result);
	test_assert(!result.verified);
	in.authserv_id = NULL;
	dondoc_trust_evaluate(pool_datastack_create(), &in, &result);
	test_assert(!result.verified);
	in.authserv_id = "(" OURS;
	dondoc_trust_evaluate(pool_datastack_create(), &in, &result);
	test_assert(!result.verified);
	test_end();
}

static void test_trust_syntax(void)
{
	const char *reason;

	test_begin("trust comments, quoting, folding");
	/* realistic OpenDKIM/OpenDMARC style, folded and commented */
	test_assert(trust_one(OURS ";\r\n\tdkim=pass (2048-bit key; unprotected)"
			      " header.d=example.vn header.i=@example.vn"
			      " header.b=\"AbC/+xyz\";\r\n\tdkim-atps=neutral",
			      "a@example.vn", &reason));
	test_assert(trust_one("(leading (nested) comment) " OURS
			      " (c); (c) dkim (x) = (y) pass (z) header.d"
			      " (c) = (d) example.vn (e)",
			      "a@example.vn", &reason));
	/* CFWS around the dot of ptype.property */
	test_assert(trust_one(OURS "; dkim=pass header (a) . (b) d = example.vn",
			      "a@example.vn", &reason));
	test_assert(trust_one(OURS "; dkim=pass header. d=example.vn",
			      "a@example.vn", &reason));
	test_assert(trust_one(OURS "; dkim=pass header .d=example.vn",
			      "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header . . d=example.vn",
			       "a@example.vn", &reason));
	/* a comment may hide a ';' and a fake result */
	test_assert(!trust_one(OURS "; spf=pass (; dkim=pass header.d=example.vn)"
			       " smtp.mailfrom=example.vn",
			       "a@example.vn", &reason));
	/* so may a quoted string */
	test_assert(!trust_one(OURS "; spf=pass reason=\"x; dkim=pass"
			       " header.d=example.vn\"",
			       "a@example.vn", &reason));
	/* reason, quoted local part */
	test_assert(trust_one(OURS "; dkim=pass reason=\"good sig\""
			      " header.i=\"a b\"@example.vn",
			      "a@example.vn", &reason));
	/* a folded quoted string */
	test_assert(trust_one(OURS "; dkim=pass reason=\"good\r\n sig\""
			      " header.d=example.vn", "a@example.vn", &reason));
	/* method version */
	test_assert(trust_one(OURS "; dkim/1=pass header.d=example.vn",
			      "a@example.vn", &reason));
	/* uppercase ptype and property */
	test_assert(trust_one(OURS "; dkim=pass HEADER.D=Example.VN",
			      "a@example.vn", &reason));
	test_end();

	test_begin("trust multiple resinfos");
	test_assert(trust_one(OURS "; spf=fail smtp.mailfrom=x@evil.com;"
			      " dkim=pass header.d=evil.com;"
			      " dkim=pass header.d=example.vn;"
			      " dmarc=none header.from=example.vn",
			      "a@example.vn", &reason));
	test_assert_strcmp(reason, "dkim");
	test_assert(trust_one(OURS "; dkim=fail header.d=example.vn;"
			      " dkim=pass header.d=example.vn",
			      "a@example.vn", &reason));
	test_assert(!trust_one(OURS "; dkim=pass header.d=evil.com;"
			       " dkim=pass header.d=example.vn.evil.com",
			       "a@example.vn", &reason));
	test_end();
}

/* The authserv-id is the first token, bare: quoted, or in any other
   position, it is not ours (defect: a quoted id counted as ours). */
static void test_trust_authserv_id_exact(void)
{
	const char *reason, *address;
	const char *quoted_above_ours[] = {
		"\"" OURS "\"; dkim=pass header.d=example.vn",
		OURS "; dkim=fail header.d=example.vn",
		NULL
	};

	test_begin("trust authserv-id exact");
	/* case: a domain name, compared case-insensitively (documented) */
	test_assert(trust_one("Mx.UBND.example.VN; dkim=pass header.d=example.vn",
			      "a@example.vn", &reason));
	/* quoted: somebody else's spelling */
	test_assert(!trust_one("\"" OURS "\"; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert_strcmp(reason, "no authentication-results from our authserv-id");
	test_assert(!trust_one("\"MX.UBND.EXAMPLE.VN\"; dmarc=pass"
			       " header.from=example.vn", "a@example.vn", &reason));
	/* a quoted one above ours is skipped: ours (fail) is the answer */
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, quoted_above_ours,
				 "a@example.vn", NULL, &reason, &address));
	test_assert_strcmp(reason, "dmarc or aligned dkim failed");
	/* our id in another position than the first token */
	test_assert(!trust_one("evil.example; dkim=pass header.d=example.vn "
			       OURS, "a@example.vn", &reason));
	test_assert(!trust_one("evil.example " OURS "; dkim=pass"
			       " header.d=example.vn", "a@example.vn", &reason));
	test_assert(!trust_one("evil.example; " OURS "=pass header.d=example.vn;"
			       " dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one("x" OURS "; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one(OURS "x; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert(!trust_one("mx.ubnd.example; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	/* ours followed by something that is not a version: malformed */
	test_assert(!trust_one(OURS " evil.example; dkim=pass header.d=example.vn",
			       "a@example.vn", &reason));
	test_assert_strcmp(reason, "authentication-results malformed");
	test_end();
}

static void test_trust_envelope(void)
{
	const char *reason, *address;
	const char *none[] = { NULL };
	const char *failed[] = { OURS "; dmarc=fail header.from=example.vn", NULL };
	const char *neutral[] = { OURS "; spf=pass smtp.mailfrom=example.vn", NULL };

	test_begin("trust envelope policy");
	test_assert(trust_check(DONDOC_TRUST_POLICY_ENVELOPE, none,
				"VanThu@example.vn", "vanthu@EXAMPLE.vn",
				&reason, &address));
	test_assert_strcmp(reason, "envelope");
	test_assert_strcmp(address, "vanthu@example.vn");
	test_assert(trust_check(DONDOC_TRUST_POLICY_ENVELOPE, neutral,
				"a@example.vn", "a@example.vn",
				&reason, &address));
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, none,
				 "a@example.vn", "b@example.vn",
				 &reason, &address));
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, none,
				 "a@example.vn", NULL, &reason, &address));
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, none,
				 "a@example.vn", "", &reason, &address));
	/* our own server said the domain failed: no fallback */
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, failed,
				 "a@example.vn", "a@example.vn",
				 &reason, &address));
	/* policy off: equal envelope is no evidence */
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, none,
				 "a@example.vn", "a@example.vn",
				 &reason, &address));
	test_assert(!trust_check(DONDOC_TRUST_POLICY_AUTHRES, NULL,
				 "a@example.vn", "a@example.vn",
				 &reason, &address));
	test_end();
}

static void test_trust_garbage(void)
{
	static const char *const garbage[] = {
		"", ";", OURS, OURS ";", OURS "; dkim", OURS "; dkim=",
		OURS "; =pass", OURS "; dkim=pass header.d", OURS "; dkim=pass header.d=",
		OURS "; dkim=pass .d=example.vn", OURS "; dkim=pass header.=example.vn",
		OURS "; dkim=pass (unterminated header.d=example.vn",
		OURS "; dkim=pass header.d=\"example.vn",
		OURS "; dkim=pass header.d=example.vn)",
		OURS " x; dkim=pass header.d=example.vn",
		OURS "; none; dkim=pass header.d=example.vn",
		"\"" OURS "; dkim=pass header.d=example.vn",
		OURS "; dkim=pass header.d=example.vn header.d==x",
		OURS "; dkim=pass header.d=exa\001mple.vn",
	};
	const char *reason, *address;
	unsigned int i;

	test_begin("trust garbage");
	for (i = 0; i < N_ELEMENTS(garbage); i++)
		test_assert_idx(!trust_one(garbage[i], "a@example.vn", &reason), i);

	/* a malformed header of ours stops the search: a valid-looking
	   one below it is not consulted */
	const char *malformed_first[] = {
		OURS "; dkim=pass (unterminated",
		OURS "; dkim=pass header.d=example.vn",
		NULL
	};
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, malformed_first,
				 "a@example.vn", "a@example.vn",
				 &reason, &address));

	/* deep comment nesting, huge header, too many resinfos */
	string_t *str = t_str_new(1024);
	str_append(str, OURS "; dkim=pass header.d=example.vn ");
	for (i = 0; i < 10000; i++)
		str_append_c(str, '(');
	test_assert(!trust_one(str_c(str), "a@example.vn", &reason));

	str_truncate(str, 0);
	str_append(str, OURS "; dkim=pass header.d=example.vn; ");
	for (i = 0; i < 20000; i++)
		str_append(str, "spf=none ");
	test_assert(!trust_one(str_c(str), "a@example.vn", &reason));

	str_truncate(str, 0);
	str_append(str, OURS);
	for (i = 0; i < 100; i++)
		str_append(str, "; spf=none");
	str_append(str, "; dkim=pass header.d=example.vn");
	test_assert(!trust_one(str_c(str), "a@example.vn", &reason));

	/* ours buried below too many others: not looked for */
	const char **many = t_new(const char *, 102);
	for (i = 0; i < 100; i++)
		many[i] = "other.example.vn; none";
	many[100] = OURS "; dkim=pass header.d=example.vn";
	test_assert(!trust_check(DONDOC_TRUST_POLICY_ENVELOPE, many,
				 "a@example.vn", "a@example.vn",
				 &reason, &address));
	many[10] = many[100];
	many[11] = NULL;
	test_assert(trust_check(DONDOC_TRUST_POLICY_AUTHRES, many,
				"a@example.vn", NULL, &reason, &address));

	/* From: addresses without a domain */
	test_assert(!trust_one(OURS "; dmarc=pass", "nobody", &reason));
	test_assert(!trust_one(OURS "; dmarc=pass", "a@", &reason));
	test_assert(!trust_one(OURS "; dmarc=pass", "@example.vn", &reason));
	test_end();
}

/* From a raw header, as a delivery reads it (dondoc-msginfo.c), to the
   verdict: the fields the trust decision takes from the message. */
static bool trust_raw(const char *header, const char **reason_r)
{
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	struct dondoc_trust_input in = { .authserv_id = OURS };
	struct dondoc_trust_result result;
	struct istream *input;
	const char *error;

	input = i_stream_create_from_data(header, strlen(header));
	test_assert(dondoc_msginfo_read(input, pool_datastack_create(), &info,
					&headers, &error) == 0);
	i_stream_unref(&input);
	in.authres_headers = info.authres_headers;
	in.from_address = info.from_address;
	dondoc_trust_evaluate(pool_datastack_create(), &in, &result);
	*reason_r = result.reason;
	return result.verified;
}

static void test_trust_raw_header(void)
{
	const char *reason;

	test_begin("trust raw header");
	T_BEGIN {
		test_assert(trust_raw("Authentication-Results: " OURS
				      "; dmarc=pass header.from=example.vn\r\n"
				      "From: <a@example.vn>\r\n\r\n", &reason));
		/* whitespace before the colon: not ours (and not stripped
		   by a filter matching the exact name) */
		test_assert(!trust_raw("Authentication-Results : " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "From: <a@example.vn>\r\n\r\n", &reason));
		test_assert_strcmp(reason, "no authentication-results from our authserv-id");
		test_assert(!trust_raw("Authentication-Results\t: " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "From: <a@example.vn>\r\n\r\n", &reason));
		/* ... and then ours below it is the topmost that counts */
		test_assert(!trust_raw("Authentication-Results : " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "Authentication-Results: " OURS
				       "; dmarc=fail header.from=example.vn\r\n"
				       "From: <a@example.vn>\r\n\r\n", &reason));
		test_assert_strcmp(reason, "dmarc or aligned dkim failed");
		/* two From: fields: no From: address, unverified, whichever
		   one the header vouches for */
		test_assert(!trust_raw("Authentication-Results: " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "From: <a@example.vn>\r\n"
				       "From: <boss@other.example>\r\n\r\n",
				       &reason));
		test_assert_strcmp(reason, "no usable from address");
		test_assert(!trust_raw("Authentication-Results: " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "From: <boss@other.example>\r\n"
				       "from: <a@example.vn>\r\n\r\n", &reason));
		/* two mailboxes in one From: likewise */
		test_assert(!trust_raw("Authentication-Results: " OURS
				       "; dmarc=pass header.from=example.vn\r\n"
				       "From: <a@example.vn>, <b@example.vn>\r\n\r\n",
				       &reason));
	} T_END;
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_trust_aligned,
		test_trust_dmarc,
		test_trust_dkim,
		test_trust_topmost,
		test_trust_syntax,
		test_trust_authserv_id_exact,
		test_trust_envelope,
		test_trust_raw_header,
		test_trust_garbage,
		NULL
	};
	return test_run(test_functions);
}
