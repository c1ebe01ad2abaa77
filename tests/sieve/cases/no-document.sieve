# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A chat message carries no document: implicit keep.
require ["vnd.dondoc", "fileinto"];
if document {
	fileinto "Documents";
}
