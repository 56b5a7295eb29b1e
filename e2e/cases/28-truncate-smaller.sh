#!/usr/bin/env bash
# Seed case 28: truncating the file to a smaller size shortens it.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

truncate -s 5 1.txt
expect "5" stat -c %s 1.txt
expect "hello" cat 1.txt
