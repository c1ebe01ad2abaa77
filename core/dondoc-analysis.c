/* The analysis stage: walk one message's MIME structure with Dovecot's
   message-parser, decode the parts that can hold a document (text/plain,
   text/html, text attachments) to UTF-8 with message-decoder, and hand
   each part's text to the document parser. Non-text parts are never
   decoded. Every limit in dondoc-limits.h is enforced here; hitting one
   yields a partial result with a warning, never a failure. */

#include "lib.h"
#include "str.h"
#include "istream.h"
#include "time-util.h"
#include "rfc822-parser.h"
#include "rfc2231-parser.h"
#include "message-parser.h"
#include "message-decoder.h"
#include "message-header-decode.h"
#include "mail-html2text.h"
#include "dondoc-analysis.h"

struct analysis_part {
	struct message_part *part;
	/* Collect this part's text at all? */
	bool wanted;
	bool html;
	bool truncated;
	const char *source;
	const char *content_type;
	const char *filename;
	bool attachment;
	string_t *text;
	struct mail_html2text *html2text;
};

struct analysis_ctx {
	const struct dondoc_limits *limits;
	struct dondoc_analysis *analysis;
	struct message_decoder_context *decoder;
	struct analysis_part part;
	size_t total_text;
	struct timeval start;
	bool out_of_time;
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

static const char *header_value_utf8(const struct message_header_line *hdr)
{
	string_t *str = t_str_new(hdr->full_value_len + 16);

	message_header_decode_utf8(hdr->full_value, hdr->full_value_len,
				   str, NULL);
	return str_c(str);
}

/* The file name from Content-Disposition or Content-Type parameters:
   RFC 2231 continuations are joined by rfc2231_parse; RFC 2047 encoded
   words (common in practice) are decoded. */
static void part_parse_params(pool_t pool, struct analysis_part *part,
			      const struct message_header_line *hdr,
			      bool disposition)
{
	struct rfc822_parser_context parser;
	const char *const *results;
	string_t *token = t_str_new(32);

	rfc822_parser_init(&parser, hdr->full_value, hdr->full_value_len, NULL);
	rfc822_skip_lwsp(&parser);
	if (disposition) {
		if (rfc822_parse_mime_token(&parser, token) >= 0 &&
		    strcasecmp(str_c(token), "attachment") == 0)
			part->attachment = TRUE;
	} else {
		if (rfc822_parse_content_type(&parser, token) >= 0)
			part->content_type = p_strdup(pool,
				t_str_lcase(str_c(token)));
	}
	rfc2231_parse(&parser, &results);
	for (; *results != NULL; results += 2) {
		if (strcasecmp(results[0], "filename") == 0 ||
		    (part->filename == NULL &&
		     strcasecmp(results[0], "name") == 0)) {
			string_t *name = t_str_new(64);

			message_header_decode_utf8((const void *)results[1],
						   strlen(results[1]), name,
						   NULL);
			part->filename = p_strdup(pool, str_c(name));
		}
	}
	rfc822_parser_deinit(&parser);
}

static bool filename_has_ext(const char *filename, const char *ext)
{
	size_t len = strlen(filename), ext_len = strlen(ext);

	return len > ext_len &&
		strcasecmp(filename + len - ext_len, ext) == 0;
}

/* Decide, at the end of a part's header, whether its body is read. */
static void part_decide(struct analysis_ctx *ctx, struct analysis_part *part)
{
	const char *ct = part->content_type;
	bool is_text;

	if ((part->part->flags & (MESSAGE_PART_FLAG_MULTIPART |
				  MESSAGE_PART_FLAG_MESSAGE_RFC822)) != 0)
		return;
	if (ct == NULL)
		ct = "text/plain";
	is_text = strcmp(ct, "text/plain") == 0 ||
		mail_html2text_content_type_match(ct);
	if (part->filename != NULL) {
		/* Attachments by name: octet-stream .txt files are common. */
		if (filename_has_ext(part->filename, ".txt"))
			ct = "text/plain";
		else if (filename_has_ext(part->filename, ".html") ||
			 filename_has_ext(part->filename, ".htm"))
			ct = "text/html";
		else if (!is_text)
			return;
		is_text = TRUE;
	}
	if (!is_text)
		return;
	part->wanted = TRUE;
	part->html = mail_html2text_content_type_match(ct);
	if (part->filename != NULL || part->attachment) {
		part->source = p_strconcat(ctx->analysis->pool, "attachment:",
					   part->filename != NULL ?
					   part->filename : "", NULL);
	} else {
		part->source = "body";
	}
	part->text = str_new(default_pool, 4096);
	if (part->html)
		part->html2text = mail_html2text_init(0);
}

static void part_finish(struct analysis_ctx *ctx)
{
	struct analysis_part *part = &ctx->part;
	struct dondoc_analysis *analysis = ctx->analysis;
	unsigned int have;

	/* The parser marks a part whose structure it stopped following. */
	if (part->part != NULL &&
	    (part->part->flags & MESSAGE_PART_FLAG_OVERFLOW) != 0)
		analysis_warn(ctx, "MIME structure limit reached");

	if (part->text != NULL) {
		have = array_count(&analysis->documents);
		if (have < ctx->limits->max_documents) {
			(void)dondoc_document_parse(analysis->pool,
				part->source, str_c(part->text),
				str_len(part->text),
				ctx->limits->max_documents - have,
				&analysis->documents);
		} else {
			analysis_warn(ctx, "document limit reached");
		}
		str_free(&part->text);
	}
	if (part->html2text != NULL)
		mail_html2text_deinit(&part->html2text);
	i_zero(part);
}

static void part_append_text(struct analysis_ctx *ctx,
			     const unsigned char *data, size_t size)
{
	struct analysis_part *part = &ctx->part;
	size_t room, before = str_len(part->text);

	if (part->truncated)
		return;
	if (part->html) {
		T_BEGIN {
			buffer_t *buf = t_buffer_create(size);

			mail_html2text_more(part->html2text, data, size, buf);
			str_append_data(part->text, buf->data, buf->used);
		} T_END;
	} else {
		str_append_data(part->text, data, size);
	}
	room = I_MIN(ctx->limits->max_text_bytes,
		     ctx->limits->max_total_text_bytes - ctx->total_text +
		     before);
	if (str_len(part->text) > room) {
		str_truncate_utf8(part->text, room);
		part->truncated = TRUE;
		analysis_warn(ctx, "text limit reached");
	}
	ctx->total_text += str_len(part->text) - before;
}

static void analysis_top_header(struct analysis_ctx *ctx,
				const struct message_header_line *hdr)
{
	struct dondoc_analysis *analysis = ctx->analysis;
	const char **field;

	if (strcasecmp(hdr->name, "Message-ID") == 0)
		field = &analysis->message_id;
	else if (strcasecmp(hdr->name, "From") == 0)
		field = &analysis->from;
	else if (strcasecmp(hdr->name, "Subject") == 0)
		field = &analysis->subject;
	else
		return;
	if (*field == NULL)
		*field = p_strdup(analysis->pool, header_value_utf8(hdr));
}

static void analysis_header(struct analysis_ctx *ctx,
			    struct message_block *block)
{
	struct message_header_line *hdr = block->hdr;
	struct message_block decoded;

