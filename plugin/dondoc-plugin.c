/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The mail plugin's hooks (see dondoc-plugin.h): a user context for users
   with dondoc_db (never the raw mail user of LMTP, nor autocreated shared
   users), and, for their outgoing mailboxes and task mailboxes, the save
   and copy hooks that read each saved mail and the commit hook that acts
   on them once the transaction has committed. Trusts the settings
   (dovecot.conf) and Dovecot's authentication of the account. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "iso8601-date.h"
#include "mail-storage-private.h"
#include "mail-storage-hooks.h"
#include "mail-namespace.h"
#include "dondoc-compat.h"
#include "dondoc-settings.h"
#include "dondoc-settings-error.h"
#include "dondoc-plugin.h"
#include "dondoc-plugin-compat.h"

#define DONDOC_CONTEXT(obj) \
	MODULE_CONTEXT(obj, dondoc_storage_module)
#define DONDOC_TRANS_CONTEXT(obj) \
	MODULE_CONTEXT(obj, dondoc_storage_module)

struct dondoc_mailbox {
	union mailbox_module_context module_ctx;
	struct mailbox *box;
	/* the task whose mailbox this is, or NULL for an outgoing one */
	const char *triage_task;
};

struct dondoc_transaction {
	union mailbox_transaction_module_context module_ctx;
	pool_t pool;
	ARRAY_TYPE(dondoc_plugin_saved) saved;
	bool over_limit;
};

const char *dondoc_plugin_version = DOVECOT_ABI_VERSION;

static MODULE_CONTEXT_DEFINE_INIT(dondoc_storage_module,
				  &mail_storage_module_register);

static const char *dondoc_user_setting(void *context, const char *name)
{
	return dondoc_plugin_settings_get(context, name);
}

static void dondoc_user_uint(struct dondoc_plugin_settings *set,
			     const char *name, unsigned int *value)
{
	const char *str = dondoc_user_setting(set, name);
	unsigned int n;

	if (str != NULL && str_to_uint(str, &n) == 0 && n > 0)
		*value = n;
}

static void dondoc_user_limits(struct mail_user *user,
			       struct dondoc_plugin_settings *set,
			       struct dondoc_limits *limits)
{
	const char *str, *error;
	uoff_t size;

	*limits = dondoc_limits_default;
	/* sizes as the Sieve side reads them: "64M" as well as bytes */
	if ((str = dondoc_user_setting(set, "dondoc_max_message_size")) != NULL &&
	    dondoc_parse_size(str, &size, &error) == 0 && size > 0 &&
	    size <= SIZE_MAX)
		limits->max_message_size = size;
	if ((str = dondoc_user_setting(set, "dondoc_max_text_size")) != NULL &&
	    dondoc_parse_size(str, &size, &error) == 0 && size > 0 &&
	    size <= SIZE_MAX)
		limits->max_text_bytes = size;
	dondoc_user_uint(set, "dondoc_max_parts", &limits->max_parts);
	dondoc_user_uint(set, "dondoc_max_nesting", &limits->max_nesting);
	dondoc_user_uint(set, "dondoc_max_msecs", &limits->max_msecs);
	/* PDF and .doc attachments: the extractor and its limits */
	if (dondoc_limits_read_extract(limits, dondoc_user_setting, set,
				       &str) < 0)
		e_error(user->event, "dondoc: %s", str);
}

static const char *dondoc_user_path(struct mail_user *user, const char *path)
{
	if (path == NULL)
		return NULL;
	path = mail_user_home_expand(user, path);
	return path[0] == '/' ? p_strdup(user->pool, path) : NULL;
}

static void dondoc_mail_user_deinit(struct mail_user *user)
{
	struct dondoc_user *duser = DONDOC_USER_CONTEXT(user);

	T_BEGIN {
		dondoc_plugin_journal_deinit(duser);
	} T_END;
	duser->owner.module_ctx.super.deinit(user);
}

/* The user's settings cannot be read (2.4: a bad typed value from the
   userdb): logged once per process (LMTP creates the user at every
   delivery), at debug level after that. */
static void dondoc_user_settings_failed(struct mail_user *user,
					const char *error)
{
	if (dondoc_settings_error_is_new(user->username, error))
		e_error(user->event, "dondoc: %s", error);
	else
		e_debug(user->event, "dondoc: %s (as before)", error);
}

