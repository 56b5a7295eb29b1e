#!/usr/bin/env bash
# Seed case 13: move directory 'a' to 'b' (b exists, so a goes inside it, as POSIX says).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mv a b
expect $'1.txt\nb' ls
expect "a" ls b
