/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DIGEST_H
#define DONDOC_DIGEST_H

/* The figures of a report drafted from the store (`dondoc digest`, the
   secretariat's monthly O2 and six-monthly O4 reports): per member
   agency the tasks due in the period and how each was answered, the
   meetings held, the difficulties and proposals raised, the tasks
   assigned. Every figure is a count of rows kept here, so each renderer
   (JSON, text, HTML, docx, chart) can list what it counts. Trusts the
   store; the text from mail in it is rendered by the writers with their
   own escaping. */

#include "dondoc-store-digest.h"

/* A report period: a month (2026-06), quarter (2026-Q2), half-year
   (2026-H1) or year (2026). */
struct dondoc_digest_period {
	char kind;          /* M Q H Y */
	int year, index;
	struct dondoc_date first, last;
	const char *label;  /* as written: "2026-06" */
};
/* FALSE on anything else (the years of dondoc-date.h only). */
bool dondoc_digest_period_parse(const char *str,
				struct dondoc_digest_period *period_r);
/* "tháng 6 năm 2026", "quý II năm 2026", "6 tháng đầu năm 2026", ... */
const char *dondoc_digest_period_words(const struct dondoc_digest_period *p);

enum dondoc_digest_state {
	DONDOC_DIGEST_ON_TIME = 0,
	DONDOC_DIGEST_LATE,
	DONDOC_DIGEST_OVERDUE,  /* not answered, due before the as-of day */
	DONDOC_DIGEST_OPEN,     /* not answered, not yet due */
	DONDOC_DIGEST_CLOSED,   /* closed by hand without a submission: not
				   owed any more */
	DONDOC_DIGEST_STATE_COUNT
};
/* on-time late overdue open closed */
const char *dondoc_digest_state_name(enum dondoc_digest_state state);

struct dondoc_digest_task {
	struct dondoc_store_digest_task row;
	enum dondoc_digest_state state;
	/* late: working days late (the submission's); overdue: working
	   days past the due date on the as-of day; else 0 */
	unsigned int late_days;
};
ARRAY_DEFINE_TYPE(dondoc_digest_task, struct dondoc_digest_task);

struct dondoc_digest_counts {
	/* owed = on_time + late + overdue + open */
	unsigned int owed, on_time, late, overdue, open, closed;
};

struct dondoc_digest_agency {
	const char *code, *name;
	struct dondoc_digest_counts counts;
	ARRAY_TYPE(dondoc_digest_task) tasks;
	/* the submissions that raised difficulties or proposals */
	ARRAY_TYPE(dondoc_store_digest_issue) issues;
};
ARRAY_DEFINE_TYPE(dondoc_digest_agency, struct dondoc_digest_agency);

/* -1 not known to the store, 0 no, 1 yes */
struct dondoc_digest_meeting {
	struct dondoc_meeting meeting;
	/* the notice gave the 2 working days of art. 14.3 */
	int notice_ok;
	/* the conclusions notice (the meeting's O7 task) went out */
	int conclusions_sent;
	const char *conclusions_task; /* its code, or NULL */
};
ARRAY_DEFINE_TYPE(dondoc_digest_meeting, struct dondoc_digest_meeting);

struct dondoc_digest {
	pool_t pool;
	struct dondoc_digest_period period;
	struct dondoc_date as_of;
	const char *agency_filter; /* --agency, or NULL */
	/* the agencies with a task due or an issue raised in the period
	   (and the --agency one), by code */
	ARRAY_TYPE(dondoc_digest_agency) agencies;
	struct dondoc_digest_counts totals;
	ARRAY_TYPE(dondoc_digest_meeting) meetings;
	ARRAY_TYPE(dondoc_digest_task) assigned;
};

/* Read the period's figures from the store; as_of decides what is
   overdue (a past period's unanswered task is overdue; the current
   one's may still be open). agency NULL: every agency. The digest is
   allocated from pool. */
int dondoc_digest_build(struct dondoc_store *store, pool_t pool,
			const struct dondoc_digest_period *period,
			const struct dondoc_date *as_of, const char *agency,
			struct dondoc_digest **digest_r,
			const char **error_r);

/* Renderings (dondoc-digest-render.c, -html.c, -docx.c, -chart.c). */

/* The JSON contract (doc/digest.md), one line. */
void dondoc_digest_append_json(string_t *dest,
			       const struct dondoc_digest *digest);
/* Plain text, also the text/plain part of the mail. */
void dondoc_digest_append_text(string_t *dest,
			       const struct dondoc_digest *digest);
/* A mail-ready HTML page: inline styles, one table per agency. With
   chart_cids (one "cid" per agency, in order) each table is preceded by
   its chart <img src="cid:...">; NULL: no pictures. */
void dondoc_digest_append_html(string_t *dest,
			       const struct dondoc_digest *digest,
			       const char *const *chart_cids);

/* The size of the per-agency chart of on time / late / overdue / open,
   a PNG that the dondoc-chart helper draws (chart/dondoc-chart.c, cairo,
   run by the dondoc command: no Dovecot process loads cairo). */
#define DONDOC_DIGEST_CHART_WIDTH 480
#define DONDOC_DIGEST_CHART_HEIGHT 160

struct dondoc_digest_docx_settings {
	/* the committee's name above the line (e.g. "BAN CHỈ ĐẠO ĐỀ ÁN 06")
	   and the issuing body's, and the symbol after "Số: /" */
	const char *parent_name, *issuer_name, *symbol;
	const char *place;     /* "Kiên Giang" */
	const char *recipient; /* Kính gửi */
	struct dondoc_date date;
	/* the signer's title in the signature block ("TỔ TRƯỞNG") */
	const char *signer;
};
/* A .docx (Decree 30/2020 layout) into dest. charts: NULL, or one PNG
   per agency of the digest, in order (each NULL or empty: none). */
int dondoc_digest_write_docx(const struct dondoc_digest *digest,
			     const struct dondoc_digest_docx_settings *set,
			     const buffer_t *const *charts,
			     buffer_t *dest, const char **error_r);

#endif
