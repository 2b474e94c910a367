#!/usr/bin/env bash
# Writes again what is generated from the command table (src/api/commands.rs) and the Rust
# types the commands take and answer:
#   docs/openapi.json                  the OpenAPI 3.1 document (also served at /api/openapi.json)
#   ui/src/lib/generated/commands.ts   each command's input/output types and HTTP form
#   ui/src/lib/generated/openapi.ts    the schemas as TypeScript (openapi-typescript)
# The test command fails when any of them is stale (tests/generated.rs, ui/tests/generated.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GENERATED=1 cargo test --quiet --test generated >/dev/null
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && node scripts/gen-api.mjs)
echo "generated: docs/openapi.json ui/src/lib/generated/commands.ts ui/src/lib/generated/openapi.ts"
