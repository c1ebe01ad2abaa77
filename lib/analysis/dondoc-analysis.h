/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ANALYSIS_H
#define DONDOC_ANALYSIS_H

/* What the core found in one message: the administrative documents it
   carries, in message order (body first, then attachments in MIME order),
   plus the reasons the analysis stopped short, if it did. This is the one
   product of the analysis stage; every adapter (Sieve, CLI) reads it. */

#include "dondoc-limits.h"
#include "dondoc-document.h"
#include "dondoc-attendance-reply.h"

struct istream;

/* A PDF or .doc attachment read by the extractor (even when it could not
   be: then extract.status says why). */
struct dondoc_attachment {
	const char *source;	/* "attachment:NAME", as documents have */
	const char *format;	/* "pdf" or "doc" */
	struct dondoc_extract_result extract;
};
ARRAY_DEFINE_TYPE(dondoc_attachment, struct dondoc_attachment);

struct dondoc_analysis {
	pool_t pool;

	const char *message_id;
	const char *from;
	const char *subject;

	ARRAY_TYPE(dondoc_document) documents;
	/* Why the analysis is partial: limits hit, broken input. Each is a
	   short human-readable reason; empty when the analysis is complete. */
	ARRAY_TYPE(const_string) warnings;

	/* PDF and .doc attachments, in MIME order, and the wall-clock time
	   spent in the extractor for all of them (microseconds) */
	ARRAY_TYPE(dondoc_attachment) attachments;
	uint64_t extract_usecs;

	/* A reply about attending a meeting (absence, delegation, consent),
	   read in the first part whose own words say so; NULL when none
	   (dondoc-attendance-reply.h). */
	const struct dondoc_attendance_reply *attendance_reply;
};

/* The signature of the first signed attachment: NULL when none. */
const struct dondoc_pdf_signature *
dondoc_analysis_signature(const struct dondoc_analysis *analysis);

/* Analyse a whole RFC 5322 message read from input. The result is
   allocated from pool. Returns 0 when the message was analysed (possibly
   partially, see warnings), -1 on an I/O error reading input (error_r). */
int dondoc_analyze_stream(struct istream *input,
			  const struct dondoc_limits *limits, pool_t pool,
			  struct dondoc_analysis **analysis_r,
			  const char **error_r);

/* True if the analysis holds a document of type (Decree 30 abbreviation,
   compared case-insensitively) or of any type when type is NULL. */
bool dondoc_analysis_has_type(const struct dondoc_analysis *analysis,
			      const char *type);

#endif
