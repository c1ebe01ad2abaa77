/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DIGEST_PRIVATE_H
#define DONDOC_DIGEST_PRIVATE_H

/* Shared by the digest's writers (dondoc-digest-*.c): the escaping every
   one of them applies to every value, and the wording they share. Not
   for use outside lib/tracking/. */

#include "dondoc-digest.h"

/* Append value with each byte that is not valid UTF-8 replaced by
   U+FFFD and each control but LF (and tab, when keep_tab) as a space:
   what every writer starts from, whatever the store holds. */
void digest_append_clean(string_t *dest, const char *value, bool keep_tab);
/* A JSON string ("..." with its escapes), null for NULL. */
void digest_json_str(string_t *dest, const char *value);
/* HTML text or attribute value: & < > " ' escaped; LF as <br> when
   br. */
void digest_html_escape(string_t *dest, const char *value, bool br);

/* "Đúng hạn", "Muộn", "Quá hạn", "Chưa đến hạn", "Đã đóng" */
const char *digest_state_words(enum dondoc_digest_state state);
/* "Số 12/BC-STTTT ngày 08/6/2026", or "" when nothing is known. */
const char *digest_document_words(const char *number, const char *symbol,
				  const struct dondoc_date *date);
/* "30/6/2026" */
const char *digest_date_words(const struct dondoc_date *date);

/* dondoc-digest-docx-zip.c: the .docx package around word/document.xml,
   with charts[i] (one per agency, each may be NULL or empty) as
   word/media/chart<i+1>.png, relationship rIdChart<i+1>. */
bool digest_docx_has_chart(const buffer_t *const *charts, unsigned int index);
int digest_docx_package(const char *document, const buffer_t *const *charts,
			unsigned int chart_count, buffer_t *dest,
			const char **error_r);

#endif
