/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The analysis stage: walk one message's MIME structure with Dovecot's
   message-parser, transfer-decode the parts that can hold a document
   (text/plain, text/html, .txt/.html, .docx/.odt, and .pdf/.doc
   attachments, which dondoc-attachment hands to the out-of-process
   extractor), convert them to NFC UTF-8 text (dondoc-charset,
   dondoc-html, dondoc-docx) and hand each part's text to the document
   parser. Non-text parts are never decoded. Every limit in
   dondoc-limits.h is enforced here or in the helpers it calls; hitting
   one yields a partial result with a warning, never a failure. The
   input is trusted in nothing. */

#include "lib.h"
#include "str.h"
#include "buffer.h"
#include "base64.h"
#include "qp-decoder.h"
#include "istream.h"
#include "unichar.h"
#include "rfc822-parser.h"
#include "rfc2231-parser.h"
#include "message-parser.h"
#include "message-decoder.h"
#include "message-header-decode.h"
#include "dondoc-nfc.h"
#include "dondoc-spacing.h"
#include "dondoc-charset.h"
#include "dondoc-html.h"
#include "dondoc-docx.h"
#include "dondoc-attachment.h"
#include "dondoc-analysis.h"

#include <time.h>

/* Check the CPU budget every this many parser blocks. */
#define ANALYSIS_CLOCK_EVERY 16

enum part_kind {
	PART_SKIP = 0,
	PART_TEXT,
	PART_HTML,
	PART_DOCX,
	PART_ODT,
	/* read by the extractor; SNIFF: decided by the magic bytes */
	PART_PDF,
	PART_DOC,
	PART_SNIFF,
};

struct analysis_part {
	struct message_part *part;
	enum part_kind kind;
	const char *content_type, *charset, *filename;
	bool attachment;
	enum message_cte cte;
	const char *source;

	buffer_t *raw;
	size_t raw_limit;
	bool raw_full;
	struct base64_decoder b64;
	struct qp_decoder *qp;
	bool decode_failed;
	/* header bytes of this part seen so far */
	size_t header_bytes;
};

struct named_part {
	struct message_part *part;
	const char *name;
};
ARRAY_DEFINE_TYPE(named_part, struct named_part);

struct analysis_ctx {
	const struct dondoc_limits *limits;
	struct dondoc_analysis *analysis;
	struct analysis_part part;
	/* transfer-decoded bytes of the current block */
	buffer_t *scratch;
	size_t total_text;
	unsigned int blocks;
	uint64_t start_nsecs;
	bool out_of_time;

	/* the message/rfc822 (named) and multipart/alternative parts seen */
	ARRAY_TYPE(named_part) messages;
	ARRAY(struct message_part *) alternatives;
	/* the documents the last alternative part added: [first, end) */
	struct message_part *alt_group;
	unsigned int alt_first, alt_end;
};

static void analysis_warn(struct analysis_ctx *ctx, const char *reason)
{
	const char *const *warnings;
	unsigned int i, count;

	warnings = array_get(&ctx->analysis->warnings, &count);
	for (i = 0; i < count; i++) {
		if (strcmp(warnings[i], reason) == 0)
			return;
	}
	reason = p_strdup(ctx->analysis->pool, reason);
	array_push_back(&ctx->analysis->warnings, &reason);
}

