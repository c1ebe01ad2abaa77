/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Reading the tracking settings (see dondoc-settings.h). A bad value
   never fails a delivery: it is logged with the setting's name, and the
   default is used. Trusts nothing in the values; logs them sanitized. */

#include "lib.h"
#include "strnum.h"
#include "str-sanitize.h"
#include "dondoc-compat.h"
#include "dondoc-settings.h"

#define DONDOC_DEFAULT_FROM_NAME "Tổ giúp việc Ban Chỉ đạo"

static const char *
setting(dondoc_setting_get_t *get, void *context, const char *name)
{
	const char *value = get(context, name);

	return value == NULL || *value == '\0' ? NULL : value;
}

static void setting_invalid(const char *name, const char *value,
			    const char *allowed, const char *used)
{
	i_warning("%s: invalid value '%s' (%s): using %s", name,
		  str_sanitize(value, 64), allowed, used);
}

/* A number in min..max, else (logged) def. */
static unsigned int
setting_uint(dondoc_setting_get_t *get, void *context, const char *name,
	     unsigned int min, unsigned int max, unsigned int def)
{
	const char *value = setting(get, context, name);
	unsigned int number;

	if (value == NULL)
		return def;
	if (str_to_uint(value, &number) < 0 || number < min || number > max) {
		setting_invalid(name, value,
				t_strdup_printf("%u..%u", min, max),
				dec2str(def));
		return def;
	}
	return number;
}

static const char *const settings_weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

/* A size ("256K"), at most max, else (logged) def. */
static size_t
setting_size(dondoc_setting_get_t *get, void *context, const char *name,
	     size_t max, size_t def)
{
	const char *value = setting(get, context, name), *error;
	uoff_t size;

	if (value == NULL)
		return def;
	if (dondoc_parse_size(value, &size, &error) < 0 || size > max) {
		setting_invalid(name, value, t_strdup_printf(
			"a size of at most %zu bytes", max),
			dec2str(def));
		return def;
	}
	return (size_t)size;
}

static void settings_head_digest(dondoc_setting_get_t *get, void *context,
				 struct dondoc_actions_settings *set)
{
	const char *value = setting(get, context, "dondoc_head_digest");
	unsigned int i;

	set->head_digest = DONDOC_HEAD_DIGEST_WEEKLY;
	if (value == NULL || strcmp(value, "weekly") == 0)
		;
	else if (strcmp(value, "daily") == 0)
		set->head_digest = DONDOC_HEAD_DIGEST_DAILY;
	else if (strcmp(value, "immediate") == 0)
		set->head_digest = DONDOC_HEAD_DIGEST_IMMEDIATE;
	else
		setting_invalid("dondoc_head_digest", value,
				"immediate, daily or weekly", "weekly");
	set->head_digest_wday = 0;
	value = setting(get, context, "dondoc_head_digest_day");
	if (value == NULL)
		return;
	for (i = 0; i < N_ELEMENTS(settings_weekdays); i++) {
		if (strcasecmp(value, settings_weekdays[i]) == 0) {
			set->head_digest_wday = i;
			return;
		}
	}
	setting_invalid("dondoc_head_digest_day", value,
			"monday .. sunday", "monday");
}

void dondoc_settings_sweep(dondoc_setting_get_t *get, void *context,
			   struct dondoc_sweep_settings *set_r)
{
	i_zero(set_r);
	set_r->remind_workdays = setting_uint(get, context,
		"dondoc_remind_workdays", 0, DONDOC_SWEEP_MAX_WORKDAYS,
		DONDOC_SWEEP_DEFAULT_REMIND_WORKDAYS);
	set_r->chase_repeat_workdays = setting_uint(get, context,
		"dondoc_chase_repeat_workdays", 0, DONDOC_SWEEP_MAX_WORKDAYS,
		DONDOC_SWEEP_DEFAULT_CHASE_REPEAT_WORKDAYS);
	set_r->escalate_workdays = setting_uint(get, context,
		"dondoc_escalate_workdays", 1, DONDOC_SWEEP_MAX_WORKDAYS,
		DONDOC_SWEEP_DEFAULT_ESCALATE_WORKDAYS);
}

