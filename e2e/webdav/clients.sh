#!/usr/bin/env bash
# Two more WebDAV clients against the drive `ringfs up` serves: rclone's webdav backend
# (`rclone copy` in and out, `rclone check`) and cadaver (mkcol, put, get, move, propset and
# propget, lock and unlock, delete), compared by sha256. Exits non-zero on the first difference.
#   e2e/webdav/clients.sh        (needs rclone and cadaver: apt-get install rclone cadaver)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"

for tool in rclone cadaver; do
  command -v "$tool" >/dev/null || { echo "clients.sh: $tool is not installed (apt-get install $tool)" >&2; exit 2; }
done

testlib_init clients
cluster_up --data-servers 3
drive_of_up
url="$drive_url"
password="$drive_password"
echo "clients.sh: drive at $url"
sha() { sha256sum <"$1" | cut -d' ' -f1; }

# ---- rclone: an on-the-fly remote (:webdav: with flags), no config file
mkdir -p "$work/tree/sub/deeper"
head -c 3000000 /dev/urandom >"$work/tree/big.bin"
echo "hello rclone" >"$work/tree/hello.txt"
echo "an é and a space" >"$work/tree/sub/with space é.txt"
head -c 70000 /dev/urandom >"$work/tree/sub/deeper/small.bin"
export RCLONE_CONFIG="$work/rclone.conf" # absent: the remote is all flags
remote=(--webdav-url "$url" --webdav-user admin --webdav-pass "$(rclone obscure "$password")" --webdav-vendor other)
rclone copy "${remote[@]}" "$work/tree" :webdav:/rclone
rclone check --download "${remote[@]}" "$work/tree" :webdav:/rclone
rclone copy "${remote[@]}" :webdav:/rclone "$work/back"
diff -r "$work/tree" "$work/back"
echo "clients.sh: rclone copy in, check, copy out: identical"

# ---- cadaver: credentials from ~/.netrc, commands on stdin
printf 'machine 127.0.0.1 login admin password %s\n' "$password" >"$work/.netrc"
chmod 600 "$work/.netrc"
echo "cadaver put this" >"$work/cadaver.txt"
out="$(cd "$work" && HOME="$work" cadaver "$url" <<CMDS 2>&1
mkcol cad
put cadaver.txt cad/file.txt
propset cad/file.txt color blue
propget cad/file.txt color
lock cad/file.txt
unlock cad/file.txt
move cad/file.txt cad/moved.txt
get cad/moved.txt cadaver.back
ls cad
delete cad/moved.txt
rmcol cad
quit
CMDS
)"
echo "$out" | sed 's/^/    cadaver: /'
if grep -qi 'failed\|error\|not allowed\|unauthori' <<<"$out"; then
  echo "clients.sh: a cadaver command failed" >&2
  exit 1
fi
grep -q 'blue' <<<"$out" || { echo "clients.sh: cadaver did not read back the property" >&2; exit 1; }
[[ "$(sha "$work/cadaver.back")" == "$(sha "$work/cadaver.txt")" ]] || { echo "clients.sh: cadaver's get differs" >&2; exit 1; }
echo "clients.sh: cadaver mkcol, put, propset/propget, lock/unlock, move, get, delete: ok"
