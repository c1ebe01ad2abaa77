/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The CSV field splitter of `dondoc import` (dondoc-csv.h). Trusts
   nothing of the line: any bytes but NUL; the number of fields is bounded
   by the caller, a field's length by the line's. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-csv.h"

int dondoc_csv_split(const char *line, unsigned int max_fields,
		     ARRAY_TYPE(const_string) *fields, const char **error_r)
{
	string_t *field = t_str_new(128);
	const char *p = line, *value;

	for (;;) {
		str_truncate(field, 0);
		if (*p == '"') {
			for (p++;; p++) {
				if (*p == '\0') {
					*error_r = "unterminated quoted field";
					return -1;
				}
				if (*p == '"') {
					if (p[1] != '"')
						break;
					p++;
				}
				str_append_c(field, *p);
			}
			p++;
			if (*p != ',' && *p != '\0') {
				*error_r = "text after a closing quote";
				return -1;
			}
		} else {
			while (*p != ',' && *p != '\0') {
				if (*p == '"') {
					*error_r = "quote inside an unquoted field";
					return -1;
				}
				str_append_c(field, *p++);
			}
		}
		if (array_count(fields) >= max_fields) {
			*error_r = "too many fields";
			return -1;
		}
		value = t_strdup(str_c(field));
		array_push_back(fields, &value);
		if (*p == '\0')
			return 0;
		p++; /* ',' */
	}
}
