#!/usr/bin/env bash
# Seed case 27: change the permissions of a file.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

chmod 640 1.txt
expect "640 -rw-r-----" stat -c '%a %A' 1.txt
chmod u+x,o+r 1.txt
expect "744 -rwxr--r--" stat -c '%a %A' 1.txt
