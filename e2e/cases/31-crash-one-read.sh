#!/usr/bin/env bash
# Seed case 31: crash one data server; every byte still reads.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

make_ref r.bin "$RING_SPANNING_BYTES"
cp "$REF/r.bin" r.bin
expect "" cmp "$REF/r.bin" r.bin
ringfs crash data-1 > /dev/null
expect "" cmp "$REF/r.bin" r.bin
