/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_OWNER_H
#define DONDOC_OWNER_H

/* The process-lifetime state and who owns it. The dondoc mail plugin
   (mail_plugins = dondoc) stays loaded for the life of the process, while
   Pigeonhole loads and unloads Sieve plugins around every delivery: so
   the mail plugin owns the kept store connections (and the calendar each
   caches), and hands them to every mail user with dondoc_db in this
   mail-user module context. The Sieve plugin, loaded later into the same
   process and sharing the mail plugin's one copy of lib/, finds them
   here; no context means the mail plugin is not in mail_plugins. */

#include "module-context.h"
#include "mail-user.h"

struct dondoc_store_cache;

struct dondoc_owner_user {
	union mail_user_module_context module_ctx;
	/* the mail plugin's saves; the Sieve plugin's deliveries */
	struct dondoc_store_cache *plugin_store, *sieve_store;
};

#define DONDOC_OWNER_USER_CONTEXT(obj) \
	MODULE_CONTEXT(obj, dondoc_owner_user_module)
extern MODULE_CONTEXT_DEFINE(dondoc_owner_user_module,
			     &mail_user_module_register);

/* The owner's state for user, NULL when the mail plugin did not set it. */
struct dondoc_owner_user *dondoc_owner_user_get(struct mail_user *user);

#endif
