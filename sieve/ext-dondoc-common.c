/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Configuration and per-message state of vnd.dondoc. The state lives in
   the Sieve message context, so it is shared by every script of one
   delivery (sieve_before, personal, sieve_after) and freed with it. The
   settings are read at the first use of the extension, not at its load
   (which every delivery's Sieve instance does). The
   store is opened only for the moments it is used, so a delivery never
   holds it across the script's run. */

#include "lib.h"
#include "array.h"
#include "ioloop.h"
#include "istream.h"
#include "iso8601-date.h"
#include "time-util.h"
#include "strnum.h"
#include "str-sanitize.h"
#include "smtp-address.h"
#include "mail-storage.h"
#include "master-service.h"

#include <sys/stat.h>
#include <unistd.h>

#include "sieve-common.h"
#include "sieve-extensions.h"
#include "sieve-settings.h"
#include "sieve-message.h"
#include "sieve-interpreter.h"
#include "sieve-runtime.h"
#include "sieve-ext-variables.h"

#include "dondoc-compat.h"

#include "dondoc-msginfo.h"
#include "dondoc-settings.h"
#include "dondoc-settings-error.h"
#include "dondoc-events.h"
#include "dondoc-owner.h"
#include "dondoc-store-cache.h"
#include "ext-dondoc-common.h"
#include "ext-dondoc-compat.h"


/* The settings of the instance being loaded; open only during
   ext_dondoc_context_create(). */
struct ext_dondoc_reader {
	struct sieve_instance *svinst;
	struct ext_dondoc_settings *set;
	pool_t pool;
};

static const char *
ext_dondoc_setting(struct ext_dondoc_reader *rd, const char *name)
{
	const char *value = ext_dondoc_settings_get(rd->set, name);

	/* Copied: the settings outlive the open settings. */
	return value == NULL ? NULL : p_strdup(rd->pool, value);
}

static void
ext_dondoc_setting_uint(struct ext_dondoc_reader *rd, const char *name,
			unsigned int *value)
{
	const char *str = ext_dondoc_settings_get(rd->set, name);
	unsigned long long int number;

	if (str == NULL)
		return;
	if (str_to_ullong(str, &number) == 0 && number > 0 &&
	    number <= UINT_MAX)
		*value = (unsigned int)number;
	else {
		e_warning(rd->svinst->event, "%s: invalid value %s (1..%u): "
			  "using %u", name, str_sanitize(str, 64), UINT_MAX,
			  *value);
	}
}

static bool
ext_dondoc_setting_size(struct ext_dondoc_reader *rd, const char *name,
			size_t *size_r)
{
	const char *str = ext_dondoc_settings_get(rd->set, name);
	const char *error;
	uoff_t size;

	if (str == NULL)
		return FALSE;
	if (dondoc_parse_size(str, &size, &error) < 0 || size > SIZE_MAX) {
		e_warning(rd->svinst->event, "%s: invalid size %s: %s", name,
			  str_sanitize(str, 64), error);
		return FALSE;
	}
	*size_r = (size_t)size;
	return TRUE;
}

static void ext_dondoc_limits(struct ext_dondoc_reader *rd,
			      struct dondoc_limits *limits)
{
	size_t size;

	*limits = dondoc_limits_default;
	if (ext_dondoc_setting_size(rd, "dondoc_max_message_size", &size))
		limits->max_message_size = size;
	if (ext_dondoc_setting_size(rd, "dondoc_max_text_size", &size))
		limits->max_text_bytes = size;
	ext_dondoc_setting_uint(rd, "dondoc_max_parts", &limits->max_parts);
	ext_dondoc_setting_uint(rd, "dondoc_max_nesting",
				&limits->max_nesting);
	ext_dondoc_setting_uint(rd, "dondoc_max_msecs", &limits->max_msecs);
}

/* "~/x" relative to the user's home. */
static const char *ext_dondoc_home_path(struct sieve_instance *svinst,
					pool_t pool, const char *path)
{
	if (path == NULL || strncmp(path, "~/", 2) != 0)
		return path;
	if (svinst->home_dir == NULL)
		return NULL;
	return p_strconcat(pool, svinst->home_dir, path + 1, NULL);
}

static const char *ext_dondoc_setting_get(void *context, const char *name)
{
	return ext_dondoc_setting(context, name);
}

struct ext_dondoc_context *
ext_dondoc_context_create(const struct sieve_extension *ext)
{
	struct sieve_instance *svinst = ext->svinst;
	struct ext_dondoc_context *ctx;
	pool_t pool;

	pool = pool_alloconly_create("vnd.dondoc config", 1024);
	ctx = p_new(pool, struct ext_dondoc_context, 1);
	ctx->pool = pool;
	ctx->svinst = svinst;
	ctx->var_ext = ext_dondoc_variables_get(svinst);
	if (ctx->var_ext == NULL) {
		e_error(svinst->event, "dondoc: no variables extension");
		pool_unref(&ctx->pool);
		return NULL;
	}
	return ctx;
}

/* The settings, read when a script first uses the extension, not at its
   load: Pigeonhole loads it for every delivery (every Sieve instance),
   the users' whose script does not require vnd.dondoc included, and
   they must not pay for reading them. */
static int ext_dondoc_context_configure(struct ext_dondoc_context *ctx)
{
	struct sieve_instance *svinst = ctx->svinst;
	struct ext_dondoc_reader rd = { .svinst = svinst };
	const char *value, *error;
	pool_t pool = ctx->pool;
	int tz_offset;
	size_t size;

	if (ext_dondoc_settings_open(svinst, &rd.set, &error) < 0) {
		/* each later use of this delivery fails at once, and the
		   process logs it once, not at every use and delivery */
		ctx->configure_failed = TRUE;
		if (dondoc_settings_error_is_new(svinst->username, error))
			e_error(svinst->event, "dondoc: %s", error);
		else {
			e_debug(svinst->event, "dondoc: %s (as before)",
				error);
		}
		return -1;
	}
	dondoc_settings_error_clear(svinst->username);
	rd.pool = pool;
	ext_dondoc_limits(&rd, &ctx->limits);
	if (dondoc_limits_read_extract(&ctx->limits, ext_dondoc_setting_get,
				       &rd, &value) < 0)
		e_error(svinst->event, "dondoc: %s", value);
	dondoc_settings_tracking(ext_dondoc_setting_get, &rd, &ctx->tracker,
				 &ctx->actions);
	ctx->db_path = ext_dondoc_home_path(svinst, pool,
		ext_dondoc_setting(&rd, "dondoc_db"));
	value = ext_dondoc_setting(&rd, "dondoc_spool");
	ctx->spool_dir = ext_dondoc_home_path(svinst, pool,
		value != NULL ? value : "~/dondoc-spool");
	ctx->spool_limits = dondoc_spool_limits_default;
	if (ext_dondoc_setting_size(&rd, "dondoc_spool_max_size", &size))
		ctx->spool_limits.max_bytes = size;
	ext_dondoc_setting_uint(&rd, "dondoc_spool_max_entries",
				&ctx->spool_limits.max_entries);
	ext_dondoc_setting_uint(&rd, "dondoc_spool_max_per_sender",
				&ctx->spool_limits.max_per_sender);
	ctx->busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS;
	ext_dondoc_setting_uint(&rd, "dondoc_busy_timeout_msecs",
				&ctx->busy_timeout_msecs);
	value = ext_dondoc_setting(&rd, "dondoc_store_sync");
	if (value == NULL || strcmp(value, "delivery") == 0)
		ctx->store_sync = EXT_DONDOC_STORE_SYNC_DELIVERY;
	else if (strcmp(value, "full") == 0)
		ctx->store_sync = EXT_DONDOC_STORE_SYNC_FULL;
	else if (strcmp(value, "normal") == 0)
		ctx->store_sync = EXT_DONDOC_STORE_SYNC_NORMAL;
	else {
		e_error(svinst->event, "dondoc: invalid dondoc_store_sync: %s "
			"(delivery, full or normal): using delivery", value);
	}
	value = ext_dondoc_setting(&rd, "dondoc_send");
	if (value != NULL && strcmp(value, "outbox") == 0)
		ctx->send_from_outbox = TRUE;
	else if (value != NULL && strcmp(value, "delivery") != 0) {
		e_error(svinst->event, "dondoc: invalid dondoc_send: %s "
			"(delivery or outbox): using delivery", value);
	}
	value = ext_dondoc_setting(&rd, "dondoc_now");
	if (value != NULL && !iso8601_date_parse((const unsigned char *)value,
						 strlen(value),
						 &ctx->fixed_now, &tz_offset)) {
		e_error(svinst->event, "dondoc: invalid dondoc_now: %s",
			value);
	}
	value = ext_dondoc_setting(&rd, "recipient_delimiter");
	ctx->recipient_delimiter = value != NULL ? value[0] : '+';
	ext_dondoc_settings_close(&rd.set);
	ctx->configured = TRUE;
	return 0;
}

struct ext_dondoc_context *
ext_dondoc_context_get(const struct sieve_extension *ext)
{
	struct ext_dondoc_context *ctx = ext->context;

	if (ctx->configure_failed ||
	    (!ctx->configured && ext_dondoc_context_configure(ctx) < 0))
		return NULL;
	return ctx;
}

struct ext_dondoc_context *
ext_dondoc_context_configured(const struct sieve_extension *ext)
{
	struct ext_dondoc_context *ctx = ext->context;

	i_assert(ctx->configured);
	return ctx;
}

void ext_dondoc_context_free(struct ext_dondoc_context **_ctx)
{
	struct ext_dondoc_context *ctx = *_ctx;

	*_ctx = NULL;
	dondoc_store_cache_destroy(&ctx->own_store);
	pool_unref(&ctx->pool);
}

/* The kept store connection: the dondoc mail plugin's, lent to the mail
   user (dondoc-owner.h), so that it outlives this plugin, which
   Pigeonhole unloads after every delivery. A Sieve command-line tool
   (sieve-test) loads no mail plugin: it keeps its own for the instance. */
static struct dondoc_store_cache *
ext_dondoc_store_cache(struct ext_dondoc_context *ctx, struct mail_user *user,
		       const char **error_r)
{
	struct dondoc_owner_user *owner;

	owner = user == NULL ? NULL : dondoc_owner_user_get(user);
	if (owner != NULL)
		return owner->sieve_store;
	if (strncmp(master_service_get_name(master_service), "sieve-", 6) == 0) {
		if (ctx->own_store == NULL)
			ctx->own_store = dondoc_store_cache_create("sieve");
		return ctx->own_store;
	}
	*error_r = "vnd.dondoc needs the dondoc mail plugin, which holds the "
		"store: add it to mail_plugins (protocol lmtp { mail_plugins = "
		"$mail_plugins dondoc sieve })";
	return NULL;
}

int ext_dondoc_store_get(struct ext_dondoc_context *ctx,
			 struct mail_user *user,
			 struct dondoc_store **store_r, const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = ctx->busy_timeout_msecs,
		.relaxed_sync = ctx->store_sync != EXT_DONDOC_STORE_SYNC_FULL,
	};
	struct dondoc_store_cache *cache;

	if (ctx->db_path == NULL)
		return 0;
	if ((cache = ext_dondoc_store_cache(ctx, user, error_r)) == NULL) {
		e_error(ctx->svinst->event, "dondoc: %s", *error_r);
		return -1;
	}
	if (dondoc_store_cache_get(cache, ctx->db_path, &set, store_r,
				   error_r) < 0)
		return -1;
	return 1;
}

