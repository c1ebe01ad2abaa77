/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The report queries of the store interface (dondoc-store-digest.h):
   arguments bounded and checked here, then handed to the backend, which
   trusts their shapes. */

#include "lib.h"
#include "array.h"
#include "unichar.h"
#include "dondoc-store-private.h"

#include <ctype.h>

static int digest_check_agency(const char *agency, const char **error_r)
{
	const char *p;

	if (agency == NULL)
		return 0;
	if (agency[0] == '\0' || strlen(agency) > DONDOC_STORE_MAX_CODE) {
		*error_r = "invalid agency code";
		return -1;
	}
	for (p = agency; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL) {
			*error_r = "agency code may only hold letters, "
				"digits and -_./";
			return -1;
		}
	}
	return 0;
}

/* Text of several lines (a document's section). */
static int digest_check_lines(const char *what, const char *value,
			      const char **error_r)
{
	const unsigned char *p;

	if (value == NULL)
		return 0;
	if (strlen(value) > DONDOC_STORE_MAX_TEXT) {
		*error_r = t_strdup_printf("%s is too long (max %u bytes)",
					   what, DONDOC_STORE_MAX_TEXT);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n') {
			*error_r = t_strdup_printf(
				"%s contains a control character", what);
			return -1;
		}
	}
	if (!uni_utf8_str_is_valid(value)) {
		*error_r = t_strdup_printf("%s is not valid UTF-8", what);
		return -1;
	}
	return 0;
}

int dondoc_store_digest_check_submission(const struct dondoc_submission *sub,
					 const char **error_r)
{
	if (digest_check_lines("difficulties", sub->difficulties,
			       error_r) < 0 ||
	    digest_check_lines("proposals", sub->proposals, error_r) < 0)
		return -1;
	return 0;
}

static bool digest_date_is_valid(const struct dondoc_date *date)
{
	struct dondoc_date parsed;

	return date->year != 0 &&
		dondoc_date_parse(t_strdup_printf("%04d-%02d-%02d",
						  date->year, date->month,
						  date->day), &parsed);
}

int dondoc_store_digest_tasks(struct dondoc_store *store, pool_t pool,
			      const struct dondoc_date *first,
			      const struct dondoc_date *last,
			      const char *agency,
			      ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			      const char **error_r)
{
	if (!digest_date_is_valid(first) || !digest_date_is_valid(last) ||
	    dondoc_date_to_days(first) > dondoc_date_to_days(last)) {
		*error_r = "invalid date range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return store->v->digest_tasks(store, pool, first, last, agency, tasks,
				      error_r);
}

int dondoc_store_digest_assigned(struct dondoc_store *store, pool_t pool,
				 time_t from, time_t until,
				 const char *agency,
				 ARRAY_TYPE(dondoc_store_digest_task) *tasks,
				 const char **error_r)
{
	if (from > until) {
		*error_r = "invalid time range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return store->v->digest_assigned(store, pool, from, until, agency,
					 tasks, error_r);
}

int dondoc_store_digest_issues(struct dondoc_store *store, pool_t pool,
			       time_t from, time_t until, const char *agency,
			       ARRAY_TYPE(dondoc_store_digest_issue) *issues,
			       const char **error_r)
{
	if (from > until) {
		*error_r = "invalid time range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return store->v->digest_issues(store, pool, from, until, agency,
				       issues, error_r);
}
