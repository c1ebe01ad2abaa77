# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Without require "vnd.dondoc", the test is unknown.
if document { discard; }