static uint64_t cpu_nsecs(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static bool header_decode_word(const unsigned char *data, size_t size,
			       const char *charset, void *context)
{
	string_t *dest = context;
	const char *used;

	/* raw 8-bit header text (charset NULL) is often UTF-8 or legacy
	   Vietnamese; dondoc_charset_to_utf8 tells them apart */
	(void)dondoc_charset_to_utf8(charset, data, size, dest, &used);
	return TRUE;
}

/* RFC 2047 decoding of a header value, bounded, in NFC. Each encoded
   word goes through dondoc_charset_to_utf8: windows-1258 loses its last
   letter in Dovecot's own header decoder (iconv is not flushed). */
static const char *
header_value_utf8(struct analysis_ctx *ctx, const unsigned char *value,
		  size_t len)
{
	string_t *str;

	len = I_MIN(len, ctx->limits->max_header_value_bytes);
	str = t_str_new(len + 16);
	message_header_decode(value, len, header_decode_word, str);
	return str_c(str);
}

/* Content-Type / Content-Disposition: type, charset, file name. RFC 2231
   continuations are joined by rfc2231_parse, extended values decoded
   here; RFC 2047 encoded words (common in practice) are decoded too. */
static void part_parse_params(struct analysis_ctx *ctx,
			      const struct message_header_line *hdr,
			      bool disposition)
{
	struct analysis_part *part = &ctx->part;
	pool_t pool = ctx->analysis->pool;
	struct rfc822_parser_context parser;
	const char *const *results;
	string_t *token = t_str_new(32);
	size_t len = I_MIN(hdr->full_value_len,
			   ctx->limits->max_header_value_bytes);

	rfc822_parser_init(&parser, hdr->full_value, len, NULL);
	rfc822_skip_lwsp(&parser);
	if (disposition) {
		if (rfc822_parse_mime_token(&parser, token) >= 0 &&
		    strcasecmp(str_c(token), "attachment") == 0)
			part->attachment = TRUE;
	} else if (part->content_type == NULL) {
		if (rfc822_parse_content_type(&parser, token) >= 0)
			part->content_type = p_strdup(pool,
				t_str_lcase(str_c(token)));
	}
	rfc2231_parse(&parser, &results);
	for (; *results != NULL; results += 2) {
		const char *key = results[0], *value = results[1];
		bool extended = FALSE;
		size_t klen = strlen(key);

		if (klen > 0 && key[klen-1] == '*') {
			key = t_strndup(key, klen - 1);
			extended = TRUE;
		}
		if (!disposition && strcasecmp(key, "charset") == 0 &&
		    part->charset == NULL) {
			part->charset = p_strdup(pool, value);
			continue;
		}
		if (strcasecmp(key, "filename") != 0 &&
		    (part->filename != NULL || strcasecmp(key, "name") != 0))
			continue;
		value = extended ? dondoc_charset_rfc2231_value(value) :
			header_value_utf8(ctx, (const void *)value,
					  strlen(value));
		/* no path or line breaks in a source name */
		value = t_str_replace(t_str_replace(value, '\n', ' '),
				      '\r', ' ');
		part->filename = p_strdup(pool, value);
	}
	rfc822_parser_deinit(&parser);
}

static bool filename_has_ext(const char *filename, const char *ext)
{
	size_t len = strlen(filename), ext_len = strlen(ext);

	return len > ext_len &&
		strcasecmp(filename + len - ext_len, ext) == 0;
}

static bool content_type_is_html(const char *ct)
{
	return strcmp(ct, "text/html") == 0 ||
		strcmp(ct, "application/xhtml+xml") == 0;
}

static enum part_kind part_kind_of(const struct analysis_part *part)
{
	const char *ct = part->content_type != NULL ?
		part->content_type : "text/plain";
	const char *name = part->filename;

	if (name != NULL) {
		/* by name first: octet-stream .txt/.docx files are common */
		if (filename_has_ext(name, ".txt"))
			return PART_TEXT;
		if (filename_has_ext(name, ".html") ||
		    filename_has_ext(name, ".htm"))
			return PART_HTML;
		if (filename_has_ext(name, ".docx"))
			return PART_DOCX;
		if (filename_has_ext(name, ".odt"))
			return PART_ODT;
		if (filename_has_ext(name, ".pdf"))
			return PART_PDF;
		if (filename_has_ext(name, ".doc"))
			return PART_DOC;
	}
	if (strcmp(ct, "application/vnd.openxmlformats-officedocument."
		   "wordprocessingml.document") == 0)
		return PART_DOCX;
	if (strcmp(ct, "application/vnd.oasis.opendocument.text") == 0)
		return PART_ODT;
	if (strcmp(ct, "application/pdf") == 0 ||
	    strcmp(ct, "application/msword") == 0 ||
	    strcmp(ct, "application/octet-stream") == 0)
		return PART_SNIFF;
	if (content_type_is_html(ct))
		return PART_HTML;
	if (strcmp(ct, "text/plain") == 0)
		return PART_TEXT;
	return PART_SKIP;
}

static const char *part_source(struct analysis_ctx *ctx,
			       const struct analysis_part *part)
{
	const struct named_part *named;
	struct message_part *p;

	if (part->filename != NULL || part->attachment) {
		return p_strconcat(ctx->analysis->pool, "attachment:",
				   part->filename != NULL ?
				   part->filename : "", NULL);
	}
	/* the body of an attached message is that attachment */
	for (p = part->part->parent; p != NULL; p = p->parent) {
		array_foreach(&ctx->messages, named) {
			if (named->part == p)
				return named->name;
		}
	}
	return "body";
}

/* Decide, at the end of a part's header, whether its body is read. */
static void part_decide(struct analysis_ctx *ctx)
{
	struct analysis_part *part = &ctx->part;
	pool_t pool = ctx->analysis->pool;

	if ((part->part->flags & MESSAGE_PART_FLAG_MESSAGE_RFC822) != 0) {
		struct named_part *named = array_append_space(&ctx->messages);

		named->part = part->part;
		named->name = p_strconcat(pool, "attachment:",
					  part->filename != NULL ?
					  part->filename : "message.eml",
					  NULL);
		return;
	}
	if ((part->part->flags & MESSAGE_PART_FLAG_MULTIPART) != 0) {
		if (part->content_type != NULL &&
		    strcmp(part->content_type, "multipart/alternative") == 0)
			array_push_back(&ctx->alternatives, &part->part);
		return;
	}
	part->kind = part_kind_of(part);
	if (part->kind == PART_SKIP)
		return;
	part->source = part_source(ctx, part);
	switch (part->kind) {
	case PART_DOCX:
	case PART_ODT:
	case PART_PDF:
	case PART_DOC:
	case PART_SNIFF:
		/* one byte less: a buffer keeps a byte for a NUL and grows to
		   a power of two, so a full 16 MB would take 32 MB */
		part->raw_limit = ctx->limits->max_attachment_bytes - 1;
		break;
	case PART_HTML:
		/* markup is bulky: allow for it before conversion */
		part->raw_limit = ctx->limits->max_text_bytes * 4;
		break;
	default:
		part->raw_limit = ctx->limits->max_text_bytes;
		break;
	}
	part->raw = buffer_create_dynamic(default_pool,
					  I_MIN(part->raw_limit, 1024));
	base64_decode_init(&part->b64, &base64_scheme, 0);
}

static bool part_in_alternative(struct analysis_ctx *ctx,
				struct message_part **group_r)
{
	struct message_part *const *alt;
	struct message_part *p;

	/* the nearest multipart/alternative above a body part, through
	   multipart/related (html with its images), not through an
	   attached message */
	if (strcmp(ctx->part.source, "body") != 0)
		return FALSE;
	for (p = ctx->part.part->parent; p != NULL; p = p->parent) {
		if ((p->flags & MESSAGE_PART_FLAG_MESSAGE_RFC822) != 0)
			return FALSE;
		array_foreach(&ctx->alternatives, alt) {
			if (*alt == p) {
				*group_r = p;
				return TRUE;
			}
		}
	}
	return FALSE;
}

/* The committee facts of the documents just parsed were bounded. */
static void part_warn_committee(struct analysis_ctx *ctx, unsigned int first,
				unsigned int count)
{
	const struct dondoc_document *doc;
	unsigned int i;

	for (i = first; i < first + count; i++) {
		doc = array_idx(&ctx->analysis->documents, i);
		if (doc->committee_cut)
			analysis_warn(ctx, "assignment limit reached");
		if (doc->committee_field_cut)
			analysis_warn(ctx, "field length limit reached");
	}
}

/* Parse a part's text into documents. Alternatives (text/plain and
   text/html of one body) carry the same documents: the richer reading
   wins, the later one (html) on a tie. */
static void part_parse_text(struct analysis_ctx *ctx, const char *text,
			    size_t size)
{
	struct dondoc_analysis *analysis = ctx->analysis;
	struct message_part *group = NULL;
	unsigned int have = array_count(&analysis->documents), added;
	const struct dondoc_document *docs;

	if (have >= ctx->limits->max_documents) {
		analysis_warn(ctx, "document limit reached");
		return;
	}
	added = dondoc_document_parse(analysis->pool, ctx->part.source,
				      text, size,
				      ctx->limits->max_documents - have,
				      &analysis->documents);
	if (have + added >= ctx->limits->max_documents)
		analysis_warn(ctx, "document limit reached");
	part_warn_committee(ctx, have, added);
	if (analysis->attendance_reply == NULL &&
	    dondoc_attendance_reply_part_is_reply(added == 0 ? NULL :
		array_idx(&analysis->documents, have), added))
		analysis->attendance_reply = dondoc_attendance_reply_read(
			analysis->pool, ctx->part.source, text, size,
			analysis->subject);
	if (!part_in_alternative(ctx, &group))
		return;
	if (group == ctx->alt_group && ctx->alt_end == have) {
		unsigned int count;

		docs = array_get(&analysis->documents, &count);
		if (added == 0) {
			/* nothing new: the earlier reading stays */
		} else if (dondoc_documents_score(docs + have, added) >=
			   dondoc_documents_score(docs + ctx->alt_first,
					   have - ctx->alt_first)) {
			if (have > ctx->alt_first) {
				array_delete(&analysis->documents,
					     ctx->alt_first,
					     have - ctx->alt_first);
			}
		} else {
			array_delete(&analysis->documents, have, added);
		}
		ctx->alt_end = array_count(&analysis->documents);
		return;
	}
	ctx->alt_group = group;
	ctx->alt_first = have;
	ctx->alt_end = have + added;
}

static void part_convert(struct analysis_ctx *ctx)
{
	struct analysis_part *part = &ctx->part;
	const struct dondoc_limits *limits = ctx->limits;
	size_t room = I_MIN(limits->max_text_bytes,
			    limits->max_total_text_bytes - ctx->total_text);
	const char *charset = part->charset, *used, *warning;
	string_t *text, *utf8;

	if (room == 0) {
		analysis_warn(ctx, "text limit reached");
		return;
	}
	if (part->kind >= PART_PDF && part->raw_full) {
		/* a cut PDF has no cross-reference table: nothing to read
		   (a cut office archive is read by its local headers) */
		return;
	}
	text = t_str_new(part->kind == PART_TEXT ? 16 :
			 I_MIN(part->raw->used * 2, room) + 64);
	if (part->kind == PART_DOCX || part->kind == PART_ODT) {
		struct dondoc_zip_limits zl = {
			.max_archive_bytes = limits->max_attachment_bytes,
			.max_entries = limits->max_zip_entries,
			.max_uncompressed_bytes =
				limits->max_zip_uncompressed_bytes,
			.max_ratio = limits->max_zip_ratio,
			.max_text_bytes = room,
			.cpu_deadline_nsecs = ctx->start_nsecs +
				(uint64_t)limits->max_msecs * 1000000ULL,
		};
		string_t *xml_text = t_str_new(8192);

		if (dondoc_office_extract(part->kind == PART_DOCX ?
					  DONDOC_OFFICE_DOCX :
					  DONDOC_OFFICE_ODT,
					  part->raw->data, part->raw->used,
					  &zl, xml_text, &warning) < 0)
			analysis_warn(ctx, warning);
		dondoc_nfc_append(str_data(xml_text), str_len(xml_text),
				  text);
	} else if (part->kind >= PART_PDF) {
		enum dondoc_extract_kind kind = part->kind == PART_DOC ?
			DONDOC_EXTRACT_DOC : DONDOC_EXTRACT_PDF;
		string_t *raw_text = t_str_new(8192);

		if (!dondoc_attachment_sniff(part->raw->data, part->raw->used,
					     &kind) && part->kind == PART_SNIFF)
			return;
		warning = dondoc_attachment_extract(ctx->analysis, limits,
				part->source, kind, part->raw->data,
				part->raw->used, raw_text);
		if (warning != NULL)
			analysis_warn(ctx, warning);
		dondoc_nfc_append(str_data(raw_text), str_len(raw_text), text);
	} else {
		if (memchr(part->raw->data, '\0', part->raw->used) != NULL)
			analysis_warn(ctx, "NUL bytes in text");
		if (part->kind == PART_HTML && charset == NULL)
			charset = dondoc_html_meta_charset(part->raw->data,
							   part->raw->used);
		utf8 = t_str_new(part->raw->used + 64);
		if (dondoc_charset_to_utf8(charset, part->raw->data,
					   part->raw->used, utf8, &used) !=
		    DONDOC_CHARSET_OK)
			analysis_warn(ctx, "unknown charset");
		if (part->kind == PART_HTML)
			dondoc_html_to_text(str_c(utf8), str_len(utf8), text);
		else
			text = utf8;
	}
	/* legacy font text that reached us as Unicode Latin-1 */
	(void)dondoc_charset_repair_legacy(text, 0, &used);
	/* no-break spaces of Word and Outlook, invisible marks of web pages */
	dondoc_spacing_normalize(text);
	if (str_len(text) > room) {
		str_truncate_utf8(text, room);
		analysis_warn(ctx, "text limit reached");
	}
	ctx->total_text += str_len(text);
	part_parse_text(ctx, str_c(text), str_len(text));
}

static void part_finish(struct analysis_ctx *ctx)
{
	struct analysis_part *part = &ctx->part;
	const char *error;

	/* The parser marks a part whose structure it stopped following. */
	if (part->part != NULL &&
	    (part->part->flags & MESSAGE_PART_FLAG_OVERFLOW) != 0)
		analysis_warn(ctx, "MIME structure limit reached");

	if (part->raw != NULL) {
		if (part->cte == MESSAGE_CTE_BASE64 && !part->decode_failed &&
		    !part->raw_full &&
		    base64_decode_finish(&part->b64) < 0)
			analysis_warn(ctx, "truncated base64");
		if (part->qp != NULL) {
			/* the decoder's last bytes land in scratch */
			buffer_set_used_size(ctx->scratch, 0);
			(void)qp_decoder_finish(part->qp, &error);
			qp_decoder_deinit(&part->qp);
			if (!part->raw_full) {
				buffer_append(part->raw, ctx->scratch->data,
					I_MIN(ctx->scratch->used,
					      part->raw_limit - part->raw->used));
			}
		}
		if (!ctx->out_of_time) T_BEGIN {
			part_convert(ctx);
		} T_END;
		buffer_free(&part->raw);
	}
	i_zero(part);
}

/* Transfer-decode one body block into the part's raw buffer. */
static void part_body(struct analysis_ctx *ctx, const unsigned char *data,
		      size_t size)
{
	struct analysis_part *part = &ctx->part;
	buffer_t *out = part->raw, *dec = NULL;
	size_t pos, room;

	if (part->raw_full || part->decode_failed)
		return;
	/* decode into scratch (made for the first encoded part), then keep
	   what fits: the part's buffer never grows past its limit */
	if (part->cte == MESSAGE_CTE_BASE64 || part->cte == MESSAGE_CTE_QP) {
		if (ctx->scratch == NULL)
			ctx->scratch = buffer_create_dynamic(default_pool, 8192);
		dec = ctx->scratch;
		buffer_set_used_size(dec, 0);
	}
	switch (part->cte) {
	case MESSAGE_CTE_BASE64:
		if (base64_decode_is_finished(&part->b64))
			return;
		if (base64_decode_more(&part->b64, data, size, &pos,
				       dec) < 0) {
			part->decode_failed = TRUE;
			analysis_warn(ctx, "invalid base64");
		}
		break;
	case MESSAGE_CTE_QP: {
		const char *error;

		if (part->qp == NULL)
			part->qp = qp_decoder_init(dec);
		(void)qp_decoder_more(part->qp, data, size, &pos, &error);
		break;
	}
	default:
		/* 7bit, 8bit, binary: no decoding */
		break;
	}
	room = part->raw_limit - out->used;
	if (dec == NULL) {
		buffer_append(out, data, I_MIN(size, room));
		if (size <= room)
			return;
	} else {
		buffer_append(out, dec->data, I_MIN(dec->used, room));
		if (dec->used <= room)
			return;
	}
	part->raw_full = TRUE;
	analysis_warn(ctx, part->kind >= PART_DOCX ?
		      "attachment size limit reached" :
		      "text limit reached");
}

/* Whether the header is named lit (a literal), in any case: its end
   first (a name that strcasecmp() finds equal ends where lit does), most
   headers of a message are none of the few read. */
#define HEADER_IS(hdr, lit) \
	((hdr)->name_len >= sizeof(lit) - 1 && \
	 (hdr)->name[sizeof(lit) - 1] == '\0' && \
	 strcasecmp((hdr)->name, (lit)) == 0)

static void analysis_top_header(struct analysis_ctx *ctx,
				const struct message_header_line *hdr)
{
	struct dondoc_analysis *analysis = ctx->analysis;
	const char **field;

	if (HEADER_IS(hdr, "Message-ID"))
		field = &analysis->message_id;
	else if (HEADER_IS(hdr, "From"))
		field = &analysis->from;
	else if (HEADER_IS(hdr, "Subject"))
		field = &analysis->subject;
	else
		return;
	if (*field == NULL) {
		*field = p_strdup(analysis->pool,
				  header_value_utf8(ctx, hdr->full_value,
						    hdr->full_value_len));
	}
}

static void analysis_header(struct analysis_ctx *ctx,
			    struct message_block *block)
{
	struct message_header_line *hdr = block->hdr;

	/* the parser bounds what it keeps; we say that it did */
	ctx->part.header_bytes += hdr->name_len + hdr->value_len;
	if (ctx->part.header_bytes > ctx->limits->max_header_bytes)
		analysis_warn(ctx, "header size limit reached");
	if (hdr->continues) {
		hdr->use_full_value = TRUE;
		return;
	}
	if (block->part->parent == NULL)
		analysis_top_header(ctx, hdr);
	if (HEADER_IS(hdr, "Content-Type"))
		part_parse_params(ctx, hdr, FALSE);
	else if (HEADER_IS(hdr, "Content-Disposition"))
		part_parse_params(ctx, hdr, TRUE);
	else if (HEADER_IS(hdr, "Content-Transfer-Encoding"))
		ctx->part.cte = message_decoder_parse_cte(hdr);
}

static bool analysis_out_of_time(struct analysis_ctx *ctx)
{
	if (ctx->out_of_time)
		return TRUE;
	if (++ctx->blocks % ANALYSIS_CLOCK_EVERY != 0)
		return FALSE;
	if (cpu_nsecs() - ctx->start_nsecs >
	    (uint64_t)ctx->limits->max_msecs * 1000000ULL) {
		ctx->out_of_time = TRUE;
		analysis_warn(ctx, "time limit reached");
	}
	return ctx->out_of_time;
}

static void analysis_block(struct analysis_ctx *ctx,
			   struct message_block *block)
{
	if (block->part != ctx->part.part) {
		part_finish(ctx);
		ctx->part.part = block->part;
		ctx->part.cte = MESSAGE_CTE_78BIT;
	}
	if (block->hdr != NULL) {
		analysis_header(ctx, block);
		return;
	}
	if (block->size == 0) {
		/* end of header */
		part_decide(ctx);
		return;
	}
	if (ctx->part.raw != NULL)
		part_body(ctx, block->data, block->size);
}

static struct dondoc_analysis *analysis_new(pool_t pool)
{
	struct dondoc_analysis *analysis;

	analysis = p_new(pool, struct dondoc_analysis, 1);
	analysis->pool = pool;
	p_array_init(&analysis->documents, pool, 4);
	p_array_init(&analysis->warnings, pool, 2);
	p_array_init(&analysis->attachments, pool, 1);
	return analysis;
}

/* The final order and choice: a document only quoted (lines starting
   with ">") in a reply is dropped when the message has a document of its
   own; body documents come first, then attachments in MIME order. */
static void analysis_finish_documents(struct dondoc_analysis *analysis)
{
	ARRAY_TYPE(dondoc_document) ordered;
	const struct dondoc_document *doc;
	bool have_own = FALSE;
	unsigned int pass;

	array_foreach(&analysis->documents, doc) {
		if (!doc->quoted)
			have_own = TRUE;
	}
	p_array_init(&ordered, analysis->pool,
		     array_count(&analysis->documents) + 1);
	for (pass = 0; pass < 2; pass++) {
		array_foreach(&analysis->documents, doc) {
			bool body = strcmp(doc->source, "body") == 0;

			if (have_own && doc->quoted)
				continue;
			if ((pass == 0) == body)
				array_push_back(&ordered, doc);
		}
	}
	analysis->documents = ordered;
}

int dondoc_analyze_stream(struct istream *input,
			  const struct dondoc_limits *limits, pool_t pool,
			  struct dondoc_analysis **analysis_r,
			  const char **error_r)
{
	const struct message_parser_settings parser_set = {
		.hdr_flags = MESSAGE_HEADER_PARSER_FLAG_CLEAN_ONELINE,
		.max_nested_mime_parts = limits->max_nesting,
		.max_total_mime_parts = limits->max_parts,
		.all_headers_max_size = limits->max_header_bytes,
	};
	struct analysis_ctx ctx;
	struct message_parser_ctx *parser;
	struct message_part *parts;
	struct message_block block;
	struct istream *limited;
	pool_t part_pool;
	int ret;

	i_zero(&ctx);
	ctx.limits = limits;
	ctx.analysis = analysis_new(pool);
	ctx.start_nsecs = cpu_nsecs();
	limited = i_stream_create_limit(input, limits->max_message_size);
	part_pool = pool_alloconly_create("dondoc message parts", 1024);
	p_array_init(&ctx.messages, part_pool, 4);
	p_array_init(&ctx.alternatives, part_pool, 4);
	parser = message_parser_init(part_pool, limited, &parser_set);

	while ((ret = message_parser_parse_next_block(parser, &block)) > 0) {
		T_BEGIN {
			analysis_block(&ctx, &block);
		} T_END;
		if (analysis_out_of_time(&ctx))
			break;
	}
	T_BEGIN {
		part_finish(&ctx);
	} T_END;
	message_parser_deinit(&parser, &parts);
	analysis_finish_documents(ctx.analysis);

	if (limited->stream_errno != 0) {
		*error_r = t_strdup_printf("read(%s) failed: %s",
					   i_stream_get_name(input),
					   i_stream_get_error(limited));
		ret = -1;
	} else {
		if (limits->max_message_size > 0 &&
		    limited->v_offset >= limits->max_message_size &&
		    !input->eof)
			analysis_warn(&ctx, "message size limit reached");
		ret = 0;
	}
	i_stream_unref(&limited);
	pool_unref(&part_pool);
	if (ctx.scratch != NULL)
		buffer_free(&ctx.scratch);
	*analysis_r = ctx.analysis;
	return ret;
}

bool dondoc_analysis_has_type(const struct dondoc_analysis *analysis,
			      const char *type)
{
	const struct dondoc_document *doc;
	const char *abbrev, *name;

	if (type == NULL)
		return array_count(&analysis->documents) > 0;
	if (!dondoc_document_type_lookup(type, &abbrev, &name))
		return FALSE;
	array_foreach(&analysis->documents, doc) {
		if (doc->type != NULL && strcmp(doc->type, abbrev) == 0)
			return TRUE;
	}
	return FALSE;
}
