/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Signed per-task reply addresses: local+task.mac@domain, where mac is
   HMAC-SHA256(dondoc_secret, lowercased task code), base32 (RFC 4648
   alphabet, lowercased, unpadded), truncated to DONDOC_REPLYADDR_MAC_CHARS
   characters (60 bits). Trusts only the secret; a recipient detail is
   hostile input, validated before it is looked at and compared in
   constant time. Results are allocated from the data stack. */

#include "lib.h"

#include <ctype.h>
#include "buffer.h"
#include "str.h"
#include "strfuncs.h"
#include "base32.h"
#include "safe-memset.h"
#include "hash-method.h"
#include "hmac.h"
#include "dondoc-replyaddr.h"

#define REPLYADDR_MAX_TASK_LEN 64
/* RFC 5321 section 4.5.3.1.1 */
#define REPLYADDR_MAX_LOCALPART_LEN 64
#define REPLYADDR_MAX_DOMAIN_LEN 253

static bool replyaddr_task_valid(const char *task, size_t len)
{
	size_t i;

	if (len == 0 || len > REPLYADDR_MAX_TASK_LEN)
		return FALSE;
	for (i = 0; i < len; i++) {
		if (!i_isalnum(task[i]) && task[i] != '-' && task[i] != '_')
			return FALSE;
	}
	return TRUE;
}

/* A dot-atom local part we can safely put before "+": RFC 5322 atext
   without '+' (our delimiter) and without the characters that could
   break out of an address. */
static bool replyaddr_local_valid(const char *local)
{
	const char *p;

	if (*local == '\0' || *local == '.')
		return FALSE;
	for (p = local; *p != '\0'; p++) {
		if (i_isalnum(*p))
			continue;
		if (strchr("!#$%&'*/=?^_`{|}~-.", *p) == NULL)
			return FALSE;
		if (*p == '.' && (p[1] == '.' || p[1] == '\0'))
			return FALSE;
	}
	return TRUE;
}

static bool replyaddr_domain_valid(const char *domain)
{
	const char *p;
	size_t len = strlen(domain);

	if (len == 0 || len > REPLYADDR_MAX_DOMAIN_LEN ||
	    domain[0] == '.' || domain[0] == '-' || domain[len - 1] == '.')
		return FALSE;
	for (p = domain; *p != '\0'; p++) {
		if (!i_isalnum(*p) && *p != '-' && *p != '.')
			return FALSE;
		if (*p == '.' && p[1] == '.')
			return FALSE;
	}
	return TRUE;
}

/* The MAC of task (len bytes, already validated) into mac_r, which has
   room for DONDOC_REPLYADDR_MAC_CHARS + 1 bytes. */
static void replyaddr_mac(const char *secret, const char *task, size_t len,
			  char mac_r[DONDOC_REPLYADDR_MAC_CHARS + 1])
{
	struct hmac_context ctx;
	unsigned char digest[SHA256_RESULTLEN];
	char lower[REPLYADDR_MAX_TASK_LEN];
	buffer_t *b32;
	size_t i;

	i_assert(len <= sizeof(lower));
	for (i = 0; i < len; i++)
		lower[i] = i_tolower(task[i]);
	hmac_init(&ctx, (const unsigned char *)secret, strlen(secret),
		  &hash_method_sha256);
	hmac_update(&ctx, lower, len);
	hmac_final(&ctx, digest);

	T_BEGIN {
		b32 = t_buffer_create(MAX_BASE32_ENCODED_SIZE(sizeof(digest)));
		base32_encode(FALSE, digest, sizeof(digest), b32);
		i_assert(b32->used >= DONDOC_REPLYADDR_MAC_CHARS);
		for (i = 0; i < DONDOC_REPLYADDR_MAC_CHARS; i++) {
			mac_r[i] = i_tolower(
				((const char *)b32->data)[i]);
		}
		mac_r[i] = '\0';
	} T_END;
	safe_memset(digest, 0, sizeof(digest));
	safe_memset(&ctx, 0, sizeof(ctx));
}

const char *dondoc_replyaddr_detail(const char *secret, const char *task)
{
	char mac[DONDOC_REPLYADDR_MAC_CHARS + 1];

	if (secret == NULL || *secret == '\0' || task == NULL)
		return NULL;
	if (!replyaddr_task_valid(task, strlen(task)))
		return NULL;
	replyaddr_mac(secret, task, strlen(task), mac);
	return t_strconcat(task, ".", mac, NULL);
}

const char *dondoc_replyaddr_build(const char *secret, const char *local,
				   const char *domain, const char *task)
{
	const char *detail;

	if (local == NULL || domain == NULL ||
	    !replyaddr_local_valid(local) || !replyaddr_domain_valid(domain))
		return NULL;
	detail = dondoc_replyaddr_detail(secret, task);
	if (detail == NULL)
		return NULL;
	/* Longer local parts are legal to refuse (RFC 5321) and some MTAs
	   do: better no address than one that bounces. */
	if (strlen(local) + 1 + strlen(detail) > REPLYADDR_MAX_LOCALPART_LEN)
		return NULL;
	return t_strconcat(local, "+", detail, "@", domain, NULL);
}

bool dondoc_replyaddr_verify(const char *secret, const char *detail,
			     const char **task_r)
{
	char expected[DONDOC_REPLYADDR_MAC_CHARS + 1];
	char given[DONDOC_REPLYADDR_MAC_CHARS];
	const char *dot;
	size_t task_len, i;

	*task_r = NULL;
	if (secret == NULL || *secret == '\0' || detail == NULL)
		return FALSE;
	/* task codes never contain '.', so the MAC follows the last one */
	dot = strrchr(detail, '.');
	if (dot == NULL)
		return FALSE;
	task_len = (size_t)(dot - detail);
	if (!replyaddr_task_valid(detail, task_len) ||
	    strlen(dot + 1) != DONDOC_REPLYADDR_MAC_CHARS)
		return FALSE;
	for (i = 0; i < DONDOC_REPLYADDR_MAC_CHARS; i++)
		given[i] = i_tolower(dot[1 + i]);

	replyaddr_mac(secret, detail, task_len, expected);
	if (!mem_equals_timing_safe(expected, given,
				    DONDOC_REPLYADDR_MAC_CHARS))
		return FALSE;
	*task_r = t_strndup(detail, task_len);
	return TRUE;
}

const char *dondoc_replyaddr_for(const char *secret, const char *base,
				 const char *task)
{
	const char *at, *plus;

	if (secret == NULL || base == NULL || (at = strrchr(base, '@')) == NULL)
		return NULL;
	plus = strchr(base, '+');
	if (plus == NULL || plus > at)
		plus = at;
	return dondoc_replyaddr_build(secret, t_strdup_until(base, plus),
				      at + 1, task);
}
