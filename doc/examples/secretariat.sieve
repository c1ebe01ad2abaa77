# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The secretariat's script (Tổ giúp việc): every incoming report or
# minutes is filed, recorded against its task, confirmed to the agency
# that sent it, and escalated to the Head (Trưởng ban) when it is late or
# raises difficulties. Mail that proves nothing is set aside for a human.
require ["vnd.dondoc", "fileinto", "mailbox", "variables", "envelope", "subaddress"];

# A member asks what their agency still owes: mail to the status address
# (tgv+status@...) is answered, to a verified member only, with the open
# and overdue tasks of their own agency and each task's reply address; at
# most once an hour per sender. Anyone else gets nothing.
if envelope :detail "to" "status" {
    status;
    stop;
}

# A member's reply about attending a meeting (xin vắng mặt, cử ông X dự
# họp thay, ủy quyền) that threads to or cites a meeting's notice: recorded
# against the meeting (a delegation also owes its written opinion: its O8
# task), filed with the meeting. The secretariat's consent is its reply,
# seen in Sent by the mail plugin. With the store unavailable the meeting
# cannot be known: spooled as any record, decided at replay.
if not string :is "${dondoc.attendance}" "" {
    if string :is "${dondoc.store}" "unavailable" {
        record;
        fileinto :create "Cần xác minh";
        stop;
    }
    if allof (string :is "${dondoc.trust}" "verified",
              not string :is "${dondoc.agency}" "") {
        record;
        fileinto :create "Họp.${dondoc.attendance_meeting}";
        stop;
    }
}

# Not an administrative document: the inbox, as any mail.
if not document {
    keep;
    stop;
}

# The store is unavailable (missing, locked, its disk full): who sent the
# mail and which task it answers cannot be known now. The whole intent
# goes to the spool with the message and is decided again by `dondoc spool
# replay` against the store, as below: recorded; confirmed only to a
# verified member of the task's agency; escalated when late or raising
# difficulties. A human looks at the mail meanwhile.
if string :is "${dondoc.store}" "unavailable" {
    record;
    confirm;
    escalate;
    fileinto :create "Cần xác minh";
    stop;
}

# A From: line proves nothing: without the server's own evidence that the
# sender is who it claims, or when the store knows no such person, a human
# looks first. It is recorded all the same: that changes no task for an
# unverified sender.
if anyof (string :is "${dondoc.trust}" "unverified",
          string :is "${dondoc.agency}" "") {
    record;
    fileinto :create "Cần xác minh";
    stop;
}

# A document from a known agency that answers no task we track: keep a
# record, let the secretariat decide.
if not task {
    record;
    fileinto :create "Chưa khớp nhiệm vụ";
    stop;
}

record;
confirm;

if task :status "late" {
    escalate :reason "nộp trễ hạn ${dondoc.late_days} ngày làm việc";
}
if string :is "${dondoc.difficulties}" "yes" {
    escalate :reason "có khó khăn, vướng mắc cần Trưởng ban chỉ đạo";
}

# Reports by agency and period: "Báo cáo.STTTT.2026-H1".
if string :is "${dondoc.period}" "" {
    fileinto :create "Báo cáo.${dondoc.agency}";
} else {
    fileinto :create "Báo cáo.${dondoc.agency}.${dondoc.period}";
}
