/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The settings errors reported so far by this process (see
   dondoc-settings-error.h): a small ring of (user, error text), looked up
   by a linear scan (it holds at most DONDOC_SETTINGS_ERROR_MAX_USERS).
   Trusts nothing of the strings but that they are strings; copies them. */

#include "lib.h"
#include "dondoc-settings-error.h"

struct settings_error {
	char *user, *error;
};

static struct settings_error errors[DONDOC_SETTINGS_ERROR_MAX_USERS];
/* the slot the next new user takes (the oldest when all are used) */
static unsigned int errors_next;

static struct settings_error *settings_error_find(const char *user)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(errors); i++) {
		if (errors[i].user != NULL &&
		    strcmp(errors[i].user, user) == 0)
			return &errors[i];
	}
	return NULL;
}

static void settings_error_free(struct settings_error *e)
{
	i_free(e->user);
	i_free(e->error);
}

bool dondoc_settings_error_is_new(const char *user, const char *error)
{
	struct settings_error *e;

	if (user == NULL)
		user = "";
	if ((e = settings_error_find(user)) != NULL) {
		if (strcmp(e->error, error) == 0)
			return FALSE;
		i_free(e->error);
		e->error = i_strdup(error);
		return TRUE;
	}
	e = &errors[errors_next];
	errors_next = (errors_next + 1) % N_ELEMENTS(errors);
	settings_error_free(e);
	e->user = i_strdup(user);
	e->error = i_strdup(error);
	return TRUE;
}

void dondoc_settings_error_clear(const char *user)
{
	struct settings_error *e;

	if ((e = settings_error_find(user == NULL ? "" : user)) != NULL)
		settings_error_free(e);
}

void dondoc_settings_error_deinit(void)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(errors); i++)
		settings_error_free(&errors[i]);
	errors_next = 0;
}
