#!/usr/bin/env bash
# Seed case 4: read the copied file 2.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect "hello ringfs" cat 2.txt
