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
source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"

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
  [42-meta-master-killed-mid-copy]="a copy onto the drive that the meta master's kill interrupts: davfs2 writes into its cache and uploads only after close(2) returns, so the kill never lands mid-copy at the drive, and its cmp reads the cache"
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

select_cases "${only[@]}" || { echo "replay.sh: no case matches ${only[*]}" >&2; exit 2; }
"$testlib_launcher" --version >/dev/null || { echo "replay.sh: ./ringfs does not start" >&2; exit 1; }
export RINGFS_LAUNCHER="$testlib_launcher"

testlib_init replay
$keep && keep_work
export RINGFS_HOME="$testlib_home" RINGFS_WORK="$work" RINGFS_MNT="$work/mnt/drive" RINGFS_QMNT="$work/mnt-quorum/drive"

# The fronts are started here, one per write policy: up's own front is not needed.
cluster_up --data-servers "$servers" --block-size 262144 --allow-fault-injection --no-webdav \
  || { echo "FAIL the cluster did not start"; echo "0 passed, 1 failed"; exit 1; }
password="replay-$RANDOM-$RANDOM-$RANDOM"
printf '%s\n' "$password" | ringfs user add replay --users "$work/users" >/dev/null

# davfs2 shows a local lost+found in the root of a mount, which every `ls` of a case would list:
# the cases run in a folder /drive of the drive instead, seen through both mounts.
# await_visible DIR: DIR (made through the other mount) shows up; davfs2 caches listings briefly.
await_visible() {
  for _ in $(seq 1 60); do
    [[ -d "$1" ]] && return 0
    sleep 0.5
  done
  echo "replay.sh: $1 did not appear" >&2
  return 1
}

if ! { front_start all --users "$work/users" --write-policy all && all_url="$front_url"; } \
   || ! { front_start quorum --users "$work/users" --write-policy quorum && quorum_url="$front_url"; } \
   || ! davfs_mount "$all_url" "$work/mnt" replay "$password" "gui_optimize 0" \
   || ! davfs_mount "$quorum_url" "$work/mnt-quorum" replay "$password" "gui_optimize 0" \
   || ! mkdir "$RINGFS_MNT" || ! await_visible "$RINGFS_QMNT"; then
  echo "FAIL fronts and davfs2 mounts did not start"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "replay.sh: $servers data servers; davfs2 at $RINGFS_MNT ($all_url) and $RINGFS_QMNT ($quorum_url)"

passed=0
failed=0
for c in "${cases[@]}"; do
  name="$(basename "$c" .sh)"
  if [[ -n "${not_expressible[$name]:-}" ]]; then
    if [[ -n "${stand_in[$name]:-}" ]]; then
      if bash -c "source '$testlib_e2e/lib.sh'; ${stand_in[$name]}" >>"$work/logs/$name.log" 2>&1; then
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
  if run_case "$c"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "$passed passed, $failed failed"
((failed == 0))
