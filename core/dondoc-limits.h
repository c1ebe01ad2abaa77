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
	/* Wall-clock budget for one message, in milliseconds. */
	unsigned int max_msecs;
};

#define DONDOC_LIMITS_DEFAULT_MAX_MESSAGE_SIZE (64ULL * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_PARTS 1000
#define DONDOC_LIMITS_DEFAULT_MAX_NESTING 20
#define DONDOC_LIMITS_DEFAULT_MAX_HEADER_BYTES (1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_TEXT_BYTES (1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_TOTAL_TEXT_BYTES (4 * 1024 * 1024)
#define DONDOC_LIMITS_DEFAULT_MAX_DOCUMENTS 32
#define DONDOC_LIMITS_DEFAULT_MAX_MSECS 2000

extern const struct dondoc_limits dondoc_limits_default;

#endif
