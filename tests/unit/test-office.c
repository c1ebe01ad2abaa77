/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the limits of lib/analysis/dondoc-docx.c on large and
   hostile archives (issue 11): a 28 MB word/document.xml under the
   32 MiB limit keeps its header; entries declared over the uncompressed
   or ratio limit are read up to it, what was read kept; zip bombs and a
   lying central directory cost at most the budget; an archive cut before
   its central directory (an attachment cut at its size limit) is read by
   its local headers up to the cut, through the whole analysis too, and
   local headers that lie are bounded. Archives are made here with
   libzip, at the sizes named. */

#include "lib.h"
#include "str.h"
#include "byteorder.h"
#include "array.h"
#include "base64.h"
#include "istream.h"
#include "test-common.h"
#include "dondoc-limits.h"
#include "dondoc-analysis.h"
#include "dondoc-docx.h"

#include <zip.h>

#define MB (1024 * 1024)
#define HEADER "<w:p><w:r><w:t>Số: 12/BC-STTTT</w:t></w:r></w:p>" \
	"<w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>"
#define HEADER_TEXT "Số: 12/BC-STTTT\nBÁO CÁO\n"

#define CUT_WARNING "office document: archive cut, read up to the cut"

struct zip_entry {
	const char *name;
	const void *data;
	size_t size;
};

static buffer_t *make_zip_entries(const struct zip_entry *entries,
				  unsigned int count)
{
	buffer_t *out = buffer_create_dynamic(default_pool, 1024 * 1024);
	zip_source_t *src, *file;
	zip_error_t error;
	zip_int64_t len;
	zip_t *zip;

	zip_error_init(&error);
	src = zip_source_buffer_create(NULL, 0, 0, &error);
	zip_source_keep(src);
	zip = zip_open_from_source(src, ZIP_TRUNCATE, &error);
	for (unsigned int i = 0; i < count; i++) {
		file = zip_source_buffer(zip, entries[i].data,
					 entries[i].size, 0);
		(void)zip_file_add(zip, entries[i].name, file, 0);
	}
	(void)zip_close(zip);
	(void)zip_source_open(src);
	(void)zip_source_seek(src, 0, SEEK_END);
	len = zip_source_tell(src);
	(void)zip_source_seek(src, 0, SEEK_SET);
	(void)zip_source_read(src, buffer_append_space_unsafe(out, len), len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&error);
	return out;
}

static buffer_t *make_zip(const char *entry, const void *data, size_t size)
{
	const struct zip_entry one = { entry, data, size };

	return make_zip_entries(&one, 1);
}

/* A document.xml of at least size bytes: the header, then paragraphs of
   varied text (compresses about as much as a real report). */
static string_t *big_document(size_t size)
{
	string_t *xml = str_new(default_pool, size + 4096);
	unsigned int i = 0;

	str_append(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		   "<w:document xmlns:w=\"x\"><w:body>" HEADER);
	while (str_len(xml) < size) {
		str_printfa(xml, "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>"
			    "<w:r><w:t>Đoạn %u: kết quả %u, khó khăn %u, "
			    "kiến nghị %u.</w:t></w:r></w:p>", i,
			    i * 7919 % 10007, i * 104729 % 1009, i % 97);
		i++;
	}
	str_append(xml, "</w:body></w:document>");
	return xml;
}

static struct dondoc_zip_limits default_limits(void)
{
	struct dondoc_zip_limits limits = {
		.max_archive_bytes = DONDOC_LIMITS_DEFAULT_MAX_ATTACHMENT_BYTES,
		.max_entries = DONDOC_LIMITS_DEFAULT_MAX_ZIP_ENTRIES,
		.max_uncompressed_bytes =
			DONDOC_LIMITS_DEFAULT_MAX_ZIP_UNCOMPRESSED_BYTES,
		.max_ratio = DONDOC_LIMITS_DEFAULT_MAX_ZIP_RATIO,
		.max_text_bytes = DONDOC_LIMITS_DEFAULT_MAX_TEXT_BYTES,
	};
	return limits;
}

static bool starts_with_header(const string_t *text)
{
	return str_len(text) >= strlen(HEADER_TEXT) &&
		memcmp(str_data(text), HEADER_TEXT, strlen(HEADER_TEXT)) == 0;
}

