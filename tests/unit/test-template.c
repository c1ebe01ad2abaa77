/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/tracking/dondoc-template.c and -kinds.c: what a
   template may say is checked at load (file:line), every bound holds
   against hostile templates and values, values cannot inject headers,
   a classified document's content is never rendered, and the receipt
   composed end to end follows a site's template. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "base64.h"
#include "unlink-directory.h"
#include "test-common.h"
#include "dondoc-template-kinds.h"
#include "dondoc-compose.h"

#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

static const struct dondoc_template_kind *kind(const char *name)
{
	const struct dondoc_template_kind *k = dondoc_template_kind_find(name);

	i_assert(k != NULL);
	return k;
}

static int parse(const char *kind_name, const char *text,
		 struct dondoc_template **tpl_r, const char **error_r)
{
	return dondoc_template_parse(pool_datastack_create(), kind(kind_name),
				     "t.txt", (const unsigned char *)text,
				     strlen(text), tpl_r, error_r);
}

static void test_template_shipped(void)
{
	const struct dondoc_template_kind *const *k;
	unsigned int n = 0;

	test_begin("template: every kind has a shipped template that loads");
	for (k = dondoc_template_kinds; *k != NULL; k++, n++)
		(void)dondoc_template_builtin(*k);
	test_assert(n == 10);
	test_assert(dondoc_template_kind_find("nonesuch") == NULL);
	/* every shipped file is a kind in the list, and the reverse */
	{
		const struct dondoc_template_builtin *b;
		unsigned int nb = 0;

		for (b = dondoc_template_builtins; b->name != NULL; b++, nb++)
			test_assert(dondoc_template_kind_find(b->name) != NULL);
		test_assert(nb == n);
	}
	test_end();
}

static void test_template_refused(void)
{
	static const struct {
		const char *text, *error;
	} cases[] = {
		{ "Subject: x\n\nline 3\n${task.cod}\n",
		  "t.txt:4: unknown field 'task.cod'" },
		{ "a\nb ${task.code\n", "t.txt:2: unterminated '${'" },
		{ "${task.code", "t.txt:1: unterminated '${'" },
		{ "Subject: ${nope}\n", "t.txt:1: unknown field 'nope'" },
		{ "x\n${if task.code}\ny\n", "t.txt:4: ${if} not closed" },
		{ "${else}\n", "t.txt:1: ${else} without ${if}" },
		{ "\n\n${end}\n", "t.txt:3: ${end} without ${if}" },
		{ "${if task.code}a${else}b${else}c${end}",
		  "t.txt:1: a second ${else}" },
		{ "${if a b}${end}", "t.txt:1: invalid field name" },
		{ "${}", "t.txt:1: invalid field name" },
		{ "${if agency.name}${if task.code}${if task.due}"
		  "${if task.title}${if late_days}x${end}${end}${end}${end}"
		  "${end}", "t.txt:1: ${if} nested deeper than 4" },
		/* a field of another kind */
		{ "${document.summary}", "t.txt:1: unknown field "
		  "'document.summary'" },
		{ "ok\n\xff\xfe\n", "t.txt: not valid UTF-8" },
	};
	struct dondoc_template *tpl;
	const char *error;
	unsigned int i;

	test_begin("template: refused at load with file:line");
	for (i = 0; i < N_ELEMENTS(cases); i++) {
		error = NULL;
		test_assert_idx(parse("reminder", cases[i].text, &tpl,
				      &error) < 0, i);
		test_assert_idx(error != NULL &&
				str_begins_with(error, cases[i].error), i);
		if (error != NULL && !str_begins_with(error, cases[i].error))
			i_info("case %u: %s", i, error);
	}
	/* a NUL byte, on its line */
	test_assert(dondoc_template_parse(pool_datastack_create(),
		kind("reminder"), "t.txt", (const unsigned char *)"a\nb\0c", 5,
		&tpl, &error) < 0);
	test_assert_strcmp(error, "t.txt:2: a NUL byte");
	test_end();
}

