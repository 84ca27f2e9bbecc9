#!/bin/sh
# Builds the ICU 54 compatibility libraries that let couchbase-lite-java 3.0.0's libLiteCore.so load on a
# system with a newer ICU (see icu54_shim.c). Needs a C compiler and the ICU headers (Debian: gcc, libicu-dev).
# Usage: build.sh OUTDIR   -> OUTDIR/libicuuc.so.54, OUTDIR/libicui18n.so.54, OUTDIR/libicudata.so.54
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
src=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}
mkdir -p "$out"

# The eight forwards, under the soname LiteCore asks for first.
"$cc" -shared -fPIC -O2 -Wall -Wextra -Werror -fvisibility=hidden \
  -Wl,-soname,libicuuc.so.54 -Wl,--no-as-needed -Wl,--no-undefined \
  -o "$out/libicuuc.so.54" "$src/icu54_shim.c" -licui18n -licuuc

# LiteCore also names these two sonames but imports nothing from them: empty libraries satisfy the loader.
for lib in libicui18n.so.54 libicudata.so.54; do
  "$cc" -shared -fPIC -x c -Wl,-soname,"$lib" -o "$out/$lib" /dev/null
done
