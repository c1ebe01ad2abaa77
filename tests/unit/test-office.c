/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the limits of lib/analysis/dondoc-docx.c on large and
   hostile archives (issue 11): a 28 MB word/document.xml under the
   32 MiB limit keeps its header; entries declared over the uncompressed
   or ratio limit are read up to it, what was read kept; zip bombs and a
   lying central directory cost at most the budget. Archives are made
   here with libzip, at the sizes named. */

#include "lib.h"
#include "str.h"
#include "byteorder.h"
#include "test-common.h"
#include "dondoc-limits.h"
#include "dondoc-docx.h"

#include <zip.h>

#define MB (1024 * 1024)
#define HEADER "<w:p><w:r><w:t>Số: 12/BC-STTTT</w:t></w:r></w:p>" \
	"<w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>"
#define HEADER_TEXT "Số: 12/BC-STTTT\nBÁO CÁO\n"

static buffer_t *make_zip(const char *entry, const void *data, size_t size)
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
	file = zip_source_buffer(zip, data, size, 0);
	(void)zip_file_add(zip, entry, file, 0);
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

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_office_large,
		test_office_bombs,
		NULL
	};

	return test_run(test_functions);
}
