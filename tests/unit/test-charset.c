/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/analysis/dondoc-nfc.c, dondoc-charset.c, dondoc-html.c and
   dondoc-docx.c: NFC, legacy Vietnamese encodings and their detection,
   html to text, office text and its limits. */

#include "lib.h"
#include "str.h"
#include "unichar.h"
#include "test-common.h"
#include "dondoc-nfc.h"
#include "dondoc-charset.h"
#include "dondoc-html.h"
#include "dondoc-docx.h"

#include <zip.h>

static const char *nfc(const char *s)
{
	string_t *str = t_str_new(64);

	dondoc_nfc_append((const void *)s, strlen(s), str);
	return str_c(str);
}

static void test_nfc(void)
{
	test_begin("nfc: Vietnamese and Latin composition");
	/* ố = o + circumflex + acute */
	test_assert_strcmp(nfc("So\xcc\x82\xcc\x81"), "Số");
	/* ộ in NFD order: o + dot below + circumflex */
	test_assert_strcmp(nfc("o\xcc\xa3\xcc\x82"), "ộ");
	/* marks in the other order still compose to ộ */
	test_assert_strcmp(nfc("o\xcc\x82\xcc\xa3"), "ộ");
	/* ư + hook: windows-1258 style (precomposed base, combining tone) */
	test_assert_strcmp(nfc("\xc6\xb0\xcc\x89"), "ử");
	test_assert_strcmp(nfc("Đe\xcc\x82\xcc\x80 a\xcc\x81n"), "Đề án");
	test_assert_strcmp(nfc("ASCII only"), "ASCII only");
	/* a mark with no base and a long run stay, unchanged */
	test_assert_strcmp(nfc("\xcc\x81x"), "\xcc\x81x");
	T_BEGIN {
		string_t *in = t_str_new(256);
		unsigned int i;

		str_append_c(in, 'a');
		for (i = 0; i < 40; i++)
			str_append(in, "\xcc\x81");
		test_assert(strlen(nfc(str_c(in))) == 2 + 39 * 2);
	} T_END;
	test_assert(dondoc_nfc_base_letter(0x1ED1) == 'o');
	test_assert(dondoc_nfc_base_letter(0x01AF) == 'U');
	test_end();
}

static const char *conv(const char *charset, const char *data, size_t size,
			const char **used_r)
{
	string_t *str = t_str_new(64);

	(void)dondoc_charset_to_utf8(charset, (const void *)data, size, str,
				     used_r);
	return str_c(str);
}

static void test_legacy(void)
{
	/* "Số: 17 ngày 31 tháng 3 năm 2022 Báo cáo của tỉnh" in VNI */
	static const char vni[] =
		"So\xe1: 17 nga\xf8y 31 tha\xf9ng 3 na\xeam 2022 "
		"Ba\xf9o ca\xf9o cu\xfb" "a t\xe6nh";
	/* the same in TCVN3 (via iconv TCVN5712-1) */
	static const char tcvn[] =
		"S\xe8: 17 ng\xb5y 31 th\xb8ng 3 n\xa8m 2022 B\xb8o c\xb8o c\xf1" "a t\xd8nh";
	/* windows-1258: "Số" as S, ô, combining acute */
	static const char cp1258[] = "S\xf4\xec b\xe1o c\xe1o";
	const char *used;

	test_begin("charset: VNI, TCVN3, windows-1258, detection");
	test_assert_strcmp(conv("windows-1252", vni, sizeof(vni) - 1, &used),
			   "Số: 17 ngày 31 tháng 3 năm 2022 Báo cáo của tỉnh");
	test_assert_strcmp(used, "VNI");
	test_assert_strcmp(conv(NULL, tcvn, sizeof(tcvn) - 1, &used),
			   "Số: 17 ngày 31 tháng 3 năm 2022 Báo cáo của tỉnh");
	test_assert_strcmp(used, "TCVN3");
	test_assert_strcmp(conv("x-vni", "\xd1" "e\xe0 a\xf9n", 7, &used),
			   "Đề án");
	test_assert_strcmp(conv("windows-1258", cp1258, sizeof(cp1258) - 1,
				&used), "Số báo cáo");
	/* real Latin-1 stays Latin-1 */
	test_assert_strcmp(conv("iso-8859-1", "caf\xe9 cr\xe8me", 10, &used),
			   "café crème");
	/* mislabelled UTF-8 is read as UTF-8 */
	test_assert_strcmp(conv("us-ascii", "Số", 4, &used), "Số");
	test_assert(dondoc_charset_to_utf8("x-unknown-cs", (const void *)"ab",
					   2, t_str_new(8), &used) ==
		    DONDOC_CHARSET_UNKNOWN);
	/* .VnTime glyphs pasted as Unicode Latin-1: "Sè: 17 ngµy 31 th¸ng" */
	T_BEGIN {
		string_t *text = t_str_new(64);

		str_append(text, "x S\xc3\xa8: 17 ng\xc2\xb5y 31 th\xc2\xb8ng 3 "
			   "n\xc2\xa8m 2022 b\xc2\xb8o c\xc2\xb8o");
		test_assert(dondoc_charset_repair_legacy(text, 2, &used));
		test_assert_strcmp(str_c(text),
			"x Số: 17 ngày 31 tháng 3 năm 2022 báo cáo");
		test_assert_strcmp(used, "TCVN3");
		/* real Latin-1 and real Vietnamese are left alone */
		str_truncate(text, 0);
		str_append(text, "café crème brûlée à la carte");
		test_assert(!dondoc_charset_repair_legacy(text, 0, &used));
		str_truncate(text, 0);
		str_append(text, "Số: 17 ngày 31 tháng 3 năm 2022");
		test_assert(!dondoc_charset_repair_legacy(text, 0, &used));
	} T_END;
	/* NUL bytes become spaces; invalid UTF-8 is replaced */
	test_assert_strcmp(conv("utf-8", "a\0b\xff", 4, &used),
			   "a b" UNICODE_REPLACEMENT_CHAR_UTF8);
	test_end();
}

