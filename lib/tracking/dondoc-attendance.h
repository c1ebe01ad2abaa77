/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ATTENDANCE_H
#define DONDOC_ATTENDANCE_H

/* Replies about attending a meeting (O8 of the regulation, art. 7.5:
   a member who cannot attend reports it and gets the chair's consent; a
   member who sends someone in its place sends its opinions in writing).
   The analysis reads what a reply says (lib/analysis/
   dondoc-attendance-reply.h); here it is tied to a stored meeting, by
   evidence strongest first: the thread (In-Reply-To, References naming
   the notice's Message-ID), a cited notice (its number and symbol), the
   meeting's date (exactly one meeting that day). Trusts the store and
   the sender the tracker verified: an unverified sender's reply records
   nothing. */

#include "dondoc-tracker.h"

struct dondoc_outgoing_ctx;

/* The meeting an incoming reply is about (for the tracker). 1 found
   (*att_r set), 0 not a reply about attending or no such meeting, -1
   store error. */
int dondoc_attendance_evaluate(struct dondoc_store *store,
			       struct dondoc_calendar *cal, pool_t pool,
			       const struct dondoc_attendance_reply *reply,
			       const struct dondoc_message_info *msg,
			       const struct dondoc_date *received,
			       const struct dondoc_tracking_attendance **att_r,
			       const char **error_r);

/* Record the verified member's absence or delegation against the
   meeting, and for a delegation the O8 task of its written opinion
   (code MEETING-O8-AGENCY). Idempotent. 1 something written, 0 nothing
   to do, -1 store error. */
int dondoc_attendance_record(struct dondoc_store *store,
			     const struct dondoc_tracking *tracking,
			     const struct dondoc_message_info *msg,
			     const char **error_r);

/* The secretariat's consent, saved into Sent: recorded on the absence
   its mail answers (In-Reply-To, References). 1 recorded, 0 not a
   consent or nothing it answers, -1 store error. */
int dondoc_attendance_consent(struct dondoc_outgoing_ctx *ctx,
			      const char **error_r);

#endif
