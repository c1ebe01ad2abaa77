/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Resolving the agency names of documents through the store's codes,
   names and aliases (dondoc-agency-resolve.h). Trusts nothing of the
   text: it is folded and bounded by dondoc_agency_fold, and only compared
   with what the store holds. A committee has tens of agencies: names are
   folded here, one list per call. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include <ctype.h>
#include "dondoc-agency.h"
#include "dondoc-store.h"
#include "dondoc-agency-resolve.h"

static bool text_is_code(const char *text)
{
	const char *p;

	if (strlen(text) > DONDOC_STORE_MAX_CODE)
		return FALSE;
	for (p = text; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

/* One folded key is the other's first words ("CONG AN TINH" and "CONG
   AN TINH KIEN GIANG"), two words at least. */
static bool key_prefix(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	const char *shorter = la < lb ? a : b, *longer = la < lb ? b : a;
	size_t n = I_MIN(la, lb);

	return n > 0 && la != lb && strchr(shorter, ' ') != NULL &&
		strncmp(shorter, longer, n) == 0 && longer[n] == ' ';
}

/* the only agency whose name the text begins or ends short of */
static const char *
resolve_prefix(const char *key, const ARRAY_TYPE(dondoc_agency) *agencies)
{
	const struct dondoc_agency *agency;
	const char *found = NULL;

	array_foreach(agencies, agency) {
		if (agency->name == NULL ||
		    !key_prefix(key, dondoc_agency_fold_str(agency->name)))
			continue;
		if (found != NULL)
			return NULL;
		found = agency->code;
	}
	return found;
}

/* the only agency whose name or alias the text abbreviates */
static const char *
resolve_acronym(const char *text, const ARRAY_TYPE(dondoc_agency) *agencies,
		const ARRAY_TYPE(dondoc_agency_alias) *aliases)
{
	const struct dondoc_agency *agency;
	const struct dondoc_agency_alias *alias;
	const char *found = NULL;

	array_foreach(agencies, agency) {
		if (agency->name == NULL ||
		    !dondoc_agency_names_match(text, agency->name))
			continue;
		if (found != NULL && strcasecmp(found, agency->code) != 0)
			return NULL;
		found = agency->code;
	}
	array_foreach(aliases, alias) {
		if (!dondoc_agency_names_match(text, alias->alias))
			continue;
		if (found != NULL && strcasecmp(found, alias->code) != 0)
			return NULL;
		found = alias->code;
	}
	return found;
}

int dondoc_store_agency_resolve(struct dondoc_store *store, const char *text,
				const char **code_r, const char **error_r)
{
	ARRAY_TYPE(dondoc_agency) agencies;
	ARRAY_TYPE(dondoc_agency_alias) aliases;
	const struct dondoc_agency *agency;
	struct dondoc_agency found;
	pool_t pool = pool_datastack_create();
	const char *key, *code;
	int ret;

	while (*text == ' ' || *text == '\t')
		text++;
	if (*text == '\0')
		return 0;
	if (text_is_code(text)) {
		ret = dondoc_store_agency_get(store, pool, text, &found,
					      error_r);
		if (ret != 0) {
			*code_r = found.code;
			return ret;
		}
	}
	key = dondoc_agency_fold_str(text);
	if (*key == '\0')
		return 0;
	ret = dondoc_store_agency_by_alias_key(store, pool, key, code_r,
					       error_r);
	if (ret != 0)
		return ret;
	t_array_init(&agencies, 64);
	if (dondoc_store_agency_list(store, pool, &agencies, error_r) < 0)
		return -1;
	array_foreach(&agencies, agency) {
		if ((agency->name != NULL &&
		     strcmp(dondoc_agency_fold_str(agency->name), key) == 0) ||
		    strcmp(dondoc_agency_fold_str(agency->code), key) == 0) {
			*code_r = agency->code;
			return 1;
		}
	}
	t_array_init(&aliases, 64);
	if (dondoc_store_agency_alias_list(store, pool, NULL, &aliases,
					   error_r) < 0)
		return -1;
	code = resolve_acronym(text, &agencies, &aliases);
	if (code == NULL)
		code = resolve_prefix(key, &agencies);
	if (code == NULL)
		return 0;
	*code_r = code;
	return 1;
}

int dondoc_agency_alias_add(struct dondoc_store *store, const char *code,
			    const char *text, const char **error_r)
{
	struct dondoc_agency_alias alias = {
		.code = code,
		.alias = text,
	};

	if (text == NULL || text[0] == '\0') {
		*error_r = "alias is missing";
		return -1;
	}
	alias.key = dondoc_agency_fold_str(text);
	if (alias.key[0] == '\0') {
		*error_r = t_strdup_printf("alias '%s' has no letters or digits",
					   text);
		return -1;
	}
	return dondoc_store_agency_alias_add(store, &alias, error_r);
}
