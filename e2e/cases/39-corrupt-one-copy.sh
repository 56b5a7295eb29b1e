#!/usr/bin/env bash
# Seed's conclusion: one corrupted copy is read around and repaired.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

make_ref c39.bin $((2 * 1048576 + 512))
cp "$REF/c39.bin" c39.bin
ringfs inject corrupt /c39.bin --block 1 --copy 0 > /dev/null
expect "" cmp "$REF/c39.bin" c39.bin
await_fsck_clean 60
expect "" cmp "$REF/c39.bin" c39.bin
