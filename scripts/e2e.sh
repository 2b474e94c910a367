#!/usr/bin/env bash
# End-to-end test of the desk: the built web UI in headless Debian Chromium (playwright-core, no
# browser download) against the REAL `returndesk serve` on a fresh SQLite database seeded with the
# real CLI from tests/fixtures/e2e/. Each step checks the screen and what the database holds.
#
#   scripts/e2e.sh              # runs ui/e2e/desk, queue, claims, repairs, vouchers, exchanges, noreceipt, words, counter, endofday, feedback, errors, reports and paper .e2e.mjs on the seeded database, then
#                               # ui/e2e/people.e2e.mjs on an EMPTY one (the first run: set-up);
#                               # last line: "N passed, M failed" (both together)
#   scripts/e2e.sh --screens    # same server, runs scripts/ui-screens.mjs (docs/screens/) instead
#   scripts/e2e.sh --shell      # same server, prints its URL and DB and waits (Ctrl+C stops it)
#   --empty after --screens/--shell: the server starts on an empty database (nothing seeded)
#
# Env: RETURNDESK_NOW (default 2026-10-11T10:00:00, the conformance cases' "now"), CHROMIUM
# (default /usr/bin/chromium), E2E_SKIP_BUILD=1 uses target/debug/returndesk as it is (under
# CARGO_TARGET_DIR when set), E2E_KEEP=1 keeps the temp folder (database, server log).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE=e2e
case "${1:-}" in
  --screens) MODE=screens; shift ;;
  --shell) MODE=shell; shift ;;
esac
EMPTY=0
[ "${1:-}" = --empty ] && { EMPTY=1; shift; }
export RETURNDESK_NOW="${RETURNDESK_NOW:-2026-10-11T10:00:00}"
FIX="$ROOT/tests/fixtures/e2e"

say() { echo "e2e: $*" >&2; }
finish() { # passed failed; the closing line is the last one printed (the CI reads it)
  declare -F cleanup >/dev/null && { cleanup; trap - EXIT; }
  echo "$1 passed, $2 failed"
  [ "$2" -eq 0 ] && [ "$1" -gt 0 ]
  exit $?
}

# What the run needs from Debian: the browser and the sqlite3 shell (to read the database).
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null || { say "cannot install ${missing[*]}"; finish 0 1; }
fi

# The engine (debug: shares the test build) and the UI (built only when a source is newer).
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  say "cargo build --bin returndesk"
  cargo build --quiet --bin returndesk || { say "cargo build failed"; finish 0 1; }
fi
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/returndesk"
if [ ! -d ui/node_modules ]; then (cd ui && npm ci --no-audit --no-fund) || { say "npm ci failed"; finish 0 1; }; fi
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/package.json ui/vite.config.ts -newer ui/dist/index.html -print -quit)" ]; then
  say "building the UI"
  (cd ui && npm run build --silent) || { say "UI build failed"; finish 0 1; }
fi

# A fresh database seeded by the real CLI: the store and its policy from files, the demo data
# (which also creates maria/1234 clerk and georgi/9999 manager: there is no CLI for users), the
# store again (demo-data rewrites S01) and the test receipts.
TMP="$(mktemp -d /tmp/returndesk-e2e.XXXXXX)"
DB="$TMP/desk.db"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  if [ "${E2E_KEEP:-0}" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
seed() {
  "$BIN" import store "$FIX/store-s01.json" --db "$DB" &&
    "$BIN" import policy "$FIX/policy.json" --store S01 --effective-from 2024-01-01 --db "$DB" &&
    "$BIN" demo-data --receipts 50 --db "$DB" &&
    "$BIN" import store "$FIX/store-s01.json" --db "$DB" &&
    "$BIN" import receipts "$FIX/receipts.jsonl" --db "$DB" &&
    # georgi approves up to 1000.00 (the queue's e2e: above it an administrator must approve)
    "$BIN" users set-limits --login georgi --approval-limit 1000.00 --db "$DB"
}
if [ "$EMPTY" = 1 ]; then
  DB="$TMP/empty.db"
else
  seed >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log" >&2; say "seeding failed"; finish 0 1; }
fi

# The server on a free port, on database $1 (log $2); its first line names the address.
start_server() {
  "$BIN" serve --db "$1" --port 0 --ui "$ROOT/ui/dist" >"$2" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 1 150); do
    URL="$(sed -n 's/^Return Desk is serving at \(http:[^ ]*\)$/\1/p' "$2" 2>/dev/null | head -1)"
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$URL" ] || ! curl -fsS "${URL}api/openapi.json" >/dev/null; then
    cat "$2" >&2
    say "the server did not start"
    finish 0 1
  fi
  say "serving at $URL (RETURNDESK_NOW=$RETURNDESK_NOW), database $1"
  export RETURNDESK_URL="$URL" RETURNDESK_DB="$1" RETURNDESK_BIN="$BIN" RETURNDESK_FIXTURES="$FIX"
}
start_server "$DB" "$TMP/serve.log"
export RETURNDESK_EMPTY="$EMPTY"

