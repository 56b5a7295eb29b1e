#!/usr/bin/env bash
# Seed case 11: ls in directory 'a' shows 3.txt and 4.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect $'3.txt\n4.txt' ls a
expect $'hello ringfs\nappended line' cat a/3.txt
