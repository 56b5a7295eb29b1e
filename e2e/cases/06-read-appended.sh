#!/usr/bin/env bash
# Seed case 6: read the file just appended to; the original is untouched.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect $'hello ringfs\nappended line' cat 2.txt
expect "hello ringfs" cat 1.txt
