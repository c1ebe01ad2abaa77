#!/bin/sh
# The demo command: installs the Debian packages, builds, and runs the
# demo (doc/examples/demo.py) on a private Dovecot that it starts and stops.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sh "$top/scripts/deps.sh"
sh "$top/scripts/build.sh" >/dev/null
DONDOC_SRCDIR=$top DONDOC_BUILDDIR=$top/_build \
	exec python3 "$top/doc/examples/demo.py"
