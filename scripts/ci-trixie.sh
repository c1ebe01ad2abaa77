#!/bin/sh
# Copyright (c) 2026 dondoc authors, see the included COPYING file
# The README's test command on Debian 13 (Dovecot 2.4, Pigeonhole 2.4): builds
# a trixie chroot from Debian's archive (debootstrap minbase), clones this
# checkout into its root's home (mode 0700, as .ci/run does) and runs
# `sh scripts/test.sh` inside, with /dev, /proc, /sys and a private /tmp
# mounted; unmounts and removes everything on exit, also on failure. Ends
# with test.sh's "N passed, N failed" line, prefixed "debian13:". Run as
# root. DONDOC_TRIXIE_ROOT=DIR reuses (and keeps) a chroot made before;
# DONDOC_TRIXIE_CMD runs another command in the checkout instead of the
# test command (`sh scripts/test.sh`), e.g. the demo or a benchmark after
# `sh scripts/deps.sh && sh scripts/build.sh`.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
mirror=http://deb.debian.org/debian
keep=${DONDOC_TRIXIE_ROOT:-}
cmd=${DONDOC_TRIXIE_CMD:-sh scripts/test.sh}
if [ -n "$keep" ]; then
	root=$keep
	mkdir -p "$root"
else
	root=$(mktemp -d /var/tmp/dondoc-trixie.XXXXXX)
fi
# the chroot's / (mktemp makes it 0700): the mail uid, _apt and postgres
# must traverse it
chmod 0755 "$root"
mounted=""
cleanup() {
	for m in $mounted; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || :
	done
	if [ -z "$keep" ]; then
		# only once nothing is mounted below it
		if ! grep -q " $root/" /proc/mounts; then
			rm -rf "$root"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mnt() {
	# mnt TARGET mount-args...: mounted last is unmounted first
	target=$root$1
	shift
	mount "$@" "$target"
	mounted="$target $mounted"
}

if ! command -v debootstrap >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
fi
start=$(date +%s)
if [ ! -x "$root/usr/bin/apt-get" ]; then
	debootstrap --variant=minbase trixie "$root" "$mirror" \
		>"$root.debootstrap.log" 2>&1 || {
		tail -20 "$root.debootstrap.log"
		exit 1
	}
fi
rm -f "$root.debootstrap.log"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || :
mnt /dev --bind /dev
mnt /proc -t proc proc
mnt /sys -t sysfs sysfs
mnt /tmp -t tmpfs -o mode=1777 tmpfs
rm -rf "$root/root/dondoc"
git clone -q "$src" "$root/root/dondoc"
chmod 0700 "$root/root"
echo "debian13: chroot ready in $(( $(date +%s) - start ))s"
status=0
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root LANG=C.UTF-8 CI="${CI:-}" DONDOC_TRIXIE_CMD="$cmd" \
	sh -c 'cd /root/dondoc && eval "$DONDOC_TRIXIE_CMD"' >"$root.test.log" 2>&1 ||
	status=$?
summary=$(tail -1 "$root.test.log")
# everything but the last line, then the summary marked as Debian 13's
sed '$d' "$root.test.log"
rm -f "$root.test.log"
echo "debian13 (Dovecot 2.4) took $(( $(date +%s) - start ))s"
echo "debian13: $summary"
exit $status
