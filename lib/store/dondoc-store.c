/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store's public face: picks a backend by URI scheme, and validates
   and bounds every argument before a backend sees it, so that each
   backend can trust lengths, shapes and enum ranges (never content: it
   still binds every value as a parameter). */

#include "lib.h"
#include "dondoc-compat.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-txn-cache.h"
#include "dondoc-store-lock.h"

#include <ctype.h>

const char *const dondoc_roles[] = {
	"truong-ban", "pho-truong-ban-tt", "pho-truong-ban", "thanh-vien",
	"co-quan-thuong-truc", "to-truong", "to-pho-tt", "to-pho",
	"thanh-vien-tgv", NULL
};

static const char *const match_kind_names[] = {
	[DONDOC_MATCH_NONE] = "none",
	[DONDOC_MATCH_ADDRESS] = "address",
	[DONDOC_MATCH_THREAD] = "thread",
	[DONDOC_MATCH_TAG] = "tag",
	[DONDOC_MATCH_REFERENCE] = "reference",
	[DONDOC_MATCH_PERIOD] = "period",
	[DONDOC_MATCH_TEXT] = "text",
	[DONDOC_MATCH_MANUAL] = "manual",
};
static const char *const outbox_kind_names[] = {
	[DONDOC_OUTBOX_CONFIRM] = "confirm",
	[DONDOC_OUTBOX_ESCALATE] = "escalate",
	[DONDOC_OUTBOX_REMINDER] = "reminder",
	[DONDOC_OUTBOX_NOTICE] = "notice",
};
static const char *const outbox_state_names[] = {
	[DONDOC_OUTBOX_QUEUED] = "queued",
	[DONDOC_OUTBOX_CLAIMED] = "claimed",
	[DONDOC_OUTBOX_SENT] = "sent",
	[DONDOC_OUTBOX_FAILED] = "failed",
};

bool dondoc_role_is_valid(const char *role)
{
	unsigned int i;

	if (role == NULL)
		return FALSE;
	for (i = 0; dondoc_roles[i] != NULL; i++) {
		if (strcmp(dondoc_roles[i], role) == 0)
			return TRUE;
	}
	return FALSE;
}

const char *dondoc_match_kind_name(enum dondoc_match_kind kind)
{
	if ((unsigned int)kind >= N_ELEMENTS(match_kind_names))
		return "invalid";
	return match_kind_names[kind];
}

const char *dondoc_outbox_kind_name(enum dondoc_outbox_kind kind)
{
	if ((unsigned int)kind >= N_ELEMENTS(outbox_kind_names))
		return "invalid";
	return outbox_kind_names[kind];
}

const char *dondoc_outbox_state_name(enum dondoc_outbox_state state)
{
	if ((unsigned int)state >= N_ELEMENTS(outbox_state_names))
		return "invalid";
	return outbox_state_names[state];
}

/* ---- validation ---- */

static int check_text(const char *what, const char *value, size_t max,
		      bool required, const char **error_r)
{
	const unsigned char *p;

	if (value == NULL || value[0] == '\0') {
		if (!required)
			return 0;
		*error_r = t_strdup_printf("%s is missing", what);
		return -1;
	}
	if (strlen(value) > max) {
		*error_r = t_strdup_printf("%s is too long (max %zu bytes)",
					   what, max);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t') {
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

static int check_code(const char *what, const char *value, bool required,
		      const char **error_r)
{
	const char *p;

	if (check_text(what, value, DONDOC_STORE_MAX_CODE, required,
		       error_r) < 0)
		return -1;
	if (value == NULL)
		return 0;
	for (p = value; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL) {
			*error_r = t_strdup_printf(
				"%s '%s' may only hold letters, digits and -_./",
				what, value);
			return -1;
		}
	}
	return 0;
}

static int check_email(const char *email, const char **error_r)
{
	const char *p, *at;

	if (check_text("email", email, DONDOC_STORE_MAX_EMAIL, TRUE,
		       error_r) < 0)
		return -1;
	at = strrchr(email, '@');
	if (at == NULL || at == email || at[1] == '\0') {
		*error_r = t_strdup_printf("invalid email address '%s'",
					   email);
		return -1;
	}
	for (p = email; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '<' || *p == '>' ||
		    *p == ',' || *p == ';' || *p == '"') {
			*error_r = t_strdup_printf(
				"invalid email address '%s'", email);
			return -1;
		}
	}
	return 0;
}

