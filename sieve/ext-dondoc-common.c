/* Configuration and per-message analysis cache of vnd.dondoc. The cache
   lives in the Sieve message context, so it is shared by every script of
   one delivery (sieve_before, personal, sieve_after) and freed with it. */

#include "lib.h"
#include "istream.h"
#include "mail-storage.h"

#include "sieve-common.h"
#include "sieve-extensions.h"
#include "sieve-settings.h"
#include "sieve-message.h"
#include "sieve-interpreter.h"
#include "sieve-runtime.h"

#include "ext-dondoc-common.h"

struct ext_dondoc_message_context {
	const struct dondoc_analysis *analysis;
};

static void
ext_dondoc_setting_size(struct sieve_instance *svinst, const char *name,
			uoff_t *value)
{
	size_t size;

	if (sieve_setting_get_size_value(svinst, name, &size))
		*value = size;
}

static void
ext_dondoc_setting_uint(struct sieve_instance *svinst, const char *name,
			unsigned int *value)
{
	unsigned long long int number;

	if (sieve_setting_get_uint_value(svinst, name, &number) &&
	    number > 0 && number <= UINT_MAX)
		*value = (unsigned int)number;
}

struct ext_dondoc_context *
ext_dondoc_context_create(struct sieve_instance *svinst)
{
	struct ext_dondoc_context *ctx;
	uoff_t size;

	ctx = i_new(struct ext_dondoc_context, 1);
	ctx->limits = dondoc_limits_default;
	ext_dondoc_setting_size(svinst, "dondoc_max_message_size",
				&ctx->limits.max_message_size);
	size = ctx->limits.max_text_bytes;
	ext_dondoc_setting_size(svinst, "dondoc_max_text_size", &size);
	ctx->limits.max_text_bytes = size;
	ext_dondoc_setting_uint(svinst, "dondoc_max_parts",
				&ctx->limits.max_parts);
	ext_dondoc_setting_uint(svinst, "dondoc_max_nesting",
				&ctx->limits.max_nesting);
	ext_dondoc_setting_uint(svinst, "dondoc_max_msecs",
				&ctx->limits.max_msecs);
	return ctx;
}

void ext_dondoc_context_free(struct ext_dondoc_context **_ctx)
{
	struct ext_dondoc_context *ctx = *_ctx;

	*_ctx = NULL;
	i_free(ctx);
}

static int
ext_dondoc_analyze(const struct sieve_runtime_env *renv,
		   const struct ext_dondoc_context *ctx,
		   const struct dondoc_analysis **analysis_r)
{
	struct mail *mail = sieve_message_get_mail(renv->msgctx);
	pool_t pool = sieve_message_context_pool(renv->msgctx);
	struct dondoc_analysis *analysis;
	struct istream *input;
	const char *error, *const *warning;

	if (mail_get_stream(mail, NULL, NULL, &input) < 0) {
		return sieve_runtime_mail_error(renv, mail,
			"dondoc: failed to read message");
	}
	i_stream_seek(input, 0);
	if (dondoc_analyze_stream(input, &ctx->limits, pool, &analysis,
				  &error) < 0) {
		/* A read error is temporary: the MTA retries, nothing lost. */
		e_error(renv->event, "dondoc: analysis failed: %s", error);
		return SIEVE_EXEC_TEMP_FAILURE;
	}
	array_foreach(&analysis->warnings, warning) {
		e_warning(renv->event, "dondoc: analysis partial: %s",
			  *warning);
	}
	e_debug(renv->event, "dondoc: analysis found %u document(s)",
		array_count(&analysis->documents));
	*analysis_r = analysis;
	return SIEVE_EXEC_OK;
}

int ext_dondoc_get_analysis(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_analysis **analysis_r)
{
	const struct ext_dondoc_context *ctx = ext->context;
	struct ext_dondoc_message_context *mctx;
	pool_t pool;
	int ret;

	mctx = (struct ext_dondoc_message_context *)
		sieve_message_context_extension_get(renv->msgctx, ext);
	if (mctx != NULL) {
		*analysis_r = mctx->analysis;
		return SIEVE_EXEC_OK;
	}
	ret = ext_dondoc_analyze(renv, ctx, analysis_r);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	pool = sieve_message_context_pool(renv->msgctx);
	mctx = p_new(pool, struct ext_dondoc_message_context, 1);
	mctx->analysis = *analysis_r;
	sieve_message_context_extension_set(renv->msgctx, ext, mctx);
	return SIEVE_EXEC_OK;
}
