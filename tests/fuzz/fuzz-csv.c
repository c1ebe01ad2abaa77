/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* libFuzzer target for the CSV reading of `dondoc import` (cli/
   cmd-import.c): any bytes as the file, cut into lines and bounded as
   import_file() does, each line split with dondoc_csv_split()
   (lib/store/dondoc-csv.c), and the due date and period fields parsed as
   import_task() does. The store itself is not written. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-date.h"
#include "dondoc-store.h"
#include "dondoc-csv.h"

/* as in cli/cmd-import.c */
#define FUZZ_MAX_LINE 8192
#define FUZZ_MAX_FIELDS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fuzz_initialized = FALSE;

static void fuzz_line(const char *line)
{
	ARRAY_TYPE(const_string) fields;
	const char *error, *const *f;
	struct dondoc_date date;
	struct dondoc_period period;
	unsigned int count;

	t_array_init(&fields, FUZZ_MAX_FIELDS);
	if (dondoc_csv_split(line, FUZZ_MAX_FIELDS, &fields, &error) < 0) {
		i_assert(error != NULL);
		return;
	}
	count = array_count(&fields);
	i_assert(count >= 1 && count <= FUZZ_MAX_FIELDS);
	f = array_front(&fields);
	if (count > 4)
		(void)dondoc_date_parse(f[4], &date);
	if (count > 6)
		(void)dondoc_period_parse(f[6], &period);
	if (count > 3) {
		(void)t_strsplit(f[3], ";|");
		(void)t_strsplit_spaces(f[3], "; ");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *nl;
	unsigned int lineno = 0;

	if (!fuzz_initialized) {
		lib_init();
		fuzz_initialized = TRUE;
	}
	for (; p < end; p = nl + 1) {
		size_t len;

		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		len = nl - p + (nl < end ? 1 : 0);
		lineno++;
		/* import_file() stops at a long line or a NUL byte */
		if (len > FUZZ_MAX_LINE || memchr(p, '\0', nl - p) != NULL)
			break;
		T_BEGIN {
			/* malloc()ed to its size, so that ASan sees any
			   read past its end (the data stack would not) */
			char *line = i_strndup(p, nl - p);
			size_t n = strlen(line);

			while (n > 0 && (line[n - 1] == '\n' ||
					 line[n - 1] == '\r'))
				line[--n] = '\0';
			if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
				memmove(line, line + 3, strlen(line + 3) + 1);
			if (line[0] != '\0' && line[0] != '#')
				fuzz_line(line);
			i_free(line);
		} T_END;
		if (nl == end)
			break;
	}
	return 0;
}
