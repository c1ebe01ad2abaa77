/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_CSV_H
#define DONDOC_CSV_H

/* One line of CSV (RFC 4180 quoting, without line breaks inside a quoted
   field), as `dondoc import` reads it. The line is untrusted. */

/* Split line (without its line ending) into at most max_fields fields,
   appended to fields (allocated from the data stack). Returns 0, or -1
   with error_r (static) on bad quoting or too many fields. */
int dondoc_csv_split(const char *line, unsigned int max_fields,
		     ARRAY_TYPE(const_string) *fields, const char **error_r);

#endif
