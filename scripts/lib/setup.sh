# Shared setup for scripts/run.sh and scripts/test.sh: install what a fresh Debian machine lacks.
# Sourced, not run.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=
# ensure_apt_packages PKG…: installs the Debian packages that are not installed yet.
ensure_apt_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_rust: a Rust toolchain new enough for the workspace (rust-version in Cargo.toml).
ensure_rust() {
  if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
  if ! command -v cargo >/dev/null 2>&1; then
    log "installing the Rust toolchain (rustup)"
    ensure_apt_packages ca-certificates curl
    if apt-cache show rustup >/dev/null 2>&1; then
      ensure_apt_packages rustup
      rustup default stable
    else
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
      . "$HOME/.cargo/env"
    fi
  fi
  ensure_apt_packages build-essential pkg-config
}

# ensure_ui: the web UI built (ui/dist) from its current sources, for the desk window (which
# embeds it), `returndesk serve` and the package; `npm ci` only when the lock file changed, the
# build only when a source is newer than ui/dist. npm's chatter goes to stderr.
ensure_ui() {
  command -v npm >/dev/null 2>&1 || ensure_apt_packages nodejs npm
  if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    log "web UI: npm ci"
    (cd ui && npm ci --no-audit --no-fund >&2)
  fi
  if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/public ui/index.html ui/vite.config.ts ui/package.json ui/svelte.config.js -newer ui/dist/index.html -print -quit)" ]; then
    log "web UI: npm run build → ui/dist"
    (cd ui && npm run build >&2)
  fi
}
