#!/usr/bin/env bash
# Seed case 25: change the ownership of a directory.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

chown 1000:1000 "st mode"
expect "1000 1000 755" stat -c '%u %g %a' "st mode"
