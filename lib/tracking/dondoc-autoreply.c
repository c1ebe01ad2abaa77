/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Whether dondoc may send an automatic mail (a receipt) in answer to a
   message: RFC 3834 section 2, RFC 5230 sections 4.5-4.6 and the header
   conventions of list managers and Exchange. Trusts nothing: every header
   is hostile input, only ever compared, never copied. When in doubt, no
   reply: a missing receipt costs less than a mail loop. */

#include "lib.h"
#include "strfuncs.h"
#include "dondoc-autoreply.h"

/* Longer header values are not examined (and refused). */
#define AUTOREPLY_MAX_VALUE_LEN 4096
/* More fields of one name than this are not examined (and refused). */
#define AUTOREPLY_MAX_FIELDS 32

/* Exact local parts (RFC 5230 section 4.6 and common system senders). */
static const char *const autoreply_system_locals[] = {
	"mailer-daemon", "postmaster", "listserv", "majordomo",
	"mailman", "bounce", "bounces",
};
/* Prefixes and suffixes of list and system addresses. */
static const char *const autoreply_local_prefixes[] = {
	"owner-", "noreply", "no-reply", "no_reply", "donotreply",
	"do-not-reply", "do_not_reply",
};
static const char *const autoreply_local_suffixes[] = {
	"-request", "-owner", "-bounces", "-bounce",
};
/* Any of these marks a mailing list (RFC 2369, RFC 2919). */
static const char *const autoreply_list_headers[] = {
	"List-Id", "List-Post", "List-Unsubscribe", "List-Help",
	"List-Owner", "List-Subscribe", "List-Archive",
};
/* Any of these marks automatic mail or a loop, including our own. Not
   X-Sieve: Pigeonhole adds it to every redirect, so it would silence
   receipts to agencies whose mail is forwarded by a Sieve script. */
static const char *const autoreply_loop_headers[] = {
	"X-Dondoc-Generated", "X-Loop",
	"X-Autoreply", "X-Autorespond",
};

static bool str_has_suffix_icase(const char *str, size_t len,
				 const char *suffix)
{
	size_t slen = strlen(suffix);

	return len >= slen && strncasecmp(str + len - slen, suffix, slen) == 0;
}

static bool autoreply_local_is_system(const char *local, size_t len)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(autoreply_system_locals); i++) {
		if (strlen(autoreply_system_locals[i]) == len &&
		    strncasecmp(local, autoreply_system_locals[i], len) == 0)
			return TRUE;
	}
	for (i = 0; i < N_ELEMENTS(autoreply_local_prefixes); i++) {
		size_t plen = strlen(autoreply_local_prefixes[i]);

		if (len >= plen &&
		    strncasecmp(local, autoreply_local_prefixes[i], plen) == 0)
			return TRUE;
	}
	for (i = 0; i < N_ELEMENTS(autoreply_local_suffixes); i++) {
		if (str_has_suffix_icase(local, len,
					 autoreply_local_suffixes[i]))
			return TRUE;
	}
	return FALSE;
}

/* The local part of the envelope sender, checked whole and without a
   "+detail" (VERP: list-bounces+user=example.org@lists.example.org). */
static bool autoreply_sender_is_system(const char *sender)
{
	const char *at, *plus;
	size_t len;

	if (*sender == '<')
		sender++;
	at = strrchr(sender, '@');
	len = at == NULL ? strlen(sender) : (size_t)(at - sender);
	if (len >= 2 && sender[0] == '"' && sender[len - 1] == '"') {
		sender++;
		len -= 2;
	}
	if (autoreply_local_is_system(sender, len))
		return TRUE;
	plus = memchr(sender, '+', len);
	return plus != NULL &&
		autoreply_local_is_system(sender, (size_t)(plus - sender));
}

/* The value up to any ";" parameter or comment, without surrounding
   whitespace: "auto-replied; owner-email=..." -> "auto-replied". */
static bool autoreply_token_equals(const char *value, const char *token)
{
	size_t len;

	while (*value == ' ' || *value == '\t' || *value == '\r' ||
	       *value == '\n')
		value++;
	len = strcspn(value, "; \t\r\n(");
	return len == strlen(token) && strncasecmp(value, token, len) == 0;
}

/* Is token one of the comma-separated values (Exchange's
   X-Auto-Response-Suppress: "DR, RN, NRN, OOF, AutoReply")? */
static bool autoreply_list_contains(const char *value, const char *token)
{
	size_t tlen = strlen(token);

	while (*value != '\0') {
		size_t len;

		while (*value == ' ' || *value == '\t' || *value == ',' ||
		       *value == '\r' || *value == '\n')
			value++;
		len = strcspn(value, ", \t\r\n");
		if (len == tlen && strncasecmp(value, token, len) == 0)
			return TRUE;
		value += len;
	}
	return FALSE;
}

/* The index-th field of a header (0 the first), NULL after the last. */
static const char *
autoreply_header(const struct dondoc_autoreply_input *in, const char *name,
		 unsigned int index)
{
	if (in->get_header == NULL)
		return NULL;
	return in->get_header(in->context, name, index);
}

