#!/usr/bin/env bash
# Seed case 22: the symlink names its source.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect "$RINGFS_MNT/1.txt" readlink s/link
