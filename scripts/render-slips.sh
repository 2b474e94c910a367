#!/usr/bin/env bash
# Renders the sample documents (slip::sample) to PDF with the real renderer and turns each page
# into a PNG in docs/slips/ (100 dpi), to look at the layouts: every document on the 80 mm roll
# and on A4, the return slip in all four languages.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/slips}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --bin returndesk -- slip-samples "$work"
mkdir -p "$out"
for pdf in "$work"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 100 -png "$pdf" "$out/$name"
done
ls "$out"
