#!/usr/bin/env bash
# Runs Return Desk on a Debian machine, installing what it needs first.
# Today the engine's command line is what there is to run: it evaluates a demo return case
# and prints the decision. Pass your own arguments to run any `returndesk` command instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/setup.sh

ensure_rust
cargo build --release --locked --bin returndesk
if [ $# -eq 0 ]; then
  log "demo: evaluating tests/conformance/016-card-cap-then-cash.json"
  exec target/release/returndesk evaluate tests/conformance/016-card-cap-then-cash.json
fi
exec target/release/returndesk "$@"
