#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Configures and builds dondoc out of tree in _build/ against the packaged
# Dovecot and Pigeonhole (Debian paths). Nothing is installed system-wide:
# the tests and the demo run a staged install (tests/stage.sh).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./autogen.sh
mkdir -p _build
cd _build
if [ ! -f Makefile ]; then
	# --with-postgresql: deps.sh installs libpq-dev, so the PostgreSQL
	# store backend is built and tested (tests/store/test_pgsql.py)
	../configure --with-dovecot=/usr/lib/dovecot \
		--with-pigeonhole=/usr/include/dovecot/sieve --with-postgresql
fi
make -j"$(nproc)"
