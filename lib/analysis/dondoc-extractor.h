/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_EXTRACTOR_H
#define DONDOC_EXTRACTOR_H

/* PDF and Word 97-2003 (.doc) attachments are read outside the delivery
   process, by the dondoc-extract helper (extract/dondoc-extract.c, over
   poppler and antiword): forked, exec'd with a clean environment and no
   shell, under CPU, address-space, file-size and descriptor rlimits, fed
   the attachment on a sealed memory file and read back on a pipe, killed
   (its whole process group) with SIGKILL when its wall-clock time or
   output budget is spent. What it says is parsed as untrusted input. */

enum dondoc_extract_kind {
	DONDOC_EXTRACT_PDF,
	DONDOC_EXTRACT_DOC,
};

struct dondoc_extract_limits {
	/* The helper's absolute path; NULL or "" disables extraction. */
	const char *path;
	/* PEM bundle of the CAs whose PDF signatures verify; NULL: none. */
	const char *pdf_ca;
	/* RLIMIT_CPU (seconds), RLIMIT_AS (bytes), RLIMIT_FSIZE (bytes),
	   wall-clock milliseconds before SIGKILL, bytes of output read. */
	unsigned int cpu_secs;
	uoff_t memory_bytes;
	uoff_t file_bytes;
	unsigned int wall_msecs;
	size_t output_bytes;
};

struct dondoc_pdf_signature {
	/* "valid" (verifies, trusted CA, whole file) or "invalid" */
	const char *status;
	/* why not valid: "no CA configured", "untrusted issuer", ... */
	const char *reason;
	/* the helper's own readings, as given */
	const char *crypto, *certificate;
	const char *signer, *subject, *organisation, *time;
	bool whole_file;
	/* where the signed ranges end (the helper's reading) */
	uoff_t range_end;
};

struct dondoc_extract_result {
	/* "ok", "partial" (cut by a limit or broken input: reason) or
	   "unavailable" (the helper is missing or could not run) */
	const char *status;
	const char *reason;
	unsigned int pages, text_pages, signatures;
	/* pages but no text layer: a scan, left to a human */
	bool scanned;
	/* the signature covering most of the file; NULL when none */
	struct dondoc_pdf_signature *signature;
	/* wall-clock time spent, microseconds */
	uint64_t usecs;
};

/* Run the helper on one attachment. Its text (UTF-8 as the helper wrote
   it, up to limits->output_bytes) is appended to text; result is filled
   from pool. Never fails: what went wrong is in result->status/reason. */
void dondoc_extract_run(enum dondoc_extract_kind kind, const void *data,
			size_t size, const struct dondoc_extract_limits *limits,
			pool_t pool, string_t *text,
			struct dondoc_extract_result *result_r);

#endif
