/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The kinds of automatic mail, their fields, and where their templates
   come from (see dondoc-template-kinds.h). Trusts the shipped templates
   (they are part of the build and unit-tested), not the site's. */

#include "lib.h"
#include "str.h"
#include "dondoc-template-kinds.h"

#define LINE(name, max) { name, 0, max }
#define BLOCK(name, max) { name, DONDOC_TEMPLATE_FIELD_BLOCK, max }
#define CONTENT(name, max) { name, DONDOC_TEMPLATE_FIELD_CONTENT, max }
#define CONTENT_BLOCK(name, max) \
	{ name, DONDOC_TEMPLATE_FIELD_CONTENT | DONDOC_TEMPLATE_FIELD_BLOCK, \
	  max }
/* The fields every kind has. */
#define COMMON_FIELDS \
	LINE("committee.name", 200), \
	LINE("secretariat.name", 200), \
	BLOCK("signature", 1000), \
	LINE("today", 10)
#define DOCUMENT_FIELDS \
	LINE("document.line", 300), \
	LINE("document.type", 100), \
	LINE("document.number", 20), \
	LINE("document.symbol", 60), \
	LINE("document.date", 10), \
	LINE("document.secrecy", 40), \
	LINE("document.message_id", 250), \
	CONTENT("document.summary", 500)
#define TASK_FIELDS \
	LINE("task.code", 64), \
	LINE("task.title", 300), \
	LINE("task.due", 10), \
	LINE("task.reply_address", 254), \
	LINE("late_days", 10)
#define AGENCY_FIELDS \
	LINE("agency.code", 64), \
	LINE("agency.name", 200)

static const struct dondoc_template_field receipt_fields[] = {
	COMMON_FIELDS, DOCUMENT_FIELDS, TASK_FIELDS, AGENCY_FIELDS,
	LINE("received", 10),
	LINE("timeliness", 100),
};
static const struct dondoc_template_field escalation_fields[] = {
	COMMON_FIELDS, DOCUMENT_FIELDS, TASK_FIELDS, AGENCY_FIELDS,
	LINE("received", 10),
	LINE("timeliness", 100),
	LINE("reason", 300),
	CONTENT_BLOCK("document.difficulties", 2500),
	CONTENT_BLOCK("document.proposals", 2500),
	LINE("attachment", 300),
};
/* The Head's digest: its sections are the items, each rendered by
   head-digest-item, joined. */
static const struct dondoc_template_field head_digest_fields[] = {
	COMMON_FIELDS,
	LINE("period", 100),
	LINE("count", 10),
	LINE("summary", 500),
	BLOCK("overdue", 60000),
	BLOCK("late", 60000),
	BLOCK("issues", 60000),
	BLOCK("warnings", 60000),
	BLOCK("other", 60000),
	LINE("more", 10),
};
static const struct dondoc_template_field head_digest_item_fields[] = {
	COMMON_FIELDS, DOCUMENT_FIELDS, TASK_FIELDS, AGENCY_FIELDS,
	LINE("n", 10),
	LINE("reason", 300),
	CONTENT_BLOCK("document.difficulties", 2500),
	CONTENT_BLOCK("document.proposals", 2500),
	LINE("attachment", 300),
};
static const struct dondoc_template_field reminder_fields[] = {
	COMMON_FIELDS, TASK_FIELDS, AGENCY_FIELDS,
};
static const struct dondoc_template_field status_fields[] = {
	COMMON_FIELDS, AGENCY_FIELDS,
	LINE("count", 10),
	BLOCK("tasks", 60000),
};
static const struct dondoc_template_field notice_late_fields[] = {
	COMMON_FIELDS, DOCUMENT_FIELDS,
	LINE("meeting.code", 64),
	LINE("meeting.date", 10),
	LINE("meeting.time", 20),
	LINE("notice.date", 10),
	LINE("notice.workdays", 10),
	LINE("notice.min_workdays", 10),
};
static const struct dondoc_template_field unresolved_fields[] = {
	COMMON_FIELDS, DOCUMENT_FIELDS,
	LINE("count", 10),
	BLOCK("items", 30000),
};
static const struct dondoc_template_field store_corrupt_fields[] = {
	COMMON_FIELDS,
	LINE("store.path", 1000),
	LINE("reason", 300),
	LINE("spool.dir", 1000),
};

#define KIND(name, fields) \
	{ name, fields, N_ELEMENTS(fields) }
static const struct dondoc_template_kind kinds[] = {
	KIND("receipt", receipt_fields),
	KIND("escalation", escalation_fields),
	KIND("reminder", reminder_fields),
	KIND("chase", reminder_fields),
	KIND("status", status_fields),
	KIND("warning-notice-late", notice_late_fields),
	KIND("warning-unresolved", unresolved_fields),
	KIND("store-corrupt", store_corrupt_fields),
	KIND("head-digest", head_digest_fields),
	KIND("head-digest-item", head_digest_item_fields),
};
const struct dondoc_template_kind *const dondoc_template_kinds[] = {
	&kinds[0], &kinds[1], &kinds[2], &kinds[3], &kinds[4], &kinds[5],
	&kinds[6], &kinds[7], &kinds[8], &kinds[9], NULL
};

