/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The kept store connection (dondoc-store-cache.h). Trusts its caller's
   path and settings (the administrator's dondoc_db). */

#include "lib.h"
#include "dondoc-store-cache.h"

#include <sys/stat.h>
#include <unistd.h>

struct dondoc_store_cache {
	char *actor;
	char *path;
	uid_t uid;
	dev_t dev;
	ino_t ino;
	struct dondoc_store_settings set;
	struct dondoc_store *store;
	/* written since the last sync */
	bool unsynced;
};

struct dondoc_store_cache *dondoc_store_cache_create(const char *actor)
{
	struct dondoc_store_cache *cache;

	cache = i_new(struct dondoc_store_cache, 1);
	cache->actor = i_strdup(actor);
	return cache;
}

static void dondoc_store_cache_drop(struct dondoc_store_cache *cache)
{
	const char *error;

	if (cache->store != NULL) {
		/* Whatever was committed is made durable before we let go. */
		if (cache->unsynced &&
		    dondoc_store_sync(cache->store, &error) < 0)
			i_error("dondoc: %s", error);
		dondoc_store_close(&cache->store);
	}
	cache->unsynced = FALSE;
	i_free(cache->path);
}

void dondoc_store_cache_destroy(struct dondoc_store_cache **_cache)
{
	struct dondoc_store_cache *cache = *_cache;

	if (cache == NULL)
		return;
	*_cache = NULL;
	dondoc_store_cache_drop(cache);
	i_free(cache->actor);
	i_free(cache);
}

static bool
dondoc_store_cache_valid(const struct dondoc_store_cache *cache,
			 const char *path,
			 const struct dondoc_store_settings *set)
{
	struct stat st;
	const char *conninfo;

	if (cache->store == NULL || strcmp(cache->path, path) != 0 ||
	    cache->uid != geteuid() ||
	    cache->set.busy_timeout_msecs != set->busy_timeout_msecs ||
	    cache->set.relaxed_sync != set->relaxed_sync)
		return FALSE;
	/* a PostgreSQL store is its conninfo; a file, its inode too */
	if (dondoc_store_path_is_pgsql(path, &conninfo))
		return TRUE;
	return stat(path, &st) == 0 && st.st_dev == cache->dev &&
		st.st_ino == cache->ino;
}

int dondoc_store_cache_get(struct dondoc_store_cache *cache,
			   const char *path,
			   const struct dondoc_store_settings *set,
			   struct dondoc_store **store_r,
			   const char **error_r)
{
	struct stat st;
	const char *conninfo;

	if (!dondoc_store_cache_valid(cache, path, set)) {
		dondoc_store_cache_drop(cache);
		if (dondoc_store_open_with(path, set, &cache->store,
					   error_r) < 0)
			return -1;
		if (dondoc_store_path_is_pgsql(path, &conninfo))
			i_zero(&st);
		else if (stat(path, &st) < 0) {
			*error_r = t_strdup_printf("stat(%s) failed: %m",
						   path);
			dondoc_store_cache_drop(cache);
			return -1;
		}
		cache->path = i_strdup(path);
		cache->uid = geteuid();
		cache->dev = st.st_dev;
		cache->ino = st.st_ino;
		cache->set = *set;
		dondoc_store_set_actor(cache->store, cache->actor);
	}
	*store_r = cache->store;
	return 0;
}

void dondoc_store_cache_failed(struct dondoc_store_cache *cache)
{
	/* Reopen next time: the error may have left it unusable. */
	dondoc_store_cache_drop(cache);
}

void dondoc_store_cache_written(struct dondoc_store_cache *cache)
{
	cache->unsynced = TRUE;
}

int dondoc_store_cache_sync(struct dondoc_store_cache *cache,
			    const char **error_r)
{
	if (!cache->unsynced || cache->store == NULL)
		return 0;
	cache->unsynced = FALSE;
	if (dondoc_store_sync(cache->store, error_r) < 0) {
		dondoc_store_cache_drop(cache);
		return -1;
	}
	return 0;
}
