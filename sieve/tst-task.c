/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Test "task"

   Syntax:
     task [":status" <statuses: string-list>]

   True when the message was matched to a task of the tracker (by any
   evidence: signed address, thread, tag, reference, period or text); with
   :status, only when its timeliness against the task's due date is in the
   list: "on-time" or "late". */

#include "lib.h"
#include "str-sanitize.h"
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

/* The timeliness words dondoc_tracking_timeliness() gives. */
static const char *const tst_task_statuses[] = { "on-time", "late" };

static bool tst_task_status_known(struct sieve_validator *valdtr,
				  struct sieve_ast_argument *item)
{
	const char *value;
	unsigned int i;

	/* a value built from variables is only known at run time */
	if (!sieve_argument_is_string_literal(item))
		return TRUE;
	value = sieve_ast_argument_strc(item);
	for (i = 0; i < N_ELEMENTS(tst_task_statuses); i++) {
		if (strcasecmp(value, tst_task_statuses[i]) == 0)
			return TRUE;
	}
	sieve_argument_validate_error(valdtr, item,
		"task: unknown :status \"%s\" (on-time or late): it would "
		"never match", str_sanitize(value, 64));
	return FALSE;
}

/* A literal status no task ever has is a typo that would silently
   disable the script's branch ("lat"): refused when the script is
   compiled, as an unknown comparator is. */
static bool tst_task_validate_status_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd)
{
	struct sieve_ast_argument *tag = *arg, *param, *item;

	*arg = param = sieve_ast_arguments_detach(*arg, 1);
	if (!sieve_validate_tag_parameter(valdtr, cmd, tag, param, NULL, 0,
					  SAAT_STRING_LIST, FALSE))
		return FALSE;
	*arg = sieve_ast_argument_next(param);
	if (sieve_ast_argument_type(param) == SAAT_STRING)
		return tst_task_status_known(valdtr, param);
	if (sieve_ast_argument_type(param) != SAAT_STRING_LIST)
		return TRUE;
	for (item = sieve_ast_strlist_first(param); item != NULL;
	     item = sieve_ast_strlist_next(item)) {
		if (!tst_task_status_known(valdtr, item))
			return FALSE;
	}
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
