#!/usr/bin/env bash
# The real desktop app under Xvfb: it starts, shows the sign-in screen, a clerk signs in and
# looks up a receipt by typing into the real window (xdotool), and its screenshots are checked
# to be the app, not a blank window. What the window did is read from the app's command log
# (RETURNDESK_COMMAND_LOG). Needs the desk built: cargo build -p returndesk-desk (after the UI).
# Prints "N passed, M failed". Screenshots: docs/screens/tauri-{signin,lookup}.png.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${DESK_BIN:-${CARGO_TARGET_DIR:-target}/debug/returndesk-desk}
CLI=${CLI_BIN:-${CARGO_TARGET_DIR:-target}/debug/returndesk}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { # check NAME CONDITION…
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   - $name"; else failed=$((failed + 1)); echo "FAIL - $name"; fi
}

"$CLI" demo-data --receipts 200 --db "$work/desk.db" >/dev/null
number=$(sqlite3 "$work/desk.db" "SELECT number FROM receipts WHERE store_code = 'S01' ORDER BY id DESC LIMIT 1")
echo "desk database with demo data; receipt to look up: $number"

inner=$(cat <<'INNER'
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1
painted() { # waits until the screen shows many colours (a blank window has 1-3)
  for i in $(seq 1 160); do
    sleep 0.25
    import -window root "$1" 2>/dev/null || continue
    [ "$(identify -format %k "$1")" -gt 200 ] && return 0
  done
  return 1
}
t0=$(date +%s%N)
"$BIN" >"$WORK/desk.log" 2>&1 &
pid=$!
if painted "$WORK/signin.png"; then
  echo "cold start to a painted window: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  sleep 1; import -window root "$WORK/signin.png"
  win=$(xdotool search --sync --name "Return Desk" | head -1)
  xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
  xdotool type --delay 40 "maria"; xdotool key Return
  xdotool type --delay 40 "1234"; xdotool key Return
  sleep 2.5
  xdotool type --delay 20 "$NUMBER"; xdotool key Return
  sleep 2.5
  import -window root "$WORK/lookup.png"
fi
kill $pid 2>/dev/null; wait $pid 2>/dev/null
true
INNER
)
HOME="$work/home" DATABASE_URL="$work/desk.db" RETURNDESK_COMMAND_LOG="$work/commands.jsonl" \
  BIN="$BIN" WORK="$work" NUMBER="$number" \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$inner"

colours() { [ -f "$1" ] && identify -format %k "$1" || echo 0; }
check "the window paints the sign-in screen (not blank)" test "$(colours "$work/signin.png")" -gt 200
logged() { [ -f "$work/commands.jsonl" ] && jq -e -s "$1" "$work/commands.jsonl" >/dev/null; }
check "signing in through the real window reaches the engine" logged 'any(.[]; .command == "sign_in" and .ok)'
check "the receipt typed into the real window is found" logged "any(.[]; .command == \"lookup_receipt\" and .ok and .number == \"$number\")"
check "the screen after the lookup is the app (not blank)" test "$(colours "$work/lookup.png")" -gt 200
check "the lookup changed what the window shows" test "$(compare -metric AE "$work/signin.png" "$work/lookup.png" null: 2>&1 | cut -d' ' -f1)" -gt 10000

logged_in() { [ -f "$1" ] && jq -e -s "$2" "$1" >/dev/null; }
# The same window on an EMPTY store database: the first run's set-up, not a sign-in with demo PINs.
setup_inner=$(cat <<'INNER'
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1
"$BIN" >"$WORK/desk-empty.log" 2>&1 &
pid=$!
for i in $(seq 1 160); do
  sleep 0.25
  import -window root "$WORK/setup.png" 2>/dev/null || continue
  [ "$(identify -format %k "$WORK/setup.png")" -gt 200 ] && break
done
sleep 1.5; import -window root "$WORK/setup.png"
kill $pid 2>/dev/null; wait $pid 2>/dev/null
true
INNER
)
HOME="$work/home-empty" DATABASE_URL="$work/empty.db" RETURNDESK_COMMAND_LOG="$work/commands-empty.jsonl" \
  BIN="$BIN" WORK="$work" xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$setup_inner"
check "an empty database opens the set-up screen in the window" test "$(colours "$work/setup.png")" -gt 200
check "the window asked the engine whether the desk needs setting up" \
  logged_in "$work/commands-empty.jsonl" 'any(.[]; .command == "setup_status" and .ok)'
check "the empty database was left empty (no demo store, no demo PINs)" \
  test "$(sqlite3 "$work/empty.db" "SELECT (SELECT count(*) FROM stores) + (SELECT count(*) FROM users)")" = 0
check "the set-up screen differs from the sign-in screen" test "$(compare -metric AE "$work/signin.png" "$work/setup.png" null: 2>&1 | cut -d' ' -f1)" -gt 10000

mkdir -p docs/screens
cp "$work/setup.png" docs/screens/tauri-setup.png 2>/dev/null
cp "$work/signin.png" docs/screens/tauri-signin.png 2>/dev/null
cp "$work/lookup.png" docs/screens/tauri-lookup.png 2>/dev/null
[ "$failed" -eq 0 ] || { echo "--- commands:"; cat "$work/commands.jsonl" "$work/commands-empty.jsonl" 2>/dev/null; echo "--- desk log:"; tail -20 "$work/desk.log"; }
echo "desktop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
