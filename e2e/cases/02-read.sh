#!/usr/bin/env bash
# Seed case 2: read the text file (cat 1.txt).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect "hello ringfs" cat 1.txt
