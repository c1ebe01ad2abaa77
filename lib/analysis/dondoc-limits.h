/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_LIMITS_H
#define DONDOC_LIMITS_H

/* Every bound the analysis obeys, in one place, so that hostile input
   costs a known amount and each limit can be configured and tested. */

#include "dondoc-extractor.h"

struct dondoc_limits {
	/* Bytes of message read at most; the rest is ignored. */
	uoff_t max_message_size;
	/* MIME structure bounds handed to Dovecot's message-parser. */
	unsigned int max_parts;
	unsigned int max_nesting;
	size_t max_header_bytes;
	/* Decoded text kept per source (body or one attachment) and in all. */
	size_t max_text_bytes;
	size_t max_total_text_bytes;
	/* Documents reported at most per message. */
	unsigned int max_documents;
	/* CPU time budget for one message, in milliseconds (the thread's
	   CPU time, so a slow sender does not count against it). */
	unsigned int max_msecs;
	/* Decoded bytes of one office attachment (.docx/.odt) read at most:
	   a larger archive is not opened. */
	size_t max_attachment_bytes;
	/* Bounds on an office archive, checked from the central directory
	   before inflating, and while inflating. */
	unsigned int max_zip_entries;
	size_t max_zip_uncompressed_bytes;
	unsigned int max_zip_ratio;
	/* Bytes of one header value (Subject, From, file names) kept. */
	size_t max_header_value_bytes;
	/* PDF and .doc attachments: the out-of-process extractor, its
	   limits (per attachment), and how many attachments of one message
	   it reads at most. */
	struct dondoc_extract_limits extract;
	unsigned int max_extractions;
};

#define DONDOC_LIMITS_DEFAULT_MAX_MESSAGE_SIZE (64ULL * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_PARTS 1000
#define DONDOC_LIMITS_DEFAULT_MAX_NESTING 20
#define DONDOC_LIMITS_DEFAULT_MAX_HEADER_BYTES (1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_TEXT_BYTES (1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_TOTAL_TEXT_BYTES (4 * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_DOCUMENTS 32
#define DONDOC_LIMITS_DEFAULT_MAX_MSECS 2000
#define DONDOC_LIMITS_DEFAULT_MAX_ATTACHMENT_BYTES (16 * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_ZIP_ENTRIES 2000
#define DONDOC_LIMITS_DEFAULT_MAX_ZIP_UNCOMPRESSED_BYTES (32 * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_ZIP_RATIO 200
#define DONDOC_LIMITS_DEFAULT_MAX_HEADER_VALUE_BYTES 4096

#ifndef DONDOC_EXTRACTOR
#  define DONDOC_EXTRACTOR "/usr/libexec/dondoc/dondoc-extract"
#endif
#define DONDOC_LIMITS_DEFAULT_EXTRACT_CPU_SECS 5
#define DONDOC_LIMITS_DEFAULT_EXTRACT_MEMORY (512ULL * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_EXTRACT_FILE_BYTES (8ULL * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_EXTRACT_MSECS 10000
#define DONDOC_LIMITS_DEFAULT_EXTRACT_OUTPUT_BYTES (1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_EXTRACTIONS 8

extern const struct dondoc_limits dondoc_limits_default;

/* A setting's value (NULL when unset or empty), from the adapter's
   settings (Pigeonhole's, the mail user's plugin {} block). */
typedef const char *dondoc_limits_setting_t(void *context, const char *name);

/* Read the extractor's settings into limits: dondoc_extractor (absolute
   path, or "none"), dondoc_pdf_ca (absolute path of a PEM bundle),
   dondoc_extract_cpu_secs, dondoc_extract_memory (size),
   dondoc_extract_msecs, dondoc_extract_max_files. A bad value keeps the
   default: returns -1 with the problem in *error_r (the caller logs it;
   later settings are still read), else 0. Strings are used as given: they
   must live as long as limits. */
int dondoc_limits_read_extract(struct dondoc_limits *limits,
			       dondoc_limits_setting_t *get, void *context,
			       const char **error_r);

#endif
