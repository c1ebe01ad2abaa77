/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_MARK_H
#define DONDOC_STORE_MARK_H

/* The store's marks of the mail plugin's outgoing mailboxes, the journal
   of its work (plugin/dondoc-plugin-journal.c, sql/012). Trusts nothing
   of its arguments: names bounded and checked. */

#include "dondoc-store.h"

/* The outgoing mailboxes' marks (dondoc-store-mark.c): for a mailbox (its
   GUID in hex; vname its name, kept for people), the UID under
   uidvalidity up to which every saved mail's work is in the store or
   the spool. get: 1 with the mark, 0 none, -1 error. put: a new
   uidvalidity replaces the mark, the same one only moves it up (never
   down); inside dondoc_store_begin() it commits with the caller's
   transaction. 0 or -1. */
#define DONDOC_STORE_MAX_MAILBOX 1024
int dondoc_store_outgoing_mark_get(struct dondoc_store *store,
				   const char *guid,
				   uint32_t *uidvalidity_r, uint32_t *uid_r,
				   const char **error_r);
int dondoc_store_outgoing_mark_put(struct dondoc_store *store,
				   const char *guid, const char *vname,
				   uint32_t uidvalidity, uint32_t uid,
				   const char **error_r);

#endif
