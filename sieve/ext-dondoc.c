/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Extension vnd.dondoc
   --------------------
   The committee secretariat's Sieve vocabulary: tests over the Vietnamese
   administrative documents a message carries and the task it answers,
   the ${dondoc.*} variables, and the record, confirm, escalate and
   status actions. Specification: doc/sieve-vnd-dondoc.md. This file only
   registers the pieces; the work is done in lib/. */

#include "lib.h"

#include "sieve-common.h"
#include "sieve-extensions.h"
#include "sieve-validator.h"

#include "ext-dondoc-common.h"
#include "ext-dondoc-compat.h"

static EXT_DONDOC_LOAD_RESULT
ext_dondoc_load(const struct sieve_extension *ext, void **context);
static void ext_dondoc_unload(const struct sieve_extension *ext);
static bool ext_dondoc_validator_load(const struct sieve_extension *ext,
				      struct sieve_validator *valdtr);

/* Indexed by enum ext_dondoc_opcode. */
static const struct sieve_operation_def *const ext_dondoc_operations[] = {
	&tst_document_operation,
	&tst_task_operation,
	&cmd_record_operation,
	&cmd_confirm_operation,
	&cmd_escalate_operation,
	&cmd_status_operation,
};

const struct sieve_extension_def vnd_dondoc_extension = {
	.name = "vnd.dondoc",
	.load = ext_dondoc_load,
	.unload = ext_dondoc_unload,
	.validator_load = ext_dondoc_validator_load,
	SIEVE_EXT_DEFINE_OPERATIONS(ext_dondoc_operations),
	SIEVE_EXT_DEFINE_OPERAND(dondoc_namespace_operand),
};

static EXT_DONDOC_LOAD_RESULT
ext_dondoc_load(const struct sieve_extension *ext, void **context)
{
	struct ext_dondoc_context *ctx = *context;

	if (ctx != NULL)
		ext_dondoc_context_free(&ctx);
	ctx = ext_dondoc_context_create(ext);
	if (ctx == NULL)
		return EXT_DONDOC_LOAD_FAILED;
	*context = ctx;
	return EXT_DONDOC_LOAD_OK;
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
	/* a script requires it: its settings read now (as they were at
	   the load, so that a script cannot use it unconfigured) */
	if (ext_dondoc_context_get(ext) == NULL)
		return FALSE;
	sieve_validator_register_command(valdtr, ext, &tst_document);
	sieve_validator_register_command(valdtr, ext, &tst_task);
	sieve_validator_register_command(valdtr, ext, &cmd_record);
	sieve_validator_register_command(valdtr, ext, &cmd_confirm);
	sieve_validator_register_command(valdtr, ext, &cmd_escalate);
	sieve_validator_register_command(valdtr, ext, &cmd_status);
	ext_dondoc_variables_init(ext, valdtr);
	return TRUE;
}
