/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Commands "record", "confirm" and "status"

   Syntax:
     record
     confirm
     status

   record stores the submission (which message, document, task, sender,
   timeliness) and moves its task to submitted or submitted-late, in one
   write transaction, when the delivery commits; a Message-ID is recorded
   once. confirm sends the sender a receipt in Vietnamese, at most once per
   message and task, never to automatic, list or bulk mail (RFC 3834).
   status answers a verified member who wrote to the status address with
   the open and overdue tasks of their own agency, at most once per
   sender and hour, under the same auto-reply rules (lib/tracking/
   dondoc-status.c). */

#include "lib.h"

#include "sieve-common.h"
#include "sieve-code.h"
#include "sieve-commands.h"
#include "sieve-validator.h"
#include "sieve-generator.h"
#include "sieve-interpreter.h"
#include "sieve-runtime-trace.h"
#include "sieve-dump.h"

#include "dondoc-spool.h"
#include "ext-dondoc-common.h"

static bool cmd_simple_generate(const struct sieve_codegen_env *cgenv,
				struct sieve_command *cmd);
static int cmd_record_execute(const struct sieve_runtime_env *renv,
			      sieve_size_t *address);
static int cmd_confirm_execute(const struct sieve_runtime_env *renv,
			       sieve_size_t *address);
static int cmd_status_execute(const struct sieve_runtime_env *renv,
			      sieve_size_t *address);

const struct sieve_command_def cmd_record = {
	.identifier = "record",
	.type = SCT_COMMAND,
	.generate = cmd_simple_generate,
};

const struct sieve_command_def cmd_confirm = {
	.identifier = "confirm",
	.type = SCT_COMMAND,
	.generate = cmd_simple_generate,
};

const struct sieve_command_def cmd_status = {
	.identifier = "status",
	.type = SCT_COMMAND,
	.generate = cmd_simple_generate,
};

const struct sieve_operation_def cmd_record_operation = {
	.mnemonic = "RECORD",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_RECORD,
	.execute = cmd_record_execute,
};

const struct sieve_operation_def cmd_confirm_operation = {
	.mnemonic = "CONFIRM",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_CONFIRM,
	.execute = cmd_confirm_execute,
};

const struct sieve_operation_def cmd_status_operation = {
	.mnemonic = "STATUS",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_STATUS,
	.execute = cmd_status_execute,
};

static bool cmd_simple_generate(const struct sieve_codegen_env *cgenv,
				struct sieve_command *cmd)
{
	sieve_operation_emit(cgenv->sblock, cmd->ext,
			     cmd->def == &cmd_record ? &cmd_record_operation :
			     cmd->def == &cmd_status ? &cmd_status_operation :
			     &cmd_confirm_operation);
	return TRUE;
}

static int cmd_record_execute(const struct sieve_runtime_env *renv,
			      sieve_size_t *address ATTR_UNUSED)
{
	sieve_runtime_trace(renv, SIEVE_TRLVL_ACTIONS, "record action");
	return ext_dondoc_action_add(renv, renv->oprtn->ext,
				     DONDOC_SPOOL_RECORD, NULL, NULL);
}

static int cmd_confirm_execute(const struct sieve_runtime_env *renv,
			       sieve_size_t *address ATTR_UNUSED)
{
	sieve_runtime_trace(renv, SIEVE_TRLVL_ACTIONS, "confirm action");
	return ext_dondoc_action_add(renv, renv->oprtn->ext,
				     DONDOC_SPOOL_CONFIRM, NULL, NULL);
}

static int cmd_status_execute(const struct sieve_runtime_env *renv,
			      sieve_size_t *address ATTR_UNUSED)
{
	sieve_runtime_trace(renv, SIEVE_TRLVL_ACTIONS, "status action");
	return ext_dondoc_action_add(renv, renv->oprtn->ext,
				     DONDOC_SPOOL_STATUS, NULL, NULL);
}
