#!/usr/bin/env sh
# Renders the extension icon (media/icon.png, 128×128) from icon.svg. Not part of the build: the PNG is committed.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -eu
cd "$(dirname "$0")"
rsvg-convert -w 128 -h 128 icon.svg -o ../../media/icon.png
