/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Sender trust: is the From: address of a message vouched for by evidence
   this server produced? Parses Authentication-Results (RFC 8601) values
   and trusts only the topmost one carrying our authserv-id; every other
   one may have been written by anybody (RFC 8601 section 5). Trusts
   nothing in the message itself except that header; input is hostile,
   bounded and never fatal: anything malformed is simply no evidence. */

#include "lib.h"

#include <ctype.h>
#include "str.h"
#include "strfuncs.h"
#include "dondoc-trust.h"

/* Longer header values are not parsed (ours are a few hundred bytes). */
#define TRUST_MAX_HEADER_LEN 16384
/* Authentication-Results headers looked at, topmost first. */
#define TRUST_MAX_HEADERS 64
#define TRUST_MAX_RESINFOS 64
#define TRUST_MAX_PROPS 16
#define TRUST_MAX_COMMENT_DEPTH 8
#define TRUST_MAX_DOMAIN_LEN 253

enum ar_token_type {
	AR_TOKEN_END = 0,
	AR_TOKEN_WORD,
	AR_TOKEN_QUOTED,
	AR_TOKEN_SEMICOLON,
	AR_TOKEN_EQUALS,
	AR_TOKEN_ERROR,
};

struct ar_lexer {
	const char *data;
	size_t len, pos;
	string_t *value;
	/* TRUE when whitespace or a comment preceded the current token */
	bool space_before;
};

struct ar_prop {
	const char *ptype, *property, *value;
};

struct ar_resinfo {
	const char *method, *result;
	struct ar_prop props[TRUST_MAX_PROPS];
	unsigned int props_count;
};

static bool ar_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Word characters: anything but whitespace, comments, quotes and the
   separators ";" and "=". Dots, slashes and "@" stay inside words; the
   parser splits them where the grammar needs it. */
static bool ar_is_word_char(unsigned char c)
{
	return c > ' ' && c != 0x7f && c != '(' && c != ')' && c != '"' &&
		c != ';' && c != '=';
}

/* Skip whitespace and (nested) comments. FALSE on an unterminated or
   too deeply nested comment. */
static bool ar_skip_cfws(struct ar_lexer *lex)
{
	unsigned int depth = 0;

	while (lex->pos < lex->len) {
		char c = lex->data[lex->pos];

		if (depth == 0 && ar_is_space(c)) {
			lex->space_before = TRUE;
			lex->pos++;
		} else if (c == '(') {
			if (++depth > TRUST_MAX_COMMENT_DEPTH)
				return FALSE;
			lex->space_before = TRUE;
			lex->pos++;
		} else if (depth == 0) {
			return TRUE;
		} else if (c == ')') {
			depth--;
			lex->pos++;
		} else if (c == '\\') {
			/* quoted-pair inside a comment */
			lex->pos += 2;
		} else {
			lex->pos++;
		}
	}
	return depth == 0;
}

static enum ar_token_type ar_next(struct ar_lexer *lex)
{
	char c;

	str_truncate(lex->value, 0);
	lex->space_before = FALSE;
	if (!ar_skip_cfws(lex))
		return AR_TOKEN_ERROR;
	if (lex->pos >= lex->len)
		return AR_TOKEN_END;

	c = lex->data[lex->pos];
	if (c == ';') {
		lex->pos++;
		return AR_TOKEN_SEMICOLON;
	}
	if (c == '=') {
		lex->pos++;
		return AR_TOKEN_EQUALS;
	}
	if (c == ')')
		return AR_TOKEN_ERROR;
	if (c == '"') {
		for (lex->pos++; lex->pos < lex->len; lex->pos++) {
			c = lex->data[lex->pos];
			if (c == '"') {
				lex->pos++;
				return AR_TOKEN_QUOTED;
			}
			if (c == '\\') {
				if (++lex->pos >= lex->len)
					break;
				c = lex->data[lex->pos];
			}
			/* folding inside a quoted string is no content */
			if (c != '\r' && c != '\n')
				str_append_c(lex->value, c);
		}
		return AR_TOKEN_ERROR;
	}
	if (!ar_is_word_char((unsigned char)c))
		return AR_TOKEN_ERROR;
	while (lex->pos < lex->len &&
	       ar_is_word_char((unsigned char)lex->data[lex->pos]))
		str_append_c(lex->value, lex->data[lex->pos++]);
	return AR_TOKEN_WORD;
}

static bool ar_is_digits(const char *s)
{
	if (*s == '\0')
		return FALSE;
	for (; *s != '\0'; s++) {
		if (!i_isdigit(*s))
			return FALSE;
	}
	return TRUE;
}

