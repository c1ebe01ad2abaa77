/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend: agencies and people (names, e-mail addresses, roles).
   Arguments were validated by dondoc-store.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"
#include "dondoc-store-values.h"

/* ---- agencies ---- */

int pgsql_agency_add(struct dondoc_store *store,
		      const struct dondoc_agency *agency,
		      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int changes;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_AGENCY_ADD, error_r)) == NULL)
		goto fail;
	pgsql_bind_text(stmt, 1, agency->code);
	pgsql_bind_text_empty(stmt, 2, agency->name);
	if (pgsql_stmt_exec(s, stmt, "agency add", error_r) < 0)
		goto fail;
	changes = pgsql_changes(s);
	if (changes > 0 &&
	    pgsql_audit(s, "agency", agency->code, "insert", NULL, agency->name,
		  error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_agency_get(struct dondoc_store *store, pool_t pool,
		      const char *code, struct dondoc_agency *agency_r,
		      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_AGENCY_GET, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, code);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		agency_r->code = pgsql_col_str(pool, stmt, 0);
		agency_r->name = pgsql_col_str(pool, stmt, 1);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "agency get");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_agency_list(struct dondoc_store *store, pool_t pool,
		       ARRAY_TYPE(dondoc_agency) *agencies,
		       const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret, count = 0;

	if ((stmt = pgsql_stmt_get(s, STMT_AGENCY_LIST, error_r)) == NULL)
		return -1;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		struct dondoc_agency *agency = array_append_space(agencies);

		agency->code = pgsql_col_str(pool, stmt, 0);
		agency->name = pgsql_col_str(pool, stmt, 1);
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "agency list");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

/* ---- aliases ---- */

/* The agency an alias key names: 1 with its code and id, 0 none. */
static int alias_agency(struct pgsql_store *s, pool_t pool, const char *key,
			const char **code_r, int64_t *id_r,
			const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_ALIAS_AGENCY, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, key);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		*code_r = pgsql_col_str(pool, stmt, 0);
		*id_r = pgsql_col_int64(stmt, 1);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "alias lookup");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_agency_alias_add(struct dondoc_store *store,
			    const struct dondoc_agency_alias *alias,
			    const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	const char *other;
	int64_t agency, other_id;
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if (ds_agency_id_required(&s->store, alias->code, &agency, error_r) < 0)
		goto fail;
	ret = alias_agency(s, pool_datastack_create(), alias->key, &other,
			   &other_id, error_r);
	if (ret < 0)
		goto fail;
	if (ret > 0) {
		pgsql_write_rollback(s);
		if (other_id == agency)
			return 0;
		*error_r = t_strdup_printf("alias '%s' already names agency %s",
					   alias->alias, other);
		return -1;
	}
	if ((stmt = pgsql_stmt_get(s, STMT_ALIAS_ADD, error_r)) == NULL)
		goto fail;
	pgsql_bind_int64(stmt, 1, agency);
	pgsql_bind_text(stmt, 2, alias->alias);
	pgsql_bind_text(stmt, 3, alias->key);
	if (pgsql_stmt_exec(s, stmt, "alias add", error_r) < 0 ||
	    pgsql_audit(s, "agency", alias->code, "alias", NULL, alias->alias,
			 error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_agency_alias_list(struct dondoc_store *store, pool_t pool,
			     const char *code,
			     ARRAY_TYPE(dondoc_agency_alias) *aliases,
			     const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret, count = 0;

	stmt = pgsql_stmt_get(s, code == NULL ? STMT_ALIAS_LIST :
			       STMT_ALIAS_LIST_AGENCY, error_r);
	if (stmt == NULL)
		return -1;
	if (code != NULL)
		pgsql_bind_text(stmt, 1, code);
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		struct dondoc_agency_alias *alias = array_append_space(aliases);

		alias->code = pgsql_col_str(pool, stmt, 0);
		alias->alias = pgsql_col_str(pool, stmt, 1);
		alias->key = pgsql_col_str(pool, stmt, 2);
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "alias list");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

int pgsql_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
			       const char *key, const char **code_r,
			       const char **error_r)
{
	int64_t id;

	return alias_agency(PGSQL_STORE(store), pool, key, code_r, &id,
			    error_r);
}

/* ---- people ---- */

static void row_to_person(pool_t pool, struct pgsql_stmt *stmt,
			  struct dondoc_person *person_r)
{
	i_zero(person_r);
	person_r->id = pgsql_col_int64(stmt, 0);
	person_r->name = pgsql_col_str(pool, stmt, 1);
	person_r->agency = pgsql_col_str(pool, stmt, 2);
	person_r->emails = dondoc_store_split_words(pool,
		pgsql_col_text(stmt, 3));
	person_r->roles = dondoc_store_split_words(pool,
		pgsql_col_text(stmt, 4));
}

/* The person owning email: 1 with ids, 0 none, -1 error */
static int person_by_email_id(struct pgsql_store *s, const char *email,
			      int64_t *person_id_r, int64_t *agency_id_r,
			      const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_PERSON_BY_EMAIL_ID, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, email);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		*person_id_r = pgsql_col_int64(stmt, 0);
		*agency_id_r = pgsql_col_int64(stmt, 1);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "person lookup");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

static int person_by_name_id(struct pgsql_store *s, int64_t agency,
			     const char *name, int64_t *person_id_r,
			     const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_PERSON_BY_NAME, error_r)) == NULL)
		return -1;
	pgsql_bind_int64(stmt, 1, agency);
	pgsql_bind_text_empty(stmt, 2, name);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		*person_id_r = pgsql_col_int64(stmt, 0);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "person lookup");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

