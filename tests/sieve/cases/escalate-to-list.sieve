# Copyright (c) 2026 dondoc authors, see the included COPYING file
# :to names one address, not a list.
require "vnd.dondoc";
if document { escalate :to "truongban@ubnd.example.vn, other@example.com"; }
