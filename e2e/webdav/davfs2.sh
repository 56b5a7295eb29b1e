#!/usr/bin/env bash
# davfs2 (Debian package `davfs2`) mounts a real RingFS over WebDAV and does what a user of the
# drive does: write, list, read back (compared by sha256), copy, rename, make and remove
# folders. Exits non-zero on the first difference. Needs root (mount). Everything started here
# is stopped on exit.
#   e2e/webdav/davfs2.sh [BIG_FILE_MIB]    (default 64)
# This machine's davfs2 notes: on Linux 6.16+ the default buf_size 16 mounts but every ls fails
# with EINVAL (buf_size 64 here); the cache directory must be root:davfs2 mode 775; a secrets
# file and ask_auth 0 avoid prompts; delay_upload 0 uploads at close instead of seconds later.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ringfs="$root/ringfs"
big_mib="${1:-64}"

command -v mount.davfs >/dev/null || { echo "davfs2.sh: davfs2 is not installed (apt-get install davfs2)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "davfs2.sh: mounting needs root" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/ringfs-davfs2.XXXXXX")"
mnt="$work/mnt"
front_pid=""
cleanup() {
  local rc=$?
  if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" || umount -l "$mnt" || true; fi
  if [[ -n "$front_pid" ]] && kill -0 "$front_pid" 2>/dev/null; then
    kill "$front_pid" 2>/dev/null || true
    wait "$front_pid" 2>/dev/null || true
  fi
  "$ringfs" down --dir "$work/cluster" >/dev/null 2>&1 || true
  if [[ $rc -ne 0 ]]; then
    echo "davfs2.sh: failed; the front's log:" >&2
    tail -n 40 "$work/webdav.log" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT INT TERM

"$ringfs" up --dir "$work/cluster" --base-port 0 --detach --no-webdav >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; exit 1; }
password="davfs-$RANDOM-$RANDOM"
printf '%s\n' "$password" | "$ringfs" user add davfs --users "$work/users" >/dev/null
"$ringfs" webdav --dir "$work/cluster" --users "$work/users" --listen 127.0.0.1:0 >"$work/webdav.log" 2>&1 &
front_pid=$!
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/webdav.log" | head -n1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$front_pid" 2>/dev/null || { echo "davfs2.sh: the WebDAV front exited" >&2; exit 1; }
  sleep 0.5
done
[[ -n "$url" ]] || { echo "davfs2.sh: the WebDAV front printed no URL in 60 s" >&2; exit 1; }

# mount.davfs runs as the davfs2 user: it must reach its cache through the work directory.
chmod 755 "$work"
mkdir -p "$mnt" "$work/cache"
getent group davfs2 >/dev/null && chown root:davfs2 "$work/cache"
chmod 775 "$work/cache"
printf '%s davfs %s\n' "$mnt" "$password" > "$work/secrets"
chmod 600 "$work/secrets"
cat > "$work/davfs2.conf" <<CONF
buf_size 64
ask_auth 0
delay_upload 0
use_locks 1
cache_dir $work/cache
secrets $work/secrets
CONF
mount -t davfs "$url" "$mnt" -o "conf=$work/davfs2.conf,uid=0,gid=0" </dev/null
echo "davfs2.sh: $url mounted at $mnt"

step() { echo "davfs2.sh: $*"; }
same() { [[ "$(sha256sum <"$1" | cut -d' ' -f1)" == "$(sha256sum <"$2" | cut -d' ' -f1)" ]] || { echo "davfs2.sh: $1 and $2 differ" >&2; exit 1; }; }

step "write and read back a ${big_mib} MiB file"
head -c "$((big_mib * 1024 * 1024))" /dev/urandom > "$work/big"
cp "$work/big" "$mnt/big"
same "$work/big" "$mnt/big"
curl -sf -u "davfs:$password" "${url}big" -o "$work/big.via-http"
same "$work/big" "$work/big.via-http"

step "folders, copy, rename, listing"
mkdir "$mnt/dir"
echo "hello ringfs" > "$mnt/dir/hello.txt"
cp "$mnt/dir/hello.txt" "$mnt/dir/copy.txt"
mv "$mnt/dir/copy.txt" "$mnt/dir/renamed.txt"
[[ "$(ls "$mnt/dir" | tr '\n' ' ')" == "hello.txt renamed.txt " ]] || { ls -la "$mnt/dir" >&2; exit 1; }
[[ "$(cat "$mnt/dir/renamed.txt")" == "hello ringfs" ]]

step "append and overwrite"
echo "second line" >> "$mnt/dir/hello.txt"
[[ "$(wc -l < "$mnt/dir/hello.txt")" == 2 ]]
echo "replaced" > "$mnt/dir/hello.txt"
[[ "$(cat "$mnt/dir/hello.txt")" == "replaced" ]]

step "remove"
rm "$mnt/dir/hello.txt" "$mnt/dir/renamed.txt"
rmdir "$mnt/dir"
[[ ! -e "$mnt/dir" ]]
rm "$mnt/big"

step "the same bytes after a remount (nothing only in davfs2's cache)"
cp "$work/big" "$mnt/big2"
umount "$mnt"
mount -t davfs "$url" "$mnt" -o "conf=$work/davfs2.conf,uid=0,gid=0" </dev/null
same "$work/big" "$mnt/big2"
echo "davfs2.sh: all steps passed"
