/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* The spellings both store backends write into and read out of their rows.
   Trusts its callers: the store front end has validated every value. */

#include "lib.h"
#include "dondoc-store-values.h"

const char *dondoc_store_trust_name(enum dondoc_trust trust)
{
	return trust == DONDOC_TRUST_VERIFIED ? "verified" : "unverified";
}

enum dondoc_trust dondoc_store_trust_parse(const char *name)
{
	return name != NULL && strcmp(name, "verified") == 0 ?
		DONDOC_TRUST_VERIFIED : DONDOC_TRUST_UNVERIFIED;
}

const char *
dondoc_store_attendance_value(const struct dondoc_meeting_attendance *att)
{
	return t_strdup_printf("%s%s%s",
			       dondoc_attendance_row_kind_name(att->kind),
			       att->delegate != NULL ? ": " : "",
			       att->delegate != NULL ? att->delegate : "");
}

const char *dondoc_store_meeting_when(const struct dondoc_date *date,
				      const char *time)
{
	return t_strdup_printf("%s%s%s", dondoc_date_to_str(date),
			       time != NULL ? " " : "",
			       time != NULL ? time : "");
}

const char *const *dondoc_store_split_words(pool_t pool, const char *str)
{
	if (str == NULL) {
		const char **empty = p_new(pool, const char *, 1);
		return empty;
	}
	return (const char *const *)p_strsplit(pool, str, " ");
}

bool dondoc_store_text_is_set(const char *value)
{
	return value != NULL && value[0] != '\0';
}
