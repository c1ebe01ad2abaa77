/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The digest's .docx as a package: the content types, the
   relationships, the styles (Times New Roman 13, Vietnamese) and the
   charts around word/document.xml (dondoc-digest-docx.c), zipped in
   memory with libzip. Trusts the document it is given to be well-formed
   (the XML writer made it); writes every part with the XML writer. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "buffer.h"
#include "dondoc-xml-writer.h"
#include "dondoc-digest-private.h"

#include <zip.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

bool digest_docx_has_chart(const buffer_t *const *charts, unsigned int index)
{
	return charts != NULL && charts[index] != NULL &&
		charts[index]->used > 0;
}

/* ---- the package parts ---- */

static void docx_rel(struct xml_writer *w, const char *id, const char *type,
		     const char *target)
{
	xml_start(w, "Relationship");
	xml_attr(w, "Id", id);
	xml_attr(w, "Type", type);
	xml_attr(w, "Target", target);
	xml_end(w);
}

static const char *docx_content_types(void)
{
	string_t *str = t_str_new(1024);
	struct xml_writer *w = xml_writer_create(str);
	static const char *const overrides[][2] = {
		{ "/word/document.xml", "application/vnd.openxmlformats-"
		  "officedocument.wordprocessingml.document.main+xml" },
		{ "/word/styles.xml", "application/vnd.openxmlformats-"
		  "officedocument.wordprocessingml.styles+xml" },
	};
	unsigned int i;

	xml_start(w, "Types");
	xml_attr(w, "xmlns", "http://schemas.openxmlformats.org/package/"
		 "2006/content-types");
	xml_start(w, "Default");
	xml_attr(w, "Extension", "rels");
	xml_attr(w, "ContentType", "application/vnd.openxmlformats-package."
		 "relationships+xml");
	xml_end(w);
	xml_start(w, "Default");
	xml_attr(w, "Extension", "xml");
	xml_attr(w, "ContentType", "application/xml");
	xml_end(w);
	xml_start(w, "Default");
	xml_attr(w, "Extension", "png");
	xml_attr(w, "ContentType", "image/png");
	xml_end(w);
	for (i = 0; i < N_ELEMENTS(overrides); i++) {
		xml_start(w, "Override");
		xml_attr(w, "PartName", overrides[i][0]);
		xml_attr(w, "ContentType", overrides[i][1]);
		xml_end(w);
	}
	xml_writer_destroy(&w);
	return str_c(str);
}

static const char *docx_package_rels(void)
{
	string_t *str = t_str_new(512);
	struct xml_writer *w = xml_writer_create(str);

	xml_start(w, "Relationships");
	xml_attr(w, "xmlns", NS_PKG_REL);
	docx_rel(w, "rId1", REL_TYPE "officeDocument", "word/document.xml");
	xml_writer_destroy(&w);
	return str_c(str);
}

static const char *docx_document_rels(const buffer_t *const *charts,
				      unsigned int count)
{
	string_t *str = t_str_new(512);
	struct xml_writer *w = xml_writer_create(str);
	unsigned int i;

	xml_start(w, "Relationships");
	xml_attr(w, "xmlns", NS_PKG_REL);
	docx_rel(w, "rIdStyles", REL_TYPE "styles", "styles.xml");
	for (i = 0; i < count; i++) {
		if (!digest_docx_has_chart(charts, i))
			continue;
		docx_rel(w, t_strdup_printf("rIdChart%u", i + 1),
			 REL_TYPE "image",
			 t_strdup_printf("media/chart%u.png", i + 1));
	}
	xml_writer_destroy(&w);
	return str_c(str);
}

