/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Who attended a meeting according to its minutes (Biên bản): present,
   absent, and who attended for whom. Trusts the text to be NFC UTF-8
   (the analysis makes it so) and nothing else. */

#include "lib.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

void doc_parse_attendance(struct doc_parse *dp ATTR_UNUSED)
{
}
