/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
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

static const struct sieve_argument_def task_status_tag = {
	.identifier = "status",
	.validate = ext_dondoc_validate_stringlist_tag,
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
	return ext_dondoc_dump_list_test(denv, address, "TASK", OPT_STATUS,
					 "status");
}

static bool tst_task_status_is(const char *item, const void *context)
{
	return strcasecmp(item, context) == 0;
}

static int tst_task_operation_execute(const struct sieve_runtime_env *renv,
				      sieve_size_t *address)
{
	const struct sieve_extension *ext = renv->oprtn->ext;
	const struct dondoc_tracking *tracking;
	struct sieve_stringlist *statuses;
	const char *status;
	bool matched;
	int ret;

	ret = ext_dondoc_read_list_test(renv, address, OPT_STATUS, "status",
					&statuses);
	if (ret != SIEVE_EXEC_OK)
		return ret;

	sieve_runtime_trace(renv, SIEVE_TRLVL_TESTS, "task test");
	ret = ext_dondoc_get_tracking(renv, ext, &tracking);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	status = dondoc_tracking_timeliness(tracking);
	matched = status != NULL;
	if (matched && statuses != NULL) {
		ret = ext_dondoc_stringlist_any(renv, statuses,
						tst_task_status_is, status,
						&matched);
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
