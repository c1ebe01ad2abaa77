# ${dondoc.NAME} names are checked when the script compiles.
require ["vnd.dondoc", "variables", "fileinto"];
fileinto "${dondoc.nosuchthing}";
