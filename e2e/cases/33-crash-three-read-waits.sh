#!/usr/bin/env bash
# Seed case 33: with three data servers down the read waits until N-2 are alive, then finishes.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ringfs crash data-3 > /dev/null
# Blocks whose three copies were all on data-1..3 have no copy left: the read must wait, not fail.
in_background read33 cmp "$REF/r.bin" "$RINGFS_MNT/r.bin"
sleep 3
expect_waiting read33
ringfs start data-1 > /dev/null
await_background read33 120
expect "" cat "$STATE/read33.out"
ringfs start data-2 > /dev/null
ringfs start data-3 > /dev/null
