/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef SIEVE_DONDOC_PLUGIN_H
#define SIEVE_DONDOC_PLUGIN_H

#include "ext-dondoc-compat.h"

/* Exported symbols Pigeonhole's plugin loader looks up by name. */

struct sieve_instance;

extern const char *sieve_dondoc_plugin_version;

SIEVE_DONDOC_PLUGIN_LOAD_RESULT
sieve_dondoc_plugin_load(struct sieve_instance *svinst, void **context);
void sieve_dondoc_plugin_unload(struct sieve_instance *svinst,
				void *context);
void sieve_dondoc_plugin_init(void);
void sieve_dondoc_plugin_deinit(void);

#endif
