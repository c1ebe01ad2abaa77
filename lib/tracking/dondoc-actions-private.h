/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ACTIONS_PRIVATE_H
#define DONDOC_ACTIONS_PRIVATE_H

/* What dondoc-actions.c and the delivery-time send
   (dondoc-actions-send.c) share. */

#include "dondoc-actions.h"

/* env->owner, or one owner for the whole process. */
const char *dondoc_actions_env_owner(const struct dondoc_actions_env *env);
/* Send the count claimed mails of list (dondoc-actions-send.c): one
   write transaction per mail (its begun send, the mark of the one
   before), the store synced before each send. Each mail's result, error
   and flags set as dondoc_actions_send_pending() says. Returns the
   number sent, -1 when a step failed (error_r; the others are still
   tried). */
int dondoc_actions_send_list(const struct dondoc_actions_env *env,
			     struct dondoc_actions_pending *list,
			     unsigned int count, const char **error_r);

#endif
