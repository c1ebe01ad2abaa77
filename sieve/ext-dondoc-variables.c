/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The variables namespace "dondoc" of vnd.dondoc: ${dondoc.type},
   ${dondoc.task}, ... (doc/sieve-vnd-dondoc.md lists them). Read-only;
   names are checked when the script compiles; values come from the
   delivery's tracking, computed once. Needs require "variables". */

#include "lib.h"
#include "str.h"
#include "array.h"

#include "sieve-common.h"
#include "sieve-ast.h"
#include "sieve-binary.h"
#include "sieve-code.h"
#include "sieve-commands.h"
#include "sieve-validator.h"
#include "sieve-generator.h"
#include "sieve-interpreter.h"
#include "sieve-dump.h"
#include "sieve-ext-variables.h"

#include "ext-dondoc-common.h"

static const char *const dondoc_variable_names[] = {
	"type", "type_name", "number", "symbol", "date", "summary", "period",
	"issuer", "secrecy", "urgency", "agency", "role", "sender", "trust",
	"task", "task_title", "due", "timeliness", "late_days", "match",
	"difficulties", "store",
	/* the committee's own documents (dondoc-committee.h) */
	"meeting_date", "meeting_time", "meeting_place", "assignments",
	/* a reply about attending a stored meeting (O8) */
	"attendance", "attendance_meeting", "delegate",
	/* the first signed PDF attachment */
	"signed_by", "signature",
};

bool ext_dondoc_variable_is_known(const char *name)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(dondoc_variable_names); i++) {
		if (strcmp(dondoc_variable_names[i], name) == 0)
			return TRUE;
	}
	return FALSE;
}

/* "2022-H1", "2023-Q2", "2023-03", "2022-9T", "2022": usable as a folder
   name as it is. */
static const char *ext_dondoc_period(const struct dondoc_doc_period *p)
{
	if (p->kind == NULL || p->year == 0)
		return NULL;
	if (strcmp(p->kind, "half-year") == 0)
		return t_strdup_printf("%u-H%u", p->year, p->index);
	if (strcmp(p->kind, "quarter") == 0)
		return t_strdup_printf("%u-Q%u", p->year, p->index);
	if (strcmp(p->kind, "month") == 0)
		return t_strdup_printf("%u-%02u", p->year, p->index);
	if (strcmp(p->kind, "nine-months") == 0)
		return t_strdup_printf("%u-9T", p->year);
	return t_strdup_printf("%u", p->year);
}

static const char *
ext_dondoc_document_value(const struct dondoc_document *doc, const char *name)
{
	if (doc == NULL)
		return NULL;
	if (strcmp(name, "type") == 0)
		return doc->type;
	if (strcmp(name, "type_name") == 0)
		return doc->type_name;
	if (strcmp(name, "number") == 0)
		return doc->number;
	if (strcmp(name, "symbol") == 0)
		return doc->symbol;
	if (strcmp(name, "date") == 0)
		return doc->date;
	if (strcmp(name, "summary") == 0)
		return doc->summary;
	if (strcmp(name, "period") == 0)
		return ext_dondoc_period(&doc->period);
	if (strcmp(name, "issuer") == 0)
		return doc->issuer;
	if (strcmp(name, "secrecy") == 0)
		return doc->secrecy;
	if (strcmp(name, "urgency") == 0)
		return doc->urgency;
	if (strcmp(name, "meeting_date") == 0)
		return doc->meeting == NULL ? NULL : doc->meeting->date;
	if (strcmp(name, "meeting_time") == 0)
		return doc->meeting == NULL ? NULL : doc->meeting->time;
	if (strcmp(name, "meeting_place") == 0)
		return doc->meeting == NULL ? NULL : doc->meeting->place;
	if (strcmp(name, "assignments") == 0)
		return t_strdup_printf("%u", array_count(&doc->assignments));
	return NULL;
}

static const char *
ext_dondoc_task_value(const struct dondoc_tracking *t, const char *name)
{
	if (t->match == DONDOC_MATCH_NONE)
		return NULL;
	if (strcmp(name, "task") == 0)
		return t->task.code;
	if (strcmp(name, "task_title") == 0)
		return t->task.title;
	if (strcmp(name, "due") == 0)
		return dondoc_date_to_str(&t->task.due);
	if (strcmp(name, "timeliness") == 0)
		return dondoc_tracking_timeliness(t);
	if (strcmp(name, "late_days") == 0)
		return t_strdup_printf("%u", t->late_days);
	if (strcmp(name, "match") == 0)
		return dondoc_match_kind_name(t->match);
	return NULL;
}