/* The settings the user's work needs, read at its first save into an
   outgoing or task mailbox, not when the user is created: on a site
   whose dondoc_db is global every user has a context, and LMTP creates
   one per delivery; the users who never save such a mail (nearly all,
   in LMTP) must not pay for reading them. Returns -1 when they cannot
   be read (logged; nothing is done for the save). */
static int dondoc_user_configure(struct dondoc_user *duser)
{
	struct mail_user *user = duser->user;
	struct dondoc_plugin_settings *set;
	const char *value;
	int tz;

	if (duser->configured)
		return 0;
	if (dondoc_plugin_settings_open(user, &set, &value) < 0) {
		dondoc_user_settings_failed(user, value);
		return -1;
	}
	/* Strings from the user's settings live as long as the user. */
	dondoc_user_limits(user, set, &duser->limits);
	dondoc_settings_tracking(dondoc_user_setting, set, &duser->tracker,
				 &duser->actions);
	dondoc_outgoing_settings_read(dondoc_user_setting, set,
				      &duser->outgoing);
	value = dondoc_user_setting(set, "dondoc_spool");
	duser->spool_dir = dondoc_user_path(user, value != NULL ? value :
					    "~/dondoc-spool");
	duser->busy_timeout_msecs = DONDOC_SETTINGS_DEFAULT_SAVE_BUSY_TIMEOUT_MSECS;
	dondoc_user_uint(set, "dondoc_save_busy_timeout_msecs",
			 &duser->busy_timeout_msecs);
	/* delivery (the default) or normal: the store's commits are left
	   to the OS, and the outgoing mailboxes are the journal that redoes
	   what a crash of the machine lost (dondoc-plugin-journal.c), as
	   the MTA's redelivery does for LMTP; full: each save's writes are
	   synced before the save's command is answered */
	value = dondoc_user_setting(set, "dondoc_store_sync");
	duser->sync_each_save = value != NULL && strcmp(value, "full") == 0;
	if (duser->busy_timeout_msecs > DONDOC_STORE_MAX_BUSY_TIMEOUT_MSECS)
		duser->busy_timeout_msecs = DONDOC_STORE_MAX_BUSY_TIMEOUT_MSECS;
	value = dondoc_user_setting(set, "dondoc_now");
	if (value != NULL &&
	    !iso8601_date_parse((const unsigned char *)value, strlen(value),
				&duser->fixed_now, &tz)) {
		e_error(user->event, "dondoc: invalid dondoc_now: %s", value);
		duser->fixed_now = 0;
	}
	dondoc_plugin_settings_close(&set);
	duser->configured = TRUE;
	return 0;
}

static void dondoc_mail_user_created(struct mail_user *user)
{
	struct mail_user_vfuncs *v = user->vlast;
	struct dondoc_plugin_settings *set;
	struct dondoc_user *duser;
	const char *db, *value;

	/* LMTP's raw mail user reads the incoming message; shared
	   namespaces autocreate users: neither saves our outgoing mail. */
	if (!dondoc_plugin_user_is_real(user))
		return;
	if (dondoc_plugin_settings_open(user, &set, &value) < 0) {
		dondoc_user_settings_failed(user, value);
		return;
	}
	dondoc_settings_error_clear(user->username);
	db = dondoc_user_setting(set, "dondoc_db");
	if (db == NULL) {
		dondoc_plugin_settings_close(&set);
		return;
	}
	duser = p_new(user->pool, struct dondoc_user, 1);
	duser->user = user;
	duser->owner.module_ctx.super = *v;
	user->vlast = &duser->owner.module_ctx.super;
	v->deinit = dondoc_mail_user_deinit;
	dondoc_plugin_store_lend(&duser->owner);
	/* Here only what decides which mailboxes are ours; the rest at
	   the first save into one (dondoc_user_configure()). */
	/* a PostgreSQL store's conninfo is no path */
	if (dondoc_store_path_is_pgsql(db, &value))
		duser->db_path = p_strdup(user->pool, db);
	else
		duser->db_path = dondoc_user_path(user, db);
	value = dondoc_user_setting(set, "dondoc_outgoing_mailboxes");
	if (value != NULL) {
		duser->outgoing_mailboxes = (const char *const *)
			p_strsplit_spaces(user->pool, value, ",");
	}
	duser->lmtp = user->service != NULL &&
		strcmp(user->service, "lmtp") == 0;
	/* in LMTP no mailbox is a task mailbox (dondoc_mailbox_allocated) */
	if (!duser->lmtp) {
		duser->task_mailboxes = dondoc_user_setting(set,
			"dondoc_task_mailboxes");
	}
	if (duser->db_path == NULL) {
		e_error(user->event, "dondoc: dondoc_db must be an absolute "
			"or ~/ path: %s", db);
	}
	dondoc_plugin_settings_close(&set);
	MODULE_CONTEXT_SET_FULL(user, dondoc_owner_user_module, duser,
				&duser->owner.module_ctx);
}

