/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_JSON_H
#define DONDOC_JSON_H

/* The analysis as one line of JSON: the contract documented in
   doc/analysis-json.md. Missing values are null or [], never absent. */

#include "dondoc-analysis.h"

void dondoc_json_append_analysis(string_t *dest,
				 const struct dondoc_analysis *analysis);

/* The agency code of an assignment, for "agency_code": NULL when it is
   not known. The analysis knows no codes (dondoc_json_append_analysis
   writes null); an adapter with a store resolves them through this. */
typedef const char *
dondoc_json_agency_code_func_t(const struct dondoc_assignment *assignment,
			       void *context);

void dondoc_json_append_analysis_resolved(
	string_t *dest, const struct dondoc_analysis *analysis,
	dondoc_json_agency_code_func_t *agency_code, void *context);

#endif
