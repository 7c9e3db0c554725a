#!/usr/bin/env bash
# Checks our client against FastMCP 4 (Python) servers written both ways, in both protocol eras:
# installs FastMCP into a virtual environment (cached) from the machine's Python package store, then
# runs test/python/*.test.ts. Not part of npm test: it needs pip's package store, not only npm.
#
#   npm run test:fastmcp        # FASTMCP_VERSION (default 4.0.10), PIP_INDEX_URL to override the store
set -euo pipefail
cd "$(dirname "$0")/.."
FASTMCP_VERSION=${FASTMCP_VERSION:-4.0.10}
BASE=${AGENTCORE_MCP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentcore-mcp-client}
VENV="$BASE/fastmcp-$FASTMCP_VERSION"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import fastmcp, sys; sys.exit(fastmcp.__version__ != '$FASTMCP_VERSION')" 2>/dev/null; then
  rm -rf "$VENV"; python3 -m venv "$VENV"
  # pip waits on an unreachable default index unless it is told the local store's (see pip config list).
  index=${PIP_INDEX_URL:-$(pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\([^ ']*\).*/\1/p" | head -1)}
  echo "[fastmcp] pip install fastmcp==$FASTMCP_VERSION${index:+ from $index}" >&2
  "$VENV/bin/pip" install -q ${index:+--index-url "$index"} "fastmcp==$FASTMCP_VERSION" 2>&1 | { grep -v "^WARNING: Location" || true; }
fi
node scripts/build.mjs
npx tsc -p test
FASTMCP_PYTHON="$VENV/bin/python" npx mocha --timeout 60000 'out/test/python/**/*.test.js'