/* The task code of a task mailbox ("Nhiệm vụ/CODE"), NULL if box is
   none. */
static const char *dondoc_box_task(struct dondoc_user *duser,
				   struct mailbox *box)
{
	char sep = mail_namespace_get_sep(mailbox_get_namespace(box));
	size_t len;
	const char *code;

	if (duser->task_mailboxes == NULL)
		return NULL;
	len = strlen(duser->task_mailboxes);
	if (strncmp(box->vname, duser->task_mailboxes, len) != 0 ||
	    box->vname[len] != sep)
		return NULL;
	code = box->vname + len + 1;
	if (*code == '\0' || strchr(code, sep) != NULL ||
	    strlen(code) > DONDOC_STORE_MAX_CODE)
		return NULL;
	return code;
}

static struct dondoc_transaction *
dondoc_transaction_get(struct mailbox_transaction_context *t)
{
	return DONDOC_TRANS_CONTEXT(t);
}

static void dondoc_saved(struct mail_save_context *ctx, struct mail *mail)
{
	struct mailbox_transaction_context *t = ctx->transaction;
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(t->box);
	struct dondoc_transaction *dt = dondoc_transaction_get(t);
	struct dondoc_user *duser = DONDOC_USER_CONTEXT(t->box->storage->user);
	struct dondoc_plugin_saved saved;

	if (dt == NULL || duser == NULL || dondoc_user_configure(duser) < 0)
		return;
	if (array_count(&dt->saved) >= DONDOC_PLUGIN_MAX_MAILS_PER_COMMIT) {
		/* a bulk copy (an old Sent folder imported): bounded */
		if (!dt->over_limit) {
			e_warning(duser->user->event, "dondoc: more than %u "
				  "mails saved in one transaction into %s: "
				  "the rest is not acted on",
				  DONDOC_PLUGIN_MAX_MAILS_PER_COMMIT,
				  t->box->vname);
			dt->over_limit = TRUE;
		}
		return;
	}
	T_BEGIN {
		if (dondoc_plugin_read(duser, mail, dbox->triage_task, FALSE,
				       dt->pool, &saved)) {
			saved.index = t->save_count;
			array_push_back(&dt->saved, &saved);
		}
	} T_END;
}

static int dondoc_save_finish(struct mail_save_context *ctx)
{
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(ctx->transaction->box);
	bool via_copy = ctx->copying_via_save;

	if (dbox->module_ctx.super.save_finish(ctx) < 0)
		return -1;
	/* A copy done as a save is seen by the copy hook. */
	if (!via_copy)
		dondoc_saved(ctx, ctx->dest_mail);
	return 0;
}

static int dondoc_copy(struct mail_save_context *ctx, struct mail *mail)
{
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(ctx->transaction->box);

	if (dbox->module_ctx.super.copy(ctx, mail) < 0)
		return -1;
	dondoc_saved(ctx, mail);
	return 0;
}

static struct mailbox_transaction_context *
dondoc_transaction_begin(struct mailbox *box,
			 enum mailbox_transaction_flags flags,
			 const char *reason)
{
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(box);
	struct mailbox_transaction_context *t;
	struct dondoc_transaction *dt;
	pool_t pool;

	/* The UIDs of the saved mails are needed after the commit (to read
	   a mail again for the spool). */
	flags |= MAILBOX_TRANSACTION_FLAG_ASSIGN_UIDS;
	t = dbox->module_ctx.super.transaction_begin(box, flags, reason);
	pool = pool_alloconly_create("dondoc transaction", 2048);
	dt = p_new(pool, struct dondoc_transaction, 1);
	dt->pool = pool;
	p_array_init(&dt->saved, pool, 2);
	MODULE_CONTEXT_SET(t, dondoc_storage_module, dt);
	return t;
}

