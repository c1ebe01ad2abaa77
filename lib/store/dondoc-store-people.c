/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Agencies (codes, names, aliases) and people (names, e-mail
   addresses, roles), written once over the store's statement driver
   (dondoc-store-driver.h) for both backends, with the agency id lookup
   the other entity files share. Arguments were validated by the front
   end (dondoc-store.c, dondoc-store-alias.c). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-txn-cache.h"
#include "dondoc-store-values.h"

/* An agency id read: kept for the transaction, or for the handle's life
   when no transaction is open (it is committed, and never changes). */
static void ds_agency_id_note(struct dondoc_store *store, const char *code,
			      int64_t id)
{
	if (ds_in_txn(store))
		ds_txn_cache_agency_put(store, code, id);
	else
		ds_txn_cache_agency_known(store, code, id);
}

int ds_agency_id(struct dondoc_store *store, const char *code,
		 int64_t *id_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (ds_txn_cache_agency(store, code, id_r))
		return 1;
	if ((stmt = ds_stmt_get(store, STMT_AGENCY_ID, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	ret = ds_stmt_one(stmt, NULL, ds_row_id, id_r, "agency lookup",
			  error_r);
	if (ret > 0)
		ds_agency_id_note(store, code, *id_r);
	return ret;
}

int ds_agency_id_required(struct dondoc_store *store, const char *code,
			  int64_t *id_r, const char **error_r)
{
	int ret = ds_agency_id(store, code, id_r, error_r);

	if (ret == 0) {
		*error_r = t_strdup_printf("unknown agency '%s'", code);
		return -1;
	}
	return ret < 0 ? -1 : 0;
}

/* ---- agencies ---- */

static void row_to_agency(pool_t pool, struct dondoc_store_stmt *stmt,
			  struct dondoc_agency *agency_r)
{
	agency_r->code = ds_col_str(pool, stmt, 0);
	agency_r->name = ds_col_str(pool, stmt, 1);
}

int ds_agency_add(struct dondoc_store *store,
		  const struct dondoc_agency *agency,
		  const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_AGENCY_ADD, error_r)) == NULL)
		goto fail;
	ds_bind_text(stmt, 1, agency->code);
	ds_bind_text_empty(stmt, 2, agency->name);
	if (ds_stmt_exec(stmt, "agency add", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	if (changes > 0 &&
	    ds_audit(store, "agency", agency->code, "insert", NULL, agency->name,
		     error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	ds_write_rollback(store);
	return -1;
}

struct agency_found {
	struct dondoc_agency agency;
	int64_t id;
};

static void row_to_agency_found(pool_t pool, struct dondoc_store_stmt *stmt,
				struct agency_found *found_r)
{
	row_to_agency(pool, stmt, &found_r->agency);
	found_r->id = ds_col_int64(stmt, 2);
}

int ds_agency_get(struct dondoc_store *store, pool_t pool,
		  const char *code, struct dondoc_agency *agency_r,
		  const char **error_r)
{
	struct agency_found found;
	struct dondoc_store_stmt *stmt;
	int ret;

	if ((stmt = ds_stmt_get(store, STMT_AGENCY_GET, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	ret = ds_stmt_one(stmt, pool, row_to_agency_found, &found,
			  "agency get", error_r);
	if (ret > 0) {
		*agency_r = found.agency;
		/* the id with the name: a delivery's record then reads
		   neither again */
		ds_agency_id_note(store, code, found.id);
	}
	return ret;
}

int ds_agency_list(struct dondoc_store *store, pool_t pool,
		   ARRAY_TYPE(dondoc_agency) *agencies,
		   const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_AGENCY_LIST, error_r)) == NULL)
		return -1;
	return ds_stmt_rows(stmt, pool, row_to_agency, agencies,
			    "agency list", error_r);
}

/* ---- aliases ---- */

struct alias_hit {
	const char *code;
	int64_t id;
};

static void row_to_alias_hit(pool_t pool, struct dondoc_store_stmt *stmt,
			     struct alias_hit *hit_r)
{
	hit_r->code = ds_col_str(pool, stmt, 0);
	hit_r->id = ds_col_int64(stmt, 1);
}

/* The agency an alias key names: 1 with its code and id, 0 none. */
static int alias_agency(struct dondoc_store *store, pool_t pool,
			const char *key, struct alias_hit *hit_r,
			const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_ALIAS_AGENCY, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, key);
	return ds_stmt_one(stmt, pool, row_to_alias_hit, hit_r,
			   "alias lookup", error_r);
}

int ds_agency_alias_add(struct dondoc_store *store,
			const struct dondoc_agency_alias *alias,
			const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	struct alias_hit other;
	int64_t agency;
	int ret;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (ds_agency_id_required(store, alias->code, &agency, error_r) < 0)
		goto fail;
	ret = alias_agency(store, pool_datastack_create(), alias->key, &other,
			   error_r);
	if (ret < 0)
		goto fail;
	if (ret > 0) {
		ds_write_rollback(store);
		if (other.id == agency)
			return 0;
		*error_r = t_strdup_printf("alias '%s' already names agency %s",
					   alias->alias, other.code);
		return -1;
	}
	if ((stmt = ds_stmt_get(store, STMT_ALIAS_ADD, error_r)) == NULL)
		goto fail;
	ds_bind_int64(stmt, 1, agency);
	ds_bind_text(stmt, 2, alias->alias);
	ds_bind_text(stmt, 3, alias->key);
	if (ds_stmt_exec(stmt, "alias add", error_r) < 0 ||
	    ds_audit(store, "agency", alias->code, "alias", NULL, alias->alias,
		     error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return 1;
fail:
	ds_write_rollback(store);
	return -1;
}

static void row_to_alias(pool_t pool, struct dondoc_store_stmt *stmt,
			 struct dondoc_agency_alias *alias_r)
{
	alias_r->code = ds_col_str(pool, stmt, 0);
	alias_r->alias = ds_col_str(pool, stmt, 1);
	alias_r->key = ds_col_str(pool, stmt, 2);
}

int ds_agency_alias_list(struct dondoc_store *store, pool_t pool,
			 const char *code,
			 ARRAY_TYPE(dondoc_agency_alias) *aliases,
			 const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, code == NULL ? STMT_ALIAS_LIST :
			   STMT_ALIAS_LIST_AGENCY, error_r);
	if (stmt == NULL)
		return -1;
	if (code != NULL)
		ds_bind_text(stmt, 1, code);
	return ds_stmt_rows(stmt, pool, row_to_alias, aliases, "alias list",
			    error_r);
}

int ds_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
			   const char *key, const char **code_r,
			   const char **error_r)
{
	struct alias_hit hit;
	int ret;

	if ((ret = alias_agency(store, pool, key, &hit, error_r)) > 0)
		*code_r = hit.code;
	return ret;
}

/* ---- people ---- */

static void row_to_person(pool_t pool, struct dondoc_store_stmt *stmt,
			  struct dondoc_person *person_r)
{
	i_zero(person_r);
	person_r->id = ds_col_int64(stmt, 0);
	person_r->name = ds_col_str(pool, stmt, 1);
	person_r->agency = ds_col_str(pool, stmt, 2);
	person_r->emails = dondoc_store_split_words(pool,
						    ds_col_text(stmt, 3));
	person_r->roles = dondoc_store_split_words(pool,
						   ds_col_text(stmt, 4));
}

struct person_ids {
	int64_t person, agency;
};

static void row_to_person_ids(pool_t pool ATTR_UNUSED,
			      struct dondoc_store_stmt *stmt,
			      struct person_ids *ids_r)
{
	ids_r->person = ds_col_int64(stmt, 0);
	ids_r->agency = ds_col_int64(stmt, 1);
}

/* The person owning email: 1 with ids, 0 none, -1 error */
static int person_by_email_id(struct dondoc_store *store, const char *email,
			      struct person_ids *ids_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_PERSON_BY_EMAIL_ID, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, email);
	return ds_stmt_one(stmt, NULL, row_to_person_ids, ids_r,
			   "person lookup", error_r);
}

static int person_by_name_id(struct dondoc_store *store, int64_t agency,
			     const char *name, int64_t *person_id_r,
			     const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_PERSON_BY_NAME, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, agency);
	ds_bind_text_empty(stmt, 2, name);
	return ds_stmt_one(stmt, NULL, ds_row_id, person_id_r,
			   "person lookup", error_r);
}

static int person_add_in_txn(struct dondoc_store *store,
			     const struct dondoc_person *person,
			     int64_t *id_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	struct person_ids found;
	int64_t agency, person_id = 0;
	const char *key = person->emails[0];
	unsigned int i;
	int ret, changed = 0;

	if (ds_agency_id_required(store, person->agency, &agency, error_r) < 0)
		return -1;
	for (i = 0; person->emails[i] != NULL; i++) {
		ret = person_by_email_id(store, person->emails[i], &found,
					 error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			continue;
		if (found.agency != agency) {
			*error_r = t_strdup_printf(
				"%s belongs to a person of another agency",
						   person->emails[i]);
			return -1;
		}
		if (person_id != 0 && person_id != found.person) {
			*error_r = t_strdup_printf(
				"%s belongs to another person",
						   person->emails[i]);
			return -1;
		}
		person_id = found.person;
	}
	/* another address of someone already known by name */
	if (person_id == 0 && person->name[0] != '\0' &&
	    person_by_name_id(store, agency, person->name, &person_id,
			      error_r) < 0)
		return -1;
	if (person_id == 0) {
		if ((stmt = ds_stmt_get(store, STMT_PERSON_ADD, error_r)) == NULL)
			return -1;
		ds_bind_int64(stmt, 1, agency);
		ds_bind_text_empty(stmt, 2, person->name);
		if (ds_stmt_exec(stmt, "person add", error_r) < 0)
			return -1;
		person_id = ds_last_id(store);
		if (ds_audit(store, "person", key, "insert", NULL,
			     t_strdup_printf("%s %s", person->agency,
					     person->name), error_r) < 0)
			return -1;
		changed = 1;
	}
	for (i = 0; person->emails[i] != NULL; i++) {
		if ((stmt = ds_stmt_get(store, STMT_PERSON_EMAIL_ADD, error_r)) == NULL)
			return -1;
		ds_bind_text(stmt, 1, person->emails[i]);
		ds_bind_int64(stmt, 2, person_id);
		if (ds_stmt_exec(stmt, "person email add", error_r) < 0)
			return -1;
		if (ds_changes(store) > 0) {
			if (ds_audit(store, "person", key, "add-email", NULL,
				     person->emails[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	for (i = 0; person->roles != NULL && person->roles[i] != NULL; i++) {
		if ((stmt = ds_stmt_get(store, STMT_PERSON_ROLE_ADD, error_r)) == NULL)
			return -1;
		ds_bind_int64(stmt, 1, person_id);
		ds_bind_text(stmt, 2, person->roles[i]);
		if (ds_stmt_exec(stmt, "person role add", error_r) < 0)
			return -1;
		if (ds_changes(store) > 0) {
			if (ds_audit(store, "person", key, "add-role", NULL,
				     person->roles[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	if (id_r != NULL)
		*id_r = person_id;
	return changed;
}

int ds_person_add(struct dondoc_store *store,
		  const struct dondoc_person *person, int64_t *id_r,
		  const char **error_r)
{
	int ret;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	ret = person_add_in_txn(store, person, id_r, error_r);
	if (ret < 0) {
		ds_write_rollback(store);
		return -1;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return ret;
}

int ds_person_by_email(struct dondoc_store *store, pool_t pool,
		       const char *email,
		       struct dondoc_person *person_r,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_PERSON_GET_EMAIL, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, email);
	return ds_stmt_one(stmt, pool, row_to_person, person_r,
			   "person by email", error_r);
}

int ds_person_list(struct dondoc_store *store, pool_t pool,
		   const char *role,
		   ARRAY_TYPE(dondoc_person) *people,
		   const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, role == NULL ? STMT_PERSON_LIST :
			   STMT_PERSON_LIST_ROLE, error_r);
	if (stmt == NULL)
		return -1;
	if (role != NULL)
		ds_bind_text(stmt, 1, role);
	return ds_stmt_rows(stmt, pool, row_to_person, people,
			    "person list", error_r);
}
