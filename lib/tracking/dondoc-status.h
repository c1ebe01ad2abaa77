/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STATUS_H
#define DONDOC_STATUS_H

/* Members ask by mail (dondoc-status.c): the Sieve "status" action. */

#include "dondoc-actions.h"

/* The recipient detail of the status address: the secretariat's reply
   address with "+status" (doc/sieve-vnd-dondoc.md). */
#define DONDOC_STATUS_DETAIL "status"

/* Queue and send the verified sender the open and overdue tasks of their
   own agency, each with its signed reply address. 1 queued, 0 not
   (reason_r: not a verified member, envelope sender not the verified
   one, automatic mail, already answered this hour), -1 store error. */
int dondoc_actions_status(const struct dondoc_actions_env *env,
			  bool *sent_r, const char **reason_r,
			  const char **error_r);

#endif
