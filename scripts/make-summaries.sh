#!/usr/bin/env bash
# Makes the DOCX and PDF sample summaries of corpus/summaries from their Markdown in scripts/summaries,
# with LibreOffice (Debian: libreoffice-writer-nogui, fonts-wqy-zenhei). The outputs are committed; run this
# again only to remake them. Which format each summary ships in is set below.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/corpus/summaries"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A format=([S01.zh]=docx [S02.en]=pdf [S04.zh]=pdf [S05.en]=docx)
for name in "${!format[@]}"; do
  python3 "$here/scripts/md2html.py" "$here/scripts/summaries/$name.md" > "$work/$name.html"
  soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/$name.html" >/dev/null
  if [ "${format[$name]}" = pdf ]; then
    soffice --headless --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null
  fi
  cp "$work/$name.${format[$name]}" "$out/$name.${format[$name]}"
done
ls -l "$out"
