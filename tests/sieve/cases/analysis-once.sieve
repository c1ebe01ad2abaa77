# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Four tests, one analysis: the result is cached per delivery.
require ["vnd.dondoc", "fileinto"];
if document :type "TTr" { fileinto "A"; }
if document :type "QĐ" { fileinto "B"; }
if document :type "BC" { fileinto "C"; }
if document { fileinto "D"; }
