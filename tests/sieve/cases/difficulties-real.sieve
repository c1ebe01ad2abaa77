# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A report whose difficulties section says "Không có kinh phí ...": that
# is a difficulty, not a "there is none": the escalation fires (the
# negative of difficulties-none, issue 15).
require ["vnd.dondoc", "variables", "fileinto", "mailbox"];
if string :is "${dondoc.difficulties}" "yes" {
    escalate :reason "khó khăn" :to "truong-ban";
}
fileinto :create "${dondoc.type}-${dondoc.number}-${dondoc.difficulties}";
