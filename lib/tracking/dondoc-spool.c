/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The spool of deferred work (see dondoc-spool.h). An entry is two files
   in new/: NAME.eml (the message) and NAME.meta ("key: value" lines, every
   value sanitised of CR/LF). Written under tmp/ first, the .eml renamed
   before the .meta, so an entry exists exactly when its .meta does. NAME
   ends in a hash of the sender, so that the per-sender bound is counted
   from the names alone. Trusts nothing read back from the directory: a
   .meta is bounded, unknown keys are ignored, an unreadable entry is
   reported as such (and moved aside by the replay). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "ostream.h"
#include "hostpid.h"
#include "time-util.h"
#include "fdatasync-path.h"
#include "crc32.h"
#include "str-sanitize.h"
#include "dondoc-spool.h"

#include <stdio.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#define SPOOL_MAX_META_BYTES 16384
#define SPOOL_MAX_ENTRIES 10000

const struct dondoc_spool_limits dondoc_spool_limits_default = {
	.max_bytes = DONDOC_SPOOL_DEFAULT_MAX_BYTES,
	.max_entries = DONDOC_SPOOL_DEFAULT_MAX_ENTRIES,
	.max_per_sender = DONDOC_SPOOL_DEFAULT_MAX_PER_SENDER,
};

static const char *const spool_action_names[] = {
	[DONDOC_SPOOL_RECORD] = "record",
	[DONDOC_SPOOL_CONFIRM] = "confirm",
	[DONDOC_SPOOL_ESCALATE] = "escalate",
	[DONDOC_SPOOL_OUTGOING] = "outgoing",
	[DONDOC_SPOOL_STATUS] = "status",
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

/* "s" + 8 hex digits of the sender (case folded): the last part of an
   entry's name. */
static const char *spool_sender_tag(const struct dondoc_spool_entry *entry)
{
	const char *sender = entry->envelope_sender != NULL &&
		entry->envelope_sender[0] != '\0' ? entry->envelope_sender :
		entry->sender != NULL ? entry->sender : "";

	return t_strdup_printf("s%08x", crc32_str(t_str_lcase(sender)));
}

/* Would one more entry of size bytes from sender_tag stay within limits?
   Counts what new/ and tmp/ hold. */
static int spool_check_limits(const char *dir,
			      const struct dondoc_spool_limits *limits,
			      const char *sender_tag, uoff_t size,
			      const char **error_r)
{
	const char *const subdirs[] = { "/new", "/tmp" };
	unsigned int i, entries = 0, same_sender = 0;
	uoff_t bytes = size;
	struct dirent *d;
	struct stat st;
	size_t len, tag_len = strlen(sender_tag);
	DIR *dirp;

	for (i = 0; i < N_ELEMENTS(subdirs); i++) {
		const char *path = t_strconcat(dir, subdirs[i], NULL);

		if ((dirp = opendir(path)) == NULL) {
			*error_r = t_strdup_printf("opendir(%s) failed: %m",
						   path);
			return -1;
		}
		while ((d = readdir(dirp)) != NULL) {
			if (d->d_name[0] == '.')
				continue;
			if (fstatat(dirfd(dirp), d->d_name, &st, 0) == 0)
				bytes += st.st_size;
			len = strlen(d->d_name);
			if (i == 0 && len > 5 &&
			    strcmp(d->d_name + len - 5, ".meta") == 0) {
				entries++;
				if (len > 5 + tag_len &&
				    strncmp(d->d_name + len - 5 - tag_len,
					    sender_tag, tag_len) == 0)
					same_sender++;
			}
		}
		(void)closedir(dirp);
	}
	if (limits->max_entries != 0 && entries >= limits->max_entries) {
		*error_r = t_strdup_printf("spool full: %u entries "
			"(dondoc_spool_max_entries)", entries);
		return -1;
	}
	if (limits->max_per_sender != 0 &&
	    same_sender >= limits->max_per_sender) {
		*error_r = t_strdup_printf("spool full for this sender: %u "
			"entries (dondoc_spool_max_per_sender)", same_sender);
		return -1;
	}
	if (limits->max_bytes != 0 && bytes > limits->max_bytes) {
		*error_r = t_strdup_printf("spool full: %llu bytes with this "
			"entry (dondoc_spool_max_size)",
			(unsigned long long)bytes);
		return -1;
	}
	return 0;
}

int dondoc_spool_write(const char *dir,
		       const struct dondoc_spool_limits *limits,
		       const struct dondoc_spool_entry *entry,
		       struct istream *input, const char **name_r,
		       const char **error_r)
{
	string_t *meta = t_str_new(512);
	const char *name, *tmp, *new, *tag;
	struct timeval tv;
	uoff_t size;

	if (limits == NULL)
		limits = &dondoc_spool_limits_default;
	if (spool_mkdirs(dir, error_r) < 0)
		return -1;
	tag = spool_sender_tag(entry);
	if (i_stream_get_size(input, TRUE, &size) <= 0)
		size = 0;
	if (spool_check_limits(dir, limits, tag, size, error_r) < 0)
		return -1;
	i_gettimeofday(&tv);
	name = t_strdup_printf("%ld.%06ld.%s.%s.%s", (long)tv.tv_sec,
			       (long)tv.tv_usec, my_pid,
			       dondoc_spool_action_name(entry->action), tag);
	meta_line(meta, "action", dondoc_spool_action_name(entry->action));
	meta_line(meta, "reason", entry->reason);
	meta_line(meta, "to", entry->to);
	meta_line(meta, "envelope-sender", entry->envelope_sender);
	meta_line(meta, "recipient-detail", entry->recipient_detail);
	str_printfa(meta, "received-at: %ld\n", (long)entry->received_at);
	meta_line(meta, "sender", entry->sender);
	meta_line(meta, "task", entry->task);
	if (entry->decide_at_replay)
		meta_line(meta, "decide", "replay");
	meta_line(meta, "store", entry->store);
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

int dondoc_spool_meta_parse(const char *data, size_t size, pool_t pool,
			    struct dondoc_spool_entry *entry,
			    const char **error_r)
{
	const char *const *lines, *const *line, *value;
	bool have_action = FALSE;

	if (memchr(data, '\0', size) != NULL) {
		*error_r = "NUL byte";
		return -1;
	}
	lines = t_strsplit(t_strndup(data, size), "\n");
	for (line = lines; *line != NULL; line++) {
		value = strstr(*line, ": ");
		if (value == NULL)
			continue;
		const char *key = t_strdup_until(*line, value);
		value = p_strdup(pool, value + 2);
		if (strcmp(key, "action") == 0) {
			if (!spool_action_parse(value, &entry->action)) {
				*error_r = t_strdup_printf(
					"unknown action %s",
					str_sanitize(value, 64));
				return -1;
			}
			have_action = TRUE;
		} else if (strcmp(key, "reason") == 0)
			entry->reason = value;
		else if (strcmp(key, "to") == 0)
			entry->to = value;
		else if (strcmp(key, "envelope-sender") == 0)
			entry->envelope_sender = value;
		else if (strcmp(key, "recipient-detail") == 0)
			entry->recipient_detail = value;
		else if (strcmp(key, "decide") == 0)
			entry->decide_at_replay = strcmp(value, "replay") == 0;
		else if (strcmp(key, "received-at") == 0)
			entry->received_at = (time_t)strtoll(value, NULL, 10);
		else if (strcmp(key, "error") == 0)
			entry->error = value;
		else if (strcmp(key, "sender") == 0)
			entry->sender = value;
		else if (strcmp(key, "task") == 0)
			entry->task = value;
		else if (strcmp(key, "store") == 0)
			entry->store = value;
	}
	if (!have_action) {
		*error_r = "no action";
		return -1;
	}
	return 0;
}

static int spool_read_meta(const char *path, pool_t pool,
			   struct dondoc_spool_entry *entry,
			   const char **error_r)
{
	char buf[SPOOL_MAX_META_BYTES];
	const char *error;
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
	if (dondoc_spool_meta_parse(buf, n, pool, entry, &error) < 0) {
		*error_r = t_strdup_printf("%s: %s", path, error);
		return -1;
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
	const char *error;
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
				    pool, entry, &error) < 0) {
			/* Listed all the same: the replay moves it aside. */
			entry->invalid = p_strdup(pool, error);
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

int dondoc_spool_quarantine(const char *dir,
			    const struct dondoc_spool_entry *entry,
			    const char *why, const char **error_r)
{
	const char *qdir = t_strconcat(dir, "/quarantine", NULL);
	const char *from = t_strdup_printf("%s/new/%s", dir, entry->name);
	const char *to = t_strdup_printf("%s/%s", qdir, entry->name);
	string_t *text = t_str_new(256);

	if (mkdir(qdir, 0700) < 0 && errno != EEXIST) {
		*error_r = t_strdup_printf("mkdir(%s) failed: %m", qdir);
		return -1;
	}
	meta_line(text, "quarantined", why);
	i_unlink_if_exists(t_strconcat(to, ".why", NULL));
	if (spool_write_file(t_strconcat(to, ".why", NULL), str_data(text),
			     str_len(text), NULL, error_r) < 0)
		return -1;
	/* The .meta first: without it the entry is out of new/ at once. */
	if (rename(t_strconcat(from, ".meta", NULL),
		   t_strconcat(to, ".meta", NULL)) < 0) {
		*error_r = t_strdup_printf("rename(%s.meta) failed: %m", from);
		return -1;
	}
	if (rename(t_strconcat(from, ".eml", NULL),
		   t_strconcat(to, ".eml", NULL)) < 0 && errno != ENOENT) {
		*error_r = t_strdup_printf("rename(%s.eml) failed: %m", from);
		return -1;
	}
	if (fdatasync_path(qdir) < 0) {
		*error_r = t_strdup_printf("fdatasync(%s) failed: %m", qdir);
		return -1;
	}
	return 0;
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
