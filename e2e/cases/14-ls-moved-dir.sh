#!/usr/bin/env bash
# Seed case 14: go inside 'b'; the moved directory still shows 3.txt and 4.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

cd b
expect "a" ls
expect $'3.txt\n4.txt' ls a
expect "four" cat a/4.txt
