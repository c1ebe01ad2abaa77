#ifndef DONDOC_JSON_H
#define DONDOC_JSON_H

/* The analysis as one line of JSON: the contract documented in
   doc/analysis-json.md. Missing values are null or [], never absent. */

#include "dondoc-analysis.h"

void dondoc_json_append_analysis(string_t *dest,
				 const struct dondoc_analysis *analysis);

#endif
