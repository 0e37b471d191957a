#!/usr/bin/env bash
# Makes the DOCX and PDF fixtures of the tests from the seed notes' text, with LibreOffice
# (Debian: libreoffice-writer-nogui, fonts-wqy-zenhei for the Chinese glyphs). The fixtures are committed;
# run this again only to remake them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seeds="$here/../shared/seeds"
out="$here/tests/fixtures/notes"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for seed in 000 003 004; do
  src=$(ls "$seeds/${seed}_"*.txt)
  cp "$src" "$work/$seed.txt"
  soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to docx --outdir "$work" "$work/$seed.txt" >/dev/null
  soffice --headless --convert-to pdf --outdir "$work" "$work/$seed.docx" >/dev/null
  cp "$work/$seed.docx" "$out/$seed.docx"
  cp "$work/$seed.pdf" "$out/$seed.pdf"
done
ls -l "$out"
