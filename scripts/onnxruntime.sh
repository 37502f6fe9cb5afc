#!/usr/bin/env bash
# Installs the onnxruntime shared library (Linux x64) that Quire's neural
# package loads. The library comes from the npm registry: the
# onnxruntime-node package ships a prebuilt libonnxruntime.so.1.
#
#   scripts/onnxruntime.sh [DEST]
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/quire/onnxruntime/1.24.3/,
# where Quire looks for it. Idempotent: a library already in DEST whose
# sha256 matches is left alone. Needs npm and the npm registry; nothing else.
#
# macOS and Windows: take lib/ from the microsoft/onnxruntime release
# archive (onnxruntime-osx-arm64-<v>.tgz, onnxruntime-win-x64-<v>.zip) and
# point QUIRE_ORT_LIB at the library, or put it in <models>/lib/.
set -euo pipefail

ORT_VERSION=1.24.3
LIB=libonnxruntime.so.1
# sha256 of package/bin/napi-v6/linux/x64/libonnxruntime.so.1 in
# onnxruntime-node@1.24.3 as served by the npm registry.
LIB_SHA256=92ba8e44d31b80a34f5e805076a044122c3be1fffe0d88ed790de7267b0b2682

dest=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/quire/onnxruntime/$ORT_VERSION}

sha() { sha256sum "$1" | cut -d' ' -f1; }

case "$(uname -s)-$(uname -m)" in
Linux-x86_64) ;;
*)
	echo "onnxruntime.sh: only Linux x64 is fetched here; for $(uname -s)-$(uname -m) get lib/ from" >&2
	echo "  https://github.com/microsoft/onnxruntime/releases (v$ORT_VERSION) and set QUIRE_ORT_LIB" >&2
	exit 1
	;;
esac

if [ -f "$dest/$LIB" ]; then
	got=$(sha "$dest/$LIB")
	if [ "$got" = "$LIB_SHA256" ]; then
		echo "onnxruntime $ORT_VERSION present: $dest/$LIB sha256 $got"
		exit 0
	fi
	echo "onnxruntime.sh: $dest/$LIB has sha256 $got, want $LIB_SHA256; replacing" >&2
fi

command -v npm >/dev/null || {
	echo "onnxruntime.sh: npm is needed (apt-get install npm)" >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
tar -xzf "$tmp/onnxruntime-node-$ORT_VERSION.tgz" -C "$tmp" "package/bin/napi-v6/linux/x64/$LIB"
src="$tmp/package/bin/napi-v6/linux/x64/$LIB"
got=$(sha "$src")
if [ "$got" != "$LIB_SHA256" ]; then
	echo "onnxruntime.sh: downloaded $LIB has sha256 $got, want $LIB_SHA256" >&2
	exit 1
fi
mkdir -p "$dest"
# Install atomically so a concurrent reader never sees a partial file.
cp "$src" "$dest/.$LIB.tmp"
chmod 0644 "$dest/.$LIB.tmp"
mv -f "$dest/.$LIB.tmp" "$dest/$LIB"
echo "onnxruntime $ORT_VERSION installed: $dest/$LIB sha256 $got"
