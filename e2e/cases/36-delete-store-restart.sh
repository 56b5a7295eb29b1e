#!/usr/bin/env bash
# Seed case 36: delete a server's store while it is down, start it: reads are normal and the store is remade.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ringfs crash data-2 > /dev/null
rm -rf "$(store_of 2)"
ringfs start data-2 > /dev/null
expect "" cmp "$REF/r.bin" r.bin
expect "" cmp "$REF/w34.bin" w34.bin
await_path "$(store_of 2)" 30
# The store holds again every copy placement gives data-2.
await_fsck_clean 180
