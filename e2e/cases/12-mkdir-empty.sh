#!/usr/bin/env bash
# Seed case 12: create an empty directory 'b' in the root.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir b
expect "" ls b
expect $'1.txt\na\nb' ls
