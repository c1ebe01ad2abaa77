/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the whole analysis: any bytes as a message through
   dondoc_analyze_stream() and the JSON rendering. Build and run with
   `make fuzz` / `make fuzz-run` (tests/analysis.inc); not part of make
   check. Small limits make the fuzzer reach the limit paths too. */

#include "lib.h"
#include "str.h"
#include "istream.h"
#include "dondoc-analysis.h"
#include "dondoc-json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dondoc_limits limits = dondoc_limits_default;
	struct dondoc_analysis *analysis;
	struct istream *input;
	const char *error;
	pool_t pool;

	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	limits.max_parts = 50;
	limits.max_nesting = 10;
	limits.max_text_bytes = 64 * 1024;
	limits.max_msecs = 5000;
	/* the extractor runs in a process of its own: not fuzzed here
	   (tests/corpus/hostile_extract.py feeds it hostile files) */
	limits.extract.path = NULL;
	T_BEGIN {
		pool = pool_alloconly_create("fuzz", 8192);
		input = i_stream_create_from_data(data, size);
		if (dondoc_analyze_stream(input, &limits, pool, &analysis,
					  &error) == 0) {
			string_t *out = t_str_new(1024);

			dondoc_json_append_analysis(out, analysis);
		}
		i_stream_unref(&input);
		pool_unref(&pool);
	} T_END;
	return 0;
}