void ext_dondoc_store_failed(struct ext_dondoc_context *ctx,
			     struct mail_user *user)
{
	struct dondoc_store_cache *cache;
	const char *error;

	/* Reopen next time: the error may have left it unusable. */
	if ((cache = ext_dondoc_store_cache(ctx, user, &error)) != NULL)
		dondoc_store_cache_failed(cache);
}

void ext_dondoc_store_written(struct ext_dondoc_context *ctx,
			      struct mail_user *user)
{
	struct dondoc_store_cache *cache;
	const char *error;

	if ((cache = ext_dondoc_store_cache(ctx, user, &error)) != NULL)
		dondoc_store_cache_written(cache);
}

int ext_dondoc_store_sync_pending(struct ext_dondoc_context *ctx,
				  struct mail_user *user,
				  const char **error_r)
{
	struct dondoc_store_cache *cache;
	const char *error;

	if (ctx->store_sync != EXT_DONDOC_STORE_SYNC_DELIVERY ||
	    (cache = ext_dondoc_store_cache(ctx, user, &error)) == NULL)
		return 0;
	return dondoc_store_cache_sync(cache, error_r);
}

static struct ext_dondoc_message_context *
ext_dondoc_message_context(const struct sieve_runtime_env *renv,
			   const struct sieve_extension *ext)
{
	struct ext_dondoc_message_context *mctx;
	pool_t pool;

	mctx = (struct ext_dondoc_message_context *)
		sieve_message_context_extension_get(renv->msgctx, ext);
	if (mctx == NULL) {
		pool = sieve_message_context_pool(renv->msgctx);
		mctx = p_new(pool, struct ext_dondoc_message_context, 1);
		p_array_init(&mctx->actions, pool, 4);
		sieve_message_context_extension_set(renv->msgctx, ext, mctx);
	}
	return mctx;
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
	struct timeval start, end;
	const char *error, *const *warning;

	if (mail_get_stream(mail, NULL, NULL, &input) < 0) {
		return sieve_runtime_mail_error(renv, mail,
			"dondoc: failed to read message");
	}
	i_stream_seek(input, 0);
	i_gettimeofday(&start);
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
	i_gettimeofday(&end);
	e_debug(dondoc_event_analysis(renv->event, analysis,
			input->v_offset,
			timeval_diff_msecs(&end, &start))->event(),
		"dondoc: analysis found %u document(s)",
		array_count(&analysis->documents));
	*analysis_r = analysis;
	return SIEVE_EXEC_OK;
}

