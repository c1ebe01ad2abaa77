/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_PLUGIN_COMPAT_H
#define DONDOC_PLUGIN_COMPAT_H

/* The one place where the mail plugin meets the differences between
   Dovecot 2.3 and 2.4 (configure's DONDOC_HAVE_* probes): reading the
   user's settings, telling real users from LMTP's raw one, a mailbox's
   special-use flags. dondoc-plugin-compat.c holds both versions. */

struct mail_user;
struct mailbox;

/* A user's settings: the plugin {} block on 2.3, the declared dondoc
   settings on 2.4. */
struct dondoc_plugin_settings;

int dondoc_plugin_settings_open(struct mail_user *user,
				struct dondoc_plugin_settings **set_r,
				const char **error_r);
/* NAME's value, NULL when unset or empty; it lives as long as the user. */
const char *dondoc_plugin_settings_get(struct dondoc_plugin_settings *set,
				       const char *name);
void dondoc_plugin_settings_close(struct dondoc_plugin_settings **_set);

/* FALSE for LMTP's raw mail user (it reads the incoming message) and for
   users autocreated by shared namespaces. */
bool dondoc_plugin_user_is_real(struct mail_user *user);
/* The mailbox is configured as special-use \Sent. */
bool dondoc_plugin_box_is_sent(struct mailbox *box);

#endif
