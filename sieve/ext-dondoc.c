/* Extension vnd.dondoc
   --------------------
   The committee secretariat's Sieve vocabulary: tests over the Vietnamese
   administrative documents a message carries. Specification:
   doc/sieve-vnd-dondoc.md. This file only registers the pieces; the work
   is done in core/. */

#include "lib.h"

#include "sieve-common.h"
#include "sieve-extensions.h"
#include "sieve-validator.h"

#include "ext-dondoc-common.h"

static bool ext_dondoc_load(const struct sieve_extension *ext,
			    void **context);
static void ext_dondoc_unload(const struct sieve_extension *ext);
static bool ext_dondoc_validator_load(const struct sieve_extension *ext,
				      struct sieve_validator *valdtr);

const struct sieve_extension_def vnd_dondoc_extension = {
	.name = "vnd.dondoc",
	.load = ext_dondoc_load,
	.unload = ext_dondoc_unload,
	.validator_load = ext_dondoc_validator_load,
	SIEVE_EXT_DEFINE_OPERATION(tst_document_operation),
};

static bool ext_dondoc_load(const struct sieve_extension *ext,
			    void **context)
{
	struct ext_dondoc_context *ctx = *context;

	if (ctx != NULL)
		ext_dondoc_context_free(&ctx);
	*context = ext_dondoc_context_create(ext->svinst);
	return TRUE;
}

static void ext_dondoc_unload(const struct sieve_extension *ext)
{
	struct ext_dondoc_context *ctx = ext->context;

	if (ctx != NULL)
		ext_dondoc_context_free(&ctx);
}

static bool ext_dondoc_validator_load(const struct sieve_extension *ext,
				      struct sieve_validator *valdtr)
{
	sieve_validator_register_command(valdtr, ext, &tst_document);
	return TRUE;
}
