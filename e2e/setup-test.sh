#!/usr/bin/env bash
# Tests e2e/setup.sh against stand-ins: a PATH holding only the commands a case says are installed,
# and fake id, dpkg and apt-get that record what they were asked. Prints one line per case; exits 1
# if any case failed. Touches nothing outside its temporary directory.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# run_case NAME UID "installed commands" "installed packages" -> sets out, rc, calls
run_case() {
  local bin=$work/$1/bin
  mkdir -p "$bin"
  local c
  for c in $3; do printf '#!/bin/sh\nexit 0\n' >"$bin/$c"; done
  printf '#!/bin/sh\necho %s\n' "$2" >"$bin/id"
  # dpkg -s PKG succeeds for the packages the case lists as installed.
  printf '#!/bin/sh\ncase " %s " in *" $2 "*) exit 0;; esac\nexit 1\n' "$4" >"$bin/dpkg"
  printf '#!/bin/sh\necho "apt-get $*" >>"%s"\nexit 0\n' "$work/$1/calls" >"$bin/apt-get"
  chmod +x "$bin"/*
  : >"$work/$1/calls"
  out=$(PATH=$bin /bin/bash "$here/setup.sh" 2>&1)
  rc=$?
  calls=$(cat "$work/$1/calls")
}

check() {
  if eval "$2"; then
    echo "ok: $1"
  else
    echo "FAILED: $1 (exit $rc)"; echo "  output: $out"; echo "  apt-get calls: $calls"
    failures=$((failures + 1))
  fi
}

all="javac mvn fusermount setfattr litmus mount.davfs rclone cadaver chromium chromedriver"

run_case complete 0 "$all" "libfuse2"
check "nothing missing: no apt-get, exit 0" '[ $rc -eq 0 ] && [ -z "$calls" ] && [ -z "$out" ]'

run_case root 0 "javac mvn setfattr rclone cadaver chromium" ""
check "root: update once, then one install of what is missing" \
  '[ $rc -eq 0 ] && [ "$calls" = "apt-get update -qq
apt-get install -y -qq fuse libfuse2 litmus davfs2 chromium-driver" ]'

run_case nobrowser 0 "javac mvn fusermount setfattr litmus mount.davfs rclone cadaver" "libfuse2"
check "no browser: installs chromium and its driver" \
  '[ $rc -eq 0 ] && [[ $calls == *"install -y -qq chromium chromium-driver" ]]'

run_case user 1000 "javac mvn fusermount setfattr mount.davfs rclone cadaver chromium chromedriver" "libfuse2"
check "not root: prints the one command, installs nothing, fails" \
  '[ $rc -eq 1 ] && [ -z "$calls" ] && [[ $out == *"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y litmus"* ]]'

run_case nojava 0 "fusermount setfattr litmus mount.davfs rclone cadaver chromium chromedriver" "libfuse2"
check "no JDK or Maven: installs them too" \
  '[ $rc -eq 0 ] && [[ $calls == *"install -y -qq openjdk-17-jdk-headless maven" ]]'

run_case noclients 0 "javac mvn fusermount setfattr litmus mount.davfs chromium chromedriver" "libfuse2"
check "no rclone or cadaver: installs them (the WebDAV clients stage)" \
  '[ $rc -eq 0 ] && [[ $calls == *"install -y -qq rclone cadaver" ]]'

[ $failures -eq 0 ] || exit 1
