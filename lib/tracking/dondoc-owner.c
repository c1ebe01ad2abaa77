/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The mail-user module context of the process-lifetime state
   (dondoc-owner.h): one definition, in the one copy of lib/ of the
   process (the mail plugin's). */

#include "lib.h"
#include "dondoc-owner.h"

struct dondoc_owner_user_module dondoc_owner_user_module =
	MODULE_CONTEXT_INIT(&mail_user_module_register);

struct dondoc_owner_user *dondoc_owner_user_get(struct mail_user *user)
{
	return DONDOC_OWNER_USER_CONTEXT(user);
}
