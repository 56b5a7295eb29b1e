#!/usr/bin/env bash
# e2e/webdav/replay.sh [--data-servers N] [--keep] [CASE...]
#
# The FUSE runner's case scripts (e2e/cases/*.sh, in order) over a davfs2 mount of the WebDAV
# drive: a fresh cluster (./ringfs up, 3 data servers by default), two WebDAV fronts with a test
# user (write policy `all` and `quorum`) and a davfs2 mount of each where the cases expect the FUSE
# mounts ($RINGFS_MNT and $RINGFS_QMNT). Cases WebDAV cannot express are listed with the reason
# (NOT RUN), never skipped silently. Prints one PASS/FAIL line
# per case it runs and last `N passed, M failed`; exits 0 only when nothing failed. Needs root
# (mount) and davfs2. CASE limits the run to cases whose names start with it.
set -uo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$(dirname "$e2e")"
case_timeout="${RINGFS_CASE_TIMEOUT:-240}"
ringfs="${RINGFS_LAUNCHER:-$home/ringfs}"
export RINGFS_LAUNCHER="$ringfs"

servers=3
keep=false
only=()
while (($#)); do
  case "$1" in
    --data-servers) servers="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "replay.sh: unknown option $1" >&2; exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done

command -v mount.davfs >/dev/null || { echo "replay.sh: davfs2 is not installed (apt-get install davfs2)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "replay.sh: mounting needs root" >&2; exit 2; }

# What davfs2 really does with the operations these cases need, and why a case cannot run over it.
declare -A not_expressible=(
  [21-symlink]="symlinks: WebDAV has no links; davfs2 answers symlink(2) with ENOSYS (and link(2) EPERM, mknod(2) ENOTSUP)"
  [22-readlink]="symlinks: builds on 21 (no symlink over WebDAV)"
  [23-move-symlink]="symlinks: builds on 21 (no symlink over WebDAV)"
  [25-chown-dir]="chown: WebDAV has no owners; davfs2 accepts chown but keeps owner and group in its local cache index only, so the drive and every other client never see them"
  [26-chown-file]="chown: as 25, davfs2 changes only its local cache"
  [27-chmod-file]="chmod: WebDAV has no mode bits; davfs2 accepts chmod but keeps the bits in its local cache index (only the x bit goes to the server, as a property)"
  [33-crash-three-read-waits]="a read that waits for servers: davfs2 answers from its cache (a conditional GET, 304) without reading the servers, and an HTTP request cannot wait unbounded"
  [34-crash-write-waits]="a write that waits under the 'all' policy: davfs2 uploads after close(2) returns (even with delay_upload 0) and keeps a failed upload dirty in its cache, so no cp ever waits as the case checks"
  [35-servers-back-write-completes]="builds on 34 (the waiting write)"
  [37-crash-delete-store-write-waits]="a write that waits, as 34"
  [38-servers-back-store-remade]="builds on 37 (the waiting write)"
  [39-corrupt-one-copy]="read repair: davfs2 uploads after close(2) returns, so the case damages a copy the upload has not written yet; and its cmp reads davfs2's cache, never the servers, so no read repairs anything"
  [40-corrupt-two-copies]="read repair, as 39"
  [41-corrupt-several-files]="read repair, as 39"
)
# What a later case expects a case that cannot run to have left, made without the inexpressible
# operation (run with lib.sh, in the mount): 24 lists the directories 21 and 23 make beside their
# symlinks; 36 crashes data-2, which 33 starts again, and reads w34.bin, which 34 writes.
declare -A stand_in=(
  [21-symlink]="mkdir s"
  [23-move-symlink]="mkdir -p t/u"
  [33-crash-three-read-waits]="ringfs start data-1 >/dev/null && ringfs start data-2 >/dev/null"
  [34-crash-write-waits]='make_ref w34.bin "$RING_SPANNING_BYTES" && cp "$REF/w34.bin" w34.bin && make_ref q34.bin "$RING_SPANNING_BYTES" && cp "$REF/q34.bin" "$RINGFS_QMNT/q34.bin"'
)
declare -A stand_in_says=(
  [21-symlink]="mkdir s"
  [23-move-symlink]="mkdir -p t/u"
  [33-crash-three-read-waits]="starts data-1 and data-2 again"
  [34-crash-write-waits]="writes w34.bin and q34.bin with every server up"
)

cases=()
for c in "$e2e"/cases/[0-9]*.sh; do
  name="$(basename "$c" .sh)"
  if ((${#only[@]} == 0)); then cases+=("$c"); continue; fi
  for prefix in "${only[@]}"; do
    [[ "$name" == "$prefix"* ]] && cases+=("$c") && break
  done
done
((${#cases[@]})) || { echo "replay.sh: no case matches ${only[*]}" >&2; exit 2; }

if ! "$ringfs" --version >/dev/null; then
  echo "replay.sh: ./ringfs does not start" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-replay.XXXXXX")"
front_pids=()
failed=0
cleanup() {
  local mnt pid
  for mnt in "$work/mnt" "$work/mnt-quorum"; do
    if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true; fi
  done
  for pid in "${front_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  (cd "$work" && "$ringfs" down --dir var >"$work/logs/down.log" 2>&1) || true
  if $keep || ((failed > 0)); then echo "run directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/logs"
# mount.davfs runs as the davfs2 user: it must reach its cache through the work directory.
chmod 755 "$work"
# The fronts are started here, one per write policy: up's own front is not needed.
if ! (cd "$work" && "$ringfs" up --dir var --data-servers "$servers" --base-port 0 --block-size 262144 \
        --allow-fault-injection --detach --no-webdav) >"$work/logs/up.log" 2>&1; then
  echo "FAIL the cluster did not start:"; sed 's/^/    /' "$work/logs/up.log"
  failed=1
  echo "0 passed, 1 failed"
  exit 1
fi

password="replay-$RANDOM-$RANDOM-$RANDOM"
printf '%s\n' "$password" | "$ringfs" user add replay --users "$work/users" >/dev/null

# start_front NAME POLICY: a WebDAV front with that write policy; sets front_url. Not run in a
# subshell: front_pids must keep its pid for cleanup.
start_front() {
  local log="$work/logs/webdav-$1.log"
  front_url=""
  "$ringfs" webdav --dir "$work/var" --users "$work/users" --listen 127.0.0.1:0 --write-policy "$2" >"$log" 2>&1 &
  front_pids+=($!)
  for _ in $(seq 1 120); do
    front_url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -n1 || true)"
    [[ -n "$front_url" ]] && break
    kill -0 "${front_pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  [[ -n "$front_url" ]] || { echo "replay.sh: the $1 WebDAV front did not start:" >&2; cat "$log" >&2; return 1; }
}

# mount_davfs URL DIR: davfs2 with this machine's settings (see e2e/webdav/davfs2.sh).
mount_davfs() {
  local url="$1" mnt="$2" conf="$2.conf" cache="$2.cache"
  mkdir -p "$mnt" "$cache"
  getent group davfs2 >/dev/null && chown root:davfs2 "$cache"
  chmod 775 "$cache"
  printf '%s replay %s\n' "$mnt" "$password" >"$mnt.secrets"
  chmod 600 "$mnt.secrets"
  cat >"$conf" <<CONF
buf_size 64
ask_auth 0
delay_upload 0
use_locks 1
gui_optimize 0
cache_dir $cache
secrets $mnt.secrets
CONF
  mount -t davfs "$url" "$mnt" -o "conf=$conf,uid=0,gid=0" </dev/null >>"$work/logs/mount.log" 2>&1
}

# davfs2 shows a local lost+found in the root of a mount, which every `ls` of a case would list:
# the cases run in a folder /drive of the drive instead, seen through both mounts.
# await_visible DIR: DIR (made through the other mount) shows up; davfs2 caches listings briefly.
await_visible() {
  for _ in $(seq 1 60); do
    [[ -d "$1" ]] && return 0
    sleep 0.5
  done
  echo "replay.sh: $1 did not appear" >>"$work/logs/mount.log"
  return 1
}

export RINGFS_HOME="$home" RINGFS_WORK="$work" RINGFS_MNT="$work/mnt/drive" RINGFS_QMNT="$work/mnt-quorum/drive"
all_url=""
quorum_url=""
if ! { start_front all all && all_url="$front_url"; } || ! { start_front quorum quorum && quorum_url="$front_url"; } \
   || ! mount_davfs "$all_url" "$work/mnt" || ! mount_davfs "$quorum_url" "$work/mnt-quorum" \
   || ! mkdir "$RINGFS_MNT" || ! await_visible "$RINGFS_QMNT"; then
  echo "FAIL fronts and davfs2 mounts did not start:"; sed 's/^/    /' "$work/logs/mount.log" 2>/dev/null
  failed=1
  echo "0 passed, 1 failed"
  exit 1
fi
echo "replay.sh: $servers data servers; davfs2 at $RINGFS_MNT ($all_url) and $RINGFS_QMNT ($quorum_url)"

passed=0
for c in "${cases[@]}"; do
  name="$(basename "$c" .sh)"
  if [[ -n "${not_expressible[$name]:-}" ]]; then
    if [[ -n "${stand_in[$name]:-}" ]]; then
      if bash -c "source '$e2e/lib.sh'; ${stand_in[$name]}" >>"$work/logs/$name.log" 2>&1; then
        echo "NOT RUN $name: ${not_expressible[$name]} (stand-in: ${stand_in_says[$name]})"
      else
        echo "FAIL $name: its stand-in (${stand_in_says[$name]}) failed"
        tail -n 10 "$work/logs/$name.log" | sed 's/^/    /'
        failed=$((failed + 1))
      fi
    else
      echo "NOT RUN $name: ${not_expressible[$name]}"
    fi
    continue
  fi
  log="$work/logs/$name.log"
  started=$SECONDS
  if timeout -k 10 "$case_timeout" bash "$c" >"$log" 2>&1; then
    echo "PASS $name ($((SECONDS - started)) s)"
    passed=$((passed + 1))
  else
    status=$?
    ((status == 124)) && echo "timed out after $case_timeout s" >>"$log"
    echo "FAIL $name ($((SECONDS - started)) s)"
    tail -n 25 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
((failed == 0))
