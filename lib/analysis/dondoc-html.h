/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_HTML_H
#define DONDOC_HTML_H

/* HTML to plain text that keeps the line structure a document's layout
   depends on: block elements and <br> end lines, table cells are
   separated by tabs and rows by newlines, <blockquote> content is
   prefixed with "> " like quoted plain text. Entities are decoded;
   <script>, <style>, <head> and comments are dropped. Dovecot's
   mail-html2text flattens all of this, so the analysis uses this one.
   Linear in the input, no recursion, bounded state. */

/* Convert UTF-8 html, appending UTF-8 text to dest. */
void dondoc_html_to_text(const char *html, size_t size, string_t *dest);

/* The charset a <meta> names in the first bytes of html, or NULL. */
const char *dondoc_html_meta_charset(const char *html, size_t size);

#endif
