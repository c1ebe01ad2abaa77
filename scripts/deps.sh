#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# Installs every Debian package dondoc needs to build, test and run the
# demo, on Debian 12 (Dovecot 2.3) or 13 (Dovecot 2.4). Run as root.
# Idempotent; set DONDOC_SKIP_DEPS=1 to skip it.
set -eu
[ -z "${DONDOC_SKIP_DEPS:-}" ] || exit 0
# libFuzzer's runtime is versioned with the release's clang
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
case $codename in
bookworm) clang_rt=libclang-rt-14-dev ;;
trixie) clang_rt=libclang-rt-19-dev ;;
*) clang_rt=$(apt-cache depends clang 2>/dev/null |
	sed -n 's/.*Depends: clang-\([0-9]*\)$/libclang-rt-\1-dev/p' | head -1) ;;
esac
PACKAGES="
	build-essential autoconf automake libtool pkg-config
	dovecot-dev dovecot-core dovecot-lmtpd dovecot-imapd dovecot-sieve
	dovecot-managesieved
	libsqlite3-dev sqlite3 libpq-dev postgresql python3-psycopg2
	libzip-dev zlib1g-dev libexpat1-dev libcairo2-dev
	libpoppler-glib-dev libnss3-dev poppler-utils antiword
	libnss3-tools python3-reportlab python3-docx fonts-dejavu-core
	python3 valgrind time strace
	clang $clang_rt
	postfix
	debhelper dpkg-dev lintian git
"
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $PACKAGES 2>/dev/null |
	awk '$NF != "installed" { print $1 }')
for p in $PACKAGES; do
	dpkg-query -W "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$(echo $missing)" ] || [ -n "${CI:-}" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $PACKAGES
fi