	if (hdr->continues) {
		hdr->use_full_value = TRUE;
		return;
	}
	if (block->part->parent == NULL)
		analysis_top_header(ctx, hdr);
	if (strcasecmp(hdr->name, "Content-Type") == 0)
		part_parse_params(ctx->analysis->pool, &ctx->part, hdr,
				  FALSE);
	else if (strcasecmp(hdr->name, "Content-Disposition") == 0)
		part_parse_params(ctx->analysis->pool, &ctx->part, hdr,
				  TRUE);
	/* The decoder learns the charset and encoding from the headers. */
	(void)message_decoder_decode_next_block(ctx->decoder, block, &decoded);
}

static bool analysis_out_of_time(struct analysis_ctx *ctx)
{
	struct timeval now;

	if (ctx->out_of_time)
		return TRUE;
	i_gettimeofday(&now);
	if (timeval_diff_msecs(&now, &ctx->start) >
	    (int)ctx->limits->max_msecs) {
		ctx->out_of_time = TRUE;
		analysis_warn(ctx, "time limit reached");
	}
	return ctx->out_of_time;
}

static void analysis_block(struct analysis_ctx *ctx,
			   struct message_block *block)
{
	struct message_block decoded;

	if (block->part != ctx->part.part) {
		part_finish(ctx);
		ctx->part.part = block->part;
	}
	if (block->hdr != NULL) {
		analysis_header(ctx, block);
		return;
	}
	if (block->size == 0) {
		/* End of header: the decoder must see it too. */
		(void)message_decoder_decode_next_block(ctx->decoder, block,
							&decoded);
		part_decide(ctx, &ctx->part);
		return;
	}
	if (!ctx->part.wanted)
		return;
	if (message_decoder_decode_next_block(ctx->decoder, block, &decoded) &&
	    decoded.size > 0)
		part_append_text(ctx, decoded.data, decoded.size);
}

static struct dondoc_analysis *analysis_new(pool_t pool)
{
	struct dondoc_analysis *analysis;

	analysis = p_new(pool, struct dondoc_analysis, 1);
	analysis->pool = pool;
	p_array_init(&analysis->documents, pool, 4);
	p_array_init(&analysis->warnings, pool, 2);
	return analysis;
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
	i_gettimeofday(&ctx.start);

	limited = i_stream_create_limit(input, limits->max_message_size);
	part_pool = pool_alloconly_create("dondoc message parts", 4096);
	parser = message_parser_init(part_pool, limited, &parser_set);
	ctx.decoder = message_decoder_init(NULL, 0);

	while ((ret = message_parser_parse_next_block(parser, &block)) > 0) {
		T_BEGIN {
			analysis_block(&ctx, &block);
		} T_END;
		if (analysis_out_of_time(&ctx))
			break;
	}
	part_finish(&ctx);
	message_decoder_deinit(&ctx.decoder);
	message_parser_deinit(&parser, &parts);

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
