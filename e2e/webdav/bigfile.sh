#!/usr/bin/env bash
# A big file (1 GiB by default) through the WebDAV drive and back, compared by sha256: in and out
# with curl (a streamed PUT and GET), then in and out through a davfs2 mount. Prints the time of
# each leg. Needs root and davfs2 for the second half. Too slow for test-all: run it by hand.
#   e2e/webdav/bigfile.sh [MIB]    (default 1024)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"
mib="${1:-1024}"

command -v mount.davfs >/dev/null || { echo "bigfile.sh: davfs2 is not installed (apt-get install davfs2)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "bigfile.sh: mounting needs root" >&2; exit 2; }

testlib_init bigfile
mnt="$work/mnt"
# ringfs up serves the drive itself and prints its first user's password once.
cluster_up --data-servers 3
drive_of_up
url="$drive_url"
password="$drive_password"

timed() {
  local what="$1" start=$SECONDS
  shift
  "$@"
  local s=$((SECONDS - start))
  echo "bigfile.sh: $what: ${s} s ($((mib / (s > 0 ? s : 1))) MiB/s)"
}
sha() { sha256sum <"$1" | cut -d' ' -f1; }
same() { [[ "$(sha "$1")" == "$2" ]] || { echo "bigfile.sh: $1 does not match (sha256)" >&2; exit 1; }; }

head -c "$((mib * 1024 * 1024))" /dev/urandom >"$work/big"
want="$(sha "$work/big")"
echo "bigfile.sh: $mib MiB, sha256 $want, drive at $url"

timed "curl PUT" curl -sSf -u "admin:$password" -T "$work/big" "${url}big-curl"
timed "curl GET" curl -sSf -u "admin:$password" -o "$work/big.curl" "${url}big-curl"
same "$work/big.curl" "$want"
rm -f "$work/big.curl"

davfs_mount "$url" "$mnt" admin "$password" "cache_size $((2 * mib + 64))"
# cp returns when davfs2 has the file in its cache; the unmount waits for the upload itself.
timed "davfs2 cp in + upload at unmount" bash -c "cp '$work/big' '$mnt/big-davfs' && umount '$mnt'"
rm -rf "$mnt.cache"/*
davfs_remount "$url" "$mnt"
timed "davfs2 cp out (download into an empty cache)" cp "$mnt/big-davfs" "$work/big.davfs"
same "$work/big.davfs" "$want"
same "$mnt/big-curl" "$want"
echo "bigfile.sh: both copies came back with the same sha256"
