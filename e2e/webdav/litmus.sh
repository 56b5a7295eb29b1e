#!/usr/bin/env bash
# litmus (the WebDAV protocol test suite, Debian package `litmus`) against a real RingFS:
# a fresh cluster (./ringfs up), a WebDAV front with a test user, then the five suites
# basic, copymove, props, locks, http. Prints each suite's pass count; exits non-zero if any
# test failed or a suite did not run. Everything started here is stopped on exit.
#   e2e/webdav/litmus.sh [DATA_SERVERS]    (default 5; CI runs 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"
servers="${1:-5}"

command -v litmus >/dev/null || { echo "litmus.sh: litmus is not installed (apt-get install litmus)" >&2; exit 2; }

testlib_init litmus
cluster_up --data-servers "$servers" --no-webdav
password="litmus-$RANDOM-$RANDOM"
printf '%s\n' "$password" | ringfs user add litmus --users "$work/users" >/dev/null
front_start litmus --users "$work/users"
url="$front_url"
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