static void dondoc_committed(struct dondoc_user *duser,
			     struct dondoc_mailbox *dbox,
			     struct dondoc_transaction *dt,
			     struct mail_transaction_commit_changes *changes)
{
	struct mailbox *box = dbox->box;

	if (dondoc_user_configure(duser) < 0)
		return;
	if (dbox->triage_task == NULL) {
		/* outgoing: the mailbox is the journal of the work */
		dondoc_plugin_journal_commit(duser, box, &dt->saved, changes);
	} else if (array_count(&dt->saved) > 0) {
		/* filed by hand: synced before the answer, as ever */
		(void)dondoc_plugin_process(duser, box, &dt->saved,
					    &changes->saved_uids, NULL);
	}
}

static int
dondoc_transaction_commit(struct mailbox_transaction_context *t,
			  struct mail_transaction_commit_changes *changes_r)
{
	struct mailbox *box = t->box;
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(box);
	struct dondoc_transaction *dt = dondoc_transaction_get(t);
	struct dondoc_user *duser = DONDOC_USER_CONTEXT(box->storage->user);
	int ret;

	ret = dbox->module_ctx.super.transaction_commit(t, changes_r);
	/* t is freed now; dt is ours. */
	if (ret == 0 && dt != NULL && duser != NULL) T_BEGIN {
		dondoc_committed(duser, dbox, dt, changes_r);
	} T_END;
	if (dt != NULL)
		pool_unref(&dt->pool);
	return ret;
}

static void
dondoc_transaction_rollback(struct mailbox_transaction_context *t)
{
	struct dondoc_mailbox *dbox = DONDOC_CONTEXT(t->box);
	struct dondoc_transaction *dt = dondoc_transaction_get(t);

	dbox->module_ctx.super.transaction_rollback(t);
	if (dt != NULL)
		pool_unref(&dt->pool);
}

static void dondoc_mailbox_allocated(struct mailbox *box)
{
	struct dondoc_user *duser = DONDOC_USER_CONTEXT(box->storage->user);
	struct mailbox_vfuncs *v = box->vlast;
	struct dondoc_mailbox *dbox;
	const char *task = NULL;
	bool outgoing;

	if (duser == NULL || duser->db_path == NULL)
		return;
	if (duser->outgoing_mailboxes != NULL)
		outgoing = str_array_find(duser->outgoing_mailboxes,
					  box->vname);
	else
		outgoing = dondoc_plugin_box_is_sent(box);
	/* Only a person's gesture files by hand: in LMTP, the Sieve script
	   files, and a task's mailbox is just a mailbox. */
	if (!outgoing && (duser->lmtp ||
			  (task = dondoc_box_task(duser, box)) == NULL))
		return;

	dbox = p_new(box->pool, struct dondoc_mailbox, 1);
	dbox->module_ctx.super = *v;
	dbox->box = box;
	dbox->triage_task = p_strdup(box->pool, task);
	box->vlast = &dbox->module_ctx.super;
	v->transaction_begin = dondoc_transaction_begin;
	v->transaction_commit = dondoc_transaction_commit;
	v->transaction_rollback = dondoc_transaction_rollback;
	v->save_finish = dondoc_save_finish;
	v->copy = dondoc_copy;
	MODULE_CONTEXT_SET(box, dondoc_storage_module, dbox);
}

static struct mail_storage_hooks dondoc_mail_storage_hooks = {
	.mail_user_created = dondoc_mail_user_created,
	.mailbox_allocated = dondoc_mailbox_allocated,
};

void dondoc_plugin_init(struct module *module)
{
	dondoc_plugin_store_init();
	mail_storage_hooks_add(module, &dondoc_mail_storage_hooks);
}

void dondoc_plugin_deinit(void)
{
	mail_storage_hooks_remove(&dondoc_mail_storage_hooks);
	dondoc_plugin_store_deinit();
	dondoc_settings_error_deinit();
}
