#!/usr/bin/env bash
# Seed case 5: append to the copied file.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

echo "appended line" >> 2.txt
expect "27" stat -c %s 2.txt
