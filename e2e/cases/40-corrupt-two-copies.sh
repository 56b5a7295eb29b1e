#!/usr/bin/env bash
# Seed's conclusion: two corrupted copies of one block, on non-adjacent servers (copies 0 and 2).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

make_ref c40.bin $((2 * 1048576 + 512))
cp "$REF/c40.bin" c40.bin
ringfs inject corrupt /c40.bin --block 2 --copy 0 > /dev/null
ringfs inject corrupt /c40.bin --block 2 --copy 2 > /dev/null
expect "" cmp "$REF/c40.bin" c40.bin
await_fsck_clean 60
expect "" cmp "$REF/c40.bin" c40.bin