int ext_dondoc_get_analysis(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_analysis **analysis_r)
{
	struct ext_dondoc_message_context *mctx;
	struct ext_dondoc_context *ctx;
	int ret;

	if ((ctx = ext_dondoc_context_get(ext)) == NULL)
		return SIEVE_EXEC_FAILURE;
	mctx = ext_dondoc_message_context(renv, ext);
	if (mctx->analysis == NULL) {
		ret = ext_dondoc_analyze(renv, ctx, &mctx->analysis);
		if (ret != SIEVE_EXEC_OK)
			return ret;
	}
	*analysis_r = mctx->analysis;
	return SIEVE_EXEC_OK;
}

static const char *
ext_dondoc_recipient_detail(const struct sieve_runtime_env *renv,
			    const struct ext_dondoc_context *ctx)
{
	const struct smtp_address *rcpt;
	const char *delim;

	rcpt = sieve_message_get_orig_recipient(renv->msgctx);
	if (rcpt == NULL || rcpt->localpart == NULL)
		rcpt = sieve_message_get_final_recipient(renv->msgctx);
	if (rcpt == NULL || rcpt->localpart == NULL)
		return NULL;
	delim = strchr(rcpt->localpart, ctx->recipient_delimiter);
	return delim == NULL ? NULL : delim + 1;
}

