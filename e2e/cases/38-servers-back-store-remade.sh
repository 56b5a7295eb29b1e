#!/usr/bin/env bash
# Seed case 38: bring the server back: the write completes and the store is created by itself.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

expect_waiting write37
ringfs start data-3 > /dev/null
await_background write37 120
expect "" cmp "$REF/w37.bin" w37.bin
expect "" cmp "$REF/q37.bin" q37.bin
await_path "$(store_of 3)" 30
await_fsck_clean 180
