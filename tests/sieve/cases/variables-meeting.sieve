# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A meeting notice: the meeting's date, time and place.
require ["vnd.dondoc", "variables", "fileinto", "mailbox"];
if not string :is "${dondoc.meeting_date}" "" {
    fileinto :create "Họp.${dondoc.meeting_date} ${dondoc.meeting_time}.${dondoc.assignments}";
}
