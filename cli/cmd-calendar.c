/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc calendar: working days and the lunar calendar from the command
   line, a thin adapter over lib/calendar/dondoc-calendar.c and dondoc-lunar.c.
   Exceptions (announced schedules) come from --calendar FILE, else from
   the shipped table in $DONDOC_DATADIR or the installed pkgdatadir; a
   missing default table leaves the rules alone. Arguments are untrusted:
   dates and numbers are parsed strictly and bounded. */

#include "lib.h"
#include "array.h"
#include "strnum.h"
#include "str-sanitize.h"

#include "dondoc-calendar.h"
#include "dondoc-lunar.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

/* `calendar add`: about 40 years of working days either way */
#define CALENDAR_MAX_ADD 10000

int cli_calendar_load(struct cli_context *ctx, struct dondoc_calendar **cal_r)
{
	struct dondoc_calendar *cal;
	const char *path, *error;

	path = ctx->calendar_path != NULL ? ctx->calendar_path :
		cli_calendar_default_path();
	cal = dondoc_calendar_create();
	if (path != NULL && dondoc_calendar_load_tsv(cal, path, &error) < 0) {
		cli_error("%s", error);
		dondoc_calendar_free(&cal);
		return -1;
	}
	*cal_r = cal;
	return 0;
}

static bool calendar_arg_date(const char *arg, struct dondoc_date *date_r)
{
	if (dondoc_date_parse(arg, date_r))
		return TRUE;
	cli_error("invalid date '%s' (expected YYYY-MM-DD, years 1900-2100)",
		  str_sanitize(arg, 64));
	return FALSE;
}

static bool calendar_arg_int(const char *arg, int min, int max, int *num_r,
			     const char *what)
{
	if (str_to_int(arg, num_r) == 0 && *num_r >= min && *num_r <= max)
		return TRUE;
	cli_error("invalid %s '%s' (expected an integer %d..%d)",
		  what, str_sanitize(arg, 64), min, max);
	return FALSE;
}

static int calendar_is_workday(struct dondoc_calendar *cal,
			       const char *const *args)
{
	struct dondoc_date date;

	bool workday;

	/* 0 yes, 1 no, as a shell test: a bad date is a usage error */
	if (!calendar_arg_date(args[0], &date))
		return CLI_EXIT_USAGE;
	workday = dondoc_calendar_is_workday(cal, &date);
	printf("%s\n", workday ? "yes" : "no");
	return workday ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static int calendar_add(struct dondoc_calendar *cal, const char *const *args)
{
	struct dondoc_date date, result;
	int n;

	if (!calendar_arg_date(args[0], &date) ||
	    !calendar_arg_int(args[1], -CALENDAR_MAX_ADD, CALENDAR_MAX_ADD,
			      &n, "number of working days"))
		return CLI_EXIT_FAILURE;
	dondoc_calendar_add_workdays(cal, &date, n, &result);
	printf("%s\n", dondoc_date_to_str(&result));
	return CLI_EXIT_OK;
}

static int calendar_count(struct dondoc_calendar *cal, const char *const *args)
{
	struct dondoc_date from, to;

	if (!calendar_arg_date(args[0], &from) ||
	    !calendar_arg_date(args[1], &to))
		return CLI_EXIT_FAILURE;
	printf("%d\n", dondoc_calendar_count_workdays(cal, &from, &to));
	return CLI_EXIT_OK;
}

static int calendar_holidays(struct dondoc_calendar *cal,
			     const char *const *args)
{
	ARRAY_TYPE(dondoc_calendar_day) days;
	const struct dondoc_calendar_day *day;
	int year;

	if (!calendar_arg_int(args[0], 1900, 2100, &year, "year"))
		return CLI_EXIT_FAILURE;
	t_array_init(&days, 32);
	dondoc_calendar_year_days(cal, year, &days);
	array_foreach(&days, day) {
		printf("%s %s %s\n", dondoc_date_to_str(&day->date),
		       day->kind == DONDOC_DAY_WORK ? "work" : "off",
		       day->reason);
	}
	return CLI_EXIT_OK;
}

static int calendar_lunar(struct dondoc_calendar *cal ATTR_UNUSED,
			  const char *const *args)
{
	struct dondoc_date date;
	struct dondoc_lunar_date lunar;

	if (!calendar_arg_date(args[0], &date))
		return CLI_EXIT_FAILURE;
	if (!dondoc_lunar_from_solar(&date, &lunar)) {
		cli_error("no lunar date for %s", args[0]);
		return CLI_EXIT_FAILURE;
	}
	printf("{\"day\":%d,\"month\":%d,\"year\":%d,\"leap\":%s}\n",
	       lunar.day, lunar.month, lunar.year,
	       lunar.leap ? "true" : "false");
	return CLI_EXIT_OK;
}

static const struct {
	const char *name;
	int argc;
	int (*run)(struct dondoc_calendar *cal, const char *const *args);
} calendar_subcommands[] = {
	{ "is-workday", 1, calendar_is_workday },
	{ "add", 2, calendar_add },
	{ "count", 2, calendar_count },
	{ "holidays", 1, calendar_holidays },
	{ "lunar", 1, calendar_lunar },
};

static int cmd_calendar_run(struct cli_context *ctx, int argc,
			    const char *const *argv)
{
	struct dondoc_calendar *cal;
	unsigned int i;
	int ret;

	while (argc > 0 && strcmp(argv[0], "--calendar") == 0) {
		if (argc < 2)
			return cli_usage(&cmd_calendar);
		ctx->calendar_path = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc == 0)
		return cli_usage(&cmd_calendar);
	for (i = 0; i < N_ELEMENTS(calendar_subcommands); i++) {
		if (strcmp(argv[0], calendar_subcommands[i].name) == 0)
			break;
	}
	if (i == N_ELEMENTS(calendar_subcommands) ||
	    argc - 1 != calendar_subcommands[i].argc)
		return cli_usage(&cmd_calendar);

	if (cli_calendar_load(ctx, &cal) < 0) {
		/* is-workday's 1 is "no": an unreadable table is not */
		return calendar_subcommands[i].run == calendar_is_workday ?
			CLI_EXIT_DATAERR : CLI_EXIT_FAILURE;
	}
	ret = calendar_subcommands[i].run(cal, argv + 1);
	dondoc_calendar_free(&cal);
	return ret;
}

const struct cli_command cmd_calendar = {
	.name = "calendar",
	.summary = "working days and the lunar calendar",
	.usage = "[--calendar FILE] is-workday DATE | add DATE N | "
		"count FROM TO | holidays YEAR | lunar DATE",
	.run = cmd_calendar_run,
	.no_store = TRUE,
};
