#!/usr/bin/env bash
# Start the desk binary under Xvfb (1280x800), screenshot the screen until the sign-in screen
# is painted, report the cold-start time. Usage: src-tauri/scripts/xvfb-screenshot.sh [BIN] [OUT.png]
# Needs: xvfb xauth imagemagick (apt). Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$here/target/release/returndesk-desk}"
OUT="${2:-$here/../docs/screens/tauri-signin.png}"
mkdir -p "$(dirname "$OUT")"
inner=$(cat <<'INNER'
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1
t0=$(date +%s.%N)
"$BIN" >/tmp/returndesk-desk.log 2>&1 &
pid=$!
for i in $(seq 1 120); do
  sleep 0.25
  import -window root /tmp/desk-shot.png 2>/dev/null || continue
  # the sign-in card is drawn when the screen has many distinct colours (blank ≈ 1-3)
  colors=$(identify -format %k /tmp/desk-shot.png)
  if [ "$colors" -gt 200 ]; then
    t1=$(date +%s.%N)
    sleep 1.5; import -window root "$OUT"
    echo "cold start to a painted window: $(echo "$t1 - $t0" | bc) s (colours $colors)"
    break
  fi
done
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
INNER
)
BIN="$BIN" OUT="$OUT" xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$inner"
echo "screenshot: $OUT"
