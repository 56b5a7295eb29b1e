#!/usr/bin/env bash
# Seed case 37: crash a server, delete its store, write: `all` waits, `quorum` finishes at once.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ringfs crash data-3 > /dev/null
rm -rf "$(store_of 3)"
make_ref w37.bin "$RING_SPANNING_BYTES"
in_background write37 cp "$REF/w37.bin" "$RINGFS_MNT/w37.bin"
make_ref q37.bin "$RING_SPANNING_BYTES"
expect "" timeout 60 cp "$REF/q37.bin" "$RINGFS_QMNT/q37.bin"
expect "" cmp "$REF/q37.bin" "$RINGFS_QMNT/q37.bin"
sleep 2
expect_waiting write37