/* The header facts of the delivered mail, in one pass over its header
   (dondoc_msginfo_read(), as the spool replay reads them): asking the
   mail API for each field not in its cache would parse the header again
   each time. */
static int ext_dondoc_message_info(const struct sieve_runtime_env *renv,
				   const struct ext_dondoc_context *ctx,
				   pool_t pool,
				   struct ext_dondoc_message_context *mctx)
{
	const struct sieve_execute_env *eenv = renv->exec_env;
	struct mail *mail = sieve_message_get_mail(renv->msgctx);
	const struct smtp_address *sender;
	struct dondoc_message_info *info;
	struct istream *input;
	const char *error;

	info = p_new(pool, struct dondoc_message_info, 1);
	if (mail_get_hdr_stream(mail, NULL, &input) < 0) {
		return sieve_runtime_mail_error(renv, mail,
			"dondoc: failed to read the header");
	}
	if (dondoc_msginfo_read(input, pool, info, &mctx->headers,
				&error) < 0) {
		/* A read error is temporary: the MTA retries, nothing lost. */
		e_error(renv->event, "dondoc: reading the header failed: %s",
			error);
		return SIEVE_EXEC_TEMP_FAILURE;
	}
	/* The Message-ID as the delivery itself knows it; one the store
	   could never keep (over 998 bytes, controls) is bad input, taken as
	   none: the mail is filed, not recorded, never spooled. */
	info->message_id = eenv->msgdata->id;
	if (info->message_id != NULL &&
	    !dondoc_store_message_id_is_valid(info->message_id)) {
		e_warning(renv->event, "dondoc: Message-ID ignored: %s",
			  strlen(info->message_id) >
			  DONDOC_STORE_MAX_MESSAGE_ID ? "too long" :
			  "not a valid id");
		info->message_id = NULL;
	}
	sender = sieve_message_get_sender(renv->msgctx);
	info->envelope_sender = sender == NULL || sender->localpart == NULL ?
		NULL : p_strdup(pool, smtp_address_encode(sender));
	info->recipient_detail = p_strdup(pool,
		ext_dondoc_recipient_detail(renv, ctx));
	info->received_at = ctx->fixed_now != 0 ? ctx->fixed_now :
		ioloop_time;
	mctx->info = info;
	return SIEVE_EXEC_OK;
}

