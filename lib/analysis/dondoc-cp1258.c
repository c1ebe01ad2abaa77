/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* windows-1258 decoder (see dondoc-cp1258.h), one pass, composing as it
   goes. The tables (dondoc-cp1258-table.h) are read off glibc's iconv by
   dondoc-cp1258-gen.py. Trusts nothing about the input: every byte value
   and order is handled, output is valid UTF-8, at most three bytes per
   input byte.

   What glibc and Dovecot do, and this reproduces: glibc holds back a
   letter that may take a mark (U+0041..U+01B0) until the next byte it
   accepts; a mark that composes with it gives the precomposed letter,
   which is not held (a second mark stays combining). A byte glibc
   rejects leaves the held letter held: Dovecot's charset_to_utf8() then
   writes U+FFFD before it, and only if its output grew since the last
   U+FFFD; a mark after the rejected bytes still composes with it. */

#include "lib.h"
#include "str.h"
#include "buffer.h"
#include "unichar.h"
#include "dondoc-cp1258.h"

#include "dondoc-cp1258-table.h"

#define CP1258_FFFD_LEN 3

static inline const struct cp1258_comp *
cp1258_compose(const struct cp1258_byte *base, unsigned char next)
{
	const struct cp1258_comp *comp;
	unsigned int mark = cp1258_bytes[next].mark;

	if (base->row == 0 || mark == 0)
		return NULL;
	comp = &cp1258_comp[base->row - 1][mark - 1];
	return comp->len == 0 ? NULL : comp;
}

bool dondoc_cp1258_to_utf8(const unsigned char *input, size_t size,
			   string_t *dest)
{
	const unsigned char *p = input, *end = input + size;
	const struct cp1258_byte *b, *held;
	const struct cp1258_comp *comp;
	size_t start = str_len(dest), fffd_end = SIZE_MAX, glibc_len;
	unsigned char *out0, *o;
	uint64_t word;
	bool marks = FALSE;

	i_assert(size < SSIZE_T_MAX / 4);
	/* three bytes per byte at most; each copy writes three */
	out0 = o = buffer_append_space_unsafe(dest, size * 3 + 3);
	while (p < end) {
		if (*p < 0x80) {
			/* ASCII, eight at a time; only the last of a run can
			   take a mark */
			while (end - p >= 8) {
				memcpy(&word, p, 8);
				if ((word & 0x8080808080808080ULL) != 0)
					break;
				memcpy(o, p, 8);
				o += 8;
				p += 8;
			}
			while (p < end && *p < 0x80)
				*o++ = *p++;
			if (p == end)
				continue;
			b = &cp1258_bytes[p[-1]];
		} else {
			b = &cp1258_bytes[*p];
			if ((b->flags & CP1258_INVALID) != 0) {
				/* the letter before the run is still held:
				   U+FFFD goes before it */
				held = p == input ? NULL : &cp1258_bytes[p[-1]];
				if (held != NULL &&
				    (held->flags & CP1258_HELD) == 0)
					held = NULL;
				while (p < end && (cp1258_bytes[*p].flags &
						   CP1258_INVALID) != 0)
					p++;
				glibc_len = (o - out0) -
					(held == NULL ? 0 : held->len);
				if (glibc_len != fffd_end) {
					unsigned char *at = out0 + glibc_len;

					memmove(at + CP1258_FFFD_LEN, at,
						o - at);
					memcpy(at, UNICODE_REPLACEMENT_CHAR_UTF8,
					       CP1258_FFFD_LEN);
					o += CP1258_FFFD_LEN;
					fffd_end = glibc_len + CP1258_FFFD_LEN;
				}
				if (held == NULL || p == end ||
				    (comp = cp1258_compose(held, *p)) == NULL)
					continue;
				o -= held->len;
				memcpy(o, comp->utf8, 3);
				o += comp->len;
				p++;
				continue;
			}
			memcpy(o, b->utf8, 3);
			o += b->len;
			p++;
			if (b->mark != 0) {
				/* nothing before it took it */
				marks = TRUE;
				continue;
			}
			if (p == end)
				break;
		}
		/* b was the last character written; *p follows it */
		if ((comp = cp1258_compose(b, *p)) != NULL) {
			o -= b->len;
			memcpy(o, comp->utf8, 3);
			o += comp->len;
			p++;
		}
	}
	buffer_set_used_size(dest, start + (o - out0));
	return marks;
}
