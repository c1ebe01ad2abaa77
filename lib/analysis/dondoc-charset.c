/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Charset conversion to NFC UTF-8 with legacy Vietnamese detection (see
   dondoc-charset.h). Trusts nothing about the input: the declared charset
   may be wrong, the bytes may be invalid in every charset; output is
   always valid UTF-8. iconv (through Dovecot's charset-utf8) does the
   real charsets, including TCVN5712-1 (a superset of TCVN3); VNI is
   decoded here from its table, windows-1258 by dondoc-cp1258.c (as
   iconv would, without its cost). */

#include "lib.h"
#include "str.h"
#include "buffer.h"
#include "unichar.h"
#include "charset-utf8.h"
#include "dondoc-nfc.h"
#include "dondoc-cp1258.h"
#include "dondoc-charset.h"

#include <stdlib.h>

/* Detection looks at this much of the text only. */
#define CHARSET_SCORE_BYTES (16 * 1024)

/* VNI: a vowel is followed by one byte carrying its marks. Each entry is
   the byte, then up to two combining marks (0 = none). The upper case
   byte (0x20 less) carries the same marks. */
static const struct vni_mark {
	unsigned char byte;
	unichar_t mark1, mark2;
} vni_marks[] = {
	{ 0xF9, 0x0301, 0 }, { 0xF8, 0x0300, 0 }, { 0xFB, 0x0309, 0 },
	{ 0xF5, 0x0303, 0 }, { 0xEF, 0x0323, 0 },
	{ 0xE2, 0x0302, 0 }, { 0xE1, 0x0302, 0x0301 },
	{ 0xE0, 0x0302, 0x0300 }, { 0xE5, 0x0302, 0x0309 },
	{ 0xE3, 0x0302, 0x0303 }, { 0xE4, 0x0302, 0x0323 },
	{ 0xEA, 0x0306, 0 }, { 0xE9, 0x0306, 0x0301 },
	{ 0xE8, 0x0306, 0x0300 }, { 0xFA, 0x0306, 0x0309 },
	{ 0xFC, 0x0306, 0x0303 }, { 0xEB, 0x0306, 0x0323 },
};

/* VNI bytes that are letters by themselves (lower case; upper case is
   the byte 0x20 less and the letter's upper case). */
static const struct vni_letter {
	unsigned char byte;
	unichar_t lower, upper;
} vni_letters[] = {
	{ 0xF4, 0x01A1, 0x01A0 },	/* ơ */
	{ 0xF6, 0x01B0, 0x01AF },	/* ư */
	{ 0xF1, 0x0111, 0x0110 },	/* đ */
	{ 0xED, 0x00ED, 0x00CD },	/* í */
	{ 0xEC, 0x00EC, 0x00CC },	/* ì */
	{ 0xE6, 0x1EC9, 0x1EC8 },	/* ỉ */
	{ 0xF3, 0x0129, 0x0128 },	/* ĩ */
	{ 0xF2, 0x1ECB, 0x1ECA },	/* ị */
	{ 0xEE, 0x1EF5, 0x1EF4 },	/* ỵ */
};

static bool vni_is_vowel(unichar_t chr)
{
	switch (chr) {
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
	case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
	case 0x01A0: case 0x01A1: case 0x01AF: case 0x01B0:
		return TRUE;
	}
	return FALSE;
}

/* windows-1252's 0x80..0x9F, for bytes that are neither VNI letters nor
   marks (quotes and dashes pasted from Word). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static unichar_t cp1252_char(unsigned char c)
{
	return c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c;
}

void dondoc_charset_vni_to_utf8(const unsigned char *input, size_t size,
				string_t *dest)
{
	string_t *nfd = t_str_new(size + size / 2 + 16);
	unichar_t prev = 0, chr;
	unsigned int i;
	size_t pos;

	for (pos = 0; pos < size; pos++) {
		unsigned char c = input[pos], lc = c;
		bool upper = FALSE, done = FALSE;

		if (c < 0x80) {
			chr = c == '\0' ? ' ' : c;
			str_append_c(nfd, chr);
			prev = chr;
			continue;
		}
		if (c >= 0xC0 && c < 0xE0) {
			lc = c + 0x20;
			upper = TRUE;
		}
		if (vni_is_vowel(prev)) {
			for (i = 0; i < N_ELEMENTS(vni_marks); i++) {
				if (vni_marks[i].byte != lc)
					continue;
				uni_ucs4_to_utf8_c(vni_marks[i].mark1, nfd);
				if (vni_marks[i].mark2 != 0)
					uni_ucs4_to_utf8_c(vni_marks[i].mark2,
							   nfd);
				done = TRUE;
				break;
			}
		}
		if (done) {
			prev = 0;
			continue;
		}
		chr = cp1252_char(c);
		for (i = 0; i < N_ELEMENTS(vni_letters); i++) {
			if (vni_letters[i].byte == lc) {
				chr = upper ? vni_letters[i].upper :
					vni_letters[i].lower;
				break;
			}
		}
		uni_ucs4_to_utf8_c(chr, nfd);
		prev = chr;
	}
	dondoc_nfc_append(str_data(nfd), str_len(nfd), dest);
}

/* Common syllables with diacritics, lower case NFC, sorted by bytes at
   first use. ASCII-only words decode alike in every candidate, so they
   cannot tell encodings apart and are not listed. */
static const char *vn_words[] = {
	"số", "ngày", "tháng", "năm", "của", "và", "các", "được", "có",
	"không", "những", "người", "đã", "để", "với", "này", "về", "tỉnh",
	"huyện", "xã", "ủy", "uỷ", "nhân", "dân", "báo", "cáo", "công",
	"văn", "việt", "cộng", "hòa", "hoà", "hội", "chủ", "nghĩa", "độc",
	"lập", "tự", "hạnh", "phúc", "thực", "hiện", "kế", "hoạch",
	"quyết", "định", "thông", "tình", "hình", "kết", "quả", "đề", "án",
	"chỉ", "đạo", "triển", "nội", "đơn", "vị", "cơ", "kính", "gửi",
	"nơi", "nhận", "lưu", "đồng", "chí", "trưởng", "phó", "giám",
	"đốc", "sở", "thành", "phố", "hướng", "dẫn", "tờ", "trình",
	"biên", "bản", "giấy", "mời", "tổ", "chức", "cán", "bộ", "địa",
	"phương", "khó", "khăn", "vướng", "mắc", "kiến", "nghị", "xuất",
	"đầu", "cuối", "quý", "mật", "khẩn", "tốc", "dữ", "liệu", "cư",
	"điện", "tử", "chuyển", "đổi", "học", "tại", "trên", "đến",
	"từ", "sự", "hợp", "đảm", "bảo", "tập", "trung", "tiếp", "tục",
	"giải", "pháp", "nhiệm", "vụ", "trách", "làm", "việc", "tiến",
	"độ", "cấp", "ban", "hành", "lý", "quản", "ương",
};
static bool vn_words_sorted = FALSE;

static int vn_word_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static unichar_t vn_lower(unichar_t chr)
{
	if (chr < 0x80)
		return chr >= 'A' && chr <= 'Z' ? chr + 32 : chr;
	if (chr >= 0xC0 && chr <= 0xDE && chr != 0xD7)
		return chr + 32;
	if (chr == 0x01AF)
		return 0x01B0;
	if (((chr >= 0x100 && chr <= 0x17F) || chr == 0x01A0 ||
	     (chr >= 0x1EA0 && chr <= 0x1EF9)) && (chr % 2) == 0)
		return chr + 1;
	return chr;
}

static bool vn_is_letter(unichar_t chr)
{
	return (chr >= 'a' && chr <= 'z') || (chr >= 'A' && chr <= 'Z') ||
		(chr >= 0xC0 && chr <= 0x24F && chr != 0xD7 && chr != 0xF7) ||
		(chr >= 0x1E00 && chr <= 0x1EFF);
}

unsigned int dondoc_charset_vietnamese_score(const char *text, size_t size)
{
	const unsigned char *p = (const unsigned char *)text, *end;
	unsigned int score = 0;
	string_t *word = t_str_new(32);
	bool non_ascii = FALSE;
	unichar_t chr;
	int n;

	if (!vn_words_sorted) {
		qsort(vn_words, N_ELEMENTS(vn_words), sizeof(vn_words[0]),
		      vn_word_cmp);
		vn_words_sorted = TRUE;
	}
	end = p + I_MIN(size, CHARSET_SCORE_BYTES);
	while (p <= end) {
		n = p < end ? uni_utf8_get_char_n(p, end - p, &chr) : 0;
		if (n > 0 && vn_is_letter(chr)) {
			if (str_len(word) < 24)
				uni_ucs4_to_utf8_c(vn_lower(chr), word);
			if (chr >= 0x80)
				non_ascii = TRUE;
			p += n;
			continue;
		}
		if (non_ascii && str_len(word) > 0) {
			const char *w = str_c(word);

			if (bsearch(&w, vn_words, N_ELEMENTS(vn_words),
				    sizeof(vn_words[0]), vn_word_cmp) != NULL)
				score++;
		}
		str_truncate(word, 0);
		non_ascii = FALSE;
		p += n > 0 ? n : 1;
	}
	return score;
}

static bool charset_is_latin_claim(const char *cs)
{
	static const char *const names[] = {
		"us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin1",
		"windows-1252", "cp1252", "iso-8859-15", "x-user-defined",
	};
	unsigned int i;

	if (cs == NULL)
		return TRUE;
	for (i = 0; i < N_ELEMENTS(names); i++) {
		if (strcasecmp(cs, names[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

static bool charset_is_vni(const char *cs)
{
	return strcasecmp(cs, "vni") == 0 || strcasecmp(cs, "x-vni") == 0 ||
		strcasecmp(cs, "vni-windows") == 0;
}

static bool charset_is_tcvn3(const char *cs)
{
	return strcasecmp(cs, "tcvn3") == 0 || strcasecmp(cs, "x-tcvn3") == 0 ||
		strcasecmp(cs, "abc") == 0 || strcasecmp(cs, "vn3") == 0;
}

static bool charset_is_cp1258(const char *cs)
{
	return strcasecmp(cs, "windows-1258") == 0 ||
		strcasecmp(cs, "cp1258") == 0 ||
		strcasecmp(cs, "x-cp1258") == 0;
}

/* windows-1258 as charset_iconv() converts it: the decoder's output is
   iconv's, and NFC changes it only when it left a mark uncomposed. */
static void charset_cp1258(const unsigned char *input, size_t size,
			   string_t *dest)
{
	size_t start = str_len(dest);
	buffer_t *raw;

	if (!dondoc_cp1258_to_utf8(input, size, dest))
		return;
	raw = t_buffer_create(str_len(dest) - start);
	buffer_append(raw, str_data(dest) + start, str_len(dest) - start);
	str_truncate(dest, start);
	dondoc_nfc_append(raw->data, raw->used, dest);
}

/* iconv conversion, then validation and NFC. Returns FALSE if iconv does
   not know the charset. */
static bool charset_iconv(const char *charset, const unsigned char *input,
			  size_t size, string_t *dest)
{
	struct charset_translation *trans;
	buffer_t *utf8 = t_buffer_create(size + size / 2 + 16);
	buffer_t *in;
	size_t pos;

	if (charset_to_utf8_begin(charset, NULL, &trans) < 0)
		return FALSE;
	/* iconv's windows-1258 and TCVN decoders hold the last letter back
	   waiting for a combining mark, and charset-utf8 has no flush: end
	   the input with a newline and take it off again */
	in = t_buffer_create(size + 1);
	buffer_append(in, input, size);
	buffer_append_c(in, '\n');
	pos = in->used;
	/* invalid input bytes become U+FFFD inside charset_to_utf8 */
	(void)charset_to_utf8(trans, in->data, &pos, utf8);
	charset_to_utf8_end(&trans);
	if (utf8->used > 0 &&
	    ((const char *)utf8->data)[utf8->used - 1] == '\n')
		buffer_set_used_size(utf8, utf8->used - 1);
	dondoc_nfc_append(utf8->data, utf8->used, dest);
	return TRUE;
}

/* The number of ASCII bytes at p, eight at a time: Vietnamese words are
   short ASCII runs between accented letters, so a word's ASCII prefix
   is skipped at once too (its lowest high bit on a little-endian CPU). */
static inline size_t ascii_run_len(const unsigned char *p, size_t n)
{
	uint64_t word, high;
	size_t i = 0;

	while (i + 8 <= n) {
		memcpy(&word, p + i, 8);
		high = word & 0x8080808080808080ULL;
		if (high != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + __builtin_ctzll(high) / 8;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629), 0 if invalid. */
static inline unsigned int utf8_valid_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];

	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

/* Copy input to dest with each invalid byte replaced by U+FFFD; valid runs
   are copied at once. Returns FALSE if nothing needed replacing (and then
   dest is left alone when copy is FALSE). With dest NULL, only says
   whether input is invalid. */
static bool utf8_replace_invalid(const unsigned char *input, size_t size,
				 buffer_t *dest, bool copy)
{
	size_t i = 0, run = 0;
	unsigned int n;
	bool replaced = FALSE;

	while (i < size) {
		if (input[i] < 0x80) {
			i += ascii_run_len(input + i, size - i);
			continue;
		}
		n = utf8_valid_len(input + i, size - i);
		if (n > 0) {
			i += n;
			continue;
		}
		if (dest == NULL)
			return TRUE;
		/* from the first invalid byte on, dest gets everything */
		copy = TRUE;
		replaced = TRUE;
		buffer_append(dest, input + run, i - run);
		buffer_append(dest, UNICODE_REPLACEMENT_CHAR_UTF8,
			      3);
		run = ++i;
	}
	if (copy)
		buffer_append(dest, input + run, size - run);
	return replaced;
}

bool dondoc_utf8_is_valid(const unsigned char *data, size_t size)
{
	return !utf8_replace_invalid(data, size, NULL, FALSE);
}

static void charset_utf8(const unsigned char *input, size_t size,
			 string_t *dest)
{
	buffer_t *valid;

	/* valid text (almost all) needs no copy, nor a buffer for one:
	   each encoded header word comes here */
	if (!utf8_replace_invalid(input, size, NULL, FALSE)) {
		dondoc_nfc_append(input, size, dest);
		return;
	}
	valid = t_buffer_create(size + 16);
	(void)utf8_replace_invalid(input, size, valid, TRUE);
	dondoc_nfc_append(valid->data, valid->used, dest);
}

static bool has_high_bytes(const unsigned char *input, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++) {
		if (input[i] >= 0x80)
			return TRUE;
	}
	return FALSE;
}

/* Mail claiming a Western charset: pick the decoding with the most
   Vietnamese in it, the claim winning ties. */
static const char *charset_detect(const char *claim,
				  const unsigned char *input, size_t size)
{
	/* windows-1258 mislabelled or unlabelled: old mail programs and
	   web forms on Vietnamese Windows */
	static const char *const candidates[] = {
		"TCVN3", "VNI", "windows-1258"
	};
	size_t sample = I_MIN(size, CHARSET_SCORE_BYTES);
	const char *best = claim;
	unsigned int i, score, best_score;
	string_t *text;

	text = t_str_new(sample * 2 + 16);
	(void)charset_iconv("windows-1252", input, sample, text);
	best_score = dondoc_charset_vietnamese_score(str_c(text),
						     str_len(text));
	for (i = 0; i < N_ELEMENTS(candidates); i++) {
		str_truncate(text, 0);
		if (i == 0)
			(void)charset_iconv("TCVN5712-1", input, sample, text);
		else if (i == 1)
			dondoc_charset_vni_to_utf8(input, sample, text);
		else
			charset_cp1258(input, sample, text);
		score = dondoc_charset_vietnamese_score(str_c(text),
							str_len(text));
		/* a couple of words could be chance */
		if (score > best_score && score >= 2) {
			best = candidates[i];
			best_score = score;
		}
	}
	return best;
}

static enum dondoc_charset_result
charset_convert(const char *charset, const unsigned char *input, size_t size,
		string_t *dest, const char **used_r)
{
	const char *cs = charset;
	bool cp1258 = FALSE;

	if (cs != NULL && charset_is_utf8(cs))
		cs = "UTF-8";
	else if (cs != NULL && charset_is_cp1258(cs))
		cp1258 = TRUE;
	else if (cs != NULL && charset_is_vni(cs))
		cs = "VNI";
	else if (cs != NULL && charset_is_tcvn3(cs))
		cs = "TCVN3";
	else if (charset_is_latin_claim(cs)) {
		if (!has_high_bytes(input, size) ||
		    !utf8_replace_invalid(input, size, NULL, FALSE))
			cs = "UTF-8";
		else
			cs = charset_detect(cs != NULL ? cs : "windows-1252",
					    input, size);
		cp1258 = charset_is_cp1258(cs);
	}

	*used_r = cs;
	if (cp1258) {
		charset_cp1258(input, size, dest);
	} else if (strcmp(cs, "UTF-8") == 0) {
		charset_utf8(input, size, dest);
	} else if (strcmp(cs, "VNI") == 0) {
		dondoc_charset_vni_to_utf8(input, size, dest);
	} else if (strcmp(cs, "TCVN3") == 0) {
		(void)charset_iconv("TCVN5712-1", input, size, dest);
	} else if (!charset_iconv(cs, input, size, dest)) {
		/* unknown to iconv: treat like an unlabelled text */
		if (!utf8_replace_invalid(input, size, NULL, FALSE)) {
			*used_r = "UTF-8";
			charset_utf8(input, size, dest);
		} else {
			*used_r = charset_detect("windows-1252", input, size);
			(void)charset_convert(*used_r, input, size, dest,
					      used_r);
		}
		return DONDOC_CHARSET_UNKNOWN;
	}
	return DONDOC_CHARSET_OK;
}

/* UTF-8 text whose only non-ASCII characters are windows-1252 ones, as
   when text in a .VnTime (TCVN3) or VNI font is pasted into webmail or
   saved as .docx: the fonts drew Vietnamese, Unicode has Latin-1. Its
   windows-1252 bytes are appended to bytes; FALSE if it is not such text
   or has fewer than two non-ASCII characters. */
static bool utf8_as_cp1252(const unsigned char *s, size_t n, buffer_t *bytes)
{
	unsigned int high = 0, j;
	unichar_t chr;
	size_t i = 0;
	int len;

	while (i < n) {
		if (s[i] < 0x80) {
			buffer_append_c(bytes, s[i++]);
			continue;
		}
		len = uni_utf8_get_char_n(s + i, n - i, &chr);
		if (len <= 0)
			return FALSE;
		i += len;
		if (chr >= 0xA0 && chr <= 0xFF) {
			buffer_append_c(bytes, (unsigned char)chr);
			high++;
			continue;
		}
		for (j = 0; j < N_ELEMENTS(cp1252_high); j++) {
			if (cp1252_high[j] == chr && chr != 0xFFFD)
				break;
		}
		if (j == N_ELEMENTS(cp1252_high))
			return FALSE;
		buffer_append_c(bytes, 0x80 + j);
		high++;
	}
	return high >= 2;
}

bool dondoc_charset_repair_legacy(string_t *text, size_t start,
				  const char **used_r)
{
	const unsigned char *s = str_data(text) + start;
	size_t n = str_len(text) - start;
	const char *legacy;
	buffer_t *bytes;
	string_t *fixed;
	bool ret = FALSE;

	/* cheap exit: no Latin-1 lead byte (C2/C3) at all */
	if (memchr(s, 0xC3, n) == NULL && memchr(s, 0xC2, n) == NULL)
		return FALSE;
	bytes = t_buffer_create(n);
	if (!utf8_as_cp1252(s, n, bytes))
		return FALSE;
	legacy = charset_detect("windows-1252", bytes->data, bytes->used);
	if (strcmp(legacy, "windows-1252") == 0)
		return FALSE;
	fixed = t_str_new(n + 64);
	if (strcmp(legacy, "VNI") == 0)
		dondoc_charset_vni_to_utf8(bytes->data, bytes->used, fixed);
	else if (charset_is_cp1258(legacy))
		charset_cp1258(bytes->data, bytes->used, fixed);
	else
		(void)charset_iconv("TCVN5712-1", bytes->data, bytes->used,
				    fixed);
	str_truncate(text, start);
	str_append_str(text, fixed);
	*used_r = legacy;
	ret = TRUE;
	return ret;
}

enum dondoc_charset_result
dondoc_charset_to_utf8(const char *charset, const unsigned char *input,
		       size_t size, string_t *dest, const char **used_r)
{
	enum dondoc_charset_result ret;
	size_t start = str_len(dest), i;
	char *p;

	/* no T_BEGIN here: dest may be on the caller's data stack frame */
	ret = charset_convert(charset, input, size, dest, used_r);
	/* NUL would cut strings short further on */
	p = str_c_modifiable(dest);
	for (i = start; i < str_len(dest); i++) {
		char *nul = memchr(p + i, '\0', str_len(dest) - i);

		if (nul == NULL)
			break;
		*nul = ' ';
		i = nul - p;
	}
	return ret;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

const char *dondoc_charset_rfc2231_value(const char *value)
{
	const char *q1 = strchr(value, '\''), *q2, *p, *used;
	buffer_t *bytes;
	string_t *out;

	if (q1 == NULL || (q2 = strchr(q1 + 1, '\'')) == NULL)
		return value;
	bytes = t_buffer_create(strlen(q2));
	for (p = q2 + 1; *p != '\0'; p++) {
		if (*p == '%' && hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
			buffer_append_c(bytes, hex_digit(p[1]) * 16 +
					hex_digit(p[2]));
			p += 2;
		} else {
			buffer_append_c(bytes, *p);
		}
	}
	out = t_str_new(bytes->used + 16);
	(void)dondoc_charset_to_utf8(q1 == value ? NULL :
				     t_strdup_until(value, q1),
				     bytes->data, bytes->used, out, &used);
	return str_c(out);
}
