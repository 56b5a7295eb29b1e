#!/usr/bin/env bash
# What e2e/test-all.sh needs on a Debian machine, in one place: a JDK and Maven (to build), fuse and
# libfuse2 (the FUSE mounts), attr (setfattr in the seed's cases), litmus, davfs2, rclone and cadaver
# (the WebDAV stages), chromium and chromium-driver (RealBrowserTest drives the drive's pages in a
# real browser). Run as root, it installs what is missing (apt-get update once, then one install);
# otherwise it prints the one command that would and fails. Nothing missing: it does nothing.
# Called by test-all.sh; can be run alone.
set -uo pipefail

need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v fusermount >/dev/null 2>&1 || need+=(fuse)
dpkg -s libfuse2 >/dev/null 2>&1 || need+=(libfuse2)
command -v setfattr >/dev/null 2>&1 || need+=(attr)
command -v litmus >/dev/null 2>&1 || need+=(litmus)
command -v mount.davfs >/dev/null 2>&1 || need+=(davfs2)
command -v rclone >/dev/null 2>&1 || need+=(rclone)
command -v cadaver >/dev/null 2>&1 || need+=(cadaver)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0

install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${need[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "setup: the tests need ${need[*]}, which are not installed. As root, run:" >&2
  echo "  $install" >&2
  exit 1
fi
echo "setup: installing ${need[*]}"
apt-get update -qq || { echo "setup: apt-get update failed" >&2; exit 1; }
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
  || { echo "setup: installing ${need[*]} failed; run: $install" >&2; exit 1; }
