#!/usr/bin/env bash
# e2e/hostile/fuse.sh [--keep]
#
# Hostile names and races over a real FUSE mount of a fresh local cluster (3 data servers):
# names over 255 bytes (ENAMETOOLONG), a 4,095-byte path (PATH_MAX), a tree deeper than PATH_MAX
# reached from inside (works up to the mount's 64 KiB bound, then ENAMETOOLONG), names with newlines
# and tabs (kept) and other control characters (refused: EINVAL), invalid UTF-8 (refused: EINVAL),
# NFC and NFD spellings (two names), rename/unlink races from several processes, including
# directories renamed into each other, files unlinked or renamed over while other processes read,
# write and fstat them, concurrent appenders (every line once and whole), and a file left open
# committed by the mount's background commit (read by the CLI meanwhile). Needs python3.
# Afterwards the files stored first read back byte-identical, fsck is clean and every server is
# alive. Prints PASS/FAIL per check; exits 0 only when all pass. Needs fuse and libfuse2.
# RINGFS_LAUNCHER may name another launcher than ./ringfs (e.g. one that does not rebuild).
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../testlib.sh"
testlib_init hostile-fuse
[[ "${1:-}" == "--keep" ]] && keep_work
mnt="$work/mnt"
ref="$work/ref"
failed=0
mkdir -p "$ref"

