#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Stages the build for the tests and the demo. The checkout may sit in a
# directory only its owner can enter (root's home is 0700), while the
# tests' Dovecot, sieve-test and the dondoc command run as the mail uid:
# so `make install` goes into a fresh directory under $TMPDIR, readable by
# everyone, with a copy of the source tree's data files beside it.
#   stage.sh BUILDDIR SRCDIR     prints the stage's path; the previous
#                                stage of this build directory is removed
# Trusts: its arguments (from make). Writes only below the new directory.
set -eu
builddir=$1
srcdir=$2
make=${MAKE:-make}
record=$builddir/tests-stage.path
if [ -f "$record" ]; then
	old=$(cat "$record")
	case $old in
	*/dondoc-stage.*) [ ! -d "$old" ] || rm -rf "$old" ;;
	esac
fi
stage=$(mktemp -d "${TMPDIR:-/tmp}/dondoc-stage.XXXXXX")
chmod 0755 "$stage"
"$make" -C "$builddir" install DESTDIR="$stage/root" >"$stage/install.log" 2>&1 || {
	cat "$stage/install.log" >&2
	exit 1
}
# the source tree's data: what the tests give to the mail uid to read
mkdir "$stage/src"
(cd "$srcdir" && find doc sql tests -type f ! -name '*.o' -print) |
while IFS= read -r f; do
	mkdir -p "$stage/src/$(dirname "$f")"
	cp -p "$srcdir/$f" "$stage/src/$f"
done
chmod -R a+rX "$stage"
# Dovecot 2.4 reads setting declarations only from its own module dir: put
# the built libdondoc_settings.so there (2.4 builds only; root), so that
# every dovecot, doveconf and dondoc -c of the tests knows dondoc_*
mod=$(find "$stage/root" -name libdondoc_settings.so | head -1)
sysdir=/usr/lib/dovecot/modules/settings
if [ -n "$mod" ] && [ -d "$sysdir" ] && [ -w "$sysdir" ]; then
	cp "$mod" "$sysdir/.libdondoc_settings.so.tmp"
	mv "$sysdir/.libdondoc_settings.so.tmp" "$sysdir/libdondoc_settings.so"
fi
echo "$stage" >"$record"
echo "$stage"
