#!/usr/bin/env bash
# Seed case 20: rm -rf deletes a directory with contents.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

rm -rf d
expect "1.txt" ls
expect_fails "ls: cannot access 'd': No such file or directory" ls d
