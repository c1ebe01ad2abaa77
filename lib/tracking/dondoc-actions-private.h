/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ACTIONS_PRIVATE_H
#define DONDOC_ACTIONS_PRIVATE_H

/* What dondoc-actions.c and the delivery-time send
   (dondoc-actions-send.c) share. */

#include "dondoc-actions.h"

/* env->owner, or one owner for the whole process. */
const char *dondoc_actions_env_owner(const struct dondoc_actions_env *env);
/* Check and renew the claim of p, send it, mark it. */
int dondoc_actions_send_claimed(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				const char *owner, unsigned int lease_secs,
				unsigned int max_attempts,
				struct dondoc_actions_pending *p,
				const char **error_r);

#endif
