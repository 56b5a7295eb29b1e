#!/usr/bin/env bash
# Seed case 17: rename directory 'c' to 'd'; everything below comes along.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mv c d
expect $'1.txt\nd' ls
expect_fails "ls: cannot access 'c': No such file or directory" ls c
expect "four" cat d/b/a/4.txt
expect "five" cat d/5.txt
