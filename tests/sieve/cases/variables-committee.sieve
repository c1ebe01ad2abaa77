# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The committee's documents: a conclusion notice's assignments counted,
# no meeting called (its variables empty), so a script can file them.
require ["vnd.dondoc", "variables", "fileinto", "mailbox", "relational",
         "comparator-i;ascii-numeric"];
if string :value "gt" :comparator "i;ascii-numeric" "${dondoc.assignments}" "0" {
    fileinto :create "Kết luận.${dondoc.number}-${dondoc.assignments}[${dondoc.meeting_date}]";
}
