/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Running doveconf as a child of the CLI (see cli-doveconf.h) instead of
   letting lib-master re-execute the CLI through it. Trusts doveconf's
   output as Dovecot itself does (it is the configuration); bounds its
   size and its CPU time. Between fork and exec the child calls only
   async-signal-safe functions on values prepared before the fork. */

/* memfd_create */
#define _GNU_SOURCE
#include "lib.h"
#include "buffer.h"
#include "array.h"

#include "cli-doveconf.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* doveconf parses a configuration in milliseconds; a minute of CPU means
   something is wrong */
#define CLI_DOVECONF_CPU_SECS 60

/* lib-master's own: when set, doveconf -e empties the environment of the
   program it runs except for import_environment, as it does for a
   re-executed CLI */
#define CLI_PRESERVE_ENVS_ENV "DOVECOT_PRESERVE_ENVS"

extern char **environ;

static const char *const *cli_doveconf_envp(void)
{
	ARRAY_TYPE(const_string) envs;
	const char *preserve = CLI_PRESERVE_ENVS_ENV"=";
	char **env;

	t_array_init(&envs, 64);
	for (env = environ; env != NULL && *env != NULL; env++)
		array_push_back(&envs, (const char **)env);
	if (getenv(CLI_PRESERVE_ENVS_ENV) == NULL)
		array_push_back(&envs, &preserve);
	array_append_zero(&envs);
	return array_front(&envs);
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void ATTR_NORETURN
cli_doveconf_child(int out_fd, const char *const *argv,
		   const char *const *envp)
{
	struct rlimit fsize = {
		.rlim_cur = CLI_DOVECONF_MAX_OUTPUT + 1,
		.rlim_max = CLI_DOVECONF_MAX_OUTPUT + 1,
	};
	struct rlimit cpu = {
		.rlim_cur = CLI_DOVECONF_CPU_SECS,
		.rlim_max = CLI_DOVECONF_CPU_SECS,
	};

	if (dup2(out_fd, STDOUT_FILENO) < 0)
		_exit(FATAL_EXEC);
	/* a write past the bound kills it (SIGXFSZ): refused, not cut */
	(void)setrlimit(RLIMIT_FSIZE, &fsize);
	(void)setrlimit(RLIMIT_CPU, &cpu);
	execve(argv[0], (char *const *)argv, (char *const *)envp);
	_exit(FATAL_EXEC);
}

static int cli_doveconf_wait(pid_t pid, int *exit_status_r,
			     const char **error_r)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			*error_r = t_strdup_printf("waitpid(doveconf) "
						   "failed: %m");
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status)) {
		*exit_status_r = WEXITSTATUS(status);
		*error_r = t_strdup_printf("%s exited with status %d",
					   DONDOC_DOVECONF_PATH,
					   WEXITSTATUS(status));
	} else {
		*error_r = t_strdup_printf("%s killed by signal %d%s",
			DONDOC_DOVECONF_PATH, WTERMSIG(status),
			WTERMSIG(status) == SIGXFSZ ?
			" (output over the limit)" : "");
	}
	return -1;
}

int cli_doveconf_run(const char *const *args, int *fd_r,
		     int *exit_status_r, const char **error_r)
{
	ARRAY_TYPE(const_string) argv;
	const char *const *envp, *path = DONDOC_DOVECONF_PATH;
	pid_t pid;
	int fd;

	*fd_r = -1;
	*exit_status_r = 0;
	t_array_init(&argv, 16);
	array_push_back(&argv, &path);
	for (; *args != NULL; args++)
		array_push_back(&argv, args);
	array_append_zero(&argv);
	envp = cli_doveconf_envp();

	fd = memfd_create("dondoc-doveconf", MFD_CLOEXEC);
	if (fd < 0) {
		*error_r = t_strdup_printf("memfd_create() failed: %m");
		return -1;
	}
	fflush(stdout);
	if ((pid = fork()) < 0) {
		*error_r = t_strdup_printf("fork() failed: %m");
		i_close_fd(&fd);
		return -1;
	}
	if (pid == 0)
		cli_doveconf_child(fd, array_front(&argv), envp);
	if (cli_doveconf_wait(pid, exit_status_r, error_r) < 0) {
		i_close_fd(&fd);
		return -1;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		*error_r = t_strdup_printf("lseek(doveconf output) failed: %m");
		i_close_fd(&fd);
		return -1;
	}
	*fd_r = fd;
	return 0;
}

int cli_doveconf_read_environ(int fd, const char *const **envs_r,
			      const char **error_r)
{
	ARRAY_TYPE(const_string) envs;
	buffer_t *buf = t_buffer_create(8192);
	const char *p, *end, *entry;
	ssize_t ret;

	unsigned char chunk[8192];

	for (;;) {
		ret = read(fd, chunk, sizeof(chunk));
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0) {
			*error_r = t_strdup_printf("read(doveconf) failed: %m");
			return -1;
		}
		if (ret == 0)
			break;
		if (buf->used + ret > CLI_DOVECONF_MAX_OUTPUT) {
			*error_r = "doveconf's output is over the limit";
			return -1;
		}
		buffer_append(buf, chunk, ret);
	}
	t_array_init(&envs, 128);
	p = buf->data;
	end = p + buf->used;
	while (p < end) {
		const char *nul = memchr(p, '\0', end - p);

		entry = t_strdup_until(p, nul == NULL ? end : nul);
		if (strchr(entry, '=') == NULL || entry[0] == '=') {
			*error_r = t_strdup_printf(
				"doveconf exported an entry without a name: "
				"%s", t_strcut(entry, '\n'));
			return -1;
		}
		array_push_back(&envs, &entry);
		p = nul == NULL ? end : nul + 1;
	}
	array_append_zero(&envs);
	*envs_r = array_front(&envs);
	return 0;
}