/* The current word as "ptype.property", joining the pieces of
   "ptype (c) . (c) property" (CFWS around the dot, RFC 8601 section 2.2). */
static const char *ar_read_ptype_property(struct ar_lexer *lex)
{
	const char *word = t_strdup(str_c(lex->value));
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct ar_lexer peek = *lex;
		size_t len = strlen(word);

		if (len > 0 && word[len - 1] != '.' && strchr(word, '.') != NULL)
			break;
		if (ar_next(&peek) != AR_TOKEN_WORD)
			break;
		if (word[len - 1] != '.' && str_c(peek.value)[0] != '.')
			break;
		/* peek shares lex->value, which holds nothing needed now */
		word = t_strconcat(word, str_c(peek.value), NULL);
		*lex = peek;
	}
	return word;
}

/* Parse one resinfo after its ";": method[/version]=result, an optional
   reason=value and propspecs, up to the next ";" or the end. Returns the
   token that ended it (SEMICOLON or END), or ERROR. */
static enum ar_token_type
ar_parse_resinfo(struct ar_lexer *lex, struct ar_resinfo *ri)
{
	enum ar_token_type tok;
	const char *word, *p;

	i_zero(ri);
	if (ar_next(lex) != AR_TOKEN_WORD)
		return AR_TOKEN_ERROR;
	/* method, with an optional "/version" */
	word = str_c(lex->value);
	p = strchr(word, '/');
	ri->method = t_str_lcase(p == NULL ? word : t_strdup_until(word, p));
	if (*ri->method == '\0' || strchr(ri->method, '.') != NULL)
		return AR_TOKEN_ERROR;
	if (ar_next(lex) != AR_TOKEN_EQUALS)
		return AR_TOKEN_ERROR;
	if (ar_next(lex) != AR_TOKEN_WORD)
		return AR_TOKEN_ERROR;
	ri->result = t_str_lcase(str_c(lex->value));

	for (;;) {
		const char *ptype, *property, *value;

		tok = ar_next(lex);
		if (tok == AR_TOKEN_SEMICOLON || tok == AR_TOKEN_END)
			return tok;
		if (tok != AR_TOKEN_WORD)
			return AR_TOKEN_ERROR;
		word = ar_read_ptype_property(lex);
		if (word == NULL || ar_next(lex) != AR_TOKEN_EQUALS)
			return AR_TOKEN_ERROR;
		tok = ar_next(lex);
		if (tok != AR_TOKEN_WORD && tok != AR_TOKEN_QUOTED)
			return AR_TOKEN_ERROR;
		value = t_strdup(str_c(lex->value));
		if (tok == AR_TOKEN_QUOTED && lex->pos < lex->len &&
		    lex->data[lex->pos] == '@') {
			/* "quoted local"@domain */
			if (ar_next(lex) != AR_TOKEN_WORD)
				return AR_TOKEN_ERROR;
			value = t_strconcat(value, str_c(lex->value), NULL);
		}

		if (strcasecmp(word, "reason") == 0)
			continue;
		p = strchr(word, '.');
		if (p == NULL || p == word || p[1] == '\0')
			return AR_TOKEN_ERROR;
		ptype = t_str_lcase(t_strdup_until(word, p));
		property = t_str_lcase(p + 1);
		if (ri->props_count >= TRUST_MAX_PROPS)
			return AR_TOKEN_ERROR;
		ri->props[ri->props_count++] = (struct ar_prop){
			.ptype = ptype, .property = property, .value = value,
		};
	}
}

static const char *
ar_resinfo_prop(const struct ar_resinfo *ri, const char *ptype,
		const char *property)
{
	unsigned int i;

	for (i = 0; i < ri->props_count; i++) {
		if (strcmp(ri->props[i].ptype, ptype) == 0 &&
		    strcmp(ri->props[i].property, property) == 0)
			return ri->props[i].value;
	}
	return NULL;
}

/* The domain of an address or identity ("user@d", "@d" or "d"). */
static const char *trust_domain_of(const char *addr)
{
	const char *p = strrchr(addr, '@');

	return p == NULL ? addr : p + 1;
}

/* A plausible DNS name: dot-separated non-empty labels of letters,
   digits, '-' and '_', one optional trailing dot removed. */
static const char *trust_normalize_domain(const char *domain)
{
	size_t len = strlen(domain), i;
	bool label_start = TRUE;

	if (len > 0 && domain[len - 1] == '.')
		len--;
	if (len == 0 || len > TRUST_MAX_DOMAIN_LEN)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = domain[i];

		if (c == '.') {
			if (label_start)
				return NULL;
			label_start = TRUE;
		} else if (i_isalnum(c) || c == '-' || c == '_') {
			label_start = FALSE;
		} else {
			return NULL;
		}
	}
	return t_str_lcase(t_strndup(domain, len));
}

