#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The demo command: installs the Debian packages, builds (output in
# _build/build.log, shown only when the build fails), stages the build and
# runs the demo (doc/examples/demo.py) on a private Dovecot that it starts
# and stops.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/_build/build.log
mkdir -p "$top/_build"
if ! { sh "$top/scripts/deps.sh" && sh "$top/scripts/build.sh"; } \
		>"$log" 2>&1; then
	cat "$log"
	echo "demo: the build failed (log above, in $log)" >&2
	exit 1
fi
exec make -s --no-print-directory -C "$top/_build" demo
