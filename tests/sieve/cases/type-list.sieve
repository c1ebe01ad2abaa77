# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A decision in a text attachment matches a type list, case-insensitively.
require ["vnd.dondoc", "fileinto"];
if document :type ["BC", "tb"] {
	fileinto "Reports";
} elsif document :type ["TTr", "qđ"] {
	fileinto "Decisions";
}
