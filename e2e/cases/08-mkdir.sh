#!/usr/bin/env bash
# Seed case 8: create a directory 'a' in the root.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir a
expect "directory" stat -c %F a
expect $'1.txt\n3.txt\na' ls
