#!/usr/bin/env bash
# Seed's conclusion: corrupted blocks of several files, on several servers.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

for f in c41a c41b c41c; do
  make_ref $f.bin $((3 * 1048576 + 99))
  cp "$REF/$f.bin" $f.bin
done
ringfs inject corrupt /c41a.bin --block 0 --copy 0 > /dev/null
ringfs inject corrupt /c41a.bin --block 3 --copy 0 > /dev/null
ringfs inject corrupt /c41b.bin --block 1 --copy 0 > /dev/null
ringfs inject corrupt /c41c.bin --block 2 --copy 0 > /dev/null
for f in c41a c41b c41c; do
  expect "" cmp "$REF/$f.bin" $f.bin
done
await_fsck_clean 60
