# The secretariat's script (Tổ giúp việc): every incoming report or
# minutes is filed, recorded against its task, confirmed to the agency
# that sent it, and escalated to the Head (Trưởng ban) when it is late or
# raises difficulties. Mail that proves nothing is set aside for a human.
require ["vnd.dondoc", "fileinto", "mailbox", "variables"];

# Not an administrative document: the inbox, as any mail.
if not document {
    keep;
    stop;
}

# A From: line proves nothing: without the server's own evidence that the
# sender is who it claims, or when the store knows no such person (or is
# unavailable), a human looks first. It is recorded all the same: that
# changes no task for an unverified sender, and if the store was down the
# record is spooled and matched again when it is back.
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