# check NAME FUNCTION: runs FUNCTION in a subshell that stops at the first failing command.
check() {
  local name="$1" log="$work/$1.log"
  if (set -e; cd "$mnt"; "$2") > "$log" 2>&1; then
    echo "PASS $name"
  else
    echo "FAIL $name"
    tail -n 20 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

# refused ERRNO-TEXT CMD...: CMD fails, and says ERRNO-TEXT (e.g. "File name too long").
refused() {
  local text="$1" out
  shift
  if out="$("$@" 2>&1)"; then echo "\`$*\` succeeded; expected: $text"; return 1; fi
  [[ "$out" == *"$text"* ]] || { echo "\`$*\` failed otherwise: $out (expected: $text)"; return 1; }
}

repeat() { printf "%${2}s" "" | sed "s/ /$1/g"; }

long_names() {
  local n255 n256 e127 e128
  n255="$(repeat n 255)"; n256="$(repeat n 256)"
  echo ok > "$n255"
  [[ "$(cat "$n255")" == ok ]]
  refused "File name too long" touch "$n256"
  refused "File name too long" mkdir "$n256"
  refused "File name too long" mv "$n255" "$n256"
  # Bytes count, not characters: é is two bytes of UTF-8.
  e127="$(repeat é 127)x"; e128="$(repeat é 128)"
  echo ok > "$e127"
  refused "File name too long" touch "$e128"
  rm "$n255" "$e127"
  [[ -z "$(ls -A)" || "$(ls -A)" == kept ]]
}

path_max() {
  # 16 names of 255 bytes: 4,095 bytes, the longest path one system call takes, given relative to a
  # directory below the mount, so the mount sees a longer one (/pm/... is 4,099 bytes from its root).
  local n p
  n="$(repeat p 255)"
  p="$n"; for _ in $(seq 15); do p="$p/$n"; done
  ((${#p} == 4095))
  mkdir pm && cd pm
  mkdir -p "${p%/*}"
  echo deepest > "$p"
  [[ "$(cat "$p")" == deepest ]]
  [[ "$(ls "${p%/*}")" == "$n" ]]
  mv "$p" "${p%/*}/moved" && [[ "$(cat "${p%/*}/moved")" == deepest ]]
  cd ..
  rm -r pm
  [[ ! -e pm ]]
}

deep_tree() {
  # Levels of 255-byte names, each entered by a relative name as a deep working directory allows:
  # the mount sees paths from its root, so /deep and 255 levels (65,285 bytes) is the deepest its
  # 64 KiB bound takes; the next mkdir is ENAMETOOLONG, and the tree still reads and goes.
  python3 - << 'PY'
import errno, os
name = 'd' * 255
os.mkdir('deep'); os.chdir('deep')
depth = 0
while depth < 300:
    try:
        os.mkdir(name)
    except OSError as e:
        assert e.errno == errno.ENAMETOOLONG, e
        break
    os.chdir(name)
    depth += 1
print('reached depth', depth)
assert depth == 255, depth
with open('leaf.txt', 'w') as f: f.write('leaf')
assert open('leaf.txt').read() == 'leaf'
PY
  timeout 120 rm -rf deep
  [[ ! -e deep ]]
}

odd_characters() {
  local names=($'line1\nline2' $'tab\there' ' lead space' 'trail space ' '-dash' $'del\x7f' '*?[glob]' 'back\slash' '%2e%2e' '..dots..')
  mkdir odd
  for n in "${names[@]}"; do printf '%s' "$n" > "odd/$n"; done
  [[ "$(find odd -mindepth 1 -print0 | tr -cd '\0' | wc -c)" -eq "${#names[@]}" ]]
  for n in "${names[@]}"; do [[ "$(cat "odd/$n")" == "$n" ]] || { echo "contents of '$n'"; return 1; }; done
  # XML-RPC carries no other control character unchanged (its parser turns CR into LF): refused,
  # so that a\rb never becomes a second name for a\nb.
  refused "Invalid argument" touch $'odd/ctrl\x01'
  refused "Invalid argument" touch $'odd/line1\rline2'
  refused "Invalid argument" mkdir $'odd/esc\x1b[31m'
  rm -rf odd
}

invalid_utf8() {
  mkdir utf
  refused "Invalid argument" touch $'utf/\xff'
  refused "Invalid argument" touch $'utf/\xfe'
  refused "Invalid argument" mkdir $'utf/bad\xc3'
  refused "Invalid argument" touch $'utf/\xed\xa0\x80surrogate'
  refused "Invalid argument" touch $'utf/\xc0\xaeoverlong'
  [[ -z "$(ls -A utf)" ]]
  # U+FFFD itself stands for invalid bytes, so it is refused too: no two names can become one.
  refused "Invalid argument" touch $'utf/\xef\xbf\xbd'
  rmdir utf
}

normalization() {
  mkdir nf
  printf nfc > $'nf/caf\xc3\xa9'
  printf nfd > $'nf/cafe\xcc\x81'
  [[ "$(ls -A nf | wc -l)" -eq 2 ]]
  [[ "$(cat $'nf/caf\xc3\xa9')" == nfc && "$(cat $'nf/cafe\xcc\x81')" == nfd ]]
  mv $'nf/caf\xc3\xa9' nf/renamed
  [[ "$(cat $'nf/cafe\xcc\x81')" == nfd && "$(cat nf/renamed)" == nfc ]]
  rm -rf nf
}

# Six processes create, rename over one target and unlink it; two more rename two directories
# into each other. Losing a race is fine (ENOENT, EEXIST, ENOTEMPTY, EINVAL); hanging, a cycle
# or a broken tree is not.
races() {
  mkdir -p race/x race/y
  local pids=() k
  for k in 1 2 3 4 5 6; do
    bash -c '
      for i in $(seq 60); do
        echo "$0.$i" > "race/p$0.$i" && mv -f "race/p$0.$i" race/target 2> /dev/null || true
        rm -f race/target
        mkdir "race/d$0" 2> /dev/null && { mv -T "race/d$0" race/dd 2> /dev/null || rmdir "race/d$0"; }
        rmdir race/dd 2> /dev/null || true
      done' "$k" &
    pids+=($!)
  done
  bash -c 'for i in $(seq 40); do mv race/x race/y/ 2> /dev/null; mv race/y/x race/ 2> /dev/null; done; true' &
  pids+=($!)
  bash -c 'for i in $(seq 40); do mv race/y race/x/ 2> /dev/null; mv race/x/y race/ 2> /dev/null; done; true' &
  pids+=($!)
  for p in "${pids[@]}"; do wait "$p"; done
  timeout 30 find race > "$work/race.find"
  echo "left: $(tr '\n' ' ' < "$work/race.find")"
  # x and y are both still somewhere, neither inside itself.
  [[ "$(grep -c -E '/x$' "$work/race.find")" -eq 1 && "$(grep -c -E '/y$' "$work/race.find")" -eq 1 ]]
  ! grep -q -E '/x/.*/x$|/y/.*/y$' "$work/race.find"
  ! ls race | grep -q '^p'
  timeout 30 rm -rf race
  [[ ! -e race ]]
}

# Four processes each write a file, open it, and while they read it through the descriptor another
# process unlinks it or renames a new file over it; then they fstat, write through the descriptor
# and read everything back from it. The bytes stay the open inode's (fstat: its size, no links; the
# directory never lists libfuse's .fuse_hidden name for it); the name gets the new file.
open_unlink_races() {
  mkdir ou
  python3 - << 'PY'
import os
def worker(k):
    for i in range(12):
        data = bytes([65 + k]) * (70000 + 997 * i)
        p = 'ou/f%d' % k
        with open(p, 'wb') as f: f.write(data)
        fd = os.open(p, os.O_RDWR)
        pid = os.fork()
        if pid == 0:
            if i % 2:
                os.unlink(p)
            else:
                with open(p + '.new', 'wb') as f: f.write(b'new')
                os.rename(p + '.new', p)
            os._exit(0)
        got = os.pread(fd, len(data) + 10, 0)
        assert os.waitpid(pid, 0)[1] == 0
        st = os.fstat(fd)
        assert (st.st_size, st.st_nlink) == (len(data), 0), (k, i, st)
        hidden = [n for n in os.listdir('ou') if n.startswith('.fuse_hidden')]
        assert not hidden, (k, i, hidden)
        os.pwrite(fd, b'tail', len(data))
        os.fsync(fd)
        assert os.fstat(fd).st_size == len(data) + 4, (k, i)
        back = os.pread(fd, len(data) + 10, 0)
        os.close(fd)
        assert got == data, (k, i, len(got))
        assert back == data + b'tail', (k, i, len(back))
        if i % 2 == 0:
            assert open(p, 'rb').read() == b'new'
            os.unlink(p)
        else:
            assert not os.path.exists(p)
pids = []
for k in range(4):
    pid = os.fork()
    if pid == 0:
        try:
            worker(k); os._exit(0)
        except BaseException as e:
            print('worker', k, repr(e)); os._exit(1)
    pids.append(pid)
assert all(os.waitpid(p, 0)[1] == 0 for p in pids)
assert os.listdir('ou') == [], os.listdir('ou')
PY
  rmdir ou
}

# Six shell processes append lines with >> (O_APPEND) to one file while a seventh reads it: every
# line lands once and whole.
append_races() {
  local pids=() k
  : > appended
  for k in 1 2 3 4 5 6; do
    bash -c 'for i in $(seq 100); do printf "writer %s line %03d %s\n" "$0" "$i" "................................" >> appended; done' "$k" &
    pids+=($!)
  done
  bash -c 'for i in $(seq 30); do cat appended > /dev/null; done' &
  pids+=($!)
  for p in "${pids[@]}"; do wait "$p"; done
  echo "lines: $(wc -l < appended), distinct: $(sort -u appended | wc -l)"
  [[ "$(wc -l < appended)" -eq 600 && "$(sort -u appended | wc -l)" -eq 600 ]]
  [[ "$(grep -c -E '^writer [1-6] line [0-9]{3} \.{32}$' appended)" -eq 600 ]]
  rm appended
}

# A file written once and left open (no close, no fsync, no other write) is committed by the mount's
# background commit (--commit-open-after, 5 s): the CLI, another client, reads it whole while the
# writer still holds it open (before that commit the CLI read 0 bytes until the close).
open_file_commit() {
  python3 -c "
import os, time
fd = os.open('left-open', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b'still open\\n' * 1000)
time.sleep(90)
" &
  local writer=$! got=0 until=$((SECONDS + 25))
  while ((SECONDS < until)); do
    got="$(ringfs get --dir var /left-open - 2> /dev/null | wc -c)"
    ((got == 11000)) && break
    sleep 0.5
  done
  kill "$writer"; wait "$writer" 2> /dev/null || true
  echo "the CLI read $got bytes of the open file"
  ((got == 11000))
  rm left-open
}

echo "== hostile FUSE checks in $work"
if ! cluster_up --data-servers 3 --block-size 65536 --no-webdav \
   || ! on_exit fuse_unmount "$mnt" \
   || ! ringfs mount --dir var --wait 60 --pid-file "$mnt.pid" "$mnt" --detach >>"$work/logs/up.log" 2>&1; then
  echo "FAIL cluster and mount did not start:"
  sed 's/^/    /' "$work/logs/up.log"
  exit 1
fi

head -c 3000000 /dev/urandom > "$ref/big"
head -c 777 /dev/urandom > "$ref/small"
mkdir "$mnt/kept" && cp "$ref/big" "$ref/small" "$mnt/kept/"

check long-names long_names
check path-max path_max
check deep-tree deep_tree
check odd-characters odd_characters
check invalid-utf8 invalid_utf8
check nfc-nfd normalization
check rename-unlink-races races
check open-unlink-races open_unlink_races
check append-races append_races
check open-file-commit open_file_commit

stored_intact() {
  cmp "$ref/big" kept/big && cmp "$ref/small" kept/small
  ringfs fsck --dir var | tail -n 1 | grep -qx clean
  ringfs status --dir var | grep -q "3 of 3 data servers alive"
}
check stored-files-fsck-servers stored_intact

echo "$((11 - failed)) passed, $failed failed"
((failed == 0))
