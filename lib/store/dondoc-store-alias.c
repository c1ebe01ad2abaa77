/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store's front for agency aliases (dondoc-store.h): argument
   validation and backend dispatch, as dondoc-store.c does for the other
   entities. Trusts nothing of the values: codes, aliases and keys are
   bounded, valid UTF-8, without control characters. The store compares
   keys; folding a name into its key is lib/analysis's
   (dondoc_agency_fold), done by the caller. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-store-driver.h"

#include <ctype.h>

static int alias_check(const char *what, const char *value, size_t max,
		       const char **error_r)
{
	const unsigned char *p;

	if (value == NULL || value[0] == '\0') {
		*error_r = t_strdup_printf("%s is missing", what);
		return -1;
	}
	if (strlen(value) > max) {
		*error_r = t_strdup_printf("%s is too long (max %zu bytes)",
					   what, max);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20) {
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

static int alias_check_code(const char *code, const char **error_r)
{
	const char *p;

	if (alias_check("agency code", code, DONDOC_STORE_MAX_CODE,
			error_r) < 0)
		return -1;
	for (p = code; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL) {
			*error_r = t_strdup_printf(
				"agency code '%s' may only hold letters, "
				"digits and -_./", code);
			return -1;
		}
	}
	return 0;
}

int dondoc_store_agency_alias_add(struct dondoc_store *store,
				  const struct dondoc_agency_alias *alias,
				  const char **error_r)
{
	if (alias_check_code(alias->code, error_r) < 0 ||
	    alias_check("alias", alias->alias, DONDOC_STORE_MAX_ALIAS,
			error_r) < 0 ||
	    alias_check("alias key", alias->key, DONDOC_STORE_MAX_ALIAS_KEY,
			error_r) < 0)
		return -1;
	return ds_agency_alias_add(store, alias, error_r);
}

int dondoc_store_agency_alias_list(struct dondoc_store *store, pool_t pool,
				   const char *code,
				   ARRAY_TYPE(dondoc_agency_alias) *aliases,
				   const char **error_r)
{
	if (code != NULL && alias_check_code(code, error_r) < 0)
		return -1;
	return ds_agency_alias_list(store, pool, code, aliases,
				    error_r);
}

int dondoc_store_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
				     const char *key, const char **code_r,
				     const char **error_r)
{
	if (key == NULL || key[0] == '\0' ||
	    strlen(key) > DONDOC_STORE_MAX_ALIAS_KEY)
		return 0;
	return ds_agency_by_alias_key(store, pool, key, code_r,
				      error_r);
}
