/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The mail plugin's process-lifetime state: one store connection and its
   cached calendar, kept across saves and users of the process (opening
   SQLite costs a schema load and a WAL-index recovery), reused only for
   the same file (device and inode), uid and busy timeout, and closed at
   the plugin's deinit. The mail plugin stays loaded for the life of the
   process, unlike Pigeonhole's Sieve plugins. */

#include "lib.h"
#include "dondoc-plugin.h"

#include <sys/stat.h>
#include <unistd.h>

static struct {
	char *path;
	uid_t uid;
	dev_t dev;
	ino_t ino;
	unsigned int busy_timeout_msecs;
	struct dondoc_store *store;
} dondoc_plugin_store;

static void dondoc_plugin_store_drop(void)
{
	const char *error;

	if (dondoc_plugin_store.store != NULL) {
		if (dondoc_store_sync(dondoc_plugin_store.store, &error) < 0)
			i_error("dondoc: %s", error);
		dondoc_store_close(&dondoc_plugin_store.store);
	}
	i_free(dondoc_plugin_store.path);
}

static bool dondoc_plugin_store_valid(const char *path,
				      unsigned int busy_timeout_msecs)
{
	struct stat st;
	const char *conninfo;

	if (dondoc_plugin_store.store == NULL ||
	    strcmp(dondoc_plugin_store.path, path) != 0 ||
	    dondoc_plugin_store.uid != geteuid() ||
	    dondoc_plugin_store.busy_timeout_msecs != busy_timeout_msecs)
		return FALSE;
	/* a PostgreSQL store is its conninfo; a file, its inode too */
	if (dondoc_store_path_is_pgsql(path, &conninfo))
		return TRUE;
	return stat(path, &st) == 0 &&
		st.st_dev == dondoc_plugin_store.dev &&
		st.st_ino == dondoc_plugin_store.ino;
}

int dondoc_plugin_store_get(struct dondoc_user *duser,
			    struct dondoc_store **store_r,
			    struct dondoc_calendar **cal_r,
			    const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = duser->busy_timeout_msecs,
		/* synced once per commit of the mailbox (below) */
		.relaxed_sync = TRUE,
	};
	struct stat st;
	const char *conninfo;

	if (!dondoc_plugin_store_valid(duser->db_path,
				       duser->busy_timeout_msecs)) {
		dondoc_plugin_store_drop();
		if (dondoc_store_open_with(duser->db_path, &set,
					   &dondoc_plugin_store.store,
					   error_r) < 0)
			return -1;
		if (dondoc_store_path_is_pgsql(duser->db_path, &conninfo))
			i_zero(&st);
		else if (stat(duser->db_path, &st) < 0) {
			*error_r = t_strdup_printf("stat(%s) failed: %m",
						   duser->db_path);
			dondoc_plugin_store_drop();
			return -1;
		}
		dondoc_plugin_store.path = i_strdup(duser->db_path);
		dondoc_plugin_store.uid = geteuid();
		dondoc_plugin_store.dev = st.st_dev;
		dondoc_plugin_store.ino = st.st_ino;
		dondoc_plugin_store.busy_timeout_msecs =
			duser->busy_timeout_msecs;
		dondoc_store_set_actor(dondoc_plugin_store.store, "plugin");
	}
	if (dondoc_store_calendar_get(dondoc_plugin_store.store, cal_r,
				      error_r) < 0) {
		dondoc_plugin_store_drop();
		return -1;
	}
	*store_r = dondoc_plugin_store.store;
	return 0;
}

void dondoc_plugin_store_failed(void)
{
	/* Reopen next time: the error may have left it unusable. */
	dondoc_plugin_store_drop();
}

void dondoc_plugin_store_deinit(void)
{
	dondoc_plugin_store_drop();
}
