#!/bin/sh
# Configures and builds dondoc out of tree in _build/ against the packaged
# Dovecot 2.3 and Pigeonhole (Debian paths). Nothing is installed system-wide.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./autogen.sh >/dev/null
mkdir -p _build
cd _build
if [ ! -f Makefile ]; then
	../configure --with-dovecot=/usr/lib/dovecot \
		--with-pigeonhole=/usr/include/dovecot/sieve \
		--with-moduledir="$top/_build/_modules" >configure.out || {
		cat configure.out; exit 1; }
fi
make -j"$(nproc)"
