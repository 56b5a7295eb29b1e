#!/usr/bin/env bash
# Seed case 35: bring the server back: the waiting write completes by itself; the quorum write is healed.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect_waiting write34
ringfs start data-1 > /dev/null
await_background write34 120
expect "" cmp "$REF/w34.bin" w34.bin
expect "" cmp "$REF/q34.bin" q34.bin
# data-1 missed the third copy of every quorum block: repair must bring it.
await_fsck_clean 120
