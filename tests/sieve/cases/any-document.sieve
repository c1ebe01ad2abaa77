# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Any document, whatever its type.
require ["vnd.dondoc", "fileinto"];
if document {
	fileinto "Documents";
}
