/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SETTINGS_ERROR_H
#define DONDOC_SETTINGS_ERROR_H

/* The settings errors already reported by this process (Dovecot 2.4's
   settings_get() failing for a user: a bad typed value from the userdb),
   so that each adapter logs one once, not at every use and delivery, as
   Dovecot logs a bad setting once, while every use still fails. Process
   state, in the mail plugin's one copy of lib/ (dondoc-owner.h), which
   outlives the Sieve plugin's loads; not thread-safe (nor is Dovecot). */

/* At most this many users' errors are remembered; beyond it the oldest
   is forgotten (and logged again at its next failure). */
#define DONDOC_SETTINGS_ERROR_MAX_USERS 16

/* TRUE when user's error is to be logged now: not reported in this
   process, or reported with another text. Remembers it either way. A NULL
   user is remembered as "". */
bool dondoc_settings_error_is_new(const char *user, const char *error);
/* user's settings were read: a later error is reported again. */
void dondoc_settings_error_clear(const char *user);
/* Forget everything (process deinit; unit tests). */
void dondoc_settings_error_deinit(void);

#endif
