# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The dondoc namespace is read-only.
require ["vnd.dondoc", "variables"];
set "dondoc.task" "X";
