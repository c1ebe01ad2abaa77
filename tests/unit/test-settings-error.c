/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the settings errors a process remembers
   (lib/tracking/dondoc-settings-error.c): an error is new once per user
   and text, a cleared user's error is new again, and no more than
   DONDOC_SETTINGS_ERROR_MAX_USERS users are remembered (the oldest is
   forgotten). Trusts nothing. */

#include "lib.h"
#include "test-common.h"
#include "dondoc-settings-error.h"

static void test_settings_error_once(void)
{
	test_begin("settings error: new once per user and text");
	test_assert(dondoc_settings_error_is_new("tgv", "bad value"));
	test_assert(!dondoc_settings_error_is_new("tgv", "bad value"));
	test_assert(!dondoc_settings_error_is_new("tgv", "bad value"));
	/* another user, another text: each new */
	test_assert(dondoc_settings_error_is_new("cat", "bad value"));
	test_assert(dondoc_settings_error_is_new("tgv", "other value"));
	test_assert(!dondoc_settings_error_is_new("tgv", "other value"));
	/* no user name: remembered as "" */
	test_assert(dondoc_settings_error_is_new(NULL, "bad value"));
	test_assert(!dondoc_settings_error_is_new("", "bad value"));
	/* read fine once: the same error is new again */
	dondoc_settings_error_clear("tgv");
	dondoc_settings_error_clear("nobody");
	test_assert(dondoc_settings_error_is_new("tgv", "other value"));
	test_assert(!dondoc_settings_error_is_new("cat", "bad value"));
	dondoc_settings_error_deinit();
	test_assert(dondoc_settings_error_is_new("cat", "bad value"));
	dondoc_settings_error_deinit();
	test_end();
}

static void test_settings_error_bounded(void)
{
	unsigned int i;

	test_begin("settings error: at most the limit's users, oldest forgotten");
	for (i = 0; i <= DONDOC_SETTINGS_ERROR_MAX_USERS; i++) {
		test_assert(dondoc_settings_error_is_new(
			t_strdup_printf("u%u", i), "bad"));
	}
	/* u0 gave its slot to the last: new again (taking u1's) */
	test_assert(dondoc_settings_error_is_new("u0", "bad"));
	for (i = 2; i <= DONDOC_SETTINGS_ERROR_MAX_USERS; i++) {
		test_assert_idx(!dondoc_settings_error_is_new(
			t_strdup_printf("u%u", i), "bad"), i);
	}
	test_assert(dondoc_settings_error_is_new("u1", "bad"));
	dondoc_settings_error_deinit();
	test_end();
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_settings_error_once,
		test_settings_error_bounded,
		NULL
	};
	return test_run(tests);
}
