/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Argument handling shared by the vnd.dondoc tests: one optional tag
   with a string-list parameter (document :type, task :status), its
   validation, dump, reading and matching. */

#include "lib.h"
#include "str.h"

#include "sieve-common.h"
#include "sieve-code.h"
#include "sieve-commands.h"
#include "sieve-stringlist.h"
#include "sieve-validator.h"
#include "sieve-interpreter.h"
#include "sieve-runtime-trace.h"
#include "sieve-dump.h"

#include "ext-dondoc-common.h"

bool ext_dondoc_validate_stringlist_tag(struct sieve_validator *valdtr,
					struct sieve_ast_argument **arg,
					struct sieve_command *cmd)
{
	struct sieve_ast_argument *tag = *arg;

	*arg = sieve_ast_arguments_detach(*arg, 1);
	if (!sieve_validate_tag_parameter(valdtr, cmd, tag, *arg, NULL, 0,
					  SAAT_STRING_LIST, FALSE))
		return FALSE;
	*arg = sieve_ast_argument_next(*arg);
	return TRUE;
}

bool ext_dondoc_dump_list_test(const struct sieve_dumptime_env *denv,
			       sieve_size_t *address, const char *mnemonic,
			       int opt_code_list, const char *field)
{
	int opt_code = 0, opt;

	sieve_code_dumpf(denv, "%s", mnemonic);
	sieve_code_descend(denv);
	while ((opt = sieve_opr_optional_dump(denv, address, &opt_code)) > 0) {
		if (opt_code != opt_code_list ||
		    !sieve_opr_stringlist_dump(denv, address, field))
			return FALSE;
	}
	return opt == 0;
}

int ext_dondoc_read_list_test(const struct sieve_runtime_env *renv,
			      sieve_size_t *address, int opt_code_list,
			      const char *field,
			      struct sieve_stringlist **list_r)
{
	int opt_code = 0, opt, ret;

	*list_r = NULL;
	while ((opt = sieve_opr_optional_read(renv, address, &opt_code)) > 0) {
		if (opt_code != opt_code_list) {
			sieve_runtime_trace_error(renv,
				"unknown optional operand");
			return SIEVE_EXEC_BIN_CORRUPT;
		}
		ret = sieve_opr_stringlist_read(renv, address, field, list_r);
		if (ret <= 0)
			return ret;
	}
	return opt < 0 ? SIEVE_EXEC_BIN_CORRUPT : SIEVE_EXEC_OK;
}

int ext_dondoc_stringlist_any(const struct sieve_runtime_env *renv,
			      struct sieve_stringlist *list,
			      bool (*pred)(const char *item, const void *context),
			      const void *context, bool *matched_r)
{
	string_t *item;
	int ret;

	*matched_r = FALSE;
	while ((ret = sieve_stringlist_next_item(list, &item)) > 0) {
		if (pred(str_c(item), context)) {
			*matched_r = TRUE;
			return SIEVE_EXEC_OK;
		}
	}
	if (ret < 0) {
		sieve_runtime_trace_error(renv, "invalid string list item");
		return list->exec_status != SIEVE_EXEC_OK ?
			list->exec_status : SIEVE_EXEC_BIN_CORRUPT;
	}
	return SIEVE_EXEC_OK;
}
