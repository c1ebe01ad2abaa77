/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Dovecot 2.4 only: dondoc's settings declared to Dovecot with their
   types and defaults, so that doveconf knows them, refuses a misspelt
   name or a badly typed value ("abc" for a number, an unknown enum
   value) when the configuration is loaded, and prints the defaults.
   Compiled into the settings module (the config process reads
   dondoc_settings_set_infos from it) and into every adapter, which reads
   them with settings_get().

   The readers in lib/ (dondoc-settings.c, dondoc-limits.c) stay the one
   place that checks bounds, on 2.3 and 2.4 alike: dondoc_settings_value()
   hands them each typed value back as the string they parse (a number,
   a size in bytes, the enum's word). Trusts Dovecot's parser for the
   types; nothing here checks a range, except that "unlimited" (which
   Dovecot accepts for every number) is refused: every dondoc limit is
   bounded.

   Numbers whose name or documentation carries their unit (_msecs, _secs,
   _days, _workdays, dondoc_smtp_timeout and dondoc_outbox_lease in
   seconds) are SET_UINT, not SET_TIME: 2.4's time parser refuses a
   number without a unit ("2000" for dondoc_busy_timeout_msecs), and the
   same value must mean the same on 2.3 and 2.4. On 2.3 this file
   compiles to nothing (the plugin {} block needs no declarations). */

#include "lib.h"
#include "dondoc-limits.h"
#include "dondoc-outgoing.h"
#include "dondoc-spool.h"
#include "dondoc-tracker.h"
#include "dondoc-settings.h"

#ifdef DONDOC_HAVE_SETTINGS_GET
#include "settings.h"
#include "settings-parser.h"

/* Every dondoc_* setting any adapter reads, with its type and default
   (tests/doc_settings.py checks the list against the sources, and
   tests/integration/test_typed_settings.py the defaults against the
   documentation). STR: a string, "" when unset (the reader knows the
   default, some depend on the adapter); UINT and SIZE: their default;
   AUTO: a number whose default is derived from other settings, 0 when
   unset; ENUM: the allowed words, the first the default. */
#define DONDOC_SETTINGS(STR, UINT, SIZE, AUTO, ENUM) \
	STR(authserv_id) \
	UINT(busy_timeout_msecs, DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS) \
	STR(chart_helper) STR(committee_name) \
	UINT(chase_repeat_workdays, DONDOC_SWEEP_DEFAULT_CHASE_REPEAT_WORKDAYS) \
	UINT(conclusions_workdays, DONDOC_OUTGOING_DEFAULT_CONCLUSIONS_WORKDAYS) \
	STR(db) \
	SIZE(escalate_attach_max, DONDOC_ACTIONS_DEFAULT_ATTACH_MAX) \
	STR(escalate_role) \
	UINT(escalate_workdays, DONDOC_SWEEP_DEFAULT_ESCALATE_WORKDAYS) \
	UINT(extract_cpu_secs, DONDOC_LIMITS_DEFAULT_EXTRACT_CPU_SECS) \
	UINT(extract_max_files, DONDOC_LIMITS_DEFAULT_MAX_EXTRACTIONS) \
	SIZE(extract_memory, DONDOC_LIMITS_DEFAULT_EXTRACT_MEMORY) \
	UINT(extract_msecs, DONDOC_LIMITS_DEFAULT_EXTRACT_MSECS) \
	STR(extractor) STR(from) STR(from_name) STR(issuer_name) \
	ENUM(head_digest, "weekly:daily:immediate") \
	ENUM(head_digest_day, "monday:tuesday:wednesday:thursday:friday:" \
	     "saturday:sunday") \
	SIZE(max_message_size, DONDOC_LIMITS_DEFAULT_MAX_MESSAGE_SIZE) \
	UINT(max_msecs, DONDOC_LIMITS_DEFAULT_MAX_MSECS) \
	UINT(max_nesting, DONDOC_LIMITS_DEFAULT_MAX_NESTING) \
	UINT(max_parts, DONDOC_LIMITS_DEFAULT_MAX_PARTS) \
	SIZE(max_text_size, DONDOC_LIMITS_DEFAULT_MAX_TEXT_BYTES) \
	STR(now) AUTO(outbox_lease) STR(outgoing_mailboxes) \
	STR(pdf_ca) STR(place) \
	UINT(receipt_days, DONDOC_ACTIONS_DEFAULT_RECEIPT_DAYS) \
	UINT(remind_workdays, DONDOC_SWEEP_DEFAULT_REMIND_WORKDAYS) \
	STR(reply_address) \
	STR(report_recipient) STR(report_signer) STR(report_symbol) \
	UINT(retention_days, DONDOC_SETTINGS_DEFAULT_RETENTION_DAYS) \
	UINT(save_busy_timeout_msecs, \
	     DONDOC_SETTINGS_DEFAULT_SAVE_BUSY_TIMEOUT_MSECS) \
	STR(secret) STR(secret_key) \
	ENUM(send, "delivery:outbox") \
	STR(sendmail_path) \
	UINT(smtp_timeout, DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS) \
	STR(spool) \
	UINT(spool_max_entries, DONDOC_SPOOL_DEFAULT_MAX_ENTRIES) \
	UINT(spool_max_per_sender, DONDOC_SPOOL_DEFAULT_MAX_PER_SENDER) \
	SIZE(spool_max_size, DONDOC_SPOOL_DEFAULT_MAX_BYTES) \
	STR(signature) \
	ENUM(store_sync, "delivery:full:normal") \
	STR(submission_host) STR(task_mailboxes) STR(template_dir) \
	UINT(text_threshold, DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD) \
	ENUM(trust, "authres:envelope")

#define DONDOC_NONE(...)
#define DONDOC_FIELD_STR(name, ...) const char *name;
#define DONDOC_FIELD_UINT(name, ...) unsigned int name;
#define DONDOC_FIELD_SIZE(name, ...) uoff_t name;

struct dondoc_dovecot_settings {
	pool_t pool;
	DONDOC_SETTINGS(DONDOC_FIELD_STR, DONDOC_FIELD_UINT, DONDOC_FIELD_SIZE,
			DONDOC_FIELD_UINT, DONDOC_FIELD_STR)
	/* Dovecot's own, declared here too (as Pigeonhole's subaddress
	   does): reading the mail storage settings in the config process,
	   which loads the extension for the capability, fails on ~/ paths */
	const char *recipient_delimiter;
};

#define DONDOC_DEFINE(type, name) \
	SETTING_DEFINE_STRUCT_##type("dondoc_"#name, name, \
				     struct dondoc_dovecot_settings),
