/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TRUST_H
#define DONDOC_TRUST_H

/* Who really sent a message. A sender is verified only by evidence this
   server produced: the topmost Authentication-Results header (RFC 8601)
   whose authserv-id is ours (its first token, unquoted, compared
   case-insensitively as the domain name it is), with dmarc=pass, or dkim=pass for a signing
   domain aligned with the From: domain. Every other Authentication-Results
   header is ignored (RFC 8601 section 5: it may be forged). The weaker
   "envelope" policy, for sites without DKIM, accepts a From: address equal
   to the envelope sender, and must be chosen explicitly. The MTA must
   remove every incoming Authentication-Results carrying our authserv-id
   before it adds its own (doc/authentication-results.md): else one
   forged by the sender is believed whenever ours is missing. */

enum dondoc_trust_policy {
	/* Authentication-Results only. */
	DONDOC_TRUST_POLICY_AUTHRES = 0,
	/* Authentication-Results, else envelope sender = From: address. */
	DONDOC_TRUST_POLICY_ENVELOPE,
};

struct dondoc_trust_input {
	/* The configured authserv-id; NULL or "" disables A-R trust. */
	const char *authserv_id;
	enum dondoc_trust_policy policy;
	/* Values of every Authentication-Results header, topmost first
	   (as Dovecot returns them), unfolded; NULL-terminated. */
	const char *const *authres_headers;
	/* The From: address (addr-spec, already parsed); NULL if none or
	   more than one mailbox. */
	const char *from_address;
	/* Envelope MAIL FROM (addr-spec), NULL or "" for <>. */
	const char *envelope_sender;
};

struct dondoc_trust_result {
	bool verified;
	/* The verified address, lowercased (NULL unless verified). */
	const char *address;
	/* How: "dmarc", "dkim", "envelope"; or why not, for the log. */
	const char *reason;
};

/* Decide; strings are allocated from pool. Never fails: malformed
   headers are simply no evidence. */
void dondoc_trust_evaluate(pool_t pool, const struct dondoc_trust_input *in,
			   struct dondoc_trust_result *result_r);

/* Relaxed DMARC alignment: d equals the From: domain, or one is a
   subdomain of the other (case-insensitive). Exposed for tests. */
bool dondoc_trust_domains_aligned(const char *signing_domain,
				  const char *from_domain);

#endif
