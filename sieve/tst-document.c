/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Test "document"

   Syntax:
     document [":type" <types: string-list>]

   True when the message carries a Vietnamese administrative document (a
   Decree 30/2020 "Số: ..." header, in the body or a text attachment);
   with :type, only when one of them is of a listed type (Decree 30
   abbreviations: "BC", "TTr", "QĐ", ..., "CV" for công văn, compared
   case-insensitively). */

#include "lib.h"
#include "str.h"

#include "sieve-common.h"
#include "sieve-code.h"
#include "sieve-commands.h"
#include "sieve-stringlist.h"
#include "sieve-validator.h"
#include "sieve-generator.h"
#include "sieve-interpreter.h"
#include "sieve-runtime-trace.h"
#include "sieve-dump.h"

#include "ext-dondoc-common.h"

enum tst_document_optional {
	OPT_END,
	OPT_TYPE
};

static bool tst_document_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg);
static bool tst_document_generate(const struct sieve_codegen_env *cgenv,
				  struct sieve_command *cmd);

const struct sieve_command_def tst_document = {
	.identifier = "document",
	.type = SCT_TEST,
	.positional_args = 0,
	.subtests = 0,
	.block_allowed = FALSE,
	.block_required = FALSE,
	.registered = tst_document_registered,
	.generate = tst_document_generate,
};

static const struct sieve_argument_def document_type_tag = {
	.identifier = "type",
	.validate = ext_dondoc_validate_stringlist_tag,
};

static bool tst_document_operation_dump(const struct sieve_dumptime_env *denv,
					sieve_size_t *address);
static int tst_document_operation_execute(const struct sieve_runtime_env *renv,
					  sieve_size_t *address);

const struct sieve_operation_def tst_document_operation = {
	.mnemonic = "DOCUMENT",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_DOCUMENT,
	.dump = tst_document_operation_dump,
	.execute = tst_document_operation_execute,
};

static bool tst_document_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg)
{
	sieve_validator_register_tag(valdtr, cmd_reg, ext, &document_type_tag,
				     OPT_TYPE);
	return TRUE;
}

static bool tst_document_generate(const struct sieve_codegen_env *cgenv,
				  struct sieve_command *cmd)
{
	sieve_operation_emit(cgenv->sblock, cmd->ext, &tst_document_operation);
	return sieve_generate_arguments(cgenv, cmd, NULL);
}

static bool tst_document_operation_dump(const struct sieve_dumptime_env *denv,
					sieve_size_t *address)
{
	return ext_dondoc_dump_list_test(denv, address, "DOCUMENT", OPT_TYPE,
					 "type");
}

/* A list entry that is no known type matches nothing (the script may
   name types newer than us). */
static bool tst_document_has_type(const char *item, const void *context)
{
	return dondoc_analysis_has_type(context, item);
}

static int tst_document_operation_execute(const struct sieve_runtime_env *renv,
					  sieve_size_t *address)
{
	const struct sieve_extension *ext = renv->oprtn->ext;
	const struct dondoc_analysis *analysis;
	struct sieve_stringlist *types;
	bool matched;
	int ret;

	ret = ext_dondoc_read_list_test(renv, address, OPT_TYPE, "type",
					&types);
	if (ret != SIEVE_EXEC_OK)
		return ret;

	sieve_runtime_trace(renv, SIEVE_TRLVL_TESTS, "document test");
	ret = ext_dondoc_get_analysis(renv, ext, &analysis);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	if (types == NULL) {
		matched = array_count(&analysis->documents) > 0;
	} else {
		ret = ext_dondoc_stringlist_any(renv, types,
						tst_document_has_type,
						analysis, &matched);
		if (ret != SIEVE_EXEC_OK)
			return ret;
	}
	sieve_interpreter_set_test_result(renv->interp, matched);
	return SIEVE_EXEC_OK;
}
