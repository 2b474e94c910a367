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
