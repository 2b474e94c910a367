#!/usr/bin/env bash
# Runs every test of Return Desk on a Debian machine, installing what it needs first.
# `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_rust
# A test run builds from scratch once: incremental caches would only add ~2.5 GB to a CI disk.
export CARGO_INCREMENTAL=0
# free_space: what is left on the disk that holds the build (logged at each stage, so a full disk
# is seen for what it is).
free_space() { df -Ph "$PWD" | awk 'NR == 2 { print $4 " free on " $6 }'; }
# jq for scripts; poppler-utils (pdftotext, pdffonts, pdftoppm) and zbar-tools (zbarimg) read the
# printed slips back; openssl makes the CAs and certificates of the PostgreSQL TLS test; sqlite3
# reads the desk's database in end-to-end tests; WebKitGTK and GTK build the desktop app; Xvfb,
# xdotool and ImageMagick run and photograph its real window; Debian's Chromium runs the web UI
# for Playwright, with the UI's own font (Noto Sans).
ensure_apt_packages jq poppler-utils zbar-tools sqlite3 openssl \
  libwebkit2gtk-4.1-dev libgtk-3-dev xvfb xauth xdotool imagemagick chromium fonts-noto-core
command -v node >/dev/null 2>&1 || ensure_apt_packages nodejs npm
log "CUPS with the ReturnDeskPDF virtual printer"
sh scripts/setup-cups.sh >/dev/null

# A throwaway PostgreSQL for the store tests, unless TEST_DATABASE_URL names one.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  eval "$(bash scripts/throwaway-postgres.sh)"
  trap 'bash scripts/throwaway-postgres.sh stop "$THROWAWAY_PG_DIR" || true' EXIT
fi
export TEST_DATABASE_URL

log "web UI: install, type-check, unit tests, build"
(cd ui && npm ci --no-audit --no-fund && npm run check && npm test && npm run build)

log "engine and store: unit, conformance, invalid-case, property, SQLite + PostgreSQL story, race and crash tests (and each benchmark once)"
cargo test --all-targets --locked
log "disk after the engine's tests: $(free_space)"
# Each tests/*.rs is its own executable (~160 MB with line tables, ~8 GB in all). They have run;
# when the disk is short (under 12 GB left), they are removed before the desktop build, the
# package (which installs into /usr) and Playwright need the space. A later run relinks them.
if [ "$(df -Pk "$PWD" | awk 'NR == 2 { print int($4 / 1048576) }')" -lt 12 ]; then
  cargo test --all-targets --locked --no-run --message-format=json 2>/dev/null \
    | jq -r 'select(.reason == "compiler-artifact" and .profile.test == true and .executable != null) | .executable' \
    | while read -r exe; do rm -f "$exe"; done
  log "removed the engine's test executables: $(free_space)"
fi

log "desktop app: build and its own tests"
cargo test --locked -p returndesk-desk
cargo build --locked -p returndesk-desk

log "desktop app under Xvfb: sign in and look up a receipt in the real window"
bash scripts/test-desktop.sh

log "the installable package: build the .deb, install it, run returndesk --version and the window from it, remove it"
log "disk before the package: $(free_space)"
bash scripts/test-package.sh

log "the whole desk flow in Chromium (Playwright) against returndesk serve"
bash scripts/e2e.sh
