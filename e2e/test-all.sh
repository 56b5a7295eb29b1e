#!/usr/bin/env bash
# Every test RingFS has, in the order a failure is cheapest to read, after e2e/setup.sh has installed
# what they need (as root; otherwise it says the apt-get command and this stops):
#   0. e2e/setup.sh's own test (stand-ins for apt-get and dpkg)
#   1. unit and integration tests (Maven: real servers on ephemeral loopback ports, SIGKILLs)
#      (the launcher's done-when scenario among them: e2e launcher/DoneWhenScenarioTest)
#      (and the drive in headless Chromium, driven by Selenium: e2e webdav/RealBrowserTest)
#   2. the seed's cases over a FUSE mount, with 4 and with 5 data servers
#   3. the WebDAV drive: litmus (all five suites), the seed's cases over a davfs2 mount, then rclone
#      and cadaver (e2e/webdav/clients.sh: a browser page must not change what WebDAV clients see)
#   4. hostile names and races over a FUSE mount (e2e/hostile/fuse.sh)
# Prints each stage's result; exits non-zero if any stage failed.
# --full is the long run, on demand: the seed's cases with 4 data servers too, a 300 s fault-injection
# run (CI: 40 s) and 5 meta-failover rounds (CI: 2).
set -uo pipefail
cd "$(dirname "$0")/.."

ring_sizes=(--data-servers 5)
maven_props=()
case "${1:-}" in
  --full) ring_sizes=(); maven_props=(-Dringfs.faults.seconds=300 -Dringfs.ha.rounds=5) ;;
  "") ;;
  *) echo "usage: e2e/test-all.sh [--full]" >&2; exit 2 ;;
esac

failed=()
stage() {
  local name=$1; shift
  echo "==== $name"
  local start=$SECONDS
  if "$@"; then
    echo "==== $name: ok ($((SECONDS - start)) s)"
  else
    echo "==== $name: FAILED ($((SECONDS - start)) s)"
    failed+=("$name")
  fi
}

e2e/setup.sh || { echo "test-all: set-up incomplete, nothing was run"; exit 1; }

stage "set-up script test" e2e/setup-test.sh
stage "maven tests" mvn -B -ntp install "${maven_props[@]}"
stage "seed cases over FUSE" e2e/run.sh "${ring_sizes[@]}"
stage "litmus over WebDAV" e2e/webdav/litmus.sh 3
stage "seed cases over davfs2" e2e/webdav/replay.sh
stage "rclone and cadaver over WebDAV" e2e/webdav/clients.sh
stage "hostile names and races over FUSE" e2e/hostile/fuse.sh

if [ ${#failed[@]} -gt 0 ]; then
  echo "test-all: failed: ${failed[*]}"
  exit 1
fi
echo "test-all: every stage passed"