static void test_template_bounds(void)
{
	struct dondoc_template_values v;
	struct dondoc_template *tpl;
	string_t *text, *subject, *body, *big;
	const char *error;
	unsigned int i;

	test_begin("template: bounds against hostile templates and values");
	/* a file one byte too large */
	text = t_str_new(DONDOC_TEMPLATE_MAX_FILE + 2);
	for (i = 0; i <= DONDOC_TEMPLATE_MAX_FILE; i++)
		str_append_c(text, 'x');
	test_assert(parse("reminder", str_c(text), &tpl, &error) < 0);
	test_assert(strstr(error, "too large") != NULL);
	str_truncate(text, DONDOC_TEMPLATE_MAX_FILE);
	test_assert(parse("reminder", str_c(text), &tpl, &error) == 0);
	/* too many segments */
	str_truncate(text, 0);
	for (i = 0; i <= DONDOC_TEMPLATE_MAX_SEGMENTS; i++)
		str_append(text, "${task.code}");
	test_assert(parse("reminder", str_c(text), &tpl, &error) < 0);
	test_assert(strstr(error, "too many") != NULL);

	/* a huge value is cut at the field's bound */
	big = t_str_new(1024 * 1024 + 1);
	for (i = 0; i < 1024 * 1024; i++)
		str_append_c(big, i % 7 == 0 ? ' ' : 'a');
	test_assert(parse("reminder", "${task.title}", &tpl, &error) == 0);
	dondoc_template_values_init(&v, kind("reminder"));
	dondoc_template_set(&v, "task.title", str_c(big));
	subject = t_str_new(64);
	body = t_str_new(64);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert(str_len(body) <= 300);
	test_assert(str_len(subject) == 0);

	/* the subject is bounded too, and one line */
	test_assert(parse("reminder", "Subject: ${task.title}${task.title}"
			  "${task.title}\n\nx", &tpl, &error) == 0);
	str_truncate(body, 0);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert(str_len(subject) > 0 &&
		    str_len(subject) <= DONDOC_TEMPLATE_MAX_SUBJECT);
	test_assert(strchr(str_c(subject), '\n') == NULL);
	str_truncate(subject, 0);

	/* the body is bounded whatever the template multiplies */
	str_truncate(text, 0);
	for (i = 0; i < 1000; i++)
		str_append(text, "${tasks}");
	test_assert(parse("status", str_c(text), &tpl, &error) == 0);
	dondoc_template_values_init(&v, kind("status"));
	dondoc_template_set(&v, "tasks", str_c(big));
	str_truncate(body, 0);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert(str_len(body) <= DONDOC_TEMPLATE_MAX_BODY + 16);
	test_assert(str_len(body) >= DONDOC_TEMPLATE_MAX_BODY);
	test_end();
}

static void test_template_render(void)
{
	struct dondoc_template_values v;
	struct dondoc_template *tpl;
	string_t *subject = t_str_new(64), *body = t_str_new(64);
	const char *error;

	test_begin("template: fields, conditionals, lines, literals");
	test_assert(parse("reminder",
		"Subject: [${task.code}] ${task.title}\n\n"
		"Kính gửi: ${agency.name}\n"
		"${if task.due}\n"
		"Hạn: ${task.due}\n"
		"${else}\n"
		"Không hạn\n"
		"${end}\n"
		"$${literal} $5 ${if late_days}(${late_days})${end}.\n",
		&tpl, &error) == 0);
	dondoc_template_values_init(&v, kind("reminder"));
	dondoc_template_set(&v, "task.code", "DA06-1");
	dondoc_template_set(&v, "task.title", "Báo cáo\r\nBcc: x@evil");
	dondoc_template_set(&v, "agency.name", "Sở Thông tin và Truyền thông");
	dondoc_template_set(&v, "task.due", "05/06/2026");
	dondoc_template_render(tpl, &v, subject, body);
	test_assert_strcmp(str_c(subject), "[DA06-1] Báo cáo Bcc: x@evil");
	test_assert_strcmp(str_c(body),
		"Kính gửi: Sở Thông tin và Truyền thông\n"
		"Hạn: 05/06/2026\n"
		"${literal} $5 .\n");
	dondoc_template_set(&v, "task.due", NULL);
	dondoc_template_set(&v, "late_days", "3");
	str_truncate(subject, 0);
	str_truncate(body, 0);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert_strcmp(str_c(body),
		"Kính gửi: Sở Thông tin và Truyền thông\n"
		"Không hạn\n"
		"${literal} $5 (3).\n");
	/* a line field never breaks the line; a block keeps its lines;
	   invalid UTF-8 and controls do not pass */
	test_assert(parse("status", "Subject: ${tasks}\n\n<${agency.name}>\n"
			  "${tasks}", &tpl, &error) == 0);
	dondoc_template_values_init(&v, kind("status"));
	dondoc_template_set(&v, "agency.name", "a\nb\x01\tc \xc3");
	dondoc_template_set(&v, "tasks", "1.\r\n   x\n2.\x1b");
	str_truncate(subject, 0);
	str_truncate(body, 0);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert_strcmp(str_c(subject), "1. x 2.");
	test_assert(strstr(str_c(body), "1.\n   x\n2.") != NULL);
	test_assert(strchr(str_c(body), '\x1b') == NULL &&
		    strchr(str_c(body), '\r') == NULL);
	test_assert(str_begins_with(str_c(body), "<a b c "));
	test_assert(strstr(str_c(body), "\xc3>") == NULL);
	test_assert_strcmp(dondoc_template_setting_lines("a\\nb"), "a\nb");
	test_end();
}

