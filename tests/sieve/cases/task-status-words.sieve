# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The :status words in any case, and a value built from variables (known
# only at run time), compile; the message matches no task.
require ["vnd.dondoc", "variables"];
set "when" "late";
if task :status ["On-Time", "${when}"] { discard; }
