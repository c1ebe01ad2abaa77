/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The template engine (see dondoc-template.h). Trusts nothing: a
   template is bounded in size, segments and nesting and must be UTF-8;
   every value is sanitised and bounded as it is rendered, and the
   output is bounded whatever the template and the values. */

#include "lib.h"
#include "dondoc-compat.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-template.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

enum template_seg_type {
	SEG_TEXT = 0,
	SEG_FIELD,
	SEG_IF,
	SEG_ELSE,
	SEG_END,
};

struct template_seg {
	enum template_seg_type type;
	const char *text;
	size_t len;
	unsigned int field;
	/* SEG_IF: the segment after its ${else}, or its ${end};
	   SEG_ELSE: its ${end}. */
	unsigned int jump;
};
ARRAY_DEFINE_TYPE(template_seg, struct template_seg);

struct template_section {
	ARRAY_TYPE(template_seg) segs;
};

struct dondoc_template {
	const struct dondoc_template_kind *kind;
	bool have_subject;
	struct template_section subject, body;
};

struct template_parser {
	pool_t pool;
	const struct dondoc_template_kind *kind;
	const char *filename;
	unsigned int line, segments;
	const char *error;
};

static int template_error(struct template_parser *p, const char *fmt, ...)
	ATTR_FORMAT(2, 3);
static int template_error(struct template_parser *p, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	p->error = t_strdup_printf("%s:%u: %s", p->filename, p->line,
				   t_strdup_vprintf(fmt, args));
	va_end(args);
	return -1;
}

static bool template_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0)
		return FALSE;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return FALSE;
	}
	return TRUE;
}

static int template_field(struct template_parser *p, const char *name,
			  size_t len, unsigned int *index_r)
{
	const struct dondoc_template_kind *kind = p->kind;
	unsigned int i;

	if (len > DONDOC_TEMPLATE_MAX_NAME)
		return template_error(p, "field name too long (%zu bytes)", len);
	for (i = 0; i < kind->fields_count; i++) {
		if (strlen(kind->fields[i].name) == len &&
		    memcmp(kind->fields[i].name, name, len) == 0) {
			*index_r = i;
			return 0;
		}
	}
	/* the name is printed sanitised: it is valid UTF-8, no controls */
	if (!template_name_valid(name, len))
		return template_error(p, "invalid field name in '${'");
	return template_error(p, "unknown field '%s' (the %s template "
			      "knows: see doc/templates.md)",
			      t_strndup(name, len), kind->name);
}

static int template_push(struct template_parser *p, struct template_section *s,
			 const struct template_seg *seg)
{
	if (++p->segments > DONDOC_TEMPLATE_MAX_SEGMENTS) {
		return template_error(p, "too many fields and texts (at most "
				      "%u)", DONDOC_TEMPLATE_MAX_SEGMENTS);
	}
	array_push_back(&s->segs, seg);
	return 0;
}

/* One directive or field, name[0..len) the text between "${" and "}". */
static int template_directive(struct template_parser *p,
			      struct template_section *s, const char *name,
			      size_t len, ARRAY_TYPE(uint) *open)
{
	struct template_seg seg, *open_seg;
	unsigned int idx;

	i_zero(&seg);
	while (len > 0 && name[0] == ' ') {
		name++; len--;
	}
	while (len > 0 && name[len - 1] == ' ')
		len--;
	if (len > 3 && memcmp(name, "if ", 3) == 0) {
		name += 3; len -= 3;
		while (len > 0 && name[0] == ' ') {
			name++; len--;
		}
		if (array_count(open) == DONDOC_TEMPLATE_MAX_DEPTH) {
			return template_error(p, "${if} nested deeper than %u",
					      DONDOC_TEMPLATE_MAX_DEPTH);
		}
		seg.type = SEG_IF;
		if (template_field(p, name, len, &seg.field) < 0)
			return -1;
		idx = array_count(&s->segs);
		array_push_back(open, &idx);
	} else if (len == 4 && memcmp(name, "else", 4) == 0) {
		if (array_count(open) == 0)
			return template_error(p, "${else} without ${if}");
		idx = *(const unsigned int *)array_back(open);
		open_seg = array_idx_modifiable(&s->segs, idx);
		if (open_seg->type != SEG_IF)
			return template_error(p, "a second ${else}");
		open_seg->jump = array_count(&s->segs) + 1;
		seg.type = SEG_ELSE;
		idx = array_count(&s->segs);
		array_pop_back(open);
		array_push_back(open, &idx);
	} else if (len == 3 && memcmp(name, "end", 3) == 0) {
		if (array_count(open) == 0)
			return template_error(p, "${end} without ${if}");
		idx = *(const unsigned int *)array_back(open);
		array_pop_back(open);
		open_seg = array_idx_modifiable(&s->segs, idx);
		open_seg->jump = array_count(&s->segs);
		seg.type = SEG_END;
	} else {
		seg.type = SEG_FIELD;
		if (template_field(p, name, len, &seg.field) < 0)
			return -1;
	}
	return template_push(p, s, &seg);
}

