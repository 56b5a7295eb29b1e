#!/usr/bin/env bash
# Seed case 10: move the file 3.txt into directory 'a'.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mv 3.txt a
expect $'1.txt\na' ls
