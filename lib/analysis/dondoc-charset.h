/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_CHARSET_H
#define DONDOC_CHARSET_H

/* Any body text to NFC UTF-8. Beyond what iconv knows, this recognises
   the legacy Vietnamese encodings of the Word era, TCVN3 (ABC) and VNI,
   both when they are named and when mail claims us-ascii, iso-8859-1 or
   windows-1252 but the bytes are really TCVN3 or VNI (old Word documents
   pasted into webmail): the candidate decodings are scored by how many
   common Vietnamese syllables they yield. */

enum dondoc_charset_result {
	DONDOC_CHARSET_OK = 0,
	/* The charset is unknown; the text was read as UTF-8/legacy. */
	DONDOC_CHARSET_UNKNOWN,
};

/* Convert input (in charset, NULL if none was declared) to NFC UTF-8,
   appending to dest. NUL bytes become spaces. *used_r is set to the
   charset actually used ("UTF-8", "TCVN3", "VNI", or the declared one). */
enum dondoc_charset_result
dondoc_charset_to_utf8(const char *charset, const unsigned char *input,
		       size_t size, string_t *dest, const char **used_r);

/* Text from text[start] on that is Unicode only in name: nothing but
   windows-1252 characters, the glyphs of a TCVN3 (.VnTime) or VNI font
   pasted into webmail or saved in a .docx. If it reads as Vietnamese in
   one of those encodings, replace it with that reading (NFC) and return
   TRUE, *used_r naming the encoding. */
bool dondoc_charset_repair_legacy(string_t *text, size_t start,
				  const char **used_r);

/* Whether data is valid UTF-8 (RFC 3629: no overlong forms, surrogates
   or code points past U+10FFFF), ASCII eight bytes at a time. */
bool dondoc_utf8_is_valid(const unsigned char *data, size_t size);

/* Decode VNI (VNI-Windows font encoding) to NFC UTF-8. */
void dondoc_charset_vni_to_utf8(const unsigned char *input, size_t size,
				string_t *dest);

/* The number of common Vietnamese syllables with diacritics in NFC UTF-8
   text, looked at up to max_bytes: the detector's score. */
unsigned int dondoc_charset_vietnamese_score(const char *text, size_t size);

/* An RFC 2231 extended parameter value (charset'language'%XX...) as UTF-8
   (from the data stack); the value itself when it is not one. */
const char *dondoc_charset_rfc2231_value(const char *value);

#endif
