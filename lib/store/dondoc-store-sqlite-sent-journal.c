/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's sent journal, a file next to the store: what the
   outbox (dondoc-store-outbox.c) writes for a mail sent whose mark
   failed, and reads before sending again a mail whose earlier attempt
   had begun. Trusts the outbox for the id and Message-ID (validated by
   the front end); trusts nothing it reads back. */

#include "lib.h"
#include "dondoc-store-sqlite-private.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The sent journal, "<store>.sent-journal": one line "<id> <Message-ID>"
   per mail that was sent but could not be marked sent (the store busy or
   failing at that moment). Written only then, synced; read only before
   a send whose earlier attempt had begun, to mark it sent instead of
   sending it again. Bounded: past OUTBOX_JOURNAL_MAX it is not written
   (the mail may then be sent twice, logged). */
#define OUTBOX_JOURNAL_SUFFIX ".sent-journal"
#define OUTBOX_JOURNAL_MAX (1024 * 1024)

int sqlite_sent_journal_add(struct dondoc_store *store, int64_t id,
			    const char *message_id, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *path = t_strconcat(s->path, OUTBOX_JOURNAL_SUFFIX, NULL);
	const char *line = t_strdup_printf("%lld %s\n", (long long)id,
					   message_id);
	struct stat st;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		*error_r = t_strdup_printf("fstat(%s) failed: %m", path);
		ret = -1;
	} else if (st.st_size + (off_t)strlen(line) > OUTBOX_JOURNAL_MAX) {
		*error_r = t_strdup_printf("%s is full (%d bytes)", path,
					   OUTBOX_JOURNAL_MAX);
		ret = -1;
	} else if (write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
		   fdatasync(fd) < 0) {
		*error_r = t_strdup_printf("write(%s) failed: %m", path);
		ret = -1;
	}
	i_close_fd(&fd);
	return ret;
}

/* Is "<id> <message_id>" a line of the sent journal? */
bool sqlite_sent_journal_has(struct dondoc_store *store, int64_t id,
			     const char *message_id)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *path = t_strconcat(s->path, OUTBOX_JOURNAL_SUFFIX, NULL);
	const char *line = t_strdup_printf("%lld %s\n", (long long)id,
					   message_id);
	size_t len = strlen(line);
	char *buf, *p;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return FALSE;
	buf = t_malloc0(OUTBOX_JOURNAL_MAX + 2);
	buf[0] = '\n';
	n = read(fd, buf + 1, OUTBOX_JOURNAL_MAX);
	i_close_fd(&fd);
	if (n <= 0)
		return FALSE;
	for (p = buf; (p = strstr(p, line)) != NULL; p++) {
		if (p > buf && p[-1] == '\n')
			return TRUE;
		if ((size_t)(p - buf) + len > (size_t)n + 1)
			break;
	}
	return FALSE;
}
