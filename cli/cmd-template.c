/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc template check [DIR] | fields KIND: what an administrator runs
   before pointing dondoc_template_dir at a directory, or after editing
   one. check loads every template as a delivery would (DIR, default the
   dondoc_template_dir setting) and says for each whether the site's file
   or the shipped one is used, or why the site's is refused (file:line);
   it names the files of DIR that no kind reads (a misspelt name would
   silently leave the shipped wording). Trusts DIR no more than a
   delivery does: the same loader and bounds. */

#include "lib.h"
#include "str.h"
#include "dondoc-template-kinds.h"
#include "dondoc-cli.h"

#include <stdio.h>
#include <dirent.h>

static int cmd_template_check(const char *dir)
{
	const struct dondoc_template_kind *const *kind;
	struct dondoc_template_settings set = { .dir = dir };
	struct dondoc_template *tpl;
	const char *error, *p;
	struct dirent *d;
	DIR *dirp;
	unsigned int refused = 0;
	bool site;

	if (dir == NULL) {
		printf("dondoc_template_dir is not set: every mail uses the "
		       "shipped templates\n");
		return CLI_EXIT_OK;
	}
	dirp = opendir(dir);
	if (dirp == NULL) {
		cli_error("opendir(%s) failed: %m", dir);
		return CLI_EXIT_FAILURE;
	}
	for (kind = dondoc_template_kinds; *kind != NULL; kind++) {
		if (dondoc_template_mail_load(&set, *kind, &tpl, &site,
					      &error) < 0) {
			printf("%s.txt: REFUSED, the shipped one is used: "
			       "%s\n", (*kind)->name, error);
			refused++;
		} else {
			printf("%s.txt: %s\n", (*kind)->name, site ?
			       "the site's" : "shipped (none in the directory)");
		}
	}
	while ((d = readdir(dirp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		p = strrchr(d->d_name, '.');
		if (p != NULL && strcmp(p, ".txt") == 0 &&
		    dondoc_template_kind_find(t_strdup_until(d->d_name, p)) !=
		    NULL)
			continue;
		printf("%s: not read (no mail has this name; see "
		       "dondoc template fields)\n", d->d_name);
	}
	(void)closedir(dirp);
	if (refused > 0) {
		cli_error("%u template(s) refused", refused);
		return CLI_EXIT_FAILURE;
	}
	return CLI_EXIT_OK;
}

static int cmd_template_fields(const char *name)
{
	const struct dondoc_template_kind *const *kind;
	const struct dondoc_template_field *f;
	unsigned int i;

	for (kind = dondoc_template_kinds; *kind != NULL; kind++) {
		if (name != NULL && strcmp((*kind)->name, name) != 0)
			continue;
		printf("%s.txt:", (*kind)->name);
		for (i = 0; i < (*kind)->fields_count; i++) {
			f = &(*kind)->fields[i];
			printf(" %s%s%s", f->name,
			       (f->flags & DONDOC_TEMPLATE_FIELD_BLOCK) != 0 ?
			       "(block)" : "",
			       (f->flags & DONDOC_TEMPLATE_FIELD_CONTENT) != 0 ?
			       "(content)" : "");
		}
		printf("\n");
		if (name != NULL)
			return CLI_EXIT_OK;
	}
	if (name != NULL) {
		cli_error("no template %s", name);
		return CLI_EXIT_FAILURE;
	}
	return CLI_EXIT_OK;
}

static int cmd_template_run(struct cli_context *ctx ATTR_UNUSED,
			    int argc, const char *const *argv)
{
	if (argc >= 1 && argc <= 2 && strcmp(argv[0], "check") == 0) {
		return cmd_template_check(argc == 2 ? argv[1] :
			cli_plugin_setting("dondoc_template_dir"));
	}
	if (argc >= 1 && argc <= 2 && strcmp(argv[0], "fields") == 0)
		return cmd_template_fields(argc == 2 ? argv[1] : NULL);
	return cli_usage(&cmd_template);
}

const struct cli_command cmd_template = {
	.name = "template",
	.summary = "check a site's mail templates, list their fields",
	.usage = "check [DIR] | fields [NAME]",
	.run = cmd_template_run,
	.no_store = TRUE,
};
