/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SETTINGS_H
#define DONDOC_SETTINGS_H

/* The tracking settings of dovecot.conf's plugin {} block, read the same
   way by every adapter: each passes its own lookup (Pigeonhole's
   sieve_setting_get, the CLI's configuration reader). */

#include "dondoc-sweep.h"

/* Defaults of settings read by one adapter only, here so that Dovecot
   2.4's declarations (dondoc-settings-defs.c) print the same ones. */
#define DONDOC_SETTINGS_DEFAULT_RETENTION_DAYS 90
/* (mail plugin) the wait for the store's write lock at a save: a save
   must not hang on a long writer; the work is spooled instead. */
#define DONDOC_SETTINGS_DEFAULT_SAVE_BUSY_TIMEOUT_MSECS 1000

typedef const char *dondoc_setting_get_t(void *context, const char *name);

/* The key of the signed reply addresses: dondoc_secret_key, or the
   deprecated dondoc_secret (with a warning); NULL when neither is set. */
const char *dondoc_settings_secret(dondoc_setting_get_t *get, void *context);

/* Fill the tracker and actions settings. Values are used as returned by
   get (they must outlive the settings). from_address and reply_address
   stay NULL when unset: the adapter knows the right default. */
void dondoc_settings_tracking(dondoc_setting_get_t *get, void *context,
			      struct dondoc_tracker_settings *tracker_r,
			      struct dondoc_actions_settings *actions_r);

/* The chase ladder of the sweep: dondoc_remind_workdays,
   dondoc_chase_repeat_workdays, dondoc_escalate_workdays. */
void dondoc_settings_sweep(dondoc_setting_get_t *get, void *context,
			   struct dondoc_sweep_settings *set_r);

#ifdef DONDOC_HAVE_SETTINGS_GET
/* Dovecot 2.4: the dondoc_* settings as declared to Dovecot
   (dondoc-settings-defs.c). */
struct event;
struct setting_parser_info;
struct dondoc_dovecot_settings;
extern const struct setting_parser_info dondoc_setting_parser_info;

/* settings_get() for EVENT's dondoc settings */
int dondoc_settings_get(struct event *event,
			const struct dondoc_dovecot_settings **set_r,
			const char **error_r);
void dondoc_settings_free(const struct dondoc_dovecot_settings **_set);
/* NAME's value: NULL when empty (unset). */
const char *dondoc_settings_value(const struct dondoc_dovecot_settings *set,
				  const char *name);
#endif

#endif
