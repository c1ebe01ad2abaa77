/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* Running the dondoc-extract helper on one attachment (see
   dondoc-extractor.h). The delivery process only forks, execs and reads:
   the document is parsed in the helper, under its limits. Between fork
   and exec the child calls only async-signal-safe functions on values
   prepared before the fork. The helper's output is trusted in nothing:
   records are length-checked, and only what fits the output budget is
   read. */

/* memfd_create, pipe2, close_range, memmem */
#define _GNU_SOURCE
#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-extractor.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* output beyond the text budget allowed for the records' own framing and
   the facts and signature records */
#define EXTRACT_OVERHEAD_BYTES 65536

static uint64_t mono_usecs(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
}

static int extract_input_fd(const void *data, size_t size)
{
	const unsigned char *p = data;
	ssize_t ret;
	int fd;

	fd = memfd_create("dondoc-attachment", MFD_CLOEXEC |
			  MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	while (size > 0) {
		ret = write(fd, p, size);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0) {
			i_close_fd(&fd);
			return -1;
		}
		p += ret;
		size -= ret;
	}
	/* the helper reads it; nothing may change it */
	(void)fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		    F_SEAL_WRITE | F_SEAL_SEAL);
	if (lseek(fd, 0, SEEK_SET) < 0) {
		i_close_fd(&fd);
		return -1;
	}
	return fd;
}