static bool trust_domains_equal(const char *d1, const char *d2)
{
	const char *n1 = trust_normalize_domain(d1);
	const char *n2 = trust_normalize_domain(d2);

	return n1 != NULL && n2 != NULL && strcmp(n1, n2) == 0;
}

bool dondoc_trust_domains_aligned(const char *signing_domain,
				  const char *from_domain)
{
	const char *d, *f, *shorter, *longer;
	size_t slen, llen;
	bool ret;

	if (signing_domain == NULL || from_domain == NULL)
		return FALSE;
	T_BEGIN {
		d = trust_normalize_domain(signing_domain);
		f = trust_normalize_domain(from_domain);
		if (d == NULL || f == NULL)
			ret = FALSE;
		else if (strcmp(d, f) == 0)
			ret = TRUE;
		else {
			if (strlen(d) < strlen(f)) {
				shorter = d; longer = f;
			} else {
				shorter = f; longer = d;
			}
			slen = strlen(shorter);
			llen = strlen(longer);
			/* parent/subdomain on a label boundary; the parent
			   must not be a bare TLD */
			ret = strchr(shorter, '.') != NULL && llen > slen &&
				longer[llen - slen - 1] == '.' &&
				strcmp(longer + llen - slen, shorter) == 0;
		}
	} T_END;
	return ret;
}

enum ar_verdict {
	/* our header not found */
	AR_VERDICT_NONE = 0,
	/* ours, but unparsable or over limits */
	AR_VERDICT_MALFORMED,
	/* ours, no pass and no failure for the From: domain */
	AR_VERDICT_NEUTRAL,
	/* ours, and it says the From: domain failed */
	AR_VERDICT_FAIL,
	AR_VERDICT_DMARC,
	AR_VERDICT_DKIM,
};

/* Returns FALSE when the header is not ours (or its id is unreadable);
   otherwise evaluates it against from_domain into verdict_r. */
static bool
ar_evaluate_header(const char *value, const char *authserv_id,
		   const char *from_domain, enum ar_verdict *verdict_r)
{
	struct ar_lexer lex;
	struct ar_resinfo ri;
	enum ar_token_type tok;
	enum ar_verdict verdict = AR_VERDICT_NEUTRAL;
	bool dmarc_failed = FALSE;
	const char *d;
	unsigned int count = 0;
	size_t full_len = strlen(value);

	i_zero(&lex);
	lex.data = value;
	lex.len = I_MIN(full_len, TRUST_MAX_HEADER_LEN);
	lex.value = t_str_new(128);

	/* The authserv-id is the header's first token, written as a plain
	   token: a quoted one, or our id anywhere else, is somebody else's
	   header (our MTA writes it bare, and a filter stripping incoming
	   headers with our id may not recognise another spelling). Compared
	   case-insensitively: it names a domain (RFC 8601 section 2.5),
	   and domain names do not differ by case. */
	tok = ar_next(&lex);
	if (tok != AR_TOKEN_WORD ||
	    strcasecmp(str_c(lex.value), authserv_id) != 0)
		return FALSE;
	/* It is ours: from here on, whatever we find is the answer. */
	*verdict_r = AR_VERDICT_MALFORMED;
	if (full_len > TRUST_MAX_HEADER_LEN)
		return TRUE;

	tok = ar_next(&lex);
	if (tok == AR_TOKEN_WORD && ar_is_digits(str_c(lex.value)))
		tok = ar_next(&lex);
	if (tok != AR_TOKEN_SEMICOLON)
		return TRUE;

	/* "none" (no-result) ends the header at once */
	{
		struct ar_lexer peek = lex;
		peek.value = t_str_new(16);
		if (ar_next(&peek) == AR_TOKEN_WORD &&
		    strcasecmp(str_c(peek.value), "none") == 0 &&
		    ar_next(&peek) == AR_TOKEN_END) {
			*verdict_r = AR_VERDICT_NEUTRAL;
			return TRUE;
		}
	}

	do {
		if (++count > TRUST_MAX_RESINFOS)
			return TRUE;
		tok = ar_parse_resinfo(&lex, &ri);
		if (tok == AR_TOKEN_ERROR)
			return TRUE;
		if (strcmp(ri.method, "dmarc") == 0) {
			/* DMARC evaluated some other From: domain? */
			d = ar_resinfo_prop(&ri, "header", "from");
			if (d != NULL &&
			    !trust_domains_equal(trust_domain_of(d), from_domain))
				continue;
			if (strcmp(ri.result, "pass") == 0)
				verdict = AR_VERDICT_DMARC;
			else if (strcmp(ri.result, "fail") == 0)
				dmarc_failed = TRUE;
		} else if (strcmp(ri.method, "dkim") == 0) {
			d = ar_resinfo_prop(&ri, "header", "d");
			if (d == NULL) {
				d = ar_resinfo_prop(&ri, "header", "i");
				if (d != NULL)
					d = trust_domain_of(d);
			}
			if (d == NULL ||
			    !dondoc_trust_domains_aligned(d, from_domain))
				continue;
			if (strcmp(ri.result, "pass") == 0) {
				if (verdict != AR_VERDICT_DMARC)
					verdict = AR_VERDICT_DKIM;
			} else if (strcmp(ri.result, "fail") == 0 &&
				   verdict == AR_VERDICT_NEUTRAL) {
				verdict = AR_VERDICT_FAIL;
			}
		}
	} while (tok == AR_TOKEN_SEMICOLON);
	/* Our own server's DMARC failure vetoes a DKIM pass: the domain's
	   policy (e.g. strict alignment) said no. */
	if (dmarc_failed && verdict != AR_VERDICT_DMARC)
		verdict = AR_VERDICT_FAIL;
	*verdict_r = verdict;
	return TRUE;
}

