/* The spool of deferred work (see dondoc-spool.h). An entry is two files
   in new/: NAME.eml (the message) and NAME.meta ("key: value" lines, every
   value sanitised of CR/LF). Written under tmp/ first, the .eml renamed
   before the .meta, so an entry exists exactly when its .meta does. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "ostream.h"
#include "hostpid.h"
#include "time-util.h"
#include "fdatasync-path.h"
#include "dondoc-spool.h"

#include <stdio.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#define SPOOL_MAX_META_BYTES 16384
#define SPOOL_MAX_ENTRIES 10000

static const char *const spool_action_names[] = {
	[DONDOC_SPOOL_RECORD] = "record",
	[DONDOC_SPOOL_CONFIRM] = "confirm",
	[DONDOC_SPOOL_ESCALATE] = "escalate",
	[DONDOC_SPOOL_OUTGOING] = "outgoing",
};

const char *dondoc_spool_action_name(enum dondoc_spool_action action)
{
	i_assert(action < N_ELEMENTS(spool_action_names));
	return spool_action_names[action];
}

static bool spool_action_parse(const char *name,
			       enum dondoc_spool_action *action_r)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(spool_action_names); i++) {
		if (strcmp(name, spool_action_names[i]) == 0) {
			*action_r = i;
			return TRUE;
		}
	}
	return FALSE;
}

static int spool_mkdirs(const char *dir, const char **error_r)
{
	const char *const subdirs[] = { "", "/tmp", "/new" };
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(subdirs); i++) {
		const char *path = t_strconcat(dir, subdirs[i], NULL);

		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*error_r = t_strdup_printf("mkdir(%s) failed: %m",
						   path);
			return -1;
		}
	}
	return 0;
}

static void meta_line(string_t *meta, const char *key, const char *value)
{
	const char *p;

	if (value == NULL)
		return;
	str_printfa(meta, "%s: ", key);
	for (p = value; *p != '\0'; p++)
		str_append_c(meta, *p == '\r' || *p == '\n' ? ' ' : *p);
	str_append_c(meta, '\n');
}

static int spool_write_file(const char *path, const void *data, size_t size,
			    struct istream *input, const char **error_r)
{
	struct ostream *output;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	output = o_stream_create_fd_autoclose(&fd, 0);
	o_stream_cork(output);
	if (input != NULL) {
		i_stream_seek(input, 0);
		if (o_stream_send_istream(output, input) !=
		    OSTREAM_SEND_ISTREAM_RESULT_FINISHED) {
			*error_r = t_strdup_printf("copy to %s failed: %s",
				path, input->stream_errno != 0 ?
				i_stream_get_error(input) :
				o_stream_get_error(output));
			ret = -1;
		}
	} else {
		o_stream_nsend(output, data, size);
	}
	if (ret == 0 && (o_stream_finish(output) < 0 ||
			 fdatasync(o_stream_get_fd(output)) < 0)) {
		*error_r = t_strdup_printf("write(%s) failed: %s", path,
					   o_stream_get_error(output));
		ret = -1;
	}
	o_stream_destroy(&output);
	if (ret < 0)
		i_unlink_if_exists(path);
	return ret;
}

int dondoc_spool_write(const char *dir, const struct dondoc_spool_entry *entry,
		       struct istream *input, const char **name_r,
		       const char **error_r)
{
	string_t *meta = t_str_new(512);
	const char *name, *tmp, *new;
	struct timeval tv;

	if (spool_mkdirs(dir, error_r) < 0)
		return -1;
	i_gettimeofday(&tv);
	name = t_strdup_printf("%ld.%06ld.%s.%s", (long)tv.tv_sec,
			       (long)tv.tv_usec, my_pid,
			       dondoc_spool_action_name(entry->action));
	meta_line(meta, "action", dondoc_spool_action_name(entry->action));
	meta_line(meta, "reason", entry->reason);
	meta_line(meta, "to", entry->to);
	meta_line(meta, "envelope-sender", entry->envelope_sender);
	meta_line(meta, "recipient-detail", entry->recipient_detail);
	str_printfa(meta, "received-at: %ld\n", (long)entry->received_at);
	meta_line(meta, "sender", entry->sender);
	meta_line(meta, "task", entry->task);
	meta_line(meta, "error", entry->error);

	tmp = t_strdup_printf("%s/tmp/%s", dir, name);
	new = t_strdup_printf("%s/new/%s", dir, name);
	if (spool_write_file(t_strconcat(tmp, ".eml", NULL), NULL, 0, input,
			     error_r) < 0)
		return -1;
	if (spool_write_file(t_strconcat(tmp, ".meta", NULL), str_data(meta),
			     str_len(meta), NULL, error_r) < 0) {
		i_unlink_if_exists(t_strconcat(tmp, ".eml", NULL));
		return -1;
	}
	if (rename(t_strconcat(tmp, ".eml", NULL),
		   t_strconcat(new, ".eml", NULL)) < 0 ||
	    rename(t_strconcat(tmp, ".meta", NULL),
		   t_strconcat(new, ".meta", NULL)) < 0) {
		*error_r = t_strdup_printf("rename(%s) failed: %m", tmp);
		i_unlink_if_exists(t_strconcat(tmp, ".eml", NULL));
		i_unlink_if_exists(t_strconcat(tmp, ".meta", NULL));
		i_unlink_if_exists(t_strconcat(new, ".eml", NULL));
		return -1;
	}
	/* The files' data is on disk (fdatasync above); their names in new/
	   are only once the directory is: else a power cut after the
	   delivery is acknowledged could lose the entry. */
	if (fdatasync_path(t_strconcat(dir, "/new", NULL)) < 0) {
		*error_r = t_strdup_printf("fdatasync(%s/new) failed: %m",
					   dir);
		(void)dondoc_spool_remove_name(dir, name, error_r);
		return -1;
	}
	if (name_r != NULL)
		*name_r = name;
	return 0;
}

