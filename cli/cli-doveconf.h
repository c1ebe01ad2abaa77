/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef CLI_DOVECONF_H
#define CLI_DOVECONF_H

/* doveconf's output, bounded: more than this is refused */
#define CLI_DOVECONF_MAX_OUTPUT (16 * 1024 * 1024)

/* Run doveconf once as a child with args (args[0] is doveconf's own
   argument, not its path), its standard output into an unlinked memory
   file: the CLI reads Dovecot's configuration without re-executing
   itself through doveconf (which loads every library of the CLI a second
   time). doveconf's standard error is ours. Returns 0 with *fd_r (the
   output, at offset 0, at most CLI_DOVECONF_MAX_OUTPUT bytes); -1 with
   *error_r when doveconf could not run, and then *exit_status_r is
   doveconf's own nonzero exit status (0 if it did not exit by itself),
   which a re-executed CLI would have exited with. */
int cli_doveconf_run(const char *const *args, int *fd_r,
		     int *exit_status_r, const char **error_r);

/* The environment doveconf -e gave its program (env -0: NUL-separated
   NAME=VALUE) read from fd into *envs_r (NULL-terminated, data stack).
   -1 with *error_r on a read error or an entry without '='. */
int cli_doveconf_read_environ(int fd, const char *const **envs_r,
			      const char **error_r);

#endif
