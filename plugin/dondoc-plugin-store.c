/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The process-lifetime state the mail plugin owns (dondoc-owner.h): the
   kept store connections, one for its own saves and one for the Sieve
   plugin's deliveries, created at the plugin's init and closed (synced)
   at its deinit. The mail plugin stays loaded for the life of the
   process, unlike Pigeonhole's Sieve plugins, so these outlive every
   mail user: each user's context only borrows them. */

#include "lib.h"
#include "dondoc-plugin.h"

static struct dondoc_owner_user dondoc_plugin_stores;

void dondoc_plugin_store_init(void)
{
	dondoc_plugin_stores.plugin_store = dondoc_store_cache_create("plugin");
	dondoc_plugin_stores.sieve_store = dondoc_store_cache_create("sieve");
}

void dondoc_plugin_store_lend(struct dondoc_owner_user *owner)
{
	owner->plugin_store = dondoc_plugin_stores.plugin_store;
	owner->sieve_store = dondoc_plugin_stores.sieve_store;
}

int dondoc_plugin_store_get(struct dondoc_user *duser,
			    struct dondoc_store **store_r,
			    struct dondoc_calendar **cal_r,
			    const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = duser->busy_timeout_msecs,
		/* synced once per commit of the mailbox, if at all */
		.relaxed_sync = TRUE,
	};
	struct dondoc_store_cache *cache = duser->owner.plugin_store;

	if (dondoc_store_cache_get(cache, duser->db_path, &set, store_r,
				   error_r) < 0)
		return -1;
	if (dondoc_store_calendar_get(*store_r, cal_r, error_r) < 0) {
		dondoc_store_cache_failed(cache);
		return -1;
	}
	return 0;
}

void dondoc_plugin_store_deinit(void)
{
	dondoc_store_cache_destroy(&dondoc_plugin_stores.plugin_store);
	dondoc_store_cache_destroy(&dondoc_plugin_stores.sieve_store);
}
