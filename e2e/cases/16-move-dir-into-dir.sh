#!/usr/bin/env bash
# Seed case 16: move 'b' into 'c'; c shows its own file and b, with all of b's contents.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mv b c
expect $'1.txt\nc' ls
expect $'c:\n5.txt\nb\n\nc/b:\na\n\nc/b/a:\n3.txt\n4.txt' ls -R c
