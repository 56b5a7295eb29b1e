#!/usr/bin/env bash
# Seed case 24: create a directory called 'st mode' and check its stats.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

mkdir "st mode"
expect "directory 755 drwxr-xr-x 0 0" stat -c '%F %a %A %u %g' "st mode"
expect $'1.txt\ns\nst mode\nt' ls
