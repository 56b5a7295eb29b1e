# Shared by the e2e runners (run.sh, webdav/*.sh, hostile/fuse.sh): sourced, never run. A runner
# says only what it tests; starting a cluster, a WebDAV front or a mount, the case loop and the
# clean-up on exit are here, once. (The case scripts themselves source e2e/lib.sh instead.)
#
#   testlib_init NAME        makes the run's directory $work (and $work/logs) and arms the clean-up
#   on_exit CMD...           a clean-up step; steps run last-registered first, whatever the exit
#   keep_work                keep $work after the run (--keep, or a failure the runner reports)
#   ringfs ARGS...           the launcher (RINGFS_LAUNCHER, or ./ringfs), run in $work
#   cluster_up ARGS...       `ringfs up --dir var --base-port 0 --detach ARGS` in $work; `down` on exit
#   drive_of_up              the URL and first user's password of the drive `up` serves: sets
#                            drive_url and drive_password
#   front_start NAME ARGS... a WebDAV front (`ringfs webdav --dir var --listen 127.0.0.1:0 ARGS`),
#                            stopped on exit; sets front_url once it listens
#   davfs_mount URL MNT USER PASSWORD [CONF-LINE...]
#                            a davfs2 mount with this machine's settings; unmounted on exit
#   fuse_unmount MNT         unmounts a FUSE mount whose pid file is MNT.pid and waits for it
#   run_case FILE [TIMEOUT]  one case script: prints PASS/FAIL with its time, returns its status
[[ -n "${TESTLIB_LOADED:-}" ]] && return 0
TESTLIB_LOADED=1

testlib_e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
testlib_home="$(dirname "$testlib_e2e")"
testlib_launcher="${RINGFS_LAUNCHER:-$testlib_home/ringfs}"
testlib_steps=()
testlib_keep=false
work=""

testlib_init() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-$1.XXXXXX")"
  mkdir -p "$work/logs"
  trap testlib_cleanup EXIT
  trap 'exit 130' INT TERM
}

on_exit() {
  testlib_steps+=("$(printf '%q ' "$@")")
}

keep_work() {
  testlib_keep=true
}

