/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Dovecot 2.3 and 2.4 behind one interface (see dondoc-plugin-compat.h).
   Trusts the settings as Dovecot parsed them; the readers check values. */

#include "lib.h"
#include "array.h"
#include "mail-storage-private.h"
#include "mail-user.h"
#include "dondoc-settings.h"
#include "dondoc-plugin-compat.h"

#ifdef DONDOC_HAVE_SETTINGS_GET
#include "settings.h"

struct dondoc_plugin_settings {
	struct mail_user *user;
	const struct dondoc_dovecot_settings *set;
};

int dondoc_plugin_settings_open(struct mail_user *user,
				struct dondoc_plugin_settings **set_r,
				const char **error_r)
{
	const struct dondoc_dovecot_settings *dset;

	if (dondoc_settings_get(user->event, &dset, error_r) < 0)
		return -1;
	*set_r = i_new(struct dondoc_plugin_settings, 1);
	(*set_r)->user = user;
	(*set_r)->set = dset;
	return 0;
}

const char *dondoc_plugin_settings_get(struct dondoc_plugin_settings *set,
				       const char *name)
{
	const char *value = dondoc_settings_value(set->set, name);

	/* copied: the settings struct is freed once read */
	return value == NULL ? NULL : p_strdup(set->user->pool, value);
}

void dondoc_plugin_settings_close(struct dondoc_plugin_settings **_set)
{
	struct dondoc_plugin_settings *set = *_set;

	*_set = NULL;
	dondoc_settings_free(&set->set);
	i_free(set);
}

bool dondoc_plugin_user_is_real(struct mail_user *user)
{
	return user->service_user != NULL && !user->autocreated;
}

bool dondoc_plugin_box_is_sent(struct mailbox *box)
{
	const char *use;

	if (box->set == NULL || !array_is_created(&box->set->special_use))
		return FALSE;
	array_foreach_elem(&box->set->special_use, use) {
		if (strcasecmp(use, "\\Sent") == 0)
			return TRUE;
	}
	return FALSE;
}
#else
struct dondoc_plugin_settings {
	struct mail_user *user;
};

int dondoc_plugin_settings_open(struct mail_user *user,
				struct dondoc_plugin_settings **set_r,
				const char **error_r ATTR_UNUSED)
{
	*set_r = i_new(struct dondoc_plugin_settings, 1);
	(*set_r)->user = user;
	return 0;
}

const char *dondoc_plugin_settings_get(struct dondoc_plugin_settings *set,
				       const char *name)
{
	const char *value = mail_user_plugin_getenv(set->user, name);

	return value == NULL || *value == '\0' ? NULL : value;
}

void dondoc_plugin_settings_close(struct dondoc_plugin_settings **_set)
{
	i_free(*_set);
	*_set = NULL;
}

bool dondoc_plugin_user_is_real(struct mail_user *user)
{
	return user->_service_user != NULL && !user->autocreated;
}

bool dondoc_plugin_box_is_sent(struct mailbox *box)
{
	const char *const *uses;

	if (box->set == NULL || box->set->special_use == NULL)
		return FALSE;
	uses = t_strsplit_spaces(box->set->special_use, " ");
	return str_array_icase_find(uses, "\\Sent");
}
#endif
