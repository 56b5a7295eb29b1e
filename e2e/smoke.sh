#!/usr/bin/env bash
# The launcher smoke test: issue 2's "done when" with the real ./ringfs script.
#   up --detach; put a random file (50 MiB unless SMOKE_MIB says); crash two data servers; get
#   returns identical bytes; a data server loses its store while down and fsck turns clean once
#   it is refilled; a corrupted copy is found by fsck and repaired by the next read.
# Runs in its own temporary directory on free ports; stops the cluster and cleans up on exit.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ringfs="$root/ringfs"
mib="${SMOKE_MIB:-50}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-smoke.XXXXXX")"
dir="$work/var"

cleanup() {
  local status=$?
  if [[ -d "$dir" ]]; then
    "$ringfs" down --dir "$dir" >/dev/null 2>&1 || echo "smoke: ringfs down failed" >&2
    if [[ $status -ne 0 ]]; then
      for log in "$dir"/*/server.log; do
        echo "---- last lines of $log" >&2
        tail -n 15 "$log" >&2
      done
    fi
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT

check() { echo "smoke: $*"; }
rf() { "$ringfs" "$@" --dir "$dir"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# Polls fsck until it exits 0, for at most $1 seconds.
await_clean_fsck() {
  local deadline=$((SECONDS + $1))
  until rf fsck >"$work/fsck.out" 2>&1; do
    if ((SECONDS > deadline)); then
      cat "$work/fsck.out" >&2
      echo "smoke: FAILED: fsck not clean within $1 s" >&2
      return 1
    fi
    sleep 2
  done
  head -n 1 "$work/fsck.out"
}

check "starting a cluster of 5 data servers in $dir (the first run builds RingFS)"
"$ringfs" up --detach --base-port 0 --allow-fault-injection --dir "$dir"

check "put of a ${mib} MiB random file"
head -c "$((mib * 1024 * 1024))" /dev/urandom >"$work/big.bin"
want="$(sha "$work/big.bin")"
rf put "$work/big.bin" /big.bin

check "get with data-1 and data-2 crashed returns identical bytes"
rf crash data-1
rf crash data-2
rf get /big.bin "$work/after-crash.bin"
[[ "$(sha "$work/after-crash.bin")" == "$want" ]] || { echo "smoke: FAILED: bytes differ after two crashes" >&2; exit 1; }
rf start data-1
rf start data-2

check "data-3 loses its store while down; fsck turns clean once it is refilled"
rf crash data-3
rm -rf "$dir/data-3/store"
rf start data-3
await_clean_fsck 180

check "a corrupted copy is found by fsck and repaired by the next read"
rf inject corrupt /big.bin --block 2 --copy 0 --offset 4096
if rf fsck >"$work/fsck.out" 2>&1; then
  cat "$work/fsck.out" >&2
  echo "smoke: FAILED: fsck did not see the corrupted copy" >&2
  exit 1
fi
grep -q "corrupt 1" "$work/fsck.out" || { cat "$work/fsck.out" >&2; echo "smoke: FAILED: expected one corrupt copy" >&2; exit 1; }
rf get /big.bin "$work/after-corruption.bin"
[[ "$(sha "$work/after-corruption.bin")" == "$want" ]] || { echo "smoke: FAILED: bytes differ after corruption" >&2; exit 1; }
await_clean_fsck 60

check "status and down"
rf status
rf down
check "passed"
