# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A report is not a proposal (TTr): the test is false.
require ["vnd.dondoc", "fileinto"];
if document :type ["TTr", "XYZ"] {
	fileinto "Proposals";
}
