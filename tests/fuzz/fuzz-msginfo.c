/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the header facts read from a raw message
   (lib/tracking/dondoc-msginfo.c) and what is decided on them: the
   auto-reply rules (dondoc-autoreply.c) through the header lookup, and
   the sender trust (dondoc-trust.c) on the parsed From: and
   Authentication-Results. Input: any bytes as a message. */

#include "lib.h"
#include "str.h"
#include "istream.h"
#include "dondoc-autoreply.h"
#include "dondoc-msginfo.h"
#include "dondoc-trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

static const char *const fuzz_header_names[] = {
	"Auto-Submitted", "Precedence", "List-Id", "X-Auto-Response-Suppress",
	"Subject", "From", "Return-Path", "Message-ID", "authentication-results",
	"", NULL
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	T_BEGIN {
		struct dondoc_message_info info;
		struct dondoc_msginfo_headers *headers;
		struct dondoc_trust_result trust;
		struct istream *input;
		const char *error, *reason;
		unsigned int i;
		pool_t pool = pool_alloconly_create("fuzz msginfo", 8192);

		i_zero(&info);
		input = i_stream_create_from_data(data, size);
		if (dondoc_msginfo_read(input, pool, &info, &headers,
					&error) == 0) {
			struct dondoc_autoreply_input ar = {
				.envelope_sender = "vanthu@stttt.example.vn",
				.get_header = dondoc_msginfo_header_nth,
				.context = headers,
				.header_truncated =
					dondoc_msginfo_headers_truncated(headers),
			};
			struct dondoc_trust_input tin = {
				.authserv_id = "mx.example.vn",
				.policy = DONDOC_TRUST_POLICY_ENVELOPE,
				.authres_headers = info.authres_headers,
				.from_address = info.from_address,
				.envelope_sender = "vanthu@stttt.example.vn",
			};

			for (i = 0; fuzz_header_names[i] != NULL; i++) {
				(void)dondoc_msginfo_header(headers,
							    fuzz_header_names[i]);
			}
			if (dondoc_autoreply_allowed(&ar, &reason))
				reason = NULL;
			else
				i_assert(reason != NULL);
			ar.envelope_sender = NULL;
			i_assert(!dondoc_autoreply_allowed(&ar, &reason));

			i_assert(info.authres_headers != NULL);
			dondoc_trust_evaluate(pool, &tin, &trust);
			i_assert(!trust.verified || trust.address != NULL);
		}
		i_stream_unref(&input);
		(void)dondoc_msginfo_from_address(pool,
			t_strndup(data, size));
		pool_unref(&pool);
	} T_END;
	return 0;
}
