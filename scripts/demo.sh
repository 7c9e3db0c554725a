#!/usr/bin/env bash
# Sets up what the demo needs (npm dependencies, the offline VS Code; cached), builds the extension and
# opens it in code-server on 127.0.0.1 with demo connections. Extra arguments go to the demo
# (--port <n>, --screenshot <file>).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/setup-vscode.sh >/dev/null
node scripts/build.mjs
npx tsc -p test
exec node out/test/harness/demo.js "$@"
