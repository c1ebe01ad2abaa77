/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_LOCK_H
#define DONDOC_STORE_LOCK_H

/* A write transaction that holds only what it names, so that writers
   about different things run side by side on a store that allows it
   (PostgreSQL); see dondoc_store_begin_keys(). For callers whose whole
   transaction is known to touch only the rows its keys name (a
   delivery: lib/tracking/dondoc-actions.c says which). */

#include "dondoc-store.h"

/* the most keys a transaction names */
#define DONDOC_STORE_MAX_TXN_KEYS 6
/* the longest key */
#define DONDOC_STORE_MAX_TXN_KEY 1024

/* As dondoc_store_begin(), but the transaction holds the store only
   against what holds it whole (migrations, imports, the sweep, every
   write operation outside it), and each key (any text; compared as
   lowercased) against the transactions that name the same key: two
   transactions with no key in common run at once. The caller promises
   that every row its transaction reads to decide a write, and every row
   it writes but through a conditional or unique statement that is safe
   beside any writer (the outbox's), is one its keys name. keys: NULL
   terminated; NULL, empty, more than DONDOC_STORE_MAX_TXN_KEYS or one
   longer than DONDOC_STORE_MAX_TXN_KEY: the transaction holds the whole
   store (dondoc_store_begin()). SQLite has one writer at a time anyway:
   there it is dondoc_store_begin(). */
int dondoc_store_begin_keys(struct dondoc_store *store,
			    const char *const *keys, const char **error_r);

#endif
