#!/usr/bin/env bash
# litmus (the WebDAV protocol test suite, Debian package `litmus`) against a real RingFS:
# a fresh cluster (./ringfs up), a WebDAV front with a test user, then the five suites
# basic, copymove, props, locks, http. Prints each suite's pass count; exits non-zero if any
# test failed or a suite did not run. Everything started here is stopped on exit.
#   e2e/webdav/litmus.sh [DATA_SERVERS]    (default 5; CI runs 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ringfs="$root/ringfs"
servers="${1:-5}"

command -v litmus >/dev/null || { echo "litmus.sh: litmus is not installed (apt-get install litmus)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-litmus.XXXXXX")"
front_pid=""
cleanup() {
  local rc=$?
  if [[ -n "$front_pid" ]] && kill -0 "$front_pid" 2>/dev/null; then
    kill "$front_pid" 2>/dev/null || true
    wait "$front_pid" 2>/dev/null || true
  fi
  "$ringfs" down --dir "$work/cluster" >/dev/null 2>&1 || true
  if [[ $rc -ne 0 ]]; then
    echo "litmus.sh: failed; the front's log:" >&2
    tail -n 40 "$work/webdav.log" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT INT TERM

"$ringfs" up --dir "$work/cluster" --data-servers "$servers" --base-port 0 --detach --no-webdav >"$work/up.log" 2>&1 \
  || { cat "$work/up.log" >&2; exit 1; }

password="litmus-$RANDOM-$RANDOM"
printf '%s\n' "$password" | "$ringfs" user add litmus --users "$work/users" >/dev/null

"$ringfs" webdav --dir "$work/cluster" --users "$work/users" --listen 127.0.0.1:0 >"$work/webdav.log" 2>&1 &
front_pid=$!
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/webdav.log" | head -n1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$front_pid" 2>/dev/null || { echo "litmus.sh: the WebDAV front exited" >&2; exit 1; }
  sleep 0.5
done
[[ -n "$url" ]] || { echo "litmus.sh: the WebDAV front printed no URL in 60 s" >&2; exit 1; }
echo "litmus.sh: cluster of $servers data servers, WebDAV front at $url"

# litmus writes its debug.log into the working directory.
cd "$work"
set +e
TESTS="basic copymove props locks http" timeout 900 litmus "$url" litmus "$password" >"$work/litmus.out" 2>&1
litmus_rc=$?
set -e

grep -E '^(-> running|<- summary)' "$work/litmus.out" | sed -n 's/^<- summary for //p'
grep -E 'WARNING' "$work/litmus.out" || true
failures="$(grep -c 'FAIL' "$work/litmus.out" || true)"
suites="$(grep -c '^<- summary' "$work/litmus.out" || true)"
if [[ $litmus_rc -ne 0 || "$failures" != 0 || "$suites" != 5 ]]; then
  grep -E 'FAIL' "$work/litmus.out" >&2 || true
  echo "litmus.sh: FAILED (litmus exit $litmus_rc, $suites of 5 suites ran, $failures failed)" >&2
  exit 1
fi
echo "litmus.sh: all five suites passed"
