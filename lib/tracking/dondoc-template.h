/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TEMPLATE_H
#define DONDOC_TEMPLATE_H

/* The template engine of dondoc's automatic mail: a template is text
   with named fields, ${task.code}, and one minimal conditional,
   ${if field} ... ${else} ... ${end} (true when the field is not empty),
   nested at most DONDOC_TEMPLATE_MAX_DEPTH deep. A first line
   "Subject: ..." is the subject's template; one empty line after it is
   skipped. A directive alone on its line takes its line end with it.
   "$${" writes a literal "${".

   Each kind of mail has a fixed set of fields (dondoc-template-kinds.c):
   a template naming any other field, or with an unterminated "${", an
   unclosed ${if}, is refused when it is parsed, with "file:line: ...".
   Trusts neither the template nor the values: both are bounded; values
   are sanitised when rendered (controls removed, one line unless the
   field is a block, always one line in the subject); and a field that
   holds a document's content renders as a fixed placeholder when the
   document is classified (values->secret), whatever the template says. */

#define DONDOC_TEMPLATE_MAX_FILE (16 * 1024)
#define DONDOC_TEMPLATE_MAX_SEGMENTS 1024
#define DONDOC_TEMPLATE_MAX_DEPTH 4
#define DONDOC_TEMPLATE_MAX_NAME 64
/* A rendered body, and subject, are cut (UTF-8 safe) at these. */
#define DONDOC_TEMPLATE_MAX_BODY (64 * 1024)
#define DONDOC_TEMPLATE_MAX_SUBJECT 200
/* What a classified document's content fields render as. */
#define DONDOC_TEMPLATE_SECRET_PLACEHOLDER \
	"(văn bản có độ mật: không trích dẫn nội dung)"

enum dondoc_template_field_flags {
	/* May hold several lines (body only; one line in the subject). */
	DONDOC_TEMPLATE_FIELD_BLOCK = 0x01,
	/* The content of a document: never rendered when it is secret. */
	DONDOC_TEMPLATE_FIELD_CONTENT = 0x02,
};

struct dondoc_template_field {
	const char *name;
	enum dondoc_template_field_flags flags;
	/* Bytes of the value rendered at most (UTF-8 safe cut). */
	unsigned int max_bytes;
};

struct dondoc_template_kind {
	/* The file is "<name>.txt". */
	const char *name;
	const struct dondoc_template_field *fields;
	unsigned int fields_count;
};

struct dondoc_template;

/* The values of one rendering, indexed as kind->fields. */
struct dondoc_template_values {
	const struct dondoc_template_kind *kind;
	const char **values;
	/* The document is classified: content fields are not rendered. */
	bool secret;
};

/* Parse a template of kind. filename names it in errors. Returns 0, or
   -1 with error_r "filename:line: ...". */
int dondoc_template_parse(pool_t pool, const struct dondoc_template_kind *kind,
			  const char *filename, const unsigned char *data,
			  size_t size, struct dondoc_template **tpl_r,
			  const char **error_r);
/* Read and parse path (at most DONDOC_TEMPLATE_MAX_FILE bytes). Returns
   1, 0 when the file does not exist, -1 on error (error_r). */
int dondoc_template_load(pool_t pool, const struct dondoc_template_kind *kind,
			 const char *path, struct dondoc_template **tpl_r,
			 const char **error_r);

/* Values for kind, all NULL (empty), from the data stack. */
void dondoc_template_values_init(struct dondoc_template_values *values,
				 const struct dondoc_template_kind *kind);
/* Set a field by name (a name the kind lacks is a bug: panics). */
void dondoc_template_set(struct dondoc_template_values *values,
			 const char *name, const char *value);

/* Render: the subject (one line, empty when the template has none) and
   the body (LF line ends), each bounded. */
void dondoc_template_render(const struct dondoc_template *tpl,
			    const struct dondoc_template_values *values,
			    string_t *subject, string_t *body);
bool dondoc_template_has_subject(const struct dondoc_template *tpl);

#endif
