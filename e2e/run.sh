#!/usr/bin/env bash
# e2e/run.sh [--data-servers N] [--keep] [CASE...]
#
# Replays the seed's test cases (e2e/cases/*.sh, in order: each builds on the ones before) over
# a real FUSE mount of a fresh local cluster: with 4 and then 5 data servers unless --data-servers
# says. CASE limits the run to cases whose names start with it (e.g. 07 or 31-crash). Prints one
# PASS/FAIL line per case, a summary per ring size, and last `X passed, Y failed`; exits 0 only
# when nothing failed. --keep leaves each run's directory (cluster, logs) in place.
set -uo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(dirname "$e2e")"
case_timeout="${RINGFS_CASE_TIMEOUT:-240}"
# The launcher every step runs; RINGFS_LAUNCHER may name another (e.g. one that skips the
# rebuild ./ringfs does whenever a source changed, while someone edits during a run).
ringfs="${RINGFS_LAUNCHER:-$home/ringfs}"
export RINGFS_LAUNCHER="$ringfs"

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

cases=()
for c in "$e2e"/cases/[0-9]*.sh; do
  name="$(basename "$c" .sh)"
  if ((${#only[@]} == 0)); then cases+=("$c"); continue; fi
  for prefix in "${only[@]}"; do
    [[ "$name" == "$prefix"* ]] && cases+=("$c") && break
  done
done
((${#cases[@]})) || { echo "run.sh: no case matches ${only[*]}" >&2; exit 2; }

# Build once, up front, so no case pays for it.
if ! "$ringfs" --version > /dev/null; then
  echo "run.sh: ./ringfs does not start" >&2
  exit 1
fi

work=""
stop_ring() {
  [[ -n "$work" ]] || return 0
  local mnt pidfile pid
  for mnt in "$work/mnt" "$work/mnt-quorum"; do
    pidfile="$mnt.pid"
    [[ -e "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    # Lazy: a case's write may still be waiting inside the mount.
    fusermount -u -z "$mnt" 2> /dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2> /dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2> /dev/null && kill -KILL "$pid"
    fi
  done
  (cd "$work" && "$ringfs" down --dir var > "$work/down.log" 2>&1) || cat "$work/down.log" >&2
  if $keep || ((ring_failed > 0)); then
    echo "run directory kept: $work"
  else
    rm -rf "$work"
  fi
  work=""
}
trap stop_ring EXIT
trap 'exit 130' INT TERM

total_passed=0
total_failed=0
ring_failed=0

for n in "${ring_sizes[@]}"; do
  echo "== $n data servers"
  ring_passed=0
  ring_failed=0
  work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-e2e-$n.XXXXXX")"
  mkdir -p "$work/logs"
  export RINGFS_HOME="$home" RINGFS_WORK="$work" RINGFS_MNT="$work/mnt" RINGFS_QMNT="$work/mnt-quorum"
  if ! (cd "$work" && "$ringfs" up --dir var --data-servers "$n" --base-port 0 --block-size 262144 \
          --allow-fault-injection --detach) > "$work/logs/up.log" 2>&1 \
     || ! "$ringfs" mount --dir "$work/var" --write-policy all --wait forever --pid-file "$RINGFS_MNT.pid" \
          "$RINGFS_MNT" --detach >> "$work/logs/up.log" 2>&1 \
     || ! "$ringfs" mount --dir "$work/var" --write-policy quorum --wait 120 --pid-file "$RINGFS_QMNT.pid" \
          "$RINGFS_QMNT" --detach >> "$work/logs/up.log" 2>&1; then
    echo "FAIL cluster and mounts did not start:"
    sed 's/^/    /' "$work/logs/up.log"
    ring_failed=${#cases[@]}
  else
    for c in "${cases[@]}"; do
      name="$(basename "$c" .sh)"
      log="$work/logs/$name.log"
      started=$SECONDS
      if timeout -k 10 "$case_timeout" bash "$c" > "$log" 2>&1; then
        echo "PASS $name ($((SECONDS - started)) s)"
        ring_passed=$((ring_passed + 1))
      else
        status=$?
        ((status == 124)) && echo "timed out after $case_timeout s" >> "$log"
        echo "FAIL $name ($((SECONDS - started)) s)"
        tail -n 25 "$log" | sed 's/^/    /'
        ring_failed=$((ring_failed + 1))
      fi
    done
  fi
  echo "$ring_passed passed, $ring_failed failed with $n data servers"
  total_passed=$((total_passed + ring_passed))
  total_failed=$((total_failed + ring_failed))
  stop_ring
done

echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