testlib_cleanup() {
  local rc=$? i log
  if ((rc != 0)); then
    for log in "$work"/logs/webdav-*.log "$work"/var/webdav/server.log; do
      [[ -s "$log" ]] || continue
      echo "---- last lines of $log" >&2
      tail -n 30 "$log" >&2
    done
  fi
  for ((i = ${#testlib_steps[@]} - 1; i >= 0; i--)); do
    eval "${testlib_steps[i]}" || true
  done
  testlib_steps=()
  if [[ -n "$work" ]]; then
    if $testlib_keep || ((rc != 0)); then echo "run directory kept: $work"; else rm -rf "$work"; fi
  fi
  exit $rc
}

ringfs() {
  (cd "$work" && "$testlib_launcher" "$@")
}

cluster_up() {
  on_exit testlib_cluster_down
  if ! ringfs up --dir var --base-port 0 --detach "$@" >"$work/logs/up.log" 2>&1; then
    echo "the cluster did not start:" >&2
    sed 's/^/    /' "$work/logs/up.log" >&2
    return 1
  fi
}

testlib_cluster_down() {
  ringfs down --dir var >"$work/logs/down.log" 2>&1 || cat "$work/logs/down.log" >&2
}

drive_of_up() {
  local line
  line="$(grep '^WebDAV drive: ' "$work/logs/up.log")"
  drive_url="$(sed -n 's/^WebDAV drive: \(http[^ ]*\) .*/\1/p' <<<"$line")"
  drive_password="$(sed -n 's/.* password \([^ ]*\) .*/\1/p' <<<"$line")"
  [[ -n "$drive_url" && -n "$drive_password" ]] || { echo "no URL and password in: $line" >&2; return 1; }
}

# Not to be run in a subshell: the clean-up must keep the front's pid.
front_start() {
  local name="$1" log="$work/logs/webdav-$1.log" pid
  shift
  front_url=""
  "$testlib_launcher" webdav --dir "$work/var" --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  pid=$!
  on_exit testlib_stop_pid "$pid"
  for _ in $(seq 1 120); do
    front_url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -n1 || true)"
    [[ -n "$front_url" ]] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "the $name WebDAV front did not start (within 60 s):" >&2
  tail -n 40 "$log" >&2
  return 1
}

testlib_stop_pid() {
  kill "$1" 2>/dev/null || return 0
  wait "$1" 2>/dev/null || true
}

# This machine's davfs2 notes: on Linux 6.16+ the default buf_size 16 mounts but every ls fails
# with EINVAL (buf_size 64 here); mount.davfs runs as the davfs2 user, so its cache directory must
# be root:davfs2 mode 775 and reachable through $work; a secrets file and ask_auth 0 avoid
# prompts; delay_upload 0 uploads at close instead of seconds later.
davfs_mount() {
  local url="$1" mnt="$2" user="$3" password="$4" line
  shift 4
  chmod 755 "$work"
  mkdir -p "$mnt" "$mnt.cache"
  getent group davfs2 >/dev/null && chown root:davfs2 "$mnt.cache"
  chmod 775 "$mnt.cache"
  printf '%s %s %s\n' "$mnt" "$user" "$password" >"$mnt.secrets"
  chmod 600 "$mnt.secrets"
  {
    printf '%s\n' "buf_size 64" "ask_auth 0" "delay_upload 0" "use_locks 1" \
      "cache_dir $mnt.cache" "secrets $mnt.secrets"
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$mnt.conf"
  on_exit testlib_umount "$mnt"
  davfs_remount "$url" "$mnt"
}

# davfs_remount URL MNT: mounts MNT again with the configuration davfs_mount wrote.
davfs_remount() {
  mount -t davfs "$1" "$2" -o "conf=$2.conf,uid=0,gid=0" </dev/null >>"$work/logs/mount.log" 2>&1 \
    || { echo "mount.davfs $1 $2 failed:" >&2; tail -n 10 "$work/logs/mount.log" >&2; return 1; }
}

testlib_umount() {
  # A mount whose daemon died fails mountpoint(1) ("Transport endpoint is not connected") but is
  # still in /proc/mounts: it is unmounted too, not left behind.
  mountpoint -q "$1" 2>/dev/null || awk -v m="$1" '$2 == m { found = 1 } END { exit !found }' /proc/mounts || return 0
  umount "$1" 2>/dev/null || umount -l "$1" 2>/dev/null || true
}

fuse_unmount() {
  local mnt="$1" pid
  [[ -e "$mnt.pid" ]] || return 0
  pid="$(cat "$mnt.pid")"
  # Lazy: a case's write may still be waiting inside the mount.
  fusermount -u -z "$mnt" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null
  return 0
}

run_case() {
  local c="$1" limit="${2:-${RINGFS_CASE_TIMEOUT:-240}}" name log started status
  name="$(basename "$c" .sh)"
  log="$work/logs/$name.log"
  started=$SECONDS
  if timeout -k 10 "$limit" bash "$c" >"$log" 2>&1; then
    echo "PASS $name ($((SECONDS - started)) s)"
    return 0
  fi
  status=$?
  ((status == 124)) && echo "timed out after $limit s" >>"$log"
  echo "FAIL $name ($((SECONDS - started)) s)"
  tail -n 25 "$log" | sed 's/^/    /'
  return 1
}

# select_cases PREFIX...: sets cases to e2e/cases/*.sh in order, only those whose names start with
# one of the prefixes when any are given.
select_cases() {
  local c name prefix
  cases=()
  for c in "$testlib_e2e"/cases/[0-9]*.sh; do
    name="$(basename "$c" .sh)"
    if (($# == 0)); then cases+=("$c"); continue; fi
    for prefix in "$@"; do
      [[ "$name" == "$prefix"* ]] && cases+=("$c") && break
    done
  done
  ((${#cases[@]}))
}
