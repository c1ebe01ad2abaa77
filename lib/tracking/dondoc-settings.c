/* Reading the tracking settings (see dondoc-settings.h). Bad numbers fall
   back to the defaults rather than failing a delivery. */

#include "lib.h"
#include "strnum.h"
#include "dondoc-settings.h"

#define DONDOC_DEFAULT_FROM_NAME "Tổ giúp việc Ban Chỉ đạo"

static const char *
setting(dondoc_setting_get_t *get, void *context, const char *name)
{
	const char *value = get(context, name);

	return value == NULL || *value == '\0' ? NULL : value;
}

void dondoc_settings_tracking(dondoc_setting_get_t *get, void *context,
			      struct dondoc_tracker_settings *tracker_r,
			      struct dondoc_actions_settings *actions_r)
{
	const char *value;

	i_zero(tracker_r);
	tracker_r->authserv_id = setting(get, context, "dondoc_authserv_id");
	value = setting(get, context, "dondoc_trust");
	tracker_r->trust_policy = value != NULL &&
		strcmp(value, "envelope") == 0 ?
		DONDOC_TRUST_POLICY_ENVELOPE : DONDOC_TRUST_POLICY_AUTHRES;
	tracker_r->secret = setting(get, context, "dondoc_secret");
	value = setting(get, context, "dondoc_text_threshold");
	if (value == NULL ||
	    str_to_uint(value, &tracker_r->text_threshold) < 0 ||
	    tracker_r->text_threshold > 100)
		tracker_r->text_threshold = DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD;

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
	value = setting(get, context, "dondoc_smtp_timeout");
	if (value == NULL ||
	    str_to_uint(value, &actions_r->smtp_timeout_secs) < 0 ||
	    actions_r->smtp_timeout_secs == 0 ||
	    actions_r->smtp_timeout_secs > DONDOC_ACTIONS_MAX_SMTP_TIMEOUT_SECS) {
		actions_r->smtp_timeout_secs =
			DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS;
	}
	value = setting(get, context, "dondoc_outbox_lease");
	if (value == NULL ||
	    str_to_uint(value, &actions_r->lease_secs) < 0 ||
	    actions_r->lease_secs <= actions_r->smtp_timeout_secs ||
	    actions_r->lease_secs > DONDOC_OUTBOX_MAX_LEASE_SECS) {
		actions_r->lease_secs =
			DONDOC_ACTIONS_LEASE_SECS(actions_r->smtp_timeout_secs);
	}
}