static void test_template_secret(void)
{
	struct dondoc_template_values v;
	struct dondoc_template *tpl;
	string_t *subject = t_str_new(64), *body = t_str_new(64);
	const char *error;

	test_begin("template: a classified document is never quoted");
	test_assert(parse("escalation",
		"Subject: ${document.summary}\n\n"
		"${document.summary}|${document.difficulties}|"
		"${if document.proposals}P:${document.proposals}${end}|"
		"${document.secrecy}|${document.number}", &tpl, &error) == 0);
	dondoc_template_values_init(&v, kind("escalation"));
	dondoc_template_set(&v, "document.summary", "BÍ MẬT 1");
	dondoc_template_set(&v, "document.difficulties", "BÍ MẬT 2");
	dondoc_template_set(&v, "document.proposals", "BÍ MẬT 3");
	dondoc_template_set(&v, "document.secrecy", "MẬT");
	dondoc_template_set(&v, "document.number", "12");
	v.secret = TRUE;
	dondoc_template_render(tpl, &v, subject, body);
	test_assert(strstr(str_c(subject), "BÍ MẬT") == NULL);
	test_assert(strstr(str_c(body), "BÍ MẬT") == NULL);
	test_assert_strcmp(str_c(body),
		DONDOC_TEMPLATE_SECRET_PLACEHOLDER "|"
		DONDOC_TEMPLATE_SECRET_PLACEHOLDER "||MẬT|12");
	test_end();
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	i_assert(f != NULL);
	fputs(text, f);
	i_assert(fclose(f) == 0);
}

static void test_template_site(void)
{
	struct dondoc_template_settings set = {
		.committee_name = "Ban Chỉ đạo Đề án 06 tỉnh",
		.signature = "Tổ giúp việc\\nĐT: 0297 000",
	};
	struct dondoc_template_values v;
	struct dondoc_template *tpl;
	const char *dir, *error;
	string_t *subject = t_str_new(64), *body = t_str_new(64);
	bool site;

	test_begin("template: a site's directory overrides, falls back");
	dir = t_strdup_printf("/tmp/dondoc-test-template.%ld", (long)getpid());
	(void)mkdir(dir, 0700);
	set.dir = dir;
	write_file(t_strconcat(dir, "/reminder.txt", NULL),
		   "Subject: Nhắc ${task.code}\n\n${committee.name}\n"
		   "-- \n${signature}\n");
	write_file(t_strconcat(dir, "/chase.txt", NULL),
		   "Subject: x\n\n\nbad ${task.cdoe}\n");
	dondoc_template_mail_values(&v, "reminder", &set, "01/06/2026");
	dondoc_template_set(&v, "task.code", "T1");
	test_assert(dondoc_template_mail_load(&set, v.kind, &tpl, &site,
					      &error) == 0 && site);
	dondoc_template_render(tpl, &v, subject, body);
	test_assert_strcmp(str_c(subject), "Nhắc T1");
	test_assert_strcmp(str_c(body), "Ban Chỉ đạo Đề án 06 tỉnh\n-- \n"
			   "Tổ giúp việc\nĐT: 0297 000\n");
	/* broken: refused with file and line, the shipped one instead */
	test_assert(dondoc_template_mail_load(&set, kind("chase"), &tpl,
					      &site, &error) < 0 && !site);
	test_assert_strcmp(error, t_strconcat(dir, "/chase.txt:4: unknown "
		"field 'task.cdoe' (the chase template knows: see "
		"doc/templates.md)", NULL));
	test_assert(tpl != NULL && dondoc_template_has_subject(tpl));
	/* hostile files: a directory, an endless device, a FIFO with no
	   writer; each refused, none blocks or reads without bound */
	test_assert(mkdir(t_strconcat(dir, "/status.txt", NULL), 0700) == 0);
	test_assert(dondoc_template_mail_load(&set, kind("status"), &tpl,
					      &site, &error) < 0 && !site);
	test_assert(strstr(error, "status.txt") != NULL);
	test_assert(symlink("/dev/zero", t_strconcat(dir, "/store-corrupt.txt",
						     NULL)) == 0);
	test_assert(dondoc_template_mail_load(&set, kind("store-corrupt"),
					      &tpl, &site, &error) < 0);
	test_assert(strstr(error, "not a regular file") != NULL);
	test_assert(mkfifo(t_strconcat(dir, "/warning-unresolved.txt", NULL),
			   0600) == 0);
	test_assert(dondoc_template_mail_load(&set, kind("warning-unresolved"),
					      &tpl, &site, &error) < 0);
	test_assert(strstr(error, "not a regular file") != NULL);
	test_assert(tpl != NULL && !site);
	/* an empty file would send empty mail */
	write_file(t_strconcat(dir, "/escalation.txt", NULL), "");
	test_assert(dondoc_template_mail_load(&set, kind("escalation"), &tpl,
					      &site, &error) < 0);
	test_assert_strcmp(error, t_strconcat(dir, "/escalation.txt: empty",
					      NULL));
	/* missing: the shipped one, silently */
	test_assert(dondoc_template_mail_load(&set, kind("receipt"), &tpl,
					      &site, &error) == 0 && !site);
	test_assert(unlink_directory(dir, UNLINK_DIRECTORY_FLAG_RMDIR,
				     &error) >= 0);
	test_end();
}