static int spool_read_meta(const char *path, pool_t pool,
			   struct dondoc_spool_entry *entry,
			   const char **error_r)
{
	char buf[SPOOL_MAX_META_BYTES];
	const char *const *lines, *const *line, *value;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	i_close_fd(&fd);
	if (n < 0) {
		*error_r = t_strdup_printf("read(%s) failed: %m", path);
		return -1;
	}
	buf[n] = '\0';
	lines = t_strsplit(buf, "\n");
	for (line = lines; *line != NULL; line++) {
		value = strstr(*line, ": ");
		if (value == NULL)
			continue;
		const char *key = t_strdup_until(*line, value);
		value = p_strdup(pool, value + 2);
		if (strcmp(key, "action") == 0) {
			if (!spool_action_parse(value, &entry->action)) {
				*error_r = t_strdup_printf(
					"%s: unknown action %s", path, value);
				return -1;
			}
		} else if (strcmp(key, "reason") == 0)
			entry->reason = value;
		else if (strcmp(key, "to") == 0)
			entry->to = value;
		else if (strcmp(key, "envelope-sender") == 0)
			entry->envelope_sender = value;
		else if (strcmp(key, "recipient-detail") == 0)
			entry->recipient_detail = value;
		else if (strcmp(key, "received-at") == 0)
			entry->received_at = (time_t)strtoll(value, NULL, 10);
		else if (strcmp(key, "error") == 0)
			entry->error = value;
		else if (strcmp(key, "sender") == 0)
			entry->sender = value;
		else if (strcmp(key, "task") == 0)
			entry->task = value;
	}
	return 0;
}

static int spool_name_cmp(const struct dondoc_spool_entry *a,
			  const struct dondoc_spool_entry *b)
{
	return strcmp(a->name, b->name);
}

int dondoc_spool_list(const char *dir, pool_t pool,
		      ARRAY_TYPE(dondoc_spool_entry) *entries,
		      const char **error_r)
{
	const char *newdir = t_strconcat(dir, "/new", NULL);
	struct dondoc_spool_entry *entry;
	struct dirent *d;
	DIR *dirp;
	size_t len;
	int ret = 0;

	dirp = opendir(newdir);
	if (dirp == NULL) {
		if (errno == ENOENT)
			return 0;
		*error_r = t_strdup_printf("opendir(%s) failed: %m", newdir);
		return -1;
	}
	while ((d = readdir(dirp)) != NULL &&
	       array_count(entries) < SPOOL_MAX_ENTRIES) {
		len = strlen(d->d_name);
		if (len < 6 || strcmp(d->d_name + len - 5, ".meta") != 0)
			continue;
		entry = array_append_space(entries);
		entry->name = p_strndup(pool, d->d_name, len - 5);
		if (spool_read_meta(t_strdup_printf("%s/%s", newdir, d->d_name),
				    pool, entry, error_r) < 0) {
			ret = -1;
			break;
		}
	}
	(void)closedir(dirp);
	array_sort(entries, spool_name_cmp);
	return ret;
}

const char *dondoc_spool_message_path(const char *dir,
				      const struct dondoc_spool_entry *entry)
{
	return t_strdup_printf("%s/new/%s.eml", dir, entry->name);
}

int dondoc_spool_remove(const char *dir, const struct dondoc_spool_entry *entry,
			const char **error_r)
{
	return dondoc_spool_remove_name(dir, entry->name, error_r);
}

int dondoc_spool_remove_name(const char *dir, const char *name,
			     const char **error_r)
{
	const char *base = t_strdup_printf("%s/new/%s", dir, name);

	/* The .meta first: without it the entry no longer exists. */
	if (unlink(t_strconcat(base, ".meta", NULL)) < 0 ||
	    unlink(t_strconcat(base, ".eml", NULL)) < 0) {
		*error_r = t_strdup_printf("unlink(%s) failed: %m", base);
		return -1;
	}
	return 0;
}
