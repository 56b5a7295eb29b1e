#!/usr/bin/env bash
# Case 42 (issue 12, case 33's kind with meta): SIGKILL the meta master while a large file is copied
# onto the mount. The mount's client fails over to the master the other two elect and the copy
# finishes, byte for byte (also as the other mount reads it); the killed member starts again and catches up.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

size=$((64 << 20))
half=$((24 << 20))
make_ref big42.bin "$size"
master="$(meta_master)"
# One copy, one open file: the first part, then (once the kill is done) the rest. The gate makes the
# kill land mid-copy however fast the mount writes.
rm -f "$STATE/go42"
in_background copy42 bash -c '
  { head -c "$1" "$2"; until [[ -e "$3" ]]; do sleep 0.1; done; tail -c +"$(($1 + 1))" "$2"; } \
    | dd of="$4" bs=1M iflag=fullblock status=none' \
  copy42 "$half" "$REF/big42.bin" "$STATE/go42" "$RINGFS_MNT/big42.bin"
deadline=$((SECONDS + 120))
until [[ "$(stat -c %s big42.bin 2>/dev/null || echo 0)" -ge "$half" ]]; do
  (( SECONDS < deadline )) || fail "the copy did not write its first $half bytes in 120 s: $(cat "$STATE/copy42.out" 2>/dev/null)"
  expect_waiting copy42
  sleep 0.2
done
expect_waiting copy42
ringfs crash "$master" > /dev/null
killed_at=$SECONDS
echo "killed the meta master $master with $(stat -c %s big42.bin) of $size bytes copied"
touch "$STATE/go42"
await_background copy42 180
echo "the copy finished $((SECONDS - killed_at)) s after the kill"
expect "" cat "$STATE/copy42.out"
expect "" cmp "$REF/big42.bin" big42.bin
expect "" cmp "$REF/big42.bin" "$RINGFS_QMNT/big42.bin"
after="$(meta_master)"
[[ "$after" != "$master" ]] || fail "$master, killed, is master again"
echo "the new master is $after"
ringfs start "$master" > /dev/null
started_at=$SECONDS
await_meta_caught_up "$master" 120
echo "$master started again and caught up within $((SECONDS - started_at)) s"
expect "" cmp "$REF/big42.bin" big42.bin
