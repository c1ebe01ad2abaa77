# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Without a store (no dondoc_db) the document facts are still there and
# no task matches; the actions are still listed in the result.
require ["vnd.dondoc", "variables", "fileinto", "mailbox"];
if task {
    fileinto "Matched";
    stop;
}
if document :type "BC" {
    fileinto :create "${dondoc.type}-${dondoc.number}-${dondoc.trust}";
    record;
    confirm;
    escalate :reason "kiểm thử" :to "truong-ban";
}
