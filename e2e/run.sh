#!/usr/bin/env bash
# e2e/run.sh [--data-servers N] [--keep] [CASE...]
#
# Replays the seed's test cases (e2e/cases/*.sh, in order: each builds on the ones before) over
# a real FUSE mount of a fresh local cluster: with 4 and then 5 data servers unless --data-servers
# says. CASE limits the run to cases whose names start with it (e.g. 07 or 31-crash). Prints one
# PASS/FAIL line per case, a summary per ring size, and last `X passed, Y failed`; exits 0 only
# when nothing failed. --keep leaves each run's directory (cluster, logs) in place.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

ring_sizes=(4 5)
keep=false
only=()
while (($#)); do
  case "$1" in
    --data-servers) ring_sizes=("$2"); shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done
select_cases "${only[@]}" || { echo "run.sh: no case matches ${only[*]}" >&2; exit 2; }

# Build once, up front, so no case pays for it.
"$testlib_launcher" --version >/dev/null || { echo "run.sh: ./ringfs does not start" >&2; exit 1; }
export RINGFS_LAUNCHER="$testlib_launcher"

# One ring size, in a subshell of its own (its own directory and clean-up); appends
# "PASSED FAILED" to the file $1.
run_ring() {
  local counts="$1" n="$2" passed=0 failed=0 c
  testlib_init "e2e-$n"
  $keep && keep_work
  export RINGFS_HOME="$testlib_home" RINGFS_WORK="$work" RINGFS_MNT="$work/mnt" RINGFS_QMNT="$work/mnt-quorum"
  if cluster_up --data-servers "$n" --block-size 262144 --allow-fault-injection \
     && on_exit fuse_unmount "$RINGFS_MNT" \
     && ringfs mount --dir var --write-policy all --wait forever --pid-file "$RINGFS_MNT.pid" \
          "$RINGFS_MNT" --detach >>"$work/logs/up.log" 2>&1 \
     && on_exit fuse_unmount "$RINGFS_QMNT" \
     && ringfs mount --dir var --write-policy quorum --wait 120 --pid-file "$RINGFS_QMNT.pid" \
          "$RINGFS_QMNT" --detach >>"$work/logs/up.log" 2>&1; then
    for c in "${cases[@]}"; do
      if run_case "$c"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
  else
    echo "FAIL cluster and mounts did not start:"
    sed 's/^/    /' "$work/logs/up.log"
    failed=${#cases[@]}
  fi
  echo "$passed passed, $failed failed with $n data servers"
  echo "$passed $failed" >>"$counts"
  ((failed == 0))
}

counts="$(mktemp)"
trap 'rm -f "$counts"' EXIT
for n in "${ring_sizes[@]}"; do
  echo "== $n data servers"
  (run_ring "$counts" "$n")
done
read -r total_passed total_failed < <(awk '{p += $1; f += $2} END {print p + 0, f + 0}' "$counts")
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