static int check_date(const char *what, const struct dondoc_date *date,
		      bool required, const char **error_r)
{
	struct dondoc_date parsed;

	if (date->year == 0 && !required)
		return 0;
	if (!dondoc_date_parse(t_strdup_printf("%04d-%02d-%02d", date->year,
					       date->month, date->day),
			       &parsed)) {
		*error_r = t_strdup_printf("%s is not a valid date", what);
		return -1;
	}
	return 0;
}

static int check_message_id(const char *msgid, const char **error_r)
{
	if (check_text("Message-ID", msgid, DONDOC_STORE_MAX_MESSAGE_ID,
		       TRUE, error_r) < 0)
		return -1;
	if (strchr(msgid, ' ') != NULL || strchr(msgid, '\t') != NULL) {
		*error_r = "Message-ID contains white space";
		return -1;
	}
	return 0;
}

bool dondoc_store_message_id_is_valid(const char *msgid)
{
	const char *error;

	return msgid != NULL && check_message_id(msgid, &error) == 0;
}

bool dondoc_store_email_is_valid(const char *email)
{
	const char *error;

	return email != NULL && check_email(email, &error) == 0;
}

bool dondoc_store_doc_field_is_valid(const char *value)
{
	const char *error;

	return check_text("field", value, DONDOC_STORE_MAX_DOC_FIELD, FALSE,
			  &error) == 0;
}

