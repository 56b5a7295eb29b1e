#!/usr/bin/env bash
# Seed case 21: create, in a directory, a symlink to a file that is in the root.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir s
ln -s "$RINGFS_MNT/1.txt" s/link
expect "symbolic link" stat -c %F s/link
expect "hello ringfs" cat s/link
