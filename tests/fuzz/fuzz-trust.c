/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the sender-trust decision (lib/tracking/
   dondoc-trust.c): the Authentication-Results values, the From: address
   and the envelope sender all come from the fuzz input, as a forger
   writes them. Input: byte 0 picks the policy, then '\n'-separated lines:
   From: address, envelope sender, then one Authentication-Results value
   each. Checks that a verified result always names an address. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-trust.h"

#define FUZZ_MAX_HEADERS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

static const char *nonempty(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	if (size == 0)
		return 0;
	T_BEGIN {
		struct dondoc_trust_input in;
		struct dondoc_trust_result result;
		const char *const *lines;
		ARRAY_TYPE(const_string) authres;
		unsigned int i, count;
		pool_t pool = pool_alloconly_create("fuzz trust", 4096);

		lines = t_strsplit(t_strndup(data + 1, size - 1), "\n");
		count = str_array_length(lines);
		/* each line malloc()ed to its size, so that ASan sees a read
		   past its end (it cannot inside the data stack) */
		char **copies = t_new(char *, count + 1);
		for (i = 0; i < count; i++)
			copies[i] = i_strdup(lines[i]);
		lines = (const char *const *)copies;
		t_array_init(&authres, 8);
		for (i = 2; i < count && i < 2 + FUZZ_MAX_HEADERS; i++)
			array_push_back(&authres, &lines[i]);
		array_append_zero(&authres);

		i_zero(&in);
		in.authserv_id = (data[0] & 2) != 0 ? "MX.Example.VN" :
			"mx.example.vn";
		in.policy = (data[0] & 1) != 0 ?
			DONDOC_TRUST_POLICY_ENVELOPE :
			DONDOC_TRUST_POLICY_AUTHRES;
		in.authres_headers = array_front(&authres);
		in.from_address = count > 0 ? nonempty(lines[0]) : NULL;
		in.envelope_sender = count > 1 ? lines[1] : NULL;
		dondoc_trust_evaluate(pool, &in, &result);
		i_assert(!result.verified || result.address != NULL);
		i_assert(result.reason != NULL);
		if (result.verified)
			i_assert(in.from_address != NULL);

		if (count > 1)
			(void)dondoc_trust_domains_aligned(lines[0], lines[1]);
		for (i = 0; i < count; i++)
			i_free(copies[i]);
		pool_unref(&pool);
	} T_END;
	return 0;
}
