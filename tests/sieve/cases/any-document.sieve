# Any document, whatever its type.
require ["vnd.dondoc", "fileinto"];
if document {
	fileinto "Documents";
}
