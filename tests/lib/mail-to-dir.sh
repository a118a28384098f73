#!/bin/sh
# A sendmail stand-in for ./stack's stacks: each message on standard input becomes one file
# DIR/<time>-<pid>.eml (written under a temporary name, then renamed, so a reader never sees
# half a message). Usage: mail-to-dir.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
tmp=$(mktemp "$dir/.mail.XXXXXX")
cat >"$tmp"
mv "$tmp" "$dir/$(date +%s%N)-$$.eml"