const char *ext_dondoc_variable_value(const struct dondoc_tracking *t,
				      const char *name)
{
	const char *value;

	if ((value = ext_dondoc_document_value(t->document, name)) != NULL)
		return value;
	if ((value = ext_dondoc_task_value(t, name)) != NULL)
		return value;
	if (strcmp(name, "agency") == 0)
		return t->agency;
	if (strcmp(name, "role") == 0)
		return t->role;
	if (strcmp(name, "sender") == 0)
		return t->trust.address;
	if (strcmp(name, "trust") == 0)
		return t->trust.verified ? "verified" : "unverified";
	if (strcmp(name, "difficulties") == 0)
		return t->difficulties ? "yes" : "no";
	if (strcmp(name, "store") == 0)
		return t->store_error != NULL ? "unavailable" : "ok";
	if (strcmp(name, "attendance") == 0 && t->attendance == NULL &&
	    t->store_error != NULL)
		return dondoc_attendance_kind_name(t->attendance_said);
	if (t->attendance != NULL) {
		if (strcmp(name, "attendance") == 0)
			return dondoc_attendance_kind_name(t->attendance->kind);
		if (strcmp(name, "attendance_meeting") == 0)
			return t->attendance->meeting.code;
		if (strcmp(name, "delegate") == 0)
			return t->attendance->delegate;
	}
	return NULL;
}

/* ${dondoc.signature}: valid, invalid or none, for the first signed PDF
   attachment; ${dondoc.signed_by}: its signer's organisation (else the
   certificate's common name), only when the signature is valid: a name
   from a signature that does not verify is no evidence of anything. */
static int
ext_dondoc_signature_variable(const struct sieve_runtime_env *renv,
			      const struct sieve_extension *this_ext,
			      const char *name, const char **value_r)
{
	const struct dondoc_analysis *analysis;
	const struct dondoc_pdf_signature *sig;
	int ret;

	ret = ext_dondoc_get_analysis(renv, this_ext, &analysis);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	sig = dondoc_analysis_signature(analysis);
	if (strcmp(name, "signature") == 0)
		*value_r = sig == NULL ? "none" : sig->status;
	else if (sig == NULL || strcmp(sig->status, "valid") != 0)
		*value_r = "";
	else if (sig->organisation != NULL)
		*value_r = sig->organisation;
	else
		*value_r = sig->signer != NULL ? sig->signer : "";
	return SIEVE_EXEC_OK;
}

static bool vnspc_dondoc_validate(struct sieve_validator *valdtr,
	const struct sieve_variables_namespace *nspc ATTR_UNUSED,
	struct sieve_ast_argument *arg, struct sieve_command *cmd ATTR_UNUSED,
	ARRAY_TYPE(sieve_variable_name) *var_name, void **var_data,
	bool assignment)
{
	const struct sieve_variable_name *elements;
	unsigned int count;
	const char *name;

	elements = array_get(var_name, &count);
	if (count != 2 || elements[1].num_variable >= 0) {
		sieve_argument_validate_error(valdtr, arg,
			"vnd.dondoc: invalid variable name in the dondoc "
			"namespace: use ${dondoc.NAME}");
		return FALSE;
	}
	name = str_c(elements[1].identifier);
	if (!ext_dondoc_variable_is_known(name)) {
		sieve_argument_validate_error(valdtr, arg,
			"vnd.dondoc: unknown variable `dondoc.%s'", name);
		return FALSE;
	}
	if (assignment) {
		sieve_argument_validate_error(valdtr, arg,
			"vnd.dondoc: cannot assign to `dondoc.%s'", name);
		return FALSE;
	}
	*var_data = p_strdup(sieve_ast_pool(arg->ast), name);
	return TRUE;
}

static bool vnspc_dondoc_generate(const struct sieve_codegen_env *cgenv,
	const struct sieve_variables_namespace *nspc,
	struct sieve_ast_argument *arg ATTR_UNUSED,
	struct sieve_command *cmd ATTR_UNUSED, void *var_data);
