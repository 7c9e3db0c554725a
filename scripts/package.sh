#!/usr/bin/env bash
# Packages the extension: dist/agentcore-mcp-client.vsix. The README shipped inside leaves out the
# screenshots (media/screenshots, about 1 MB of PNG, which would more than double the .vsix); the
# repository's README keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
# vsce runs the build itself (vscode:prepublish in package.json), as it does for `npx vsce package`.
mkdir -p dist/package
grep -v '^!\[' README.md > dist/package/README.md
npx vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links \
  --readme-path dist/package/README.md -o dist/agentcore-mcp-client.vsix
