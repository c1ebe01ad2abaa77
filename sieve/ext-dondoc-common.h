#ifndef EXT_DONDOC_COMMON_H
#define EXT_DONDOC_COMMON_H

/* Shared definitions of the vnd.dondoc Sieve extension: its configuration
   (read once from the plugin {} settings) and the per-message analysis
   that every test of one delivery shares. */

#include "sieve-common.h"
#include "dondoc-analysis.h"

struct ext_dondoc_context {
	struct dondoc_limits limits;
};

extern const struct sieve_extension_def vnd_dondoc_extension;
extern const struct sieve_command_def tst_document;
extern const struct sieve_operation_def tst_document_operation;

struct ext_dondoc_context *
ext_dondoc_context_create(struct sieve_instance *svinst);
void ext_dondoc_context_free(struct ext_dondoc_context **_ctx);

/* The analysis of the message being delivered, computed on first use and
   cached in the Sieve message context, so a script with many dondoc tests
   reads and parses the message once. Returns a SIEVE_EXEC_* code. */
int ext_dondoc_get_analysis(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_analysis **analysis_r);

#endif
