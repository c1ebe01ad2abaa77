/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Dovecot 2.4's config process loads every module of
   $moduledir/settings and reads NAME_set_infos from it: this module,
   libdondoc_settings.so, tells it dondoc's settings (declared in
   lib/tracking/dondoc-settings-defs.c), so doveconf accepts and prints
   them. Built only for 2.4. Holds no code, only the list. */

#include "lib.h"
#include "settings-parser.h"
#include "dondoc-settings.h"

extern const char *dondoc_settings_version;
extern const struct setting_parser_info *dondoc_settings_set_infos[];

const char *dondoc_settings_version = DOVECOT_ABI_VERSION;
const struct setting_parser_info *dondoc_settings_set_infos[] = {
	&dondoc_setting_parser_info,
	NULL
};
