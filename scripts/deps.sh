#!/usr/bin/env bash
# Installs the system packages Quire needs on Debian/Ubuntu: a C compiler
# and the OpenGL/X11 headers for Fyne. With --test it adds what the tests
# use: Xvfb for the window tests and ImageMagick for their screenshots,
# poppler-utils as the text-extraction reference, and Tesseract's German,
# French and Spanish data. With --bench it adds
# those and r-doc-pdf: the R manuals, real PDFs up to 2,415 pages, which
# `quire bench ingest` uses to show how memory follows a document's
# length. As root it installs them; otherwise it prints the apt line to
# run. Then it installs the onnxruntime shared library from the npm
# registry.
set -euo pipefail
# Tesseract reads scanned pages (OCR); without it they wait, and the
# window says so.
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev tesseract-ocr tesseract-ocr-eng)
case "${1:-}" in
--test) pkgs+=(xvfb xauth imagemagick poppler-utils tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa) ;;
--bench) pkgs+=(xvfb xauth imagemagick poppler-utils r-doc-pdf) ;;
esac
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches the onnxruntime library (scripts/onnxruntime.sh); any npm will do.
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "Quire needs: ${missing[*]}" >&2
		echo "Run: sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >/dev/null
fi
"$(dirname "$0")/onnxruntime.sh" >&2