static const char *html(const char *s)
{
	string_t *str = t_str_new(64);

	dondoc_html_to_text(s, strlen(s), str);
	return str_c(str);
}

static void test_html(void)
{
	test_begin("html: lines, cells, entities, quotes");
	test_assert_strcmp(html("<table><tr><td><b>UBND</b></td><td>CỘNG HÒA"
				"</td></tr><tr><td>Số: 1/BC-X</td><td>ngày"
				"</td></tr></table>"),
			   "UBND\tCỘNG HÒA\nSố: 1/BC-X\tngày\n");
	test_assert_strcmp(html("<p>S&#7889;: 3</p><p>a&nbsp;&amp;&lt;b&ocirc;"
				"<br>c</p>"), "Số: 3\na &<bô\nc\n");
	test_assert_strcmp(html("<style>p{x}</style><script>if(a<b)"
				"</script><!-- <p>no --><div>x\n  y</div>"),
			   "x y\n");
	test_assert_strcmp(html("<div>mới</div><blockquote><div>cũ</div>"
				"</blockquote>"), "mới\n> cũ\n");
	/* unterminated everything */
	test_assert_strcmp(html("a<b c=\"x>"), "a\n");
	test_assert_strcmp(html("&#99999999999;&bogus;<"), "\xef\xbf\xbd&bogus;\n");
	/* tag names in any case, as in lower case (they are lower-cased
	   once); characters copied as written, invalid bytes replaced */
	test_assert_strcmp(html("<TABLE><Tr><tD>UBND</TD><Td>CỘNG</tD><TD>x"
				"</TD></TR></Table><SCRIPT>a</sCrIpT>"
				"<BlockQuote>cũ</BLOCKQUOTE>Số<BR>\xc3\xa1 "
				"\xc0\xaf\xed\xa0\x80\xf0\x9f\x98\x80"),
			   "UBND\tCỘNG\tx\n> cũ\nSố\ná "
			   "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			   "\xef\xbf\xbd\xef\xbf\xbd\xf0\x9f\x98\x80\n");
	test_assert_strcmp(dondoc_html_meta_charset(
		"<meta http-equiv=Content-Type content=\"text/html; "
		"charset=windows-1258\">", 72), "windows-1258");
	test_end();
}

static buffer_t *make_zip(const char *entry, const char *data, size_t size)
{
	buffer_t *out = t_buffer_create(1024);
	zip_source_t *src, *file;
	zip_error_t error;
	zip_t *zip;
	void *p;
	zip_int64_t len;

	zip_error_init(&error);
	src = zip_source_buffer_create(NULL, 0, 0, &error);
	zip_source_keep(src);
	zip = zip_open_from_source(src, ZIP_TRUNCATE, &error);
	file = zip_source_buffer(zip, data, size, 0);
	(void)zip_file_add(zip, entry, file, 0);
	(void)zip_close(zip);
	(void)zip_source_open(src);
	(void)zip_source_seek(src, 0, SEEK_END);
	len = zip_source_tell(src);
	(void)zip_source_seek(src, 0, SEEK_SET);
	p = buffer_append_space_unsafe(out, len);
	(void)zip_source_read(src, p, len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&error);
	return out;
}

static void test_docx(void)
{
	static const char xml[] =
		"<w:document><w:body><w:p><w:r><w:t>Số: 1/BC-X</w:t></w:r>"
		"<w:r><w:tab/><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>BÁO "
		"CÁO</w:t></w:r></w:p></w:body></w:document>";
	struct dondoc_zip_limits limits = {
		.max_archive_bytes = 1024 * 1024, .max_entries = 10,
		.max_uncompressed_bytes = 1024 * 1024, .max_ratio = 100,
		.max_text_bytes = 1024,
	};
	const char *warning;
	buffer_t *zip;
	string_t *text;
	char *bomb;

	test_begin("docx: text, limits, bombs, DTDs");
	zip = make_zip("word/document.xml", xml, sizeof(xml) - 1);
	text = t_str_new(64);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) == 0);
	test_assert_strcmp(str_c(text), "Số: 1/BC-X\ta\nBÁO CÁO\n");

	/* 4 MB of zeros: the ratio check refuses it before inflating */
	bomb = t_malloc0(4 * 1024 * 1024);
	memcpy(bomb, "<w:document>", 12);
	zip = make_zip("word/document.xml", bomb, 4 * 1024 * 1024);
	text = t_str_new(64);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert(strstr(warning, "limit reached") != NULL);
	test_assert(str_len(text) == 0);

	/* text limit while parsing */
	limits.max_text_bytes = 5;
	zip = make_zip("word/document.xml", xml, sizeof(xml) - 1);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, t_str_new(8),
					  &warning) < 0);
	test_assert_strcmp(warning, "text limit reached");
	limits.max_text_bytes = 1024;

	/* entity expansion is never reached: the DTD is refused */
	zip = make_zip("word/document.xml",
		       "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:t>&a;</w:t>", 46);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, t_str_new(8),
					  &warning) < 0);
	test_assert_strcmp(warning, "office document: DTD refused");

	/* not a zip, no document entry */
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, "PK\3\4junk", 9,
					  &limits, t_str_new(8),
					  &warning) < 0);
	zip = make_zip("other.xml", xml, sizeof(xml) - 1);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, t_str_new(8),
					  &warning) < 0);
	test_end();
}

