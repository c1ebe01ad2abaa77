/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the spool entry reader (lib/tracking/
   dondoc-spool.c): any bytes as the text of an entry's .meta file, as
   dondoc_spool_list() reads it (at most its buffer's size), parsed with
   dondoc_spool_meta_parse(). A spool directory is writable by the mail
   user, so its files are not trusted. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-spool.h"

/* SPOOL_MAX_META_BYTES - 1 in dondoc-spool.c: what one read() takes */
#define FUZZ_MAX_META_BYTES (16384 - 1)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	if (size > FUZZ_MAX_META_BYTES)
		size = FUZZ_MAX_META_BYTES;
	T_BEGIN {
		struct dondoc_spool_entry entry;
		const char *error;
		pool_t pool = pool_alloconly_create("fuzz spool", 4096);

		i_zero(&entry);
		entry.name = "fuzz";
		if (dondoc_spool_meta_parse((const char *)data, size, pool,
					    &entry, &error) == 0) {
			i_assert(dondoc_spool_action_name(entry.action) != NULL);
			i_assert(entry.name != NULL);
		} else {
			i_assert(error != NULL);
		}
		pool_unref(&pool);
	} T_END;
	return 0;
}