static enum ar_verdict
trust_authres_verdict(const struct dondoc_trust_input *in,
		      const char *from_domain)
{
	enum ar_verdict verdict = AR_VERDICT_NONE;
	unsigned int i;
	bool found = FALSE;

	if (in->authres_headers == NULL)
		return AR_VERDICT_NONE;
	for (i = 0; in->authres_headers[i] != NULL && !found; i++) {
		if (i >= TRUST_MAX_HEADERS) {
			/* ours may be further down: do not guess */
			return AR_VERDICT_MALFORMED;
		}
		T_BEGIN {
			found = ar_evaluate_header(in->authres_headers[i],
						   in->authserv_id,
						   from_domain, &verdict);
		} T_END;
	}
	return verdict;
}

static const char *ar_verdict_reason(enum ar_verdict verdict)
{
	switch (verdict) {
	case AR_VERDICT_NONE:
		return "no authentication-results from our authserv-id";
	case AR_VERDICT_MALFORMED:
		return "authentication-results malformed";
	case AR_VERDICT_NEUTRAL:
		return "no aligned dmarc or dkim pass";
	case AR_VERDICT_FAIL:
		return "dmarc or aligned dkim failed";
	case AR_VERDICT_DMARC:
		return "dmarc";
	case AR_VERDICT_DKIM:
		return "dkim";
	}
	i_unreached();
}

void dondoc_trust_evaluate(pool_t pool, const struct dondoc_trust_input *in,
			   struct dondoc_trust_result *result_r)
{
	enum ar_verdict verdict = AR_VERDICT_NONE;
	const char *from_domain, *p;

	i_zero(result_r);
	if (in->from_address == NULL || *in->from_address == '\0' ||
	    strlen(in->from_address) > 320 ||
	    (p = strrchr(in->from_address, '@')) == NULL ||
	    p == in->from_address || p[1] == '\0') {
		result_r->reason = "no usable from address";
		return;
	}
	from_domain = p + 1;

	if (in->authserv_id != NULL && *in->authserv_id != '\0')
		verdict = trust_authres_verdict(in, from_domain);
	if (verdict == AR_VERDICT_DMARC || verdict == AR_VERDICT_DKIM) {
		result_r->verified = TRUE;
		result_r->address = str_lcase(p_strdup(pool, in->from_address));
		result_r->reason = ar_verdict_reason(verdict);
		return;
	}
	/* The envelope policy is a fallback for sites without DKIM: it
	   never overrides our own server saying the domain failed, nor a
	   header of ours we cannot read. */
	if (in->policy == DONDOC_TRUST_POLICY_ENVELOPE &&
	    (verdict == AR_VERDICT_NONE || verdict == AR_VERDICT_NEUTRAL)) {
		if (in->envelope_sender != NULL &&
		    strcasecmp(in->envelope_sender, in->from_address) == 0) {
			result_r->verified = TRUE;
			result_r->address =
				str_lcase(p_strdup(pool, in->from_address));
			result_r->reason = "envelope";
			return;
		}
		result_r->reason = p_strconcat(pool, ar_verdict_reason(verdict),
			"; envelope sender differs from From:", NULL);
		return;
	}
	result_r->reason = ar_verdict_reason(verdict);
}
