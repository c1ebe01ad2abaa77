/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Attaching the original mail (see dondoc-compose-attach.h). Trusts the
   mail it wraps (dondoc composed it) and nothing of the attachments but
   their bound: the boundary is chosen so that no attached line can end
   the part early. */

#include "lib.h"
#include "str.h"
#include "hex-binary.h"
#include "randgen.h"
#include "dondoc-compose-attach.h"

bool dondoc_compose_attachable(const unsigned char *data, size_t len,
			       size_t max,
			       struct dondoc_compose_attachment *att_r)
{
	string_t *str;
	size_t i;

	if (len == 0 || len > max || memchr(data, '\0', len) != NULL)
		return FALSE;
	str = t_str_new(len + len / 32 + 4);
	for (i = 0; i < len; i++) {
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
			str_append_c(str, '\r');
		if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n')) {
			/* a bare CR becomes a line end */
			str_append(str, "\r\n");
			continue;
		}
		str_append_c(str, data[i]);
	}
	if (str_len(str) < 2 || strcmp(str_c(str) + str_len(str) - 2,
				       "\r\n") != 0)
		str_append(str, "\r\n");
	if (str_len(str) > max)
		return FALSE;
	att_r->data = str_c(str);
	att_r->len = str_len(str);
	return TRUE;
}

static bool attach_has_8bit(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)data[i] >= 0x80)
			return TRUE;
	}
	return FALSE;
}

/* A boundary that appears in none of the attachments. */
static const char *
attach_boundary(const struct dondoc_compose_attachment *atts,
		unsigned int count)
{
	unsigned char rand[12];
	const char *boundary;
	unsigned int i;

	for (;;) {
		random_fill(rand, sizeof(rand));
		boundary = t_strconcat("=_dondoc_",
				       binary_to_hex(rand, sizeof(rand)), NULL);
		for (i = 0; i < count; i++) {
			if (strstr(atts[i].data, boundary) != NULL)
				break;
		}
		if (i == count)
			return boundary;
	}
}

static bool header_is(const char *line, const char *name)
{
	size_t len = strlen(name);

	return strncasecmp(line, name, len) == 0 && line[len] == ':';
}

void dondoc_compose_attach(const char *mail,
			   const struct dondoc_compose_attachment *atts,
			   unsigned int count, string_t *dest)
{
	const char *body = strstr(mail, "\r\n\r\n"), *line, *end;
	const char *boundary = attach_boundary(atts, count);
	string_t *part_headers = t_str_new(128);
	bool in_part_header = FALSE;
	unsigned int i;

	i_assert(body != NULL);
	/* The top-level headers, their Content-* moved to the first part
	   (continuation lines follow their field). */
	for (line = mail; line < body + 2; line = end + 2) {
		end = strstr(line, "\r\n");
		if (line[0] != ' ' && line[0] != '\t') {
			in_part_header = header_is(line, "Content-Type") ||
				header_is(line, "Content-Transfer-Encoding");
		}
		if (in_part_header)
			str_append_data(part_headers, line, end + 2 - line);
		else
			str_append_data(dest, line, end + 2 - line);
	}
	str_printfa(dest, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n"
		    "\r\nThis is a multi-part message in MIME format.\r\n",
		    boundary);
	str_printfa(dest, "\r\n--%s\r\n", boundary);
	str_append_str(dest, part_headers);
	str_append(dest, "\r\n");
	str_append(dest, body + 4);
	for (i = 0; i < count; i++) {
		str_printfa(dest, "\r\n--%s\r\n"
			    "Content-Type: message/rfc822\r\n"
			    "Content-Transfer-Encoding: %s\r\n"
			    "Content-Disposition: attachment; "
			    "filename=\"thu-goc-%u.eml\"\r\n\r\n", boundary,
			    attach_has_8bit(atts[i].data, atts[i].len) ?
			    "8bit" : "7bit", i + 1);
		str_append_data(dest, atts[i].data, atts[i].len);
	}
	str_printfa(dest, "\r\n--%s--\r\n", boundary);
}
