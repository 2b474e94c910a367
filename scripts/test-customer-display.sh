#!/usr/bin/env bash
# The customer display in the real desktop app under Xvfb (issue 13): a clerk signs in through the
# real window (xdotool), presses the header's "Customer display" button, and a second window of
# the app opens on the customer view; it reaches the engine (watch_customer, in the app's command
# log) and paints the welcome. Needs the desk built: cargo build -p returndesk-desk (after the UI).
# Prints "N passed, M failed". Screenshots: $SHOTS (default /tmp/customer-display).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${DESK_BIN:-${CARGO_TARGET_DIR:-target}/debug/returndesk-desk}
CLI=${CLI_BIN:-${CARGO_TARGET_DIR:-target}/debug/returndesk}
SHOTS=${SHOTS:-/tmp/customer-display}
mkdir -p "$SHOTS"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { # check NAME CONDITION…
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   - $name"; else failed=$((failed + 1)); echo "FAIL - $name"; fi
}

"$CLI" demo-data --receipts 50 --db "$work/desk.db" >/dev/null

inner=$(cat <<'INNER'
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1
"$BIN" >"$WORK/desk.log" 2>&1 &
pid=$!
for i in $(seq 1 160); do
  sleep 0.25
  import -window root "$WORK/signin.png" 2>/dev/null || continue
  [ "$(identify -format %k "$WORK/signin.png")" -gt 200 ] && break
done
sleep 1
win=$(xdotool search --sync --name "Return Desk" | head -1)
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
xdotool type --delay 40 "maria"; xdotool key Return
xdotool type --delay 40 "1234"; xdotool key Return
sleep 3
import -window root "$WORK/desk.png"
# the header's customer-display button (right of the languages, left of the lock)
xdotool mousemove --window "$win" 1134 30 click 1
for i in $(seq 1 40); do
  sleep 0.25
  xdotool search --name "customer display" >/dev/null 2>&1 && break
done
sleep 3
xdotool search --name "customer display" > "$WORK/customer-windows.txt" 2>/dev/null
cw=$(head -1 "$WORK/customer-windows.txt")
[ -n "$cw" ] && import -window "$cw" "$WORK/customer.png"
kill $pid 2>/dev/null; wait $pid 2>/dev/null
true
INNER
)
HOME="$work/home" DATABASE_URL="$work/desk.db" RETURNDESK_COMMAND_LOG="$work/commands.jsonl" \
  BIN="$BIN" WORK="$work" xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$inner"

colours() { [ -f "$1" ] && identify -format %k "$1" || echo 0; }
logged() { [ -f "$work/commands.jsonl" ] && jq -e -s "$1" "$work/commands.jsonl" >/dev/null; }
check "the clerk signed in through the real window" logged 'any(.[]; .command == "sign_in" and .ok)'
check "the desk publishes what its customer display shows" logged 'any(.[]; .command == "show_customer" and .ok)'
check "a second window of the app opened: the customer display" test -s "$work/customer-windows.txt"
check "the customer display reached the engine (watch_customer)" logged 'any(.[]; .command == "watch_customer" and .ok)'
check "the customer display painted (not blank)" test "$(colours "$work/customer.png")" -gt 50
cp "$work/desk.png" "$SHOTS/tauri-desk.png" 2>/dev/null
cp "$work/customer.png" "$SHOTS/tauri-customer-display.png" 2>/dev/null
[ "$failed" -eq 0 ] || { echo "--- commands:"; cat "$work/commands.jsonl" 2>/dev/null; echo "--- desk log:"; tail -20 "$work/desk.log"; }
echo "customer display: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
