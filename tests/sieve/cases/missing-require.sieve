# Without require "vnd.dondoc", the test is unknown.
if document { discard; }
