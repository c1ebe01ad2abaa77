#!/bin/sh
# 8 processes writing submissions into one SQLite store at once (see
# tests/store/store-writer.c); prints TAP.
set -u
dir=$(mktemp -d /tmp/dondoc-concurrency.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"${DONDOC_BUILDDIR:-.}/tests/store/store-writer" "$dir" 8 200 100
