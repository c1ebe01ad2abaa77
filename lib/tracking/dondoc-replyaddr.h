/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_REPLYADDR_H
#define DONDOC_REPLYADDR_H

/* Signed per-task reply addresses: every mail dondoc sends carries
   Reply-To: <local>+<task>.<mac>@<domain>, where mac is a keyed MAC
   (HMAC-SHA256 with the dondoc_secret setting, truncated, base32) of the
   lowercased task code. A reply to it names its task unforgeably: Dovecot
   hands us the "+..." part as the recipient :detail. A wrong MAC names
   nothing. Task codes must consist of [A-Za-z0-9-_] (at most 64 bytes). */

#define DONDOC_REPLYADDR_MAC_CHARS 12

/* "task.mac" for the task: the detail part of the address. */
const char *dondoc_replyaddr_detail(const char *secret, const char *task);
/* local+task.mac@domain; NULL if the task code is not usable. */
const char *dondoc_replyaddr_build(const char *secret, const char *local,
				   const char *domain, const char *task);
/* The signed address for task based on an address "local@domain" (a
   "+detail" already in it is dropped); NULL if secret or base is NULL
   or unusable. */
const char *dondoc_replyaddr_for(const char *secret, const char *base,
				 const char *task);
/* Check a recipient detail ("task.mac", case-insensitive). Returns TRUE
   with the task code (as written in the detail) when the MAC is right. */
bool dondoc_replyaddr_verify(const char *secret, const char *detail,
			     const char **task_r);

#endif
