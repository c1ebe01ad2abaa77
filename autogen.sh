#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Regenerates the build system from configure.ac and Makefile.am.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
# Dovecot's own dovecot.m4 uses macros autoconf calls obsolete: not ours.
autoreconf -fi -Wno-obsolete
# autoreconf does not install the TAP driver: take automake's own.
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/
