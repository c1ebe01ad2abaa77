/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Pigeonhole plugin entry points for lib90_sieve_dondoc_plugin.so:
   registers vnd.dondoc with each Sieve instance. Registered disabled, so
   an administrator opts in with sieve_extensions = +vnd.dondoc (or
   sieve_global_extensions), as with Pigeonhole's own vnd.* extensions.
   It carries no copy of lib/: it links against the mail plugin
   lib20_dondoc_plugin.so (found next to its sieve/ directory), which
   Dovecot has already loaded when mail_plugins names dondoc, and which
   owns the state kept across deliveries. Linked -z nodelete
   (sieve/Makefile.inc): Pigeonhole's unload after each delivery leaves
   it mapped, so the next load does not relocate it again. */

#include "lib.h"
#include "sieve-common.h"
#include "sieve-extensions.h"

#include "ext-dondoc-common.h"
#include "sieve-dondoc-plugin.h"

struct sieve_dondoc_plugin_context {
	const struct sieve_extension *ext_dondoc;
};

const char *sieve_dondoc_plugin_version = PIGEONHOLE_ABI_VERSION;

SIEVE_DONDOC_PLUGIN_LOAD_RESULT
sieve_dondoc_plugin_load(struct sieve_instance *svinst, void **context)
{
	struct sieve_dondoc_plugin_context *pctx;
	const struct sieve_extension *ext;

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
	/* Called at every unload: nothing to keep here. The kept store
	   connection belongs to the dondoc mail plugin (dondoc-owner.h). */
}