static int template_text(struct template_parser *p, struct template_section *s,
			 const char *text, size_t len)
{
	struct template_seg seg;

	if (len == 0)
		return 0;
	i_zero(&seg);
	seg.type = SEG_TEXT;
	seg.text = p_strndup(p->pool, text, len);
	seg.len = len;
	return template_push(p, s, &seg);
}

/* Parse text[0..len) (CR already removed) into s. */
static int template_section(struct template_parser *p,
			    struct template_section *s, const char *text,
			    size_t len)
{
	ARRAY_TYPE(uint) open;
	const char *end = text + len, *lit = text, *q, *close;
	const struct template_seg *last;
	bool line_start;
	int ret;

	p_array_init(&s->segs, p->pool, 16);
	t_array_init(&open, DONDOC_TEMPLATE_MAX_DEPTH);
	for (q = text; q < end; ) {
		if (*q == '\n') {
			p->line++;
			q++;
			continue;
		}
		if (*q != '$' || q + 1 >= end || q[1] != '{') {
			if (*q == '$' && q + 2 < end && q[1] == '$' &&
			    q[2] == '{') {
				/* "$${": a literal "${" */
				if (template_text(p, s, lit, q - lit + 1) < 0)
					return -1;
				q += 2;
				lit = q;
				continue;
			}
			q++;
			continue;
		}
		line_start = q == text || q[-1] == '\n';
		if (template_text(p, s, lit, q - lit) < 0)
			return -1;
		close = q + 2;
		while (close < end && *close != '}' && *close != '\n')
			close++;
		if (close == end || *close != '}')
			return template_error(p, "unterminated '${'");
		ret = template_directive(p, s, q + 2, close - (q + 2), &open);
		if (ret < 0)
			return -1;
		q = close + 1;
		/* a directive alone on its line takes the line end */
		last = array_idx(&s->segs, array_count(&s->segs) - 1);
		if (line_start && last->type != SEG_FIELD &&
		    last->type != SEG_TEXT && (q == end || *q == '\n')) {
			if (q < end) {
				p->line++;
				q++;
			}
		}
		lit = q;
	}
	if (template_text(p, s, lit, end - lit) < 0)
		return -1;
	if (array_count(&open) > 0)
		return template_error(p, "${if} not closed by ${end}");
	return 0;
}

