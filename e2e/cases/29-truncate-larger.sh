#!/usr/bin/env bash
# Seed case 29: truncating to a larger size keeps the bytes and zero-fills the rest (POSIX).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

truncate -s 8 1.txt
expect "8" stat -c %s 1.txt
expect "68656c6c6f000000" bash -c 'od -An -tx1 1.txt | tr -d " \n"'
