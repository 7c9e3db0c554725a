#!/usr/bin/env bash
# The whole test suite: lint, type check, unit tests in plain Node, integration tests in a real VS Code.
# Installs what it needs first (npm dependencies, the offline VS Code; both cached).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/setup-vscode.sh >/dev/null
step() { echo; echo "=== $* ==="; }
step "lint";              npx eslint .
step "type check";        npx tsc -p . --noEmit
step "build";             node scripts/build.mjs
step "compile tests";     npx tsc -p test
step "unit tests";        npx mocha --config test/unit/.mocharc.json
step "scenario files (agentcore-mcp test)"; node dist/cli.js test test/scenarios
step "integration tests (real VS Code)"; node out/test/integration/run.js
