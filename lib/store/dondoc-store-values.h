/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_VALUES_H
#define DONDOC_STORE_VALUES_H

/* How a value is spelled in a stored row, the same for every backend, so
   that a store copied from one backend to the other reads the same. */

#include "dondoc-store.h"

const char *dondoc_store_trust_name(enum dondoc_trust trust);
enum dondoc_trust dondoc_store_trust_parse(const char *name);
/* "kind" or "kind: delegate", on the data stack */
const char *
dondoc_store_attendance_value(const struct dondoc_meeting_attendance *att);
/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", on the data stack */
const char *dondoc_store_meeting_when(const struct dondoc_date *date,
				      const char *time);
/* a space-separated column as a NULL-terminated list; NULL gives none */
const char *const *dondoc_store_split_words(pool_t pool, const char *str);
bool dondoc_store_text_is_set(const char *value);

#endif
