# record takes no arguments.
require "vnd.dondoc";
record "now";
