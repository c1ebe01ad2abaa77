/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_AGENCY_RESOLVE_H
#define DONDOC_AGENCY_RESOLVE_H

/* The store's agencies found from a name as a document writes it ("Sở
   TT&TT", "Sở Thông tin và Truyền thông", "STTTT", "CAT"): the store
   keeps the aliases' folded keys, lib/analysis folds (dondoc-agency.h);
   this is where the two meet (the store is a stage below the analysis
   and cannot fold). */

struct dondoc_store;

/* Resolve text to an agency code: the code itself (case-insensitive),
   then an alias or the agency's name with diacritics, case and
   punctuation folded, then the acronym of a name or alias when text is
   an abbreviation and only one agency has it, then the only agency
   whose folded name begins with the text's or is its beginning ("Công
   an tỉnh" for "Công an tỉnh Kiên Giang", two words at least). Groups
   ("Các sở, ban, ngành") resolve to none. 1 with *code_r (data
   stack), 0 unknown or ambiguous, -1 store error. */
int dondoc_store_agency_resolve(struct dondoc_store *store, const char *text,
				const char **code_r, const char **error_r);

/* Add text as an alias of agency code, keyed by its folded form:
   1 added, 0 already an alias of that agency, -1 error (unknown agency,
   the alias names another agency, an empty or bad value). */
int dondoc_agency_alias_add(struct dondoc_store *store, const char *code,
			    const char *text, const char **error_r);

#endif