/* Does any field of the header carry a value refuse() refuses? Every
   field is examined: a list manager or an auto-responder adds its own
   field below the author's ("Auto-Submitted: no", "Precedence: normal"),
   and one saying "automatic" is enough. Too many fields: refused. */
static bool autoreply_any_field(const struct dondoc_autoreply_input *in,
				const char *name,
				bool (*refuse)(const char *value))
{
	const char *value;
	unsigned int i;

	for (i = 0; (value = autoreply_header(in, name, i)) != NULL; i++) {
		if (i == AUTOREPLY_MAX_FIELDS || refuse(value))
			return TRUE;
	}
	return FALSE;
}

static bool autoreply_refuse_auto_submitted(const char *value)
{
	return !autoreply_token_equals(value, "no");
}

static bool autoreply_refuse_precedence(const char *value)
{
	return autoreply_token_equals(value, "bulk") ||
		autoreply_token_equals(value, "list") ||
		autoreply_token_equals(value, "junk");
}

static bool autoreply_refuse_suppress(const char *value)
{
	return strlen(value) > AUTOREPLY_MAX_VALUE_LEN ||
		autoreply_list_contains(value, "All") ||
		autoreply_list_contains(value, "AutoReply") ||
		autoreply_list_contains(value, "OOF");
}

static bool autoreply_refuse_return_path(const char *value)
{
	while (*value == ' ' || *value == '\t')
		value++;
	return *value == '\0' || strncmp(value, "<>", 2) == 0;
}

static const char *
autoreply_check_headers(const struct dondoc_autoreply_input *in)
{
	unsigned int i;

	if (in->header_truncated)
		return "header too long to check";
	if (autoreply_any_field(in, "Auto-Submitted",
				autoreply_refuse_auto_submitted))
		return "auto-submitted message";
	for (i = 0; i < N_ELEMENTS(autoreply_list_headers); i++) {
		if (autoreply_header(in, autoreply_list_headers[i], 0) != NULL)
			return "mailing list message";
	}
	if (autoreply_any_field(in, "Precedence", autoreply_refuse_precedence))
		return "bulk precedence";
	if (autoreply_any_field(in, "X-Auto-Response-Suppress",
				autoreply_refuse_suppress))
		return "auto-response suppressed";
	for (i = 0; i < N_ELEMENTS(autoreply_loop_headers); i++) {
		if (autoreply_header(in, autoreply_loop_headers[i], 0) != NULL)
			return "automatic or looping message";
	}
	if (autoreply_any_field(in, "Return-Path",
				autoreply_refuse_return_path))
		return "null return path";
	return NULL;
}

/* The local part up to any "+detail", and the domain, of an address
   with or without its angle brackets. FALSE when it has no "@". */
static bool autoreply_address_split(const char *addr, const char **local_r,
				    size_t *local_len_r, const char **domain_r,
				    size_t *domain_len_r)
{
	const char *at, *end;
	size_t len;

	if (*addr == '<')
		addr++;
	len = strlen(addr);
	if (len > 0 && addr[len - 1] == '>')
		len--;
	end = addr + len;
	at = NULL;
	for (const char *p = addr; p < end; p++) {
		if (*p == '@')
			at = p;
	}
	if (at == NULL)
		return FALSE;
	*local_r = addr;
	*local_len_r = strcspn(addr, "+@");
	if (*local_len_r > (size_t)(at - addr))
		*local_len_r = (size_t)(at - addr);
	*domain_r = at + 1;
	*domain_len_r = (size_t)(end - (at + 1));
	return TRUE;
}

/* Is the sender one of our own addresses, "+detail" aside on either? */
static bool autoreply_sender_is_own(const struct dondoc_autoreply_input *in,
				    const char *sender)
{
	const char *const *own, *sl, *sd, *ol, *od;
	size_t sl_len, sd_len, ol_len, od_len;

	if (in->own_addresses == NULL ||
	    !autoreply_address_split(sender, &sl, &sl_len, &sd, &sd_len))
		return FALSE;
	for (own = in->own_addresses; *own != NULL; own++) {
		if (!autoreply_address_split(*own, &ol, &ol_len, &od, &od_len))
			continue;
		if (sl_len == ol_len && sd_len == od_len &&
		    strncasecmp(sl, ol, sl_len) == 0 &&
		    strncasecmp(sd, od, sd_len) == 0)
			return TRUE;
	}
	return FALSE;
}

bool dondoc_autoreply_allowed(const struct dondoc_autoreply_input *in,
			      const char **reason_r)
{
	const char *sender = in->envelope_sender;

	if (sender == NULL || *sender == '\0' || strcmp(sender, "<>") == 0) {
		*reason_r = "null envelope sender";
		return FALSE;
	}
	if (strlen(sender) > 320 || strpbrk(sender, "\r\n") != NULL) {
		*reason_r = "unusable envelope sender";
		return FALSE;
	}
	if (autoreply_sender_is_system(sender)) {
		*reason_r = "system or list sender";
		return FALSE;
	}
	if (autoreply_sender_is_own(in, sender)) {
		*reason_r = "our own address";
		return FALSE;
	}
	*reason_r = autoreply_check_headers(in);
	if (*reason_r != NULL)
		return FALSE;
	*reason_r = "allowed";
	return TRUE;
}
