#ifndef DONDOC_LIMITS_H
#define DONDOC_LIMITS_H

/* Every bound the analysis obeys, in one place, so that hostile input
   costs a known amount and each limit can be configured and tested. */

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

extern const struct dondoc_limits dondoc_limits_default;

#endif
