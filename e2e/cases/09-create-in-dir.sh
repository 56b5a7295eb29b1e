#!/usr/bin/env bash
# Seed case 9: go inside the directory and create a text file 4.txt.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

cd a
echo "four" > 4.txt
expect "4.txt" ls
expect "four" cat 4.txt
