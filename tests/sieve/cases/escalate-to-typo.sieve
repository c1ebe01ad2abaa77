# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A literal :to that is no role of the regulation ("truong_ban" for
# "truong-ban") would name nobody: refused when the script is compiled.
require "vnd.dondoc";
if document { escalate :to "truong_ban"; }
