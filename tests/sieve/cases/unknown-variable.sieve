# Copyright (c) 2026 dondoc authors, see the included COPYING file
# ${dondoc.NAME} names are checked when the script compiles.
require ["vnd.dondoc", "variables", "fileinto"];
fileinto "${dondoc.nosuchthing}";
