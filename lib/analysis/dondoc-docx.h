/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DOCX_H
#define DONDOC_DOCX_H

/* Text of office documents attached to mail: .docx (word/document.xml)
   and .odt (content.xml), read with libzip and expat. Every cost is
   bounded before it is paid: the archive's own size, its entry count,
   the declared uncompressed size and compression ratio (checked from the
   central directory before anything is inflated), then the bytes
   actually inflated and the text produced are counted as they come. */

enum dondoc_office_kind {
	DONDOC_OFFICE_DOCX,
	DONDOC_OFFICE_ODT,
};

struct dondoc_zip_limits {
	size_t max_archive_bytes;
	unsigned int max_entries;
	size_t max_uncompressed_bytes;
	unsigned int max_ratio;
	size_t max_text_bytes;
	/* Thread CPU time (CLOCK_THREAD_CPUTIME_ID, nanoseconds) after which
	   inflating stops; 0 for none. */
	uint64_t cpu_deadline_nsecs;
};

/* Append the document's text (UTF-8, paragraphs as lines, tabs kept) to
   dest. Returns 0 when the text was read whole, -1 when it was not or
   only partly (a short reason in *warning_r; dest keeps what was read). */
int dondoc_office_extract(enum dondoc_office_kind kind, const void *data,
			  size_t size, const struct dondoc_zip_limits *limits,
			  string_t *dest, const char **warning_r);

#endif