static void ext_dondoc_log_tracking(const struct sieve_runtime_env *renv,
				    const struct dondoc_tracking *t)
{
	if (t->store_error != NULL)
		e_error(renv->event, "dondoc: store unavailable, message not "
			"matched (record spools it): %s", t->store_error);
	if (t->refused_match != NULL)
		e_warning(renv->event, "dondoc: not matched, for a human to "
			  "review: %s", t->refused_match);
	e_debug(dondoc_event_match(renv->event, t)->event(),
		"dondoc: trust=%s (%s) agency=%s match=%s%s%s",
		t->trust.verified ? "verified" : "unverified",
		t->trust.reason != NULL ? t->trust.reason : "",
		t->agency != NULL ? t->agency : "-",
		dondoc_match_kind_name(t->match),
		t->match != DONDOC_MATCH_NONE ? " task=" : "",
		t->match != DONDOC_MATCH_NONE ? t->task.code : "");
}

int ext_dondoc_get_tracking(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_tracking **tracking_r)
{
	struct ext_dondoc_context *ctx;
	struct mail_user *user = renv->exec_env->scriptenv->user;
	pool_t pool = sieve_message_context_pool(renv->msgctx);
	struct ext_dondoc_message_context *mctx;
	const struct dondoc_analysis *analysis;
	struct dondoc_tracking *tracking;
	struct dondoc_calendar *cal = NULL;
	struct dondoc_store *store = NULL;
	const char *error = NULL;
	int ret;

	if ((ctx = ext_dondoc_context_get(ext)) == NULL)
		return SIEVE_EXEC_FAILURE;
	mctx = ext_dondoc_message_context(renv, ext);
	if (mctx->tracking != NULL) {
		*tracking_r = mctx->tracking;
		return SIEVE_EXEC_OK;
	}
	if ((ret = ext_dondoc_get_analysis(renv, ext, &analysis)) != SIEVE_EXEC_OK)
		return ret;
	if ((ret = ext_dondoc_message_info(renv, ctx, pool, mctx)) !=
	    SIEVE_EXEC_OK)
		return ret;
	if (ext_dondoc_store_get(ctx, user, &store, &error) > 0 &&
	    dondoc_store_calendar_get(store, &cal, &error) < 0) {
		ext_dondoc_store_failed(ctx, user);
		store = NULL;
	}
	dondoc_tracker_evaluate(store, cal, &ctx->tracker, analysis,
				mctx->info, error, pool, &tracking);
	if (tracking->store_error != NULL)
		ext_dondoc_store_failed(ctx, user);
	ext_dondoc_log_tracking(renv, tracking);
	mctx->tracking = tracking;
	*tracking_r = tracking;
	return SIEVE_EXEC_OK;
}
