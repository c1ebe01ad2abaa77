/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Dovecot 2.4 only: dondoc's settings declared to Dovecot, so that
   doveconf knows them, rejects a misspelt one and prints them with their
   defaults. Compiled into the settings module (the config process reads
   dondoc_settings_set_infos from it) and into every adapter, which reads
   them with settings_get(). Every value is a string, empty when unset:
   the readers in lib/ (dondoc-settings.c, dondoc-limits.c) parse and
   check them the same way on 2.3 and 2.4, and they know the defaults.
   On 2.3 this file compiles to nothing (the plugin {} block needs no
   declarations). */

#include "lib.h"
#include "dondoc-settings.h"

#ifdef DONDOC_HAVE_SETTINGS_GET
#include "settings.h"
#include "settings-parser.h"

/* Every dondoc_* setting any adapter reads (tests/doc_settings.py checks
   the list against the sources). */
#define DONDOC_SETTINGS(X) \
	X(authserv_id) X(busy_timeout_msecs) X(committee_name) \
	X(chase_repeat_workdays) X(conclusions_workdays) X(db) \
	X(escalate_attach_max) X(escalate_role) X(escalate_workdays) \
	X(extract_cpu_secs) X(extract_max_files) X(extract_memory) \
	X(extract_msecs) X(extractor) X(from) X(from_name) X(issuer_name) \
	X(head_digest) X(head_digest_day) \
	X(max_message_size) X(max_msecs) X(max_nesting) X(max_parts) \
	X(max_text_size) X(now) X(outbox_lease) X(outgoing_mailboxes) \
	X(pdf_ca) X(place) X(receipt_days) X(remind_workdays) \
	X(reply_address) \
	X(report_recipient) X(report_signer) X(report_symbol) \
	X(retention_days) X(save_busy_timeout_msecs) X(secret) \
	X(secret_key) X(send) X(sendmail_path) X(smtp_timeout) X(spool) \
	X(spool_max_entries) X(spool_max_per_sender) X(spool_max_size) \
	X(signature) X(store_sync) X(submission_host) X(task_mailboxes) \
	X(template_dir) \
	X(text_threshold) X(trust)

struct dondoc_dovecot_settings {
	pool_t pool;
#define DONDOC_FIELD(name) const char *name;
	DONDOC_SETTINGS(DONDOC_FIELD)
	/* Dovecot's own, declared here too (as Pigeonhole's subaddress
	   does): reading the mail storage settings in the config process,
	   which loads the extension for the capability, fails on ~/ paths */
	const char *recipient_delimiter;
};

#define DONDOC_DEFINE(name) \
	SETTING_DEFINE_STRUCT_STR("dondoc_"#name, name, \
				  struct dondoc_dovecot_settings),
static const struct setting_define dondoc_setting_defines[] = {
	DONDOC_SETTINGS(DONDOC_DEFINE)
	SETTING_DEFINE_STRUCT_STR("recipient_delimiter", recipient_delimiter,
				  struct dondoc_dovecot_settings),
	SETTING_DEFINE_LIST_END
};

#define DONDOC_DEFAULT(name) .name = "",
static const struct dondoc_dovecot_settings dondoc_default_settings = {
	DONDOC_SETTINGS(DONDOC_DEFAULT)
	.recipient_delimiter = "+",
};

const struct setting_parser_info dondoc_setting_parser_info = {
	.name = "dondoc",
	.defines = dondoc_setting_defines,
	.defaults = &dondoc_default_settings,
	.struct_size = sizeof(struct dondoc_dovecot_settings),
	.pool_offset1 = 1 + offsetof(struct dondoc_dovecot_settings, pool),
};

int dondoc_settings_get(struct event *event,
			const struct dondoc_dovecot_settings **set_r,
			const char **error_r)
{
	return settings_get(event, &dondoc_setting_parser_info, 0,
			    set_r, error_r);
}

void dondoc_settings_free(const struct dondoc_dovecot_settings **_set)
{
	settings_free(*_set);
}

const char *dondoc_settings_value(const struct dondoc_dovecot_settings *set,
				  const char *name)
{
	const struct setting_define *def;
	const char *value;

	for (def = dondoc_setting_defines; def->key != NULL; def++) {
		if (strcmp(def->key, name) == 0) {
			value = *(const char *const *)
				CONST_PTR_OFFSET(set, def->offset);
			return value == NULL || *value == '\0' ? NULL : value;
		}
	}
	/* a name missing from DONDOC_SETTINGS is a bug, not a config error */
	i_panic("dondoc: setting %s is not declared", name);
}
#endif
