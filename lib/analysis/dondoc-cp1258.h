/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_CP1258_H
#define DONDOC_CP1258_H

/* windows-1258 (Vietnamese) to UTF-8 without iconv, byte-equal to what
   Dovecot's charset_to_utf8() with glibc's iconv "CP1258" gives for the
   whole input followed by a flush: a letter and the combining tone mark
   after it become the precomposed letter wherever glibc composes them,
   and each run of bytes glibc rejects becomes one U+FFFD placed where
   Dovecot places it. */

/* Append the UTF-8 of input to dest. Returns TRUE if the output holds a
   combining mark (U+0300..U+036F) that was not composed: only then may it
   differ from its NFC form. */
bool dondoc_cp1258_to_utf8(const unsigned char *input, size_t size,
			   string_t *dest);

#endif
