/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Command "escalate"

   Syntax:
     escalate [":reason" <reason: string>] [":to" <role-or-address: string>]

   Sends the Head (role truong-ban, or the role or address given with :to)
   a mail with the document's metadata, the task, how late it is, and the
   difficulties and proposals it raises (never the content of a classified
   document), once per task and reason, when the delivery commits. */

#include "lib.h"
#include "str.h"
#include "str-sanitize.h"

#include "sieve-common.h"
#include "sieve-code.h"
#include "sieve-commands.h"
#include "sieve-validator.h"
#include "sieve-generator.h"
#include "sieve-interpreter.h"
#include "sieve-runtime-trace.h"
#include "sieve-dump.h"

#include "dondoc-spool.h"
#include "dondoc-store.h"
#include "ext-dondoc-common.h"

/* A reason or recipient longer than this is refused at compile time. */
#define CMD_ESCALATE_MAX_ARG 256

enum cmd_escalate_optional {
	OPT_END,
	OPT_REASON,
	OPT_TO
};

static bool cmd_escalate_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg);
static bool cmd_escalate_generate(const struct sieve_codegen_env *cgenv,
				  struct sieve_command *cmd);

const struct sieve_command_def cmd_escalate = {
	.identifier = "escalate",
	.type = SCT_COMMAND,
	.registered = cmd_escalate_registered,
	.generate = cmd_escalate_generate,
};

static bool cmd_escalate_validate_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd);

static const struct sieve_argument_def escalate_reason_tag = {
	.identifier = "reason",
	.validate = cmd_escalate_validate_tag,
};

static const struct sieve_argument_def escalate_to_tag = {
	.identifier = "to",
	.validate = cmd_escalate_validate_tag,
};

static bool cmd_escalate_operation_dump(const struct sieve_dumptime_env *denv,
					sieve_size_t *address);
static int cmd_escalate_operation_execute(const struct sieve_runtime_env *renv,
					  sieve_size_t *address);

const struct sieve_operation_def cmd_escalate_operation = {
	.mnemonic = "ESCALATE",
	.ext_def = &vnd_dondoc_extension,
	.code = EXT_DONDOC_OPERATION_ESCALATE,
	.dump = cmd_escalate_operation_dump,
	.execute = cmd_escalate_operation_execute,
};

/* A literal :to names a role of the regulation or one address: a typo
   ("truong_ban") or a list ("a@x, b@y") would name nobody at run time,
   and the escalation would silently go nowhere. */
static bool cmd_escalate_to_is_valid(struct sieve_validator *valdtr,
				     struct sieve_ast_argument *arg)
{
	const char *to = sieve_ast_argument_strc(arg);

	if (strchr(to, '@') == NULL ? dondoc_role_is_valid(to) :
	    dondoc_store_email_is_valid(to))
		return TRUE;
	sieve_argument_validate_error(valdtr, arg,
		"escalate: :to \"%s\" is neither a role of the regulation "
		"nor one address", str_sanitize(to, 64));
	return FALSE;
}

static bool cmd_escalate_validate_tag(struct sieve_validator *valdtr,
	struct sieve_ast_argument **arg, struct sieve_command *cmd)
{
	struct sieve_ast_argument *tag = *arg;

	*arg = sieve_ast_arguments_detach(*arg, 1);
	if (!sieve_validate_tag_parameter(valdtr, cmd, tag, *arg, NULL, 0,
					  SAAT_STRING, FALSE))
		return FALSE;
	if (sieve_argument_is_string_literal(*arg) &&
	    str_len(sieve_ast_argument_str(*arg)) > CMD_ESCALATE_MAX_ARG) {
		sieve_argument_validate_error(valdtr, *arg,
			"escalate: :%s is longer than %u bytes",
			sieve_ast_argument_tag(tag), CMD_ESCALATE_MAX_ARG);
		return FALSE;
	}
	if (tag->argument->def == &escalate_to_tag &&
	    sieve_argument_is_string_literal(*arg) &&
	    !cmd_escalate_to_is_valid(valdtr, *arg))
		return FALSE;
	*arg = sieve_ast_argument_next(*arg);
	return TRUE;
}

static bool cmd_escalate_registered(struct sieve_validator *valdtr,
	const struct sieve_extension *ext,
	struct sieve_command_registration *cmd_reg)
{
	sieve_validator_register_tag(valdtr, cmd_reg, ext,
				     &escalate_reason_tag, OPT_REASON);
	sieve_validator_register_tag(valdtr, cmd_reg, ext, &escalate_to_tag,
				     OPT_TO);
	return TRUE;
}

static bool cmd_escalate_generate(const struct sieve_codegen_env *cgenv,
				  struct sieve_command *cmd)
{
	sieve_operation_emit(cgenv->sblock, cmd->ext, &cmd_escalate_operation);
	return sieve_generate_arguments(cgenv, cmd, NULL);
}

static bool cmd_escalate_operation_dump(const struct sieve_dumptime_env *denv,
					sieve_size_t *address)
{
	int opt_code = 0, opt;

	sieve_code_dumpf(denv, "ESCALATE");
	sieve_code_descend(denv);
	while ((opt = sieve_opr_optional_dump(denv, address, &opt_code)) > 0) {
		if (!sieve_opr_string_dump(denv, address,
			opt_code == OPT_REASON ? "reason" : "to"))
			return FALSE;
	}
	return opt == 0;
}

static int cmd_escalate_operation_execute(const struct sieve_runtime_env *renv,
					  sieve_size_t *address)
{
	string_t *reason = NULL, *to = NULL, **target;
	int opt_code = 0, opt, ret;

	while ((opt = sieve_opr_optional_read(renv, address, &opt_code)) > 0) {
		switch (opt_code) {
		case OPT_REASON:
			target = &reason;
			break;
		case OPT_TO:
			target = &to;
			break;
		default:
			sieve_runtime_trace_error(renv,
				"unknown optional operand");
			return SIEVE_EXEC_BIN_CORRUPT;
		}
		ret = sieve_opr_string_read(renv, address,
			opt_code == OPT_REASON ? "reason" : "to", target);
		if (ret <= 0)
			return ret;
	}
	if (opt < 0)
		return SIEVE_EXEC_BIN_CORRUPT;
	/* Values built from variables at run time are bounded too. */
	if ((reason != NULL && str_len(reason) > CMD_ESCALATE_MAX_ARG) ||
	    (to != NULL && str_len(to) > CMD_ESCALATE_MAX_ARG)) {
		sieve_runtime_error(renv, NULL,
			"escalate: argument longer than %u bytes",
			CMD_ESCALATE_MAX_ARG);
		return SIEVE_EXEC_FAILURE;
	}
	sieve_runtime_trace(renv, SIEVE_TRLVL_ACTIONS, "escalate action");
	return ext_dondoc_action_add(renv, renv->oprtn->ext,
		DONDOC_SPOOL_ESCALATE,
		reason == NULL ? NULL : str_c(reason),
		to == NULL ? NULL : str_c(to));
}
