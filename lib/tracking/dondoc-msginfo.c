/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Reading tracking's header facts from a raw message (dondoc-msginfo.h).
   Only the top-level header is parsed, with Dovecot's header parser, and
   at most MSGINFO_MAX_HEADER_BYTES of it. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "message-address.h"
#include "message-header-parser.h"
#include "message-header-decode.h"
#include "dondoc-msginfo.h"

#define MSGINFO_MAX_HEADER_BYTES (1024 * 1024)
#define MSGINFO_MAX_AUTHRES 32
#define MSGINFO_MAX_HEADERS 500

struct dondoc_msginfo_headers {
	/* name, value, name, value, ... */
	ARRAY_TYPE(const_string) fields;
	/* From: fields seen: more than one and no From: address is given
	   (RFC 5322 allows one; which one a reader shows is anybody's
	   guess, so none is believed). */
	unsigned int from_fields;
	/* More fields or bytes than the limits: a lookup that finds nothing
	   does not prove the header absent. */
	bool truncated;
};

bool dondoc_msginfo_headers_truncated(const struct dondoc_msginfo_headers *headers)
{
	return headers->truncated;
}

const char *dondoc_msginfo_header_nth(void *context, const char *name,
				      unsigned int index)
{
	struct dondoc_msginfo_headers *headers = context;
	const char *const *fields;
	unsigned int i, count;

	fields = array_get(&headers->fields, &count);
	for (i = 0; i + 1 < count; i += 2) {
		if (strcasecmp(fields[i], name) == 0 && index-- == 0)
			return fields[i + 1];
	}
	return NULL;
}

const char *dondoc_msginfo_header(void *context, const char *name)
{
	return dondoc_msginfo_header_nth(context, name, 0);
}

const char *dondoc_msginfo_from_address(pool_t pool, const char *value)
{
	const struct message_address *addr;

	if (value == NULL)
		return NULL;
	addr = message_address_parse(pool_datastack_create(),
				     (const unsigned char *)value,
				     strlen(value), 2, 0);
	if (addr == NULL || addr->next != NULL || addr->invalid_syntax ||
	    addr->mailbox == NULL || addr->domain == NULL ||
	    *addr->mailbox == '\0' || *addr->domain == '\0')
		return NULL;
	return p_strdup_printf(pool, "%s@%s", addr->mailbox,
			       t_str_lcase(addr->domain));
}

static const char *header_utf8(pool_t pool,
			       const struct message_header_line *hdr)
{
	string_t *str = t_str_new(hdr->full_value_len + 16);

	message_header_decode_utf8(hdr->full_value, hdr->full_value_len,
				   str, NULL);
	return p_strdup(pool, str_c(str));
}

/* "Name :" (whitespace before the colon, obsolete syntax that Dovecot's
   parser accepts and trims): our MTA never writes it, and a filter that
   strips incoming Authentication-Results by exact name may let it
   through, so such a field is never taken as evidence. */
static bool msginfo_name_is_exact(const struct message_header_line *hdr)
{
	return hdr->middle_len > 0 && hdr->middle[0] == ':';
}

static void msginfo_header(pool_t pool, struct message_header_line *hdr,
			   struct dondoc_message_info *info,
			   struct dondoc_msginfo_headers *headers,
			   ARRAY_TYPE(const_string) *authres)
{
	const char *value;

	if (strcasecmp(hdr->name, "Message-ID") == 0 &&
	    info->message_id == NULL)
		info->message_id = p_strndup(pool, hdr->full_value,
					     hdr->full_value_len);
	else if (strcasecmp(hdr->name, "Subject") == 0 &&
		 info->subject == NULL)
		info->subject = header_utf8(pool, hdr);
	else if (strcasecmp(hdr->name, "From") == 0) {
		/* no data stack frame here: pool may be a data stack pool
		   (the unit tests' is), and what it allocates must outlive
		   the frame */
		value = t_strndup(hdr->full_value, hdr->full_value_len);
		info->from_address = ++headers->from_fields > 1 ? NULL :
			dondoc_msginfo_from_address(pool, value);
	}
	else if (strcasecmp(hdr->name, "In-Reply-To") == 0 &&
		 info->in_reply_to == NULL)
		info->in_reply_to = p_strndup(pool, hdr->full_value,
					      hdr->full_value_len);
	else if (strcasecmp(hdr->name, "References") == 0 &&
		 info->references == NULL)
		info->references = p_strndup(pool, hdr->full_value,
					     hdr->full_value_len);
	else if (strcasecmp(hdr->name, "Authentication-Results") == 0 &&
		 msginfo_name_is_exact(hdr) &&
		 array_count(authres) < MSGINFO_MAX_AUTHRES) {
		value = p_strndup(pool, hdr->full_value, hdr->full_value_len);
		array_push_back(authres, &value);
	}
}

int dondoc_msginfo_read(struct istream *input, pool_t pool,
			struct dondoc_message_info *info_r,
			struct dondoc_msginfo_headers **headers_r,
			const char **error_r)
{
	struct dondoc_msginfo_headers *headers;
	struct message_header_parser_ctx *parser;
	struct message_header_line *hdr;
	ARRAY_TYPE(const_string) authres;
	struct istream *limited;
	const char *null = NULL;
	bool eoh = FALSE;
	int ret;

	i_zero(info_r);
	p_array_init(&authres, pool, 4);
	headers = p_new(pool, struct dondoc_msginfo_headers, 1);
	p_array_init(&headers->fields, pool, 32);
	*headers_r = headers;
	limited = i_stream_create_limit(input, MSGINFO_MAX_HEADER_BYTES);
	parser = message_parse_header_init(limited, NULL,
		MESSAGE_HEADER_PARSER_FLAG_CLEAN_ONELINE);
	while ((ret = message_parse_header_next(parser, &hdr)) > 0) {
		if (hdr->continues) {
			hdr->use_full_value = TRUE;
			continue;
		}
		if (hdr->eoh) {
			eoh = TRUE;
			break;
		}
		msginfo_header(pool, hdr, info_r, headers, &authres);
		if (array_count(&headers->fields) >= MSGINFO_MAX_HEADERS * 2) {
			headers->truncated = TRUE;
		} else {
			const char *name = p_strdup(pool, hdr->name);
			const char *value = p_strndup(pool, hdr->full_value,
						      hdr->full_value_len);

			array_push_back(&headers->fields, &name);
			array_push_back(&headers->fields, &value);
		}
	}
	message_parse_header_deinit(&parser);
	if (!eoh && limited->v_offset >= MSGINFO_MAX_HEADER_BYTES)
		headers->truncated = TRUE;
	if (limited->stream_errno != 0) {
		*error_r = t_strdup_printf("read(%s) failed: %s",
					   i_stream_get_name(input),
					   i_stream_get_error(limited));
		i_stream_unref(&limited);
		return -1;
	}
	i_stream_unref(&limited);
	array_push_back(&authres, &null);
	info_r->authres_headers = array_front(&authres);
	/* A Message-ID the store could never keep is bad input: as none. */
	if (!dondoc_store_message_id_is_valid(info_r->message_id))
		info_r->message_id = NULL;
	return 0;
}
