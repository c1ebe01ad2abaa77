/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_COMPAT_H
#define DONDOC_COMPAT_H

/* The one place where lib/ meets the differences between Dovecot 2.3 and
   2.4: configure probes the API and passes -DDONDOC_HAVE_* in
   DONDOC_COMPAT_CFLAGS (not a config header: PACKAGE_* would clash with
   Dovecot's config.h).
   Code uses the 2.4 names; on 2.3 they map to the older calls. Trusts
   Dovecot's headers to be the version configure probed. */

/* 2.4: str_begins_with(h, n), and str_begins(h, n, &suffix_r);
   2.3: only str_begins(h, n) */
#ifndef DONDOC_HAVE_STR_BEGINS_WITH
#  define str_begins_with(h, n) str_begins((h), (n))
#endif

/* 2.4 moved the JSON escaper to json-generator.h */
#ifdef DONDOC_HAVE_JSON_GENERATOR_H
#  include "json-generator.h"
#else
#  include "json-parser.h"
#endif

/* "10M" → bytes: settings_get_size() in 2.3, str_parse_get_size() in 2.4 */
#ifdef DONDOC_HAVE_STR_PARSE_GET_SIZE
#  include "str-parse.h"
#  define dondoc_parse_size(str, bytes_r, error_r) \
	str_parse_get_size((str), (bytes_r), (error_r))
#else
#  include "settings-parser.h"
#  define dondoc_parse_size(str, bytes_r, error_r) \
	settings_get_size((str), (bytes_r), (error_r))
#endif

/* 2.3 refuses to run sendmail as root unless asked; 2.4 has no such
   field (the caller's privileges are the caller's business). */
#ifdef DONDOC_HAVE_SMTP_SUBMIT_INPUT_ALLOW_ROOT
#  define DONDOC_SMTP_SUBMIT_INPUT_INIT { .allow_root = TRUE }
#else
#  define DONDOC_SMTP_SUBMIT_INPUT_INIT { .event_parent = NULL }
#endif

#endif
