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

static bool tst_document_validate_type_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd);

static const struct sieve_argument_def document_type_tag = {
	.identifier = "type",
	.validate = tst_document_validate_type_tag,
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

static bool tst_document_validate_type_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd)
{
	struct sieve_ast_argument *tag = *arg;

	*arg = sieve_ast_arguments_detach(*arg, 1);
	if (!sieve_validate_tag_parameter(valdtr, cmd, tag, *arg, NULL, 0,
					  SAAT_STRING_LIST, FALSE))
		return FALSE;
	*arg = sieve_ast_argument_next(*arg);
	return TRUE;
}

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
	int opt_code = 0, opt;

	sieve_code_dumpf(denv, "DOCUMENT");
	sieve_code_descend(denv);
	while ((opt = sieve_opr_optional_dump(denv, address, &opt_code)) > 0) {
		if (opt_code != OPT_TYPE ||
		    !sieve_opr_stringlist_dump(denv, address, "type"))
			return FALSE;
	}
	return opt == 0;
}

/* Does any listed type match a document? A list entry that is no known
   type matches nothing (the script may name types newer than us). */
static int tst_document_match_types(const struct sieve_runtime_env *renv,
				    const struct dondoc_analysis *analysis,
				    struct sieve_stringlist *types,
				    bool *matched_r)
{
	string_t *item;
	int ret;

	*matched_r = FALSE;
	while ((ret = sieve_stringlist_next_item(types, &item)) > 0) {
		if (dondoc_analysis_has_type(analysis, str_c(item))) {
			sieve_runtime_trace(renv, SIEVE_TRLVL_MATCHING,
				"document of type `%s' found", str_c(item));
			*matched_r = TRUE;
			return SIEVE_EXEC_OK;
		}
	}
	if (ret < 0 || types->exec_status != SIEVE_EXEC_OK) {
		sieve_runtime_trace_error(renv, "invalid type list item");
		return types->exec_status != SIEVE_EXEC_OK ?
			types->exec_status : SIEVE_EXEC_BIN_CORRUPT;
	}
	return SIEVE_EXEC_OK;
}

static int tst_document_operation_execute(const struct sieve_runtime_env *renv,
					  sieve_size_t *address)
{
	const struct sieve_extension *ext = renv->oprtn->ext;
	const struct dondoc_analysis *analysis;
	struct sieve_stringlist *types = NULL;
	int opt_code = 0, opt, ret;
	bool matched;

	while ((opt = sieve_opr_optional_read(renv, address, &opt_code)) > 0) {
		if (opt_code != OPT_TYPE) {
			sieve_runtime_trace_error(renv,
				"unknown optional operand");
			return SIEVE_EXEC_BIN_CORRUPT;
		}
		ret = sieve_opr_stringlist_read(renv, address, "type", &types);
		if (ret <= 0)
			return ret;
	}
	if (opt < 0)
		return SIEVE_EXEC_BIN_CORRUPT;

	sieve_runtime_trace(renv, SIEVE_TRLVL_TESTS, "document test");
	ret = ext_dondoc_get_analysis(renv, ext, &analysis);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	if (types == NULL) {
		matched = array_count(&analysis->documents) > 0;
	} else {
		ret = tst_document_match_types(renv, analysis, types,
					       &matched);
		if (ret != SIEVE_EXEC_OK)
			return ret;
	}
	sieve_interpreter_set_test_result(renv->interp, matched);
	return SIEVE_EXEC_OK;
}