static int person_add_in_txn(struct pgsql_store *s,
			     const struct dondoc_person *person,
			     int64_t *id_r, const char **error_r)
{
	struct pgsql_stmt *stmt;
	int64_t agency, person_id = 0, found_id, found_agency;
	const char *key = person->emails[0];
	unsigned int i;
	int ret, changed = 0;

	if (ds_agency_id_required(&s->store, person->agency, &agency, error_r) < 0)
		return -1;
	for (i = 0; person->emails[i] != NULL; i++) {
		ret = person_by_email_id(s, person->emails[i], &found_id,
					 &found_agency, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			continue;
		if (found_agency != agency) {
			*error_r = t_strdup_printf(
				"%s belongs to a person of another agency",
				person->emails[i]);
			return -1;
		}
		if (person_id != 0 && person_id != found_id) {
			*error_r = t_strdup_printf(
				"%s belongs to another person",
				person->emails[i]);
			return -1;
		}
		person_id = found_id;
	}
	/* another address of someone already known by name */
	if (person_id == 0 && person->name[0] != '\0' &&
	    person_by_name_id(s, agency, person->name, &person_id,
			      error_r) < 0)
		return -1;
	if (person_id == 0) {
		if ((stmt = pgsql_stmt_get(s, STMT_PERSON_ADD, error_r)) == NULL)
			return -1;
		pgsql_bind_int64(stmt, 1, agency);
		pgsql_bind_text_empty(stmt, 2, person->name);
		if (pgsql_stmt_exec(s, stmt, "person add", error_r) < 0)
			return -1;
		person_id = pgsql_last_id(s);
		if (pgsql_audit(s, "person", key, "insert", NULL,
			  t_strdup_printf("%s %s", person->agency,
					  person->name), error_r) < 0)
			return -1;
		changed = 1;
	}
	for (i = 0; person->emails[i] != NULL; i++) {
		if ((stmt = pgsql_stmt_get(s, STMT_PERSON_EMAIL_ADD, error_r)) == NULL)
			return -1;
		pgsql_bind_text(stmt, 1, person->emails[i]);
		pgsql_bind_int64(stmt, 2, person_id);
		if (pgsql_stmt_exec(s, stmt, "person email add", error_r) < 0)
			return -1;
		if (pgsql_changes(s) > 0) {
			if (pgsql_audit(s, "person", key, "add-email", NULL,
				  person->emails[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	for (i = 0; person->roles != NULL && person->roles[i] != NULL; i++) {
		if ((stmt = pgsql_stmt_get(s, STMT_PERSON_ROLE_ADD, error_r)) == NULL)
			return -1;
		pgsql_bind_int64(stmt, 1, person_id);
		pgsql_bind_text(stmt, 2, person->roles[i]);
		if (pgsql_stmt_exec(s, stmt, "person role add", error_r) < 0)
			return -1;
		if (pgsql_changes(s) > 0) {
			if (pgsql_audit(s, "person", key, "add-role", NULL,
				  person->roles[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	if (id_r != NULL)
		*id_r = person_id;
	return changed;
}

int pgsql_person_add(struct dondoc_store *store,
		      const struct dondoc_person *person, int64_t *id_r,
		      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	ret = person_add_in_txn(s, person, id_r, error_r);
	if (ret < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return ret;
}

int pgsql_person_by_email(struct dondoc_store *store, pool_t pool,
			   const char *email,
			   struct dondoc_person *person_r,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_PERSON_GET_EMAIL, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, email);
	return pgsql_stmt_one(s, stmt, pool, row_to_person, person_r,
			 "person by email", error_r);
}

int pgsql_person_list(struct dondoc_store *store, pool_t pool,
		       const char *role,
		       ARRAY_TYPE(dondoc_person) *people,
		       const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	stmt = pgsql_stmt_get(s, role == NULL ? STMT_PERSON_LIST :
			STMT_PERSON_LIST_ROLE, error_r);
	if (stmt == NULL)
		return -1;
	if (role != NULL)
		pgsql_bind_text(stmt, 1, role);
	return pgsql_stmt_rows(s, stmt, pool, row_to_person, people,
			 "person list", error_r);
}
