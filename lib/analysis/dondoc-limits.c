/* The default analysis limits (see dondoc-limits.h for their meaning). */

#include "lib.h"
#include "dondoc-limits.h"

const struct dondoc_limits dondoc_limits_default = {
	.max_message_size = DONDOC_LIMITS_DEFAULT_MAX_MESSAGE_SIZE,
	.max_parts = DONDOC_LIMITS_DEFAULT_MAX_PARTS,
	.max_nesting = DONDOC_LIMITS_DEFAULT_MAX_NESTING,
	.max_header_bytes = DONDOC_LIMITS_DEFAULT_MAX_HEADER_BYTES,
	.max_text_bytes = DONDOC_LIMITS_DEFAULT_MAX_TEXT_BYTES,
	.max_total_text_bytes = DONDOC_LIMITS_DEFAULT_MAX_TOTAL_TEXT_BYTES,
	.max_documents = DONDOC_LIMITS_DEFAULT_MAX_DOCUMENTS,
	.max_msecs = DONDOC_LIMITS_DEFAULT_MAX_MSECS,
	.max_attachment_bytes = DONDOC_LIMITS_DEFAULT_MAX_ATTACHMENT_BYTES,
	.max_zip_entries = DONDOC_LIMITS_DEFAULT_MAX_ZIP_ENTRIES,
	.max_zip_uncompressed_bytes =
		DONDOC_LIMITS_DEFAULT_MAX_ZIP_UNCOMPRESSED_BYTES,
	.max_zip_ratio = DONDOC_LIMITS_DEFAULT_MAX_ZIP_RATIO,
	.max_header_value_bytes = DONDOC_LIMITS_DEFAULT_MAX_HEADER_VALUE_BYTES,
};
