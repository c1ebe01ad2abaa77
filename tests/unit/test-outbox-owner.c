/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for dondoc_actions_owner_gone() (lib/tracking/dondoc-actions.c):
   a claim owner is gone only when it names a process of this host that
   has exited; our own process, a live one, another host and text that is
   no owner are never gone. Trusts: fork() and waitpid() of this host. */

#include "lib.h"
#include "hostpid.h"
#include "test-common.h"
#include "dondoc-store.h"
#include "dondoc-actions.h"

#include <sys/wait.h>
#include <unistd.h>

static const char *owner_of(const char *host, long pid)
{
	return t_strdup_printf("%s:%ld:0123456789abcdef", host, pid);
}

static void test_owner_gone(void)
{
	const char *host = t_strcut(my_hostname, '.');
	pid_t child;
	int status;

	test_begin("outbox owner: a process of this host that exited is gone");
	child = fork();
	if (child == 0)
		_exit(0);
	test_assert(child > 0);
	test_assert(waitpid(child, &status, 0) == child);
	test_assert(dondoc_actions_owner_gone(owner_of(host, child)));
	test_end();

	test_begin("outbox owner: never gone when unsure");
	/* ourselves, made here or as the process owner */
	test_assert(!dondoc_actions_owner_gone(dondoc_actions_new_owner()));
	test_assert(!dondoc_actions_owner_gone(owner_of(host, getpid())));
	/* alive: our parent; init (pid 1 is never judged) */
	test_assert(!dondoc_actions_owner_gone(owner_of(host, getppid())));
	test_assert(!dondoc_actions_owner_gone(owner_of(host, 1)));
	/* the exited child, named by another host */
	test_assert(!dondoc_actions_owner_gone(owner_of(
		t_strconcat(host, "x", NULL), child)));
	/* not owners */
	test_assert(!dondoc_actions_owner_gone(NULL));
	test_assert(!dondoc_actions_owner_gone(""));
	test_assert(!dondoc_actions_owner_gone("L"));
	test_assert(!dondoc_actions_owner_gone(":"));
	test_assert(!dondoc_actions_owner_gone("::"));
	test_assert(!dondoc_actions_owner_gone(t_strdup_printf("%s::x", host)));
	test_assert(!dondoc_actions_owner_gone(owner_of(host, 0)));
	test_assert(!dondoc_actions_owner_gone(owner_of(host, -5)));
	test_assert(!dondoc_actions_owner_gone(t_strdup_printf(
		"%s:99999999999999999999:x", host)));
	test_assert(!dondoc_actions_owner_gone(t_strdup_printf(
		"%s:+%d:x", host, child)));
	test_assert(!dondoc_actions_owner_gone(t_strdup_printf(
		"%s:%d", host, child)));
	/* longer than any owner the store keeps */
	test_assert(!dondoc_actions_owner_gone(t_strdup_printf("%s:%d:%s",
		host, child, t_strdup_printf("%0*d", DONDOC_OUTBOX_MAX_OWNER, 0))));
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_owner_gone,
		NULL
	};

	return test_run(test_functions);
}