const char *dondoc_settings_secret(dondoc_setting_get_t *get, void *context)
{
	const char *value = setting(get, context, "dondoc_secret_key");

	if (value != NULL)
		return value;
	/* the old name: doveconf -n prints it in clear (it masks only
	   names ending in _key, _password, _nonce) */
	value = setting(get, context, "dondoc_secret");
	if (value != NULL) {
		i_warning("dondoc_secret is deprecated: rename it "
			  "dondoc_secret_key, which doveconf -n does not "
			  "print");
	}
	return value;
}

void dondoc_settings_tracking(dondoc_setting_get_t *get, void *context,
			      struct dondoc_tracker_settings *tracker_r,
			      struct dondoc_actions_settings *actions_r)
{
	const char *value;

	i_zero(tracker_r);
	tracker_r->authserv_id = setting(get, context, "dondoc_authserv_id");
	value = setting(get, context, "dondoc_trust");
	tracker_r->trust_policy = DONDOC_TRUST_POLICY_AUTHRES;
	if (value != NULL && strcmp(value, "envelope") == 0)
		tracker_r->trust_policy = DONDOC_TRUST_POLICY_ENVELOPE;
	else if (value != NULL && strcmp(value, "authres") != 0)
		setting_invalid("dondoc_trust", value, "authres or envelope",
				"authres");
	tracker_r->secret = dondoc_settings_secret(get, context);
	value = setting(get, context, "dondoc_text_threshold");
	tracker_r->text_threshold = DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD;
	if (value != NULL &&
	    (str_to_uint(value, &tracker_r->text_threshold) < 0 ||
	     tracker_r->text_threshold > 100)) {
		setting_invalid("dondoc_text_threshold", value, "0..100",
				dec2str(DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD));
		tracker_r->text_threshold =
			DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD;
	}

	i_zero(actions_r);
	actions_r->from_address = setting(get, context, "dondoc_from");
	actions_r->from_name = setting(get, context, "dondoc_from_name");
	if (actions_r->from_name == NULL)
		actions_r->from_name = DONDOC_DEFAULT_FROM_NAME;
	actions_r->reply_address = setting(get, context,
					   "dondoc_reply_address");
	actions_r->secret = tracker_r->secret;
	actions_r->escalate_role = setting(get, context,
					   "dondoc_escalate_role");
	if (actions_r->escalate_role == NULL)
		actions_r->escalate_role = DONDOC_ACTIONS_DEFAULT_ESCALATE_ROLE;
	actions_r->max_attempts = DONDOC_ACTIONS_DEFAULT_MAX_ATTEMPTS;
	actions_r->submission_host = setting(get, context,
					     "dondoc_submission_host");
	actions_r->sendmail_path = setting(get, context,
					   "dondoc_sendmail_path");
	actions_r->smtp_timeout_secs = setting_uint(get, context,
		"dondoc_smtp_timeout", 1, DONDOC_ACTIONS_MAX_SMTP_TIMEOUT_SECS,
		DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS);
	/* The lease must outlast a send. */
	actions_r->lease_secs = setting_uint(get, context,
		"dondoc_outbox_lease", actions_r->smtp_timeout_secs + 1,
		DONDOC_OUTBOX_MAX_LEASE_SECS,
		DONDOC_ACTIONS_LEASE_SECS(actions_r->smtp_timeout_secs));
	actions_r->receipt_days = setting_uint(get, context,
		"dondoc_receipt_days", 0, DONDOC_ACTIONS_MAX_RECEIPT_DAYS,
		DONDOC_ACTIONS_DEFAULT_RECEIPT_DAYS);
	settings_head_digest(get, context, actions_r);
	actions_r->attach_max = setting_size(get, context,
		"dondoc_escalate_attach_max", DONDOC_ACTIONS_MAX_ATTACH_MAX,
		DONDOC_ACTIONS_DEFAULT_ATTACH_MAX);
	actions_r->templates.dir = setting(get, context,
					   "dondoc_template_dir");
	actions_r->templates.committee_name = setting(get, context,
		"dondoc_committee_name");
	actions_r->templates.signature = setting(get, context,
						 "dondoc_signature");
	actions_r->templates.secretariat_name = actions_r->from_name;
}
