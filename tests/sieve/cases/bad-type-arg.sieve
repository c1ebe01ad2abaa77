# :type needs a string list.
require "vnd.dondoc";
if document :type 5 { discard; }
