#!/usr/bin/env bash
# Seed case 18: rmdir deletes an empty directory.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir e
expect "directory" stat -c %F e
rmdir e
expect_fails "ls: cannot access 'e': No such file or directory" ls e
expect $'1.txt\nd' ls