static int check_task(const struct dondoc_task *task, const char **error_r)
{
	if (check_code("task code", task->code, TRUE, error_r) < 0 ||
	    check_text("task title", task->title, DONDOC_STORE_MAX_NAME,
		       TRUE, error_r) < 0 ||
	    check_code("agency code", task->agency, TRUE, error_r) < 0 ||
	    check_text("assigner", task->assigner, DONDOC_STORE_MAX_NAME,
		       FALSE, error_r) < 0 ||
	    check_text("source type", task->source_type,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_text("source number", task->source_number,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_text("source symbol", task->source_symbol,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_date("due date", &task->due, TRUE, error_r) < 0 ||
	    check_code("document type", task->doc_type, FALSE, error_r) < 0 ||
	    check_code("obligation", task->obligation, FALSE, error_r) < 0)
		return -1;
	if (!dondoc_period_is_valid(&task->period)) {
		*error_r = "invalid period (KIND:YEAR:INDEX)";
		return -1;
	}
	return 0;
}

/* ---- opening ---- */

int dondoc_store_schema_version(void)
{
	return dondoc_store_migrations[dondoc_store_migrations_count - 1].version;
}

int dondoc_store_open(const char *path, struct dondoc_store **store_r,
		      const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
	};
	return dondoc_store_open_with(path, &set, store_r, error_r);
}

const char *dondoc_store_backends(void)
{
	string_t *str = t_str_new(32);
	unsigned int i;

	for (i = 0; i < dondoc_store_backends_count; i++) {
		if (i > 0)
			str_append(str, ", ");
		str_append(str, dondoc_store_backends_linked[i]->scheme);
	}
	return str_c(str);
}

/* A libpq key=value conninfo begins with a keyword and "=": letters and
   underscores, optional blanks, "=". A store file named so must be given
   as ./name or sqlite:name. */
static bool path_is_conninfo(const char *path)
{
	const char *p;

	for (p = path; i_isalpha(*p) || *p == '_'; p++) ;
	if (p == path)
		return FALSE;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

bool dondoc_store_path_is_pgsql(const char *path, const char **conninfo_r)
{
	*conninfo_r = path;
	if (str_begins_with(path, "postgresql://") ||
	    str_begins_with(path, "postgres://"))
		return TRUE;
	if (str_begins_with(path, "pgsql:")) {
		*conninfo_r = path + 6;
		return TRUE;
	}
	if (str_begins_with(path, "postgresql:")) {
		*conninfo_r = path + 11;
		return TRUE;
	}
	return path_is_conninfo(path);
}

static const struct dondoc_store_backend *store_backend_find(const char *scheme)
{
	unsigned int i;

	for (i = 0; i < dondoc_store_backends_count; i++) {
		if (strcmp(dondoc_store_backends_linked[i]->scheme, scheme) == 0)
			return dondoc_store_backends_linked[i];
	}
	return NULL;
}

int dondoc_store_open_with(const char *path,
			   const struct dondoc_store_settings *set,
			   struct dondoc_store **store_r,
			   const char **error_r)
{
	const struct dondoc_store_backend *backend =
		dondoc_store_backends_linked[0];
	const char *p, *conninfo;

	*store_r = NULL;
	if (path == NULL || path[0] == '\0') {
		*error_r = "no store path given";
		return -1;
	}
	if (strlen(path) > 4096) {
		*error_r = "store path too long";
		return -1;
	}
	/* PostgreSQL's forms first (a URI's "//" is not a path); then
	   "scheme:rest" when it starts with letters and a colon; anything
	   else is a file path for the default (SQLite) backend. */
	if (dondoc_store_path_is_pgsql(path, &conninfo)) {
		backend = store_backend_find("postgresql");
		if (backend == NULL) {
			*error_r = t_strdup_printf(
				"store backend 'postgresql' is not available "
				"(this build has: %s)", dondoc_store_backends());
			return -1;
		}
		path = conninfo;
	} else {
		for (p = path; i_isalpha(*p); p++) ;
		if (*p == ':' && p - path >= 2) {
			const char *scheme = t_strdup_until(path, p);

			backend = store_backend_find(scheme);
			if (backend == NULL) {
				*error_r = t_strdup_printf(
					"store backend '%s' is not available "
					"(this build has: %s)", scheme,
					dondoc_store_backends());
				return -1;
			}
			path = p + 1;
		}
	}
	if (backend->v->open(path, set, store_r, error_r) < 0)
		return -1;
	(*store_r)->v = backend->v;
	(*store_r)->busy_timeout_msecs = set->busy_timeout_msecs != 0 ?
		set->busy_timeout_msecs :
		DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS;
	return 0;
}

void dondoc_store_close(struct dondoc_store **_store)
{
	struct dondoc_store *store = *_store;
	char *actor;

	if (store == NULL)
		return;
	*_store = NULL;
	actor = (char *)store->actor;
	if (store->calendar != NULL)
		dondoc_calendar_free(&store->calendar);
	i_free(store->stmts);
	ds_txn_cache_free(store);
	store->v->close(store);
	i_free(actor);
}

void dondoc_store_set_actor(struct dondoc_store *store, const char *actor)
{
	char *old = (char *)store->actor;

	store->actor = actor == NULL ? NULL :
		i_strndup(actor, DONDOC_STORE_MAX_CODE);
	i_free(old);
}

int dondoc_store_get_version(struct dondoc_store *store, int *version_r,
			     const char **error_r)
{
	return store->v->get_version(store, version_r, error_r);
}

int dondoc_store_migrate(struct dondoc_store *store, const char **error_r)
{
	return store->v->migrate(store, error_r);
}

int dondoc_store_check(struct dondoc_store *store, const char **error_r)
{
	return store->v->check(store, error_r);
}

int dondoc_store_begin(struct dondoc_store *store, const char **error_r)
{
	if (store->v->begin(store, error_r) < 0)
		return -1;
	ds_txn_cache_begin(store);
	return 0;
}

int dondoc_store_begin_keys(struct dondoc_store *store,
			    const char *const *keys, const char **error_r)
{
	unsigned int i;

	for (i = 0; keys != NULL && keys[i] != NULL; i++) {
		if (i == DONDOC_STORE_MAX_TXN_KEYS ||
		    strlen(keys[i]) > DONDOC_STORE_MAX_TXN_KEY ||
		    !uni_utf8_str_is_valid(keys[i]))
			break;
	}
	/* none, or not all: the whole store */
	if (i == 0 || keys[i] != NULL || store->v->begin_keys == NULL)
		return dondoc_store_begin(store, error_r);
	if (store->v->begin_keys(store, keys, error_r) < 0)
		return -1;
	ds_txn_cache_begin(store);
	return 0;
}

int dondoc_store_commit(struct dondoc_store *store, const char **error_r)
{
	ds_txn_cache_end(store);
	return store->v->commit(store, error_r);
}

void dondoc_store_rollback(struct dondoc_store *store)
{
	ds_txn_cache_end(store);
	store->v->rollback(store);
}

/* ---- agencies and people ---- */

int dondoc_store_agency_add(struct dondoc_store *store,
			    const struct dondoc_agency *agency,
			    const char **error_r)
{
	if (check_code("agency code", agency->code, TRUE, error_r) < 0 ||
	    check_text("agency name", agency->name, DONDOC_STORE_MAX_NAME,
		       TRUE, error_r) < 0)
		return -1;
	return ds_agency_add(store, agency, error_r);
}

int dondoc_store_agency_get(struct dondoc_store *store, pool_t pool,
			    const char *code, struct dondoc_agency *agency_r,
			    const char **error_r)
{
	if (check_code("agency code", code, TRUE, error_r) < 0)
		return -1;
	return ds_agency_get(store, pool, code, agency_r, error_r);
}

int dondoc_store_agency_list(struct dondoc_store *store, pool_t pool,
			     ARRAY_TYPE(dondoc_agency) *agencies,
			     const char **error_r)
{
	return ds_agency_list(store, pool, agencies, error_r);
}

int dondoc_store_person_add(struct dondoc_store *store,
			    const struct dondoc_person *person,
			    int64_t *id_r, const char **error_r)
{
	struct dondoc_person copy = *person;
	ARRAY_TYPE(const_string) emails;
	unsigned int i;

	if (check_code("agency code", person->agency, TRUE, error_r) < 0 ||
	    check_text("person name", person->name, DONDOC_STORE_MAX_NAME,
		       FALSE, error_r) < 0)
		return -1;
	if (person->emails == NULL || person->emails[0] == NULL) {
		*error_r = "a person needs at least one email address";
		return -1;
	}
	t_array_init(&emails, 4);
	for (i = 0; person->emails[i] != NULL; i++) {
		const char *email;

		if (i >= 32) {
			*error_r = "too many email addresses (max 32)";
			return -1;
		}
		if (check_email(person->emails[i], error_r) < 0)
			return -1;
		email = t_str_lcase(person->emails[i]);
		array_push_back(&emails, &email);
	}
	array_append_zero(&emails);
	copy.emails = array_front(&emails);
	for (i = 0; person->roles != NULL && person->roles[i] != NULL; i++) {
		if (!dondoc_role_is_valid(person->roles[i])) {
			*error_r = t_strdup_printf(
				"unknown role '%s' (known: %s)",
				t_strndup(person->roles[i], 64),
				t_strarray_join(dondoc_roles, ", "));
			return -1;
		}
	}
	if (copy.name == NULL)
		copy.name = "";
	return ds_person_add(store, &copy, id_r, error_r);
}

int dondoc_store_person_by_email(struct dondoc_store *store, pool_t pool,
				 const char *email,
				 struct dondoc_person *person_r,
				 const char **error_r)
{
	if (check_text("email", email, DONDOC_STORE_MAX_EMAIL, TRUE,
		       error_r) < 0)
		return -1;
	return ds_person_by_email(store, pool, t_str_lcase(email),
				  person_r, error_r);
}

int dondoc_store_person_list(struct dondoc_store *store, pool_t pool,
			     const char *role,
			     ARRAY_TYPE(dondoc_person) *people,
			     const char **error_r)
{
	if (role != NULL && !dondoc_role_is_valid(role)) {
		*error_r = "unknown role";
		return -1;
	}
	return ds_person_list(store, pool, role, people, error_r);
}

/* ---- meetings, calendar ---- */

int dondoc_store_calendar_set(struct dondoc_store *store,
			      const struct dondoc_date *date,
			      enum dondoc_day_kind kind, const char *reason,
			      const char **error_r)
{
	if (check_date("date", date, TRUE, error_r) < 0 ||
	    check_text("reason", reason, DONDOC_STORE_MAX_TEXT, FALSE,
		       error_r) < 0)
		return -1;
	if (kind != DONDOC_DAY_OFF && kind != DONDOC_DAY_WORK) {
		*error_r = "a calendar exception is off or work";
		return -1;
	}
	if (store->calendar != NULL)
		dondoc_calendar_free(&store->calendar);
	return ds_calendar_set(store, date, kind,
			       reason == NULL ? "" : reason, error_r);
}

int dondoc_store_calendar_fill(struct dondoc_store *store,
			       struct dondoc_calendar *cal,
			       const char **error_r)
{
	return ds_calendar_fill(store, cal, error_r);
}

int dondoc_store_calendar_create(struct dondoc_store *store,
				 struct dondoc_calendar **cal_r,
				 const char **error_r)
{
	struct dondoc_calendar *cal = dondoc_calendar_create();

	if (dondoc_store_calendar_fill(store, cal, error_r) < 0) {
		dondoc_calendar_free(&cal);
		return -1;
	}
	*cal_r = cal;
	return 0;
}

int dondoc_store_calendar_get(struct dondoc_store *store,
			      struct dondoc_calendar **cal_r,
			      const char **error_r)
{
	struct dondoc_calendar *cal;
	int64_t version;

	if (ds_data_version(store, &version, error_r) < 0)
		return -1;
	if (store->calendar == NULL || version != store->calendar_version) {
		if (dondoc_store_calendar_create(store, &cal, error_r) < 0)
			return -1;
		if (store->calendar != NULL)
			dondoc_calendar_free(&store->calendar);
		store->calendar = cal;
		store->calendar_version = version;
	}
	*cal_r = store->calendar;
	return 0;
}

/* ---- submissions ---- */

int dondoc_store_submission_check(const struct dondoc_submission *sub,
				  const char **error_r)
{
	if (check_message_id(sub->message_id, error_r) < 0 ||
	    check_text("document type", sub->doc_type,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_text("document number", sub->doc_number,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_text("document symbol", sub->doc_symbol,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_date("document date", &sub->doc_date, FALSE, error_r) < 0 ||
	    check_code("task code", sub->task_code, FALSE, error_r) < 0 ||
	    check_text("sender email", sub->sender_email,
		       DONDOC_STORE_MAX_EMAIL, FALSE, error_r) < 0 ||
	    check_code("sender agency", sub->sender_agency, FALSE,
		       error_r) < 0 ||
	    dondoc_store_digest_check_submission(sub, error_r) < 0)
		return -1;
	if ((unsigned int)sub->trust > DONDOC_TRUST_VERIFIED ||
	    (unsigned int)sub->match >= N_ELEMENTS(match_kind_names)) {
		*error_r = "invalid trust or match kind";
		return -1;
	}
	if (sub->late_days > 100000 || (!sub->late && sub->late_days != 0)) {
		*error_r = "invalid late_days";
		return -1;
	}
	return 0;
}

int dondoc_store_record_submission(struct dondoc_store *store,
				   const struct dondoc_submission *sub,
				   struct dondoc_submission_result *result_r,
				   const char **error_r)
{
	i_zero(result_r);
	if (dondoc_store_submission_check(sub, error_r) < 0)
		return -1;
	return ds_record_submission(store, sub, result_r, error_r);
}

int dondoc_store_submission_by_message_id(struct dondoc_store *store,
					  pool_t pool,
					  const char *message_id,
					  struct dondoc_submission *sub_r,
					  const char **error_r)
{
	if (check_message_id(message_id, error_r) < 0)
		return -1;
	return ds_submission_by_message_id(store, pool, message_id,
					   sub_r, error_r);
}

int dondoc_store_submission_same_document(struct dondoc_store *store,
					  pool_t pool,
					  const struct dondoc_submission *sub,
					  bool verified_only,
					  struct dondoc_submission *sub_r,
					  const char **error_r)
{
	if (check_message_id(sub->message_id, error_r) < 0 ||
	    check_text("document number", sub->doc_number,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_text("document symbol", sub->doc_symbol,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    check_code("task code", sub->task_code, FALSE, error_r) < 0 ||
	    check_code("sender agency", sub->sender_agency, FALSE,
		       error_r) < 0)
		return -1;
	return ds_submission_same_document(store, pool, sub,
					   verified_only, sub_r,
					   error_r);
}

int dondoc_store_submission_list(struct dondoc_store *store, pool_t pool,
				 const char *task_code,
				 ARRAY_TYPE(dondoc_submission) *subs,
				 const char **error_r)
{
	if (check_code("task code", task_code, FALSE, error_r) < 0)
		return -1;
	return ds_submission_list(store, pool, task_code, subs,
				  error_r);
}

int dondoc_store_sync(struct dondoc_store *store, const char **error_r)
{
	return store->v->sync(store, error_r);
}

int dondoc_store_audit_list(struct dondoc_store *store, pool_t pool,
			    const char *entity, const char *entity_key,
			    ARRAY_TYPE(dondoc_audit_entry) *entries,
			    const char **error_r)
{
	if (check_text("entity", entity, DONDOC_STORE_MAX_CODE, FALSE,
		       error_r) < 0 ||
	    check_text("entity key", entity_key,
		       DONDOC_STORE_MAX_MESSAGE_ID + 2 * DONDOC_STORE_MAX_CODE,
		       FALSE, error_r) < 0)
		return -1;
	return store->v->audit_list(store, pool, entity, entity_key, entries,
				    error_r);
}

unsigned int dondoc_store_backend_errors(struct dondoc_store *store)
{
	return store->backend_errors;
}

bool dondoc_store_error_is_temporary(struct dondoc_store *store)
{
	return store->v->error_is_temporary(store);
}

unsigned int dondoc_store_busy_timeout_msecs(struct dondoc_store *store)
{
	return store->busy_timeout_msecs;
}

int dondoc_store_backup(struct dondoc_store *store, const char *dest_path,
			const char **error_r)
{
	if (check_text("backup file", dest_path, PATH_MAX, TRUE, error_r) < 0)
		return -1;
	return store->v->backup(store, dest_path, error_r);
}

int dondoc_store_outbox_purge(struct dondoc_store *store, time_t before,
			      unsigned int *count_r, const char **error_r)
{
	return store->v->outbox_purge(store, before, count_r, error_r);
}

int dondoc_store_audit_add(struct dondoc_store *store, const char *entity,
			   const char *key, const char *action,
			   const char *old_value, const char *new_value,
			   const char **error_r)
{
	if (check_text("entity", entity, DONDOC_STORE_MAX_CODE, TRUE,
		       error_r) < 0 ||
	    check_text("entity key", key, DONDOC_STORE_MAX_NAME, TRUE,
		       error_r) < 0 ||
	    check_text("action", action, DONDOC_STORE_MAX_CODE, TRUE,
		       error_r) < 0 ||
	    check_text("old value", old_value, DONDOC_STORE_MAX_TEXT, FALSE,
		       error_r) < 0 ||
	    check_text("new value", new_value, DONDOC_STORE_MAX_TEXT, FALSE,
		       error_r) < 0)
		return -1;
	return store->v->audit_add(store, entity, key, action, old_value,
				   new_value, error_r);
}

/* ---- the checks, for the front end's other files ---- */

int dondoc_store_check_text(const char *what, const char *value, size_t max,
			    bool required, const char **error_r)
{
	return check_text(what, value, max, required, error_r);
}

int dondoc_store_check_code(const char *what, const char *value,
			    bool required, const char **error_r)
{
	return check_code(what, value, required, error_r);
}

int dondoc_store_check_date(const char *what, const struct dondoc_date *date,
			    bool required, const char **error_r)
{
	return check_date(what, date, required, error_r);
}

int dondoc_store_check_message_id(const char *msgid, const char **error_r)
{
	return check_message_id(msgid, error_r);
}

bool dondoc_store_period_is_valid(const struct dondoc_period *period)
{
	return dondoc_period_is_valid(period);
}

int dondoc_store_check_task(const struct dondoc_task *task,
			    const char **error_r)
{
	return check_task(task, error_r);
}
