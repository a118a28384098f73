#!/bin/sh
# Regenerates the build system: configure, Makefile.in, libtool's files.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --force --install --verbose
