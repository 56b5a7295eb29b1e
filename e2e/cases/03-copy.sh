#!/usr/bin/env bash
# Seed case 3: copy the data of 1.txt to 2.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

cp 1.txt 2.txt
expect $'1.txt\n2.txt' ls
expect "13" stat -c %s 2.txt
