/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TEMPLATE_KINDS_H
#define DONDOC_TEMPLATE_KINDS_H

/* The kinds of automatic mail and the fixed set of fields each template
   may name (doc/templates.md lists them), and where a template comes
   from: the site's directory (dondoc_template_dir) when it holds
   "<kind>.txt", else the shipped one (templates/, compiled in and
   installed under $(pkgdatadir)/templates for sites to copy). A site
   template that does not load (unknown field, bad syntax, too large,
   unreadable) is logged as an error naming the file and line, and the
   shipped template is used: the mail still goes out, in the shipped
   wording. Trusts the site's files no more than the engine does.

   Adding a kind: its fields below, templates/<kind>.txt, the list in
   lib/tracking/Makefile.inc, doc/templates.md. */

#include "dondoc-template.h"

/* The shipped templates (generated from the files in templates/). */
struct dondoc_template_builtin {
	const char *name, *text;
};
extern const struct dondoc_template_builtin dondoc_template_builtins[];

struct dondoc_template_settings {
	/* dondoc_template_dir; NULL: the shipped templates only. */
	const char *dir;
	/* dondoc_committee_name, dondoc_signature (lines separated by a
	   literal "\n" in the setting); NULL: the defaults. */
	const char *committee_name, *signature;
	/* The secretariat's name (dondoc_from_name). */
	const char *secretariat_name;
};
#define DONDOC_TEMPLATE_DEFAULT_COMMITTEE "Ban Chỉ đạo"
#define DONDOC_TEMPLATE_DEFAULT_SIGNATURE "dondoc, Tổ giúp việc Ban Chỉ đạo"

/* The kind named name (a file name without ".txt"), or NULL. */
const struct dondoc_template_kind *dondoc_template_kind_find(const char *name);
/* Every kind, NULL-terminated. */
extern const struct dondoc_template_kind *const dondoc_template_kinds[];

/* Values for the kind named name (which must exist), with the fields
   every kind has already set from set: committee.name, secretariat.name,
   signature; and today when today is not NULL ("dd/mm/yyyy"). */
void dondoc_template_mail_values(struct dondoc_template_values *values,
				 const char *name,
				 const struct dondoc_template_settings *set,
				 const char *today);

/* The template for values->kind as set says (the site's, else the
   shipped one), rendered: subject (one line) and body (LF). Never fails:
   a site template that does not load is logged (i_error) and the
   shipped one used. */
void dondoc_template_mail_render(const struct dondoc_template_settings *set,
				 const struct dondoc_template_values *values,
				 string_t *subject, string_t *body);

/* Load the template of kind from set (the site's, else shipped).
   Returns 0, or -1 when the site's does not load (error_r: file:line);
   *site_r tells whether the site's directory provided it. */
int dondoc_template_mail_load(const struct dondoc_template_settings *set,
			      const struct dondoc_template_kind *kind,
			      struct dondoc_template **tpl_r, bool *site_r,
			      const char **error_r);

/* The shipped template of kind, parsed (panics if it does not parse:
   the unit test parses every one); parsed once per process and shared:
   read only. */
struct dondoc_template *
dondoc_template_builtin(const struct dondoc_template_kind *kind);

/* A setting's "\n" (backslash, n) become line ends. */
const char *dondoc_template_setting_lines(const char *value);

#endif