static void test_template_compose(void)
{
	struct dondoc_document doc = {
		.type_name = "Báo cáo", .number = "112",
		.symbol = "BC-STTTT", .date = "2026-06-10",
		.summary = "NỘI DUNG MẬT", .secrecy = "MẬT",
		.difficulties = "KHÓ KHĂN MẬT",
	};
	struct dondoc_tracking t = {
		.match = DONDOC_MATCH_NONE, .document = &doc, .secret = TRUE,
		.agency = "STTTT",
	};
	struct dondoc_compose_input in = {
		.kind = DONDOC_OUTBOX_ESCALATE, .from_address = "a@b.vn",
		.from_name = "Tổ giúp việc", .to_address = "head@b.vn",
		.message_id = "<x@b.vn>", .date = 1780000000, .tracking = &t,
		.agency_name = "Sở Thông tin\r\nBcc: evil@x.vn",
		.reason = "trễ\nhạn",
	};
	string_t *mail = t_str_new(2048);

	test_begin("template: the composed escalation quotes nothing secret");
	dondoc_compose_mail(&in, mail);
	test_assert(strstr(str_c(mail), "\r\nBcc:") == NULL);
	test_assert(strstr(str_c(mail), "Auto-Submitted: auto-generated") !=
		    NULL);
	/* the body is base64: decode it to look */
	{
		const char *p = strstr(str_c(mail), "\r\n\r\n") + 4;
		buffer_t *dec = t_buffer_create(2048);
		string_t *b64 = t_str_new(2048);

		for (; *p != '\0'; p++) {
			if (*p != '\r' && *p != '\n')
				str_append_c(b64, *p);
		}
		/* base64_decode() lost an argument in 2.4; this one is
		   the same on both */
		test_assert(base64_scheme_decode(&base64_scheme, 0,
						 str_data(b64), str_len(b64),
						 dec) == 0);
		str_append_c(dec, '\0');
		test_assert(strstr(dec->data, "MẬT") != NULL);
		test_assert(strstr(dec->data, "NỘI DUNG") == NULL);
		test_assert(strstr(dec->data, "KHÓ KHĂN") == NULL);
		test_assert(strstr(dec->data, "Cơ quan gửi: Sở Thông tin "
				   "Bcc: evil@x.vn\r\n") != NULL);
		test_assert(strstr(dec->data, "Tổ giúp việc báo cáo: trễ "
				   "hạn.") != NULL);
	}
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_template_shipped,
		test_template_refused,
		test_template_bounds,
		test_template_render,
		test_template_secret,
		test_template_site,
		test_template_compose,
		NULL
	};
	return test_run(test_functions);
}
