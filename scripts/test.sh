#!/usr/bin/env bash
# Runs every test of Return Desk on a Debian machine, installing what it needs first.
# `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_rust
# jq for scripts; poppler-utils (pdftotext, pdffonts, pdftoppm) and zbar-tools (zbarimg) read the
# printed slips back; CUPS with a cups-pdf printer receives the test prints.
ensure_apt_packages jq poppler-utils zbar-tools
log "CUPS with the ReturnDeskPDF virtual printer"
sh scripts/setup-cups.sh >/dev/null

# A throwaway PostgreSQL for the store tests, unless TEST_DATABASE_URL names one.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  eval "$(bash scripts/throwaway-postgres.sh)"
  trap 'bash scripts/throwaway-postgres.sh stop "$THROWAWAY_PG_DIR" || true' EXIT
fi
export TEST_DATABASE_URL

log "engine and store: unit, conformance, invalid-case, property, SQLite + PostgreSQL story, race and crash tests (and each benchmark once)"
cargo test --all-targets --locked
