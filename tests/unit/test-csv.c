/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/store/dondoc-csv.c: the CSV line splitter of
   `dondoc import`, on good and hostile lines. */

#include "lib.h"
#include "array.h"
#include "test-common.h"
#include "dondoc-csv.h"

static int split(const char *line, unsigned int max_fields,
		 const char *const **fields_r, const char **error_r)
{
	ARRAY_TYPE(const_string) fields;
	int ret;

	t_array_init(&fields, 8);
	*error_r = NULL;
	ret = dondoc_csv_split(line, max_fields, &fields, error_r);
	array_append_zero(&fields);
	*fields_r = array_front(&fields);
	return ret;
}

static void test_csv_fields(void)
{
	const char *const *f, *error;

	test_begin("csv fields");
	test_assert(split("agency,BCA,Ban Cơ yếu", 16, &f, &error) == 0);
	test_assert(str_array_length(f) == 3);
	test_assert_strcmp(f[0], "agency");
	test_assert_strcmp(f[2], "Ban Cơ yếu");

	test_assert(split("task,\"T-1\",\"a, \"\"b\"\"\",,", 16, &f,
			  &error) == 0);
	test_assert(str_array_length(f) == 5);
	test_assert_strcmp(f[1], "T-1");
	test_assert_strcmp(f[2], "a, \"b\"");
	test_assert_strcmp(f[3], "");
	test_assert_strcmp(f[4], "");

	test_assert(split("", 16, &f, &error) == 0);
	test_assert(str_array_length(f) == 1 && f[0][0] == '\0');
	test_assert(split("\"\"", 16, &f, &error) == 0);
	test_assert(str_array_length(f) == 1 && f[0][0] == '\0');
	test_end();
}

static void test_csv_hostile(void)
{
	const char *const *f, *error;

	test_begin("csv hostile lines");
	test_assert(split("a,\"b", 16, &f, &error) < 0);
	test_assert_strcmp(error, "unterminated quoted field");
	test_assert(split("\"", 16, &f, &error) < 0);
	test_assert(split("a,\"b\"c", 16, &f, &error) < 0);
	test_assert_strcmp(error, "text after a closing quote");
	test_assert(split("a,b\"c", 16, &f, &error) < 0);
	test_assert_strcmp(error, "quote inside an unquoted field");
	test_assert(split("1,2,3,4", 4, &f, &error) == 0);
	test_assert(split("1,2,3,4,5", 4, &f, &error) < 0);
	test_assert_strcmp(error, "too many fields");
	test_assert(split(",,,,", 4, &f, &error) < 0);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_csv_fields,
		test_csv_hostile,
		NULL
	};
	return test_run(test_functions);
}
