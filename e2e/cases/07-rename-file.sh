#!/usr/bin/env bash
# Seed case 7: rename 2.txt to 3.txt (the same inode, under a new name).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

inode="$(stat -c %i 2.txt)"
mv 2.txt 3.txt
expect $'1.txt\n3.txt' ls
expect_fails "cat: 2.txt: No such file or directory" cat 2.txt
expect $'hello ringfs\nappended line' cat 3.txt
expect "$inode" stat -c %i 3.txt
