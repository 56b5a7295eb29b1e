#!/usr/bin/env bash
# Seed case 26: change the ownership of a file.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

chown 1001:1002 1.txt
expect "1001 1002 644" stat -c '%u %g %a' 1.txt
expect "hello ringfs" cat 1.txt
