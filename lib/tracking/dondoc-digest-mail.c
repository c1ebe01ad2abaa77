/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The digest as one mail: multipart/mixed holding multipart/alternative
   (the plain text, then multipart/related: the HTML page and each
   agency's chart, referenced as cid:) and the .docx draft attached.
   Every part is base64 with CRLF line ends; header values are our own
   (the subject is RFC 2047 encoded, the addresses checked for what
   would break a header). Trusts the digest; its text from mail is
   escaped by the HTML and text writers. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "buffer.h"
#include "base64.h"
#include "message-date.h"
#include "message-header-encode.h"
#include "dondoc-digest-private.h"
#include "dondoc-digest-mail.h"

#define DOCX_TYPE \
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* An address fit for a header: no controls, spaces or angle brackets. */
static bool mail_address_is_safe(const char *addr)
{
	const unsigned char *p;

	if (addr == NULL || *addr == '\0' || strlen(addr) > 254 ||
	    strchr(addr, '@') == NULL)
		return FALSE;
	for (p = (const unsigned char *)addr; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f || strchr("<>\",;()\\", *p) != NULL)
			return FALSE;
	}
	return TRUE;
}

/* "<local@host>" with nothing inside that would break a header. */
static bool mail_message_id_is_safe(const char *msgid)
{
	size_t len = msgid == NULL ? 0 : strlen(msgid);

	return len > 2 && len <= 250 && msgid[0] == '<' &&
		msgid[len - 1] == '>' &&
		mail_address_is_safe(t_strndup(msgid + 1, len - 2));
}

/* data as base64 in lines of 76 characters, CRLF. */
static void mail_base64(string_t *dest, const void *data, size_t size)
{
	const unsigned char *p = data;
	size_t off, n;

	for (off = 0; off < size; off += 57) {
		n = I_MIN(57, size - off);
		base64_encode(p + off, n, dest);
		str_append(dest, "\r\n");
	}
}

/* text with LF line ends as base64 of its CRLF canonical form */
static void mail_base64_text(string_t *dest, const string_t *text)
{
	string_t *crlf = t_str_new(str_len(text) + str_len(text) / 16 + 2);
	const unsigned char *p = str_data(text);
	size_t i;

	for (i = 0; i < str_len(text); i++) {
		if (p[i] == '\n')
			str_append_c(crlf, '\r');
		str_append_c(crlf, p[i]);
	}
	mail_base64(dest, str_data(crlf), str_len(crlf));
}

static void mail_part_header(string_t *dest, const char *boundary,
			     const char *content_type)
{
	str_printfa(dest, "--%s\r\nContent-Type: %s\r\n"
		    "Content-Transfer-Encoding: base64\r\n", boundary,
		    content_type);
}

static const char *mail_cid(const char *message_id, unsigned int index)
{
	/* "<local@host>" -> "chartN.local@host" */
	size_t len = strlen(message_id);

	if (len > 2 && message_id[0] == '<' && message_id[len - 1] == '>')
		message_id = t_strndup(message_id + 1, len - 2);
	return t_strdup_printf("chart%u.%s", index + 1, message_id);
}

int dondoc_digest_compose_mail(const struct dondoc_digest *digest,
			       const struct dondoc_digest_mail_input *in,
			       string_t *dest, const char **error_r)
{
	unsigned int i, count = array_count(&digest->agencies);
	const char *bmixed, *balt, *brel, *subject, **cids;
	string_t *body, *tmp;
	bool charts = in->charts != NULL;

	if (!mail_address_is_safe(in->from_address) ||
	    !mail_address_is_safe(in->to_address) ||
	    !mail_message_id_is_safe(in->message_id)) {
		*error_r = "digest mail: invalid From, To or Message-ID";
		return -1;
	}
	bmixed = t_strdup_printf("=_dondoc_mixed_%lld", (long long)in->date);
	balt = t_strdup_printf("=_dondoc_alt_%lld", (long long)in->date);
	brel = t_strdup_printf("=_dondoc_rel_%lld", (long long)in->date);
	cids = t_new(const char *, count + 1);
	for (i = 0; i < count && charts; i++) {
		cids[i] = digest_docx_has_chart(in->charts, i) ?
			mail_cid(in->message_id, i) : NULL;
	}

	subject = t_strdup_printf("Báo cáo tình hình thực hiện nhiệm vụ %s",
				  dondoc_digest_period_words(&digest->period));
	if (digest->agency_filter != NULL)
		subject = t_strdup_printf("%s (%s)", subject,
					  digest->agency_filter);
	str_append(dest, "From: ");
	if (in->from_name != NULL && in->from_name[0] != '\0') {
		tmp = t_str_new(128);
		message_header_encode(t_str_replace(t_str_replace(
			in->from_name, '\r', ' '), '\n', ' '), tmp);
		str_printfa(dest, "%s ", str_c(tmp));
	}
	str_printfa(dest, "<%s>\r\nTo: <%s>\r\nSubject: ", in->from_address,
		    in->to_address);
	message_header_encode(subject, dest);
	str_printfa(dest, "\r\nDate: %s\r\nMessage-ID: %s\r\n"
		    "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
		    "X-Dondoc-Generated: digest\r\n"
		    "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
		    "This is a MIME message.\r\n\r\n",
		    message_date_create(in->date), in->message_id, bmixed);

	/* the alternatives: text, then the HTML with its pictures */
	str_printfa(dest, "--%s\r\nContent-Type: multipart/alternative; "
		    "boundary=\"%s\"\r\n\r\n", bmixed, balt);
	body = t_str_new(16384);
	dondoc_digest_append_text(body, digest);
	mail_part_header(dest, balt, "text/plain; charset=utf-8");
	str_append(dest, "\r\n");
	mail_base64_text(dest, body);
	str_printfa(dest, "\r\n--%s\r\nContent-Type: multipart/related; "
		    "type=\"text/html\"; boundary=\"%s\"\r\n\r\n", balt, brel);
	str_truncate(body, 0);
	dondoc_digest_append_html(body, digest, charts ? cids : NULL);
	mail_part_header(dest, brel, "text/html; charset=utf-8");
	str_append(dest, "\r\n");
	mail_base64_text(dest, body);
	for (i = 0; i < count && charts; i++) {
		if (cids[i] == NULL)
			continue;
		str_append(dest, "\r\n");
		mail_part_header(dest, brel, t_strdup_printf(
			"image/png; name=\"chart%u.png\"", i + 1));
		str_printfa(dest, "Content-ID: <%s>\r\nContent-Disposition: "
			    "inline; filename=\"chart%u.png\"\r\n\r\n",
			    cids[i], i + 1);
		mail_base64(dest, in->charts[i]->data, in->charts[i]->used);
	}
	str_printfa(dest, "\r\n--%s--\r\n\r\n--%s--\r\n", brel, balt);

	if (in->docx != NULL && in->docx->used > 0) {
		const char *name = t_strdup_printf("bao-cao-%s.docx",
						   digest->period.label);

		str_append(dest, "\r\n");
		mail_part_header(dest, bmixed, t_strdup_printf(
			DOCX_TYPE "; name=\"%s\"", name));
		str_printfa(dest, "Content-Disposition: attachment; "
			    "filename=\"%s\"\r\n\r\n", name);
		mail_base64(dest, in->docx->data, in->docx->used);
	}
	str_printfa(dest, "\r\n--%s--\r\n", bmixed);
	return 0;
}
