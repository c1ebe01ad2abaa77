/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_XML_WRITER_H
#define DONDOC_XML_WRITER_H

/* A small streaming XML writer for the files dondoc produces (the
   digest's .docx): elements opened and closed in order, attributes and
   text escaped, characters XML 1.0 forbids dropped, bytes that are not
   UTF-8 replaced by U+FFFD. Element and attribute names are the
   caller's constants (checked: letters, digits, ':', '_', '-', '.'). */

struct xml_writer;

struct xml_writer *xml_writer_create(string_t *dest);
/* Closes what is still open. */
void xml_writer_destroy(struct xml_writer **writer);

void xml_start(struct xml_writer *w, const char *name);
/* Only right after xml_start(). */
void xml_attr(struct xml_writer *w, const char *name, const char *value);
void xml_attr_int(struct xml_writer *w, const char *name, long long value);
void xml_text(struct xml_writer *w, const char *text);
void xml_end(struct xml_writer *w);
/* <name/> with one attribute (attr may be NULL: none). */
void xml_empty(struct xml_writer *w, const char *name, const char *attr,
	       const char *value);

#endif
