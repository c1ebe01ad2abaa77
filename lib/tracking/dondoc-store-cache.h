/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_CACHE_H
#define DONDOC_STORE_CACHE_H

/* One store connection kept across saves and deliveries of a process
   (opening SQLite costs a schema load, a WAL-index recovery and cold page
   reads), reused only for the same file (device and inode) or conninfo,
   the same uid and the same settings. Its owner is the dondoc mail
   plugin, which stays loaded for the life of the process (dondoc-owner.h);
   the state is all in the cache object, never in a global. */

#include "dondoc-store.h"

struct dondoc_store_cache;

/* actor: who the store's audit rows name ("plugin", "sieve"). */
struct dondoc_store_cache *dondoc_store_cache_create(const char *actor);
/* Makes what was written durable, closes the connection, frees. */
void dondoc_store_cache_destroy(struct dondoc_store_cache **_cache);

/* The connection for path and set, opened when the cached one does not
   fit. Returns 0, or -1 with error_r. */
int dondoc_store_cache_get(struct dondoc_store_cache *cache,
			   const char *path,
			   const struct dondoc_store_settings *set,
			   struct dondoc_store **store_r,
			   const char **error_r);
/* After a store error: drop the connection, so the next use reopens. */
void dondoc_store_cache_failed(struct dondoc_store_cache *cache);
/* The store was written since the last sync. */
void dondoc_store_cache_written(struct dondoc_store_cache *cache);
/* Sync what was written since the last sync (nothing when nothing was).
   Returns 0 or -1 with error_r (the connection is dropped). */
int dondoc_store_cache_sync(struct dondoc_store_cache *cache,
			    const char **error_r);

#endif
