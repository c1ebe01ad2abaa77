/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_NFC_H
#define DONDOC_NFC_H

#include "unichar.h"

/* Unicode NFC for the scripts Vietnamese mail uses (Latin and the
   Vietnamese letters of Latin Extended Additional). Dovecot 2.3's
   unichar.h decomposes but has no composer, and Vietnamese arrives as
   NFD (macOS, some webmail), as windows-1258 (base letter + combining
   tone) or from our own legacy decoders, all of which yield marks. */

/* Append the NFC form of the UTF-8 input to dest. The input must be valid
   UTF-8 (see uni_utf8_get_valid_data). Composition outside the Latin
   ranges is left alone: those characters are copied as they are. */
void dondoc_nfc_append(const unsigned char *input, size_t size,
		       string_t *dest);

/* True if input may need composing (holds a U+0300..U+036F mark). */
bool dondoc_nfc_needed(const unsigned char *input, size_t size);

/* The base letter of a precomposed Latin letter ("ố" -> 'o', "Ư" -> 'U'),
   found by decomposing it fully; chr itself if it has no decomposition
   in the Latin ranges. Table-driven after the first call. */
unichar_t dondoc_nfc_base_letter(unichar_t chr);

#endif
