/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Pigeonhole 0.5 (2.3) and 2.4 behind one interface (see
   ext-dondoc-compat.h). Trusts the settings as Dovecot parsed them;
   their values are checked by the readers. */

#include "lib.h"

#include "sieve-common.h"
#include "sieve-extensions.h"
#include "sieve-settings.h"
#include "sieve-ext-variables.h"

#include "dondoc-settings.h"
#include "ext-dondoc-compat.h"

#ifdef DONDOC_HAVE_SETTINGS_GET
struct ext_dondoc_settings {
	const struct dondoc_dovecot_settings *dondoc;
};

int ext_dondoc_settings_open(struct sieve_instance *svinst,
			     struct ext_dondoc_settings **set_r,
			     const char **error_r)
{
	const struct dondoc_dovecot_settings *dondoc;

	/* recipient_delimiter is among them (dondoc-settings-defs.c) */
	if (dondoc_settings_get(svinst->event, &dondoc, error_r) < 0)
		return -1;
	*set_r = i_new(struct ext_dondoc_settings, 1);
	(*set_r)->dondoc = dondoc;
	return 0;
}

const char *ext_dondoc_settings_get(struct ext_dondoc_settings *set,
				    const char *name)
{
	return dondoc_settings_value(set->dondoc, name);
}

void ext_dondoc_settings_close(struct ext_dondoc_settings **_set)
{
	struct ext_dondoc_settings *set = *_set;

	*_set = NULL;
	dondoc_settings_free(&set->dondoc);
	i_free(set);
}
#else
struct ext_dondoc_settings {
	struct sieve_instance *svinst;
};

int ext_dondoc_settings_open(struct sieve_instance *svinst,
			     struct ext_dondoc_settings **set_r,
			     const char **error_r ATTR_UNUSED)
{
	*set_r = i_new(struct ext_dondoc_settings, 1);
	(*set_r)->svinst = svinst;
	return 0;
}

const char *ext_dondoc_settings_get(struct ext_dondoc_settings *set,
				    const char *name)
{
	const char *value = sieve_setting_get(set->svinst, name);

	return value == NULL || *value == '\0' ? NULL : value;
}

void ext_dondoc_settings_close(struct ext_dondoc_settings **_set)
{
	i_free(*_set);
	*_set = NULL;
}
#endif

#ifdef DONDOC_HAVE_SIEVE_REGISTER_EXT_R
const struct sieve_extension *
ext_dondoc_register(struct sieve_instance *svinst,
		    const struct sieve_extension_def *extdef)
{
	const struct sieve_extension *ext;

	return sieve_extension_register(svinst, extdef, FALSE, &ext) < 0 ?
		NULL : ext;
}

const struct sieve_extension *
ext_dondoc_variables_get(struct sieve_instance *svinst)
{
	const struct sieve_extension *ext;

	return sieve_ext_variables_get_extension(svinst, &ext) < 0 ?
		NULL : ext;
}
#else
const struct sieve_extension *
ext_dondoc_register(struct sieve_instance *svinst,
		    const struct sieve_extension_def *extdef)
{
	return sieve_extension_register(svinst, extdef, FALSE);
}

const struct sieve_extension *
ext_dondoc_variables_get(struct sieve_instance *svinst)
{
	return sieve_ext_variables_get_extension(svinst);
}
#endif