static void set_limit(int resource, rlim_t value)
{
	struct rlimit rl = { .rlim_cur = value, .rlim_max = value };

	(void)setrlimit(resource, &rl);
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void ATTR_NORETURN
extract_child(int in_fd, int out_fd, int null_fd,
	      const struct dondoc_extract_limits *limits,
	      char *const argv[], char *const envp[])
{
	struct rlimit cpu = {
		.rlim_cur = limits->cpu_secs,
		.rlim_max = limits->cpu_secs + 1,
	};
	sigset_t none;
	int sig;

	/* its own process group: the parent kills the helper and the tool
	   it runs (pdftotext, antiword) at once */
	(void)setpgid(0, 0);
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	(void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	for (sig = 1; sig < NSIG; sig++)
		(void)signal(sig, SIG_DFL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(in_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
	    dup2(null_fd, STDERR_FILENO) < 0)
		_exit(126);
	(void)close_range(3, ~0U, 0);
	(void)setrlimit(RLIMIT_CPU, &cpu);
	set_limit(RLIMIT_AS, limits->memory_bytes);
	set_limit(RLIMIT_FSIZE, limits->file_bytes);
	set_limit(RLIMIT_NOFILE, 32);
	set_limit(RLIMIT_CORE, 0);
	execve(argv[0], argv, envp);
	_exit(127);
}

struct extract_run {
	pid_t pid;
	int out_fd;
	buffer_t *output;
	bool killed_time, killed_output;
};

static void extract_kill(struct extract_run *run)
{
	(void)kill(-run->pid, SIGKILL);
	(void)kill(run->pid, SIGKILL);
}

/* Read the helper's output until EOF, the wall-clock deadline or the
   output budget, whichever comes first. */
static void extract_read(struct extract_run *run,
			 const struct dondoc_extract_limits *limits,
			 uint64_t start_usecs)
{
	size_t max = limits->output_bytes + EXTRACT_OVERHEAD_BYTES;
	uint64_t deadline = start_usecs + limits->wall_msecs * 1000ULL, now;
	struct pollfd pfd = { .fd = run->out_fd, .events = POLLIN };
	unsigned char buf[IO_BLOCK_SIZE];
	ssize_t ret;
	int pret;

	for (;;) {
		now = mono_usecs();
		if (now >= deadline) {
			run->killed_time = TRUE;
			break;
		}
		pret = poll(&pfd, 1, (deadline - now + 999) / 1000);
		if (pret < 0 && errno == EINTR)
			continue;
		if (pret == 0) {
			run->killed_time = TRUE;
			break;
		}
		if (pret < 0)
			break;
		ret = read(run->out_fd, buf, sizeof(buf));
		if (ret < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (ret <= 0)
			return;
		if (run->output->used + ret > max) {
			buffer_append(run->output, buf, max - run->output->used);
			run->killed_output = TRUE;
			break;
		}
		buffer_append(run->output, buf, ret);
	}
	extract_kill(run);
}

/* Wait for the helper to exit, up to the wall-clock deadline (it may
   close its output and linger): then SIGKILL. A SIGCHLD handler elsewhere
   in the process (Dovecot's child-wait) may reap it first: then FALSE,
   and only the output tells. */
static bool extract_wait(struct extract_run *run,
			 const struct dondoc_extract_limits *limits,
			 uint64_t start_usecs, int *status_r)
{
	uint64_t deadline = start_usecs + limits->wall_msecs * 1000ULL;
	pid_t ret;

	for (;;) {
		ret = waitpid(run->pid, status_r, WNOHANG);
		if (ret == run->pid)
			return TRUE;
		if (ret < 0 && errno != EINTR)
			return FALSE;
		if (ret == 0 && mono_usecs() >= deadline) {
			run->killed_time = TRUE;
			extract_kill(run);
			while ((ret = waitpid(run->pid, status_r, 0)) < 0 &&
			       errno == EINTR) ;
			return ret == run->pid;
		}
		if (ret == 0)
			usleep(1000);
	}
}

/* A field of an S record, as valid UTF-8 without control characters
   (it reaches JSON, logs and Sieve variables), at most 512 bytes. */
static const char *field_value(const char *const *fields, const char *key)
{
	size_t len = strlen(key);
	const char *value = NULL;
	string_t *clean;
	size_t i, vlen;

	for (; *fields != NULL; fields++) {
		if (strncmp(*fields, key, len) == 0 && (*fields)[len] == '=') {
			value = *fields + len + 1;
			break;
		}
	}
	if (value == NULL || *value == '\0')
		return NULL;
	vlen = I_MIN(strlen(value), 512);
	clean = t_str_new(vlen + 8);
	if (uni_utf8_get_valid_data((const void *)value, vlen, clean))
		str_append_data(clean, value, vlen);
	for (i = 0; i < str_len(clean); i++) {
		if ((unsigned char)str_c(clean)[i] < 0x20 ||
		    str_c(clean)[i] == 0x7f)
			str_c_modifiable(clean)[i] = ' ';
	}
	return str_c(clean);
}

/* One S record: the helper's readings, and our verdict. Valid needs all
   of: the signature verifies (poppler), its certificate chains to a CA of
   dondoc_pdf_ca, and it covers the whole file. */
static void extract_signature(pool_t pool, const char *record,
			      const struct dondoc_extract_limits *limits,
			      struct dondoc_extract_result *result)
{
	const char *const *fields = (const char *const *)
		t_strsplit(record, "\t");
	struct dondoc_pdf_signature *sig = p_new(pool, struct dondoc_pdf_signature, 1);
	const char *end = field_value(fields, "range_end");
	const char *v;

	sig->crypto = p_strdup(pool, field_value(fields, "status"));
	sig->certificate = p_strdup(pool, field_value(fields, "certificate"));
	sig->signer = p_strdup(pool, field_value(fields, "signer"));
	sig->subject = p_strdup(pool, field_value(fields, "subject"));
	sig->organisation = p_strdup(pool, field_value(fields, "organisation"));
	sig->time = p_strdup(pool, field_value(fields, "time"));
	v = field_value(fields, "whole_file");
	sig->whole_file = v != NULL && strcmp(v, "1") == 0;
	if (sig->crypto == NULL || strcmp(sig->crypto, "valid") != 0) {
		sig->reason = p_strconcat(pool, "signature ",
			sig->crypto == NULL ? "unreadable" :
			t_str_replace(sig->crypto, '_', ' '), NULL);
	} else if (limits->pdf_ca == NULL) {
		sig->reason = "no CA configured";
	} else if (sig->certificate == NULL ||
		   strcmp(sig->certificate, "trusted") != 0) {
		sig->reason = p_strconcat(pool, "certificate ",
			sig->certificate == NULL ? "unknown" :
			t_str_replace(sig->certificate, '_', ' '), NULL);
	} else if (!sig->whole_file) {
		sig->reason = "does not cover the whole file";
	}
	sig->status = sig->reason == NULL ? "valid" : "invalid";
	if (end == NULL || str_to_uoff(end, &sig->range_end) < 0)
		sig->range_end = 0;
	/* keep the one that covers most of the file (the last applied) */
	if (result->signature == NULL ||
	    sig->range_end >= result->signature->range_end)
		result->signature = sig;
}

static void extract_parse(pool_t pool, const buffer_t *output,
			  const struct dondoc_extract_limits *limits,
			  string_t *text, struct dondoc_extract_result *result,
			  bool *ended_r, const char **warning_r)
{
	const char *p = output->data, *end = p + output->used, *nl;
	size_t text_room = limits->output_bytes;
	unsigned long long len;

	*ended_r = FALSE;
	*warning_r = NULL;
	while (p < end) {
		char tag = *p;
		const char *body;

		nl = memchr(p, '\n', I_MIN((size_t)(end - p), 32));
		if (nl == NULL || nl - p < 3 || p[1] != ' ' ||
		    str_to_ullong(t_strdup_until(p + 2, nl), &len) < 0)
			return;
		body = nl + 1;
		if (len > (size_t)(end - body) || body + len >= end ||
		    body[len] != '\n') {
			/* cut in the middle of a record */
			if (tag == 'T' && body < end) {
				len = I_MIN((size_t)(end - body), text_room);
				str_append_data(text, body, len);
			}
			return;
		}
		switch (tag) {
		case 'T':
			str_append_data(text, body, I_MIN(len, text_room));
			text_room -= I_MIN(len, text_room);
			break;
		case 'I': {
			const char *fact = t_strndup(body, len);
			unsigned int n;

			if (str_begins_with(fact, "pages=") &&
			    str_to_uint(fact + 6, &n) == 0)
				result->pages = n;
			else if (str_begins_with(fact, "text_pages=") &&
				 str_to_uint(fact + 11, &n) == 0)
				result->text_pages = n;
			else if (str_begins_with(fact, "signatures=") &&
				 str_to_uint(fact + 11, &n) == 0)
				result->signatures = n;
			else if (strcmp(fact, "scanned=1") == 0)
				result->scanned = TRUE;
			break;
		}
		case 'S':
			extract_signature(pool, t_strndup(body, len), limits,
					  result);
			break;
		case 'W':
			if (*warning_r == NULL)
				*warning_r = p_strndup(pool, body,
						       I_MIN(len, 200));
			break;
		case 'E':
			*ended_r = TRUE;
			return;
		default:
			return;
		}
		p = body + len + 1;
	}
}

static const char *extract_exit_reason(int status, bool have_status)
{
	if (!have_status)
		return NULL;
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGXCPU)
			return "extractor CPU limit reached";
		/* SIGKILL: the hard CPU limit, or someone else (ours are
		   told apart before this) */
		if (WTERMSIG(status) == SIGKILL)
			return "extractor killed";
		return t_strdup_printf("extractor killed by signal %d",
				       WTERMSIG(status));
	}
	/* it was there (access() above): exec or the dynamic loader failed,
	   as under too small an address space */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return "extractor could not start";
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return "extractor failed";
	return NULL;
}

void dondoc_extract_run(enum dondoc_extract_kind kind, const void *data,
			size_t size, const struct dondoc_extract_limits *limits,
			pool_t pool, string_t *text,
			struct dondoc_extract_result *result_r)
{
	static char *const envp[] = {
		"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
		"HOME=/nonexistent", NULL
	};
	struct extract_run run = { .pid = -1, .out_fd = -1 };
	char *argv[5];
	const char *warning, *reason = NULL;
	uint64_t start = mono_usecs();
	int in_fd, pipe_fds[2], null_fd, status = 0;
	bool ended, have_status = FALSE;

	i_zero(result_r);
	result_r->status = "unavailable";
	if (limits->path == NULL || *limits->path == '\0') {
		result_r->reason = "extractor disabled";
		return;
	}
	if (access(limits->path, X_OK) < 0) {
		result_r->reason = "extractor not installed";
		return;
	}
	argv[0] = t_strdup_noconst(limits->path);
	argv[1] = kind == DONDOC_EXTRACT_PDF ? "pdf" : "doc";
	argv[2] = limits->pdf_ca == NULL ? NULL : "--ca";
	argv[3] = t_strdup_noconst(limits->pdf_ca);
	argv[4] = NULL;

	if ((in_fd = extract_input_fd(data, size)) < 0) {
		result_r->reason = "extractor could not be started";
		return;
	}
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd < 0 || pipe2(pipe_fds, O_CLOEXEC) < 0) {
		i_close_fd(&in_fd);
		if (null_fd >= 0)
			i_close_fd(&null_fd);
		result_r->reason = "extractor could not be started";
		return;
	}
	run.pid = fork();
	if (run.pid == 0)
		extract_child(in_fd, pipe_fds[1], null_fd, limits, argv, envp);
	i_close_fd(&in_fd);
	i_close_fd(&null_fd);
	i_close_fd(&pipe_fds[1]);
	run.out_fd = pipe_fds[0];
	if (run.pid < 0) {
		i_close_fd(&run.out_fd);
		result_r->reason = "extractor could not be started";
		return;
	}
	/* the child may not have called setpgid() yet: set it from here
	   too, so that the group kill cannot miss */
	(void)setpgid(run.pid, run.pid);
	run.output = buffer_create_dynamic(default_pool, 16384);
	extract_read(&run, limits, start);
	i_close_fd(&run.out_fd);
	have_status = extract_wait(&run, limits, start, &status);
	/* the tool the helper ran may outlive it */
	(void)kill(-run.pid, SIGKILL);
	result_r->usecs = mono_usecs() - start;

	extract_parse(pool, run.output, limits, text, result_r, &ended,
		      &warning);
	buffer_free(&run.output);
	if (run.killed_time)
		reason = "extractor time limit reached";
	else if (run.killed_output)
		reason = "extractor output limit reached";
	else if ((reason = extract_exit_reason(status, have_status)) != NULL)
		;
	else if (!ended)
		reason = "extractor ended early";
	else if (warning != NULL)
		reason = warning;
	result_r->status = reason == NULL ? "ok" : "partial";
	result_r->reason = reason == NULL ? NULL : p_strdup(pool, reason);
}
