# Shared by the e2e case scripts: sourced, never run. A case runs in the mount, calls ordinary
# commands and `ringfs`, and checks each result with `expect`; the first mismatch ends it (exit 1).
#
# The runner (e2e/run.sh) sets:
#   RINGFS_HOME  the repository (where ./ringfs is)
#   RINGFS_WORK  the run's directory: var/ (the cluster), ref/ (reference copies), state/
#   RINGFS_MNT   the mount under the `all` write policy (the seed's)
#   RINGFS_QMNT  a second mount of the same cluster under the `quorum` write policy
set -euo pipefail
: "${RINGFS_HOME:?}" "${RINGFS_WORK:?}" "${RINGFS_MNT:?}" "${RINGFS_QMNT:?}"
export LC_ALL=C
umask 022

REF="$RINGFS_WORK/ref"
STATE="$RINGFS_WORK/state"
mkdir -p "$REF" "$STATE"
cd "$RINGFS_MNT"

# ringfs ARGS...: the launcher, run where the cluster's var/ is, so every command finds it.
ringfs() {
  (cd "$RINGFS_WORK" && "${RINGFS_LAUNCHER:-$RINGFS_HOME/ringfs}" "$@")
}

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# expect EXPECTED CMD...: CMD succeeds and prints exactly EXPECTED (stdout and stderr).
expect() {
  local expected="$1" actual status=0
  shift
  actual="$("$@" 2>&1)" || status=$?
  [[ $status -eq 0 ]] || fail "\`$*\` exited $status; it printed:"$'\n'"$actual"
  same "$expected" "$actual" "$@"
}

# expect_fails EXPECTED CMD...: CMD fails and prints exactly EXPECTED.
expect_fails() {
  local expected="$1" actual status=0
  shift
  actual="$("$@" 2>&1)" || status=$?
  [[ $status -ne 0 ]] || fail "\`$*\` succeeded; it should have failed with: $expected"
  same "$expected" "$actual" "$@"
}

same() {
  local expected="$1" actual="$2"
  shift 2
  if [[ "$expected" != "$actual" ]]; then
    echo "FAILED: \`$*\` printed something else (diff expected actual):" >&2
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") >&2 || true
    exit 1
  fi
}

# make_ref NAME BYTES: random bytes in ref/NAME, the copy every read is compared with.
make_ref() {
  head -c "$2" /dev/urandom > "$REF/$1"
}

# in_background NAME CMD...: runs CMD detached from this case (a later case may collect it);
# state/NAME.rc gets its exit status when it ends.
in_background() {
  local name="$1"
  shift
  rm -f "$STATE/$name.rc"
  # Its own output goes to files: it must not hold the case's stdout open for the runner.
  ( status=0; "$@" > "$STATE/$name.out" 2>&1 || status=$?; echo "$status" > "$STATE/$name.rc" ) \
    < /dev/null > /dev/null 2>&1 &
  echo $! > "$STATE/$name.pid"
  disown
}

# expect_waiting NAME: the background command NAME has not finished.
expect_waiting() {
  [[ ! -e "$STATE/$1.rc" ]] || fail "$1 finished (exit $(cat "$STATE/$1.rc")) but should still wait; it printed: $(cat "$STATE/$1.out")"
}

# await_background NAME SECONDS: the background command NAME finishes within SECONDS, with exit 0.
await_background() {
  local name="$1" deadline=$((SECONDS + $2))
  while [[ ! -e "$STATE/$name.rc" ]]; do
    (( SECONDS < deadline )) || fail "$name has not finished after $2 s"
    sleep 0.2
  done
  [[ "$(cat "$STATE/$name.rc")" == 0 ]] || fail "$name exited $(cat "$STATE/$name.rc"): $(cat "$STATE/$name.out")"
}

# await_fsck_clean SECONDS: `ringfs fsck` reports a clean cluster within SECONDS (repair and
# rebuild run in the background, so the first checks may still find their work undone).
await_fsck_clean() {
  local deadline=$((SECONDS + $1)) report
  until report="$(ringfs fsck 2>&1)"; do
    (( SECONDS < deadline )) || fail "fsck is not clean after $1 s:"$'\n'"$report"
    sleep 2
  done
  same "clean" "$(tail -n 1 <<<"$report")" ringfs fsck
}

# await_path PATH SECONDS: PATH exists within SECONDS.
await_path() {
  local deadline=$((SECONDS + $2))
  until [[ -e "$1" ]]; do
    (( SECONDS < deadline )) || fail "$1 does not exist after $2 s"
    sleep 0.5
  done
}

# The store directory of data server K.
store_of() {
  echo "$RINGFS_WORK/var/data-$1/store"
}

# 97 blocks of 256 KiB (run.sh formats the cluster with 256 KiB blocks, so that a ring-spanning file
# stays small and the crash cases stay quick). Placement puts each block at a
# pseudo-random point of the hash circle, so a file needs many blocks before every server holds
# some and some block has all three copies on data-1..3 (the cases that crash three servers need
# one): with 5 servers a block misses a given three with odds 0.9, so 97 blocks all miss it with
# odds 4e-5; with 4 servers, 7e-13.
RING_SPANNING_BYTES=$((96 * 262144 + 4097))

# meta_master: the meta group's master now (meta-K), as `ringfs status` names it; waits up to 60 s
# for one (an election after a kill takes a second or two).
meta_master() {
  local deadline=$((SECONDS + 60)) line
  while :; do
    line="$(ringfs status 2>&1 | grep -m 1 '^meta group of ' || true)"
    if [[ "$line" =~ master\ (meta-[0-9]+)\  ]]; then
      echo "${BASH_REMATCH[1]}"
      return 0
    fi
    (( SECONDS < deadline )) || fail "the meta group has no master after 60 s: ${line:-no meta group in ringfs status}"
    sleep 1
  done
}

# await_meta_caught_up NAME SECONDS: within SECONDS, `ringfs status` shows a master and every meta
# member answering as master or replica, NAME's log 0 entries behind the master's.
await_meta_caught_up() {
  local name="$1" deadline=$((SECONDS + $2)) report row others
  while :; do
    report="$(ringfs status 2>&1 || true)"
    row="$(awk -v n="$name" '$1 == n { print $3, $4 }' <<<"$report")"
    # Members whose role is anything else (DOWN, no-answer, unknown...).
    others="$(awk '$1 ~ /^meta-[0-9]+$/ && $3 != "master" && $3 != "replica" { print $1 }' <<<"$report")"
    if [[ ("$row" == "replica 0" || "$row" == "master 0") && -z "$others" ]] \
       && grep -q '^meta group of [0-9]* members: master meta-' <<<"$report"; then
      return 0
    fi
    (( SECONDS < deadline )) || fail "$name has not caught up with the meta master after $2 s; ringfs status:"$'\n'"$report"
    sleep 1
  done
}
