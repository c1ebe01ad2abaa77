# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A report whose difficulties and proposals sections say there is none
# ("Không có.", "Chưa có đề xuất") raises no difficulty: the example
# script's escalation to the Head does not fire (issue 15).
require ["vnd.dondoc", "variables", "fileinto", "mailbox"];
if string :is "${dondoc.difficulties}" "yes" {
    escalate :reason "khó khăn" :to "truong-ban";
}
fileinto :create "${dondoc.type}-${dondoc.number}-${dondoc.difficulties}";