static void test_office_large(void)
{
	struct dondoc_zip_limits limits = default_limits();
	string_t *xml = big_document(28 * 1000 * 1000);
	string_t *text = str_new(default_pool, 1024);
	const char *warning = NULL;
	buffer_t *zip;

	test_begin("office: a 28 MB document.xml under the 32 MiB limit");
	test_assert(str_len(xml) < DONDOC_LIMITS_DEFAULT_MAX_ZIP_UNCOMPRESSED_BYTES);
	zip = make_zip("word/document.xml", str_data(xml), str_len(xml));
	test_assert(zip->used < DONDOC_LIMITS_DEFAULT_MAX_ATTACHMENT_BYTES);
	/* the text limit cuts it: the header stays, the warning says so */
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert_strcmp(warning, "text limit reached");
	test_assert(starts_with_header(text));
	test_assert(str_len(text) <= limits.max_text_bytes);
	test_assert(str_len(text) > limits.max_text_bytes / 2);

	/* read whole when the text fits */
	limits.max_text_bytes = 64 * MB;
	str_truncate(text, 0);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) == 0);
	test_assert(starts_with_header(text));
	test_assert(strstr(str_c(text), "\nĐoạn 0: ") != NULL);

	/* declared over the uncompressed limit: read up to it, kept */
	limits.max_uncompressed_bytes = 4 * MB;
	str_truncate(text, 0);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: uncompressed size limit reached");
	test_assert(starts_with_header(text));
	test_assert(str_len(text) > MB && str_len(text) < 4 * MB);

	/* the same over the ratio limit: the budget is ratio x compressed */
	limits.max_uncompressed_bytes = 64 * MB;
	limits.max_ratio = 2;
	str_truncate(text, 0);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: compression ratio limit reached");
	test_assert(starts_with_header(text));
	test_assert(str_len(text) <= 2 * (zip->used + 1));
	buffer_free(&zip);
	str_free(&xml);
	str_free(&text);
	test_end();
}

/* 64 MB of one letter in one <w:t>: about 64 KB compressed. */
static buffer_t *bomb_zip(void)
{
	size_t size = 64 * MB;
	char *bomb = i_malloc(size);
	buffer_t *zip;

	memset(bomb, 'a', size);
	memcpy(bomb, "<w:document><w:t>", 17);
	zip = make_zip("word/document.xml", bomb, size);
	i_free(bomb);
	return zip;
}

