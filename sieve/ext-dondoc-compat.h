/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef EXT_DONDOC_COMPAT_H
#define EXT_DONDOC_COMPAT_H

/* The one place where the Sieve adapter meets the differences between
   Pigeonhole 0.5 (Dovecot 2.3) and 2.4: reading settings, registering
   the extension, the load callbacks' return type. configure probes the
   API (DONDOC_HAVE_*); ext-dondoc-compat.c holds the two versions. */

struct sieve_instance;
struct sieve_extension;
struct sieve_extension_def;

#ifdef DONDOC_HAVE_SIEVE_REGISTER_EXT_R
/* 2.4: the extension's and the plugin's load return 0 or -1 */
#  define EXT_DONDOC_LOAD_RESULT int
#  define EXT_DONDOC_LOAD_OK 0
#  define EXT_DONDOC_LOAD_FAILED (-1)
#  define SIEVE_DONDOC_PLUGIN_LOAD_RESULT int
#  define SIEVE_DONDOC_PLUGIN_LOAD_RETURN(ret) return (ret)
#else
#  define EXT_DONDOC_LOAD_RESULT bool
#  define EXT_DONDOC_LOAD_OK TRUE
#  define EXT_DONDOC_LOAD_FAILED FALSE
#  define SIEVE_DONDOC_PLUGIN_LOAD_RESULT void
#  define SIEVE_DONDOC_PLUGIN_LOAD_RETURN(ret) return
#endif

/* The settings of one Sieve instance: the plugin {} block on 2.3, the
   declared dondoc settings (dondoc-settings-defs.c) on 2.4. */
struct ext_dondoc_settings;

int ext_dondoc_settings_open(struct sieve_instance *svinst,
			     struct ext_dondoc_settings **set_r,
			     const char **error_r);
/* NAME's value, NULL when unset or empty; valid until close. Besides the
   dondoc_* settings it knows recipient_delimiter. */
const char *ext_dondoc_settings_get(struct ext_dondoc_settings *set,
				    const char *name);
void ext_dondoc_settings_close(struct ext_dondoc_settings **_set);

/* Register EXTDEF (disabled until sieve_extensions enables it); NULL on
   failure. */
const struct sieve_extension *
ext_dondoc_register(struct sieve_instance *svinst,
		    const struct sieve_extension_def *extdef);
/* The variables extension, NULL on failure. */
const struct sieve_extension *
ext_dondoc_variables_get(struct sieve_instance *svinst);

#endif
