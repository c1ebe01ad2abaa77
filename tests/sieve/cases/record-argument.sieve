# Copyright (c) 2026 dondoc authors, see the included COPYING file
# record takes no arguments.
require "vnd.dondoc";
record "now";
