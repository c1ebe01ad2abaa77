/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef EXT_DONDOC_COMMON_H
#define EXT_DONDOC_COMMON_H

/* Shared definitions of the vnd.dondoc Sieve extension: its configuration
   (read once per Sieve instance from the plugin {} settings) and the
   per-message analysis and tracking that every test, variable and action
   of one delivery share. */

#include "sieve-common.h"
#include "dondoc-analysis.h"
#include "dondoc-tracker.h"
#include "dondoc-actions.h"
#include "dondoc-spool.h"

struct mail_user;
struct dondoc_store_cache;

struct ext_dondoc_context {
	pool_t pool;
	struct sieve_instance *svinst;
	/* the settings below are read (ext_dondoc_context_get()) */
	bool configured;
	/* they could not be read: every use fails, without reading them
	   again or logging it again */
	bool configure_failed;
	struct dondoc_limits limits;
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	/* dondoc_db: the store; NULL: tracking disabled. */
	const char *db_path;
	/* dondoc_spool: deferred work when the store is unavailable. */
	const char *spool_dir;
	/* dondoc_spool_max_size, _max_entries, _max_per_sender */
	struct dondoc_spool_limits spool_limits;
	unsigned int busy_timeout_msecs;
	/* dondoc_store_sync: when store writes reach the disk. */
	enum ext_dondoc_store_sync {
		/* Once per delivery, before it is acknowledged (default). */
		EXT_DONDOC_STORE_SYNC_DELIVERY = 0,
		/* At every commit. */
		EXT_DONDOC_STORE_SYNC_FULL,
		/* Left to the OS (survives a process crash only). */
		EXT_DONDOC_STORE_SYNC_NORMAL,
	} store_sync;
	/* dondoc_send = outbox: mail is only queued at delivery, for
	   `dondoc outbox send --watch`; default (delivery): sent through
	   Pigeonhole's SMTP before the delivery is acknowledged. */
	bool send_from_outbox;
	/* dondoc_now: a fixed delivery time (tests and the demo only). */
	time_t fixed_now;
	char recipient_delimiter;
	const struct sieve_extension *var_ext;
	/* a Sieve command-line tool's own kept store (no mail plugin) */
	struct dondoc_store_cache *own_store;
};

/* What one delivery has learned, cached in the Sieve message context. */
struct ext_dondoc_action;

struct ext_dondoc_message_context {
	const struct dondoc_analysis *analysis;
	struct dondoc_message_info *info;
	/* The top-level header fields, read once (dondoc-msginfo.h): the
	   auto-reply rules look up a dozen of them. */
	struct dondoc_msginfo_headers *headers;
	const struct dondoc_tracking *tracking;
	/* The dondoc actions executed and not yet done, in order: the last
	   one does them together (sieve/ext-dondoc-actions.c). */
	ARRAY(const struct ext_dondoc_action *) actions;
	/* Mail their store work queued, sent at finish. */
	ARRAY_TYPE(dondoc_actions_pending) pending;
	bool actions_done;
};

extern const struct sieve_extension_def vnd_dondoc_extension;
extern const struct sieve_command_def tst_document;
extern const struct sieve_command_def tst_task;
extern const struct sieve_command_def cmd_record;
extern const struct sieve_command_def cmd_confirm;
extern const struct sieve_command_def cmd_escalate;
extern const struct sieve_command_def cmd_status;
extern const struct sieve_operation_def tst_document_operation;
extern const struct sieve_operation_def tst_task_operation;
extern const struct sieve_operation_def cmd_record_operation;
extern const struct sieve_operation_def cmd_confirm_operation;
extern const struct sieve_operation_def cmd_escalate_operation;
extern const struct sieve_operation_def cmd_status_operation;
extern const struct sieve_operand_def dondoc_namespace_operand;

enum ext_dondoc_opcode {
	EXT_DONDOC_OPERATION_DOCUMENT,
	EXT_DONDOC_OPERATION_TASK,
	EXT_DONDOC_OPERATION_RECORD,
	EXT_DONDOC_OPERATION_CONFIRM,
	EXT_DONDOC_OPERATION_ESCALATE,
	EXT_DONDOC_OPERATION_STATUS,
};