static void test_office_bombs(void)
{
	struct dondoc_zip_limits limits = default_limits();
	string_t *text = str_new(default_pool, 1024);
	const char *warning = NULL;
	unsigned char *cd;
	buffer_t *zip;

	test_begin("office: zip bombs and lying sizes cost the budget only");
	zip = bomb_zip();
	test_assert(zip->used < MB);
	/* declared 64 MB, over 32 MiB: the first text is read, then cut */
	limits.max_text_bytes = 64 * MB;
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: uncompressed size limit reached");
	/* what was inflated: at most ratio x the compressed size */
	test_assert(str_len(text) > 0);
	test_assert(str_len(text) <= limits.max_ratio * (zip->used + 1));

	/* a central directory (and local header) that claim 1000 bytes:
	   the inflated bytes are counted, whatever the archive says */
	cd = (unsigned char *)zip->data + zip->used;
	while (cd > (unsigned char *)zip->data &&
	       memcmp(cd, "PK\x01\x02", 4) != 0)
		cd--;
	test_assert(memcmp(cd, "PK\x01\x02", 4) == 0);
	cpu32_to_le_unaligned(1000, cd + 24);
	cpu32_to_le_unaligned(1000, (unsigned char *)zip->data + 22);
	str_truncate(text, 0);
	warning = NULL;
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert(warning != NULL &&
		    (strstr(warning, "limit reached") != NULL ||
		     strstr(warning, "corrupt") != NULL));
	test_assert(str_len(text) <= limits.max_ratio * (zip->used + 1));
	buffer_free(&zip);

	/* an archive over the archive limit is not opened */
	zip = make_zip("word/document.xml", HEADER, strlen(HEADER));
	limits.max_archive_bytes = zip->used - 1;
	str_truncate(text, 0);
	test_assert(dondoc_office_extract(DONDOC_OFFICE_DOCX, zip->data,
					  zip->used, &limits, text,
					  &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: archive size limit reached");
	test_assert(str_len(text) == 0);
	buffer_free(&zip);
	str_free(&text);
	test_end();
}

static int extract_cut(enum dondoc_office_kind kind, const buffer_t *zip,
		       size_t cut, const struct dondoc_zip_limits *limits,
		       string_t *text, const char **warning_r)
{
	str_truncate(text, 0);
	*warning_r = NULL;
	return dondoc_office_extract(kind, zip->data, I_MIN(cut, zip->used),
				     limits, text, warning_r);
}

static void test_office_cut(void)
{
	struct dondoc_zip_limits limits = default_limits();
	string_t *xml = big_document(8 * MB);
	string_t *text = str_new(default_pool, 1024);
	const char *warning;
	unsigned char *p;
	buffer_t *zip;

	test_begin("office: an archive cut before its central directory");
	/* a .docx as Word writes it: small entries, then the document */
	const struct zip_entry docx[] = {
		{ "[Content_Types].xml", str_data(xml), 4096 },
		{ "_rels/.rels", str_data(xml), 2048 },
		{ "word/document.xml", str_data(xml), str_len(xml) },
	};
	zip = make_zip_entries(docx, N_ELEMENTS(docx));
	limits.max_text_bytes = 64 * MB;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning, CUT_WARNING);
	test_assert(starts_with_header(text));
	/* about half of it, and only what was there */
	test_assert(str_len(text) > 64 * 1024);
	test_assert(str_len(text) <= limits.max_text_bytes);

	/* the text limit still stops it first when it is smaller */
	limits.max_text_bytes = 4096;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning, "text limit reached");
	test_assert(starts_with_header(text) && str_len(text) <= 4096);
	limits.max_text_bytes = 64 * MB;

	/* the uncompressed limit bounds the cut archive too */
	limits.max_uncompressed_bytes = MB;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: uncompressed size limit reached");
	test_assert(starts_with_header(text) && str_len(text) < MB);
	limits.max_uncompressed_bytes =
		DONDOC_LIMITS_DEFAULT_MAX_ZIP_UNCOMPRESSED_BYTES;

	/* cut before the document's own header: nothing to read */
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, 100, &limits, text,
				&warning) < 0);
	test_assert_strcmp(warning, "office document: not a zip archive");
	test_assert(str_len(text) == 0);

	/* the entries before it with no size in their local header (a data
	   descriptor): skipped by inflating them */
	p = buffer_get_modifiable_data(zip, NULL);
	test_assert(memcmp(p, "PK\x03\x04", 4) == 0 && p[8] == 8);
	p[6] |= 0x08;
	memset(p + 14, 0, 12);
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning, CUT_WARNING);
	test_assert(starts_with_header(text));
	/* ... within the entry limit */
	limits.max_entries = 2;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: entry count limit reached");
	limits.max_entries = DONDOC_LIMITS_DEFAULT_MAX_ZIP_ENTRIES;
	buffer_free(&zip);

	/* an .odt: the stored mimetype first, then content.xml, whole
	   before the cut */
	const char *odt_xml = "<office:document-content><office:body>"
		"<text:p>Số: 3/TB-BCĐ</text:p><text:p>THÔNG BÁO</text:p>"
		"</office:body></office:document-content>";
	const struct zip_entry odt[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text", 39 },
		{ "content.xml", odt_xml, strlen(odt_xml) },
		{ "styles.xml", str_data(xml), 64 * 1024 },
	};
	zip = make_zip_entries(odt, N_ELEMENTS(odt));
	test_assert(extract_cut(DONDOC_OFFICE_ODT, zip, zip->used - 200,
				&limits, text, &warning) == 0);
	test_assert_strcmp(str_c(text), "Số: 3/TB-BCĐ\nTHÔNG BÁO\n");
	buffer_free(&zip);
	str_free(&xml);
	str_free(&text);
	test_end();
}

