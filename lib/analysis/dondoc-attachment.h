/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ATTACHMENT_H
#define DONDOC_ATTACHMENT_H

/* PDF and Word 97-2003 attachments in the MIME walk: recognised by name,
   content type or magic bytes, read by the out-of-process extractor
   (dondoc-extractor.h), recorded in the analysis's attachments. */

#include "dondoc-analysis.h"

/* What the first bytes of an attachment are: TRUE and *kind_r for a PDF
   ("%PDF-" within the first 1024 bytes, as readers allow) or an OLE2
   compound file (Word 97-2003 and its kin). */
bool dondoc_attachment_sniff(const void *data, size_t size,
			     enum dondoc_extract_kind *kind_r);

/* Run the extractor on one attachment, append its text (raw UTF-8, as
   the helper gave it) to text and record the attachment in analysis.
   Returns a warning for the analysis (why the text is partial or
   missing), or NULL. */
const char *
dondoc_attachment_extract(struct dondoc_analysis *analysis,
			  const struct dondoc_limits *limits,
			  const char *source, enum dondoc_extract_kind kind,
			  const void *data, size_t size, string_t *text);

#endif