int dondoc_template_parse(pool_t pool, const struct dondoc_template_kind *kind,
			  const char *filename, const unsigned char *data,
			  size_t size, struct dondoc_template **tpl_r,
			  const char **error_r)
{
	struct template_parser p = {
		.pool = pool, .kind = kind, .filename = filename, .line = 1,
	};
	struct dondoc_template *tpl;
	string_t *text;
	const char *body, *nl;
	size_t i;

	if (size > DONDOC_TEMPLATE_MAX_FILE) {
		*error_r = t_strdup_printf("%s: too large (%zu bytes, at most "
					   "%u)", filename, size,
					   DONDOC_TEMPLATE_MAX_FILE);
		return -1;
	}
	text = t_str_new(size + 1);
	for (i = 0; i < size; i++) {
		if (data[i] == '\0') {
			template_error(&p, "a NUL byte");
			*error_r = p.error;
			return -1;
		}
		if (data[i] == '\n')
			p.line++;
		if (data[i] != '\r')
			str_append_c(text, data[i]);
	}
	p.line = 1;
	if (!uni_utf8_data_is_valid(str_data(text), str_len(text))) {
		*error_r = t_strdup_printf("%s: not valid UTF-8", filename);
		return -1;
	}
	tpl = p_new(pool, struct dondoc_template, 1);
	tpl->kind = kind;
	body = str_c(text);
	if (str_begins_with(body, "Subject:")) {
		nl = strchr(body, '\n');
		if (nl == NULL)
			nl = body + strlen(body);
		body += 8;
		while (*body == ' ')
			body++;
		tpl->have_subject = TRUE;
		if (template_section(&p, &tpl->subject, body, nl - body) < 0) {
			*error_r = p.error;
			return -1;
		}
		body = *nl == '\0' ? nl : nl + 1;
		p.line++;
		if (*body == '\n') {
			body++;
			p.line++;
		}
	} else {
		p_array_init(&tpl->subject.segs, pool, 1);
	}
	if (template_section(&p, &tpl->body, body, strlen(body)) < 0) {
		*error_r = p.error;
		return -1;
	}
	*tpl_r = tpl;
	return 0;
}

int dondoc_template_load(pool_t pool, const struct dondoc_template_kind *kind,
			 const char *path, struct dondoc_template **tpl_r,
			 const char **error_r)
{
	struct stat st;
	buffer_t *buf;
	ssize_t ret;
	int fd;

	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd == -1) {
		if (errno == ENOENT)
			return 0;
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		*error_r = t_strdup_printf("fstat(%s) failed: %m", path);
		i_close_fd(&fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		/* a FIFO, a device: nothing a template is */
		*error_r = t_strdup_printf("%s: not a regular file", path);
		i_close_fd(&fd);
		return -1;
	}
	/* one byte more than allowed tells a file too large */
	buf = t_buffer_create(4096);
	do {
		ret = read(fd, buffer_append_space_unsafe(buf, 4096), 4096);
		if (ret >= 0)
			buffer_set_used_size(buf, buf->used - 4096 + ret);
	} while (ret > 0 && buf->used <= DONDOC_TEMPLATE_MAX_FILE);
	if (ret < 0) {
		*error_r = t_strdup_printf("read(%s) failed: %m", path);
		i_close_fd(&fd);
		return -1;
	}
	i_close_fd(&fd);
	if (buf->used == 0) {
		/* an empty file would send empty mail: a mistake */
		*error_r = t_strdup_printf("%s: empty", path);
		return -1;
	}
	if (dondoc_template_parse(pool, kind, path, buf->data, buf->used,
				  tpl_r, error_r) < 0)
		return -1;
	return 1;
}

void dondoc_template_values_init(struct dondoc_template_values *values,
				 const struct dondoc_template_kind *kind)
{
	i_zero(values);
	values->kind = kind;
	values->values = t_new(const char *, kind->fields_count + 1);
}

void dondoc_template_set(struct dondoc_template_values *values,
			 const char *name, const char *value)
{
	const struct dondoc_template_kind *kind = values->kind;
	unsigned int i;

	for (i = 0; i < kind->fields_count; i++) {
		if (strcmp(kind->fields[i].name, name) == 0) {
			values->values[i] = value;
			return;
		}
	}
	i_panic("template %s has no field %s", kind->name, name);
}

bool dondoc_template_has_subject(const struct dondoc_template *tpl)
{
	return tpl->have_subject;
}

/* The value as rendered: NULL when empty. */
static const char *
template_value(const struct dondoc_template_values *values, unsigned int i)
{
	const struct dondoc_template_field *field = &values->kind->fields[i];
	const char *value = values->values[i];

	if ((field->flags & DONDOC_TEMPLATE_FIELD_CONTENT) != 0 &&
	    values->secret)
		return NULL;
	return value == NULL || *value == '\0' ? NULL : value;
}

