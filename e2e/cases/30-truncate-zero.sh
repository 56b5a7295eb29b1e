#!/usr/bin/env bash
# Seed case 30: truncating to 0 leaves no contents.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

truncate -s 0 1.txt
expect "0" stat -c %s 1.txt
expect "" cat 1.txt
