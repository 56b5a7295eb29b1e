#!/usr/bin/env bash
# Seed case 1: create a text file, 1.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

echo "hello ringfs" > 1.txt
expect "1.txt" ls
expect "regular file 13" stat -c '%F %s' 1.txt
