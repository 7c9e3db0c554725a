#!/usr/bin/env bash
# Refreshes the README's screenshots from the real VS Code: the demo workbench, and pictures the
# integration tests took through the UI driver in the newest run (run `npm run test:integration` first).
set -euo pipefail
cd "$(dirname "$0")/.."
run=$(ls -td .vscode-test/runs/tests-* 2>/dev/null | head -1)
[ -n "$run" ] || { echo "no integration test run found: run npm run test:integration first" >&2; exit 1; }
mkdir -p media/screenshots
for name in elicitation-question elicitation-review-all-fields sampling-consent url-elicitation-consent result-view tree-error traffic-panel testing-view agentcore-session modern-era-tree task-input-required tasks-node trust-workspace-connection deployed-runtime browse-runtimes found-mcp-json signed-in sign-in-page chat-agentcore-elicitation; do
  [ -f "$run/screenshots/$name.png" ] || { echo "missing $name.png in $run" >&2; exit 1; }
  cp "$run/screenshots/$name.png" "media/screenshots/$name.png"
done
node out/test/harness/demo.js --screenshot media/screenshots/demo.png
ls -la media/screenshots
