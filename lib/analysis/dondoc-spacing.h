/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SPACING_H
#define DONDOC_SPACING_H

/* Spaces, hyphens and invisible characters as word processors, Outlook
   and web pages write them, made plain before the Decree 30 reader sees
   the text: "Số:" + U+00A0 + "210/BC-STC" is a number line. */

/* In place, on valid UTF-8: U+00A0, U+2000..U+200A, U+202F and U+205F
   become a space; U+2010 and U+2011 (Word's non-breaking hyphen)
   a hyphen; U+00AD, U+200B..U+200F, U+2060 and U+FEFF are removed. The
   text never grows. Every other character, the en dash included, is
   left as it is. */
void dondoc_spacing_normalize(string_t *text);

#endif
