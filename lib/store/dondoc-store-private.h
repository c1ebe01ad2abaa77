/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_PRIVATE_H
#define DONDOC_STORE_PRIVATE_H

/* What a store backend implements. dondoc-store.c validates and bounds
   every argument before it calls a backend, so backends trust their
   input's lengths and shapes (not its content: they still bind it). */

#include "dondoc-store.h"
#include "dondoc-store-digest.h"
#include "dondoc-store-head-digest.h"
#include "dondoc-store-copy.h"

/* dondoc db copy: one row's values as text (NULL for NULL, the bytes
   column as hex), in the table's column order. */
typedef int dondoc_store_copy_row_callback_t(const char *const *values,
					     void *context,
					     const char **error_r);

struct dondoc_store_driver;

struct dondoc_store_vfuncs {
	/* the statements the entity files run (dondoc-store-driver.h) */
	const struct dondoc_store_driver *driver;

	int (*open)(const char *path, const struct dondoc_store_settings *set,
		    struct dondoc_store **store_r, const char **error_r);
	void (*close)(struct dondoc_store *store);

	int (*get_version)(struct dondoc_store *store, int *version_r,
			   const char **error_r);
	int (*migrate)(struct dondoc_store *store, const char **error_r);
	int (*check)(struct dondoc_store *store, const char **error_r);

	int (*begin)(struct dondoc_store *store, const char **error_r);
	/* Optional (else begin): dondoc_store_begin_keys() with keys */
	int (*begin_keys)(struct dondoc_store *store, const char *const *keys,
			  const char **error_r);
	int (*commit)(struct dondoc_store *store, const char **error_r);
	void (*rollback)(struct dondoc_store *store);





	/* Changes whenever another connection has committed. */


	/* Make every committed write durable now (see dondoc_store_sync). */
	int (*sync)(struct dondoc_store *store, const char **error_r);

	int (*audit_add)(struct dondoc_store *store, const char *entity,
			 const char *key, const char *action,
			 const char *old_value, const char *new_value,
			 const char **error_r);
	bool (*error_is_temporary)(struct dondoc_store *store);
	int (*backup)(struct dondoc_store *store, const char *dest_path,
		      const char **error_r);
	int (*outbox_purge)(struct dondoc_store *store, time_t before,
			    unsigned int *count_r, const char **error_r);
	int (*audit_list)(struct dondoc_store *store, pool_t pool,
			  const char *entity, const char *entity_key,
			  ARRAY_TYPE(dondoc_audit_entry) *entries,
			  const char **error_r);

	/* dondoc-store-digest.h */

	/* dondoc-store-copy.h: rows of a table (only_own: the audit log's
	   rows the migrations wrote, entity 'schema'), each row in column
	   order, a row inserted (inside begin()), and what follows the
	   last (identity sequences) */
	int (*copy_count)(struct dondoc_store *store,
			  const struct dondoc_store_copy_table *table,
			  bool only_own, int64_t *count_r,
			  const char **error_r);
	int (*copy_rows)(struct dondoc_store *store,
			 const struct dondoc_store_copy_table *table,
			 dondoc_store_copy_row_callback_t *callback,
			 void *context, const char **error_r);
	int (*copy_insert)(struct dondoc_store *store,
			   const struct dondoc_store_copy_table *table,
			   const char *const *values, const char **error_r);
	int (*copy_finish)(struct dondoc_store *store,
			   const struct dondoc_store_copy_table *table,
			   const char **error_r);

	/* dondoc-store-head-digest.h */
};

/* A submission's difficulties and proposals (dondoc-store-digest.c):
   valid UTF-8, no controls but LF and tab, bounded. 0 or -1. */
int dondoc_store_digest_check_submission(const struct dondoc_submission *sub,
					 const char **error_r);

/* Every backend's store begins with this. */
struct dondoc_store {
	const struct dondoc_store_vfuncs *v;
	const char *actor; /* for the audit log, e.g. "cli" */
	/* dondoc_store_calendar_get()'s calendar, and the data version it
	   was read at. */
	struct dondoc_calendar *calendar;
	int64_t calendar_version;
	/* Errors the backend itself reported (dondoc_store_backend_errors()). */
	unsigned int backend_errors;
	/* the statements as the entity files hold them, one per statement
	   id (dondoc-store-driver.c), allocated on first use */
	struct dondoc_store_stmt *stmts;
	/* what the caller's open transaction read under the write lock
	   (dondoc-store-txn-cache.h) */
	struct dondoc_store_txn_cache *txn_cache;
	/* write operations begun and not yet committed or rolled back
	   (ds_write_begin() in dondoc-store-driver.h) */
	unsigned int write_depth;
	/* dondoc_store_busy_timeout_msecs() */
	unsigned int busy_timeout_msecs;
};

/* A backend, chosen by the URI scheme of the path. */
struct dondoc_store_backend {
	const char *scheme; /* "sqlite" */
	const struct dondoc_store_vfuncs *v;
	/* What names the store whatever the spelling of its conninfo
	   (may be NULL: the text itself); NULL when it cannot be parsed. */
	const char *(*identity)(const char *conninfo);
};
extern const struct dondoc_store_backend dondoc_store_backend_sqlite;
#ifdef DONDOC_HAVE_PGSQL
extern const struct dondoc_store_backend dondoc_store_backend_pgsql;
#endif
/* The backends a program has, the default (SQLite) first: every one this
   build has (dondoc-store-backends.c, an object of its own), unless the
   program defines the two itself (the dondoc command: SQLite only, so
   that it does not load libpq; cli/cli-store-backends.c). */
extern const struct dondoc_store_backend *const dondoc_store_backends_linked[];
extern const unsigned int dondoc_store_backends_count;

/* Embedded migrations (generated from sql/NNN-*.sql at build time):
   dondoc_store_migrations[i] takes the schema from version i to i+1. */
struct dondoc_store_migration {
	int version;          /* the version after applying it */
	const char *name;     /* file name */
	const char *sql;
};
extern const struct dondoc_store_migration dondoc_store_migrations[];
extern const unsigned int dondoc_store_migrations_count;
/* the same versions for PostgreSQL (sql/pgsql/NNN-*.sql) */
extern const struct dondoc_store_migration dondoc_store_pgsql_migrations[];
extern const unsigned int dondoc_store_pgsql_migrations_count;

/* The front end's value checks (dondoc-store.c), for its other files:
   0 fine, -1 with error_r. */
int dondoc_store_check_text(const char *what, const char *value, size_t max,
			    bool required, const char **error_r);
int dondoc_store_check_code(const char *what, const char *value,
			    bool required, const char **error_r);
int dondoc_store_check_date(const char *what, const struct dondoc_date *date,
			    bool required, const char **error_r);
int dondoc_store_check_message_id(const char *msgid, const char **error_r);
bool dondoc_store_period_is_valid(const struct dondoc_period *period);
int dondoc_store_check_task(const struct dondoc_task *task,
			    const char **error_r);

#endif
