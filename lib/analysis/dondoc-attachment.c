/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* PDF and .doc attachments of the analysis (see dondoc-attachment.h).
   Trusts nothing in the attachment; what the extractor says has been
   bounded and parsed by dondoc-extractor.c. */

/* memfd_create, pipe2, close_range, memmem */
#define _GNU_SOURCE
#include "lib.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-attachment.h"

static const unsigned char ole2_magic[8] = {
	0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1
};

bool dondoc_attachment_sniff(const void *data, size_t size,
			     enum dondoc_extract_kind *kind_r)
{
	if (size >= sizeof(ole2_magic) &&
	    memcmp(data, ole2_magic, sizeof(ole2_magic)) == 0) {
		*kind_r = DONDOC_EXTRACT_DOC;
		return TRUE;
	}
	if (memmem(data, I_MIN(size, 1024), "%PDF-", 5) != NULL) {
		*kind_r = DONDOC_EXTRACT_PDF;
		return TRUE;
	}
	return FALSE;
}

const char *
dondoc_attachment_extract(struct dondoc_analysis *analysis,
			  const struct dondoc_limits *limits,
			  const char *source, enum dondoc_extract_kind kind,
			  const void *data, size_t size, string_t *text)
{
	struct dondoc_attachment *att;
	struct dondoc_extract_limits elimits = limits->extract;
	string_t *raw;

	if (array_count(&analysis->attachments) >= limits->max_extractions)
		return "extraction limit reached";
	/* never more text than the analysis keeps */
	elimits.output_bytes = I_MIN(elimits.output_bytes,
				     limits->max_text_bytes);
	att = array_append_space(&analysis->attachments);
	att->source = p_strdup(analysis->pool, source);
	att->format = kind == DONDOC_EXTRACT_PDF ? "pdf" : "doc";
	raw = t_str_new(8192);
	dondoc_extract_run(kind, data, size, &elimits, analysis->pool, raw,
			   &att->extract);
	/* the helper's text is bytes: valid UTF-8 only goes on (a cut at
	   the output limit may split a character) */
	if (!uni_utf8_get_valid_data(str_data(raw), str_len(raw), text))
		;
	else
		str_append_str(text, raw);
	analysis->extract_usecs += att->extract.usecs;
	if (att->extract.scanned)
		return "scanned PDF without text: left to a human";
	return att->extract.reason;
}

const struct dondoc_pdf_signature *
dondoc_analysis_signature(const struct dondoc_analysis *analysis)
{
	const struct dondoc_attachment *att;

	array_foreach(&analysis->attachments, att) {
		if (att->extract.signature != NULL)
			return att->extract.signature;
	}
	return NULL;
}
