# Copyright (c) 2026 dondoc authors, see the included COPYING file
# :type needs a string list.
require "vnd.dondoc";
if document :type 5 { discard; }