case "$MODE" in
  shell)
    say "Ctrl+C stops it"
    wait "$SERVER_PID"
    exit 0
    ;;
  screens)
    node scripts/ui-screens.mjs "$@"
    rc=$?
    [ $rc -eq 0 ] && finish 1 0 || finish 0 1
    ;;
esac

# run_suite FILE TAP [node --test args…]: adds the suite's counts to passed/failed
passed=0
failed=0
run_suite() {
  local file=$1 tap=$2
  shift 2
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "$@" $file
  local rc=$? p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -1)
  p=${p:-0}
  f=${f:-0}
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
  passed=$((passed + p))
  failed=$((failed + f))
}

# The desk and the approval queue across two desks, on the seeded database.
run_suite "ui/e2e/desk.e2e.mjs ui/e2e/queue.e2e.mjs" "$TMP/e2e.tap" "$@"
# Warranty claims from intake to settlement, after them on the same database (their claims are earlier claims here).
run_suite ui/e2e/claims.e2e.mjs "$TMP/claims.tap" "$@"
# Paid repair orders (post-warranty), on the same database.
run_suite ui/e2e/repairs.e2e.mjs "$TMP/repairs.tap" "$@"
# ---- Issue 14: vouchers ---- store credit issued by a return, then spent and voided, on the same database.
run_suite ui/e2e/vouchers.e2e.mjs "$TMP/vouchers.tap" "$@"
# ---- Issue 14: exchanges (imports its own priced products and receipt with the CLI) ----
run_suite ui/e2e/exchanges.e2e.mjs "$TMP/exchanges.tap" "$@"
# ---- Issue 14: noreceipt ---- returns without a receipt and goodwill, on the same database (their own receipts).
run_suite ui/e2e/noreceipt.e2e.mjs "$TMP/noreceipt.tap" "$@"
# words on the screen (issue 16): its own receipts, imported by the CLI
run_suite ui/e2e/words.e2e.mjs "$TMP/words.tap" "$@"
# Issue 16: the counter at 1024×768 by keyboard and scanner alone (its own receipts; before paper, which publishes a policy).
run_suite ui/e2e/counter.e2e.mjs "$TMP/counter.tap" "$@"
# ---- Issue 13: eod ---- a cash return on the clerk's end of day, its PDF, a manager's whole store.
run_suite ui/e2e/endofday.e2e.mjs "$TMP/endofday.tap" "$@"
# ---- Issue 13: feedback ---- the customer display in a second window, the customer's rating, the manager's figures (its own receipts).
run_suite ui/e2e/feedback.e2e.mjs "$TMP/feedback.tap" "$@"
# Issue 16: each error code a person can meet, brought about through the screens and its sentence checked (its own receipts; before paper).
run_suite ui/e2e/errors.e2e.mjs "$TMP/errors.tap" "$@"
# ---- Issue 13: reports ---- a return counted on the Reports screen, a table exported as CSV (its own receipt).
run_suite ui/e2e/reports.e2e.mjs "$TMP/reports.tap" "$@"
# ---- Issue 16: the paper ---- the store's details and the policy saved in Settings, a slip's number scanned (last: it publishes a policy).
run_suite ui/e2e/paper.e2e.mjs "$TMP/paper.tap" "$@"
desk_failed=$failed

# People at the desk on an EMPTY database: the first run sets up the store and its administrator.
kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""
start_server "$TMP/people.db" "$TMP/serve-people.log"
run_suite ui/e2e/people.e2e.mjs "$TMP/people.tap" "$@"

if [ "$failed" -gt 0 ]; then
  [ "$desk_failed" -gt 0 ] && say "server log: $TMP/serve.log"
  [ "$failed" -gt "$desk_failed" ] && say "server log: $TMP/serve-people.log"
  E2E_KEEP=1
fi
finish "$passed" "$failed"
