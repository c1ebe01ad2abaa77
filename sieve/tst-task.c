/* Test "task"

   Syntax:
     task [":status" <statuses: string-list>]

   True when the message was matched to a task of the tracker (by any
   evidence: signed address, thread, tag, reference, period or text); with
   :status, only when its timeliness against the task's due date is in the
   list: "on-time" or "late". */

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

enum tst_task_optional {
	OPT_END,
	OPT_STATUS
};

static bool tst_task_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg);
static bool tst_task_generate(const struct sieve_codegen_env *cgenv,
			      struct sieve_command *cmd);

const struct sieve_command_def tst_task = {
	.identifier = "task",
	.type = SCT_TEST,
	.positional_args = 0,
	.subtests = 0,
	.block_allowed = FALSE,
	.block_required = FALSE,
	.registered = tst_task_registered,
	.generate = tst_task_generate,
};

static bool tst_task_validate_status_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd);

static const struct sieve_argument_def task_status_tag = {
	.identifier = "status",
	.validate = tst_task_validate_status_tag,
};

static bool tst_task_operation_dump(const struct sieve_dumptime_env *denv,
				    sieve_size_t *address);
static int tst_task_operation_execute(const struct sieve_runtime_env *renv,
				      sieve_size_t *address);

const struct sieve_operation_def tst_task_operation = {
	.mnemonic = "TASK",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_TASK,
	.dump = tst_task_operation_dump,
	.execute = tst_task_operation_execute,
};

static bool tst_task_validate_status_tag(struct sieve_validator *valdtr,
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

static bool tst_task_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg)
{
	sieve_validator_register_tag(valdtr, cmd_reg, ext, &task_status_tag,
				     OPT_STATUS);
	return TRUE;
}

static bool tst_task_generate(const struct sieve_codegen_env *cgenv,
			      struct sieve_command *cmd)
{
	sieve_operation_emit(cgenv->sblock, cmd->ext, &tst_task_operation);
	return sieve_generate_arguments(cgenv, cmd, NULL);
}

static bool tst_task_operation_dump(const struct sieve_dumptime_env *denv,
				    sieve_size_t *address)
{
	int opt_code = 0, opt;

	sieve_code_dumpf(denv, "TASK");
	sieve_code_descend(denv);
	while ((opt = sieve_opr_optional_dump(denv, address, &opt_code)) > 0) {
		if (opt_code != OPT_STATUS ||
		    !sieve_opr_stringlist_dump(denv, address, "status"))
			return FALSE;
	}
	return opt == 0;
}

static int tst_task_match_status(const struct sieve_runtime_env *renv,
				 const char *status,
				 struct sieve_stringlist *statuses,
				 bool *matched_r)
{
	string_t *item;
	int ret;

	*matched_r = FALSE;
	while ((ret = sieve_stringlist_next_item(statuses, &item)) > 0) {
		if (strcasecmp(str_c(item), status) == 0) {
			*matched_r = TRUE;
			return SIEVE_EXEC_OK;
		}
	}
	if (ret < 0) {
		sieve_runtime_trace_error(renv, "invalid status list item");
		return statuses->exec_status != SIEVE_EXEC_OK ?
			statuses->exec_status : SIEVE_EXEC_BIN_CORRUPT;
	}
	return SIEVE_EXEC_OK;
}

static int tst_task_operation_execute(const struct sieve_runtime_env *renv,
				      sieve_size_t *address)
{
	const struct sieve_extension *ext = renv->oprtn->ext;
	const struct dondoc_tracking *tracking;
	struct sieve_stringlist *statuses = NULL;
	const char *status;
	int opt_code = 0, opt, ret;
	bool matched;

	while ((opt = sieve_opr_optional_read(renv, address, &opt_code)) > 0) {
		if (opt_code != OPT_STATUS) {
			sieve_runtime_trace_error(renv,
				"unknown optional operand");
			return SIEVE_EXEC_BIN_CORRUPT;
		}
		ret = sieve_opr_stringlist_read(renv, address, "status",
						&statuses);
		if (ret <= 0)
			return ret;
	}
	if (opt < 0)
		return SIEVE_EXEC_BIN_CORRUPT;

	sieve_runtime_trace(renv, SIEVE_TRLVL_TESTS, "task test");
	ret = ext_dondoc_get_tracking(renv, ext, &tracking);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	status = dondoc_tracking_timeliness(tracking);
	matched = status != NULL;
	if (matched && statuses != NULL) {
		ret = tst_task_match_status(renv, status, statuses, &matched);
		if (ret != SIEVE_EXEC_OK)
			return ret;
	}
	sieve_runtime_trace(renv, SIEVE_TRLVL_MATCHING, "task %s (%s): %s",
			    matched ? tracking->task.code : "-",
			    status != NULL ? status : "unmatched",
			    matched ? "true" : "false");
	sieve_interpreter_set_test_result(renv->interp, matched);
	return SIEVE_EXEC_OK;
}