static bool vnspc_dondoc_dump_variable(const struct sieve_dumptime_env *denv,
	const struct sieve_variables_namespace *nspc ATTR_UNUSED,
	const struct sieve_operand *oprnd, sieve_size_t *address);
static int vnspc_dondoc_read_variable(const struct sieve_runtime_env *renv,
	const struct sieve_variables_namespace *nspc,
	const struct sieve_operand *oprnd, sieve_size_t *address,
	string_t **str_r);

static const struct sieve_variables_namespace_def dondoc_namespace = {
	SIEVE_OBJECT("dondoc", &dondoc_namespace_operand, 0),
	.validate = vnspc_dondoc_validate,
	.generate = vnspc_dondoc_generate,
	.dump_variable = vnspc_dondoc_dump_variable,
	.read_variable = vnspc_dondoc_read_variable,
};

static bool vnspc_dondoc_generate(const struct sieve_codegen_env *cgenv,
	const struct sieve_variables_namespace *nspc,
	struct sieve_ast_argument *arg ATTR_UNUSED,
	struct sieve_command *cmd ATTR_UNUSED, void *var_data)
{
	const struct sieve_extension *this_ext = SIEVE_OBJECT_EXTENSION(nspc);
	const struct ext_dondoc_context *ctx;

	if (this_ext == NULL)
		return FALSE;
	ctx = this_ext->context;
	sieve_variables_opr_namespace_variable_emit(cgenv->sblock,
		ctx->var_ext, this_ext, &dondoc_namespace);
	sieve_binary_emit_cstring(cgenv->sblock, var_data);
	return TRUE;
}

static bool vnspc_dondoc_dump_variable(const struct sieve_dumptime_env *denv,
	const struct sieve_variables_namespace *nspc ATTR_UNUSED,
	const struct sieve_operand *oprnd, sieve_size_t *address)
{
	string_t *name;

	if (!sieve_binary_read_string(denv->sblock, address, &name))
		return FALSE;
	if (oprnd->field_name != NULL)
		sieve_code_dumpf(denv, "%s: VAR ${dondoc.%s}",
				 oprnd->field_name, str_c(name));
	else
		sieve_code_dumpf(denv, "VAR ${dondoc.%s}", str_c(name));
	return TRUE;
}

static int vnspc_dondoc_read_variable(const struct sieve_runtime_env *renv,
	const struct sieve_variables_namespace *nspc,
	const struct sieve_operand *oprnd, sieve_size_t *address,
	string_t **str_r)
{
	const struct sieve_extension *this_ext = SIEVE_OBJECT_EXTENSION(nspc);
	const struct dondoc_tracking *tracking;
	const char *value;
	string_t *name;
	int ret;

	if (!sieve_binary_read_string(renv->sblock, address, &name)) {
		sieve_runtime_trace_operand_error(renv, oprnd,
			"dondoc variable operand corrupt: invalid name");
		return SIEVE_EXEC_BIN_CORRUPT;
	}
	if (str_r == NULL)
		return SIEVE_EXEC_OK;
	if (strcmp(str_c(name), "signed_by") == 0 ||
	    strcmp(str_c(name), "signature") == 0) {
		ret = ext_dondoc_signature_variable(renv, this_ext,
						    str_c(name), &value);
		if (ret != SIEVE_EXEC_OK)
			return ret;
		*str_r = t_str_new_const(value, strlen(value));
		return SIEVE_EXEC_OK;
	}
	ret = ext_dondoc_get_tracking(renv, this_ext, &tracking);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	value = ext_dondoc_variable_value(tracking, str_c(name));
	if (value == NULL)
		value = "";
	*str_r = t_str_new_const(value, strlen(value));
	return SIEVE_EXEC_OK;
}

static const struct sieve_extension_objects dondoc_namespaces =
	SIEVE_VARIABLES_DEFINE_NAMESPACE(dondoc_namespace);

const struct sieve_operand_def dondoc_namespace_operand = {
	.name = "dondoc-namespace",
	.ext_def = &vnd_dondoc_extension,
	.class = &sieve_variables_namespace_operand_class,
	.interface = &dondoc_namespaces,
};

void ext_dondoc_variables_init(const struct sieve_extension *ext,
			       struct sieve_validator *valdtr)
{
	const struct ext_dondoc_context *ctx = ext->context;

	sieve_variables_namespace_register(ctx->var_ext, valdtr, ext,
					   &dondoc_namespace);
}
