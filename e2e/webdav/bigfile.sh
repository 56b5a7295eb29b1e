#!/usr/bin/env bash
# A big file (1 GiB by default) through the WebDAV drive and back, compared by sha256: in and out
# with curl (a streamed PUT and GET), then in and out through a davfs2 mount. Prints the time of
# each leg. Needs root and davfs2 for the second half. Too slow for test-all: run it by hand.
#   e2e/webdav/bigfile.sh [MIB]    (default 1024)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ringfs="$root/ringfs"
mib="${1:-1024}"

command -v mount.davfs >/dev/null || { echo "bigfile.sh: davfs2 is not installed (apt-get install davfs2)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "bigfile.sh: mounting needs root" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-bigfile.XXXXXX")"
mnt="$work/mnt"
cleanup() {
  local rc=$?
  if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" || umount -l "$mnt" || true; fi
  "$ringfs" down --dir "$work/var" >/dev/null 2>&1 || true
  ((rc == 0)) || { echo "bigfile.sh: failed; the front's log:" >&2; tail -n 30 "$work/var/webdav/server.log" >&2 2>/dev/null || true; }
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT INT TERM

# ringfs up serves the drive itself and prints its first user's password once.
"$ringfs" up --dir "$work/var" --data-servers 3 --base-port 0 --detach >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; exit 1; }
line="$(grep '^WebDAV drive: ' "$work/up.log")"
url="$(sed -n 's/^WebDAV drive: \(http[^ ]*\) .*/\1/p' <<<"$line")"
password="$(sed -n 's/.* password \([^ ]*\) .*/\1/p' <<<"$line")"
[[ -n "$url" && -n "$password" ]] || { echo "bigfile.sh: no URL and password in: $line" >&2; exit 1; }

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

# davfs2 as e2e/webdav/davfs2.sh mounts it (this machine's traps included).
chmod 755 "$work"
mkdir -p "$mnt" "$work/cache"
getent group davfs2 >/dev/null && chown root:davfs2 "$work/cache"
chmod 775 "$work/cache"
printf '%s admin %s\n' "$mnt" "$password" >"$work/secrets"
chmod 600 "$work/secrets"
cat >"$work/davfs2.conf" <<CONF
buf_size 64
ask_auth 0
delay_upload 0
use_locks 1
cache_size $((2 * mib + 64))
cache_dir $work/cache
secrets $work/secrets
CONF
mount -t davfs "$url" "$mnt" -o "conf=$work/davfs2.conf,uid=0,gid=0" </dev/null
# cp returns when davfs2 has the file in its cache; the unmount waits for the upload itself.
timed "davfs2 cp in + upload at unmount" bash -c "cp '$work/big' '$mnt/big-davfs' && umount '$mnt'"
rm -rf "$work/cache"/*
mount -t davfs "$url" "$mnt" -o "conf=$work/davfs2.conf,uid=0,gid=0" </dev/null
timed "davfs2 cp out (download into an empty cache)" cp "$mnt/big-davfs" "$work/big.davfs"
same "$work/big.davfs" "$want"
same "$mnt/big-curl" "$want"
echo "bigfile.sh: both copies came back with the same sha256"
