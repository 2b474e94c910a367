#!/usr/bin/env bash
# Builds the installable Debian package of Return Desk with the Tauri bundler (the npm package
# @tauri-apps/cli, a devDependency of ui/, so it comes from the npm registry with the UI's other
# packages). The package `return-desk` holds:
#   /usr/bin/returndesk-desk                    the desk window (the UI embedded in it)
#   /usr/share/applications/Return Desk.desktop its desktop entry, and its icons in /usr/share/icons
#   /usr/bin/returndesk                         the command line (setup, users, import, serve, …)
#   /usr/share/returndesk/ui                    the web UI that `returndesk serve` serves
#   /usr/share/doc/return-desk/copyright        the licence (MIT)
# and depends on WebKitGTK 4.1 and GTK 3 (apt resolves them).
#
#   scripts/package-deb.sh           the release build; prints the .deb's path on stdout
#                                    (target/release/bundle/deb/return-desk_0.1.0_amd64.deb)
#   scripts/package-deb.sh --debug   the debug build (what scripts/test-package.sh uses: it reuses
#                                    the test's debug build instead of a 15-minute release build)
#
# Install: sudo apt-get install ./return-desk_0.1.0_amd64.deb   Remove: sudo apt-get remove return-desk
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

profile=release
tauri_flags=()
cargo_flags=(--release)
if [ "${1:-}" = --debug ]; then profile=debug; tauri_flags=(--debug); cargo_flags=(); fi
target=${CARGO_TARGET_DIR:-target}
target=$(cd "$(dirname "$target")" && pwd)/$(basename "$target")

ensure_rust
ensure_apt_packages libwebkit2gtk-4.1-dev libgtk-3-dev
ensure_ui   # npm ci brings the Tauri CLI too

# RETURNDESK_CLI names a returndesk binary already built (scripts/test-package.sh passes the one
# `cargo test` built: building it again here would recompile the engine with other features).
cli=${RETURNDESK_CLI:-}
if [ -z "$cli" ]; then
  log "building the command line returndesk ($profile)"
  cargo build "${cargo_flags[@]}" --locked --bin returndesk >&2
  cli="$target/$profile/returndesk"
fi
cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")

log "bundling the .deb with the Tauri bundler ($profile)"
# The command line's path depends on the target folder, so it is given here; everything else
# (desktop entry, icons, licence, UI files) is in src-tauri/tauri.conf.json's bundle.
rm -f "$target/$profile/bundle/deb/"*.deb
ui/node_modules/.bin/tauri build "${tauri_flags[@]}" --bundles deb --ci \
  --config "{\"bundle\":{\"linux\":{\"deb\":{\"files\":{\"/usr/bin/returndesk\":\"$cli\"}}}}}" >&2
# The bundler names the file after the product ("Return Desk_…"); Debian's convention is the package's name.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
deb="$target/$profile/bundle/deb/return-desk_${version}_$(dpkg --print-architecture).deb"
mv "$target/$profile/bundle/deb/Return Desk_"*.deb "$deb"
log "built $deb ($(du -h "$deb" | cut -f1))"
echo "$deb"
