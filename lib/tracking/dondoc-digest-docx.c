/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* placeholder */
#include "lib.h"
#include "str.h"
#include "dondoc-digest-private.h"

int dondoc_digest_write_docx(const struct dondoc_digest *digest,
			     const struct dondoc_digest_docx_settings *set,
			     buffer_t *dest, const char **error_r)
{
	*error_r = "docx: not available yet";
	return -1;
}
