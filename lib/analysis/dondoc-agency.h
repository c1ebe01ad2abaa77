/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_AGENCY_H
#define DONDOC_AGENCY_H

/* Agency names as documents write them, in forms that compare: the
   store keeps aliases in the folded form and the tracker folds a
   document's "Sở TT&TT" the same way before looking it up. Pure text
   functions: no store, no list of agencies. */

/* The folded key of an agency name: diacritics and case folded
   (dondoc_text_fold: "Sở Y tế" -> "SO Y TE", Đ as D), "&" read as "VA",
   every other punctuation as a space, spaces collapsed and trimmed, a
   leading "Đ/c" or "đồng chí" and trailing "(chủ trì)" notes dropped.
   "Sở TT&TT" and "SỞ TT & TT" -> "SO TT VA TT". Appended to dest. */
void dondoc_agency_fold(const char *name, size_t size, string_t *dest);
const char *dondoc_agency_fold_str(const char *name);

/* The acronym key: each folded word's initial, a word already written
   as an abbreviation (two capitals or more, "TT", "KH") whole, "và"/"&"
   dropped. "Sở Thông tin và Truyền thông", "Sở TT&TT" and "STTTT" all
   give "STTTT". Appended to dest. */
void dondoc_agency_acronym(const char *name, size_t size, string_t *dest);

/* Whether name is (mostly) an abbreviation: "STTTT", "Sở TT&TT",
   "CAT"; then its acronym key may be compared with a full name's. */
bool dondoc_agency_is_abbreviated(const char *name, size_t size);

/* Whether two names denote the same agency by their text alone: equal
   folded keys, or equal acronym keys when at least one of them is
   abbreviated (two full names never match on their initials). */
bool dondoc_agency_names_match(const char *a, const char *b);

#endif
