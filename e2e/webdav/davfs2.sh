#!/usr/bin/env bash
# davfs2 (Debian package `davfs2`) mounts a real RingFS over WebDAV and does what a user of the
# drive does: write, list, read back (compared by sha256), copy, rename, make and remove
# folders. Exits non-zero on the first difference. Needs root (mount). Everything started here
# is stopped on exit.
#   e2e/webdav/davfs2.sh [BIG_FILE_MIB]    (default 64)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"
big_mib="${1:-64}"

command -v mount.davfs >/dev/null || { echo "davfs2.sh: davfs2 is not installed (apt-get install davfs2)" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "davfs2.sh: mounting needs root" >&2; exit 2; }

testlib_init davfs2
mnt="$work/mnt"
cluster_up --no-webdav
password="davfs-$RANDOM-$RANDOM"
printf '%s\n' "$password" | ringfs user add davfs --users "$work/users" >/dev/null
front_start davfs2 --users "$work/users"
url="$front_url"
davfs_mount "$url" "$mnt" davfs "$password"
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
davfs_remount "$url" "$mnt"
same "$work/big" "$mnt/big2"
echo "davfs2.sh: all steps passed"
