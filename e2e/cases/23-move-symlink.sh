#!/usr/bin/env bash
# Seed case 23: move the symlink to another directory; it still reads; deleting it leaves the file.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir -p t/u
mv s/link t/u/link
expect "" ls s
expect "$RINGFS_MNT/1.txt" readlink t/u/link
expect "hello ringfs" cat t/u/link
rm t/u/link
expect "" ls t/u
expect "hello ringfs" cat 1.txt