/* At the extension's load: no settings read yet. */
struct ext_dondoc_context *
ext_dondoc_context_create(const struct sieve_extension *ext);
/* The context with its settings, read at the first call (a script that
   uses the extension is compiled or run); NULL when they cannot be read
   (logged). */
struct ext_dondoc_context *
ext_dondoc_context_get(const struct sieve_extension *ext);
/* The same where a previous ext_dondoc_context_get() has succeeded: in
   the actions, which only a run operation creates. */
struct ext_dondoc_context *
ext_dondoc_context_configured(const struct sieve_extension *ext);
void ext_dondoc_context_free(struct ext_dondoc_context **_ctx);

/* The analysis of the message being delivered, computed on first use and
   cached in the Sieve message context, so a script with many dondoc tests
   reads and parses the message once. Returns a SIEVE_EXEC_* code. */
int ext_dondoc_get_analysis(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_analysis **analysis_r);
/* The tracking of the message (sender, task, timeliness), likewise
   computed once. The store is opened for the evaluation only. */
int ext_dondoc_get_tracking(const struct sieve_runtime_env *renv,
			    const struct sieve_extension *ext,
			    const struct dondoc_tracking **tracking_r);

/* The configured store, kept across deliveries by the dondoc mail
   plugin (dondoc-owner.h) for user, the script's mail user. Returns 1
   open, 0 no store configured, -1 error (error_r; logged when the mail
   plugin is missing). */
int ext_dondoc_store_get(struct ext_dondoc_context *ctx,
			 struct mail_user *user,
			 struct dondoc_store **store_r, const char **error_r);
/* After a store error: drop the connection, so the next use reopens. */
void ext_dondoc_store_failed(struct ext_dondoc_context *ctx,
			     struct mail_user *user);
/* Note that the store was written, and make the writes durable as
   dondoc_store_sync says (at the end of the delivery's actions). */
void ext_dondoc_store_written(struct ext_dondoc_context *ctx,
			      struct mail_user *user);
int ext_dondoc_store_sync_pending(struct ext_dondoc_context *ctx,
				  struct mail_user *user,
				  const char **error_r);

/* Tests with one optional string-list tag (ext-dondoc-args.c). */
struct sieve_stringlist;
bool ext_dondoc_validate_stringlist_tag(struct sieve_validator *valdtr,
					struct sieve_ast_argument **arg,
					struct sieve_command *cmd);
bool ext_dondoc_dump_list_test(const struct sieve_dumptime_env *denv,
			       sieve_size_t *address, const char *mnemonic,
			       int opt_code_list, const char *field);
/* *list_r stays NULL when the tag was not given. */
int ext_dondoc_read_list_test(const struct sieve_runtime_env *renv,
			      sieve_size_t *address, int opt_code_list,
			      const char *field,
			      struct sieve_stringlist **list_r);
/* Does pred hold for any item of list? Returns a SIEVE_EXEC_* code. */
int ext_dondoc_stringlist_any(const struct sieve_runtime_env *renv,
			      struct sieve_stringlist *list,
			      bool (*pred)(const char *item, const void *context),
			      const void *context, bool *matched_r);

/* The variables namespace "dondoc" (needs "variables"). */
void ext_dondoc_variables_init(const struct sieve_extension *ext,
			       struct sieve_validator *valdtr);
/* The value of ${dondoc.NAME}, or NULL for an unknown name. */
const char *ext_dondoc_variable_value(const struct dondoc_tracking *tracking,
				      const char *name);
bool ext_dondoc_variable_is_known(const char *name);

/* The actions' shared commit (sieve/ext-dondoc-actions.c). */
struct ext_dondoc_action {
	enum dondoc_spool_action kind;
	const char *reason, *to;
};
extern const struct sieve_action_def act_dondoc;
int ext_dondoc_action_add(const struct sieve_runtime_env *renv,
			  const struct sieve_extension *ext,
			  enum dondoc_spool_action kind,
			  const char *reason, const char *to);

#endif