/* UTF-8 validation: each invalid byte is one U+FFFD, wherever it falls
   in the eight bytes read at once; valid text is kept as it is. */
static void test_utf8_validation(void)
{
	static const struct {
		const char *bad;
		unsigned int replaced;
	} tests[] = {
		{ "\xe1\xbb", 2 },		/* truncated 3-byte */
		{ "\xff", 1 },
		{ "\xc3", 1 },			/* truncated 2-byte */
		{ "\xed\xa0\x80", 3 },	/* a surrogate */
		{ "\xf0\x9f\x98", 3 },	/* truncated 4-byte */
		{ "\xc0\xaf", 2 },		/* overlong */
		{ "ố", 0 },
	};
	unsigned int i, k, r;
	const char *used;

	test_begin("charset: UTF-8 validated once, hostile bytes");
	for (i = 0; i < N_ELEMENTS(tests); i++) {
		for (k = 0; k <= 20; k++) {
			const char *suffix = k % 2 == 0 ? "bcd xyz" : "";
			const char *in = t_strdup_printf("%.*s%s%s", (int)k,
				"aaaaaaaaaaaaaaaaaaaaaaaa", tests[i].bad, suffix);
			string_t *want = t_str_new(64), *got = t_str_new(64);

			str_append_data(want, in, k);
			if (tests[i].replaced == 0)
				str_append(want, tests[i].bad);
			for (r = 0; r < tests[i].replaced; r++)
				str_append(want, UNICODE_REPLACEMENT_CHAR_UTF8);
			str_append(want, suffix);
			test_assert_idx(dondoc_charset_to_utf8("utf-8",
				(const void *)in, strlen(in), got, &used) ==
				DONDOC_CHARSET_OK, i * 100 + k);
			test_assert_strcmp_idx(str_c(got), str_c(want),
					       i * 100 + k);
		}
	}
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_nfc,
		test_utf8_validation,
		test_legacy,
		test_html,
		test_docx,
		NULL
	};
	return test_run(test_functions);
}