static const char *docx_styles(void)
{
	string_t *str = t_str_new(1024);
	struct xml_writer *w = xml_writer_create(str);

	xml_start(w, "w:styles");
	xml_attr(w, "xmlns:w", NS_W);
	xml_start(w, "w:docDefaults");
	xml_start(w, "w:rPrDefault");
	xml_start(w, "w:rPr");
	xml_start(w, "w:rFonts");
	xml_attr(w, "w:ascii", "Times New Roman");
	xml_attr(w, "w:hAnsi", "Times New Roman");
	xml_attr(w, "w:eastAsia", "Times New Roman");
	xml_attr(w, "w:cs", "Times New Roman");
	xml_end(w);
	xml_empty(w, "w:sz", "w:val", "26");
	xml_empty(w, "w:szCs", "w:val", "26");
	xml_empty(w, "w:lang", "w:val", "vi-VN");
	xml_end(w);
	xml_end(w);
	xml_end(w); /* docDefaults */
	xml_start(w, "w:style");
	xml_attr(w, "w:type", "paragraph");
	xml_attr(w, "w:default", "1");
	xml_attr(w, "w:styleId", "Normal");
	xml_empty(w, "w:name", "w:val", "Normal");
	xml_end(w);
	xml_start(w, "w:style");
	xml_attr(w, "w:type", "table");
	xml_attr(w, "w:default", "1");
	xml_attr(w, "w:styleId", "TableNormal");
	xml_empty(w, "w:name", "w:val", "Normal Table");
	xml_end(w);
	xml_writer_destroy(&w);
	return str_c(str);
}

/* ---- the zip ---- */

static int docx_add(zip_t *za, const char *name, const void *data,
		    size_t size, const char **error_r)
{
	zip_source_t *src;

	zip_int64_t idx;
	size_t len = strlen(name);
	bool png = len > 4 && strcmp(name + len - 4, ".png") == 0;

	src = zip_source_buffer(za, data, size, 0);
	if (src == NULL ||
	    (idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		*error_r = t_strdup_printf("docx: adding %s: %s", name,
					   zip_strerror(za));
		if (src != NULL)
			zip_source_free(src);
		return -1;
	}
	/* a PNG is compressed already; XML deflates well at a fast level */
	if (zip_set_file_compression(za, idx, png ? ZIP_CM_STORE :
				     ZIP_CM_DEFLATE, png ? 0 : 1) < 0) {
		*error_r = t_strdup_printf("docx: compressing %s: %s", name,
					   zip_strerror(za));
		return -1;
	}
	return 0;
}

/* The archive written into src's memory, copied to dest. */
static int docx_read_source(zip_source_t *src, buffer_t *dest,
			    const char **error_r)
{
	zip_stat_t st;
	zip_int64_t n;
	void *data;

	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0) {
		*error_r = "docx: cannot read the archive back";
		return -1;
	}
	data = buffer_append_space_unsafe(dest, st.size);
	n = zip_source_read(src, data, st.size);
	(void)zip_source_close(src);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		*error_r = "docx: short read of the archive";
		return -1;
	}
	return 0;
}

int digest_docx_package(const char *document, const buffer_t *const *charts,
			unsigned int chart_count, buffer_t *dest,
			const char **error_r)
{
	const char *parts[5][2];
	unsigned int i;
	zip_source_t *src;
	zip_error_t zerr;
	zip_t *za;
	int ret = 0;

	parts[0][0] = "[Content_Types].xml";
	parts[0][1] = docx_content_types();
	parts[1][0] = "_rels/.rels";
	parts[1][1] = docx_package_rels();
	parts[2][0] = "word/document.xml";
	parts[2][1] = document;
	parts[3][0] = "word/_rels/document.xml.rels";
	parts[3][1] = docx_document_rels(charts, chart_count);
	parts[4][0] = "word/styles.xml";
	parts[4][1] = docx_styles();

	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &zerr)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr)) == NULL) {
		*error_r = t_strdup_printf("docx: %s",
					   zip_error_strerror(&zerr));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&zerr);
		return -1;
	}
	zip_error_fini(&zerr);
	zip_source_keep(src);
	for (i = 0; i < N_ELEMENTS(parts) && ret == 0; i++)
		ret = docx_add(za, parts[i][0], parts[i][1],
			       strlen(parts[i][1]), error_r);
	for (i = 0; i < chart_count && ret == 0; i++) {
		if (!digest_docx_has_chart(charts, i))
			continue;
		ret = docx_add(za, t_strdup_printf("word/media/chart%u.png",
						   i + 1),
			       charts[i]->data, charts[i]->used, error_r);
	}
	if (ret < 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_close(za) < 0) {
		*error_r = t_strdup_printf("docx: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	ret = docx_read_source(src, dest, error_r);
	zip_source_free(src);
	return ret;
}
