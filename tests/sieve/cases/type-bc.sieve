# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A report (BC) is filed under Reports.
require ["vnd.dondoc", "fileinto"];
if document :type "BC" {
	fileinto "Reports";
	stop;
}
keep;
