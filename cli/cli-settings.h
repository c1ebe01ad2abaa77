/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef CLI_SETTINGS_H
#define CLI_SETTINGS_H

/* Shared helpers of the store commands (cmd-db.c, cmd-agency.c, ...):
   where the store is, opening it, options and JSON output. */

#include "dondoc-store.h"

struct cli_context;
struct cli_command;

/* Open the store named by --db, else by the dondoc_db plugin setting;
   cli_error() and -1 when neither is given or it cannot be opened. */
int cli_store_open(struct cli_context *ctx,
		   const struct dondoc_store_settings *set,
		   struct dondoc_store **store_r);
/* The same with the default settings, its commits not waiting for the
   disk (relaxed_sync): for a caller that syncs where it must
   (dondoc_store_sync(), the outbox sender before each send). */
int cli_store_open_relaxed(struct cli_context *ctx,
			   struct dondoc_store **store_r);

/* -1 (after cli_error()) when running as root on an SQLite store (or,
   when it is not there yet, the directory for it) that belongs to
   another user: what root creates there would be root's, and the
   deliveries could no longer write the store. 0 otherwise. */
int cli_store_owner_check(const char *path);

/* Close the store; a temporary last error (another writer held the
   lock past the busy timeout) marks ctx->tempfail. */
void cli_store_close(struct cli_context *ctx, struct dondoc_store **store);

/* The shipped public-service calendar: $DONDOC_DATADIR (else the
   installed pkgdatadir) /NAME or /calendar/NAME (a source tree's sql/).
   NULL if neither exists. */
const char *cli_calendar_default_path(void);

/* A tiny option parser: argv holds "--name VALUE", "--flag" and
   positional arguments in any order. */
struct cli_option {
	const char *name;    /* "--agency" */
	bool has_value;
	bool multi;          /* may repeat: values collected in values */
	const char *value;   /* the (last) value, or "" for a flag given */
	ARRAY_TYPE(const_string) values;
};
/* Fills options and positional (up to max_positional). Prints the
   problem and returns FALSE on a usage error. "--db PATH" is accepted
   here too and sets ctx->db_path (master_getopt() refuses long options
   before the command name). */
bool cli_options_parse(struct cli_context *ctx, int argc, const char *const *argv,
		       struct cli_option *options, unsigned int count,
		       const char **positional, unsigned int max_positional,
		       unsigned int *positional_count_r);

/* ,"key":"value" (value NULL: null); first: no leading comma */
void cli_json_str(string_t *dest, const char *key, const char *value,
		  bool first);
void cli_json_int(string_t *dest, const char *key, long long value);
void cli_json_strlist(string_t *dest, const char *key,
		      const char *const *values);
/* Print dest and a newline on stdout. */
void cli_print(string_t *dest);

/* A listing, as a JSON array of objects or as text lines: begin, then
   cli_list_item() before each JSON object, then cli_list_end() prints. */
void cli_list_begin(string_t *out, bool json);
void cli_list_item(string_t *out, bool json);
void cli_list_end(string_t *out, bool json);

/* Task as a JSON object / a text line. */
void cli_json_task(string_t *dest, const struct dondoc_task *task);

#endif
