#!/usr/bin/env bash
# Seed case 15: create another directory 'c' in the root and a file inside it.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir c
echo "five" > c/5.txt
expect "5.txt" ls c
expect "five" cat c/5.txt
