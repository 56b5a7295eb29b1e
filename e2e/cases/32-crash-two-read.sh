#!/usr/bin/env bash
# Seed case 32: crash a second data server (two down); every byte still reads.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ringfs crash data-2 > /dev/null
expect "" cmp "$REF/r.bin" r.bin
