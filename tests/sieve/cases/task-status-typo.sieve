# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A :status no task ever has ("ontime" for "on-time") would never match:
# refused when the script is compiled, not silently false.
require "vnd.dondoc";
if task :status ["late", "ontime"] { discard; }
