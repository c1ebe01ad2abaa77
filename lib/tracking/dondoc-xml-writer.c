/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The XML writer of dondoc-xml-writer.h. Trusts nothing in values:
   every attribute value and text is escaped, stripped of what XML 1.0
   cannot carry, made valid UTF-8. Names must be constants of the caller
   (asserted). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-xml-writer.h"

#include <ctype.h>

struct xml_writer {
	string_t *dest;
	ARRAY_TYPE(const_string) open;
	bool in_start_tag;
};

static bool xml_name_is_valid(const char *name)
{
	const char *p;

	if (name == NULL || *name == '\0')
		return FALSE;
	for (p = name; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr(":_-.", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

struct xml_writer *xml_writer_create(string_t *dest)
{
	struct xml_writer *w = i_new(struct xml_writer, 1);

	w->dest = dest;
	i_array_init(&w->open, 16);
	str_append(dest, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		   "standalone=\"yes\"?>\r\n");
	return w;
}

void xml_writer_destroy(struct xml_writer **_w)
{
	struct xml_writer *w = *_w;

	*_w = NULL;
	while (array_count(&w->open) > 0)
		xml_end(w);
	array_free(&w->open);
	i_free(w);
}

static void xml_close_start_tag(struct xml_writer *w)
{
	if (w->in_start_tag) {
		str_append_c(w->dest, '>');
		w->in_start_tag = FALSE;
	}
}

/* value escaped for text (attr FALSE) or a double-quoted attribute. */
static void xml_escape(string_t *dest, const char *value, bool attr)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t len = strlen(value);
	unichar_t chr;
	int n;

	while (len > 0) {
		n = uni_utf8_get_char_n(p, len, &chr);
		if (n <= 0) {
			str_append(dest, UNICODE_REPLACEMENT_CHAR_UTF8);
			p++;
			len--;
			continue;
		}
		switch (chr) {
		case '&':
			str_append(dest, "&amp;");
			break;
		case '<':
			str_append(dest, "&lt;");
			break;
		case '>':
			str_append(dest, "&gt;");
			break;
		case '"':
			str_append(dest, attr ? "&quot;" : "\"");
			break;
		case '\t':
		case '\n':
			if (attr)
				str_printfa(dest, "&#%u;", (unsigned int)chr);
			else
				str_append_c(dest, (char)chr);
			break;
		default:
			/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] |
			   [#xE000-#xFFFD] | [#x10000-#x10FFFF]; CR is
			   dropped too (line ends are LF) */
			if (chr < 0x20 || (chr >= 0xd800 && chr < 0xe000) ||
			    chr == 0xfffe || chr == 0xffff)
				break;
			str_append_data(dest, p, n);
		}
		p += n;
		len -= n;
	}
}

void xml_start(struct xml_writer *w, const char *name)
{
	i_assert(xml_name_is_valid(name));
	xml_close_start_tag(w);
	str_printfa(w->dest, "<%s", name);
	array_push_back(&w->open, &name);
	w->in_start_tag = TRUE;
}

void xml_attr(struct xml_writer *w, const char *name, const char *value)
{
	i_assert(w->in_start_tag && xml_name_is_valid(name));
	str_printfa(w->dest, " %s=\"", name);
	xml_escape(w->dest, value == NULL ? "" : value, TRUE);
	str_append_c(w->dest, '"');
}

void xml_attr_int(struct xml_writer *w, const char *name, long long value)
{
	xml_attr(w, name, t_strdup_printf("%lld", value));
}

void xml_text(struct xml_writer *w, const char *text)
{
	xml_close_start_tag(w);
	if (text != NULL)
		xml_escape(w->dest, text, FALSE);
}

void xml_end(struct xml_writer *w)
{
	const char *name;

	i_assert(array_count(&w->open) > 0);
	name = *array_back(&w->open);
	array_pop_back(&w->open);
	if (w->in_start_tag) {
		str_append(w->dest, "/>");
		w->in_start_tag = FALSE;
	} else {
		str_printfa(w->dest, "</%s>", name);
	}
}

void xml_empty(struct xml_writer *w, const char *name, const char *attr,
	       const char *value)
{
	xml_start(w, name);
	if (attr != NULL)
		xml_attr(w, attr, value);
	xml_end(w);
}
