/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Pigeonhole plugin entry points for lib90_sieve_dondoc_plugin.so:
   registers vnd.dondoc with each Sieve instance. Registered disabled, so
   an administrator opts in with sieve_extensions = +vnd.dondoc (or
   sieve_global_extensions), as with Pigeonhole's own vnd.* extensions. */

/* dladdr() and Dl_info */
#ifndef _GNU_SOURCE
#  define _GNU_SOURCE
#endif

#include "lib.h"
#include "sieve-common.h"
#include "sieve-extensions.h"

#include "ext-dondoc-common.h"
#include "sieve-dondoc-plugin.h"

#include <dlfcn.h>

struct sieve_dondoc_plugin_context {
	const struct sieve_extension *ext_dondoc;
};

const char *sieve_dondoc_plugin_version = PIGEONHOLE_ABI_VERSION;

/* Pigeonhole loads and unloads Sieve plugins around every delivery.
   Pinning this module (RTLD_NODELETE) keeps it, and the store connection
   it caches, for the life of the process: the cost of a dlopen with its
   libraries and of an SQLite open is paid once, not per message. */
static void sieve_dondoc_plugin_pin(void)
{
	Dl_info info;

	if (dladdr((void *)sieve_dondoc_plugin_pin, &info) == 0 ||
	    info.dli_fname == NULL)
		return;
	/* The handle is deliberately never closed. */
	(void)dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

SIEVE_DONDOC_PLUGIN_LOAD_RESULT
sieve_dondoc_plugin_load(struct sieve_instance *svinst, void **context)
{
	struct sieve_dondoc_plugin_context *pctx;
	const struct sieve_extension *ext;

	sieve_dondoc_plugin_pin();
	ext = ext_dondoc_register(svinst, &vnd_dondoc_extension);
	if (ext == NULL)
		SIEVE_DONDOC_PLUGIN_LOAD_RETURN(-1);
	pctx = i_new(struct sieve_dondoc_plugin_context, 1);
	pctx->ext_dondoc = ext;
	e_debug(svinst->event, "Sieve dondoc plugin version %s loaded",
		DONDOC_VERSION);
	*context = pctx;
	SIEVE_DONDOC_PLUGIN_LOAD_RETURN(0);
}

void sieve_dondoc_plugin_unload(struct sieve_instance *svinst ATTR_UNUSED,
				void *context)
{
	struct sieve_dondoc_plugin_context *pctx = context;

	sieve_extension_unregister(pctx->ext_dondoc);
	i_free(pctx);
}

void sieve_dondoc_plugin_init(void)
{
}

void sieve_dondoc_plugin_deinit(void)
{
	/* Called at every unload, while the pinned module itself stays: the
	   cached store connection is kept for the next delivery, and closed
	   by the OS when the process ends (SQLite's WAL makes that safe). */
}
