/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the signed reply addresses (lib/tracking/
   dondoc-replyaddr.c). The input (up to its first NUL) is the recipient
   :detail a sender chose, checked with dondoc_replyaddr_verify(); it is
   also tried as a task code and as a base address. Checks that every
   address built verifies back to its task, and that a detail verifies
   only under the secret it was made with. */

#include "lib.h"
#include "str.h"
#include "dondoc-replyaddr.h"

#define FUZZ_SECRET "fuzz-secret"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	T_BEGIN {
		/* malloc()ed to its size: ASan sees a read past its end */
		char *input = i_strndup(data, size);
		const char *task, *task2, *detail, *addr;
		bool ok;

		ok = dondoc_replyaddr_verify(FUZZ_SECRET, input, &task);
		i_assert(ok == (task != NULL));
		if (ok) {
			/* a forged MAC cannot be found by a fuzzer: a valid
			   one is the one we would have made */
			detail = dondoc_replyaddr_detail(FUZZ_SECRET, task);
			i_assert(detail != NULL &&
				 strcasecmp(detail, input) == 0);
		}

		detail = dondoc_replyaddr_detail(FUZZ_SECRET, input);
		if (detail != NULL) {
			i_assert(dondoc_replyaddr_verify(FUZZ_SECRET, detail,
							 &task2));
			i_assert(strcmp(task2, input) == 0);
			i_assert(!dondoc_replyaddr_verify("other-secret",
							  detail, &task2));
		}
		addr = dondoc_replyaddr_build(FUZZ_SECRET, "tgv",
					      "example.vn", input);
		/* "tgv+" and the detail fit the 64 bytes of a local part */
		i_assert((addr != NULL) ==
			 (detail != NULL && 4 + strlen(detail) <= 64));
		addr = dondoc_replyaddr_for(FUZZ_SECRET, input, "T-1");
		if (addr != NULL) {
			const char *plus = strchr(addr, '+');
			const char *at = strrchr(addr, '@');

			i_assert(plus != NULL && at != NULL && plus < at);
			i_assert(dondoc_replyaddr_verify(FUZZ_SECRET,
				t_strdup_until(plus + 1, at), &task2));
			i_assert(strcmp(task2, "T-1") == 0);
		}
		i_free(input);
	} T_END;
	return 0;
}