/* Append value sanitised: controls become spaces and runs of white
   space one space (block fields keep their line ends), cut at max_bytes,
   invalid UTF-8 replaced. */
static void template_append_value(string_t *dest, const char *value,
				  size_t max_bytes, bool block)
{
	string_t *clean = t_str_new(I_MIN(strlen(value), max_bytes) + 8);
	const unsigned char *p;
	bool space = FALSE;

	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (str_len(clean) > max_bytes)
			break;
		if (*p == '\n' && block) {
			str_append_c(clean, '\n');
			space = FALSE;
		} else if (*p == '\r') {
			continue;
		} else if (*p < 0x20 || *p == 0x7f || *p == ' ') {
			if (block && *p == ' ')
				str_append_c(clean, ' ');
			else
				space = TRUE;
		} else {
			if (space && str_len(clean) > 0 &&
			    str_data(clean)[str_len(clean) - 1] != '\n')
				str_append_c(clean, ' ');
			space = FALSE;
			str_append_c(clean, *p);
		}
	}
	if (str_len(clean) > max_bytes)
		str_truncate_utf8(clean, max_bytes);
	if (!uni_utf8_get_valid_data(str_data(clean), str_len(clean), dest))
		return;
	str_append_str(dest, clean);
}

static void template_render_section(const struct dondoc_template *tpl,
				    const struct template_section *s,
				    const struct dondoc_template_values *values,
				    bool one_line, size_t max, string_t *dest)
{
	const struct template_seg *segs;
	const struct dondoc_template_field *field;
	const char *value;
	unsigned int i, count;

	segs = array_get(&s->segs, &count);
	for (i = 0; i < count && str_len(dest) <= max; i++) {
		switch (segs[i].type) {
		case SEG_TEXT:
			str_append_data(dest, segs[i].text, segs[i].len);
			break;
		case SEG_FIELD:
			field = &tpl->kind->fields[segs[i].field];
			value = template_value(values, segs[i].field);
			if (value == NULL && values->secret &&
			    (field->flags & DONDOC_TEMPLATE_FIELD_CONTENT) != 0)
				value = DONDOC_TEMPLATE_SECRET_PLACEHOLDER;
			if (value != NULL) {
				template_append_value(dest, value,
					field->max_bytes, !one_line &&
					(field->flags &
					 DONDOC_TEMPLATE_FIELD_BLOCK) != 0);
			}
			break;
		case SEG_IF:
			if (template_value(values, segs[i].field) == NULL)
				i = segs[i].jump - 1;
			break;
		case SEG_ELSE:
			/* the ${if} branch ran: skip to the ${end} */
			i = segs[i].jump - 1;
			break;
		case SEG_END:
			break;
		}
	}
}

void dondoc_template_render(const struct dondoc_template *tpl,
			    const struct dondoc_template_values *values,
			    string_t *subject, string_t *body)
{
	string_t *line;
	size_t i, start;

	i_assert(values->kind == tpl->kind);
	if (tpl->have_subject) {
		line = t_str_new(128);
		template_render_section(tpl, &tpl->subject, values, TRUE,
					DONDOC_TEMPLATE_MAX_SUBJECT, line);
		/* the template's own text holds no line end; still */
		for (i = 0; i < str_len(line); i++) {
			if (str_data(line)[i] < 0x20)
				buffer_write(line, i, " ", 1);
		}
		if (str_len(line) > DONDOC_TEMPLATE_MAX_SUBJECT)
			str_truncate_utf8(line, DONDOC_TEMPLATE_MAX_SUBJECT);
		str_append_str(subject, line);
	}
	start = str_len(body);
	template_render_section(tpl, &tpl->body, values, FALSE,
				start + DONDOC_TEMPLATE_MAX_BODY, body);
	if (str_len(body) - start > DONDOC_TEMPLATE_MAX_BODY) {
		str_truncate_utf8(body, start + DONDOC_TEMPLATE_MAX_BODY);
		str_append(body, "\n(...)\n");
	}
}