#define DONDOC_DEFINE_STR(name) DONDOC_DEFINE(STR, name)
#define DONDOC_DEFINE_UINT(name, ...) DONDOC_DEFINE(UINT, name)
#define DONDOC_DEFINE_SIZE(name, ...) DONDOC_DEFINE(SIZE, name)
#define DONDOC_DEFINE_ENUM(name, ...) DONDOC_DEFINE(ENUM, name)
static const struct setting_define dondoc_setting_defines[] = {
	DONDOC_SETTINGS(DONDOC_DEFINE_STR, DONDOC_DEFINE_UINT,
			DONDOC_DEFINE_SIZE, DONDOC_DEFINE_UINT,
			DONDOC_DEFINE_ENUM)
	SETTING_DEFINE_STRUCT_STR("recipient_delimiter", recipient_delimiter,
				  struct dondoc_dovecot_settings),
	SETTING_DEFINE_LIST_END
};

#define DONDOC_DEFAULT_STR(name) .name = "",
#define DONDOC_DEFAULT_VALUE(name, value) .name = value,
#define DONDOC_DEFAULT_AUTO(name) .name = 0,
static const struct dondoc_dovecot_settings dondoc_default_settings = {
	DONDOC_SETTINGS(DONDOC_DEFAULT_STR, DONDOC_DEFAULT_VALUE,
			DONDOC_DEFAULT_VALUE, DONDOC_DEFAULT_AUTO,
			DONDOC_DEFAULT_VALUE)
	.recipient_delimiter = "+",
};

#define DONDOC_AUTO_NAME(name) "dondoc_"#name,
static const char *const dondoc_setting_auto_names[] = {
	DONDOC_SETTINGS(DONDOC_NONE, DONDOC_NONE, DONDOC_NONE,
			DONDOC_AUTO_NAME, DONDOC_NONE)
	NULL
};

static bool dondoc_settings_check(void *_set, pool_t pool ATTR_UNUSED,
				  const char **error_r)
{
	const struct setting_define *def;
	bool unlimited;

	for (def = dondoc_setting_defines; def->key != NULL; def++) {
		const void *value = CONST_PTR_OFFSET(_set, def->offset);

		if (def->type == SET_UINT)
			unlimited = *(const unsigned int *)value ==
				SET_UINT_UNLIMITED;
		else if (def->type == SET_SIZE)
			unlimited = *(const uoff_t *)value ==
				SET_SIZE_UNLIMITED;
		else
			unlimited = FALSE;
		if (unlimited) {
			*error_r = t_strdup_printf(
				"%s: no unlimited value: every dondoc limit "
				"is bounded (see its documentation)",
				def->key);
			return FALSE;
		}
	}
	return TRUE;
}

const struct setting_parser_info dondoc_setting_parser_info = {
	.name = "dondoc",
	.defines = dondoc_setting_defines,
	.defaults = &dondoc_default_settings,
	.struct_size = sizeof(struct dondoc_dovecot_settings),
	.pool_offset1 = 1 + offsetof(struct dondoc_dovecot_settings, pool),
	.check_func = dondoc_settings_check,
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

static const char *
dondoc_settings_string(const struct setting_define *def, const void *value)
{
	const char *str;

	switch (def->type) {
	case SET_UINT:
		if (*(const unsigned int *)value == 0 &&
		    str_array_find(dondoc_setting_auto_names, def->key))
			return NULL;
		return dec2str(*(const unsigned int *)value);
	case SET_SIZE:
		return dec2str(*(const uoff_t *)value);
	case SET_STR:
	case SET_ENUM:
		str = *(const char *const *)value;
		return str == NULL || *str == '\0' ? NULL : str;
	default:
		i_unreached();
	}
}

const char *dondoc_settings_value(const struct dondoc_dovecot_settings *set,
				  const char *name)
{
	const struct setting_define *def;

	for (def = dondoc_setting_defines; def->key != NULL; def++) {
		if (strcmp(def->key, name) == 0) {
			return dondoc_settings_string(def,
				CONST_PTR_OFFSET(set, def->offset));
		}
	}
	/* a name missing from DONDOC_SETTINGS is a bug, not a config error */
	i_panic("dondoc: setting %s is not declared", name);
}
#endif