static void test_office_cut_hostile(void)
{
	struct dondoc_zip_limits limits = default_limits();
	string_t *text = str_new(default_pool, 1024);
	const char *warning;
	unsigned char *p;
	buffer_t *zip;

	test_begin("office: cut archives whose local headers lie");
	/* a bomb cut in half: ratio x what there is, at most */
	zip = bomb_zip();
	limits.max_text_bytes = 64 * MB;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert_strcmp(warning,
			   "office document: compression ratio limit reached");
	test_assert(str_len(text) > 0);
	test_assert(str_len(text) <= limits.max_ratio * (zip->used / 2 + 1));

	/* a local header claiming 4 GB compressed, 1 byte uncompressed:
	   the bytes there are, inflated and counted */
	p = buffer_get_modifiable_data(zip, NULL);
	cpu32_to_le_unaligned(0xfffffffe, p + 18);
	cpu32_to_le_unaligned(1, p + 22);
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used / 2,
				&limits, text, &warning) < 0);
	test_assert(str_len(text) <= limits.max_ratio * (zip->used / 2 + 1));
	/* a name running past the data */
	p[26] = 0xff; p[27] = 0xff;
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, 4096, &limits,
				text, &warning) < 0);
	test_assert_strcmp(warning, "office document: not a zip archive");
	buffer_free(&zip);

	/* garbage after a valid header's worth of bytes */
	zip = buffer_create_dynamic(default_pool, 4096);
	buffer_append(zip, "PK\x03\x04", 4);
	buffer_append_zero(zip, 26);
	p = buffer_get_modifiable_data(zip, NULL);
	p[8] = 8;
	cpu32_to_le_unaligned(4000, p + 18);
	p[26] = 17;
	buffer_append(zip, "word/document.xml", 17);
	for (unsigned int i = 0; i < 1000; i++)
		buffer_append(zip, "\xff\xfe\xfd\xfc", 4);
	test_assert(extract_cut(DONDOC_OFFICE_DOCX, zip, zip->used, &limits,
				text, &warning) < 0);
	test_assert_strcmp(warning, "office document: corrupt archive");
	test_assert(str_len(text) == 0);
	buffer_free(&zip);
	str_free(&text);
	test_end();
}

/* The whole analysis of a mail whose .docx attachment is cut at the
   attachment size limit: the document is there, the warnings say why it
   may be partial. */
static void test_office_cut_analysis(void)
{
	struct dondoc_limits limits = dondoc_limits_default;
	pool_t pool = pool_alloconly_create("test", 4096);
	string_t *xml = big_document(2 * MB);
	string_t *msg = str_new(default_pool, 4 * MB);
	const struct dondoc_document *doc;
	struct dondoc_analysis *a;
	struct istream *input;
	const char *error, *const *w;
	bool cut_warned = FALSE, size_warned = FALSE;
	buffer_t *zip;

	test_begin("office: analysis of a .docx cut at the attachment limit");
	zip = make_zip("word/document.xml", str_data(xml), str_len(xml));
	limits.max_attachment_bytes = zip->used / 2;
	str_append(msg, "MIME-Version: 1.0\n"
		   "Content-Type: multipart/mixed; boundary=b\n\n"
		   "--b\nContent-Type: text/plain; charset=utf-8\n\n"
		   "Gửi kèm báo cáo.\n--b\n"
		   "Content-Type: application/vnd.openxmlformats-"
		   "officedocument.wordprocessingml.document\n"
		   "Content-Disposition: attachment; filename=\"bc.docx\"\n"
		   "Content-Transfer-Encoding: base64\n\n");
	base64_encode(zip->data, zip->used, msg);
	str_append(msg, "\n--b--\n");
	input = i_stream_create_from_data(str_data(msg), str_len(msg));
	test_assert(dondoc_analyze_stream(input, &limits, pool, &a,
					  &error) == 0);
	i_stream_unref(&input);
	test_assert(array_count(&a->documents) == 1);
	if (array_count(&a->documents) == 1) {
		doc = array_idx(&a->documents, 0);
		test_assert_strcmp(doc->type, "BC");
		test_assert_strcmp(doc->symbol, "BC-STTTT");
	}
	array_foreach(&a->warnings, w) {
		cut_warned = cut_warned || strcmp(*w, CUT_WARNING) == 0;
		size_warned = size_warned ||
			strcmp(*w, "attachment size limit reached") == 0;
	}
	test_assert(cut_warned && size_warned);
	buffer_free(&zip);
	str_free(&msg);
	str_free(&xml);
	pool_unref(&pool);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_office_large,
		test_office_bombs,
		test_office_cut,
		test_office_cut_hostile,
		test_office_cut_analysis,
		NULL
	};

	return test_run(test_functions);
}
