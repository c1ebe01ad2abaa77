/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The default analysis limits (see dondoc-limits.h for their meaning),
   and the extractor's settings. Trusts the site's settings only to be
   strings: each is checked before it is used. */

#include "lib.h"
#include "dondoc-compat.h"
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
	.extract = {
		.path = DONDOC_EXTRACTOR,
		.pdf_ca = NULL,
		.cpu_secs = DONDOC_LIMITS_DEFAULT_EXTRACT_CPU_SECS,
		.memory_bytes = DONDOC_LIMITS_DEFAULT_EXTRACT_MEMORY,
		.file_bytes = DONDOC_LIMITS_DEFAULT_EXTRACT_FILE_BYTES,
		.wall_msecs = DONDOC_LIMITS_DEFAULT_EXTRACT_MSECS,
		.output_bytes = DONDOC_LIMITS_DEFAULT_EXTRACT_OUTPUT_BYTES,
	},
	.max_extractions = DONDOC_LIMITS_DEFAULT_MAX_EXTRACTIONS,
};

static int limits_uint(dondoc_limits_setting_t *get, void *context,
		       const char *name, unsigned int *value,
		       const char **error_r)
{
	const char *str = get(context, name);
	unsigned int n;

	if (str == NULL)
		return 0;
	if (str_to_uint(str, &n) < 0 || n == 0) {
		*error_r = t_strdup_printf("%s: invalid value %s (a number "
					   "above 0): using %u", name, str,
					   *value);
		return -1;
	}
	*value = n;
	return 0;
}

static int limits_path(dondoc_limits_setting_t *get, void *context,
		       const char *name, const char **value,
		       const char **error_r)
{
	const char *str = get(context, name);

	if (str == NULL)
		return 0;
	if (str[0] != '/') {
		*error_r = t_strdup_printf("%s: not an absolute path: %s",
					   name, str);
		return -1;
	}
	*value = str;
	return 0;
}

int dondoc_limits_read_extract(struct dondoc_limits *limits,
			       dondoc_limits_setting_t *get, void *context,
			       const char **error_r)
{
	struct dondoc_extract_limits *ex = &limits->extract;
	const char *str, *error;
	uoff_t size;
	int ret = 0;

	str = get(context, "dondoc_extractor");
	if (str != NULL && strcmp(str, "none") == 0)
		ex->path = NULL;
	else if (limits_path(get, context, "dondoc_extractor", &ex->path,
			     error_r) < 0)
		ret = -1;
	if (limits_path(get, context, "dondoc_pdf_ca", &ex->pdf_ca,
			error_r) < 0)
		ret = -1;
	if (limits_uint(get, context, "dondoc_extract_cpu_secs",
			&ex->cpu_secs, error_r) < 0)
		ret = -1;
	if (limits_uint(get, context, "dondoc_extract_msecs",
			&ex->wall_msecs, error_r) < 0)
		ret = -1;
	if (limits_uint(get, context, "dondoc_extract_max_files",
			&limits->max_extractions, error_r) < 0)
		ret = -1;
	str = get(context, "dondoc_extract_memory");
	if (str != NULL) {
		/* below 32 MB neither poppler nor antiword starts */
		if (dondoc_parse_size(str, &size, &error) < 0 ||
		    size < 32 * 1024 * 1024) {
			*error_r = t_strdup_printf(
				"dondoc_extract_memory: invalid value %s "
				"(at least 32M): using %llu", str,
				(unsigned long long)ex->memory_bytes);
			ret = -1;
		} else {
			ex->memory_bytes = size;
		}
	}
	return ret;
}
