#!/usr/bin/env bash
# Runs Return Desk on a Debian machine, installing what it needs first.
#
#   ./scripts/run.sh              the desk: its window where there is a display ($DISPLAY or
#                                 $WAYLAND_DISPLAY), else `returndesk serve` with the web UI at
#                                 the address it prints; on the store's database in the data folder
#                                 (~/.local/share/returndesk/returndesk.db). A first start shows the
#                                 Setup screen (the first store and its administrator).
#   ./scripts/run.sh --demo       the same on a separate demo database, filled with a demo store
#                                 (maria/1234 clerk, georgi/9999 manager, elena/4826 administrator)
#   ./scripts/run.sh --verbose    (with either) debug detail in the log, and on stderr
#   ./scripts/run.sh COMMAND …    any `returndesk` command instead: evaluate CASE.json, serve --port 0,
#                                 setup …, import receipts FILE, demo-data, --help …
#
# It installs the Debian packages it needs (WebKitGTK and GTK to build the window, Node.js and npm
# for the UI), a Rust toolchain when there is none, builds the UI (ui/dist) when its sources
# changed, and the release build of `returndesk` and the desktop app `returndesk-desk` (release:
# what a shop runs — a 12 MiB window that starts in a second, against 450 MiB and 3 s for debug;
# the first build takes ~15 min on 2 cores, after that cargo rebuilds nothing unless the code
# changed). RETURNDESK_PROFILE=debug builds and runs the debug build instead.
# Environment: CARGO_TARGET_DIR (where cargo builds), RETURNDESK_PORT (serve's port, default 8787),
# DATABASE_URL (another database, e.g. postgres://… for a chain).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

profile=${RETURNDESK_PROFILE:-release}
target=${CARGO_TARGET_DIR:-target}
case "$profile" in
  release) cargo_profile=(--release) ;;
  debug) cargo_profile=() ;;
  *) echo "run.sh: RETURNDESK_PROFILE is release or debug, not $profile" >&2; exit 2 ;;
esac

# The desk itself (no arguments, or only --demo/--verbose), or a returndesk command?
desk=1
desk_flags=()
for arg in "$@"; do
  case "$arg" in
    --demo | --verbose | -v) desk_flags+=("$arg") ;;
    *) desk= ;;
  esac
done

ensure_rust
if [ -z "$desk" ]; then
  # A returndesk command: the command line (and the UI, for serve).
  [ "${1:-}" = serve ] && ensure_ui
  cargo build "${cargo_profile[@]}" --locked --bin returndesk
  exec "$target/$profile/returndesk" "$@"
fi

ensure_ui
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  ensure_apt_packages libwebkit2gtk-4.1-dev libgtk-3-dev
  log "building returndesk and the desktop app ($profile)"
  cargo build "${cargo_profile[@]}" --locked --workspace --bins
  log "opening the desk window (log: ~/.local/share/returndesk/logs/)"
  # WebKitGTK's compositing needs a GPU that Xvfb and many VMs lack; the desk draws fine without.
  export WEBKIT_DISABLE_COMPOSITING_MODE=${WEBKIT_DISABLE_COMPOSITING_MODE:-1}
  exec "$target/$profile/returndesk-desk" "${desk_flags[@]}"
fi

log "no display: serving the desk (API and web UI) on 127.0.0.1 — open the address below in a browser"
cargo build "${cargo_profile[@]}" --locked --bin returndesk
exec "$target/$profile/returndesk" serve --ui "$PWD/ui/dist" --port "${RETURNDESK_PORT:-8787}" "${desk_flags[@]}"
