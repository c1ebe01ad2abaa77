# The dondoc namespace is read-only.
require ["vnd.dondoc", "variables"];
set "dondoc.task" "X";
