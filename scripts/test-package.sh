#!/usr/bin/env bash
# The installable package, end to end: builds the .deb (scripts/package-deb.sh --debug, reusing
# the debug build the test has just made), reads its contents and control data, installs it with
# apt-get (its dependencies resolve), runs the INSTALLED `returndesk --version`, serves the
# installed UI with the installed `returndesk serve`, starts the installed desk window under Xvfb,
# waits for the window titled "Return Desk", photographs it (docs/screens/package-window.png),
# and removes the package. Prints "N passed, M failed". Needs root (or sudo) for apt-get.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh
work=$(mktemp -d)
installed=
cleanup() {
  [ -n "$installed" ] && as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq return-desk >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
passed=0; failed=0
check() { # check NAME CONDITION…
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   - $name"; else failed=$((failed + 1)); echo "FAIL - $name"; fi
}
t0=$(date +%s)

# The command line that `cargo test` built in scripts/test.sh (when there is one): packaged as it is.
cli="${CARGO_TARGET_DIR:-target}/debug/returndesk"
[ -x "$cli" ] && export RETURNDESK_CLI="$cli"
deb=$(bash scripts/package-deb.sh --debug | tail -1)
echo "package: $deb ($(du -h "$deb" 2>/dev/null | cut -f1)), built in $(( $(date +%s) - t0 )) s"
check "the .deb was built" test -f "$deb"
[ -f "$deb" ] || { echo "package: $passed passed, $failed failed"; exit 1; }
dpkg-deb -c "$deb" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }' | sed -E 's|^(\./\|/)?|/|' >"$work/files"
dpkg-deb -f "$deb" >"$work/control"
has() { grep -qx -- "$1" "$work/files"; }
check "it holds the desk window /usr/bin/returndesk-desk" has /usr/bin/returndesk-desk
check "it holds the command line /usr/bin/returndesk" has /usr/bin/returndesk
check "it holds a desktop entry" grep -q '^/usr/share/applications/.*\.desktop$' "$work/files"
check "it holds the icons" grep -q '^/usr/share/icons/hicolor/128x128/apps/' "$work/files"
check "it holds the licence /usr/share/doc/return-desk/copyright" has /usr/share/doc/return-desk/copyright
check "it holds the web UI for returndesk serve" has /usr/share/returndesk/ui/index.html
check "its control names the package return-desk" grep -qx 'Package: return-desk' "$work/control"
check "it depends on WebKitGTK 4.1 and GTK 3" grep -q '^Depends:.*libwebkit2gtk-4.1-0.*libgtk-3-0' "$work/control"

log "installing $deb"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 && installed=1
check "apt-get installs it" test -n "$installed"
check "dpkg knows it as installed" sh -c "dpkg-query -W -f='\${Status}' return-desk | grep -q 'install ok installed'"
version=$(/usr/bin/returndesk --version 2>&1)
check "the installed returndesk --version answers ($version)" test "$version" = "returndesk $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
desktop=$(grep -l 'returndesk-desk' /usr/share/applications/*.desktop 2>/dev/null | head -1)
check "the desktop entry starts returndesk-desk" sh -c "[ -n '$desktop' ] && grep -qx 'Exec=returndesk-desk' '$desktop' && grep -qx 'Name=Return Desk' '$desktop'"
check "the licence is installed" grep -q 'MIT' /usr/share/doc/return-desk/copyright

# The installed command line serves the installed UI (from /tmp: no ui/dist there).
(cd /tmp && HOME="$work/home" RETURNDESK_LOG_DIR="$work/logs" exec /usr/bin/returndesk serve --port 0 >"$work/serve.out" 2>"$work/serve.err") &
serve_pid=$!
for _ in $(seq 1 100); do grep -q 'serving at' "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
address=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' "$work/serve.out")
curl -s --max-time 5 -o "$work/page.html" "${address:-http://127.0.0.1:1/}"
kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null
check "the installed returndesk serve answers / with the UI's page" grep -q '<div id="app">' "$work/page.html"
check "it serves the UI from /usr/share/returndesk/ui" grep -q 'serving the UI from /usr/share/returndesk/ui' "$work/logs/"returndesk.log.*

# The installed window under Xvfb.
inner=$(cat <<'INNER'
set -u
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1
/usr/bin/returndesk-desk >"$WORK/desk.log" 2>&1 &
pid=$!
win=$(timeout 60 xdotool search --sync --name '^Return Desk$' | head -1)
echo "$win" >"$WORK/window"
[ -n "$win" ] && xdotool getwindowname "$win" >"$WORK/title"
for i in $(seq 1 160); do
  sleep 0.25
  import -window root "$WORK/window.png" 2>/dev/null || continue
  [ "$(identify -format %k "$WORK/window.png")" -gt 200 ] && break
done
sleep 1.5; import -window root "$WORK/window.png"
kill $pid 2>/dev/null; wait $pid 2>/dev/null
true
INNER
)
HOME="$work/home" RETURNDESK_LOG_DIR="$work/desk-logs" WORK="$work" \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c "$inner"
check "the installed desk opens a window" test -s "$work/window"
check "the window's title is Return Desk" test "$(cat "$work/title" 2>/dev/null)" = "Return Desk"
colours=$( [ -f "$work/window.png" ] && identify -format %k "$work/window.png" || echo 0)
check "the window paints the desk ($colours colours, not blank)" test "$colours" -gt 200
check "the installed desk writes its log in the logs folder" sh -c "grep -q 'desk window opening' '$work/desk-logs/'returndesk.log.*"
mkdir -p docs/screens
cp "$work/window.png" docs/screens/package-window.png 2>/dev/null

log "removing the package"
as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq return-desk >/dev/null 2>&1 && installed=
check "apt-get removes it" test -z "$installed"
check "nothing of it is left in /usr/bin" sh -c '! [ -e /usr/bin/returndesk ] && ! [ -e /usr/bin/returndesk-desk ]'
[ "$failed" -eq 0 ] || { echo "--- apt:"; tail -20 "$work/apt.log"; echo "--- serve:"; cat "$work/serve.err"; echo "--- desk:"; tail -20 "$work/desk.log" 2>/dev/null; }
echo "package test took $(( $(date +%s) - t0 )) s"
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
