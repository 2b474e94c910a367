#!/usr/bin/env bash
# Runs every test of Return Desk on a Debian machine, installing what it needs first.
# `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_rust
ensure_apt_packages jq

log "engine: unit, conformance, invalid-case and property tests (and each benchmark once)"
cargo test --all-targets --locked
