#!/usr/bin/env bash
# Seed case 34: crash a data server and write: under `all` the write waits; under `quorum` it finishes at once.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ringfs crash data-1 > /dev/null
make_ref w34.bin "$RING_SPANNING_BYTES"
in_background write34 cp "$REF/w34.bin" "$RINGFS_MNT/w34.bin"
make_ref q34.bin "$RING_SPANNING_BYTES"
expect "" timeout 60 cp "$REF/q34.bin" "$RINGFS_QMNT/q34.bin"
expect "" cmp "$REF/q34.bin" "$RINGFS_QMNT/q34.bin"
sleep 2
expect_waiting write34
