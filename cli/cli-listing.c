/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Row output for listings (see cli-listing.h). Trusts nothing in the
   values: any bytes, invalid UTF-8 included, are formatted exactly as the
   printf and json_append_escaped() forms formatted them; the fast paths
   only skip work for bytes those forms copied unchanged. */

#include "lib.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-compat.h"

#include "dondoc-date.h"
#include "dondoc-store.h"
#include "cli-listing.h"

#include <stdio.h>

string_t *cli_listing_init(void)
{
	return str_new(default_pool, CLI_LISTING_FLUSH_SIZE + 4096);
}

static void cli_listing_flush(string_t *out)
{
	/* larger than stdio's buffer: fwrite() writes it straight through */
	if (str_len(out) > 0)
		fwrite(str_data(out), 1, str_len(out), stdout);
	str_truncate(out, 0);
}

void cli_listing_row_end(string_t *out)
{
	if (str_len(out) >= CLI_LISTING_FLUSH_SIZE)
		cli_listing_flush(out);
}

void cli_listing_deinit(string_t **_out)
{
	string_t *out = *_out;

	*_out = NULL;
	cli_listing_flush(out);
	str_free(&out);
}

/* value as at least width decimal digits, zero-padded: the caller has
   checked 0 <= value and that it fits in sizeof(buf) digits */
static void cli_append_digits(string_t *dest, unsigned int value,
			      unsigned int width)
{
	char buf[MAX_INT_STRLEN];
	unsigned int pos = sizeof(buf);

	do {
		buf[--pos] = '0' + value % 10;
		value /= 10;
	} while (value > 0 || sizeof(buf) - pos < width);
	str_append_data(dest, buf + pos, sizeof(buf) - pos);
}

void cli_append_date(string_t *dest, const struct dondoc_date *date)
{
	/* the store keeps four-digit years; anything else as printf does */
	if (date->year < 0 || date->year > 9999 || date->month < 0 ||
	    date->month > 99 || date->day < 0 || date->day > 99) {
		str_printfa(dest, "%04d-%02d-%02d",
			    date->year, date->month, date->day);
		return;
	}
	cli_append_digits(dest, date->year, 4);
	str_append_c(dest, '-');
	cli_append_digits(dest, date->month, 2);
	str_append_c(dest, '-');
	cli_append_digits(dest, date->day, 2);
}

void cli_append_period(string_t *dest, const struct dondoc_period *period)
{
	if (period->kind == '\0')
		return;
	if (period->year < 0 || period->index < 0) {
		str_printfa(dest, "%c:%d:%d", period->kind, period->year,
			    period->index);
		return;
	}
	str_append_c(dest, period->kind);
	str_append_c(dest, ':');
	cli_append_digits(dest, period->year, 1);
	str_append_c(dest, ':');
	cli_append_digits(dest, period->index, 1);
}

void cli_append_text(string_t *dest, const char *value)
{
	str_append(dest, value == NULL ? "(null)" : value);
}

/* The bytes at p that json_append_escaped_data() copies unchanged (0 if
   it changes the first one): printable ASCII but '"' and '\', and
   well-formed UTF-8 characters it re-encodes to the same bytes. */
static size_t json_unchanged_len(const unsigned char *p, size_t left)
{
	const unsigned char *start = p, *end = p + left;
	unichar_t chr;
	int bytes;

	while (p < end) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == '"' || *p == '\\')
				break;
			p++;
			continue;
		}
		/* two- and three-byte forms checked here (Vietnamese is
		   made of them): well-formed, not overlong, no surrogate,
		   not U+2028/U+2029 */
		if (p[0] >= 0xc2 && p[0] <= 0xdf && end - p >= 2 &&
		    (p[1] & 0xc0) == 0x80) {
			p += 2;
			continue;
		}
		if (p[0] >= 0xe1 && p[0] <= 0xef && p[0] != 0xe2 &&
		    p[0] != 0xed && end - p >= 3 && (p[1] & 0xc0) == 0x80 &&
		    (p[2] & 0xc0) == 0x80) {
			p += 3;
			continue;
		}
		/* the rest as uni_utf8_get_char_n() decides: well-formed,
		   a scalar value, and not the two separators that
		   JSON-in-JavaScript must escape */
		bytes = uni_utf8_get_char_n(p, end - p, &chr);
		if (bytes <= 0 || !uni_is_valid_ucs4(chr) ||
		    chr == 0x2028 || chr == 0x2029)
			break;
		p += bytes;
	}
	return p - start;
}

void cli_json_append_escaped(string_t *dest, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t left = strlen(value), len;
	unichar_t chr;
	int bytes;

	while (left > 0) {
		len = json_unchanged_len(p, left);
		str_append_data(dest, p, len);
		p += len;
		left -= len;
		if (left == 0)
			break;
		/* one step of json_append_escaped_data(): the character, or
		   the one invalid byte it replaces */
		bytes = uni_utf8_get_char_n(p, left, &chr);
		len = bytes > 0 && uni_is_valid_ucs4(chr) ? (size_t)bytes : 1;
		json_append_escaped_data(dest, p, len);
		p += len;
		left -= len;
	}
}
