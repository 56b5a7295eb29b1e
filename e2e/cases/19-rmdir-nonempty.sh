#!/usr/bin/env bash
# Seed case 19: rmdir of a directory with contents fails and leaves it whole.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect_fails "rmdir: failed to remove 'd': Directory not empty" rmdir d
expect "four" cat d/b/a/4.txt