const struct dondoc_template_kind *dondoc_template_kind_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(kinds); i++) {
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	}
	return NULL;
}

const char *dondoc_template_setting_lines(const char *value)
{
	string_t *str;
	const char *p;

	if (value == NULL || strstr(value, "\\n") == NULL)
		return value;
	str = t_str_new(strlen(value));
	for (p = value; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			str_append_c(str, '\n');
			p++;
		} else {
			str_append_c(str, *p);
		}
	}
	return str_c(str);
}

void dondoc_template_mail_values(struct dondoc_template_values *values,
				 const char *name,
				 const struct dondoc_template_settings *set,
				 const char *today)
{
	const struct dondoc_template_kind *kind =
		dondoc_template_kind_find(name);

	if (kind == NULL)
		i_panic("no mail template kind %s", name);
	dondoc_template_values_init(values, kind);
	dondoc_template_set(values, "committee.name",
		set != NULL && set->committee_name != NULL ?
		set->committee_name : DONDOC_TEMPLATE_DEFAULT_COMMITTEE);
	dondoc_template_set(values, "secretariat.name",
		set != NULL && set->secretariat_name != NULL ?
		set->secretariat_name : "Tổ giúp việc");
	dondoc_template_set(values, "signature",
		set != NULL && set->signature != NULL ?
		dondoc_template_setting_lines(set->signature) :
		DONDOC_TEMPLATE_DEFAULT_SIGNATURE);
	dondoc_template_set(values, "today", today);
}

/* The shipped templates, by kind, parsed at their first use and kept for
   the life of the process: they are constants, and an LMTP process
   composes a receipt at every delivery of the secretariat's script
   (parsing it each time cost about 45,000 instructions). In the system
   pool: every block stays reachable from here. */
static struct dondoc_template *kinds_builtin[N_ELEMENTS(kinds)];

struct dondoc_template *
dondoc_template_builtin(const struct dondoc_template_kind *kind)
{
	const struct dondoc_template_builtin *b;
	struct dondoc_template **cached = NULL, *tpl;
	const char *error;

	if (kind >= kinds && kind < kinds + N_ELEMENTS(kinds)) {
		cached = &kinds_builtin[kind - kinds];
		if (*cached != NULL)
			return *cached;
	}
	for (b = dondoc_template_builtins; b->name != NULL; b++) {
		if (strcmp(b->name, kind->name) != 0)
			continue;
		if (dondoc_template_parse(cached != NULL ? system_pool :
					  pool_datastack_create(), kind,
					  t_strconcat("(shipped) ", b->name,
						      ".txt", NULL),
					  (const unsigned char *)b->text,
					  strlen(b->text), &tpl, &error) < 0)
			i_panic("shipped template: %s", error);
		if (cached != NULL)
			*cached = tpl;
		return tpl;
	}
	i_panic("no shipped template %s.txt", kind->name);
}

int dondoc_template_mail_load(const struct dondoc_template_settings *set,
			      const struct dondoc_template_kind *kind,
			      struct dondoc_template **tpl_r, bool *site_r,
			      const char **error_r)
{
	const char *path;
	int ret;

	*site_r = FALSE;
	if (set != NULL && set->dir != NULL) {
		path = t_strconcat(set->dir, "/", kind->name, ".txt", NULL);
		ret = dondoc_template_load(pool_datastack_create(), kind, path,
					   tpl_r, error_r);
		if (ret > 0) {
			*site_r = TRUE;
			return 0;
		}
		if (ret < 0) {
			*tpl_r = dondoc_template_builtin(kind);
			return -1;
		}
	}
	*tpl_r = dondoc_template_builtin(kind);
	return 0;
}

void dondoc_template_mail_render(const struct dondoc_template_settings *set,
				 const struct dondoc_template_values *values,
				 string_t *subject, string_t *body)
{
	struct dondoc_template *tpl;
	const char *error;
	bool site;

	if (dondoc_template_mail_load(set, values->kind, &tpl, &site,
				      &error) < 0) {
		i_error("dondoc_template_dir: template refused: %s: the "
			"shipped %s template is used instead", error,
			values->kind->name);
	}
	dondoc_template_render(tpl, values, subject, body);
	/* a site template that writes the body only keeps the subject */
	if (site && !dondoc_template_has_subject(tpl)) {
		dondoc_template_render(dondoc_template_builtin(values->kind),
				       values, subject, t_str_new(256));
	}
}
