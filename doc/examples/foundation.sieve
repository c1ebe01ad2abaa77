# Copyright (c) 2026 dondoc authors, see the included COPYING file
# A first secretariat script: sort incoming administrative documents by
# type (vnd.dondoc "document" test); everything else stays in INBOX.
require ["vnd.dondoc", "fileinto", "mailbox"];

if document :type "BC" {
    fileinto :create "Báo cáo";
    stop;
}
if document :type ["TTr", "QĐ", "TB", "KH"] {
    fileinto :create "Văn bản chỉ đạo";
    stop;
}
if document {
    fileinto :create "Văn bản khác";
    stop;
}
keep;
