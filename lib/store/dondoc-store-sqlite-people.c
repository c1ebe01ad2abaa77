/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: agencies and people (names, e-mail addresses, roles).
   Arguments were validated by dondoc-store.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-values.h"

/* ---- agencies ---- */

int sqlite_agency_add(struct dondoc_store *store,
		      const struct dondoc_agency *agency,
		      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_AGENCY_ADD, error_r)) == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, agency->code);
	sqlite_bind_text_empty(stmt, 2, agency->name);
	if (sqlite_stmt_exec(s, stmt, "agency add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0 &&
	    sqlite_audit(s, "agency", agency->code, "insert", NULL, agency->name,
		  error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_agency_get(struct dondoc_store *store, pool_t pool,
		      const char *code, struct dondoc_agency *agency_r,
		      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_AGENCY_GET, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		agency_r->code = sqlite_col_str(pool, stmt, 0);
		agency_r->name = sqlite_col_str(pool, stmt, 1);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "agency get");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

int sqlite_agency_list(struct dondoc_store *store, pool_t pool,
		       ARRAY_TYPE(dondoc_agency) *agencies,
		       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = sqlite_stmt_get(s, STMT_AGENCY_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_agency *agency = array_append_space(agencies);

		agency->code = sqlite_col_str(pool, stmt, 0);
		agency->name = sqlite_col_str(pool, stmt, 1);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "agency list");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return count;
}

/* ---- aliases ---- */

/* The agency an alias key names: 1 with its code and id, 0 none. */
static int alias_agency(struct sqlite_store *s, pool_t pool, const char *key,
			const char **code_r, int64_t *id_r,
			const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_ALIAS_AGENCY, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, key);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*code_r = sqlite_col_str(pool, stmt, 0);
		*id_r = sqlite3_column_int64(stmt, 1);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "alias lookup");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

int sqlite_agency_alias_add(struct dondoc_store *store,
			    const struct dondoc_agency_alias *alias,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	const char *other;
	int64_t agency, other_id;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (ds_agency_id_required(&s->store, alias->code, &agency, error_r) < 0)
		goto fail;
	ret = alias_agency(s, pool_datastack_create(), alias->key, &other,
			   &other_id, error_r);
	if (ret < 0)
		goto fail;
	if (ret > 0) {
		sqlite_write_rollback(s);
		if (other_id == agency)
			return 0;
		*error_r = t_strdup_printf("alias '%s' already names agency %s",
					   alias->alias, other);
		return -1;
	}
	if ((stmt = sqlite_stmt_get(s, STMT_ALIAS_ADD, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, agency);
	sqlite_bind_text(stmt, 2, alias->alias);
	sqlite_bind_text(stmt, 3, alias->key);
	if (sqlite_stmt_exec(s, stmt, "alias add", error_r) < 0 ||
	    sqlite_audit(s, "agency", alias->code, "alias", NULL, alias->alias,
			 error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_agency_alias_list(struct dondoc_store *store, pool_t pool,
			     const char *code,
			     ARRAY_TYPE(dondoc_agency_alias) *aliases,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	stmt = sqlite_stmt_get(s, code == NULL ? STMT_ALIAS_LIST :
			       STMT_ALIAS_LIST_AGENCY, error_r);
	if (stmt == NULL)
		return -1;
	if (code != NULL)
		sqlite_bind_text(stmt, 1, code);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_agency_alias *alias = array_append_space(aliases);

		alias->code = sqlite_col_str(pool, stmt, 0);
		alias->alias = sqlite_col_str(pool, stmt, 1);
		alias->key = sqlite_col_str(pool, stmt, 2);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "alias list");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return count;
}

int sqlite_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
			       const char *key, const char **code_r,
			       const char **error_r)
{
	int64_t id;

	return alias_agency(SQLITE_STORE(store), pool, key, code_r, &id,
			    error_r);
}

/* ---- people ---- */

static void row_to_person(pool_t pool, sqlite3_stmt *stmt,
			  struct dondoc_person *person_r)
{
	i_zero(person_r);
	person_r->id = sqlite3_column_int64(stmt, 0);
	person_r->name = sqlite_col_str(pool, stmt, 1);
	person_r->agency = sqlite_col_str(pool, stmt, 2);
	person_r->emails = dondoc_store_split_words(pool,
		(const char *)sqlite3_column_text(stmt, 3));
	person_r->roles = dondoc_store_split_words(pool,
		(const char *)sqlite3_column_text(stmt, 4));
}

/* The person owning email: 1 with ids, 0 none, -1 error */
static int person_by_email_id(struct sqlite_store *s, const char *email,
			      int64_t *person_id_r, int64_t *agency_id_r,
			      const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_PERSON_BY_EMAIL_ID, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, email);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*person_id_r = sqlite3_column_int64(stmt, 0);
		*agency_id_r = sqlite3_column_int64(stmt, 1);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "person lookup");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

static int person_by_name_id(struct sqlite_store *s, int64_t agency,
			     const char *name, int64_t *person_id_r,
			     const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_PERSON_BY_NAME, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, agency);
	sqlite_bind_text_empty(stmt, 2, name);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*person_id_r = sqlite3_column_int64(stmt, 0);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "person lookup");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

static int person_add_in_txn(struct sqlite_store *s,
			     const struct dondoc_person *person,
			     int64_t *id_r, const char **error_r)
{
	sqlite3_stmt *stmt;
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
		if ((stmt = sqlite_stmt_get(s, STMT_PERSON_ADD, error_r)) == NULL)
			return -1;
		(void)sqlite3_bind_int64(stmt, 1, agency);
		sqlite_bind_text_empty(stmt, 2, person->name);
		if (sqlite_stmt_exec(s, stmt, "person add", error_r) < 0)
			return -1;
		person_id = sqlite3_last_insert_rowid(s->db);
		if (sqlite_audit(s, "person", key, "insert", NULL,
			  t_strdup_printf("%s %s", person->agency,
					  person->name), error_r) < 0)
			return -1;
		changed = 1;
	}
	for (i = 0; person->emails[i] != NULL; i++) {
		if ((stmt = sqlite_stmt_get(s, STMT_PERSON_EMAIL_ADD, error_r)) == NULL)
			return -1;
		sqlite_bind_text(stmt, 1, person->emails[i]);
		(void)sqlite3_bind_int64(stmt, 2, person_id);
		if (sqlite_stmt_exec(s, stmt, "person email add", error_r) < 0)
			return -1;
		if (sqlite3_changes(s->db) > 0) {
			if (sqlite_audit(s, "person", key, "add-email", NULL,
				  person->emails[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	for (i = 0; person->roles != NULL && person->roles[i] != NULL; i++) {
		if ((stmt = sqlite_stmt_get(s, STMT_PERSON_ROLE_ADD, error_r)) == NULL)
			return -1;
		(void)sqlite3_bind_int64(stmt, 1, person_id);
		sqlite_bind_text(stmt, 2, person->roles[i]);
		if (sqlite_stmt_exec(s, stmt, "person role add", error_r) < 0)
			return -1;
		if (sqlite3_changes(s->db) > 0) {
			if (sqlite_audit(s, "person", key, "add-role", NULL,
				  person->roles[i], error_r) < 0)
				return -1;
			changed = 1;
		}
	}
	if (id_r != NULL)
		*id_r = person_id;
	return changed;
}

int sqlite_person_add(struct dondoc_store *store,
		      const struct dondoc_person *person, int64_t *id_r,
		      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	ret = person_add_in_txn(s, person, id_r, error_r);
	if (ret < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return ret;
}

int sqlite_person_by_email(struct dondoc_store *store, pool_t pool,
			   const char *email,
			   struct dondoc_person *person_r,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_PERSON_GET_EMAIL, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, email);
	return sqlite_stmt_one(s, stmt, pool, row_to_person, person_r,
			 "person by email", error_r);
}

int sqlite_person_list(struct dondoc_store *store, pool_t pool,
		       const char *role,
		       ARRAY_TYPE(dondoc_person) *people,
		       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	stmt = sqlite_stmt_get(s, role == NULL ? STMT_PERSON_LIST :
			STMT_PERSON_LIST_ROLE, error_r);
	if (stmt == NULL)
		return -1;
	if (role != NULL)
		sqlite_bind_text(stmt, 1, role);
	return sqlite_stmt_rows(s, stmt, pool, row_to_person, people,
			 "person list", error_r);
}
