# A chat message carries no document: implicit keep.
require ["vnd.dondoc", "fileinto"];
if document {
	fileinto "Documents";
}
